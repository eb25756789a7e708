/**
 * The outbox drain: delivers the messages the ledger queued in the same transaction as their
 * change (public.outbox; receipts are queued by a trigger, supabase/schemas/67_receipts.sql).
 *
 * One drain: `claim_outbox` takes the due rows in one round trip (FOR UPDATE SKIP LOCKED,
 * attempts + 1, leased for a minute, so a crash mid-send leaves them to a later drain), each
 * is written in its recipient's language and sent, and `finish_outbox` reports every result
 * in one more round trip: sent; 403 → given up, the customer marked unreachable; 429 → again
 * after Telegram's retry_after; 5xx or the network → again after a backoff; after 8 tries,
 * given up. A message is sent at most once per claim, and a claimed row is never claimed by
 * another drain before its lease ends: nothing is lost and nothing is sent twice (short of
 * Telegram accepting a message whose answer never arrived, which no sender can tell).
 *
 * Telegram's limits: at most one message per chat per second and under 30 a second overall
 * ({@link Throttle}, shared by every drain of the process), and `@grammyjs/auto-retry` on the
 * sender's API for a short 429 `retry_after` (a long one goes back to the outbox instead of
 * holding the drain). auto-retry's npm build loads grammY's Node build next to `grammy/web`
 * (README), so it is imported only when a drain has something to send, never on the path
 * that answers an update.
 *
 * What it writes: receipts to customers (with ✅ OK / ❗ Not mine), a dispute's notice to each
 * owner (with Undo it / It is correct) and a dispute's outcome to its customer, each in its
 * recipient's language (claim_outbox says which). A kind that is more than a text has a
 * deliverer instead of a writer ({@link DELIVERERS}): the owners' automatic backup, a document
 * built when it is sent (shared/outbox/backup_delivery.ts, loaded only when one is due).
 *
 * Where it runs: after each webhook update ({@link drainInBackground}: the edge runtime's
 * `EdgeRuntime.waitUntil` on Supabase), and every few seconds in `serve`/`start`
 * ({@link startDrainTimer}).
 */
import { type Api, GrammyError, HttpError, InlineKeyboard, type Transformer } from "grammy";
import type { Ledger } from "../db/ledger.ts";
import type {
  DisputeOutcomePayload,
  DisputePayload,
  MergeReceipt,
  OutboxMessage,
  OutboxResult,
  ReceiptPayload,
} from "../db/ledger/receipts.ts";
import { arabicIndicHtml } from "../i18n/digits.ts";
import { isolateName, type Translate, translator } from "../i18n/i18n.ts";
import { CALLBACKS } from "../bot/callbacks.ts";
import { dateTime, money, type Speech } from "../text/format.ts";
import { bold, escapeHtml } from "../text/html.ts";
import { type Deliverer, Undeliverable, type Writer, type Written } from "./writer.ts";
import { REMINDER_WRITERS } from "./reminder_messages.ts";
import { DIGEST_WRITERS } from "./digest_messages.ts";

/** A clock and a way to wait (real ones by default; tests pass fake ones). */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Telegram's sending limits as two waits: a token bucket for the whole bot (`perSecond`
 * messages a second, `burst` at once: at most 3 + 25 = 28 in any second, under Telegram's
 * ~30) and one message per chat per `perChatMs`, counted from the previous one's answer.
 */
export class Throttle {
  #tokens: number;
  #refilledAt: number;
  readonly #lastByChat = new Map<number, number>();

  constructor(
    readonly perSecond = 25,
    readonly burst = 3,
    readonly perChatMs = 1000,
    readonly clock: Clock = REAL_CLOCK,
  ) {
    this.#tokens = burst;
    this.#refilledAt = clock.now();
  }

  /** How long until a message to `chatId` may go (0: now). */
  waitFor(chatId: number): number {
    this.#refill();
    const last = this.#lastByChat.get(chatId);
    const chatWait = last === undefined ? 0 : Math.max(0, last + this.perChatMs - this.clock.now());
    const bucketWait = this.#tokens >= 1
      ? 0
      : Math.ceil(((1 - this.#tokens) / this.perSecond) * 1000);
    return Math.max(chatWait, bucketWait);
  }

  /** Takes the slot of one message to `chatId` (call when {@link waitFor} says 0). */
  take(chatId: number): void {
    this.#refill();
    this.#tokens -= 1;
    this.#lastByChat.set(chatId, this.clock.now());
    if (this.#lastByChat.size > 10_000) {
      const old = this.clock.now() - this.perChatMs;
      for (const [chat, at] of this.#lastByChat) if (at < old) this.#lastByChat.delete(chat);
    }
  }

  /**
   * Marks the message to `chatId` as answered: the chat's second is counted from here, so
   * two messages reach Telegram a full second apart whatever the network's delays.
   */
  finished(chatId: number): void {
    this.#lastByChat.set(chatId, this.clock.now());
  }

  #refill(): void {
    const now = this.clock.now();
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond,
    );
    this.#refilledAt = now;
  }
}

/** The process's one throttle: every drain of the process shares Telegram's limits. */
const SHARED_THROTTLE = new Throttle();

/** Options for {@link drainOutbox}. */
export interface DrainOptions {
  /** Rows per claim (default 50). */
  batch?: number;
  /** Claims per drain at most (default 20): a drain ends even while more keep coming. */
  maxBatches?: number;
  /** Stop claiming after this long (default 20 s: inside an edge request's lifetime). */
  budgetMs?: number;
  /**
   * Stop sending a claimed batch after this long (default 45 s, inside claim_outbox's one-minute
   * lease): what is left stays claimed until the lease ends and a later drain sends it, so no
   * other drain can claim a row while this one may still send it.
   */
  leaseMs?: number;
  /** Telegram's limits (default: the process's shared one). */
  throttle?: Throttle;
  clock?: Clock;
  /** The longest 429 retry_after waited in place (default 5 s); longer goes back to the outbox. */
  maxRetryAfterSeconds?: number;
  /** Where a one-line report of a failed send goes (default console.error). */
  log?: (line: string) => void;
}

/** What one drain did. */
export interface DrainReport {
  claimed: number;
  sent: number;
  blocked: number;
  retried: number;
  failed: number;
}

/** Whether auto-retry is installed on this Api already (one transformer per Api). */
const retrying = new WeakSet<Api>();

async function withAutoRetry(api: Api, maxRetryAfterSeconds: number): Promise<void> {
  if (retrying.has(api)) return;
  retrying.add(api);
  const { autoRetry } = await import("./auto_retry.ts");
  // Short 429s are waited in place; 5xx and network errors go back to the outbox (its
  // backoff), so a drain never sleeps for minutes inside a request.
  api.config.use(
    autoRetry({
      maxDelaySeconds: maxRetryAfterSeconds,
      maxRetryAttempts: 2,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }) as unknown as Transformer,
  );
}

/**
 * Delivers the due messages of the outbox: claims, sends within Telegram's limits, reports.
 * Throws only when the ledger cannot be reached (the rows stay, for the next drain).
 */
export async function drainOutbox(
  api: Api,
  ledger: Ledger,
  options: DrainOptions = {},
): Promise<DrainReport> {
  const clock = options.clock ?? REAL_CLOCK;
  const throttle = options.throttle ?? SHARED_THROTTLE;
  const log = options.log ?? ((line: string) => console.error(line));
  const batch = options.batch ?? 50;
  const started = clock.now();
  const report: DrainReport = { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 };
  for (let round = 0; round < (options.maxBatches ?? 20); round++) {
    if (clock.now() - started > (options.budgetMs ?? 20_000)) break;
    const messages = await ledger.receipts.claim(batch);
    if (messages.length === 0) break;
    const claimedAt = clock.now();
    let leaseEnding = false;
    await withAutoRetry(api, options.maxRetryAfterSeconds ?? 5);
    report.claimed += messages.length;
    const results: OutboxResult[] = [];
    try {
      const waiting = [...messages];
      while (waiting.length) {
        // The first message whose chat may get one now; else wait for the soonest.
        let pick = 0;
        let wait = Infinity;
        for (let i = 0; i < waiting.length; i++) {
          const w = throttle.waitFor(waiting[i].chat_id);
          if (w < wait) [pick, wait] = [i, w];
          if (w === 0) break;
        }
        if (wait > 0) await clock.sleep(wait);
        if (clock.now() - claimedAt >= (options.leaseMs ?? 45_000)) {
          leaseEnding = true;
          break;
        }
        const [message] = waiting.splice(pick, 1);
        throttle.take(message.chat_id);
        const result = await send(api, ledger, message).finally(() =>
          throttle.finished(message.chat_id)
        );
        if (result.status !== "sent") {
          log(JSON.stringify({
            event: "outbox",
            id: message.id,
            kind: message.kind,
            status: result.status,
            error: result.error,
          }));
        }
        results.push(result);
      }
    } finally {
      // Reported even when a send threw unexpectedly: what went out is never sent again.
      if (results.length) await ledger.receipts.finish(results);
    }
    for (const r of results) {
      if (r.status === "sent") report.sent++;
      else if (r.status === "blocked") report.blocked++;
      else if (r.status === "retry") report.retried++;
      else report.failed++;
    }
    if (leaseEnding || messages.length < batch) break;
  }
  return report;
}

/** Sends one claimed message and says how it went. */
async function send(api: Api, ledger: Ledger, message: OutboxMessage): Promise<OutboxResult> {
  const deliverer = Object.hasOwn(DELIVERERS, message.kind) ? DELIVERERS[message.kind] : undefined;
  if (deliverer) {
    try {
      await deliverer(api, ledger, message, speechOf(message));
      return { id: message.id, status: "sent" };
    } catch (error) {
      return classify(message.id, error);
    }
  }
  const written = write(message);
  if (written === null) {
    return { id: message.id, status: "failed", error: `no writer for kind ${message.kind}` };
  }
  try {
    await api.sendMessage(message.chat_id, written.text, {
      parse_mode: "HTML",
      reply_markup: written.keyboard,
      link_preview_options: { is_disabled: true },
    });
    return { id: message.id, status: "sent" };
  } catch (error) {
    return classify(message.id, error);
  }
}

/** What a failed send means for the row (finish_outbox's statuses). */
export function classify(id: number, error: unknown): OutboxResult {
  if (error instanceof GrammyError) {
    const what = `${error.error_code} ${error.description}`.slice(0, 200);
    if (error.error_code === 403) return { id, status: "blocked", error: what };
    if (error.error_code === 429) {
      return { id, status: "retry", retry_after: error.parameters.retry_after ?? 30, error: what };
    }
    if (error.error_code >= 500) return { id, status: "retry", error: what };
    return { id, status: "failed", error: what };
  }
  if (error instanceof HttpError) return { id, status: "retry", error: "network" };
  // A deliverer's refusal (say, a backup for someone who is no longer an owner): given up.
  if (error instanceof Undeliverable) return { id, status: "failed", error: error.message };
  return { id, status: "retry", error: String((error as Error)?.name ?? "error") };
}

/** The writer of each kind of outbox message; a kind missing here is given up, not sent. */
const WRITERS: Record<string, Writer> = {
  receipt: (message, { t, ...speech }) => ({
    text: receiptText(message.payload as unknown as ReceiptPayload, { t, ...speech }),
    keyboard: new InlineKeyboard()
      .text(t("receipts-button-ok"), CALLBACKS.receiptOk.build(message.id))
      .text(t("receipts-button-wrong"), CALLBACKS.receiptWrong.build(message.id)),
  }),
  // To an owner, in their language: the entry and the two answers, by dispute id.
  dispute: (message, speech) => {
    const p = message.payload as unknown as DisputePayload;
    return {
      text: disputeText(p, speech),
      keyboard: new InlineKeyboard()
        .text(speech.t("receipts-dispute-button-undo"), CALLBACKS.disputeUndo.build(p.dispute_id))
        .text(
          speech.t("receipts-dispute-button-correct"),
          CALLBACKS.disputeCorrect.build(p.dispute_id),
        ),
    };
  },
  dispute_outcome: (message, speech) => ({
    text: outcomeText(message.payload as unknown as DisputeOutcomePayload, speech),
  }),
  ...REMINDER_WRITERS,
  ...DIGEST_WRITERS,
};

/**
 * The deliverer of each kind of outbox message that is not a text; each loads its heavy part
 * (the workbook writer) only when a message of its kind is sent.
 */
const DELIVERERS: Record<string, Deliverer> = {
  backup: async (api, ledger, message, speech) => {
    const { deliverBackup } = await import("./backup_delivery.ts");
    await deliverBackup(api, ledger, message, speech);
  },
};

/** Who a message speaks to: their language, and the zone its payload's times are in. */
function speechOf(message: OutboxMessage): Speech {
  return {
    locale: message.locale,
    timeZone: String(message.payload.timezone ?? "UTC"),
    t: translator(message.locale),
  };
}

/** A message's text and buttons in its recipient's language, or null for a kind unknown here. */
export function write(message: OutboxMessage): Written | null {
  const speech = speechOf(message);
  const writer = Object.hasOwn(WRITERS, message.kind) ? WRITERS[message.kind] : undefined;
  if (!writer) return null;
  const written = writer(message, speech);
  if (message.digits === "arab") written.text = arabicIndicHtml(written.text);
  return written;
}

/** A name or note as typed, escaped; isolated inside English (Arabic isolates every argument). */
function typed(text: string, speech: Speech): string {
  return speech.locale === "ar" ? escapeHtml(text) : isolateName(escapeHtml(text));
}

/** A dispute's notice to an owner: who says what is wrong, the entry, and the question. */
export function disputeText(p: DisputePayload, speech: Speech): string {
  const t = speech.t;
  const shop = { currency: p.currency, minor_unit: p.minor_unit };
  const lines = [
    t("receipts-dispute-notice", { customer: typed(p.customer_name, speech), kind: p.kind }),
    t("receipts-dispute-entry", {
      amount: bold(money(p.amount, shop, speech)),
      when: dateTime(p.at, speech),
    }),
  ];
  if (p.note) lines.push(t("receipts-note", { note: typed(p.note, speech) }));
  lines.push(t("receipts-dispute-question"));
  return lines.join("\n");
}

/** A dispute's outcome to the customer: undone or upheld, the owner's note, the balance. */
export function outcomeText(p: DisputeOutcomePayload, speech: Speech): string {
  const t = speech.t;
  const shop = { currency: p.currency, minor_unit: p.minor_unit };
  const lines = [
    t(p.status === "undone" ? "receipts-outcome-undone" : "receipts-outcome-upheld", {
      shop: typed(p.shop_name, speech),
      customer: typed(p.customer_name, speech),
      kind: p.kind,
      amount: money(p.amount, shop, speech),
      when: dateTime(p.at, speech),
    }),
  ];
  if (p.resolution_note) {
    lines.push(t("receipts-outcome-note", { note: typed(p.resolution_note, speech) }));
  }
  lines.push(balanceLine(Number(p.balance), shop, speech));
  return lines.join("\n");
}

/** "Your balance: …" on a receipt or an outcome. */
function balanceLine(
  balance: number,
  shop: { currency: string; minor_unit: number },
  speech: Speech,
): string {
  const t = speech.t;
  if (balance > 0) return t("receipts-balance-owes", { amount: money(balance, shop, speech) });
  if (balance < 0) return t("receipts-balance-advance", { amount: money(-balance, shop, speech) });
  return t("receipts-balance-settled");
}

/** The first line of an entry's receipt, by what happened and the kind of entry. */
const ENTRY_KEYS = {
  recorded: { purchase: "receipts-purchase", payment: "receipts-payment" },
  undone: { purchase: "receipts-purchase-undone", payment: "receipts-payment-undone" },
} as const;

/** A receipt: what happened, the note, who recorded it and when, and the new balance. */
export function receiptText(p: ReceiptPayload, speech: Speech): string {
  const t: Translate = speech.t;
  // Names and notes as typed, escaped; in English a right-to-left one is isolated (Arabic
  // sentences isolate every argument already).
  const name = (text: string) =>
    speech.locale === "ar" ? escapeHtml(text) : isolateName(escapeHtml(text));
  const shop = { currency: p.currency, minor_unit: p.minor_unit };
  const names = { shop: name(p.shop_name), customer: name(p.customer_name) };
  const lines: string[] = [];
  if (p.event === "recorded" || p.event === "undone") {
    const key = ENTRY_KEYS[p.event][p.kind];
    lines.push(t(key, { ...names, amount: money(p.amount, shop, speech) }));
    if (p.note) lines.push(t("receipts-note", { note: name(p.note) }));
  } else {
    const merge = p as MergeReceipt;
    lines.push(t(merge.event === "merged" ? "receipts-merged" : "receipts-unmerged", {
      ...names,
      kept: name(merge.kept_name),
      duplicate: name(merge.duplicate_name),
    }));
  }
  if (p.recorded_by) {
    lines.push(t("receipts-by", { who: name(p.recorded_by), when: dateTime(p.at, speech) }));
  }
  lines.push(balanceLine(Number(p.balance), shop, speech));
  return lines.join("\n");
}

/** The drain currently running per ledger, and whether another was asked for meanwhile. */
const running = new WeakMap<Ledger, { again: boolean; done: Promise<void> }>();

/**
 * Starts a drain without waiting for it (after an update was answered): one at a time per
 * ledger (a drain asked for while one runs makes it go round once more), its failure logged.
 * On Supabase the runtime is told to keep the request alive for it (`EdgeRuntime.waitUntil`).
 */
export function drainInBackground(
  api: Api,
  ledger: Ledger,
  options: DrainOptions = {},
): Promise<void> {
  const log = options.log ?? ((line: string) => console.error(line));
  const current = running.get(ledger);
  if (current) {
    current.again = true;
    return current.done;
  }
  const state = { again: false, done: Promise.resolve() };
  state.done = (async () => {
    try {
      do {
        state.again = false;
        await drainOutbox(api, ledger, options);
      } while (state.again);
    } catch (error) {
      log(JSON.stringify({ event: "outbox", error: (error as Error)?.name ?? "error" }));
    } finally {
      running.delete(ledger);
    }
  })();
  running.set(ledger, state);
  const edge = (globalThis as { EdgeRuntime?: { waitUntil(p: Promise<unknown>): void } })
    .EdgeRuntime;
  edge?.waitUntil(state.done);
  return state.done;
}

/** Drains every `intervalMs` (serve/start): retries and anything a crash left. Returns a stop. */
export function startDrainTimer(
  api: Api,
  ledger: Ledger,
  intervalMs = 5000,
  options: DrainOptions = {},
): () => Promise<void> {
  const timer = setInterval(() => void drainInBackground(api, ledger, options), intervalMs);
  return async () => {
    clearInterval(timer);
    await running.get(ledger)?.done;
  };
}
