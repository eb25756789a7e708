/**
 * A minimal SQL client both postgres.js and PGlite can stand behind: parameterised
 * queries, multi-statement scripts, and transactions (for migrations).
 */
import postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";

/** What the SQL transport and the migrator need from a database connection. */
export interface SqlClient {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements inside one transaction. */
  execInTransaction(script: string): Promise<void>;
  /** Which engine this is, for messages and test names. */
  readonly engine: "postgres" | "pglite";
  close(): Promise<void>;
}

/** Connects to a PostgreSQL server with postgres.js (a small pool). */
export function postgresClient(url: string, options: { max?: number } = {}): SqlClient {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 30,
    // jsonb results are parsed by postgres.js; int8 outside jsonb stays a string (never a float).
  });
  return {
    engine: "postgres",
    async query<T>(text: string, params: unknown[] = []) {
      return await sql.unsafe(text, params as never[]) as unknown as T[];
    },
    async execInTransaction(script: string) {
      await sql.begin((tx) => tx.unsafe(script));
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
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
