/**
 * Days, months and periods: the one grammar every command reads them with (/transactions,
 * /spending, /export) and the one way they are printed.
 *
 * The grammar (Arabic-Indic digits and extra spaces are fine, case does not matter):
 *
 * - a day: `2026-11-05`, `2026/11/05`, `2026.11.05` (year first, one separator throughout),
 *   `5 Nov 2026`, `5 November 2026` (the way the bot prints a day, so it reads its own output);
 * - a month: `2026-11`, `2026/11`, `2026.11`, `11/2026`, `Nov 2026`, `November 2026`;
 * - Arabic month names wherever an English one goes, both the Egyptian/MSA ones (`نوفمبر 2026`,
 *   with spelling variants: إبريل/ابريل, أغسطس/اغسطس, يونيه…) and the Levantine ones used in
 *   Palestine and Jordan (`تشرين الثاني ٢٠٢٦`, `كانون الأول`, `آب`…), with or without hamza,
 *   `ال`, diacritics or tatweel;
 * - a period: one day or month, or two joined by `..`, `…`, `–`, `—`, ` to `, ` - ` or ` إلى `
 *   (`2026-11-01..2026-11-15`, `Oct 2026 to Dec 2026`); either end may be left open
 *   (`2026-11-01..` from that day on, `..2026-11` until the end of November). Both ends are
 *   included; a month is its first day at the start of a range and its last day at the end.
 *
 * Not read: `05/11/2026` and other day-month-year numbers (05/11 is 5 November in the Middle
 * East and May 11 in the US: asking is better than guessing), two-digit years, weekdays,
 * "yesterday". Years run from {@link MIN_YEAR} to {@link MAX_YEAR}.
 *
 * A period is a pair of calendar days. What instants a day spans depends on the time zone:
 * {@link periodBounds} takes one (UTC today; the shop's zone when shops have one).
 *
 * Tiny and dependency-free: the bot loads it at start-up, the workbook writer uses it too.
 */
import { westernDigits } from "./money.ts";
import type { Locale } from "./language.ts";

/**
 * A message by key, for the refusals in the reader's language (shared/i18n's Translate;
 * the keys are `period-*` in the export catalogs). Without one, the refusals are English.
 */
export type PeriodTranslate = (key: string, args?: Record<string, string | number>) => string;

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

/** A month, `YYYY-MM`. */
export type Month = string;

/** A period: first and last day, both included; either end open (null). */
export interface Period {
  from: Day | null;
  to: Day | null;
}

/** Why a text is not a period. */
export type PeriodProblem =
  /** Not in the grammar at all ("yesterday", "05/11/2026"). */
  | "unreadable"
  /** In the grammar but no such day or month (2026-02-30, 2026-13, year 1999). */
  | "no_such_date"
  /** Ends before it starts. */
  | "reversed";

export type PeriodResult =
  /** `label`: the period in words as it was written (a month as a month, days as days). */
  | { ok: true; period: Period; label: string }
  | { ok: false; problem: PeriodProblem; error: string };

/** An IANA time zone name; days and months start at midnight there. */
export type TimeZone = string;

/** Every date is UTC until shops have a time zone. */
export const DEFAULT_ZONE: TimeZone = "UTC";

/** The years a date may have: earlier or later is a typo. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * How periods are written, for messages: "2026-11 or 2026-11-01..2026-11-15", or with a
 * command: "/export 2026-11 or /export 2026-11-01..2026-11-15" (in the reader's language
 * with `t`).
 */
export function periodExamples(command?: string, t?: PeriodTranslate): string {
  const c = command ? `/${command} ` : "";
  const month = `${c}2026-11`;
  const range = `${c}2026-11-01..2026-11-15`;
  return t ? t("period-examples", { month, range }) : `${month} or ${range}`;
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/**
 * Arabic month names, as {@link foldArabic} writes them, by month: Egyptian/MSA first, then
 * the Levantine (Syriac) names of Palestine, Jordan, Syria and Lebanon (and Iraq's مايس).
 */
const ARABIC_MONTHS: readonly (readonly string[])[] = [
  ["يناير", "كانون الثاني", "كانون ثاني"],
  ["فبراير", "شباط"],
  ["مارس", "اذار"],
  ["ابريل", "نيسان"],
  ["مايو", "ايار", "مايس"],
  ["يونيو", "يونيه", "حزيران"],
  ["يوليو", "يوليه", "تموز"],
  ["اغسطس", "اب"],
  ["سبتمبر", "ايلول"],
  ["اكتوبر", "تشرين الاول", "تشرين اول"],
  ["نوفمبر", "تشرين الثاني", "تشرين ثاني"],
  ["ديسمبر", "كانون الاول", "كانون اول"],
];

/** Arabic spelling folded for matching: hamza forms of alef → ا, ى → ي, no diacritics or tatweel. */
function foldArabic(text: string): string {
  return text.replace(/[\u064B-\u065F\u0670\u0640]/g, "").replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي");
}

/** Any Arabic month name, the longest first ("كانون الثاني" before "كانون"), as a whole word. */
const ARABIC_MONTH = new RegExp(
  `(?<!\\p{L})(${ARABIC_MONTHS.flat().sort((a, b) => b.length - a.length).join("|")})(?!\\p{L})`,
  "gu",
);

/** The text with each Arabic month name replaced by the English one ("تشرين الثاني 2026" → "november 2026"). */
function englishMonths(text: string): string {
  if (!/[\u0600-\u06FF]/.test(text)) return text;
  return foldArabic(text).replace(
    ARABIC_MONTH,
    (name) => MONTH_NAMES[ARABIC_MONTHS.findIndex((names) => names.includes(name))],
  );
}

/** "nov", "nov.", "November", "sept" → 11 / 9; anything else → undefined. */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((name) => name === w || (w.length <= 4 && name.startsWith(w)));
  return i < 0 ? undefined : i + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The number of days in a month (1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** One day or one month as written, before checking that it exists. */
type Written =
  | { kind: "day"; year: number; month: number; day: number }
  | { kind: "month"; year: number; month: number };

const NUMERIC_DAY = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const NUMERIC_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})\/(\d{4})$/;
const NAMED_MONTH = /^(\p{L}+\.?)\s+(\d{4})$/u;
const NAMED_DAY = /^(\d{1,2})\s+(\p{L}+\.?)\s+(\d{4})$/u;

function written(input: string): Written | undefined {
  const text = englishMonths(input);
  let m = NUMERIC_DAY.exec(text);
  if (m) return { kind: "day", year: +m[1], month: +m[3], day: +m[4] };
  m = NUMERIC_MONTH.exec(text);
  if (m) return { kind: "month", year: +m[1], month: +m[2] };
  m = MONTH_YEAR.exec(text);
  if (m) return { kind: "month", year: +m[2], month: +m[1] };
  m = NAMED_MONTH.exec(text);
  if (m) {
    const month = monthNumber(m[1]);
    return month ? { kind: "month", year: +m[2], month } : undefined;
  }
  m = NAMED_DAY.exec(text);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? { kind: "day", year: +m[3], month, day: +m[1] } : undefined;
  }
  return undefined;
}

function exists(w: Written): boolean {
  if (w.year < MIN_YEAR || w.year > MAX_YEAR || w.month < 1 || w.month > 12) return false;
  return w.kind === "month" || (w.day >= 1 && w.day <= daysInMonth(w.year, w.month));
}

/** The text as the grammar sees it: NFKC, Western digits, single spaces, trimmed. */
function normal(input: string): string {
  return westernDigits(input.normalize("NFKC")).trim().replace(/\s+/g, " ");
}

/** One end of a period: a month is its first day (`end` false) or its last day (`end` true). */
function endOf(w: Written, end: boolean): Day {
  const day = w.kind === "day" ? w.day : end ? daysInMonth(w.year, w.month) : 1;
  return `${w.year}-${pad(w.month)}-${pad(day)}`;
}

/**
 * Joins a range's two ends. A lone "-" needs spaces, since it also separates a date's parts;
 * "إلى" (also "الى", "حتى") is a whole word.
 */
const RANGE = /\s*(?:\.{2,3}|…|–|—|\bto\b|\s-\s|(?<!\p{L})(?:إلى|الى|حتى)(?!\p{L}))\s*/iu;

/** The message for a text that is not a period, with examples. */
function refusal(
  input: string,
  problem: PeriodProblem,
  shown: { kind: "day" | "month" | "text"; text: string },
  command?: string,
  t?: PeriodTranslate,
): string {
  const text = input.trim().slice(0, 40);
  const examples = periodExamples(command, t);
  if (t) {
    if (problem === "reversed") return t("period-reversed");
    if (problem === "unreadable") return t("period-unreadable", { text, examples });
    return shown.kind === "month"
      ? t("period-no-such-month", { text, month: shown.text, examples })
      : t("period-no-such-day", { text, day: shown.text, examples });
  }
  if (problem === "reversed") return "That period ends before it starts.";
  const quoted = `“${text}”`;
  const what = shown.kind === "text" ? shown.text : `${shown.kind} ${shown.text}`;
  return problem === "no_such_date"
    ? `I can't read ${quoted} as a period: there is no ${what}. Try ${examples}.`
    : `I can't read ${quoted} as a period. Try ${examples}.`;
}

/** Options of {@link parsePeriod}: the refusals' and the label's language. */
export interface ParseOptions {
  /** Refusals and the label in the reader's language (English without). */
  t?: PeriodTranslate;
  /** The label's month names (English by default). */
  locale?: Locale;
}

/**
 * Parses a period; empty text is all time ({from: null, to: null}). The refusal is plain
 * text (escape it for HTML) and its examples name `command` when given.
 */
export function parsePeriod(
  input: string,
  command?: string,
  options: ParseOptions = {},
): PeriodResult {
  const text = normal(input);
  const locale = options.locale;
  if (text === "") {
    return {
      ok: true,
      period: { from: null, to: null },
      label: periodText({ from: null, to: null }, { locale, t: options.t }),
    };
  }
  const parts = text.split(RANGE);
  const fail = (
    problem: PeriodProblem,
    shown: { kind: "day" | "month" | "text"; text: string } = { kind: "text", text },
  ): PeriodResult => ({
    ok: false,
    problem,
    error: refusal(input, problem, shown, command, options.t),
  });
  if (parts.length > 2 || (parts.length === 2 && parts[0] === "" && parts[1] === "")) {
    return fail("unreadable");
  }
  const ends = parts.map((p) => (p === "" ? null : written(p)));
  if (ends.some((e) => e === undefined)) return fail("unreadable");
  const bad = parts.find((_, i) => ends[i] && !exists(ends[i]!));
  if (bad !== undefined) {
    const w = written(bad)!;
    return fail("no_such_date", { kind: w.kind, text: bad });
  }
  const [first, last] = ends.length === 1 ? [ends[0], ends[0]] : ends;
  const from = first ? endOf(first, false) : null;
  const to = last ? endOf(last, true) : null;
  if (from && to && to < from) return fail("reversed");
  const period = { from, to };
  const asDays = ends.some((e) => e?.kind === "day");
  return { ok: true, period, label: periodText(period, { asDays, locale, t: options.t }) };
}

/** One day (`2026-11-05`, `5 Nov 2026`…) as `YYYY-MM-DD`, or undefined. */
export function parseDay(input: string): Day | undefined {
  const w = written(normal(input));
  return w?.kind === "day" && exists(w) ? endOf(w, false) : undefined;
}

/** One month (`2026-11`, `11/2026`, `Nov 2026`…) as `YYYY-MM`; "" → null; else undefined. */
export function parseMonth(input: string): Month | null | undefined {
  const text = normal(input);
  if (text === "") return null;
  const w = written(text);
  return w?.kind === "month" && exists(w) ? `${w.year}-${pad(w.month)}` : undefined;
}

/** The whole month `YYYY-MM` as a period. */
export function monthPeriod(month: Month): Period {
  const [y, m] = month.split("-").map(Number);
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(daysInMonth(y, m))}` };
}

/** The month a period covers exactly, or null when it is not one whole month. */
export function wholeMonth(period: Period): Month | null {
  if (!period.from || !period.to) return null;
  const month = period.from.slice(0, 7);
  const whole = monthPeriod(month);
  return whole.from === period.from && whole.to === period.to ? month : null;
}

/** Intl's locale for a language: English as PayTrack always wrote it, Arabic with Latin digits. */
function intlLocale(locale: Locale | undefined, english: string): string {
  return locale === "ar" ? "ar-u-nu-latn" : english;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(kind: "long" | "short" | "day", locale: Locale | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? "en"}`;
  let f = formats.get(key);
  if (!f) {
    f = kind === "day"
      ? new Intl.DateTimeFormat(intlLocale(locale, "en-GB"), {
        dateStyle: "medium",
        timeZone: "UTC",
      })
      : new Intl.DateTimeFormat(intlLocale(locale, kind === "long" ? "en-GB" : "en-US"), {
        month: kind,
        year: "numeric",
        timeZone: "UTC",
      });
    formats.set(key, f);
  }
  return f;
}

/** How a month, day or period is printed: short month names, and the reader's language. */
export interface NameOptions {
  short?: boolean;
  /** English by default; Arabic month names for "ar". */
  locale?: Locale;
}

/**
 * A month in words: `monthName(2026, 11)` or `monthName("2026-11")` → "November 2026";
 * `{ short: true }` → "Nov 2026" (buttons and spreadsheet headers); `{ locale: "ar" }` →
 * "نوفمبر 2026".
 */
export function monthName(year: number, month: number, options?: NameOptions): string;
export function monthName(month: Month, options?: NameOptions): string;
export function monthName(
  a: number | Month,
  b?: number | NameOptions,
  c?: NameOptions,
): string {
  const [y, m] = typeof a === "string" ? a.split("-").map(Number) : [a, b as number];
  const options = (typeof a === "string" ? b as NameOptions : c) ?? {};
  return format(options.short ? "short" : "long", options.locale)
    .format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A day in words: "2026-11-05" → "5 Nov 2026" (in Arabic with `locale` "ar"). */
export function dayName(day: Day, locale?: Locale): string {
  return format("day", locale).format(new Date(`${day}T00:00:00Z`));
}

/**
 * A period in words: "all time", "November 2026", "5 Nov 2026", "1 Nov 2026 – 15 Nov 2026",
 * "October 2026 – December 2026", "from 1 Nov 2026", "until 30 Nov 2026". Whole months are
 * named as months unless `asDays` (the owner typed days: "1 Nov 2026 – 30 Nov 2026");
 * `short` names them short ("Nov 2026"), as spreadsheet cells and buttons do; `locale` names
 * months in that language and `t` (the catalogs' `period-*`) writes the words around them.
 */
export function periodText(
  period: Period,
  options: { asDays?: boolean; short?: boolean; locale?: Locale; t?: PeriodTranslate } = {},
): string {
  const { locale, t } = options;
  const words = {
    all: () => t ? t("period-all-time") : "all time",
    range: (from: string, to: string) => t ? t("period-range", { from, to }) : `${from} – ${to}`,
    from: (day: string) => t ? t("period-from", { day }) : `from ${day}`,
    until: (day: string) => t ? t("period-until", { day }) : `until ${day}`,
  };
  const month = (m: Month) => monthName(m, { short: options.short, locale });
  const day = (d: Day) => dayName(d, locale);
  const { from, to } = period;
  if (!from && !to) return words.all();
  if (from && to) {
    if (from === to) return day(from);
    const whole = wholeMonth(period);
    if (whole && !options.asDays) return month(whole);
    const first = monthPeriod(from.slice(0, 7)).from === from;
    const last = monthPeriod(to.slice(0, 7)).to === to;
    return first && last && !options.asDays
      ? words.range(month(from.slice(0, 7)), month(to.slice(0, 7)))
      : words.range(day(from), day(to));
  }
  return from ? words.from(day(from)) : words.until(day(to!));
}

const zoneFormats = new Map<TimeZone, Intl.DateTimeFormat>();

/** `zone`'s offset from UTC at `instant`, in milliseconds (+2 h → 7,200,000). */
function offsetMs(instant: number, zone: TimeZone): number {
  if (zone === "UTC") return 0;
  let f = zoneFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneFormats.set(zone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant a day begins in `zone` (midnight, or the first moment after a DST gap). */
export function startOfDay(day: Day, zone: TimeZone = DEFAULT_ZONE): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d);
  // Two guesses: midnight with the offset at the wall time read as UTC, then with the offset
  // at that guess. The right one reads back as midnight; with two (clocks went back over
  // midnight) the earlier; with none (clocks skipped midnight) the day starts when they jumped.
  const first = wall - offsetMs(wall, zone);
  const second = wall - offsetMs(first, zone);
  const valid = [first, second].filter((i) => i + offsetMs(i, zone) === wall);
  return new Date(valid.length ? Math.min(...valid) : Math.max(first, second));
}

/** The day after `day`. */
export function nextDay(day: Day): Day {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The instants a period spans in `zone`, as ISO timestamps: `from` included, `to` excluded
 * (the start of the day after the last); an open end is null.
 */
export function periodBounds(
  period: Period,
  zone: TimeZone = DEFAULT_ZONE,
): { from: string | null; to: string | null } {
  return {
    from: period.from ? startOfDay(period.from, zone).toISOString() : null,
    to: period.to ? startOfDay(nextDay(period.to), zone).toISOString() : null,
  };
}

/** The day an instant falls on in `zone`, `YYYY-MM-DD`. */
export function dayOf(instant: Date | string | number, zone: TimeZone = DEFAULT_ZONE): Day {
  const t = new Date(instant).getTime();
  return new Date(t + offsetMs(t, zone)).toISOString().slice(0, 10);
}

/** The month an instant falls in `zone`, moved `back` months earlier: `YYYY-MM`. */
export function monthOf(
  instant: Date | string | number,
  zone: TimeZone = DEFAULT_ZONE,
  back = 0,
): Month {
  const [y, m] = dayOf(instant, zone).split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/**
 * `zone`'s offset from UTC, in seconds, for many instants (the export's cells): one look-up
 * per day, and an exact one for each instant of a day whose offset changes (DST).
 */
export function zoneOffsets(zone: TimeZone = DEFAULT_ZONE): (seconds: number) => number {
  if (zone === "UTC") return () => 0;
  const exact = (seconds: number) => offsetMs(seconds * 1000, zone) / 1000;
  const days = new Map<number, number | null>();
  return (seconds) => {
    const day = Math.floor(seconds / 86_400);
    let offset = days.get(day);
    if (offset === undefined) {
      const start = exact(day * 86_400);
      offset = start === exact(day * 86_400 + 86_399) ? start : null;
      days.set(day, offset);
    }
    return offset ?? exact(seconds);
  };
}
