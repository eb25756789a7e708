/** Opens the ledger the configuration selects: Supabase, a Postgres URL, or embedded PGlite. */
import { type Config, databaseChoice } from "../config/config.ts";
import { Ledger } from "./ledger.ts";
import type { SqlClient } from "./sql_client.ts";
import { SqlTransport } from "./sql_transport.ts";
import { supabaseTransport } from "./supabase_transport.ts";

/** Options for {@link openLedger}. */
export interface OpenOptions {
  /** Apply pending migrations first (local Postgres and PGlite only; Supabase uses `supabase db push`). */
  migrate?: boolean;
}

/** The local-only modules, typed by hand so no type import pulls them into the edge graph. */
interface PostgresModule {
  postgresClient(url: string): SqlClient;
}
interface EmbeddedModule {
  openEmbedded(dataDir: string): Promise<SqlClient>;
}
interface MigrateModule {
  migrate(client: SqlClient): Promise<string[]>;
}

/** A ledger over the configured database, and a description of it for start-up logs. */
export async function openLedger(
  config: Config,
  options: OpenOptions = {},
): Promise<{ ledger: Ledger; where: string }> {
  const choice = databaseChoice(config);
  if (choice.kind === "supabase") {
    return {
      ledger: new Ledger(supabaseTransport(choice.url, choice.serviceRoleKey)),
      where: `Supabase project ${new URL(choice.url).host}`,
    };
  }
  const client = choice.kind === "postgres"
    ? (await localOnly<PostgresModule>("./postgres_client.ts")).postgresClient(choice.url)
    : await (await localOnly<EmbeddedModule>("./embedded.ts")).openEmbedded(choice.dataDir);
  if (options.migrate) await (await localOnly<MigrateModule>("./migrate.ts")).migrate(client);
  const where = choice.kind === "postgres"
    ? `PostgreSQL at ${new URL(choice.url).host}${new URL(choice.url).pathname}`
    : `embedded PGlite in ${choice.dataDir}`;
  return { ledger: new Ledger(new SqlTransport(client)), where };
}

/**
 * Imports a module the edge function never needs (PGlite is 25 MB of WebAssembly;
 * postgres.js). The specifier is not a literal, so bundlers leave it out of the
 * function's 20 MB bundle; local runs load it on demand.
 */
function localOnly<T>(specifier: string): Promise<T> {
  return import(new URL(specifier, import.meta.url).href) as Promise<T>;
}
