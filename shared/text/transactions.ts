/** How a purchase or a payment reads in a chat, in one line. */
import type { Transaction } from "../db/ledger.ts";
import { italic } from "./html.ts";
import { clipHtml, NOTE_IN_LIST } from "./fit.ts";
import { balanceText, dateTime, type Money, money } from "./format.ts";

/** One transaction: "🛒 $50.00 groceries · 21 Nov 2026, 14:05 → owes $50.00". */
export function transactionLine(
  t: Transaction,
  shop: Money,
  timeZone?: string,
): string {
  const icon = t.kind === "purchase" ? "🛒" : "💵";
  const note = t.description ? ` ${clipHtml(t.description, NOTE_IN_LIST)}` : "";
  const line = `${icon} ${money(t.amount, shop)}${note} · ${dateTime(t.created_at, timeZone)}`;
  return t.voided_at
    ? `<s>${line}</s> ${italic("(undone)")}`
    : `${line} → ${balanceText(t.balance_after, shop)}`;
}
