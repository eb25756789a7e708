/**
 * One structured log line per update, for Supabase's function logs (and `deno task serve` /
 * `start`): a JSON object on one line that the log explorer can search by field.
 *
 * ```json
 * {"event":"update","update_id":812,"kind":"message","command":"/addtransaction",
 *  "outcome":"ok","ms":41,"rpc":3}
 * ```
 *
 * - `kind`: the update's kind (`message`, `callback_query`, `my_chat_member`…);
 * - `command`: the command's name for a command (`/pay`, never its arguments), or
 *   `button` the kind of button pressed (`undoYes`, from shared/bot/callbacks.ts);
 * - `outcome`: `ok`, `refused` (the ledger said no; `refusal` has its stable code, e.g.
 *   `pin_invalid`), `error` (a bug or a Telegram failure; `error` has the error's name) or
 *   `outage` (the ledger was unreachable);
 * - `ms`: the time the bot spent on it; `rpc`: the database round trips it made (ledger
 *   calls and session reads and writes), counted per update even when updates overlap.
 *
 * Never a message's text, a PIN, a name, a token or a callback's values: only the fields
 * above. Every failure line is written by {@link logFailure}, in the same shape: the bot's
 * error boundary (`"event":"bot"`, what failed inside a feature), the webhook handler
 * (`"webhook"`, with the status it answered) and long polling (`"polling"`).
 * Off unless a `log` sink is given (tests are quiet); the entry points pass console.log.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { BotError, type Middleware } from "grammy";
import type { Update } from "grammy/types";
import { LedgerError, LedgerUnavailable } from "../db/errors.ts";
import type { Ledger } from "../db/ledger.ts";
import type { RpcTransport } from "../db/rpc.ts";
import { callbackName } from "./callbacks.ts";
import type { PayContext } from "./context.ts";

/** Where log lines go (one JSON object per call, no newline inside). */
export type LogSink = (line: string) => void;

/** How an update ended. */
export type Outcome = "ok" | "refused" | "error" | "outage";

/** The fields a log line may have; nothing else is ever logged. */
export interface LogFields {
  event: "update" | FailureEvent;
  update_id?: number;
  kind?: string;
  command?: string;
  button?: string;
  outcome: Outcome;
  refusal?: string;
  error?: string;
  status?: number;
  ms?: number;
  rpc?: number;
  /** A human sentence (the webhook's), already redacted. */
  message?: string;
}

/** One log line: the fields as JSON, in a fixed order, absent ones left out. */
export function logLine(fields: LogFields): string {
  return JSON.stringify(fields);
}

/** Who writes a failure line: the bot's error boundary, the webhook handler, long polling. */
export type FailureEvent = "bot" | "webhook" | "polling";

/** A failed update, as {@link logFailure} reports it. */
export interface Failure {
  event: FailureEvent;
  update_id: number;
  /** What was thrown (a grammY BotError is unwrapped to its cause). */
  error: unknown;
  /** What went wrong, for the sentence: "failed" (default), "timed out"… */
  what?: string;
  /** The HTTP status the webhook answered. */
  status?: number;
  /** Values never to print (the bot token, the webhook secret); token-shaped text is hidden anyway. */
  secrets?: readonly string[];
}

/**
 * Writes one failure line: `{"event":"webhook","update_id":42,"outcome":"outage",
 * "status":503,"error":"LedgerUnavailable","message":"webhook: update 42 failed… (answered
 * 503): LedgerUnavailable: …"}`. The message is the error's name and message only (never
 * the update's text), with secrets and anything shaped like a bot token removed. A failing
 * sink is ignored: logging never fails an update.
 */
export function logFailure(sink: LogSink, failure: Failure): void {
  const cause = rootCause(failure.error);
  const outage = failure.status === 503 || isOutage(cause);
  const answered = failure.status === undefined ? "" : ` (answered ${failure.status})`;
  try {
    sink(logLine({
      event: failure.event,
      update_id: failure.update_id,
      outcome: outage ? "outage" : "error",
      ...(failure.status === undefined ? {} : { status: failure.status }),
      error: cause instanceof Error ? cause.name : typeof cause,
      message: redact(
        `${failure.event}: update ${failure.update_id} ${failure.what ?? "failed"}${answered}: ${
          describeError(cause)
        }`,
        failure.secrets ?? [],
      ),
    }));
  } catch { /* a failing log sink never fails an update */ }
}

/** The error inside grammY's BotError (and any `cause` chain) that a handler threw. */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 8; depth++) {
    if (current instanceof LedgerUnavailable) return current;
    if (current instanceof BotError) current = current.error;
    else if (current instanceof Error && current.cause !== undefined) current = current.cause;
    else break;
  }
  // No LedgerUnavailable inside: report the innermost BotError payload.
  return error instanceof BotError ? error.error : current;
}

/** "TypeError: a bug", on one line, at most 500 characters. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, 500);
}

/** Removes the given secrets (and anything shaped like a bot token) from a log line. */
export function redact(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join("***");
  }
  return out.replace(/\d{5,}:[A-Za-z0-9_-]{30,}/g, "***");
}

/** What one update has done so far. */
interface UpdateStats {
  rpc: number;
  refusal?: string;
}

const current = new AsyncLocalStorage<UpdateStats>();
const counted = new WeakSet<RpcTransport>();

/**
 * Counts round trips per update: every `transport.call` made while an update runs adds
 * one to that update's count (and a refusal records its code). Done once per transport by
 * wrapping its `call`; the transports themselves know nothing of updates.
 */
function countRoundTrips(transport: RpcTransport): void {
  if (counted.has(transport)) return;
  counted.add(transport);
  const call = transport.call.bind(transport);
  transport.call = async (fn, args) => {
    const stats = current.getStore();
    if (stats) stats.rpc++;
    try {
      return await call(fn, args);
    } catch (error) {
      if (stats && error instanceof LedgerError) stats.refusal = error.code;
      throw error;
    }
  };
}

/** The update's kind: the one field besides `update_id`. */
export function updateKind(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
}

/** `/pay` for "/pay 30 | cash" or "/pay@PayTrackBot 30"; undefined for anything else. */
export function commandName(text: string | undefined): string | undefined {
  const m = text?.match(/^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s|$)/);
  return m ? `/${m[1].toLowerCase()}` : undefined;
}

/** Whether `error` is (or wraps) a ledger outage. */
function isOutage(error: unknown): boolean {
  let e = error;
  for (let depth = 0; depth < 8 && e; depth++) {
    if (e instanceof LedgerUnavailable) return true;
    e = (e as { error?: unknown; cause?: unknown }).error ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The log's fields for an update, before its outcome is known. */
function describeUpdate(ctx: PayContext): Pick<LogFields, "kind" | "command" | "button"> {
  const kind = updateKind(ctx.update);
  const message = ctx.update.message ?? ctx.update.edited_message;
  const command = commandName(message?.text ?? message?.caption);
  const data = ctx.update.callback_query?.data;
  const button = data === undefined ? undefined : callbackName(data) ?? "unknown";
  return { kind, ...(command ? { command } : {}), ...(button ? { button } : {}) };
}

/**
 * The middleware that logs each update once it is done (install it first, so it times
 * and counts everything after it). Without `log` it does nothing.
 */
export function updateLog(options: { ledger: Ledger; log?: LogSink }): Middleware<PayContext> {
  const sink = options.log;
  if (!sink) return (_ctx, next) => next();
  countRoundTrips(options.ledger.transport);
  return async (ctx, next) => {
    const stats: UpdateStats = { rpc: 0 };
    const started = performance.now();
    let outcome: Outcome = "ok";
    let error: string | undefined;
    try {
      await current.run(stats, () => next());
      if (stats.refusal) outcome = "refused";
    } catch (e) {
      outcome = isOutage(e) ? "outage" : "error";
      error = e instanceof Error ? e.name : typeof e;
      throw e;
    } finally {
      try {
        sink(logLine({
          event: "update",
          update_id: ctx.update.update_id,
          ...describeUpdate(ctx),
          outcome,
          ...(outcome === "refused" ? { refusal: stats.refusal } : {}),
          ...(error ? { error } : {}),
          ms: Math.round(performance.now() - started),
          rpc: stats.rpc,
        }));
      } catch { /* a failing log sink never fails an update */ }
    }
  };
}
