/**
 * `deno task restore <file>`: restores a `deno task backup` file into the embedded database
 * folder (PAYTRACK_DATA_DIR), which must be empty: a restore never overwrites data.
 */
import { databaseChoice, loadConfig } from "../config/config.ts";
import { restoreEmbedded } from "../db/embedded.ts";
import { runMain, TaskError } from "./run.ts";

await runMain(async () => {
  const file = Deno.args[0];
  if (!file) throw new TaskError("Say which backup to restore: deno task restore <file>");
  const choice = databaseChoice(loadConfig());
  if (choice.kind !== "embedded") {
    throw new TaskError(
      "deno task restore restores the embedded database; PostgreSQL uses pg_restore or psql.",
    );
  }
  const backup = await Deno.readFile(file);
  await restoreEmbedded(choice.dataDir, backup);
  console.log(`Restored ${file} into ${choice.dataDir}.`);
});
