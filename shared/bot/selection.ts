/**
 * Picking a customer: a search that selects its only result, or shows results as
 * buttons; selecting continues a command that was waiting for a customer.
 */
import { InlineKeyboard } from "grammy";
import { CALLBACKS } from "./callbacks.ts";
import type { CustomerList } from "../db/ledger.ts";
import { balanceText, type Money } from "../text/format.ts";
import { customerButton, customerLine } from "../text/customers.ts";
import { bold, escapeHtml } from "../text/html.ts";
import { clip, fitLines, LIST_BUDGET, visibleLength } from "../text/fit.ts";
import type { PayContext } from "./context.ts";
import { advance, cancelForNewSelection, flowNamed } from "./flows.ts";
import { hidePinLike } from "./pin_gate.ts";
import { readOrExplain, say } from "./replies.ts";

/** Results per page. */
export const PAGE_SIZE = 8;

/**
 * Selects a customer for the member's next commands, and resumes a waiting command
 * (bound to this customer). A command still waiting for another customer is cancelled,
 * and the reply says so, naming both.
 */
export async function selectCustomer(
  ctx: PayContext,
  customer: { id: number; full_name: string; balance: number },
  shop: Money,
): Promise<void> {
  const bound = { id: customer.id, name: customer.full_name };
  const cancelled = cancelForNewSelection(ctx, bound);
  ctx.session.selected = bound;
  const pending = ctx.session.pending;
  if (pending?.choosingCustomer) {
    const flow = flowNamed(pending.command);
    if (flow) {
      await say(
        ctx,
        `✅ Selected ${bold(customer.full_name)} (${balanceText(customer.balance, shop)}).`,
      );
      await advance(ctx, flow, pending.params, { customer: bound });
      return;
    }
    ctx.session.pending = undefined;
  }
  await say(
    ctx,
    `${cancelled ? `${cancelled}\n` : ""}✅ Selected ${bold(customer.full_name)} — ${
      balanceText(customer.balance, shop)
    }.\n` +
      "Next: /addtransaction <i>amount | note</i>, /pay <i>amount</i>, /summary",
  );
}

/** "1 match", "37 matches", or "100+ matches" when the search stopped counting. */
export function matchCount(list: CustomerList): string {
  if (list.total_capped) return `${list.total}+ matches`;
  return `${list.total} match${list.total === 1 ? "" : "es"}`;
}

/**
 * The message and buttons for one page of a customer list or search. The page holds the
 * customers whose lines fit Telegram's limit (by visible length); Next continues after
 * the last one shown.
 */
export function resultsPage(
  list: CustomerList,
  offset: number,
): { text: string; keyboard: InlineKeyboard } {
  const from = offset + 1;
  const heading = (to: number) =>
    list.mode === "all"
      ? `👥 Customers ${from}–${to} of ${list.total}, largest debt first:`
      : `🔎 ${matchCount(list)} for “${
        escapeHtml(clip(list.query, 100))
      }” (${from}–${to}), best first:`;
  const footer = "\n\nTap a name to select it.";
  const fitted = fitLines(
    list.customers.map((c, i) => `${from + i}. ${customerLine(c, list.shop)}`),
    LIST_BUDGET - visibleLength(heading(offset + list.customers.length) + footer),
  );
  const shown = list.customers.slice(0, Math.max(1, fitted.lines.length));
  const to = offset + shown.length;
  const keyboard = new InlineKeyboard();
  for (const c of shown) {
    keyboard.text(customerButton(c, list.shop), CALLBACKS.select.build(c.id)).row();
  }
  const hasPrev = offset > 0;
  const hasNext = to < list.total;
  if (hasPrev) {
    keyboard.text("◀ Previous", CALLBACKS.searchPage.build(Math.max(0, offset - PAGE_SIZE)));
  }
  if (hasNext) keyboard.text("Next ▶", CALLBACKS.searchPage.build(to));
  return { text: [heading(to), ...fitted.lines].join("\n") + footer, keyboard };
}

/**
 * Searches (or lists, for an empty query) and answers: the only match is selected at
 * once; several found by a query are shown as buttons and clear the selection (a later
 * command on "the selected customer" then asks who it is for, instead of acting on
 * someone this reply doesn't name), while the overview of every customer (an empty
 * query) keeps it and says "Still selected: …"; none gets a hint. A query that looks like a PIN (4–8 bare digits) is
 * still searched, but never quoted, and its message is deleted when the shop has a PIN.
 */
export async function findAndPick(ctx: PayContext, query: string, offset = 0): Promise<void> {
  const pinLike = await hidePinLike(ctx, query);
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
        : `No customer matches ${
          pinLike ? "those digits" : `“${escapeHtml(list.query)}”`
        }. Try another spelling, a phone number or a #tag, or /addcustomer.`,
    );
    return;
  }
  if (list.total === 1 && list.mode !== "all" && offset === 0) {
    await selectCustomer(ctx, list.customers[0], list.shop);
    return;
  }
  const page = resultsPage(pinLike ? { ...list, query: "those digits" } : list, offset);
  const lines = [page.text];
  const was = ctx.session.selected;
  if (list.mode === "all") {
    // The overview of every customer keeps the selection, and says whose it is.
    if (was) lines.push(`<i>Still selected: ${bold(was.name)}.</i>`);
  } else {
    // A search that found several selected none of them: nobody stays selected.
    const cancelled = cancelForNewSelection(ctx, undefined);
    ctx.session.selected = undefined;
    if (was) {
      lines.push(
        `<i>No customer is selected now (it was ${bold(was.name)}): tap a name to select one.</i>`,
      );
    }
    if (cancelled) lines.push(cancelled);
  }
  await say(ctx, lines.join("\n"), page.keyboard);
}
