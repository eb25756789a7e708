import assert from "node:assert/strict";
import { formatMoney, parseAmount, toDecimalString } from "../../shared/domain/money.ts";

function minor(text: string, decimals = 2): number | string {
  const result = parseAmount(text, decimals);
  return result.ok ? result.minor : result.problem;
}

Deno.test("plain, grouped and symbol-marked amounts become minor units", () => {
  assert.equal(minor("50"), 5000);
  assert.equal(minor("1,250.50"), 125050);
  assert.equal(minor("50$"), 5000);
  assert.equal(minor("$ 50"), 5000);
  assert.equal(minor("₪12.5"), 1250);
  assert.equal(minor("12,5"), 1250);
  assert.equal(minor(".5"), 50);
  assert.equal(minor("007"), 700);
  assert.equal(minor("1 250"), 125000);
});

Deno.test("Arabic-Indic and Persian digits and the Arabic decimal mark are understood", () => {
  assert.equal(minor("٥٠"), 5000);
  assert.equal(minor("١٢٫٥"), 1250);
  assert.equal(minor("۱۲۰"), 12000);
  assert.equal(minor("\u200f٥٠ شيكل"), 5000);
});

Deno.test("the currency decides the decimals: more are refused, never rounded", () => {
  assert.equal(minor("12.345", 2), "too_many_decimals");
  assert.equal(minor("12.345", 3), 12345); // JOD
  assert.equal(minor("12.3450", 3), 12345); // trailing zeros are not extra precision
  assert.equal(minor("500", 0), 500); // JPY
  assert.equal(minor("5.5", 0), "too_many_decimals");
  assert.equal(minor("0.001", 2), "too_many_decimals");
});

Deno.test("zero, negatives, words, exponents and huge numbers are refused", () => {
  assert.equal(minor("0"), "not_positive");
  assert.equal(minor("0.00"), "not_positive");
  assert.equal(minor("-5"), "not_positive");
  assert.equal(minor("abc"), "not_a_number");
  assert.equal(minor("1e20"), "not_a_number");
  assert.equal(minor("12.5.5"), "not_a_number");
  assert.equal(minor("5 apples"), "not_a_number");
  assert.equal(minor(""), "empty");
  assert.equal(minor("   "), "empty");
  assert.equal(minor("100000000000000000000"), "too_large");
  assert.equal(minor("10000000001"), "too_large"); // over 1e12 minor units
  assert.equal(minor("10000000000"), 1_000_000_000_000); // exactly the limit
  assert.equal(minor("😀"), "not_a_number");
});

Deno.test("money is formatted exactly in the shop's currency", () => {
  assert.equal(formatMoney(125050, "USD", 2), "$1,250.50");
  assert.equal(formatMoney(-250, "ILS", 2), "-₪2.50");
  assert.equal(formatMoney(5000, "JOD", 3), "JOD\u00a05.000"); // Intl puts a no-break space after a code
  assert.equal(formatMoney(500, "JPY", 0), "¥500");
  // Beyond float precision the digits stay exact: formatting never goes through a float.
  assert.equal(formatMoney(900719925474099, "USD", 2), "$9,007,199,254,740.99");
  // The database's ISO 4217 minor unit wins where Intl (CLDR) assumes another: IQD has 3.
  assert.equal(formatMoney(1500, "IQD", 3), "IQD\u00a01.500");
});

Deno.test("decimal strings of minor units are exact", () => {
  assert.equal(toDecimalString(5, 2), "0.05");
  assert.equal(toDecimalString(-12345, 3), "-12.345");
  assert.equal(toDecimalString(7, 0), "7");
});

Deno.test("the decimals are never guessed: a missing or invalid minor unit throws instead of defaulting", () => {
  for (const decimals of [undefined, null, Number.NaN, -1, 2.5, 7]) {
    assert.throws(() => parseAmount("500", decimals as unknown as number), RangeError);
  }
  // The same text at each shop's real scale.
  assert.equal(minor("500", 0), 500); // JPY
  assert.equal(minor("5", 3), 5000); // JOD
  assert.equal(minor("5", 2), 500); // USD
});

function inShop(text: string, currency: string, decimals = 2): number | string {
  const result = parseAmount(text, decimals, currency);
  if (result.ok) return result.minor;
  return result.mark ? `${result.problem}:${result.mark}` : result.problem;
}

Deno.test("with the shop's currency, another currency's sign or code is refused and its own accepted", () => {
  assert.equal(inShop("₪12.5", "USD"), "other_currency:₪");
  assert.equal(inShop("$5", "ILS"), "other_currency:$");
  assert.equal(inShop("€5", "ILS"), "other_currency:€");
  assert.equal(inShop("JD 3", "ILS"), "other_currency:JD");
  assert.equal(inShop("ILS 12", "USD"), "other_currency:ILS");
  assert.equal(inShop("12 NIS", "USD"), "other_currency:NIS");
  assert.equal(inShop("CHF 5", "USD"), "other_currency:CHF");
  assert.equal(inShop("٥٠ شيكل", "USD"), "other_currency:شيكل");
  assert.equal(inShop("$5", "USD"), 500);
  assert.equal(inShop("5 usd", "USD"), 500);
  assert.equal(inShop("50 US$", "USD"), 5000); // as Arabic chats show dollars
  assert.equal(inShop("5$", "CAD"), 500); // a dollar shop's own sign
  assert.equal(inShop("12NIS", "ILS"), 1200);
  assert.equal(inShop("٥٠ شيكل", "ILS"), 5000);
  assert.equal(inShop("12 دينار", "JOD", 3), 12000);
  assert.equal(inShop("12.500 د.أ.", "JOD", 3), 12500); // the Arabic sign of the dinar
  // Words that merely look like codes stay words.
  assert.equal(inShop("all", "USD"), "not_a_number");
  assert.equal(inShop("5 apples", "USD"), "not_a_number");
  // Without a currency, signs are only dropped (as before).
  assert.equal(minor("₪12.5"), 1250);
});

Deno.test("2,500 in a 3-decimal currency is ambiguous; in a 2-decimal one it is thousands", () => {
  const jod = parseAmount("2,500", 3, "JOD");
  assert.deepEqual(jod, {
    ok: false,
    problem: "ambiguous",
    decimals: 3,
    readings: [2_500_000, 2_500],
  });
  assert.equal(inShop("2,500", "KWD", 3), "ambiguous");
  assert.equal(inShop("2,500.000", "JOD", 3), 2_500_000);
  assert.equal(inShop("1,250,000", "JOD", 3), 1_250_000_000);
  assert.equal(inShop("0,500", "JOD", 3), 500); // a lone zero: only a half makes sense
  assert.equal(inShop("١٬٢٥٠", "JOD", 3), 1_250_000); // the Arabic thousands mark is no decimal
  assert.equal(inShop("12,5", "JOD", 3), 12_500);
  assert.equal(inShop("2,500", "USD"), 250_000);
  assert.equal(inShop("2,50", "USD"), 250);
  assert.equal(minor("2,500", 3), 2_500_000); // without the currency: as before
});
