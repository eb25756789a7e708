/**
 * The supabase CLI against plain PostgreSQL: `supabase migration up` applies every
 * migration to a fresh database and records it where our own migrator looks, and the
 * committed database.types.ts matches what `supabase gen types` makes of the result.
 * Without the CLI this fails on CI (CI=true) and is skipped with a warning elsewhere.
 */
import assert from "node:assert/strict";
import { migrate, readMigrations } from "../../shared/db/migrate.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import {
  applySupabaseRoles,
  CLI_MISSING,
  generateTypes,
  migrateWithCli,
  staleTypesMessage,
  supabaseCliVersion,
} from "../../shared/dev/db_types.ts";
import { freshPostgres, postgresAvailable, testServer } from "../support/databases.ts";

const cli = await supabaseCliVersion();
const onCi = Deno.env.get("CI") === "true";
const postgres = await postgresAvailable();
if (!cli && !onCi) console.warn(`Skipping the supabase CLI tests. ${CLI_MISSING}`);

/** A new, empty database on the test server; dropped by the returned `drop`. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = (await testServer())!;
  const name = `paytrack_cli_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgresClient(server.url, { max: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgresClient(server.url, { max: 1 });
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    },
  };
}

const SCHEMA_TABLES = `select table_name as name from information_schema.tables
  where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
const SERVICE_ROLE_FUNCTIONS = `select p.proname as name from pg_proc as p
  where p.pronamespace = 'public'::regnamespace
    and has_function_privilege('service_role', p.oid, 'execute') order by 1`;

Deno.test({
  name: "supabase CLI: migration up on plain Postgres, and database.types.ts is up to date",
  ignore: !postgres || (!cli && !onCi),
  async fn(t) {
    assert.ok(cli, CLI_MISSING);
    const db = await emptyDatabase();
    const client = postgresClient(db.url, { max: 1 });
    try {
      await t.step("supabase migration up applies every migration", async () => {
        await applySupabaseRoles(db.url);
        await migrateWithCli(db.url);
        const migrations = await readMigrations();
        const recorded = await client.query<{ version: string; name: string }>(
          "select version, name from supabase_migrations.schema_migrations order by version",
        );
        assert.deepEqual([...recorded], migrations.map(({ version, name }) => ({ version, name })));

        // The CLI builds the same schema as our migrator: same tables, same functions for the bot.
        const reference = await freshPostgres();
        try {
          for (const query of [SCHEMA_TABLES, SERVICE_ROLE_FUNCTIONS]) {
            const viaCli = (await client.query<{ name: string }>(query)).map((row) => row.name);
            const viaMigrate = (await reference.client.query<{ name: string }>(query)).map((row) =>
              row.name
            );
            assert.ok(viaCli.length >= 8);
            assert.deepEqual(viaCli, viaMigrate);
          }
        } finally {
          await reference.close();
        }
      });

      await t.step("our migrator agrees: nothing left to apply", async () => {
        assert.deepEqual(await migrate(client), []);
      });

      await t.step("the committed database.types.ts matches supabase gen types", async () => {
        assert.equal(await staleTypesMessage(await generateTypes(db.url)), null);
      });
    } finally {
      await client.close();
      await db.drop();
    }
  },
});
