/**
 * A purchase's due date as members type it (`/addtransaction 50 | rice | due 2026-12-15`,
 * the "📅 Due date" button): pure parsing against the shop's today, no clock of its own.
 *
 * Accepted: `2026-12-15`, `15/12/2026` (also `15-12-2026`, `15.12.2026`), `15/12` (the next
 * such day: this year's when it is today or later, else next year's), `+30`, `30d`,
 * `30 days` (days from today); Arabic-Indic digits too, and `30 يوم`/`يوما`/`أيام`.
 * "none" (or "لا"/"بدون"/"إلغاء") clears it, where clearing is allowed. Days as YYYY-MM-DD.
 */
import { westernDigits } from "./money.ts";

/** The latest due date, in days after today (the ledger's own bound: ten years). */
export const DUE_DATE_MAX_DAYS = 3660;

/** Words that introduce a due date in the one-line form ("due 15/12", "استحقاق ١٥/١٢"). */
const DUE_WORD =
  /^(?:due|due\s+on|due\s+date|استحقاق|الاستحقاق|يستحق|تستحق|موعد\s+الاستحقاق)(?:\s*[:：]\s*|\s+)/iu;
const NONE = /^(?:none|no|clear|off|-|لا|بدون|لا\s+يوجد|إلغاء|الغاء)$/iu;

export type DueDateProblem = "not_a_date" | "past" | "too_far";

export type DueDateParsed =
  | { ok: true; dueOn: string | null }
  | { ok: false; problem: DueDateProblem };

/** Today in an IANA time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A real calendar day as YYYY-MM-DD, or null (31/02 is not a day). */
function dayOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `day` plus `days` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const ms = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/**
 * Whether the text (a part of the one-line form) is a due date: a due word ("due",
 * "استحقاق", "يستحق") followed by something that starts like a date (a digit, in either
 * script, or `+`) or by one word ("due tomorrow": then a date it does not understand says
 * so). Returns the date part after the word, or null: "due to Ahmad, 2 bags" and "يستحق
 * الشكر الجزيل" are notes.
 */
export function dueDatePart(text: string): string | null {
  const m = text.trim().match(DUE_WORD);
  if (!m) return null;
  const rest = text.trim().slice(m[0].length).trim();
  return /^[+0-9\u0660-\u0669\u06f0-\u06f9]/u.test(rest) || /^\S+$/u.test(rest) ? rest : null;
}

/**
 * Reads a due date against the shop's `today` (YYYY-MM-DD). With `allowNone`, "none" clears
 * it (dueOn null). A day before today is `past`; more than ten years ahead is `too_far`.
 */
export function parseDueDate(text: string, today: string, allowNone = false): DueDateParsed {
  let s = westernDigits(text).trim().replace(/\s+/g, " ");
  const word = dueDatePart(s);
  if (word !== null) s = word;
  if (!s) return { ok: false, problem: "not_a_date" };
  if (NONE.test(s)) {
    return allowNone ? { ok: true, dueOn: null } : { ok: false, problem: "not_a_date" };
  }
  let day: string | null = null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) {
    day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  } else if ((m = s.match(/^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/))) {
    day = dayOf(Number(m[3]), Number(m[2]), Number(m[1]));
  } else if ((m = s.match(/^(\d{1,2})[/.](\d{1,2})$/))) {
    // The next such day: this year's when still ahead, else the next year that has it (29/02).
    const year = Number(today.slice(0, 4));
    for (let y = year; y <= year + 8 && !day; y++) {
      const candidate = dayOf(y, Number(m[2]), Number(m[1]));
      if (candidate && candidate >= today) day = candidate;
    }
  } else if (
    (m = s.match(
      /^(?:\+ ?(\d{1,5})(?: ?(?:d|days?|يوم|يوما|يومًا|أيام|ايام))?|(\d{1,5}) ?(?:d|days?|يوم|يوما|يومًا|أيام|ايام))$/iu,
    ))
  ) {
    const days = Number(m[1] ?? m[2]);
    if (days > DUE_DATE_MAX_DAYS) return { ok: false, problem: "too_far" };
    day = addDays(today, days);
  }
  if (!day) return { ok: false, problem: "not_a_date" };
  if (day < today) return { ok: false, problem: "past" };
  if (daysBetween(today, day) > DUE_DATE_MAX_DAYS) return { ok: false, problem: "too_far" };
  return { ok: true, dueOn: day };
}
