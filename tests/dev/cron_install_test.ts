/**
 * `deno task cron:install` against the throwaway cluster's real pg_cron (pg_net and Vault are
 * absent there): a stand-in `net.http_post` records what the drain job posts, so the job's
 * command runs for real under pg_cron; re-running replaces the jobs by name; --uninstall
 * removes them; --print prints the Supabase SQL with the secret masked; what is missing is
 * said, not silently skipped.
 */
import assert from "node:assert/strict";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import {
  cronInstall,
  type CronSettings,
  printable,
  SCHEDULE_SQL,
  sections,
} from "../../shared/dev/cron_install.ts";
import { freshDatabase, postgresAvailable, testServer, underCi } from "../support/databases.ts";

const SECRET = "drain-secret_for_cron_0123456789";
const FUNCTION_URL = "https://abcdefgh.supabase.co/functions/v1/telegram-bot";

/** The cluster's `postgres` database with pg_cron created, or why not (the test then skips). */
async function cronDatabase(): Promise<{ admin: SqlClient } | string> {
  if (!(await postgresAvailable())) return "no PostgreSQL here";
  const server = (await testServer())!;
  const admin = postgresClient(server.url, { max: 1 });
  const [row] = await admin.query<{ ok: boolean }>(
    `select exists (select 1 from pg_available_extensions where name = 'pg_cron')
            and current_setting('shared_preload_libraries') ~ 'pg_cron' as ok`,
  );
  if (!row.ok) {
    await admin.close();
    return "pg_cron is not installed and preloaded on this server (Debian: postgresql-15-cron)";
  }
  // Created once under a lock (test files run in parallel; tests/db/schedule_test.ts too), so
  // the task's own `create extension if not exists` finds it.
  await admin.query(`select pg_advisory_lock(hashtext('paytrack pg_cron'))`);
  try {
    await admin.query(`create extension if not exists pg_cron`);
  } finally {
    await admin.query(`select pg_advisory_unlock(hashtext('paytrack pg_cron'))`);
  }
  return { admin };
}

const STAND_IN = `
  create schema net;
  create table net.calls (url text, headers jsonb, timeout_milliseconds integer,
                          at timestamptz default now());
  create function net.http_post(url text, body jsonb default '{}'::jsonb,
                                params jsonb default '{}'::jsonb,
                                headers jsonb default '{}'::jsonb,
                                timeout_milliseconds integer default 1000) returns bigint
    language sql as $$
      insert into net.calls (url, headers, timeout_milliseconds)
      values (url, headers, timeout_milliseconds);
      select 1::bigint
    $$;`;

Deno.test({
  name: "cron:install on real pg_cron: both jobs run, the drain job posts the URL with the secret",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const ready = await cronDatabase();
    if (typeof ready === "string") {
      if (underCi()) throw new Error(`CI needs pg_cron: ${ready}`);
      console.warn(`skipped: ${ready}`);
      return;
    }
    const { admin } = ready;
    const db = await freshDatabase("postgres");
    const lines: string[] = [];
    const settings: CronSettings = {
      databaseUrl: db.url,
      functionUrl: FUNCTION_URL,
      drainSecret: SECRET,
    };
    const database = new URL(db.url!).pathname.slice(1);
    try {
      await db.client.execInTransaction(STAND_IN);
      await cronInstall(settings, {}, (line) => lines.push(line));
      // Again: the same two jobs, replaced by name.
      await cronInstall(settings, {}, (line) => lines.push(line));
      const jobs = await admin.query<{ jobname: string; command: string; database: string }>(
        `select jobname, command, database from cron.job
          where jobname in ('paytrack-schedule', 'paytrack-drain') order by jobname`,
      );
      assert.deepEqual(jobs.map((j) => [j.jobname, j.database]), [
        ["paytrack-drain", database],
        ["paytrack-schedule", database],
      ]);
      assert.equal(jobs[1].command, "select public.run_schedule()");
      assert.match(jobs[0].command, /net\.http_post/);
      const said = lines.join("\n");
      assert.match(said, /Skipped: create extension pg_net \(not available here\)/);
      assert.match(said, /Skipped: Supabase Vault \(no vault schema here\)/);
      assert.match(said, /Installed paytrack-schedule/);
      assert.match(said, /Installed paytrack-drain/);
      assert.ok(!said.includes(SECRET), "the secret is never printed");

      // pg_cron runs the drain job (at the next minute: Debian 12's pg_cron 1.4 has no seconds).
      const deadline = Date.now() + 75_000;
      let calls: { url: string; headers: Record<string, string>; timeout_milliseconds: number }[] =
        [];
      while (Date.now() < deadline && calls.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        calls = await db.client.query(`select url, headers, timeout_milliseconds from net.calls`);
      }
      assert.ok(calls.length >= 1, "the drain job ran under pg_cron");
      assert.equal(calls[0].url, `${FUNCTION_URL}/drain`);
      assert.equal(calls[0].headers["x-paytrack-drain-secret"], SECRET);
      assert.equal(calls[0].timeout_milliseconds, 20000);
      const runs = await admin.query<{ jobname: string; status: string }>(
        `select j.jobname, d.status from cron.job_run_details as d
           join cron.job as j on j.jobid = d.jobid
          where j.jobname in ('paytrack-schedule', 'paytrack-drain') order by d.runid`,
      );
      assert.ok(runs.some((r) => r.jobname === "paytrack-drain" && r.status === "succeeded"));

      await cronInstall(settings, { uninstall: true }, (line) => lines.push(line));
      assert.match(lines.at(-1)!, /Removed 2 PayTrack job/);
      const [{ n }] = await admin.query<{ n: number }>(
        `select count(*)::int as n from cron.job where jobname in ('paytrack-schedule', 'paytrack-drain')`,
      );
      assert.equal(n, 0);
    } finally {
      await admin.query(
        `select cron.unschedule(jobid) from cron.job where jobname in ('paytrack-schedule', 'paytrack-drain')`,
      ).catch(() => {});
      await admin.close();
      await db.close();
    }
  },
});

Deno.test({
  name:
    "cron:install without pg_net says it skipped the drain job; without the URL it says what to set",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const ready = await cronDatabase();
    if (typeof ready === "string") {
      if (underCi()) throw new Error(`CI needs pg_cron: ${ready}`);
      console.warn(`skipped: ${ready}`);
      return;
    }
    const { admin } = ready;
    const db = await freshDatabase("postgres");
    const lines: string[] = [];
    try {
      // pg_net is not installed on the cluster and there is no stand-in in this database.
      const [{ has }] = await admin.query<{ has: boolean }>(
        `select exists (select 1 from pg_available_extensions where name = 'pg_net') as has`,
      );
      if (!has) {
        await cronInstall(
          { databaseUrl: db.url, functionUrl: FUNCTION_URL, drainSecret: SECRET },
          {},
          (line) => lines.push(line),
        );
        assert.match(lines.join("\n"), /Skipped: paytrack-drain, because pg_net is not available/);
      }
      await assert.rejects(
        cronInstall({ databaseUrl: db.url }, {}, (line) => lines.push(line)),
        /paytrack-drain not installed: set PAYTRACK_FUNCTION_URL .* and PAYTRACK_DRAIN_SECRET/,
      );
      await assert.rejects(cronInstall({}, {}, () => {}), /SUPABASE_DB_URL/);
    } finally {
      await admin.query(
        `select cron.unschedule(jobid) from cron.job where jobname in ('paytrack-schedule', 'paytrack-drain')`,
      ).catch(() => {});
      await admin.close();
      await db.close();
    }
  },
});

Deno.test("cron:install --print: the Supabase SQL from supabase/cron/schedule.sql, secret masked", async () => {
  const sql = sections(await Deno.readTextFile(SCHEDULE_SQL));
  for (
    const name of [
      "cron_extension",
      "net_extension",
      "vault",
      "drain_command_vault",
      "drain_command_inline",
      "schedule_job",
      "drain_job",
      "uninstall",
    ]
  ) {
    assert.ok(sql.get(name), `section ${name}`);
  }
  const printed = printable(sql, { functionUrl: FUNCTION_URL, drainSecret: SECRET });
  assert.match(printed, /create extension if not exists pg_cron;/);
  assert.match(printed, /create extension if not exists pg_net;/);
  assert.match(printed, /vault\.create_secret\('https:\/\/abcdefgh\.supabase\.co/);
  assert.match(printed, /cron\.schedule_in_database\('paytrack-schedule', '\* \* \* \* \*'/);
  assert.match(printed, /cron\.schedule_in_database\('paytrack-drain'/);
  assert.match(printed, /<PAYTRACK_DRAIN_SECRET>/);
  assert.ok(!printed.includes(SECRET));
  assert.ok(!printed.includes("{{"), "every placeholder filled");
  assert.ok(printable(sql, { drainSecret: SECRET }, true).includes(SECRET));

  // The task itself, as deployed: `deno task cron:install --print` needs no database.
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "cron:install", "--print"],
    env: { PAYTRACK_FUNCTION_URL: FUNCTION_URL, PAYTRACK_DRAIN_SECRET: SECRET },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.match(text, /paytrack-drain/);
  assert.ok(!text.includes(SECRET));
  const bad = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "cron:install", "--nope"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(bad.code, 1);
  assert.match(new TextDecoder().decode(bad.stderr), /unknown option --nope/);
});
