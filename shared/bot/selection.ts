/**
 * Picking a customer: a search that selects its only result, or shows results as
 * buttons; selecting continues a command that was waiting for a customer.
 */
import { InlineKeyboard } from "grammy";
import type { CustomerList } from "../db/ledger.ts";
import { balanceText, customerButton, customerLine, type Money } from "../text/format.ts";
import { bold, escapeHtml } from "../text/html.ts";
import type { PayContext } from "./context.ts";
import { advance, flowNamed } from "./flows.ts";
import { readOrExplain, say } from "./replies.ts";

/** Results per page. */
export const PAGE_SIZE = 8;

/** Selects a customer for the member's next commands, and resumes a waiting command. */
export async function selectCustomer(
  ctx: PayContext,
  customer: { id: number; full_name: string; balance: number },
  shop: Money,
): Promise<void> {
  ctx.session.selected = { id: customer.id, name: customer.full_name };
  const pending = ctx.session.pending;
  if (pending?.choosingCustomer) {
    const flow = flowNamed(pending.command);
    if (flow) {
      await say(
        ctx,
        `✅ Selected ${bold(customer.full_name)} (${balanceText(customer.balance, shop)}).`,
      );
      await advance(ctx, flow, pending.params);
      return;
    }
    ctx.session.pending = undefined;
  }
  await say(
    ctx,
    `✅ Selected ${bold(customer.full_name)} — ${balanceText(customer.balance, shop)}.\n` +
      "Next: /addtransaction <i>amount | note</i>, /pay <i>amount</i>, /summary",
  );
}

/** "1 match", "37 matches", or "100+ matches" when the search stopped counting. */
export function matchCount(list: CustomerList): string {
  if (list.total_capped) return `${list.total}+ matches`;
  return `${list.total} match${list.total === 1 ? "" : "es"}`;
}

/** The message and buttons for one page of a customer list or search. */
export function resultsPage(
  list: CustomerList,
  offset: number,
): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  for (const c of list.customers) keyboard.text(customerButton(c, list.shop), `sel:${c.id}`).row();
  const hasPrev = offset > 0;
  const hasNext = offset + list.customers.length < list.total;
  if (hasPrev) keyboard.text("◀ Previous", `page:${Math.max(0, offset - PAGE_SIZE)}`);
  if (hasNext) keyboard.text("Next ▶", `page:${offset + PAGE_SIZE}`);
  const from = offset + 1;
  const to = offset + list.customers.length;
  const heading = list.mode === "all"
    ? `👥 Customers ${from}–${to} of ${list.total}, largest debt first:`
    : `🔎 ${matchCount(list)} for “${escapeHtml(list.query)}” (${from}–${to}), best first:`;
  const lines = list.customers.map((c, i) => `${from + i}. ${customerLine(c, list.shop)}`);
  return { text: [heading, ...lines, "", "Tap a name to select it."].join("\n"), keyboard };
}

/**
 * Searches (or lists, for an empty query) and answers: the only match is selected at
 * once; several are shown as buttons; none gets a hint.
 */
export async function findAndPick(ctx: PayContext, query: string, offset = 0): Promise<void> {
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listCustomers(ctx.from!.id, { query, limit: PAGE_SIZE, offset }),
  );
  if (!list) return;
  ctx.session.lastQuery = query;
  if (list.total === 0) {
    await say(
      ctx,
      list.mode === "all"
        ? "No customers yet. Add one with /addcustomer <i>Name | phone</i>."
        : `No customer matches “${
          escapeHtml(list.query)
        }”. Try another spelling, a phone number or a #tag, or /addcustomer.`,
    );
    return;
  }
  if (list.total === 1 && list.mode !== "all" && offset === 0) {
    await selectCustomer(ctx, list.customers[0], list.shop);
    return;
  }
  const page = resultsPage(list, offset);
  await say(ctx, page.text, page.keyboard);
}
