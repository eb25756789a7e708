/**
 * `deno task cron:install`: installs PayTrack's schedule in the database (Supabase, or any
 * PostgreSQL with pg_cron), from supabase/cron/schedule.sql:
 * - `paytrack-schedule`, every minute: `select public.run_schedule()` (queues the due automatic
 *   reminders and the owners' digests into the outbox);
 * - `paytrack-drain`, every minute: pg_net posts to `<PAYTRACK_FUNCTION_URL>/drain` with the
 *   header `x-paytrack-drain-secret: <PAYTRACK_DRAIN_SECRET>`, so the edge function delivers the
 *   outbox (retries, anything a crash left) even when no update arrives.
 *
 * Connects to SUPABASE_DB_URL, else DATABASE_URL (the migrations must be applied). Creates
 * pg_cron (in its database, cron.database_name) and pg_net; stores the URL and the secret in
 * Supabase Vault when the `vault` schema exists (else they are written into the drain job's
 * command, and it says so). Idempotent: re-running replaces both jobs by name. What it cannot
 * do here (no pg_net, no Vault) it skips and says so.
 *
 *   deno task cron:install               install or replace both jobs
 *   deno task cron:install --uninstall   remove both jobs (Vault secrets and extensions stay)
 *   deno task cron:install --print       print the SQL instead (the secret masked; add
 *                                        --show-secret to fill it in), for the SQL editor
 */
import { ConfigError, loadConfig, processEnv } from "../config/config.ts";
import { postgresClient } from "../db/postgres_client.ts";
import type { SqlClient } from "../db/sql_client.ts";
import { runMain } from "./run.ts";

/** What stops the task: printed as one line by runMain, exit 1. */
export class CronInstallError extends ConfigError {
  override name = "CronInstallError";
}

/** The SQL file the task reads. */
export const SCHEDULE_SQL = new URL("../../supabase/cron/schedule.sql", import.meta.url);

/** The jobs it installs. */
export const JOB_NAMES = ["paytrack-schedule", "paytrack-drain"] as const;

/** supabase/cron/schedule.sql split at its `-- @<name>` lines. */
export function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (name) out.set(name, lines.join("\n").trim());
  };
  for (const line of text.split("\n")) {
    const m = /^-- @([a-z_]+)\b/.exec(line);
    if (m) {
      flush();
      name = m[1];
      lines = [];
    } else if (name) lines.push(line);
  }
  flush();
  return out;
}

/** A SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Fills `{{NAME}}` placeholders with the given SQL text (already literals or expressions). */
export function fill(sql: string, values: Record<string, string>): string {
  return sql.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** What the task was asked. */
export interface CronOptions {
  print?: boolean;
  uninstall?: boolean;
  showSecret?: boolean;
}

/** The values from the environment. */
export interface CronSettings {
  databaseUrl?: string;
  functionUrl?: string;
  drainSecret?: string;
}

/** The settings from the environment (SUPABASE_DB_URL, else DATABASE_URL; the two PAYTRACK_ ones). */
export function settingsFromEnv(env: Record<string, string | undefined>): CronSettings {
  const config = loadConfig(env);
  const dbUrl = env.SUPABASE_DB_URL?.trim() || config.DATABASE_URL;
  return {
    databaseUrl: dbUrl || undefined,
    functionUrl: config.PAYTRACK_FUNCTION_URL?.replace(/\/+$/, "").replace(/\/drain$/, ""),
    drainSecret: config.PAYTRACK_DRAIN_SECRET,
  };
}

/** The SQL the Supabase dashboard would run (vault form), for `--print`. */
export function printable(sql: Map<string, string>, s: CronSettings, showSecret = false): string {
  const values = {
    FUNCTION_URL: literal(s.functionUrl ?? "<PAYTRACK_FUNCTION_URL>"),
    DRAIN_SECRET: literal(
      showSecret && s.drainSecret ? s.drainSecret : "<PAYTRACK_DRAIN_SECRET>",
    ),
    DATABASE: "current_database()",
  };
  const command = fill(sql.get("drain_command_vault")!, values);
  return [
    "-- PayTrack's schedule (supabase/cron/schedule.sql), for the SQL editor of the postgres database.",
    ...(showSecret ? [] : [
      "-- Put your PAYTRACK_DRAIN_SECRET in place of <PAYTRACK_DRAIN_SECRET> (or run with --show-secret).",
    ]),
    fill(sql.get("cron_extension")!, values),
    fill(sql.get("net_extension")!, values),
    fill(sql.get("vault")!, values),
    fill(sql.get("schedule_job")!, values),
    fill(sql.get("drain_job")!, { ...values, DRAIN_COMMAND: literal(command) }),
    "",
  ].join("\n\n");
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

interface ServerFacts {
  database: string;
  cronDatabase: string;
  pgCron: boolean;
  pgNet: boolean;
  netFunction: boolean;
  vault: boolean;
  runSchedule: boolean;
}

async function facts(app: SqlClient): Promise<ServerFacts> {
  const [row] = await app.query<ServerFacts>(
    `select current_database() as database,
            coalesce(nullif(current_setting('cron.database_name', true), ''), 'postgres') as "cronDatabase",
            exists (select 1 from pg_available_extensions where name = 'pg_cron') as "pgCron",
            exists (select 1 from pg_available_extensions where name = 'pg_net') as "pgNet",
            to_regproc('net.http_post') is not null
              or exists (select 1 from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
                          where n.nspname = 'net' and p.proname = 'http_post') as "netFunction",
            exists (select 1 from pg_namespace where nspname = 'vault') as vault,
            exists (select 1 from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
                     where n.nspname = 'public' and p.proname = 'run_schedule') as "runSchedule"`,
  );
  return row;
}

/**
 * Installs (or with `uninstall`, removes) the jobs. Returns the lines it reports: what it did,
 * and what it skipped and why.
 */
export async function cronInstall(
  settings: CronSettings,
  options: CronOptions = {},
  say: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const sql = sections(await Deno.readTextFile(SCHEDULE_SQL));
  if (options.print) {
    say(printable(sql, settings, options.showSecret));
    return;
  }
  if (!settings.databaseUrl) {
    throw new CronInstallError(
      "cron:install needs the database: set SUPABASE_DB_URL (Supabase dashboard → Connect → the connection string) or DATABASE_URL.",
    );
  }
  const app = postgresClient(settings.databaseUrl, { max: 1 });
  let cron: SqlClient | undefined;
  try {
    const f = await facts(app).catch((error) => {
      throw new CronInstallError(
        `cron:install cannot reach the database: ${(error as Error).message}`,
      );
    });
    if (!f.pgCron) {
      throw new CronInstallError(
        "pg_cron is not available on this server, so nothing was installed (Supabase has it; on Debian install postgresql-15-cron and add pg_cron to shared_preload_libraries).",
      );
    }
    cron = f.cronDatabase === f.database
      ? app
      : postgresClient(withDatabase(settings.databaseUrl, f.cronDatabase), { max: 1 });
    await cron.execInTransaction(sql.get("cron_extension")!);
    const database = literal(f.database);
    if (options.uninstall) {
      const [{ n }] = await cron.query<{ n: number }>(
        `select count(*)::int as n from cron.job where jobname = any($1::text[])`,
        [[...JOB_NAMES]],
      );
      await cron.execInTransaction(sql.get("uninstall")!);
      say(
        `Removed ${n} PayTrack job(s) (${
          JOB_NAMES.join(", ")
        }); Vault secrets and extensions stay.`,
      );
      return;
    }
    if (!f.runSchedule) {
      throw new CronInstallError(
        `public.run_schedule is not in database ${f.database}: apply the migrations first (supabase db push, or deno task db:migrate).`,
      );
    }
    await cron.execInTransaction(fill(sql.get("schedule_job")!, { DATABASE: database }));
    say(
      `Installed paytrack-schedule: every minute, select public.run_schedule() in ${f.database}.`,
    );

    const missing = [
      settings.functionUrl
        ? ""
        : "PAYTRACK_FUNCTION_URL (https://<project-ref>.supabase.co/functions/v1/telegram-bot)",
      settings.drainSecret ? "" : "PAYTRACK_DRAIN_SECRET (the function's drain secret)",
    ].filter(Boolean);
    if (missing.length) {
      throw new CronInstallError(
        `paytrack-drain not installed: set ${missing.join(" and ")}, then run cron:install again.`,
      );
    }
    if (f.pgNet) {
      await app.execInTransaction(sql.get("net_extension")!);
    } else if (f.netFunction) {
      say(
        "Skipped: create extension pg_net (not available here); using the net.http_post that exists.",
      );
    } else {
      say(
        "Skipped: paytrack-drain, because pg_net is not available here (no net.http_post): the outbox is drained after each update only. On Supabase enable pg_net and run cron:install again.",
      );
      return;
    }
    const values = {
      FUNCTION_URL: literal(settings.functionUrl!),
      DRAIN_SECRET: literal(settings.drainSecret!),
      DATABASE: database,
    };
    let command: string;
    if (f.vault) {
      await app.execInTransaction(fill(sql.get("vault")!, values));
      command = fill(sql.get("drain_command_vault")!, values);
      say(
        "Stored the function URL and the drain secret in Supabase Vault (paytrack_function_url, paytrack_drain_secret).",
      );
    } else {
      command = fill(sql.get("drain_command_inline")!, values);
      say(
        "Skipped: Supabase Vault (no vault schema here): the function URL and the drain secret are written into the paytrack-drain job's command (cron.job, readable by superusers only).",
      );
    }
    await cron.execInTransaction(
      fill(sql.get("drain_job")!, { ...values, DRAIN_COMMAND: literal(command) }),
    );
    say(
      `Installed paytrack-drain: every minute, POST ${settings.functionUrl}/drain (pg_net, 20 s timeout).`,
    );
  } finally {
    if (cron && cron !== app) await cron.close();
    await app.close();
  }
}

if (import.meta.main) {
  await runMain(async () => {
    const args = new Set(Deno.args);
    const known = new Set(["--print", "--uninstall", "--show-secret"]);
    const unknown = [...args].filter((a) => !known.has(a));
    if (unknown.length) {
      throw new CronInstallError(
        `cron:install: unknown option ${
          unknown.join(" ")
        } (use --print, --uninstall or --show-secret).`,
      );
    }
    await cronInstall(settingsFromEnv(processEnv()), {
      print: args.has("--print"),
      uninstall: args.has("--uninstall"),
      showSecret: args.has("--show-secret"),
    });
  });
}
