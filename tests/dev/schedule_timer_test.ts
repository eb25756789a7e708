/**
 * The schedule's timer (shared/dev/schedule.ts), which `start` and `serve` run every minute
 * because PGlite has no pg_cron: it calls public.run_schedule right away and then every
 * interval, never two runs at once, logs a failed run in one line and tries again, and its
 * stop clears the timer and waits for a run in progress. On a real PGlite database:
 * tests/db/schedule_test.ts.
 */
import assert from "node:assert/strict";
import { Ledger } from "../../shared/db/ledger.ts";
import { LedgerUnavailable } from "../../shared/db/errors.ts";
import type { RpcArgs, RpcTransport } from "../../shared/db/rpc.ts";
import { runSchedule, startScheduleTimer } from "../../shared/dev/schedule.ts";

class ScheduleStub implements RpcTransport {
  made: { fn: string; args: RpcArgs }[] = [];
  get calls(): number {
    return this.made.length;
  }
  running = 0;
  maxRunning = 0;
  failNext = 0;
  constructor(readonly ms = 0) {}
  async call(fn: string, args: RpcArgs): Promise<unknown> {
    this.made.push({ fn, args });
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.ms));
      if (this.failNext > 0) {
        this.failNext--;
        throw new LedgerUnavailable("the database is down");
      }
      return { at: new Date().toISOString(), reminders: 0, digests: 0 };
    } finally {
      this.running--;
    }
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("the timer runs public.run_schedule now and every interval; stop clears it", async () => {
  const stub = new ScheduleStub();
  const stop = startScheduleTimer(new Ledger(stub), { intervalMs: 30 });
  await wait(5);
  assert.equal(stub.calls, 1, "once right away");
  await wait(110);
  await stop();
  const seen = stub.calls;
  assert.ok(seen >= 3, `ran again every interval (${seen})`);
  assert.ok(stub.made.every((c) => c.fn === "run_schedule"));
  assert.deepEqual(stub.made[0].args, { p_now: undefined }, "the database's now()");
  await wait(100);
  assert.equal(stub.calls, seen, "no run after stop");
});

Deno.test("a slow run is never overlapped, and stop waits for it", async () => {
  const stub = new ScheduleStub(80);
  const stop = startScheduleTimer(new Ledger(stub), { intervalMs: 10 });
  await wait(200);
  assert.equal(stub.maxRunning, 1);
  await stop();
  assert.equal(stub.running, 0, "stop returned after the run in progress finished");
});

Deno.test("a failed run is logged in one line and the next one tries again", async () => {
  const stub = new ScheduleStub();
  stub.failNext = 1;
  const logs: string[] = [];
  const runs: unknown[] = [];
  const stop = startScheduleTimer(new Ledger(stub), {
    intervalMs: 20,
    log: (line) => logs.push(line),
    onRun: (run) => runs.push(run),
  });
  await wait(80);
  await stop();
  assert.equal(logs.length, 1);
  assert.deepEqual(JSON.parse(logs[0]), { event: "schedule", error: "LedgerUnavailable" });
  assert.ok(runs.length >= 1, "the next run went through");
});

Deno.test("runSchedule passes an explicit instant as p_now", async () => {
  const stub = new ScheduleStub();
  const at = new Date("2026-12-02T09:00:00Z");
  await runSchedule(new Ledger(stub), at);
  assert.deepEqual(stub.made[0].args, { p_now: "2026-12-02T09:00:00.000Z" });
  const stop = startScheduleTimer(new Ledger(stub), { intervalMs: 1_000_000, runNow: false });
  await wait(20);
  assert.equal(stub.calls, 1, "runNow: false waits for the first interval");
  await stop();
});
