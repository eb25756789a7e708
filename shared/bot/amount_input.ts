/**
 * An amount as members type it, in minor units of the shop's currency: /addtransaction
 * and /pay (recording.ts) and /spend (spending.ts) read amounts with it. Its refusals are
 * in the reader's language (the recording catalog's `recording-amount-*`).
 */
import { type AmountProblem, parseAmount, toDecimalString } from "../domain/money.ts";
import type { Locale } from "../domain/language.ts";
import { translator } from "../i18n/i18n.ts";
import { money, type Speech } from "../text/format.ts";
import { escapeHtml } from "../text/html.ts";
import type { Parsed } from "./flow_types.ts";

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

const AMOUNT_PROBLEMS: Partial<Record<AmountProblem, string>> = {
  empty: "recording-amount-empty",
  not_a_number: "recording-amount-not-a-number",
  not_positive: "recording-amount-not-positive",
  too_large: "recording-amount-too-large",
};

/** A currency's name for a sentence: "US dollars", "Jordanian dinars"; "دولار أمريكي" in Arabic. */
export function currencyName(currency: string, locale: Locale): string {
  try {
    if (locale === "en") {
      const name = new Intl.NumberFormat("en", {
        style: "currency",
        currency,
        currencyDisplay: "name",
      }).formatToParts(2).filter((p) => p.type === "currency").map((p) => p.value).join("");
      if (name) return name;
    }
    return new Intl.DisplayNames(locale, { type: "currency" }).of(currency) ?? currency;
  } catch {
    return currency;
  }
}

/** A currency's sign as the reader sees it in amounts: "$", "₪", "JOD"; "US$", "د.أ." in Arabic. */
export function currencySign(currency: string, locale: Locale): string {
  const part = new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : "en-US", {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
  }).formatToParts(1).find((p) => p.type === "currency")?.value ?? currency;
  return part.replace(/[\u200e\u200f\u061c]/g, "").trim();
}

/**
 * Parses an amount in minor units of the shop's currency, whose decimals (`shop.minorUnit`)
 * must be given: there is no default, so an amount is never read at another scale.
 * `allowAll` accepts "all" (settle). Another currency's sign is refused naming the shop's
 * currency; "2,500" in a 3-decimal currency asks which was meant. `speech` is the reader's
 * language (English by default).
 */
export function amountStep(
  text: string,
  shop: { minorUnit: number; currency: string },
  allowAll = false,
  speech: Speech = ENGLISH,
): Parsed {
  if (allowAll && /^(all|everything|settle|الكل|كل)$/i.test(text.trim())) {
    return { ok: true, value: "all" };
  }
  const t = speech.t;
  const decimals = shop.minorUnit;
  const result = parseAmount(text, decimals, shop.currency);
  if (result.ok) return { ok: true, value: result.minor };
  const currency = escapeHtml(shop.currency);
  switch (result.problem) {
    case "too_many_decimals":
      return {
        ok: false,
        error: decimals === 0
          ? t("recording-amount-no-decimals", { currency })
          : t("recording-amount-max-decimals", { currency, decimals: String(decimals) }),
      };
    case "other_currency":
      return {
        ok: false,
        error: t("recording-amount-other-currency", {
          currency: escapeHtml(currencyName(shop.currency, speech.locale)),
          sign: escapeHtml(currencySign(shop.currency, speech.locale)),
          mark: escapeHtml(result.mark ?? ""),
        }),
      };
    case "ambiguous": {
      const [thousands, fraction] = result.readings!;
      const cash = { currency: shop.currency, minor_unit: decimals };
      const plain = (minor: number) => toDecimalString(minor, decimals).replace(/\.?0+$/, "");
      return {
        ok: false,
        error: t("recording-amount-ambiguous", {
          typed: escapeHtml(text.trim()),
          thousands: money(thousands, cash, speech),
          fraction: money(fraction, cash, speech),
          thousandsTyped: plain(thousands),
          fractionTyped: plain(fraction),
        }),
      };
    }
    default:
      return { ok: false, error: t(AMOUNT_PROBLEMS[result.problem]!) };
  }
}
