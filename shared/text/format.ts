/**
 * The generic formatting every area uses: money, balances, dates. How an area's records read
 * lives beside it: customers.ts, transactions.ts, history.ts.
 */
import { formatMoney } from "../domain/money.ts";
import type { Shop } from "../db/ledger.ts";

/** What formatting an amount needs: the shop currency and its decimals. */
export type Money = Pick<Shop, "currency" | "minor_unit">;

/** An amount in the shop's currency, e.g. "$1,250.50". */
export function money(minor: number, shop: Money): string {
  return formatMoney(minor, shop.currency, shop.minor_unit);
}

/** A balance with its meaning: "owes $30.00", "advance $5.00", "settled". */
export function balanceText(balance: number, shop: Money): string {
  if (balance > 0) return `owes ${money(balance, shop)}`;
  if (balance < 0) return `advance ${money(-balance, shop)}`;
  return "settled";
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** A timestamp as "21 Nov 2026, 14:05" in the given time zone. */
export function dateTime(iso: string, timeZone = "UTC"): string {
  let f = dateTimes.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
    dateTimes.set(timeZone, f);
  }
  return f.format(new Date(iso));
}
