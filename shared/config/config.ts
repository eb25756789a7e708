/**
 * PayTrack's configuration, parsed once from the environment (and an optional .env
 * file) with zod. A missing or bad variable stops start-up with a message naming it.
 * Secrets are never echoed back in messages.
 *
 * The schedule on Supabase (supabase/cron/schedule.sql, installed by `deno task cron:install`):
 * - PAYTRACK_DRAIN_SECRET: the secret pg_net's every-minute call to the function's drain
 *   endpoint (`POST <function url>/drain`) carries in the `x-paytrack-drain-secret` header
 *   (16-256 characters of A-Z, a-z, 0-9, _ and -, e.g. `openssl rand -hex 32`). Set it as a
 *   function secret (`supabase secrets set PAYTRACK_DRAIN_SECRET=…`) and in the environment
 *   of `deno task cron:install`, which stores it in Supabase Vault. Unset: the drain endpoint
 *   answers 404.
 * - PAYTRACK_FUNCTION_URL: the function's URL
 *   (`https://<project-ref>.supabase.co/functions/v1/telegram-bot`), read by
 *   `deno task cron:install` only.
 */
import type { UserFromGetMe } from "grammy/types";
import { z } from "zod";
import { parse as parseDotenv } from "dotenv";
import { CURRENCY_CODES, isKnownCurrency } from "../domain/currencies.ts";

const optionalText = z.string().trim().min(1).optional();

const telegramIds = z.string().trim().transform((value, ctx) => {
  if (value === "") return [];
  const ids = value.split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !/^\d{1,16}$/.test(id));
  if (bad !== undefined) {
    ctx.addIssue({ code: "custom", message: `"${bad}" is not a Telegram user id (digits only)` });
    return z.NEVER;
  }
  return ids.map(Number);
});

/**
 * getMe's answer, as grammY's `botInfo` takes it. A flag that an older Bot API server
 * does not send is false; a missing first_name is the username; other fields are kept.
 */
const flag = z.boolean().default(false);
const getMe = z.looseObject({
  id: z.number(),
  is_bot: z.literal(true),
  username: z.string(),
  first_name: z.string().optional(),
  can_join_groups: flag,
  can_read_all_group_messages: flag,
  supports_inline_queries: flag,
  can_connect_to_business: flag,
  has_main_web_app: flag,
  has_topics_enabled: flag,
  allows_users_to_create_topics: flag,
  can_manage_bots: flag,
  supports_join_request_queries: flag,
});

const botInfo = z.string().trim().transform((value, ctx): UserFromGetMe => {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch { /* reported below */ }
  const parsed = getMe.safeParse(json);
  if (parsed.success) {
    return { ...parsed.data, first_name: parsed.data.first_name ?? parsed.data.username };
  }
  ctx.addIssue({
    code: "custom",
    message: "must be the JSON that getMe returns (with id, is_bot, username)",
  });
  return z.NEVER;
});

/** An ISO 4217 code that the ledger's public.currencies table has (shared/domain/currencies.ts). */
const currencyCode = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, {
  error: "must be an ISO 4217 code like USD, ILS or JOD",
  abort: true,
}).refine(isKnownCurrency, {
  error: (issue) =>
    `"${issue.input}" is not a currency PayTrack knows; use one of ${CURRENCY_CODES.join(", ")}`,
});

const PORT_RANGE = "must be from 1 to 65535, like 8000";

/** An IANA time zone name that Intl knows (e.g. Asia/Hebron), in its canonical spelling. */
const timeZone = z.string().trim().min(1).transform((zone, issue) => {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    issue.addIssue({
      code: "custom",
      message:
        `"${zone}" is not a time zone; use an IANA name like Asia/Hebron, Europe/London or UTC`,
    });
    return z.NEVER;
  }
});

/** Every variable PayTrack reads, with its default. */
export const configSchema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().trim().regex(
    /^\d+:[\w-]{20,}$/,
    "must look like 123456:ABC-DEF… (from @BotFather)",
  )
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().trim().regex(
    /^[A-Za-z0-9_-]{16,256}$/,
    "must be 16-256 characters of A-Z, a-z, 0-9, _ and -",
  ).optional(),
  PAYTRACK_DRAIN_SECRET: z.string().trim().regex(
    /^[A-Za-z0-9_-]{16,256}$/,
    "must be 16-256 characters of A-Z, a-z, 0-9, _ and -",
  ).optional(),
  // Only URL characters that need no quoting: cron:install writes it into SQL (a Vault DO block).
  PAYTRACK_FUNCTION_URL: z.url({ protocol: /^https?$/ }).regex(
    /^https?:\/\/[A-Za-z0-9._~:/%-]+$/,
    "must be the function's plain URL, e.g. https://<ref>.supabase.co/functions/v1/telegram-bot",
  ).optional(),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).optional(),
  BOT_INFO: botInfo.optional(),
  OWNER_TELEGRAM_IDS: telegramIds.optional(),
  DEFAULT_CURRENCY: currencyCode.default("USD"),
  DEFAULT_TIMEZONE: timeZone.default("UTC"),
  SUPABASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SUPABASE_SERVICE_ROLE_KEY: optionalText,
  DATABASE_URL: z.string().trim().regex(
    /^postgres(ql)?:\/\//,
    "must start with postgres:// or postgresql://",
  )
    .optional(),
  PAYTRACK_DATA_DIR: z.string().trim().min(1).default("./.data"),
  PORT: z.string().trim().regex(/^\d{1,5}$/, {
    error: (issue) =>
      `"${issue.input}" is not a port number; use a whole number from 1 to 65535, like 8000`,
    abort: true,
  }).transform(Number).pipe(z.number().min(1, PORT_RANGE).max(65535, PORT_RANGE)).default(8000),
});

export type Config = z.infer<typeof configSchema>;

/** Which database the configuration selects. */
export type DatabaseChoice =
  | { kind: "supabase"; url: string; serviceRoleKey: string }
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

/** Thrown when the configuration is unusable; the message names each bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** What a given entry point cannot run without. */
export interface Requirements {
  telegramToken?: boolean;
  webhookSecret?: boolean;
}

/**
 * Parses `env` (default: the process environment merged over `.env` when present) and
 * checks the variables an entry point requires.
 */
export function loadConfig(
  env: Record<string, string | undefined> = processEnv(),
  needs: Requirements = {},
): Config {
  const cleaned = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, emptyToUndefined(env[key])]),
  );
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(
      `PayTrack cannot start, the configuration is not valid:\n${lines.join("\n")}`,
    );
  }
  const config = result.data;
  const missing: string[] = [];
  if (needs.telegramToken && !config.TELEGRAM_BOT_TOKEN) {
    missing.push("TELEGRAM_BOT_TOKEN (the token @BotFather gave you)");
  }
  if (needs.webhookSecret && !config.TELEGRAM_WEBHOOK_SECRET) {
    missing.push("TELEGRAM_WEBHOOK_SECRET (a random string, e.g. from `openssl rand -hex 32`)");
  }
  if (Boolean(config.SUPABASE_URL) !== Boolean(config.SUPABASE_SERVICE_ROLE_KEY)) {
    missing.push(
      config.SUPABASE_URL
        ? "SUPABASE_SERVICE_ROLE_KEY (set with SUPABASE_URL)"
        : "SUPABASE_URL (set with SUPABASE_SERVICE_ROLE_KEY)",
    );
  }
  if (missing.length) {
    throw new ConfigError(
      `PayTrack cannot start, these variables are missing:\n${
        missing.map((m) => `  ${m}`).join("\n")
      }`,
    );
  }
  return config;
}

/** SUPABASE_URL + key → supabase-js; else DATABASE_URL → Postgres; else embedded PGlite. */
export function databaseChoice(config: Config): DatabaseChoice {
  if (config.SUPABASE_URL && config.SUPABASE_SERVICE_ROLE_KEY) {
    return {
      kind: "supabase",
      url: config.SUPABASE_URL,
      serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY,
    };
  }
  if (config.DATABASE_URL) return { kind: "postgres", url: config.DATABASE_URL };
  return { kind: "embedded", dataDir: config.PAYTRACK_DATA_DIR };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The environment, over the values of `./.env` when that file exists and may be read. */
export function processEnv(): Record<string, string | undefined> {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotenv(Deno.readTextFileSync(".env"));
  } catch { /* no .env, or no read permission: the environment alone */ }
  return { ...fromFile, ...Deno.env.toObject() };
}
