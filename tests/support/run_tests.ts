/**
 * `deno task test`: starts one throwaway PostgreSQL cluster for the whole run (unless
 * DATABASE_URL or PAYTRACK_TEST_PG names a server), runs `deno test` with it, and stops
 * it. Without PostgreSQL binaries the suite runs on PGlite only and says so, except under
 * CI=true, where it fails: CI must exercise real PostgreSQL.
 * Extra arguments go to `deno test` (e.g. a file or `--filter`).
 */
import { findPgBin, startCluster } from "./cluster.ts";
import { underCi } from "./databases.ts";

const env: Record<string, string> = { RUST_BACKTRACE: "0" };
let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
if (!Deno.env.get("PAYTRACK_TEST_PG") && !Deno.env.get("DATABASE_URL")) {
  if (await findPgBin()) {
    cluster = await startCluster();
    env.PAYTRACK_TEST_PG = cluster.url;
    console.log(`PostgreSQL: throwaway cluster on 127.0.0.1:${cluster.port}`);
  } else if (underCi()) {
    console.error(
      "CI=true: PostgreSQL server binaries not found (PG_BIN, pg_config --bindir, /usr/lib/postgresql/*/bin) and no DATABASE_URL; CI must test on real PostgreSQL, so the run fails. Install postgresql-15 (.ci/run does).",
    );
    Deno.exit(1);
  } else {
    console.log("PostgreSQL: no server binaries found; ledger tests run on embedded PGlite only.");
  }
} else {
  console.log("PostgreSQL: using the server in PAYTRACK_TEST_PG / DATABASE_URL");
}

const args = Deno.args.length ? Deno.args : ["tests/"];
let code = 1;
try {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "--allow-all", "--parallel", ...args],
    env,
    stdin: "null",
  }).spawn();
  code = (await child.status).code;
} finally {
  await cluster?.stop();
}
Deno.exit(code);
