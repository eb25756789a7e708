/** /summary: the selected customer's card, totals and latest transactions. */
import { Composer } from "grammy";
import { LedgerError } from "../../db/errors.ts";
import { customerCard, dateTime, money, transactionLine } from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say } from "../replies.ts";
import { householdText } from "./links.ts";

export const summary = new Composer<PayContext>();

summary.command("summary", async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const selected = ctx.session.selected;
  if (!selected) {
    await say(ctx, "No customer is selected. Find one first: /search <i>name, phone or #tag</i>");
    return;
  }
  await cosmetic(() => ctx.replyWithChatAction("typing"));
  const s = await readOrExplain(ctx, async () => {
    try {
      return await ctx.services.ledger.customerSummary(ctx.from!.id, selected.id, 5);
    } catch (error) {
      if (error instanceof LedgerError && error.code === "customer_not_found") {
        ctx.session.selected = undefined;
      }
      throw error;
    }
  });
  if (!s) return;
  const lines = [
    customerCard(s.customer, s.shop),
    "",
    `Bought on credit: ${money(s.totals.purchases, s.shop)} · Paid: ${
      money(s.totals.payments, s.shop)
    } · ${s.totals.count} entries`,
  ];
  if (s.totals.last_payment_at) lines.push(`Last payment: ${dateTime(s.totals.last_payment_at)}`);
  if (s.merged_into) lines.push(`Merged into ${bold(s.merged_into.full_name)}.`);
  if (s.links?.customers.length) lines.push("", householdText(s.customer, s.links, s.shop));
  lines.push("", s.recent.length ? "<b>Latest</b>" : "No purchases or payments yet.");
  for (const t of s.recent) lines.push(transactionLine(t, s.shop));
  await say(ctx, lines.join("\n"));
});
