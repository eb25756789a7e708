/** `deno task db:migrate`: applies supabase/migrations to DATABASE_URL or the embedded folder. */
import { ConfigError, databaseChoice, loadConfig } from "../config/config.ts";
import { openEmbedded } from "../db/embedded.ts";
import { migrate } from "../db/migrate.ts";
import { postgresClient } from "../db/postgres_client.ts";

try {
  const config = loadConfig();
  const choice = databaseChoice(config);
  if (choice.kind === "supabase") {
    console.log("For a Supabase project, apply migrations with the supabase CLI: supabase db push");
    Deno.exit(0);
  }
  const client = choice.kind === "postgres"
    ? postgresClient(choice.url, { max: 1 })
    : await openEmbedded(choice.dataDir);
  try {
    const applied = await migrate(client);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
        : "Already up to date.",
    );
  } finally {
    await client.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    Deno.exit(1);
  }
  throw error;
}
