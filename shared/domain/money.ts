/**
 * Money as whole minor units (cents, fils, yen): parsed from what a shop owner types,
 * formatted in the shop's currency. Never a float on the way in.
 */

/** The largest amount one purchase or payment may have, in minor units (matches SQL). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** Why an amount was refused. */
export type AmountProblem =
  | "empty"
  | "not_a_number"
  | "not_positive"
  | "too_many_decimals"
  | "too_large";

export type AmountResult = { ok: true; minor: number } | {
  ok: false;
  problem: AmountProblem;
  decimals: number;
};

const DIGIT_MAP: Record<string, string> = {};
for (let i = 0; i < 10; i++) {
  DIGIT_MAP[String.fromCharCode(0x0660 + i)] = String(i); // Arabic-Indic ٠-٩
  DIGIT_MAP[String.fromCharCode(0x06f0 + i)] = String(i); // Extended Arabic-Indic (Persian) ۰-۹
}

/** Replaces Arabic-Indic and Persian digits with 0-9. */
export function westernDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => DIGIT_MAP[d]);
}

/** Decimals a currency allows (ISO 4217 minor unit): USD 2, JOD 3, JPY 0. */
export function minorUnitOf(currency: string): number {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits;
  // No default: an amount read at a guessed scale would be off by a power of ten.
  if (digits === undefined) throw new RangeError(`no minor unit known for ${currency}`);
  return digits;
}

const CURRENCY_MARKS =
  /[$€£₪¥₹﷼]|\b(?:usd|ils|nis|jod|eur|gbp|jpy|sar|aed|egp)\b|شيكل|شيقل|دينار|دولار|ريال/giu;

/**
 * Parses an amount as typed ("50", "1,250.50", "50$", "₪ 12.5", "٥٠", "١٢٫٥") into
 * minor units of a currency with `decimals` decimals. Refuses (never rounds) more
 * decimals than the currency has; refuses zero, negatives, exponents and huge numbers.
 */
export function parseAmount(input: string, decimals: number): AmountResult {
  // The decimals must be the shop's real ones: a missing or odd value is a bug, never "2".
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`parseAmount needs the currency's decimals (0 to 6), got ${decimals}`);
  }
  const fail = (problem: AmountProblem): AmountResult => ({ ok: false, problem, decimals });
  let text = westernDigits(input.normalize("NFKC"))
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff]/g, "") // bidi and zero-width marks
    .replace(CURRENCY_MARKS, "")
    .replace(/\u066b/g, ".") // Arabic decimal separator
    .replace(/\u066c/g, ",") // Arabic thousands separator
    .trim();
  if (text === "") return fail("empty");
  if (/^[-−–]/.test(text)) return fail("not_positive");
  text = text.replace(/^\+/, "").trim();
  // Thousands separators: commas (or spaces) between groups of three digits.
  if (/^\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/[, ]/g, "");
  // A lone comma as the decimal separator ("12,5") when it cannot be a thousands separator.
  else if (/^\d+,\d{1,2}$/.test(text)) text = text.replace(",", ".");
  const match = text.match(/^(\d+)(?:\.(\d*))?$/) ?? text.match(/^()\.(\d+)$/);
  if (!match) return fail("not_a_number");
  const [, whole, fraction = ""] = match;
  const fractionDigits = fraction.replace(/0+$/, "");
  if (fractionDigits.length > decimals) return fail("too_many_decimals");
  const wholeDigits = whole.replace(/^0+(?=\d)/, "") || "0";
  if (wholeDigits.length > 15) return fail("too_large");
  const minor = BigInt(wholeDigits) * 10n ** BigInt(decimals) +
    BigInt(fractionDigits.padEnd(decimals, "0") || "0");
  if (minor <= 0n) return fail("not_positive");
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return fail("too_large");
  return { ok: true, minor: Number(minor) };
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats minor units of a currency with `decimals` decimals (the shop's ISO 4217 minor
 * unit from the database, which can differ from what Intl assumes, e.g. IQD):
 * 125050 USD 2 → "$1,250.50", 5000 JOD 3 → "JOD 5.000".
 */
export function formatMoney(
  minor: number,
  currency: string,
  decimals: number,
  locale = "en-US",
): string {
  const key = `${locale}|${currency}|${decimals}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, formatter);
  }
  // A decimal string keeps every digit exact: formatting never goes through a float.
  return formatter.format(toDecimalString(minor, decimals) as unknown as number);
}

/** Minor units as an exact decimal string ("1250.50"), for formatting and spreadsheets. */
export function toDecimalString(minor: number, decimals: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not a safe integer amount: ${minor}`);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  const whole = decimals ? digits.slice(0, -decimals) : digits;
  const fraction = decimals ? `.${digits.slice(-decimals)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}
