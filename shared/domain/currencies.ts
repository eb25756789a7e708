/**
 * The ISO 4217 currencies a shop can keep its ledger in: the same list as the ledger's
 * `public.currencies` table (seeded in supabase/migrations/20261121000100_ledger_tables.sql;
 * tests/config/currencies_test.ts checks the two agree on a fresh database). Start-up
 * refuses a DEFAULT_CURRENCY that is not here, before any shop could be opened with it.
 */

/** Each known currency with its decimals (ISO 4217 minor unit) and English name. */
export const CURRENCIES = {
  AED: { minorUnit: 2, name: "UAE dirham" },
  AUD: { minorUnit: 2, name: "Australian dollar" },
  BDT: { minorUnit: 2, name: "Bangladeshi taka" },
  BHD: { minorUnit: 3, name: "Bahraini dinar" },
  BRL: { minorUnit: 2, name: "Brazilian real" },
  CAD: { minorUnit: 2, name: "Canadian dollar" },
  CHF: { minorUnit: 2, name: "Swiss franc" },
  CLP: { minorUnit: 0, name: "Chilean peso" },
  CNY: { minorUnit: 2, name: "Chinese yuan" },
  DZD: { minorUnit: 2, name: "Algerian dinar" },
  EGP: { minorUnit: 2, name: "Egyptian pound" },
  EUR: { minorUnit: 2, name: "Euro" },
  GBP: { minorUnit: 2, name: "Pound sterling" },
  IDR: { minorUnit: 2, name: "Indonesian rupiah" },
  ILS: { minorUnit: 2, name: "Israeli new shekel" },
  INR: { minorUnit: 2, name: "Indian rupee" },
  IQD: { minorUnit: 3, name: "Iraqi dinar" },
  ISK: { minorUnit: 0, name: "Icelandic krona" },
  JOD: { minorUnit: 3, name: "Jordanian dinar" },
  JPY: { minorUnit: 0, name: "Japanese yen" },
  KES: { minorUnit: 2, name: "Kenyan shilling" },
  KRW: { minorUnit: 0, name: "South Korean won" },
  KWD: { minorUnit: 3, name: "Kuwaiti dinar" },
  LBP: { minorUnit: 2, name: "Lebanese pound" },
  LYD: { minorUnit: 3, name: "Libyan dinar" },
  MAD: { minorUnit: 2, name: "Moroccan dirham" },
  MXN: { minorUnit: 2, name: "Mexican peso" },
  MYR: { minorUnit: 2, name: "Malaysian ringgit" },
  NGN: { minorUnit: 2, name: "Nigerian naira" },
  OMR: { minorUnit: 3, name: "Omani rial" },
  PKR: { minorUnit: 2, name: "Pakistani rupee" },
  QAR: { minorUnit: 2, name: "Qatari riyal" },
  RUB: { minorUnit: 2, name: "Russian ruble" },
  SAR: { minorUnit: 2, name: "Saudi riyal" },
  SDG: { minorUnit: 2, name: "Sudanese pound" },
  SYP: { minorUnit: 2, name: "Syrian pound" },
  TND: { minorUnit: 3, name: "Tunisian dinar" },
  TRY: { minorUnit: 2, name: "Turkish lira" },
  UAH: { minorUnit: 2, name: "Ukrainian hryvnia" },
  UGX: { minorUnit: 0, name: "Ugandan shilling" },
  USD: { minorUnit: 2, name: "US dollar" },
  VND: { minorUnit: 0, name: "Vietnamese dong" },
  XAF: { minorUnit: 0, name: "Central African CFA franc" },
  XOF: { minorUnit: 0, name: "West African CFA franc" },
  YER: { minorUnit: 2, name: "Yemeni rial" },
  ZAR: { minorUnit: 2, name: "South African rand" },
} as const satisfies Record<string, { minorUnit: number; name: string }>;

/** An ISO 4217 code PayTrack knows. */
export type CurrencyCode = keyof typeof CURRENCIES;

/** The known codes, in alphabetical order. */
export const CURRENCY_CODES: readonly CurrencyCode[] = Object.keys(CURRENCIES)
  .sort() as CurrencyCode[];

/** Whether `code` (upper case) is a currency PayTrack knows. */
export function isKnownCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}
