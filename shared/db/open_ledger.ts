/** Opens the ledger the configuration selects: Supabase, a Postgres URL, or embedded PGlite. */
import { type Config, databaseChoice } from "../config/config.ts";
import { openEmbedded } from "./embedded.ts";
import { Ledger } from "./ledger.ts";
import { migrate } from "./migrate.ts";
import { postgresClient } from "./sql_client.ts";
import { SqlTransport } from "./sql_transport.ts";
import { supabaseTransport } from "./supabase_transport.ts";

/** Options for {@link openLedger}. */
export interface OpenOptions {
  /** Apply pending migrations first (local Postgres and PGlite only; Supabase uses `supabase db push`). */
  migrate?: boolean;
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
    ? postgresClient(choice.url)
    : await openEmbedded(choice.dataDir);
  if (options.migrate) await migrate(client);
  const where = choice.kind === "postgres"
    ? `PostgreSQL at ${new URL(choice.url).host}${new URL(choice.url).pathname}`
    : `embedded PGlite in ${choice.dataDir}`;
  return { ledger: new Ledger(new SqlTransport(client)), where };
}
