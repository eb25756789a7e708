/** /summary: the selected customer's card, totals and latest transactions. */
import { Composer } from "grammy";
import { defineCommands } from "../commands.ts";
import { LedgerError } from "../../db/errors.ts";
import {
  balanceText,
  customerCard,
  dateTime,
  type Money,
  money,
  transactionLine,
} from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import { clip, fitLines, LIST_BUDGET, visibleLength } from "../../text/fit.ts";
import type { Links } from "../../db/ledger_types.ts";
import type { PayContext } from "../context.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say } from "../replies.ts";

/**
 * The household block of /summary within `budget` visible characters: each linked
 * account while they fit, "…and N more", and always the group's total.
 */
export function householdLines(
  self: { full_name: string; balance: number },
  links: Links,
  shop: Money,
  budget: number,
): string[] {
  const member = (c: { full_name: string; balance: number }) =>
    `• ${bold(clip(c.full_name, 80))} — ${balanceText(c.balance, shop)}`;
  const title = "👪 <b>Linked accounts</b>";
  const total = `Together: ${bold(balanceText(links.total, shop))}`;
  const everyone = [member(self), ...links.customers.map(member)];
  const more = `…and ${everyone.length} more`;
  const fitted = fitLines(everyone, budget - visibleLength(`${title}\n${more}\n${total}`) - 2);
  const lines = [title, ...fitted.lines];
  if (fitted.omitted) lines.push(`…and ${fitted.omitted} more`);
  return [...lines, total];
}

export const summary = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const summaryCommands = defineCommands({
  summary: {
    area: "customers",
    role: "member",
    menu: "The selected customer's balance and latest entries",
    summary: "The selected customer: phone, tags, balance, totals and latest entries.",
    examples: ["/summary"],
  },
});

summary.command(summaryCommands.summary.names, async (ctx) => {
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
  const latest = [s.recent.length ? "<b>Latest</b>" : "No purchases or payments yet."];
  for (const t of s.recent) latest.push(transactionLine(t, s.shop));
  if (s.links?.customers.length) {
    const used = visibleLength([...lines, ...latest].join("\n")) + 4;
    lines.push("", ...householdLines(s.customer, s.links, s.shop, LIST_BUDGET - used));
  }
  lines.push("", ...latest);
  await say(ctx, lines.join("\n"));
});
