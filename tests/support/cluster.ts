/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp folder,
 * start on a free loopback port with fsync off, stop and delete when done (~1 s).
 */

/** A running throwaway cluster. */
export interface Cluster {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (a clean fast shutdown: committed data is kept) without deleting the folder, to simulate an outage. */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
  /** The same, synchronously (for an unload handler). */
  stopSync(): void;
}

async function run(cmd: string, args: string[], asPostgres: boolean): Promise<string> {
  const [command, argv] = asPostgres
    ? ["runuser", ["-u", "postgres", "--", cmd, ...args]]
    : [cmd, args];
  const out = await new Deno.Command(command, { args: argv, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed:\n${text}`);
  return text;
}

/**
 * The folder holding initdb/pg_ctl, or null when PostgreSQL is not installed. `PG_BIN`,
 * when set, is the only place looked at (so a test can also simulate a machine without).
 */
export async function findPgBin(): Promise<string | null> {
  const fromEnv = Deno.env.get("PG_BIN");
  if (fromEnv) return await hasServerBinaries(fromEnv) ? fromEnv : null;
  const candidates: string[] = [];
  try {
    const out = await new Deno.Command("pg_config", {
      args: ["--bindir"],
      stdout: "piped",
      stderr: "null",
    }).output();
    if (out.success) candidates.push(new TextDecoder().decode(out.stdout).trim());
  } catch { /* no pg_config */ }
  for (const version of ["18", "17", "16", "15"]) {
    candidates.push(`/usr/lib/postgresql/${version}/bin`);
  }
  for (const dir of candidates) {
    if (await hasServerBinaries(dir)) return dir;
  }
  return null;
}

async function hasServerBinaries(dir: string): Promise<boolean> {
  try {
    await Deno.stat(`${dir}/initdb`);
    await Deno.stat(`${dir}/pg_ctl`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Server-side libraries this machine has that tests need loaded at start:
 * plpgsql_check, which `supabase db lint` uses (Debian's postgresql-15-plpgsql-check;
 * tests/db/db_lint_test.ts), and pg_cron, the scheduler Supabase provides (Debian's
 * postgresql-15-cron; tests/db/schedule_test.ts, tests/dev/cron_install_test.ts). A library
 * that is not installed is left out, so the cluster still starts on a machine without it.
 */
export const PRELOAD_LIBRARIES = ["plpgsql_check", "pg_cron"];

/**
 * The settings a preloaded library needs. pg_cron keeps its jobs in the `postgres` database
 * (`create extension pg_cron` there; `cron.schedule_in_database` runs a job in any other) and
 * runs them in background workers rather than over libpq connections (no password, no
 * socket path to configure), so the cluster needs workers to spare for parallel tests.
 */
const LIBRARY_SETTINGS: Record<string, string[]> = {
  pg_cron: [
    "-c cron.database_name=postgres",
    "-c cron.use_background_workers=on",
    "-c cron.max_running_jobs=16",
    "-c max_worker_processes=40",
  ],
};

/** Which of {@link PRELOAD_LIBRARIES} this server has installed. */
export async function installedLibraries(bin: string): Promise<string[]> {
  const present: string[] = [];
  for (const library of PRELOAD_LIBRARIES) {
    try {
      await Deno.stat(`${bin}/../lib/${library}.so`);
      present.push(library);
    } catch { /* not installed for this server */ }
  }
  return present;
}

async function preloadOption(bin: string): Promise<string[]> {
  const present = await installedLibraries(bin);
  return present.length
    ? [
      `-c shared_preload_libraries=${present.join(",")}`,
      ...present.flatMap((library) => LIBRARY_SETTINGS[library] ?? []),
    ]
    : [];
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Starts a fresh cluster. Runs initdb as the `postgres` user when we are root. */
export async function startCluster(bin?: string): Promise<Cluster> {
  const dir = bin ?? await findPgBin();
  if (!dir) {
    throw new Error("PostgreSQL server binaries not found (set PG_BIN or install postgresql)");
  }
  const asPostgres = Deno.uid?.() === 0;
  const root = await Deno.makeTempDir({ prefix: "paytrack-pg-" });
  if (asPostgres) await run("chown", ["postgres", root], false);
  const dataDir = `${root}/data`;
  await run(`${dir}/initdb`, [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ], asPostgres);
  const port = freePort();
  const options = [
    `-c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${root}`,
    `-c max_connections=200 -c shared_buffers=128MB`,
    ...await preloadOption(dir),
  ].join(" ");
  const start = () =>
    run(
      `${dir}/pg_ctl`,
      ["-D", dataDir, "-o", options, "-l", `${root}/server.log`, "-w", "start"],
      asPostgres,
    );
  const stopServer = () =>
    run(`${dir}/pg_ctl`, ["-D", dataDir, "-m", "immediate", "-w", "stop"], asPostgres);
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async pause() {
      // Fast, not immediate: with synchronous_commit off an immediate stop would lose commits.
      await run(`${dir}/pg_ctl`, ["-D", dataDir, "-m", "fast", "-w", "stop"], asPostgres);
      running = false;
    },
    async resume() {
      await start();
      running = true;
    },
    async stop() {
      if (running) await stopServer().catch(() => {});
      running = false;
      await Deno.remove(root, { recursive: true }).catch(() => {});
    },
    stopSync() {
      if (running) {
        const args = [`${dir}/pg_ctl`, "-D", dataDir, "-m", "immediate", "-w", "stop"];
        const [command, argv] = asPostgres
          ? ["runuser", ["-u", "postgres", "--", ...args]]
          : [args[0], args.slice(1)];
        new Deno.Command(command, { args: argv, stdout: "null", stderr: "null" }).outputSync();
        running = false;
      }
      try {
        Deno.removeSync(root, { recursive: true });
      } catch { /* already gone */ }
    },
  };
}
