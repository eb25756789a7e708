/**
 * A customer's name as members type it ("Name ~ nickname ~ nickname") and the warning
 * for a name that looks like an existing customer's: /addcustomer, /rename and /nickname
 * (features/customers.ts) share them.
 */
import type { LookAlike } from "../db/ledger.ts";
import { LIMITS, tooLong, tooLongMessage } from "../domain/limits.ts";
import { translator } from "../i18n/i18n.ts";
import { balanceText, type Money, type Speech } from "../text/format.ts";
import { bold, escapeHtml } from "../text/html.ts";
import type { Parsed } from "./flow_types.ts";

/** Validates a name, with optional "~ nickname ~ nickname" parts: [name, ...nicknames]. */
export function parseNameAndNicknames(text: string): Parsed {
  const [name, ...nicknames] = text.split("~").map((part) => part.replace(/\s+/g, " ").trim());
  if (!name) {
    return { ok: false, error: (t) => t("customers-name-empty") };
  }
  if (tooLong(name, LIMITS.customerName)) {
    return { ok: false, error: tooLongMessage("name", LIMITS.customerName) };
  }
  if (!/\p{L}/u.test(name)) return { ok: false, error: (t) => t("customers-name-no-letter") };
  if (nicknames.some((n) => tooLong(n, LIMITS.nickname))) {
    return { ok: false, error: tooLongMessage("nickname", LIMITS.nickname) };
  }
  return { ok: true, value: [name, ...nicknames.filter(Boolean)] };
}

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

/** "⚠️ Looks the same as an existing customer: John Smith (owes $30.00)", in the reader's language. */
export function lookAlikeWarning(other: LookAlike, shop: Money, speech: Speech = ENGLISH): string {
  return speech.t("customers-look-alike", {
    name: bold(other.full_name),
    balance: escapeHtml(balanceText(other.balance, shop, speech)),
  });
}
