/**
 * The webhook's request logic, apart from the edge entry point so it can be tested:
 * health check, method and secret-token gate, body limits and validation, then grammY's
 * `webhookCallback(bot, "std/http")`. Only a database outage (or our timeout) answers
 * non-2xx (503), so Telegram redelivers the update; the ledger's idempotency keys (the
 * update_id) make the redelivery safe. Every other failure answers 200 with one log line
 * (see `classify`): Telegram must never redeliver an update forever.
 */
import { type Bot, type Context, GrammyError, HttpError, webhookCallback } from "grammy";
import { LedgerUnavailable } from "../db/errors.ts";
import { logFailure, redact, rootCause } from "../bot/update_log.ts";

export { redact, rootCause } from "../bot/update_log.ts";

/** The header Telegram sends with the secret given to setWebhook. */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/** The header pg_net's drain call (supabase/cron/schedule.sql) sends with PAYTRACK_DRAIN_SECRET. */
export const DRAIN_SECRET_HEADER = "x-paytrack-drain-secret";

/** Telegram updates are small; anything bigger than this is refused unread. */
const MAX_BODY_BYTES = 1_000_000;

/** Options for {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** The secret_token given to setWebhook (TELEGRAM_WEBHOOK_SECRET). */
  secretToken: string;
  /**
   * How long one update may take before the request is answered 503 (default 25 s);
   * the update may still finish, and a redelivery is then a no-op (idempotency).
   */
  timeoutMilliseconds?: number;
  /** How long reading the body may take before the request is answered 408 (default 5 s). */
  bodyTimeoutMilliseconds?: number;
  /** Where the one-line error reports go (default console.error). */
  log?: (line: string) => void;
  /**
   * Started once each update is answered, not awaited (the outbox drain: receipts queued by
   * the update go out right after its reply; shared/outbox/sender.ts drainInBackground).
   */
  afterUpdate?: () => unknown;
  /**
   * The drain endpoint, `POST …/drain`: what pg_cron + pg_net call every minute on Supabase
   * (supabase/cron/schedule.sql) so retries and anything a crash left go out even when no
   * update arrives. `secret` is PAYTRACK_DRAIN_SECRET (unset: the path answers 404); `run`
   * drains the outbox within a time budget and says what it did.
   */
  drain?: { secret: string | undefined; run: () => Promise<unknown> };
}

/**
 * Builds the webhook's `(req) => Promise<Response>`:
 * - a path ending in `/drain`: 404 unless a drain secret is configured, 405 unless POST, 401
 *   without the right `x-paytrack-drain-secret` header (compared in constant time), else the
 *   outbox is drained and the report answered as JSON (503 when the ledger is unavailable);
 * - `GET` → 200 `{"ok":true,"service":"paytrack"}` (no secrets, no database call);
 * - a method other than GET or POST → 405;
 * - `POST` without the right secret header → 401, before the body is read;
 * - a body over 1 MB → 413 (by Content-Length, or while streaming a chunked one);
 * - a body not fully received within `bodyTimeoutMilliseconds` → 408;
 * - a body that is not JSON, or not an object with a numeric `update_id` → 400;
 * - otherwise the update runs through the bot: 200 when handled, 503 when the
 *   ledger is unavailable or the update timed out (Telegram retries), and 200 with
 *   one log line when a reply failed (Telegram error or unreachable) or on a bug.
 *
 * @example
 * const handle = createWebhookHandler(bot, { secretToken: config.TELEGRAM_WEBHOOK_SECRET! });
 * Deno.serve((req) => handle(req));
 */
export function createWebhookHandler<C extends Context>(
  bot: Bot<C>,
  options: WebhookHandlerOptions,
): (req: Request) => Promise<Response> {
  const { secretToken } = options;
  if (!secretToken) throw new Error("createWebhookHandler needs a secret token");
  const log = options.log ?? ((line: string) => console.error(line));
  const expected = sha256(secretToken);
  // grammY checks the secret again; bot.init() (getMe unless botInfo is set) runs on the
  // first update it receives, never at module load.
  // No timeout inside grammY: after its timeout it leaves the still-running update's
  // promise unhandled, so a failure that comes later would crash the isolate. The
  // timeout is ours (below), and the update's promise always has a handler.
  const callback = webhookCallback(bot, "std/http", { secretToken, timeoutMilliseconds: Infinity });
  const timeoutMs = options.timeoutMilliseconds ?? 25_000;
  const bodyTimeoutMs = options.bodyTimeoutMilliseconds ?? 5_000;
  const drainSecret = options.drain?.secret ? sha256(options.drain.secret) : undefined;

  return async (req) => {
    if (isDrainPath(req.url)) {
      await req.body?.cancel().catch(() => {}); // the drain takes no body
      if (!drainSecret || !options.drain) return json(404, { ok: false, error: "not found" });
      if (req.method !== "POST") {
        return json(405, { ok: false, error: "method not allowed" }, { allow: "POST" });
      }
      const given = req.headers.get(DRAIN_SECRET_HEADER);
      if (given === null || !sameBytes(await sha256(given), await drainSecret)) {
        return json(401, { ok: false, error: "unauthorized" });
      }
      try {
        return json(200, { ok: true, drain: await options.drain.run() });
      } catch (error) {
        const cause = rootCause(error);
        const outage = cause instanceof LedgerUnavailable;
        log(JSON.stringify({
          event: "drain",
          outcome: outage ? "outage" : "error",
          status: outage ? 503 : 500,
          error: cause instanceof Error ? cause.name : typeof cause,
          message: redact(
            `drain failed: ${cause instanceof Error ? cause.message : String(cause)}`,
            [bot.token, secretToken, options.drain.secret].filter((x): x is string => !!x),
          ),
        }));
        return cause instanceof LedgerUnavailable
          ? json(503, { ok: false, error: "ledger unavailable, retry later" }, {
            "retry-after": "5",
          })
          : json(500, { ok: false, error: "drain failed" });
      }
    }
    if (req.method === "GET") return json(200, { ok: true, service: "paytrack" });
    if (req.method !== "POST") {
      return json(405, { ok: false, error: "method not allowed" }, { allow: "GET, POST" });
    }
    const given = req.headers.get(SECRET_HEADER);
    if (given === null || !sameBytes(await sha256(given), await expected)) {
      await req.body?.cancel().catch(() => {});
      return json(401, { ok: false, error: "unauthorized" });
    }
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      await req.body?.cancel().catch(() => {});
      return json(413, { ok: false, error: "body too large" });
    }
    // Content-Length may be absent (chunked) or lie: the limit is enforced while reading.
    const read = await readBody(req.body, MAX_BODY_BYTES, bodyTimeoutMs);
    if (read === "too large") return json(413, { ok: false, error: "body too large" });
    if (read === "stalled") return json(408, { ok: false, error: "body not received in time" });
    const body = read;
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      return json(400, { ok: false, error: "body is not JSON" });
    }
    if (!isUpdate(update)) {
      return json(400, { ok: false, error: "body is not a Telegram update" });
    }
    // The body is read; grammY gets a fresh request with the same headers and text.
    const headers = new Headers(req.headers);
    headers.delete("content-length");
    headers.delete("transfer-encoding");
    const forward = new Request(req.url, { method: "POST", headers, body });
    const task = callback(forward);
    task.catch(() => {}); // handled below, or after a timeout: never an unhandled rejection
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UpdateTimedOut(timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([task, timedOut]);
    } catch (error) {
      const cause = rootCause(error);
      const outcome = classify(cause);
      // One JSON line, in the shape of the bot's update lines (shared/bot/update_log.ts).
      logFailure(log, {
        event: "webhook",
        update_id: update.update_id,
        error: cause,
        what: outcome.what,
        status: outcome.status,
        secrets: [bot.token, secretToken],
      });
      return outcome.status === 503
        ? json(503, { ok: false, error: "ledger unavailable, retry later" }, { "retry-after": "5" })
        : json(200, { ok: true });
    } finally {
      clearTimeout(timer);
      // After the answer is decided, even a failed one: a change may have committed before a
      // reply failed. The drain logs its own failures; it never changes this answer.
      try {
        options.afterUpdate?.();
      } catch { /* the drain's problem, never the webhook's */ }
    }
  };
}

/**
 * What a failed update answers. Only a ledger outage (or our own timeout) is worth a
 * redelivery: the change did not happen, or idempotency makes it happen once.
 * - Telegram answered an error (GrammyError: 400 "message to edit not found", 403 "bot was
 *   blocked by the user", even 429/5xx): every ledger change is committed before its reply
 *   is sent, so the only thing lost is a message; a 4xx would fail the same way on every
 *   redelivery. 200.
 * - Telegram could not be reached (HttpError): the same, the change is committed. 200.
 * - Anything else is a bug. A bug is deterministic for its update: answering non-2xx
 *   would make Telegram redeliver it for as long as it keeps the update, and hold every
 *   later update of the bot behind it meanwhile, so one bad message would stop the shop.
 *   200, with an error log line so it is seen and fixed; the person sends it again.
 */
function classify(cause: unknown): { status: 200 | 503; what: string } {
  if (cause instanceof LedgerUnavailable || cause instanceof UpdateTimedOut) {
    return { status: 503, what: "failed, the ledger is unavailable" };
  }
  if (cause instanceof GrammyError) {
    return { status: 200, what: `handled, but Telegram refused a call (${cause.error_code})` };
  }
  if (cause instanceof HttpError) {
    return { status: 200, what: "handled, but Telegram was unreachable" };
  }
  return { status: 200, what: "failed with an unexpected error (a bug)" };
}

/**
 * Reads a request body as a stream, at most `maxBytes`, within `timeoutMs` in all:
 * the text (invalid UTF-8 becomes U+FFFD), or why it was given up on.
 */
async function readBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  timeoutMs: number,
): Promise<string | "too large" | "stalled"> {
  if (body === null) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<"stalled">((resolve) => {
    timer = setTimeout(() => resolve("stalled"), timeoutMs);
  });
  try {
    while (true) {
      const next = await Promise.race([reader.read(), stalled]);
      if (next === "stalled") {
        reader.cancel().catch(() => {});
        return "stalled";
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => {});
        return "too large";
      }
      chunks.push(next.value);
    }
  } catch {
    // The client went away mid-body: there is no one to answer; treat it as a stall.
    return "stalled";
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** An update took longer than the webhook may wait; Telegram will deliver it again. */
export class UpdateTimedOut extends Error {
  override name = "UpdateTimedOut";
  constructor(ms: number) {
    super(`update not handled within ${ms} ms`);
  }
}

/** Whether the request is for the drain endpoint (its path ends in /drain). */
function isDrainPath(url: string): boolean {
  try {
    return /\/drain\/?$/.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** An object with a safe-integer `update_id`: the least a Telegram update is. */
function isUpdate(value: unknown): value is { update_id: number } {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    Number.isSafeInteger((value as { update_id?: unknown }).update_id) &&
    (value as { update_id: number }).update_id >= 0;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Compares two equal-length digests without stopping at the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
