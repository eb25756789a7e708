/**
 * `deno task start`, the way to run PayTrack on your machine:
 * - with TELEGRAM_BOT_TOKEN set: the real bot over long polling;
 * - without it: a terminal chat with the real bot, where you are the shop owner and
 *   nothing is sent to Telegram.
 * Either way the database is the configured one (embedded PGlite in ./.data by
 * default), migrated on start. With the real bot the outbox is drained every 2 s and the
 * schedule (public.run_schedule: automatic reminders, the owners' digest) runs every minute
 * from a timer (shared/dev/schedule.ts), as pg_cron runs it on PostgreSQL and Supabase.
 *
 * The terminal chat speaks the language of the person typing: their (fake) Telegram app is
 * in English unless `PAYTRACK_LANGUAGE=ar` or `--lang ar` says Arabic; once the shop knows
 * their language (/start, /language) the chat's own words follow it.
 */
import { Api, type Bot, GrammyError, HttpError } from "grammy";
import type { PayContext } from "../bot/context.ts";
import { botFromConfig } from "../bot/bot_from_config.ts";
import { type Config, ConfigError, databaseChoice, loadConfig } from "../config/config.ts";
import { LedgerUnavailable } from "../db/errors.ts";
import { openLedger } from "../db/open_ledger.ts";
import { logFailure, rootCause } from "../bot/update_log.ts";
import { onShutdown, runMain } from "./run.ts";
import { type Translate, translator } from "../i18n/i18n.ts";
import {
  LOCAL_BOT_INFO,
  LOCAL_OWNER,
  localOwner,
  readLines,
  TerminalChat,
  terminalLine,
} from "./terminal_chat.ts";
import { isLocale, type Locale } from "../domain/language.ts";
import { ALLOWED_UPDATES } from "./webhook_set.ts";
import { startDrainTimer } from "../outbox/sender.ts";
import { startScheduleTimer } from "./schedule.ts";

if (import.meta.main) {
  await runMain(async () => {
    const config = loadConfig();
    const locale = terminalLocale(Deno.args, Deno.env.get("PAYTRACK_LANGUAGE"));
    if (config.TELEGRAM_BOT_TOKEN) await longPolling(config, config.TELEGRAM_BOT_TOKEN, locale);
    else await terminalChat(config, locale);
  });
}

/**
 * The language of the person at this terminal: `--lang ar` (or `--lang=ar`), else
 * PAYTRACK_LANGUAGE, else English. "ar-PS" reads as ar; a language PayTrack does not speak
 * is refused with a sentence.
 */
export function terminalLocale(args: readonly string[], env: string | undefined): Locale {
  let value = env;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--lang" || arg === "--language") value = args[i + 1] ?? "";
    else if (/^--lang(uage)?=/.test(arg)) value = arg.slice(arg.indexOf("=") + 1);
  }
  if (value === undefined || value.trim() === "") return "en";
  const code = value.trim().toLowerCase().split(/[-_]/)[0];
  if (isLocale(code)) return code;
  throw new ConfigError(
    `PAYTRACK_LANGUAGE (or --lang) is "${value}": PayTrack speaks en (English) and ar (Arabic).`,
  );
}

/** The real bot, fetching updates with getUpdates. */
async function longPolling(config: Config, token: string, locale: Locale): Promise<void> {
  const t = translator(locale);
  const { ledger, where } = await openLedger(config, { migrate: true });
  const bot = botFromConfig(config, ledger);
  bot.catch(async (error) => {
    logFailure((line) => console.error(line), {
      event: "polling",
      update_id: error.ctx.update.update_id,
      error,
      secrets: [token],
    });
    // With polling the update is already acknowledged: the person has to send it again,
    // but only a ledger outage means nothing was saved (a change commits before its reply).
    const t = typeof error.ctx.t === "function" ? error.ctx.t : undefined;
    await error.ctx.reply(pollingFailureNotice(rootCause(error), t)).catch(() => {});
  });
  // The outbox (receipts to linked customers): drained every 2 s, on an Api of its own.
  const stopDrain = startDrainTimer(
    new Api(token, { apiRoot: config.TELEGRAM_API_ROOT }),
    ledger,
    2000,
  );
  // The schedule (automatic reminders, the owners' digest) every minute: PGlite has no
  // pg_cron; on PostgreSQL a second run beside pg_cron's queues nothing (unique keys per day).
  const stopSchedule = startScheduleTimer(ledger);
  onShutdown(async () => {
    await bot.stop();
    await stopSchedule();
    await stopDrain();
    await ledger.close();
  });
  console.log(t("terminal-database", { where }));
  console.log(t("terminal-polling-starting"));
  await bot.start({
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: false,
    onStart: (me) => console.log(t("terminal-polling-running", { bot: me.username })),
  });
}

/**
 * What long polling tells the person after their update failed. A change commits before
 * its reply is sent, so after a Telegram failure (or a bug) it may have been saved: saying
 * "nothing was saved" then would invite a second payment.
 */
export function pollingFailureNotice(cause: unknown, t: Translate = translator("en")): string {
  if (cause instanceof LedgerUnavailable) return t("reply-polling-unreachable");
  if (cause instanceof GrammyError || cause instanceof HttpError) {
    return t("reply-polling-not-through");
  }
  return t("reply-polling-failed");
}

/** The terminal's width: the real one on a terminal, else 80 columns. */
function terminalWidth(): number | undefined {
  try {
    return Deno.stdout.isTerminal() ? Deno.consoleSize().columns : undefined;
  } catch {
    return undefined;
  }
}

/** You, the shop owner, chatting with the real bot in this terminal. */
async function terminalChat(config: Config, locale: Locale): Promise<void> {
  const { ledger, where } = await openLedger(config, { migrate: true });
  const exports = `${config.PAYTRACK_DATA_DIR}/exports`;
  const owner = localOwner(locale);
  const chat = new TerminalChat({
    user: owner,
    width: terminalWidth(),
    print: (line) => console.log(line),
    saveDocument: async (file) => {
      await Deno.mkdir(exports, { recursive: true });
      const path = `${exports}/${file.filename.replace(/[\\/:*?"<>|]/g, "_")}`;
      await Deno.writeFile(path, file.bytes);
      return path;
    },
  });
  // The terminal chat is its own Telegram: no token, no Bot API server, you are an owner.
  const bot: Bot<PayContext> = botFromConfig(config, ledger, {
    token: "local:terminal-chat",
    botInfo: LOCAL_BOT_INFO,
    apiRoot: undefined,
    ownerIds: [...(config.OWNER_TELEGRAM_IDS ?? []), LOCAL_OWNER.id],
    log: undefined, // the chat is the output here: no JSON lines between the messages
  });
  bot.api.config.use(chat.transformer);

  const interactive = Deno.stdin.isTerminal();
  // The chat's own lines, in the language of the person typing (an Arabic one right-aligned).
  const say = (key: string, args?: Record<string, string | number>) =>
    console.log(terminalLine(chat.t(key, args), chat.width));
  // Once the shop knows the member's language (/start, /language), the chat's words follow it.
  const followLanguage = async () => {
    try {
      const language = (await ledger.memberInfo(owner.id)).member.language;
      if (language && language !== chat.locale) chat.locale = language;
    } catch {
      // Not a member yet, or the database is away: keep the language as it is.
    }
  };
  await followLanguage();
  say("terminal-intro");
  say("terminal-database", { where });
  if (databaseChoice(config).kind === "supabase") say("terminal-supabase-warning");
  say("terminal-you-are", { name: LOCAL_OWNER.first_name, id: String(LOCAL_OWNER.id) });
  say("terminal-how");
  console.log();

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await ledger.close();
  };
  onShutdown(close);
  const you = () => `${chat.t("terminal-you")} › `;
  const prompt = () => {
    if (interactive) Deno.stdout.writeSync(new TextEncoder().encode(you()));
  };
  prompt();
  for await (const line of readLines(Deno.stdin.readable)) {
    if (!interactive && line.trim()) console.log(`${you()}${line.trim()}`);
    if (/^\/(quit|exit)\b/.test(line.trim())) break;
    const update = chat.input(line);
    if (update) {
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        const cause = rootCause(error);
        const note = cause instanceof LedgerUnavailable
          ? chat.t("terminal-ledger-unreachable", { reason: cause.message })
          : chat.t("terminal-bot-failed", { reason: describe(error) });
        console.log(terminalLine(`  ${note}`, chat.width));
      }
      await followLanguage();
    }
    prompt();
  }
  if (interactive) console.log();
  await close();
}

function describe(error: unknown): string {
  const cause = rootCause(error);
  return (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause))
    .replace(/\s+/g, " ");
}
