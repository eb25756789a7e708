/** How a purchase or a payment reads in a chat, in one line. */
import type { Transaction } from "../db/ledger.ts";
import { translator } from "../i18n/i18n.ts";
import { italic } from "./html.ts";
import { clipHtml, NOTE_IN_LIST } from "./fit.ts";
import { balanceText, dateTime, type Money, money, type Speech } from "./format.ts";

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

/**
 * One transaction: "🛒 $50.00 groceries · 21 Nov 2026, 14:05 → owes $50.00". `where` is the
 * shop's time zone (English words), or the reader's {@link Speech}: their language and the
 * shop's time zone ("🛒 ‏50.00 US$ خبز · ٢١ نوفمبر ٢٠٢٦، ‏14:05 → عليه …").
 */
export function transactionLine(
  t: Transaction,
  shop: Money,
  where?: string | Speech,
): string {
  const speech: Speech = typeof where === "object"
    ? where
    : { ...ENGLISH, timeZone: where ?? "UTC" };
  const icon = t.kind === "purchase" ? "🛒" : "💵";
  const note = t.description ? ` ${clipHtml(t.description, NOTE_IN_LIST)}` : "";
  const line = `${icon} ${money(t.amount, shop, speech)}${note} · ${
    dateTime(t.created_at, speech)
  }`;
  return (t.voided_at
    ? `<s>${line}</s> ${italic(speech.t("recording-line-undone"))}`
    : `${line} → ${balanceText(t.balance_after, shop, speech)}`) + disputeMark(t, speech);
}

/**
 * The mark of an entry's dispute (❗ Not mine on the customer's receipt), with a space
 * before it: " ❗ disputed" while open, " ☑️ dispute: undone" / " ☑️ dispute: confirmed
 * correct" once resolved; "" for an entry never disputed.
 */
export function disputeMark(t: Pick<Transaction, "dispute">, speech: Speech = ENGLISH): string {
  switch (t.dispute) {
    case "open":
      return ` ${speech.t("receipts-line-disputed")}`;
    case "undone":
      return ` ${italic(speech.t("receipts-line-dispute-undone"))}`;
    case "upheld":
      return ` ${italic(speech.t("receipts-line-dispute-upheld"))}`;
    default:
      return "";
  }
}
