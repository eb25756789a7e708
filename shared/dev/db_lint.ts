/**
 * `deno task db:lint`: `supabase db lint` (plpgsql_check) at warning level on a throwaway
 * cluster with every migration applied, printed. tests/db/db_lint_test.ts runs the same
 * lint ({@link dbLint}) in the suite: no errors, every warning explained in a
 * `-- supabase db lint` comment above its function in supabase/schemas/.
 */
import { migrate } from "../db/migrate.ts";
import { postgresClient } from "../db/postgres_client.ts";
import { CLI_MISSING, supabaseCliVersion } from "./db_types.ts";
import { startCluster } from "../../tests/support/cluster.ts";

const ROOT = new URL("../../", import.meta.url);
const SCHEMAS = new URL("supabase/schemas/", ROOT);

/**
 * The lint calls plpgsql_check_function() unqualified, so the extension goes in the first
 * schema of the search path (public), in the throwaway database only: it is a tool, not
 * part of PayTrack's schema (a copy in `extensions` makes the CLI fail: function not found).
 */
export const CREATE_PLPGSQL_CHECK = "create extension if not exists plpgsql_check";

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
export async function unexplained(functions: string[]): Promise<string[]> {
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

/** The findings, one line each: "public.f (line 3): warning: …". */
export function describeLint(results: LintResult[]): string {
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
    if (results.length) console.log(describeLint(results));
    else console.log(code === 0 ? "supabase db lint: nothing to report." : output);
    Deno.exitCode = code;
  } finally {
    await cluster.stop();
  }
}
