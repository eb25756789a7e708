/** `deno task db:migrate`: applies supabase/migrations to DATABASE_URL or the embedded folder. */
import { databaseChoice, loadConfig } from "../config/config.ts";
import { openEmbedded } from "../db/embedded.ts";
import { migrate } from "../db/migrate.ts";
import { postgresClient } from "../db/postgres_client.ts";
import { runMain } from "./run.ts";

// runMain: a bad variable or a data folder another process holds is one line and exit 1.
await runMain(async () => {
  const config = loadConfig();
  const choice = databaseChoice(config);
  if (choice.kind === "supabase") {
    console.log("For a Supabase project, apply migrations with the supabase CLI: supabase db push");
    return;
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
});
