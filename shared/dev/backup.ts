/**
 * `deno task backup [file]`: a restorable copy of the embedded database (PAYTRACK_DATA_DIR) in
 * one file, `paytrack-backup-<date>.tar.gz` by default (PGlite's dump of its data folder). Stop
 * the bot first: the folder is locked while it runs. For PostgreSQL and Supabase, see the README
 * (pg_dump, Supabase's own backups).
 */
import { databaseChoice, loadConfig } from "../config/config.ts";
import { backupEmbedded } from "../db/embedded.ts";
import { runMain, TaskError } from "./run.ts";

await runMain(async () => {
  const choice = databaseChoice(loadConfig());
  if (choice.kind !== "embedded") {
    console.log(
      "deno task backup copies the embedded database. For PostgreSQL use pg_dump; a Supabase project has its own backups (README, Backups).",
    );
    return;
  }
  const file = Deno.args[0] ??
    `paytrack-backup-${new Date().toISOString().slice(0, 10)}.tar.gz`;
  const dump = await backupEmbedded(choice.dataDir);
  await Deno.writeFile(file, dump, { createNew: true }).catch((error) => {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new TaskError(`${file} exists already; name another file: deno task backup <file>`);
    }
    throw error;
  });
  console.log(`Backed up ${choice.dataDir} to ${file} (${(dump.length / 1024).toFixed(0)} KB).`);
});
