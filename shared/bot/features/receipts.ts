/**
 * The customer's side of receipts: `/receipts on|off` for a Telegram account linked to a
 * customer of one or more shops (customer_accounts.receipts, every live link at once), and
 * the two buttons under each receipt the outbox sender delivers (shared/outbox/sender.ts):
 * "✅ OK" and "❗ Not mine / wrong". Both answers are recorded (public.receipt_answers);
 * what "Not mine" opens (a dispute: the entry flagged, the owners asked) is the disputes
 * part of issue 14, which reads that table. A linked customer is not a member, so this
 * feature comes before access (create_bot.ts). Answers are in the customer's language: the
 * one they chose for the link, else their Telegram app's.
 */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { localeOf } from "../lang.ts";
import { translator } from "../../i18n/i18n.ts";
import type { Locale } from "../../domain/language.ts";

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
      await ctx.answerCallbackQuery({ text: t("receipts-not-yours") });
      return;
    }
    // TODO(issue 14, disputes): "Not mine" should flag the entry and ask the owners.
    await ctx.answerCallbackQuery({
      text: t(answer === "ok" ? "receipts-ok-thanks" : "receipts-wrong-noted"),
    });
  });
}
