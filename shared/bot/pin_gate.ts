/**
 * The shop PIN in conversation: before a PIN-protected flow runs, ask the ledger whether
 * the member needs to give the PIN; if so, wait for it as a pending step. The PIN itself
 * goes straight to the ledger's verify_pin: it is never stored in the session (the
 * pending step keeps only the flow's other parameters), never logged, and the message
 * that carried it is deleted. The ledger remembers a right PIN for a few minutes, so a
 * run of payments asks once; PIN-protected SQL functions check that grant themselves.
 */
import { LedgerError } from "../db/errors.ts";
import { westernDigits } from "../domain/money.ts";
import { dateTime } from "../text/format.ts";
import type { PayContext } from "./context.ts";
import type { Flow, Params, Step } from "./flows.ts";
import { friendlyError } from "./friendly_errors.ts";
import { cosmetic, say } from "./replies.ts";

/** The key of the pending step that waits for the shop PIN. */
export const PIN_STEP = "shop_pin";

/** The PIN step as a step (for /help, /skip and "I don't know" replies). */
export const pinStep: Step = {
  key: PIN_STEP,
  question: "🔒 This needs the shop PIN. Send it now (I'll delete your message).",
  secret: true,
  parse: parsePin,
};

/** A PIN as typed: 4 to 8 digits (Arabic-Indic digits welcome), nothing else. */
export function parsePin(text: string): { ok: true; value: string } | { ok: false; error: string } {
  const pin = westernDigits(text.trim());
  return /^[0-9]{4,8}$/.test(pin)
    ? { ok: true, value: pin }
    : { ok: false, error: "A PIN is 4 to 8 digits, nothing else." };
}

const REMINDER = "🔐 Tip: protect payments, renames, merges and deleting customers who owe with " +
  "a shop PIN: /setpin. (I'll remind you only this once.)";

function lockedText(until: string): string {
  return `🔒 Too many wrong PINs: PIN actions are locked for you until ${
    dateTime(until)
  } (UTC). Nothing was changed.`;
}

/** The flow's parameters without its secret ones (which must never reach the session). */
function withoutSecrets(flow: Flow, params: Params): Params {
  const kept = { ...params };
  for (const step of flow.steps) if (step.secret) delete kept[step.key];
  return kept;
}

/**
 * Whether `flow` may run now: true when the shop has no PIN or the member gave it in the
 * last minutes. Otherwise asks for the PIN (a pending step) or says the member is locked
 * out, and resolves false.
 */
export async function pinGate(ctx: PayContext, flow: Flow, params: Params): Promise<boolean> {
  let gate;
  try {
    gate = await ctx.services.ledger.care.pinGate(ctx.from!.id);
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    ctx.session.pending = undefined;
    await say(ctx, `⚠️ ${friendlyError(error.code)}`);
    return false;
  }
  if (gate.remind && flow.command !== "setpin") await say(ctx, REMINDER);
  if (!gate.pin_set || gate.valid_until) return true;
  if (gate.locked_until) {
    ctx.session.pending = undefined;
    await say(ctx, lockedText(gate.locked_until));
    return false;
  }
  ctx.session.pending = {
    command: flow.command,
    step: PIN_STEP,
    params: withoutSecrets(flow, params),
  };
  await say(ctx, `${pinStep.question}\n<i>/cancel to stop.</i>`);
  return false;
}

/**
 * Checks a PIN the member sent for the pending step: deletes their message, asks the
 * ledger, and resolves true when it was right. A wrong PIN is asked again with the tries
 * left; a lockout ends the pending command.
 */
export async function answerPin(ctx: PayContext, text: string): Promise<boolean> {
  await cosmetic(() => ctx.deleteMessage());
  const parsed = parsePin(text);
  if (!parsed.ok) {
    await say(ctx, `${parsed.error}\n${pinStep.question}\n<i>/cancel to stop.</i>`);
    return false;
  }
  let check;
  try {
    check = await ctx.services.ledger.care.verifyPin({
      actor: ctx.from!.id,
      updateId: ctx.update.update_id,
      pin: parsed.value,
    });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    ctx.session.pending = undefined;
    await say(ctx, `⚠️ ${friendlyError(error.code)}`);
    return false;
  }
  if (check.ok) return true;
  if (check.locked_until) {
    ctx.session.pending = undefined;
    await say(ctx, lockedText(check.locked_until));
    return false;
  }
  const left = check.attempts_left ?? 0;
  await say(
    ctx,
    `❌ Wrong PIN. ${left} ${
      left === 1 ? "try" : "tries"
    } left before PIN actions lock for 15 minutes.\n` +
      `${pinStep.question}\n<i>/cancel to stop.</i>`,
  );
  return false;
}
