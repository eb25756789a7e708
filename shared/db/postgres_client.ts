/** The postgres.js client behind {@link SqlClient} (local PostgreSQL, tests, benchmarks). */
import postgres from "postgres";
import type { SqlClient } from "./sql_client.ts";

/** Connects to a PostgreSQL server with postgres.js (a small pool). */
export function postgresClient(url: string, options: { max?: number } = {}): SqlClient {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: 10,
    // Reconnect quickly after an outage (the default backoff grows to 20 s between tries,
    // holding webhook requests that long); Telegram redelivers anything we fail.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
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
