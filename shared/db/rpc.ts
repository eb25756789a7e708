/**
 * The one seam between the bot and Postgres: call a public SQL function by name with
 * named arguments and get its jsonb result back. Two transports implement it, one
 * over supabase-js (`client.rpc()`, production) and one over SQL (postgres.js or
 * PGlite, local and tests); both call the very same functions.
 */

/** A JSON value as Postgres' jsonb gives it back. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Named arguments of an RPC, `p_`-prefixed as in SQL. */
export type RpcArgs = Record<
  string,
  string | number | boolean | null | string[] | Json | undefined
>;

/** Calls one public SQL function. Throws LedgerError or LedgerUnavailable. */
export interface RpcTransport {
  /** Calls `public.<fn>(args)` and resolves with its result. */
  call(fn: string, args: RpcArgs): Promise<unknown>;
  /** Round trips made so far (for benchmarks). */
  readonly calls: number;
  /** Releases connections. */
  close(): Promise<void>;
}
