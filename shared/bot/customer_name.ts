/**
 * A customer's name as members type it ("Name ~ nickname ~ nickname") and the warning
 * for a name that looks like an existing customer's: /addcustomer, /rename and /nickname
 * (features/customers.ts) share them.
 */
import type { LookAlike } from "../db/ledger.ts";
import { LIMITS, tooLong, tooLongMessage } from "../domain/limits.ts";
import { balanceText, type Money } from "../text/format.ts";
import { bold, escapeHtml } from "../text/html.ts";
import type { Parsed } from "./flow_types.ts";

/** Validates a name, with optional "~ nickname ~ nickname" parts. */
export function parseNameAndNicknames(text: string): Parsed {
  const [name, ...nicknames] = text.split("~").map((part) => part.replace(/\s+/g, " ").trim());
  if (!name) {
    return { ok: false, error: "The name can't be empty. Please send the customer's name." };
  }
  if (tooLong(name, LIMITS.customerName)) {
    return { ok: false, error: tooLongMessage("name", LIMITS.customerName) };
  }
  if (!/\p{L}/u.test(name)) return { ok: false, error: "A name needs at least one letter." };
  if (nicknames.some((n) => tooLong(n, LIMITS.nickname))) {
    return { ok: false, error: tooLongMessage("nickname", LIMITS.nickname) };
  }
  return { ok: true, value: [name, ...nicknames.filter(Boolean)].join("\n") };
}

/** "⚠️ Looks the same as an existing customer: John Smith (owes $30.00)". */
export function lookAlikeWarning(other: LookAlike, shop: Money): string {
  return `⚠️ Looks the same as an existing customer: ${bold(other.full_name)} (${
    escapeHtml(balanceText(other.balance, shop))
  }). Check that it isn't the same person.`;
}
