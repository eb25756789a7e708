/**
 * The production transport: calls the ledger's functions through a Supabase project's
 * REST API (PostgREST) with supabase-js `client.rpc()`, as the service role.
 *
 * supabase-js never throws for a failed call: it resolves with `{ data, error, status }`.
 * This transport turns that into the two errors the bot knows: a `LedgerError`
 * when the ledger refused (P0001 with hint 'paytrack', or bad input, SQLSTATE class
 * 22/23), and a `LedgerUnavailable` for everything else (network failure, which
 * supabase-js reports as `status: 0`; a timeout; HTTP 5xx; PostgREST's own errors).
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "./database.types.ts";
import { classifyPgError, LedgerUnavailable } from "./errors.ts";
import type { RpcArgs, RpcTransport } from "./rpc.ts";

/** Options of {@link supabaseTransport}. */
export interface SupabaseTransportOptions {
  /** Abort a call that has no answer after this many milliseconds (default 10 000). */
  timeoutMs?: number;
}

/** The supabase-js client typed with the generated database types. */
export type LedgerSupabaseClient = SupabaseClient<Database>;

type FunctionName = keyof Database["public"]["Functions"];

/** What a finished `client.rpc()` call resolves with (the parts this transport reads). */
export interface RpcResponse {
  data: unknown;
  error: { code?: string; message?: string; details?: string; hint?: string } | null;
  status: number;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Maps a supabase-js RPC response to its data, or throws. Only a Postgres error with
 * a SQLSTATE, answered with a 4xx status, can be a refusal; everything else is the
 * database or the network failing, which is worth retrying.
 */
export function rpcResult(fn: string, response: RpcResponse): unknown {
  const { data, error, status } = response;
  if (!error) return data;
  const code = error.code ?? "";
  if (status >= 400 && status < 500 && SQLSTATE.test(code)) {
    throw classifyPgError(error, error);
  }
  const what = status === 0 ? "no answer" : `HTTP ${status}`;
  throw new LedgerUnavailable(
    `${fn}: ${what}${code ? ` ${code}` : ""}: ${error.message ?? "unknown error"}`,
    { cause: error },
  );
}

/** An RpcTransport over supabase-js: one `POST /rest/v1/rpc/<fn>` per call. */
export class SupabaseTransport implements RpcTransport {
  #calls = 0;
  readonly #timeoutMs: number;

  /** Wraps a client created with the service role key (see {@link supabaseTransport}). */
  constructor(readonly client: LedgerSupabaseClient, options: SupabaseTransportOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Round trips made so far. */
  get calls(): number {
    return this.#calls;
  }

  /** Calls `public.<fn>(args)`; throws LedgerError (refused) or LedgerUnavailable (retry). */
  async call(fn: string, args: RpcArgs): Promise<unknown> {
    this.#calls++;
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const response = await this.client
      .rpc(fn as FunctionName, args as never)
      .abortSignal(signal);
    if (response.error && signal.aborted) {
      throw new LedgerUnavailable(`${fn}: no answer within ${this.#timeoutMs} ms`, {
        cause: response.error,
      });
    }
    return rpcResult(fn, response);
  }

  /** Nothing to release: supabase-js holds no connection between calls. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Creates the transport for a Supabase project: its URL (`https://<ref>.supabase.co`)
 * and service role key. No session is kept and no token refreshed: the bot is a server.
 *
 * @example
 * ```ts
 * const ledger = new Ledger(supabaseTransport(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY));
 * ```
 */
export function supabaseTransport(
  url: string,
  serviceRoleKey: string,
  options?: SupabaseTransportOptions,
): SupabaseTransport {
  const client = createClient<Database>(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  return new SupabaseTransport(client, options);
}
