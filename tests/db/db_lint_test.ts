/**
 * `supabase db lint` (plpgsql_check) on the migrated database: no errors at
 * `--level error --fail-on error`; every warning at `--level warning` is explained in a
 * `-- supabase db lint` comment right above its function in supabase/schemas/; and a
 * function with an error does make the lint fail. The throwaway cluster preloads
 * plpgsql_check (tests/support/cluster.ts) and the test creates the extension.
 * Without the CLI this fails on CI (CI=true) and is skipped with a warning elsewhere.
 *
 * The lint itself lives in shared/dev/db_lint.ts, which `deno task db:lint` runs as a script
 * (warning level, on a throwaway cluster, printed).
 */
import assert from "node:assert/strict";
import { CLI_MISSING, supabaseCliVersion } from "../../shared/dev/db_types.ts";
import {
  CREATE_PLPGSQL_CHECK,
  dbLint,
  describeLint as describe,
  unexplained,
} from "../../shared/dev/db_lint.ts";
import { freshPostgres, postgresAvailable } from "../support/databases.ts";

const cli = await supabaseCliVersion();
const onCi = Deno.env.get("CI") === "true";
const postgres = await postgresAvailable();
if (!cli && !onCi) console.warn(`Skipping supabase db lint. ${CLI_MISSING}`);

Deno.test({
  name: "supabase db lint: no errors, every warning explained, and an error fails it",
  ignore: !postgres || (!cli && !onCi),
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
