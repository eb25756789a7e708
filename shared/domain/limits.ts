/**
 * Every input limit in one place: the parsers check against these, the messages quote them,
 * and they equal the database's own checks (table constraints and the SQL functions' limits;
 * tests/db/limits_test.ts reads those from a migrated database, on both engines, and
 * compares). Lengths are in characters (Unicode code points, as Postgres `char_length`
 * counts them), after spaces are collapsed and trimmed.
 *
 * Raising one means a migration too: the test fails until both agree.
 */
import type { Translate } from "../i18n/i18n.ts";

/** Input limits, in characters unless the name says otherwise. */
export const LIMITS = {
  /** A shop's name (`shops.name`). */
  shopName: 100,
  /** A customer's full name (`customers.full_name`, add_customer, rename_customer). */
  customerName: 120,
  /** One hidden nickname (add_customer, add_nickname). */
  nickname: 60,
  /** Nicknames one customer may have (add_nickname). */
  nicknamesPerCustomer: 20,
  /** The note of a purchase or payment (`transactions.description`). */
  note: 500,
  /** One tag, without the # (clean_tags). */
  tag: 32,
  /** Tags one customer may have (tag_customer). */
  tagsPerCustomer: 20,
  /** An expense's item (`expenses.item`). */
  item: 200,
  /** An expense's vendor (`expenses.vendor`). */
  vendor: 100,
  /** An expense's category (`expenses.category`). */
  category: 60,
  /** A phone as typed, with spaces and signs (`customers.phone`). */
  phone: 40,
  /** The digits of a phone (`customers.phone_digits`). */
  phoneDigitsMin: 3,
  phoneDigitsMax: 20,
  /** The shop PIN's digits (set_pin, verify_pin). */
  pinMin: 4,
  pinMax: 8,
} as const;

export type Limit = keyof typeof LIMITS;

/** Characters as Postgres counts them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Whether `text` is longer than `max` characters. */
export function tooLong(text: string, max: number): boolean {
  return charCount(text) > max;
}

/** A message in the member's language (the i18n catalogs' `error-*` keys). */
export type LimitText = (t: Translate) => string;

/** The catalog key of each "too long" message, by what is too long. */
const TOO_LONG_KEYS = {
  name: "error-name-too-long",
  nickname: "error-nickname-too-long",
  note: "error-description-too-long",
  item: "error-item-too-long",
  vendor: "error-vendor-too-long",
  category: "error-category-too-long",
} as const;

/** What may be too long: a name, a nickname, a note, an expense's item, vendor or category. */
export type TooLongWhat = keyof typeof TOO_LONG_KEYS;

/** "That note is too long (500 characters at most)." */
export function tooLongMessage(what: TooLongWhat, max: number): LimitText {
  return (t) => t(TOO_LONG_KEYS[what], { max });
}

/** "4 to 8 digits": how long the PIN is, for English messages. */
export const PIN_DIGITS = `${LIMITS.pinMin} to ${LIMITS.pinMax} digits`;

/** The answer to a PIN of the wrong shape. */
export const PIN_INVALID: LimitText = (t) =>
  t("error-pin-invalid", { min: LIMITS.pinMin, max: LIMITS.pinMax });

/** The answer to something that is not a phone number. */
export const PHONE_INVALID: LimitText = (t) =>
  t("error-phone-invalid", { min: LIMITS.phoneDigitsMin, max: LIMITS.phoneDigitsMax });

/** The answer to a word that is not a tag (`word` HTML-safe). */
export function notATagMessage(word: string): LimitText {
  return (t) => t("error-not-a-tag", { word, max: LIMITS.tag });
}

/** Exactly a PIN's worth of Western digits (convert Arabic-Indic ones first). */
export const PIN_PATTERN = new RegExp(`^[0-9]{${LIMITS.pinMin},${LIMITS.pinMax}}$`);

/** A tag as typed, with or without its #: letters, digits, _ and -, up to {@link LIMITS.tag}. */
export const TAG_PATTERN = new RegExp(`^#?([\\p{L}\\p{N}_-]{1,${LIMITS.tag}})$`, "u");

/** A #tag inside a note or a filter (the # required). */
export const HASH_TAG_PATTERN = new RegExp(`^#([\\p{L}\\p{N}_-]{1,${LIMITS.tag}})$`, "u");
