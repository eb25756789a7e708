/**
 * The schedule with real parts. On PostgreSQL: a real pg_cron job in the throwaway cluster
 * (`cron.schedule_in_database`, the way supabase/cron/schedule.sql installs it on Supabase)
 * runs `select public.run_schedule()` in the test's database, and the reminder and the digest
 * it queues appear in the outbox; cron.job_run_details says the run succeeded. On PGlite (no
 * pg_cron) the same SQL function runs from the timer `start` and `serve` use.
 */
import assert from "node:assert/strict";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { startScheduleTimer } from "../../shared/dev/schedule.ts";
import { engines, freshDatabase, testServer, underCi } from "../support/databases.ts";
import { LedgerContext } from "../support/ledger_fixtures.ts";

/**
 * A shop whose schedule is due now, whatever the hour: quiet hours of one second (23:59:59 to
 * midnight), automatic reminders and the digest on, and two linked customers, one overdue
 * since yesterday and one due today.
 */
async function dueShop(t: LedgerContext) {
  const shop = await t.newShop();
  await t.sql(
    `update public.shops set reminders_auto = true, remind_every_days = 1, remind_before_days = 3,
            digest = true, quiet_from = '23:59:59', quiet_until = '00:00'
      where id = $1`,
    [shop.shopId],
  );
  const customers = [];
  for (const [name, dueIn] of [["Overdue Olga", -1], ["Due Dana", 0]] as const) {
    const customer = await t.addCustomer(shop.owner, name);
    const bought = await t.purchase(shop.owner, customer.id, 2500);
    await t.sql(
      `update public.transactions
          set created_at = now() - interval '10 days',
              due_on = private.shop_today(shop_id) + $2::int
        where id = $1`,
      [bought.transaction.id, dueIn],
    );
    await t.sql(
      `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
       values ($1, $2, $3)`,
      [shop.shopId, customer.id, t.userId()],
    );
    customers.push(customer);
  }
  return { shop, customers };
}

/** Whether private.queue_auto_reminders is still the skeleton's placeholder. */
async function remindersPlaceholder(client: SqlClient): Promise<boolean> {
  const [row] = await client.query<{ placeholder: boolean }>(
    `select p.prosrc like '%Filled in by the reminders migration%' as placeholder
       from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.proname = 'queue_auto_reminders'`,
  );
  return row.placeholder;
}

async function queued(client: SqlClient, shopId: number) {
  const rows = await client.query<{ kind: string; n: number }>(
    `select kind, count(*)::int as n from public.outbox
      where shop_id = $1 and kind in ('reminder', 'digest') group by kind`,
    [shopId],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.n])) as Record<string, number>;
}

/** Whether the server has pg_cron preloaded (the throwaway cluster does where it is installed). */
async function pgCronReady(admin: SqlClient): Promise<string | null> {
  const [row] = await admin.query<{ available: boolean; preloaded: boolean }>(
    `select exists (select 1 from pg_available_extensions where name = 'pg_cron') as available,
            current_setting('shared_preload_libraries') ~ 'pg_cron' as preloaded`,
  );
  if (!row.available) return "pg_cron is not installed on this server (Debian: postgresql-15-cron)";
  if (!row.preloaded) return "pg_cron is not in shared_preload_libraries on this server";
  return null;
}

for (const engine of await engines()) {
  if (engine === "postgres") {
    Deno.test({
      name: "[postgres] a real pg_cron job runs public.run_schedule: reminders and digests queued",
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async (test) => {
        const server = (await testServer())!;
        const admin = postgresClient(server.url, { max: 1 });
        try {
          const missing = await pgCronReady(admin);
          if (missing) {
            if (underCi()) throw new Error(`CI needs pg_cron: ${missing}`);
            console.warn(`skipped: ${missing}`);
            return;
          }
          // Idempotent, and serialised: test files run in parallel on one cluster.
          await admin.query(`select pg_advisory_lock(hashtext('paytrack pg_cron'))`);
          try {
            await admin.query(`create extension if not exists pg_cron`);
          } finally {
            await admin.query(`select pg_advisory_unlock(hashtext('paytrack pg_cron'))`);
          }
          const db = await freshDatabase("postgres");
          const t = new LedgerContext(db);
          const job = `paytrack-test-${crypto.randomUUID().slice(0, 8)}`;
          try {
            const { shop } = await dueShop(t);
            const placeholder = await remindersPlaceholder(db.client);
            const database = new URL(db.url!).pathname.slice(1);
            // pg_cron 1.5+ takes '1 seconds'; older ones (Debian 12's 1.4) run at most every
            // minute, at :00.
            let every = "1 seconds";
            let jobId: number;
            try {
              [{ id: jobId }] = await admin.query<{ id: number }>(
                `select cron.schedule_in_database($1, $2, 'select public.run_schedule()', $3)::int as id`,
                [job, every, database],
              );
            } catch {
              every = "* * * * *";
              [{ id: jobId }] = await admin.query<{ id: number }>(
                `select cron.schedule_in_database($1, $2, 'select public.run_schedule()', $3)::int as id`,
                [job, every, database],
              );
            }
            const deadline = Date.now() + (every === "1 seconds" ? 15_000 : 75_000);
            let found: Record<string, number> = {};
            while (Date.now() < deadline) {
              found = await queued(db.client, shop.shopId);
              if (found.digest && (placeholder || found.reminder)) break;
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
            assert.equal(found.digest, 1, `the job's digest (schedule ${every})`);
            if (placeholder) {
              await test.step("reminders: private.queue_auto_reminders is still a placeholder", () => {});
            } else {
              assert.ok(found.reminder >= 1, "the job's reminder for the overdue customer");
            }
            const runs = await admin.query<{ status: string; command: string }>(
              `select status, command from cron.job_run_details where jobid = $1 order by runid`,
              [jobId],
            );
            assert.ok(runs.length >= 1);
            assert.equal(runs[0].status, "succeeded");
            assert.equal(runs[0].command, "select public.run_schedule()");
            // Ran again (or by hand): nothing is queued twice.
            await db.client.query(`select public.run_schedule()`);
            const again = await queued(db.client, shop.shopId);
            assert.equal(again.digest, 1);
            if (!placeholder) assert.equal(again.reminder, found.reminder);
          } finally {
            await admin.query(
              `select cron.unschedule(jobid) from cron.job where jobname = $1`,
              [job],
            ).catch(() => {});
            await db.close();
          }
        } finally {
          await admin.close();
        }
      },
    });
  } else {
    Deno.test({
      name: "[pglite] no pg_cron: the same public.run_schedule runs from the timer",
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async () => {
        const db = await freshDatabase("pglite");
        const t = new LedgerContext(db);
        try {
          const { shop } = await dueShop(t);
          const placeholder = await remindersPlaceholder(db.client);
          const ledger = new Ledger(new SqlTransport(db.client));
          const runs: { reminders: number; digests: number }[] = [];
          const stop = startScheduleTimer(ledger, {
            intervalMs: 50,
            onRun: (run) => runs.push(run),
          });
          const deadline = Date.now() + 10_000;
          while (runs.length < 3 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await stop();
          assert.ok(runs.length >= 3, "the timer ran the schedule again and again");
          const seen = runs.length;
          await new Promise((resolve) => setTimeout(resolve, 150));
          assert.equal(runs.length, seen, "stopped: no more runs");
          assert.equal(runs[0].digests, 1);
          assert.ok(runs.slice(1).every((r) => r.digests === 0 && r.reminders === 0), "once a day");
          const found = await queued(db.client, shop.shopId);
          assert.equal(found.digest, 1);
          if (!placeholder) assert.ok(found.reminder >= 1);
        } finally {
          await db.close();
        }
      },
    });
  }
}
