/** The SQL transport: calls the ledger's functions with `select public.fn(p_x => $1, …)`. */
import { classifyPgError, LedgerError, LedgerUnavailable } from "./errors.ts";
import type { RpcArgs, RpcTransport } from "./rpc.ts";
import type { SqlClient } from "./sql_client.ts";

const FUNCTION_NAME = /^[a-z][a-z0-9_]*$/;
const ARG_NAME = /^p_[a-z0-9_]+$/;

/** Builds the SELECT that calls `public.<fn>` with named, parameterised arguments. */
export function rpcStatement(fn: string, args: RpcArgs): { text: string; params: unknown[] } {
  if (!FUNCTION_NAME.test(fn)) throw new TypeError(`not a function name: ${fn}`);
  const names = Object.keys(args).filter((name) => args[name] !== undefined);
  const params = names.map((name) => {
    if (!ARG_NAME.test(name)) throw new TypeError(`not an argument name: ${name}`);
    return args[name];
  });
  const list = names.map((name, i) => `${name} => $${i + 1}`).join(", ");
  return { text: `select public.${fn}(${list}) as result`, params };
}

/** An RpcTransport over a SqlClient (postgres.js or PGlite). */
export class SqlTransport implements RpcTransport {
  #calls = 0;
  constructor(readonly client: SqlClient) {}

  get calls(): number {
    return this.#calls;
  }

  async call(fn: string, args: RpcArgs): Promise<unknown> {
    const { text, params } = rpcStatement(fn, args);
    this.#calls++;
    let rows: { result: unknown }[];
    try {
      rows = await this.client.query<{ result: unknown }>(text, params);
    } catch (error) {
      throw toLedgerError(error);
    }
    return rows[0]?.result ?? null;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Maps a driver error to a LedgerError (refusal) or LedgerUnavailable (retry later). */
export function toLedgerError(error: unknown): LedgerError | LedgerUnavailable {
  if (error instanceof LedgerError || error instanceof LedgerUnavailable) return error;
  const e = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    detail?: unknown;
    hint?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    return classifyPgError({
      code,
      message: typeof e.message === "string" ? e.message : undefined,
      detail: typeof e.detail === "string" ? e.detail : undefined,
      hint: typeof e.hint === "string" ? e.hint : undefined,
    }, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  // No SQLSTATE: the driver could not talk to the server (refused, reset, timed out).
  return new LedgerUnavailable(`database unreachable: ${message}`, { cause: error });
}
