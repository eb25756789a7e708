/**
 * `supabase db lint` (plpgsql_check) on the migrated database: no errors at
 * `--level error --fail-on error`; every warning at `--level warning` is explained in a
 * `-- supabase db lint` comment right above its function in supabase/schemas/; and a
 * function with an error does make the lint fail. The throwaway cluster preloads
 * plpgsql_check (tests/support/cluster.ts) and the test creates the extension.
 * Without the CLI this fails on CI (CI=true) and is skipped with a warning elsewhere.
 *
 * `deno task db:lint` runs the lint at warning level on a throwaway cluster and prints it.
 */
import assert from "node:assert/strict";
import { migrate } from "../../shared/db/migrate.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import { CLI_MISSING, supabaseCliVersion } from "../../shared/dev/db_types.ts";
import { startCluster } from "../support/cluster.ts";
import { freshPostgres, postgresAvailable } from "../support/databases.ts";

const ROOT = new URL("../../", import.meta.url);
const SCHEMAS = new URL("supabase/schemas/", ROOT);

/**
 * The lint calls plpgsql_check_function() unqualified, so the extension goes in the first
 * schema of the search path (public), in the throwaway database only: it is a tool, not
 * part of PayTrack's schema (a copy in `extensions` makes the CLI fail: function not found).
 */
const CREATE_PLPGSQL_CHECK = "create extension if not exists plpgsql_check";

/** One function's findings, as `supabase db lint` prints them (JSON). */
export interface LintResult {
  function: string;
  issues: {
    level: string;
    message: string;
    detail?: string;
    statement?: { lineNumber?: string };
  }[];
}

/** Runs `supabase db lint` against a database; the exit code, the findings and what it printed. */
export async function dbLint(
  url: string,
  level: "warning" | "error",
): Promise<{ code: number; results: LintResult[]; output: string }> {
  const plain = new URL(url);
  plain.searchParams.set("sslmode", "disable");
  const out = await new Deno.Command("supabase", {
    args: [
      "db",
      "lint",
      `--remote=${plain}`,
      "--level",
      level,
      "--fail-on",
      "error",
      "--workdir",
      ROOT.pathname,
    ],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  const json = stdout.slice(Math.max(0, stdout.indexOf("[")));
  let results: LintResult[] = [];
  if (json.trim().startsWith("[")) results = JSON.parse(json.slice(0, json.lastIndexOf("]") + 1));
  return { code: out.code, results, output: stdout + stderr };
}

/** Functions whose definition in supabase/schemas/ has no `-- supabase db lint` comment right above it. */
async function unexplained(functions: string[]): Promise<string[]> {
  const texts: string[] = [];
  for await (const entry of Deno.readDir(SCHEMAS)) {
    if (entry.name.endsWith(".sql")) {
      texts.push(await Deno.readTextFile(new URL(entry.name, SCHEMAS)));
    }
  }
  return functions.filter((fn) => {
    const header = new RegExp(
      `((?:^--.*\\n)*)^create (?:or replace )?function ${fn.replace(".", "\\.")}\\(`,
      "im",
    );
    const found = texts.map((text) => text.match(header)).find((m) => m);
    return !found || !/supabase db lint/i.test(found[1]);
  });
}

function describe(results: LintResult[]): string {
  return results.flatMap((r) =>
    r.issues.map((i) =>
      `${r.function} (line ${i.statement?.lineNumber ?? "?"}): ${i.level}: ${i.message}${
        i.detail ? ` (${i.detail})` : ""
      }`
    )
  ).join("\n");
}

if (import.meta.main) {
  if (!(await supabaseCliVersion())) {
    console.error(CLI_MISSING);
    Deno.exit(1);
  }
  const cluster = await startCluster();
  try {
    const client = postgresClient(cluster.url, { max: 1 });
    await migrate(client);
    await client.query(CREATE_PLPGSQL_CHECK);
    await client.close();
    const { code, results, output } = await dbLint(cluster.url, "warning");
    if (results.length) console.log(describe(results));
    else console.log(code === 0 ? "supabase db lint: nothing to report." : output);
    Deno.exitCode = code;
  } finally {
    await cluster.stop();
  }
}

const cli = await supabaseCliVersion();
const onCi = Deno.env.get("CI") === "true";
const postgres = !import.meta.main && await postgresAvailable(); // run as a task: no test server
if (!cli && !onCi && !import.meta.main) console.warn(`Skipping supabase db lint. ${CLI_MISSING}`);

Deno.test({
  name: "supabase db lint: no errors, every warning explained, and an error fails it",
  ignore: import.meta.main || !postgres || (!cli && !onCi),
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    assert.ok(cli, CLI_MISSING);
    const db = await freshPostgres();
    try {
      // Our throwaway cluster (this file's, or on CI the suite's) preloads it; a server of your own may not.
      if (db.cluster || onCi) {
        const [row] = await db.client.query<{ libraries: string }>(
          "select current_setting('shared_preload_libraries') as libraries",
        );
        assert.match(
          row.libraries,
          /plpgsql_check/,
          "the throwaway cluster preloads plpgsql_check",
        );
      }
      await db.client.query(CREATE_PLPGSQL_CHECK);

      await t.step("--level error --fail-on error passes", async () => {
        const lint = await dbLint(db.url!, "error");
        assert.equal(
          lint.code,
          0,
          `supabase db lint found errors:\n${describe(lint.results)}\n${lint.output}`,
        );
        assert.deepEqual(lint.results, []);
      });

      await t.step(
        "each warning has a `-- supabase db lint` comment above its function",
        async () => {
          const lint = await dbLint(db.url!, "warning");
          assert.equal(lint.code, 0, lint.output);
          const missing = await unexplained(lint.results.map((r) => r.function));
          assert.deepEqual(
            missing,
            [],
            `fix these warnings (a new migration and the schema file) or explain them in a ` +
              `"-- supabase db lint" comment right above the function in supabase/schemas/:\n` +
              describe(lint.results.filter((r) => missing.includes(r.function))),
          );
        },
      );

      await t.step("a function with an error makes it fail", async () => {
        await db.client.query(
          `create function private.lint_canary() returns void language plpgsql set search_path to ''
             as $$ begin perform no_such_column from public.shops; end $$`,
        );
        const lint = await dbLint(db.url!, "error");
        assert.notEqual(lint.code, 0, "--fail-on error exits non-zero");
        assert.deepEqual(lint.results.map((r) => r.function), ["private.lint_canary"]);
        assert.match(describe(lint.results), /no_such_column/);
      });
    } finally {
      await db.close();
    }
  },
});
