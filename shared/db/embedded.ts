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

/** Opens (creating if needed) the embedded database in `dataDir`, or in memory when null. */
export async function openEmbedded(dataDir: string | null): Promise<SqlClient> {
  if (dataDir === null) {
    return pgliteClient(await PGlite.create({ extensions: PGLITE_EXTENSIONS }));
  }
  await Deno.mkdir(dataDir, { recursive: true });
  const lock = await Deno.open(`${dataDir}/paytrack.lock`, { create: true, write: true });
  if (!(await lock.tryLock(true))) {
    lock.close();
    throw new DataFolderLocked(
      `The data folder ${dataDir} is in use by another PayTrack process. Stop it, or set PAYTRACK_DATA_DIR to another folder.`,
    );
  }
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
