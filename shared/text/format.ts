/**
 * The generic formatting every area uses: money, balances, dates, in the member's language
 * and the shop's time zone ({@link Lang}, shared/bot/lang.ts). How an area's records read
 * lives beside it: customers.ts, transactions.ts, history.ts.
 */
import { formatMoney } from "../domain/money.ts";
import type { Shop } from "../db/ledger.ts";
import type { Locale } from "../domain/language.ts";
import { type Translate, translator } from "../i18n/i18n.ts";

/** What formatting an amount needs: the shop currency and its decimals. */
export type Money = Pick<Shop, "currency" | "minor_unit">;

/** How to write for one reader: their language and the shop's time zone (digits are applied as messages leave). */
export interface Speech {
  locale: Locale;
  timeZone: string;
  t: Translate;
}

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

/** Intl's locale for a language: English as PayTrack always wrote it, Arabic with Latin digits. */
function intlLocale(locale: Locale, kind: "money" | "date"): string {
  if (locale === "ar") return "ar-u-nu-latn";
  return kind === "money" ? "en-US" : "en-GB";
}

/**
 * An amount in the shop's currency: "$1,250.50" in English; in Arabic the symbol follows the
 * number as an Arabic reader expects it ("1,250.50 $", CLDR's pattern).
 */
export function money(
  minor: number,
  shop: Money,
  speech: Pick<Speech, "locale"> = ENGLISH,
): string {
  return formatMoney(minor, shop.currency, shop.minor_unit, intlLocale(speech.locale, "money"));
}

/** A balance with its meaning: "owes $30.00", "advance $5.00", "settled". */
export function balanceText(balance: number, shop: Money, speech: Speech = ENGLISH): string {
  if (balance > 0) return speech.t("balance-owes", { amount: money(balance, shop, speech) });
  if (balance < 0) return speech.t("balance-advance", { amount: money(-balance, shop, speech) });
  return speech.t("balance-settled");
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/**
 * A timestamp as "21 Nov 2026, 14:05" in the shop's time zone (a zone name, or the reader's
 * {@link Speech}: Arabic month names for Arabic readers).
 */
export function dateTime(iso: string, where: string | Speech = "UTC"): string {
  const timeZone = typeof where === "string" ? where : where.timeZone;
  const locale = typeof where === "string" ? "en" : where.locale;
  const key = `${locale}|${timeZone}`;
  let f = dateTimes.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale, "date"), {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    dateTimes.set(key, f);
  }
  return f.format(new Date(iso));
}

/**
 * A calendar day (YYYY-MM-DD, no zone) as a reader sees it: "15 Dec 2026", Arabic month names
 * in Arabic (Latin digits: the digit style is applied as the message leaves).
 */
export function dayText(day: string, reader: Locale | Pick<Speech, "locale"> = "en"): string {
  const locale = typeof reader === "string" ? reader : reader.locale;
  const [y, m, d] = day.slice(0, 10).split("-").map(Number);
  return new Intl.DateTimeFormat(locale === "ar" ? "ar-u-nu-latn" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
