/**
 * The shop PIN in conversation: before a PIN-protected flow runs, ask the ledger whether
 * the member needs to give the PIN; if so, wait for it as a pending step. The PIN itself
 * goes straight to the ledger's verify_pin: it is never stored in the session (the
 * pending step keeps only the flow's other parameters), never logged, and the message
 * that carried it is deleted. The ledger remembers a right PIN for a few minutes, so a
 * run of payments asks once; PIN-protected SQL functions check that grant themselves.
 * The PIN prompt names what it unlocks ("🔒 PIN to record a payment of $30.00 for John
 * Smith").
 *
 * A PIN typed in the wrong place. The bot cannot know the PIN, so it goes by shape: a
 * message that is exactly 4 to 8 digits (Western, Arabic-Indic or Persian, spaces
 * around allowed) is treated as a possible PIN wherever no number is expected:
 * - at a step that expects words (a name, a nickname, a note, tags, a new name) it is
 *   refused without being used or quoted ("That looks like a PIN…") and asked again;
 * - at "Who is it for?", in /search and for /link or /merge's other customer it is still
 *   searched (phones match by 3+ digits), but no reply quotes the digits;
 * - with no step pending it gets the usual "not sure what to do" reply, which never
 *   quotes a message;
 * and in all three cases the message is deleted when the shop has a PIN (with none,
 * there is nothing to hide and the member's message stays). Steps that expect a number
 * (amounts, prices, phones, the PIN itself) take 4–8 digits as they are: 1234 is a
 * legitimate amount.
 *
 * A refusal at the gate or at the PIN (the member removed meanwhile, an owner-only flow
 * after a role change) ends the pending command and is answered by replies.ts
 * `explainRefusal`, like every refusal: a removed member gets the private-bot notice and
 * loses their cached membership at once.
 */
import { LedgerError } from "../db/errors.ts";
import { LIMITS, PIN_INVALID, PIN_PATTERN } from "../domain/limits.ts";
import type { Translate } from "../i18n/i18n.ts";
import { westernDigits } from "../domain/money.ts";
import { dateTime } from "../text/format.ts";
import type { BoundCustomer, PayContext, Pending } from "./context.ts";
import { changeBy } from "./change.ts";
import { type Flow, type Params, said, type Step, type Text } from "./flow_types.ts";
import { langOf } from "./lang.ts";
import { requireMember } from "./membership.ts";
import { cosmetic, explainRefusal, forgetStale, say } from "./replies.ts";

/** The key of the pending step that waits for the shop PIN. */
export const PIN_STEP = "shop_pin";

/** The PIN step as a step (for /help, /skip and "I don't know" replies). */
export const pinStep: Step = {
  key: PIN_STEP,
  question: (t) => t("pin-question"),
  secret: true,
  numeric: true,
  parse: parsePin,
};

/** A PIN as typed: 4 to 8 digits (Arabic-Indic digits welcome), nothing else. */
export function parsePin(text: string): { ok: true; value: string } | { ok: false; error: Text } {
  const pin = westernDigits(text.trim());
  return PIN_PATTERN.test(pin) ? { ok: true, value: pin } : { ok: false, error: PIN_INVALID };
}

/** Whether a message has the shape of a PIN: exactly 4 to 8 digits (any script), nothing else. */
export function looksLikePin(text: string): boolean {
  return PIN_PATTERN.test(westernDigits(text.trim()));
}

/** What a step that expects words answers to a PIN-shaped message (never quoting it). */
export function pinLikeRefusal(t: Translate): string {
  return t("pin-looks-like-pin", { min: LIMITS.pinMin, max: LIMITS.pinMax });
}

/**
 * Whether the member's shop has a PIN now (a read without a reply: a refusal only drops
 * the stale session state it proves, and means "no PIN to hide behind").
 */
export async function shopHasPin(ctx: PayContext): Promise<boolean> {
  try {
    return (await ctx.services.ledger.settings.get(ctx.from!.id)).pin_set;
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    forgetStale(ctx, error);
    return false;
  }
}

/**
 * Deletes the member's message when it has a PIN's shape and the shop has a PIN (see the
 * rule above). Resolves whether it had a PIN's shape, so the caller can avoid quoting it.
 */
export async function hidePinLike(ctx: PayContext, text: string): Promise<boolean> {
  if (!looksLikePin(text)) return false;
  // Only the member's own message (not a button's message, e.g. a results page).
  if (ctx.message && (await shopHasPin(ctx))) await cosmetic(() => ctx.deleteMessage());
  return true;
}

/** The lockout notice, with its end in the shop's time zone (named). */
function lockedText(ctx: PayContext, until: string): string {
  const lang = langOf(ctx);
  return ctx.t("pin-locked-until", { until: dateTime(until, lang), zone: lang.timeZone });
}

/** The flow's parameters without its plain secret ones (which must never reach the session). */
function withoutSecrets(flow: Flow, params: Params): Params {
  const kept = { ...params };
  for (const step of flow.steps) if (step.secret && !step.conceal) delete kept[step.key];
  return kept;
}

/** The PIN question naming what it unlocks, when the flow can say. */
async function pinQuestion(
  ctx: PayContext,
  flow: Flow | undefined,
  params: Params,
  customer: BoundCustomer | undefined,
): Promise<string> {
  if (!flow?.action) return ctx.t("pin-question");
  const member = await requireMember(ctx);
  if (!member) return ctx.t("pin-question");
  return ctx.t("pin-question-action", { action: flow.action(params, customer, member, ctx.t) });
}

/**
 * A note that a PIN reset is pending (the old PIN is still needed until then), its date in
 * the shop's time zone, which it names.
 */
export function resetPendingNote(ctx: PayContext, dueAt: string): string {
  const lang = langOf(ctx);
  return ctx.t("pin-reset-pending-note", { due: dateTime(dueAt, lang), zone: lang.timeZone });
}

/**
 * Whether `flow` may run now: true when the shop has no PIN or the member gave it in the
 * last minutes. Otherwise asks for the PIN (a pending step, bound to `customer`) or says
 * the member is locked out, and resolves false.
 */
export async function pinGate(
  ctx: PayContext,
  flow: Flow,
  params: Params,
  customer?: BoundCustomer,
): Promise<boolean> {
  let gate;
  try {
    gate = await ctx.services.ledger.pin.gate(ctx.from!.id);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    ctx.session.pending = undefined;
    await say(ctx, explainRefusal(ctx, error, { customerId: customer?.id }));
    return false;
  }
  if (gate.remind && flow.command !== "setpin") await say(ctx, ctx.t("pin-reminder"));
  if (!gate.pin_set || gate.valid_until) return true;
  if (gate.locked_until) {
    ctx.session.pending = undefined;
    await say(ctx, lockedText(ctx, gate.locked_until));
    return false;
  }
  const pending: Pending = {
    command: flow.command,
    step: PIN_STEP,
    params: withoutSecrets(flow, params),
  };
  if (customer) pending.customer = customer;
  ctx.session.pending = pending;
  const note = gate.reset_due_at ? `\n${resetPendingNote(ctx, gate.reset_due_at)}` : "";
  await say(
    ctx,
    `${await pinQuestion(ctx, flow, params, customer)}${note}\n<i>${ctx.t("flow-cancel")}</i>`,
  );
  return false;
}

/**
 * Checks a PIN the member sent for the pending step: deletes their message, asks the
 * ledger, and resolves true when it was right. A wrong PIN is asked again with the tries
 * left; a lockout ends the pending command.
 */
export async function answerPin(
  ctx: PayContext,
  text: string,
  flow?: Flow,
  pending?: Pending,
): Promise<boolean> {
  await cosmetic(() => ctx.deleteMessage());
  const again = async () =>
    `${await pinQuestion(ctx, flow, pending?.params ?? {}, pending?.customer)}\n` +
    `<i>${ctx.t("flow-cancel")}</i>`;
  const parsed = parsePin(text);
  if (!parsed.ok) {
    await say(ctx, `${said(parsed.error, ctx.t)}\n${await again()}`);
    return false;
  }
  let check;
  try {
    check = await ctx.services.ledger.pin.verify({
      ...changeBy(ctx),
      pin: parsed.value,
    });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    ctx.session.pending = undefined;
    await say(ctx, explainRefusal(ctx, error, { customerId: pending?.customer?.id }));
    return false;
  }
  if (check.ok) return true;
  if (check.locked_until) {
    ctx.session.pending = undefined;
    await say(ctx, lockedText(ctx, check.locked_until));
    return false;
  }
  const left = check.attempts_left ?? 0;
  await say(ctx, `${ctx.t("pin-wrong", { left })}\n${await again()}`);
  return false;
}

// ----------------------------------------------------------------------------
// The first entry of a new PIN, kept until the second one arrives
// ----------------------------------------------------------------------------

const PBKDF2_ITERATIONS = 100_000;

/** Bytes as letters a–p only: a concealed PIN never contains a run of digits. */
function letters(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += String.fromCharCode(97 + (b >> 4), 97 + (b & 15));
  return out;
}

function fromLetters(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = ((text.charCodeAt(2 * i) - 97) << 4) | (text.charCodeAt(2 * i + 1) - 97);
  }
  return bytes;
}

async function pbkdf2(pin: string, salt: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(pin),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations: PBKDF2_ITERATIONS },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/**
 * Conceals the first entry of a new PIN for the session, until the second entry is
 * compared with it: a random salt and PBKDF2-SHA-256 (100,000 rounds), written in
 * letters only. Why not the PIN: sessions are plain rows, so a PIN there could be read
 * by anyone who can read the table; this hash is no easier to guess than the bcrypt
 * hash the shop already stores in the same database, lives only until the second entry
 * (or /cancel), and never reaches a reply or a log.
 */
export async function concealPin(pin: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2:${letters(salt)}:${letters(await pbkdf2(pin, salt))}`;
}

/** Whether `pin` is the PIN that {@link concealPin} concealed as `concealed`. */
export async function matchesConcealed(pin: string, concealed: string): Promise<boolean> {
  const [kind, salt, hash] = concealed.split(":");
  if (kind !== "pbkdf2" || !salt || !hash) return false;
  const derived = letters(await pbkdf2(pin, fromLetters(salt)));
  let diff = derived.length ^ hash.length;
  for (let i = 0; i < derived.length && i < hash.length; i++) {
    diff |= derived.charCodeAt(i) ^ hash.charCodeAt(i);
  }
  return diff === 0;
}
