/**
 * An amount as members type it, in minor units of the shop's currency: /addtransaction
 * and /pay (recording.ts) and /spend (spending.ts) read amounts with it.
 */
import { parseAmount } from "../domain/money.ts";
import type { Parsed } from "./flow_types.ts";

const AMOUNT_PROBLEMS = {
  empty: "Please send an amount, like 50 or 12.50.",
  not_a_number: "That isn't an amount I understand. Send a number like 50 or 12.50.",
  not_positive: "The amount must be more than zero.",
  too_large: "That amount is too large.",
} as const;

/**
 * Parses an amount in minor units of the shop's currency, whose decimals (`shop.minorUnit`)
 * must be given: there is no default, so an amount is never read at another scale.
 * `allowAll` accepts "all" (settle).
 */
export function amountStep(
  text: string,
  shop: { minorUnit: number; currency: string },
  allowAll = false,
): Parsed {
  if (allowAll && /^(all|everything|settle|الكل|كل)$/i.test(text.trim())) {
    return { ok: true, value: "all" };
  }
  const decimals = shop.minorUnit;
  const result = parseAmount(text, decimals);
  if (result.ok) return { ok: true, value: result.minor };
  if (result.problem === "too_many_decimals") {
    return {
      ok: false,
      error: decimals === 0
        ? `${shop.currency} has no decimals: send a whole amount.`
        : `${shop.currency} allows at most ${decimals} decimals.`,
    };
  }
  return { ok: false, error: AMOUNT_PROBLEMS[result.problem] };
}
