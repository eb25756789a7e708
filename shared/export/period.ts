/**
 * The period of an export as the owner types it: `2026-11` (a month), `2026-11-05`
 * (a day), `2026-11-01..2026-11-15` or `2026-10..2026-11` (a range; "to", "-" and "–"
 * work too). Days are UTC, both ends inclusive. Arabic-Indic digits are accepted.
 * Tiny and dependency-free: the bot loads it at start-up, the workbook writer only on /export.
 */
import { westernDigits } from "../domain/money.ts";

/** A period: first and last day (YYYY-MM-DD), either end open (null). */
export interface Period {
  from: string | null;
  to: string | null;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

const MONTH = /^(\d{4})-(\d{1,2})$/;
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The last day of a month (1-12). */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** One end of a range: a month is its first day (`end` false) or its last day (`end` true). */
function parseEnd(text: string, end: boolean): string | undefined {
  const month = MONTH.exec(text);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12 || y < 2000 || y > 2999) return undefined;
    return `${y}-${pad(m)}-${pad(end ? lastDay(y, m) : 1)}`;
  }
  const day = DAY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (m < 1 || m > 12 || y < 2000 || y > 2999 || d < 1 || d > lastDay(y, m)) return undefined;
    return `${y}-${pad(m)}-${pad(d)}`;
  }
  return undefined;
}

export const PERIOD_EXAMPLES = "/export 2026-11 or /export 2026-11-01..2026-11-15";

/** Parses what follows /export; empty text is all time. */
export function parsePeriod(input: string): PeriodResult {
  const text = westernDigits(input.normalize("NFKC")).trim().replace(/\s+/g, " ");
  if (text === "") return { ok: true, period: { from: null, to: null } };
  const parts = text.split(/\s*(?:\.\.|…|–|—|\bto\b|\s-\s)\s*/i);
  const bad = {
    ok: false as const,
    error: `I can't read “${input.trim()}” as a period. Try ${PERIOD_EXAMPLES}.`,
  };
  if (parts.length === 1) {
    const from = parseEnd(parts[0], false);
    const to = parseEnd(parts[0], true);
    return from && to ? { ok: true, period: { from, to } } : bad;
  }
  if (parts.length !== 2) return bad;
  const from = parts[0] === "" ? null : parseEnd(parts[0], false);
  const to = parts[1] === "" ? null : parseEnd(parts[1], true);
  if (from === undefined || to === undefined || (from === null && to === null)) return bad;
  if (from && to && to < from) {
    return { ok: false, error: "That period ends before it starts." };
  }
  return { ok: true, period: { from, to } };
}

/** The whole month `YYYY-MM` as a period. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split("-").map(Number);
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
}

/** "Nov 2026" for `2026-11`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** A period in words: "all time", "Nov 2026", "2026-11-01 to 2026-11-15", "from 2026-11-01". */
export function periodText(period: Period): string {
  const { from, to } = period;
  if (!from && !to) return "all time";
  if (from && to) {
    const month = monthPeriod(from.slice(0, 7));
    if (month.from === from && month.to === to) return monthLabel(from.slice(0, 7));
    return from === to ? from : `${from} to ${to}`;
  }
  return from ? `from ${from}` : `until ${to}`;
}
