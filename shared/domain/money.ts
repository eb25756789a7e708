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
  | "too_large"
  /** A sign or code of another currency than the shop's (`mark` says which). */
  | "other_currency"
  /** "2,500" in a 3-decimal currency: 2500 or 2.5? (`readings`: both, in minor units). */
  | "ambiguous";

export type AmountResult = { ok: true; minor: number } | {
  ok: false;
  problem: AmountProblem;
  decimals: number;
  /** The other currency's sign or code as typed ("₪", "JD", "ILS"), for "other_currency". */
  mark?: string;
  /** For "ambiguous": [as thousands (2,500.000), as decimals (2.500)], in minor units. */
  readings?: [number, number];
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

/**
 * Currency signs, codes and words people type beside an amount ("$5", "₪ 12.5", "12 NIS",
 * "JD 3", "٥٠ شيكل"). A run of two or three letters counts only when it is a currency
 * code: a common one in any case ("ils", "JOD"), any other ISO code in capitals ("CHF"), so
 * "5 apples" and "all" stay words.
 */
const CURRENCY_MARKS =
  /[$€£₪¥₹﷼]|(?<![a-z])[a-z]{2,3}(?![a-z])|شيكل|شيقل|دينار|دولار|ريال|ریال|جنيه|يورو|ليرة/giu;

const ISO_CODES = new Set(Intl.supportedValuesOf("currency"));
/** Codes understood in lower case too. */
const COMMON_CODES = new Set(
  "usd ils jod eur gbp jpy sar aed egp kwd bhd qar omr iqd lbp syp try cad aud chf cny inr"
    .split(" "),
);

/** What a typed word stands for, when not itself an ISO code. */
const MARK_CURRENCIES: Record<string, string[]> = {
  "nis": ["ILS"],
  "jd": ["JOD"],
  "₪": ["ILS"],
  "€": ["EUR"],
  "₹": ["INR"],
  "¥": ["JPY", "CNY"],
  "﷼": ["SAR", "QAR", "OMR", "YER", "IRR"],
  "شيكل": ["ILS"],
  "شيقل": ["ILS"],
  "دينار": ["JOD", "KWD", "BHD", "IQD", "LYD", "TND", "DZD", "RSD", "MKD"],
  "ريال": ["SAR", "QAR", "OMR", "YER", "IRR"],
  "ریال": ["SAR", "QAR", "OMR", "YER", "IRR"],
  "يورو": ["EUR"],
  "جنيه": ["EGP", "SDG", "GBP", "SSP"],
  "ليرة": ["TRY", "LBP", "SYP"],
};

/** A currency's own symbols: "$" and "US$" for USD, "₪" for ILS, "د.أ." for JOD (en and ar). */
function symbolsOf(currency: string): string[] {
  const symbols = new Set<string>();
  for (const locale of ["en", "ar"]) {
    for (const currencyDisplay of ["symbol", "narrowSymbol"] as const) {
      try {
        const part = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay })
          .formatToParts(1).find((p) => p.type === "currency")?.value;
        if (part) symbols.add(part.replace(/[\u200e\u200f\u061c]/g, "").trim());
      } catch { /* not a currency Intl knows */ }
    }
  }
  return [...symbols].filter(Boolean);
}

/** Whether a typed mark (lower-cased) is a currency's at all. */
function isCurrencyMark(mark: string): boolean {
  const lower = mark.toLowerCase();
  return lower in MARK_CURRENCIES || /^[$£]$/.test(mark) || COMMON_CODES.has(lower) ||
    (/^[A-Z]{3}$/.test(mark) && ISO_CODES.has(mark));
}

/** Whether a word is a currency's sign, code or name ("NIS", "$", "دينار"), and nothing else. */
export function isCurrencyWord(word: string): boolean {
  const text = word.normalize("NFKC").trim();
  const match = text.match(CURRENCY_MARKS);
  CURRENCY_MARKS.lastIndex = 0;
  return match !== null && match.length === 1 && match[0] === text && isCurrencyMark(text);
}

/** Whether a typed mark may stand for `currency`: its code, its sign, its name. */
function denotes(mark: string, currency: string): boolean {
  const lower = mark.toLowerCase();
  if (lower.toUpperCase() === currency) return true;
  if (MARK_CURRENCIES[lower]?.includes(currency)) return true;
  if (lower === "دولار") return symbolsOf(currency).some((s) => s.includes("$"));
  if (/^[$£€¥₹₪]$/.test(mark)) return symbolsOf(currency).some((s) => s.includes(mark));
  return false;
}

/**
 * Parses an amount as typed ("50", "1,250.50", "50$", "₪ 12.5", "٥٠", "١٢٫٥") into
 * minor units of a currency with `decimals` decimals. Refuses (never rounds) more
 * decimals than the currency has; refuses zero, negatives, exponents and huge numbers.
 * With the shop's `currency`, a sign or code of another currency is refused
 * ("other_currency": "₪12" in a USD shop), and in a 3-decimal currency "2,500" is
 * "ambiguous" (2500 or 2.5?) instead of read as thousands.
 */
export function parseAmount(input: string, decimals: number, currency?: string): AmountResult {
  // The decimals must be the shop's real ones: a missing or odd value is a bug, never "2".
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`parseAmount needs the currency's decimals (0 to 6), got ${decimals}`);
  }
  const fail = (problem: AmountProblem, extra: Partial<AmountResult> = {}): AmountResult => ({
    ok: false,
    problem,
    decimals,
    ...extra,
  } as AmountResult);
  let text = westernDigits(input.normalize("NFKC"))
    .replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff]/g, ""); // bidi and zero-width marks
  // The shop's own symbols as Intl writes them ("US$", "د.أ."), before the dots in them count.
  if (currency) {
    for (const symbol of symbolsOf(currency).sort((a, b) => b.length - a.length)) {
      if (symbol.length > 1) text = text.split(symbol).join(" ");
    }
  }
  const marks = [...text.matchAll(CURRENCY_MARKS)].map((m) => m[0]).filter(isCurrencyMark);
  const foreign = currency ? marks.find((mark) => !denotes(mark, currency)) : undefined;
  if (foreign) return fail("other_currency", { mark: foreign });
  const arabicGrouping = /\u066c/.test(text);
  text = text
    .replace(CURRENCY_MARKS, (mark) => isCurrencyMark(mark) ? "" : mark)
    .replace(/\u066b/g, ".") // Arabic decimal separator
    .replace(/\u066c/g, ",") // Arabic thousands separator
    .trim();
  if (text === "") return fail("empty");
  if (/^[-−–]/.test(text)) return fail("not_positive");
  text = text.replace(/^\+/, "").trim();
  // "2,500" where a currency has 3 decimals: a thousands separator, or the decimal comma?
  if (currency && decimals === 3 && !arabicGrouping && /^[1-9]\d{0,2},\d{3}$/.test(text)) {
    const asThousands = parseAmount(text.replace(",", ""), decimals);
    const asDecimals = parseAmount(text.replace(",", "."), decimals);
    if (asThousands.ok && asDecimals.ok) {
      return fail("ambiguous", { readings: [asThousands.minor, asDecimals.minor] });
    }
  }
  // "0,500" can only be a half (a thousands group never follows a lone zero).
  if (decimals === 3 && /^0,\d{3}$/.test(text)) text = text.replace(",", ".");
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
