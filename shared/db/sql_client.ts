/**
 * A minimal SQL client both postgres.js and PGlite can stand behind: parameterised
 * queries, multi-statement scripts, and transactions (for migrations). This file holds
 * only the interface, so the edge function's graph never pulls in a driver.
 */

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
