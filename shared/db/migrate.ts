/**
 * Applies supabase/migrations/*.sql in order to a plain Postgres or PGlite, recording
 * each in `supabase_migrations.schema_migrations`, the table the supabase CLI keeps,
 * so `supabase migration list/up` and this migrator agree on what is applied.
 */
import type { SqlClient } from "./sql_client.ts";

const MIGRATIONS_DIR = new URL("../../supabase/migrations/", import.meta.url);
const ROLES_SQL = new URL("./supabase_roles.sql", import.meta.url);
const ALREADY_APPLIED = "paytrack: migration already applied";

/** One migration file: `<version>_<name>.sql`. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Reads the migration files, oldest first. */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && /^\d+_.+\.sql$/.test(entry.name)) files.push(entry.name);
  }
  files.sort();
  return await Promise.all(files.map(async (file) => {
    const [, version, name] = file.match(/^(\d+)_(.+)\.sql$/)!;
    return { version, name, sql: await Deno.readTextFile(new URL(file, dir)) };
  }));
}

/**
 * Brings the database up to date and returns the versions it applied. Creates the
 * roles Supabase has (anon, authenticated, service_role) when they are missing.
 */
export async function migrate(client: SqlClient, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? await readMigrations();
  await client.execInTransaction(`
    select pg_advisory_xact_lock(hashtext('paytrack.migrate'));
    ${await Deno.readTextFile(ROLES_SQL)}
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text);`);
  const done = new Set(
    (await client.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    ))
      .map((row) => row.version),
  );
  const applied: string[] = [];
  for (const migration of all) {
    if (done.has(migration.version)) continue;
    const version = migration.version.replace(/\D/g, "");
    const name = migration.name.replace(/'/g, "''");
    try {
      // Under the lock, look again: another process may have applied it meanwhile.
      await client.execInTransaction(`
        select pg_advisory_xact_lock(hashtext('paytrack.migrate'));
        do $check$ begin
          if exists (select 1 from supabase_migrations.schema_migrations where version = '${version}') then
            raise exception '${ALREADY_APPLIED}';
          end if;
        end $check$;
        ${migration.sql}
        ;
        insert into supabase_migrations.schema_migrations (version, name) values ('${version}', '${name}');`);
      applied.push(migration.version);
    } catch (error) {
      if (!String((error as Error)?.message).includes(ALREADY_APPLIED)) throw error;
    }
  }
  return applied;
}
