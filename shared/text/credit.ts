/**
 * Credit terms and limits in words, for the credit page, /terms, /limit and the /settings
 * line: "30 days", "$500.00", "none" (the credit catalog's `credit-*`).
 */
import type { Translate } from "../i18n/i18n.ts";
import { type Money, money, type Speech } from "./format.ts";

/** Terms in words: "30 days", or "none". */
export function termsText(t: Translate, days: number | null): string {
  return days === null ? t("credit-none") : t("credit-days", { count: days });
}

/** A limit in words: "$500.00", or "none". */
export function limitText(speech: Speech, limit: number | null, shop: Money): string {
  return limit === null ? speech.t("credit-none") : money(limit, shop, speech);
}
