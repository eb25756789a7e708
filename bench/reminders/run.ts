/**
 * `deno task bench:reminders`: queuing and sending payment reminders at scale (issue 14).
 *
 * Queuing: public.run_schedule (what pg_cron runs every minute) for (a) one shop of 10,000
 * customers of whom 1,000 are overdue and linked, and (b) 10,000 shops of 3 customers each
 * (one overdue and linked, one due in 3 days and linked, one overdue but not linked), seeded
 * with set-based SQL (bench/reminders/seed.ts), on PostgreSQL (a throwaway cluster) and PGlite.
 * For each: the wall time of the first run (everything queued: reminders and the owners'
 * digests) and of the next one (nothing left: the steady every-minute cost), and the database's
 * own cost of each queuing function from EXPLAIN (ANALYZE, BUFFERS), run in a transaction that
 * is rolled back (pg_stat_statements is not loaded on the throwaway cluster).
 *
 * Sending: the 1,000 reminders of (a) drained through a fake Bot API in another process
 * (bench/reminders/fake_bot_api.ts) with the real throttle: messages per second (Telegram's
 * limit is ~30/s), the most in any sliding second, total time, and the drain process's CPU time
 * per message (user + system: claiming, writing, sending, reporting).
 *
 * Options: --engines=postgres,pglite  --layouts=one,many  --no-send
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { Api } from "grammy";
import { Ledger } from "../../shared/db/ledger.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { drainOutbox, type DrainReport, Throttle } from "../../shared/outbox/sender.ts";
import { freshPglite, freshPostgres, type TestDatabase } from "../../tests/support/databases.ts";
import { type Layout, MANY_SHOPS, ONE_BIG_SHOP, seedReminders } from "./seed.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    engines: { type: "string", default: "postgres,pglite" },
    layouts: { type: "string", default: "one,many" },
    "no-send": { type: "boolean", default: false },
  },
});
const LAYOUTS: Record<string, { layout: Layout; label: string }> = {
  one: { layout: ONE_BIG_SHOP, label: "1 shop × 10,000 customers (1,000 overdue, linked)" },
  many: { layout: MANY_SHOPS, label: "10,000 shops × 3 customers (20,000 linked)" },
};

const pad = (s: unknown, n: number) => String(s).padStart(n);
const ms = (x: number) => x.toFixed(0);

interface Explained {
  ms: number;
  hit: number;
  read: number;
  dirtied: number;
  written: number;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one statement in a transaction rolled back after. */
async function explain(
  client: SqlClient,
  statement: string,
  params: unknown[],
): Promise<Explained> {
  await client.query("begin");
  try {
    const rows = await client.query<Record<string, unknown>>(
      `explain (analyze, buffers, format json) ${statement}`,
      params,
    );
    const raw = Object.values(rows[0])[0];
    const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as Record<string, unknown>[];
    const top = plan[0].Plan as Record<string, number>;
    return {
      ms: Number(plan[0]["Execution Time"]),
      hit: top["Shared Hit Blocks"] ?? 0,
      read: top["Shared Read Blocks"] ?? 0,
      dirtied: top["Shared Dirtied Blocks"] ?? 0,
      written: top["Shared Written Blocks"] ?? 0,
    };
  } finally {
    await client.query("rollback");
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
}

const cpuMs = (from: ReturnType<typeof process.cpuUsage>) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
};

async function open(engine: string): Promise<{ db: TestDatabase; single: SqlClient }> {
  if (engine === "postgres") {
    const db = await freshPostgres();
    return { db, single: postgresClient(db.url!, { max: 1 }) };
  }
  const db = await freshPglite();
  return { db, single: db.client };
}

console.log(
  `Reminders benchmark — ${Deno.build.os} ${Deno.build.arch}, ${navigator.hardwareConcurrency} CPUs, ` +
    `Deno ${Deno.version.deno}; PostgreSQL: a throwaway cluster (fsync off) via postgres.js; PGlite in process.`,
);
console.log(
  "run 1 = public.run_schedule at 10:00 in the shops' zone, everything due queued; run 2 = the same minute again " +
    "(nothing left: the steady per-minute cost). EXPLAIN = the queuing function alone, rolled back: " +
    "execution ms, shared buffers hit/read/dirtied.",
);
console.log(
  `${pad("engine", 8)}  ${"layout".padEnd(50)} ${pad("seed s", 6)} ${pad("reminders", 9)} ${
    pad("digests", 7)
  } ${pad("run 1 ms", 8)} ${
    pad("run 2 ms", 8)
  }  EXPLAIN reminders (ms; hit/read/dirtied)  EXPLAIN digests`,
);

let sendDb: { db: TestDatabase; single: SqlClient } | undefined;
for (const engine of values.engines!.split(",")) {
  for (const key of values.layouts!.split(",")) {
    const { layout, label } = LAYOUTS[key];
    const opened = await open(engine);
    const { db, single } = opened;
    const [, seedMs] = await timed(() => seedReminders(db.client, layout));
    const [{ at }] = await db.client.query<{ at: string }>(
      `select to_char(((((now() at time zone 'Asia/Hebron')::date) + time '10:00')
                       at time zone 'Asia/Hebron') at time zone 'UTC',
                      'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`,
    );
    const er = await explain(single, "select private.queue_auto_reminders($1::timestamptz)", [at]);
    const ed = await explain(single, "select private.queue_digests($1::timestamptz)", [at]);
    const [[first], run1] = await timed(() =>
      db.client.query<{ r: { reminders: number; digests: number } }>(
        `select public.run_schedule($1::timestamptz) as r`,
        [at],
      )
    );
    const [[second], run2] = await timed(() =>
      db.client.query<{ r: { reminders: number; digests: number } }>(
        `select public.run_schedule($1::timestamptz) as r`,
        [at],
      )
    );
    if (second.r.reminders !== 0 || second.r.digests !== 0) {
      throw new Error(`a second run queued more: ${JSON.stringify(second.r)}`);
    }
    console.log(
      `${pad(engine, 8)}  ${label.padEnd(50)} ${pad((seedMs / 1000).toFixed(1), 6)} ${
        pad(first.r.reminders, 9)
      } ${pad(first.r.digests, 7)} ${pad(ms(run1), 8)} ${pad(ms(run2), 8)}  ${
        `${ms(er.ms)}; ${er.hit}/${er.read}/${er.dirtied}`.padEnd(40)
      } ${ms(ed.ms)}; ${ed.hit}/${ed.read}/${ed.dirtied}`,
    );
    if (engine === "postgres" && key === "one" && !values["no-send"]) sendDb = opened;
    else {
      if (single !== db.client) await single.close();
      await db.close();
    }
  }
}

if (sendDb) {
  const { db, single } = sendDb;
  const [{ has }] = await single.query<{ has: boolean }>(
    `select exists (select 1 from pg_extension where extname = 'pg_stat_statements') as has`,
  );
  if (!has) {
    console.log(
      "(pg_stat_statements is not loaded on the throwaway cluster: costs above are EXPLAIN's.)",
    );
  }
  const fake = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", new URL("./fake_bot_api.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = fake.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const port = Number((await reader.read()).value!.trim());
  const api = new Api("7100000001:AAFakeTokenForBenchOnly_0123456789abc", {
    apiRoot: `http://127.0.0.1:${port}`,
  });
  const ledger = new Ledger(new SqlTransport(db.client));
  const [{ waiting }] = await db.client.query<{ waiting: number }>(
    `select count(*)::int as waiting from public.outbox where sent_at is null and failed_at is null`,
  );
  const throttle = new Throttle();
  const total: DrainReport = { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (true) {
    const r = await drainOutbox(api, ledger, { throttle, budgetMs: 600_000, maxBatches: 1000 });
    for (const k of Object.keys(total) as (keyof DrainReport)[]) total[k] += r[k];
    if (r.claimed === 0) break;
  }
  const wall = performance.now() - t0;
  const cpu = cpuMs(cpu0);
  const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
  fake.kill();
  await fake.status;
  const span = (stats.last - stats.first) / 1000;
  console.log(
    `Sending: ${waiting} queued (reminders + the digest) drained through a fake Bot API with the real throttle ` +
      `(25/s, burst 3, 1 per chat per second):`,
  );
  console.log(
    `  sent ${total.sent}, failed ${total.failed}, retried ${total.retried}; total ${
      (wall / 1000).toFixed(1)
    } s; ` +
      `${
        (stats.messages / span).toFixed(1)
      } messages/s overall, at most ${stats.maxPerSecond} in any second (limit ~30); ` +
      `drain CPU ${ms(cpu)} ms = ${(cpu / Math.max(1, total.sent)).toFixed(2)} ms per message; ` +
      `${stats.chats} chats, average text ${
        Math.round(stats.chars / Math.max(1, stats.messages))
      } chars.`,
  );
  if (stats.maxPerSecond >= 30) {
    throw new Error("the throttle let 30 or more through in one second");
  }
  await single.close();
  await db.close();
}
