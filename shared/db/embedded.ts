/**
 * The zero-setup database: PGlite (Postgres compiled to WebAssembly) in a data folder,
 * guarded by an OS file lock so two processes never open the same folder (PGlite has
 * no lock of its own and would corrupt it).
 */
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import type { SqlClient } from "./sql_client.ts";

/** The extensions the migrations create. */
export const PGLITE_EXTENSIONS = { pg_trgm, pgcrypto, fuzzystrmatch, btree_gin };

/** Thrown when another process holds the data folder. */
export class DataFolderLocked extends Error {
  override name = "DataFolderLocked";
}

/** Takes the data folder's lock, or throws {@link DataFolderLocked}. */
async function lockFolder(dataDir: string): Promise<Deno.FsFile> {
  await Deno.mkdir(dataDir, { recursive: true });
  const lock = await Deno.open(`${dataDir}/paytrack.lock`, { create: true, write: true });
  if (!(await lock.tryLock(true))) {
    lock.close();
    throw new DataFolderLocked(
      `The data folder ${dataDir} is in use by another PayTrack process. Stop it, or set PAYTRACK_DATA_DIR to another folder.`,
    );
  }
  return lock;
}

/** Opens (creating if needed) the embedded database in `dataDir`, or in memory when null. */
export async function openEmbedded(dataDir: string | null): Promise<SqlClient> {
  if (dataDir === null) {
    return pgliteClient(await PGlite.create({ extensions: PGLITE_EXTENSIONS }));
  }
  const lock = await lockFolder(dataDir);
  try {
    const db = await PGlite.create({ dataDir: `${dataDir}/pgdata`, extensions: PGLITE_EXTENSIONS });
    return pgliteClient(db, async () => {
      await lock.unlock();
      lock.close();
    });
  } catch (error) {
    await lock.unlock();
    lock.close();
    throw error;
  }
}

/** Wraps an open PGlite database. */
export function pgliteClient(db: PGlite, onClose?: () => Promise<void>): SqlClient {
  return {
    engine: "pglite",
    async query<T>(text: string, params: unknown[] = []) {
      return (await db.query<T>(text, params)).rows;
    },
    async execInTransaction(script: string) {
      await db.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    async close() {
      if (!db.closed) await db.close();
      await onClose?.();
    },
  };
}

/** A data folder that cannot be used for this: nothing to back up, or a restore over a database. */
export class DataFolderUnusable extends Error {
  override name = "DataFolderUnusable";
}

/**
 * A restorable copy of the embedded database in `dataDir` (PGlite's `dumpDataDir`, a gzipped
 * tar of its data directory). Takes the folder's lock, so the bot must not be running.
 */
export async function backupEmbedded(dataDir: string): Promise<Uint8Array> {
  try {
    await Deno.stat(`${dataDir}/pgdata`);
  } catch {
    throw new DataFolderUnusable(`There is no embedded database in ${dataDir} to back up.`);
  }
  const lock = await lockFolder(dataDir);
  try {
    const db = await PGlite.create({ dataDir: `${dataDir}/pgdata`, extensions: PGLITE_EXTENSIONS });
    try {
      const dump = await db.dumpDataDir("gzip");
      return new Uint8Array(await dump.arrayBuffer());
    } finally {
      await db.close();
    }
  } finally {
    await lock.unlock();
    lock.close();
  }
}

/**
 * Restores a {@link backupEmbedded} copy into `dataDir`, which must not hold a database yet
 * ({@link DataFolderUnusable} otherwise: a restore never overwrites data).
 */
export async function restoreEmbedded(dataDir: string, backup: Uint8Array): Promise<void> {
  const lock = await lockFolder(dataDir);
  try {
    try {
      const entries = [];
      for await (const entry of Deno.readDir(`${dataDir}/pgdata`)) entries.push(entry);
      if (entries.length) {
        throw new DataFolderUnusable(
          `${dataDir} already holds a database; restore into an empty folder (set PAYTRACK_DATA_DIR to a new one).`,
        );
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    const db = await PGlite.create({
      dataDir: `${dataDir}/pgdata`,
      extensions: PGLITE_EXTENSIONS,
      loadDataDir: new Blob([backup as BlobPart]),
    });
    await db.close();
  } finally {
    await lock.unlock();
    lock.close();
  }
}
