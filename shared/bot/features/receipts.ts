/**
 * The customer's side of receipts: `/receipts on|off` for a Telegram account linked to a
 * customer of one or more shops (customer_accounts.receipts, every live link at once), and
 * the two buttons under each receipt the outbox sender delivers (shared/outbox/sender.ts):
 * "✅ OK" and "❗ Not mine / wrong". Both answers are recorded (public.receipt_answers).
 *
 * Disputes: "❗ Not mine" on an entry's receipt opens its dispute (answer_receipt, one per
 * entry; an entry already undone opens nothing): the entry is marked, and every owner gets a
 * notice through the outbox with "↩️ Undo it" and "✅ It is correct". Undo it takes the
 * ordinary undo path (the /undo flow history.ts registers: the PIN gate when the undo needs the PIN, and
 * undo_action's own checks), and any undo of the entry resolves the dispute as undone (a
 * trigger); It is correct asks for a short note (/skip for none) and resolves it upheld.
 * The customer is told the outcome through the outbox. Only the shop's owners may answer: a
 * clerk is told it is for owners, another shop's owner finds nothing, and a double press or
 * a redelivered update says it was resolved already.
 *
 * A linked customer is not a member, so this feature comes before access (create_bot.ts).
 * A customer's answers are in their language: the one they chose for the link, else their
 * Telegram app's; an owner's in theirs (ctx.t).
 */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { langOf, localeOf } from "../lang.ts";
import { translator } from "../../i18n/i18n.ts";
import type { Locale } from "../../domain/language.ts";
import type { Dispute, DisputeOpening } from "../../db/ledger/receipts.ts";
import { changeBy } from "../change.ts";
import { advance, defineFlow, flowNamed, type Params } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say } from "../replies.ts";
import { bold } from "../../text/html.ts";
import { money } from "../../text/format.ts";

export const receipts = new Composer<PayContext>();

export const receiptsCommands = defineCommands({
  receipts: { area: "receipts", role: "anyone" },
});

const ON = ["on", "تشغيل"];
const OFF = ["off", "إيقاف"];

/** The customer's words: their link's language, else their Telegram app's. */
function words(ctx: PayContext, language: Locale | null | undefined) {
  return translator(language ?? localeOf(ctx));
}

receipts.command(receiptsCommands.receipts.names, async (ctx) => {
  const arg = ctx.match.trim().toLowerCase();
  // The words in either language (the Arabic guide shows /receipts إيقاف).
  const on = ON.includes(arg) ? true : OFF.includes(arg) ? false : null;
  const ledger = ctx.services.ledger;
  if (on === null) {
    // Only a look, no change: the usage for a linked customer, else what linking is.
    const current = await ledger.receipts.setReceipts(ctx.from!.id, null);
    const t = words(ctx, current.language);
    await ctx.reply(t(current.accounts ? "receipts-usage" : "receipts-not-linked"), {
      parse_mode: "HTML",
    });
    return;
  }
  const result = await ledger.receipts.setReceipts(ctx.from!.id, on);
  const t = words(ctx, result.language);
  const key = result.accounts === 0
    ? "receipts-not-linked"
    : on
    ? "receipts-turned-on"
    : "receipts-turned-off";
  await ctx.reply(t(key), { parse_mode: "HTML" });
});

for (
  const [pattern, answer] of [
    [CALLBACKS.receiptOk.pattern, "ok"],
    [CALLBACKS.receiptWrong.pattern, "not_mine"],
  ] as const
) {
  receipts.callbackQuery(pattern, async (ctx) => {
    const outboxId = Number(ctx.match[1]);
    const result = await ctx.services.ledger.receipts.answer(ctx.from.id, outboxId, answer);
    const t = words(ctx, result.found ? result.language : null);
    if (!result.found) {
      // Forged or someone else's receipt: nothing is recorded, nothing is revealed.
      await cosmetic(() => ctx.answerCallbackQuery({ text: t("receipts-not-yours") }));
      return;
    }
    const key = answer === "ok" ? "receipts-ok-thanks" : DISPUTE_ANSWERS[result.dispute ?? "none"];
    // A redelivered press finds its query answered already: nothing more to show, no failure.
    await cosmetic(() => ctx.answerCallbackQuery({ text: t(key), show_alert: answer !== "ok" }));
  });
}

/** What ❗ Not mine answers, by what it did (none: a merge's receipt, only recorded). */
const DISPUTE_ANSWERS: Record<NonNullable<DisputeOpening> | "none", string> = {
  opened: "receipts-dispute-opened",
  already_open: "receipts-dispute-already-open",
  already_undone: "receipts-dispute-already-undone",
  already_upheld: "receipts-dispute-already-upheld",
  none: "receipts-wrong-noted",
};

/**
 * The dispute a button names, when it is the owner's shop's and still open; otherwise says
 * why not (not this shop's, resolved already) and answers undefined. A clerk is refused by
 * the ledger (owner_only), a stranger by requireMember.
 */
async function openDispute(ctx: PayContext, id: number): Promise<Dispute | undefined> {
  if (!(await requireMember(ctx))) return undefined;
  const found = await readOrExplain(
    ctx,
    () => ctx.services.ledger.receipts.dispute(ctx.from!.id, id),
  );
  if (!found) return undefined;
  if (!found.found) {
    await say(ctx, ctx.t("receipts-dispute-not-found"));
    return undefined;
  }
  if (found.status !== "open" || found.voided || found.action_id === null) {
    await say(
      ctx,
      ctx.t(
        found.status === "upheld" ? "receipts-dispute-was-upheld" : "receipts-dispute-was-undone",
      ),
    );
    return undefined;
  }
  return found;
}

/** ↩️ Undo it: the ordinary undo of the entry's recording (the PIN when it needs one). */
receipts.callbackQuery(CALLBACKS.disputeUndo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const dispute = await openDispute(ctx, Number(ctx.match[1]));
  if (!dispute) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const what = ctx.t("receipts-dispute-undo-what", {
    amount: money(dispute.amount, dispute.shop, langOf(ctx)),
    customer: bold(dispute.customer_name),
  });
  // undo_action checks everything again (already undone, the PIN): this only takes its path,
  // /undo's flow (history.ts registers it; a feature never imports another).
  const undoFlow = flowNamed("undo");
  if (!undoFlow) throw new Error("the undo flow is not registered");
  await advance(ctx, undoFlow, {
    action_id: dispute.action_id,
    pin: dispute.undo_needs_pin,
    what: ctx.t("undo-action", { what }),
  });
});

/** It is correct, with an optional note to the customer (params: dispute_id, customer, note). */
const upholdFlow = defineFlow({
  command: "dispute",
  usage: (t) => t("receipts-dispute-button-correct"),
  noun: (t) => t("receipts-dispute-noun"),
  steps: [{
    key: "note",
    question: (t) => t("receipts-dispute-note-question", { customer: "" }),
    ask: (customer, _params, t) =>
      t("receipts-dispute-note-question", { customer: bold(customer.name) }),
    optional: true,
    parse: (text) => {
      const note = text.trim();
      return [...note].length > 200
        ? {
          ok: false,
          error: (t) => t("receipts-dispute-note-too-long", { count: [...note].length }),
        }
        : { ok: true, value: note };
    },
  }],
  split: () => ({}),
  run: runUphold,
});

async function runUphold(ctx: PayContext, params: Params): Promise<void> {
  const result = await readOrExplain(ctx, () =>
    ctx.services.ledger.receipts.uphold({
      ...changeBy(ctx),
      disputeId: Number(params.dispute_id),
      note: typeof params.note === "string" ? params.note : null,
    }));
  if (!result) return;
  if (!result.found) await say(ctx, ctx.t("receipts-dispute-not-found"));
  else if (!result.resolved) {
    await say(
      ctx,
      ctx.t(
        result.status === "upheld" ? "receipts-dispute-was-upheld" : "receipts-dispute-was-undone",
      ),
    );
  } else {
    await say(ctx, ctx.t("receipts-dispute-upheld", { customer: bold(result.customer_name) }));
  }
}

/** ✅ It is correct: asks for the note (or /skip), then resolves the dispute upheld. */
receipts.callbackQuery(CALLBACKS.disputeCorrect.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const dispute = await openDispute(ctx, Number(ctx.match[1]));
  if (!dispute) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await advance(ctx, upholdFlow, { dispute_id: dispute.id }, {
    customer: { id: dispute.customer_id, name: dispute.customer_name },
  });
});
