/**
 * Days, months and periods: the one grammar every command reads them with (/transactions,
 * /spending, /export) and the one way they are printed.
 *
 * The grammar (Arabic-Indic digits and extra spaces are fine, case does not matter):
 *
 * - a day: `2026-11-05`, `2026/11/05`, `2026.11.05` (year first, one separator throughout),
 *   `5 Nov 2026`, `5 November 2026` (the way the bot prints a day, so it reads its own output);
 * - a month: `2026-11`, `2026/11`, `2026.11`, `11/2026`, `Nov 2026`, `November 2026`;
 * - a period: one day or month, or two joined by `..`, `…`, `–`, `—`, ` to ` or ` - `
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
 * command: "/export 2026-11 or /export 2026-11-01..2026-11-15".
 */
export function periodExamples(command?: string): string {
  const c = command ? `/${command} ` : "";
  return `${c}2026-11 or ${c}2026-11-01..2026-11-15`;
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

function written(text: string): Written | undefined {
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

/** Joins a range's two ends. A lone "-" needs spaces, since it also separates a date's parts. */
const RANGE = /\s*(?:\.{2,3}|…|–|—|\bto\b|\s-\s)\s*/i;

/** The message for a text that is not a period, with examples. */
function refusal(input: string, problem: PeriodProblem, shown: string, command?: string): string {
  if (problem === "reversed") return "That period ends before it starts.";
  const quoted = `“${input.trim().slice(0, 40)}”`;
  const examples = periodExamples(command);
  return problem === "no_such_date"
    ? `I can't read ${quoted} as a period: there is no ${shown}. Try ${examples}.`
    : `I can't read ${quoted} as a period. Try ${examples}.`;
}

/**
 * Parses a period; empty text is all time ({from: null, to: null}). The refusal is plain
 * text (escape it for HTML) and its examples name `command` when given.
 */
export function parsePeriod(input: string, command?: string): PeriodResult {
  const text = normal(input);
  if (text === "") return { ok: true, period: { from: null, to: null }, label: "all time" };
  const parts = text.split(RANGE);
  const fail = (problem: PeriodProblem, shown = text): PeriodResult => ({
    ok: false,
    problem,
    error: refusal(input, problem, shown, command),
  });
  if (parts.length > 2 || (parts.length === 2 && parts[0] === "" && parts[1] === "")) {
    return fail("unreadable");
  }
  const ends = parts.map((p) => (p === "" ? null : written(p)));
  if (ends.some((e) => e === undefined)) return fail("unreadable");
  const bad = parts.find((_, i) => ends[i] && !exists(ends[i]!));
  if (bad !== undefined) {
    const w = written(bad)!;
    return fail("no_such_date", w.kind === "month" ? `month ${bad}` : `day ${bad}`);
  }
  const [first, last] = ends.length === 1 ? [ends[0], ends[0]] : ends;
  const from = first ? endOf(first, false) : null;
  const to = last ? endOf(last, true) : null;
  if (from && to && to < from) return fail("reversed");
  const period = { from, to };
  const asDays = ends.some((e) => e?.kind === "day");
  return { ok: true, period, label: periodText(period, { asDays }) };
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

const LONG_MONTH = new Intl.DateTimeFormat("en-GB", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const SHORT_MONTH = new Intl.DateTimeFormat("en-US", {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * A month in words: `monthName(2026, 11)` or `monthName("2026-11")` → "November 2026";
 * `{ short: true }` → "Nov 2026" (buttons and spreadsheet headers).
 */
export function monthName(year: number, month: number, options?: { short?: boolean }): string;
export function monthName(month: Month, options?: { short?: boolean }): string;
export function monthName(
  a: number | Month,
  b?: number | { short?: boolean },
  c?: { short?: boolean },
): string {
  const [y, m] = typeof a === "string" ? a.split("-").map(Number) : [a, b as number];
  const options = (typeof a === "string" ? b as { short?: boolean } : c) ?? {};
  return (options.short ? SHORT_MONTH : LONG_MONTH).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A day in words: "2026-11-05" → "5 Nov 2026". */
export function dayName(day: Day): string {
  return DAY_FORMAT.format(new Date(`${day}T00:00:00Z`));
}

/**
 * A period in words: "all time", "November 2026", "5 Nov 2026", "1 Nov 2026 – 15 Nov 2026",
 * "October 2026 – December 2026", "from 1 Nov 2026", "until 30 Nov 2026". Whole months are
 * named as months unless `asDays` (the owner typed days: "1 Nov 2026 – 30 Nov 2026");
 * `short` names them short ("Nov 2026"), as spreadsheet cells and buttons do.
 */
export function periodText(
  period: Period,
  options: { asDays?: boolean; short?: boolean } = {},
): string {
  const month = (m: Month) => monthName(m, { short: options.short });
  const { from, to } = period;
  if (!from && !to) return "all time";
  if (from && to) {
    if (from === to) return dayName(from);
    const whole = wholeMonth(period);
    if (whole && !options.asDays) return month(whole);
    const first = monthPeriod(from.slice(0, 7)).from === from;
    const last = monthPeriod(to.slice(0, 7)).to === to;
    return first && last && !options.asDays
      ? `${month(from.slice(0, 7))} – ${month(to.slice(0, 7))}`
      : `${dayName(from)} – ${dayName(to)}`;
  }
  return from ? `from ${dayName(from)}` : `until ${dayName(to!)}`;
}

/** `zone`'s offset from UTC at `instant`, in milliseconds (+2 h → 7,200,000). */
function offsetMs(instant: number, zone: TimeZone): number {
  if (zone === "UTC") return 0;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
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
  let instant = wall - offsetMs(wall, zone);
  const again = wall - offsetMs(instant, zone);
  if (again !== instant) instant = Math.min(instant, again);
  return new Date(instant);
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
