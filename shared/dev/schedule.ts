/**
 * The schedule where there is no pg_cron (embedded PGlite): `public.run_schedule`, the SQL
 * function pg_cron runs every minute on PostgreSQL and Supabase (supabase/cron/schedule.sql),
 * run from a timer in `deno task start` and `serve`. On PostgreSQL running it here too is
 * harmless: each reminder and digest has a unique key per customer (or owner), kind and day,
 * so a second run queues nothing. What it queues goes out through the outbox drain.
 */
import type { Ledger } from "../db/ledger.ts";

/** What one run queued (public.run_schedule's answer). */
export interface ScheduleRun {
  at: string;
  reminders: number;
  digests: number;
}

/** Runs the schedule once (at `now`, default the database's now()). */
export async function runSchedule(ledger: Ledger, now?: Date): Promise<ScheduleRun> {
  return await ledger.transport.call("run_schedule", {
    p_now: now === undefined ? undefined : now.toISOString(),
  }) as ScheduleRun;
}

/** Options for {@link startScheduleTimer}. */
export interface ScheduleTimerOptions {
  /** How often (default 60 s, like the pg_cron job). */
  intervalMs?: number;
  /** Run once right away too (default true: a restart does not wait a minute). */
  runNow?: boolean;
  /** Where a failed run's one line goes (default console.error); the next run tries again. */
  log?: (line: string) => void;
  /** Told after each run (tests; or to drain right after something was queued). */
  onRun?: (run: ScheduleRun) => void;
}

/**
 * Runs the schedule every `intervalMs` (one run at a time: a slow run is not overlapped).
 * Returns a stop that clears the timer and waits for a run in progress.
 */
export function startScheduleTimer(
  ledger: Ledger,
  options: ScheduleTimerOptions = {},
): () => Promise<void> {
  const log = options.log ?? ((line: string) => console.error(line));
  let current: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = (async () => {
      try {
        const run = await runSchedule(ledger);
        options.onRun?.(run);
      } catch (error) {
        log(JSON.stringify({ event: "schedule", error: (error as Error)?.name ?? "error" }));
      } finally {
        current = undefined;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  if (options.runNow ?? true) tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}
