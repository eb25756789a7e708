/**
 * `deno task start`, the way to run PayTrack on your machine:
 * - with TELEGRAM_BOT_TOKEN set: the real bot over long polling;
 * - without it: a terminal chat with the real bot, where you are the shop owner and
 *   nothing is sent to Telegram.
 * Either way the database is the configured one (embedded PGlite in ./.data by
 * default), migrated on start.
 */
import { type Bot, GrammyError, HttpError } from "grammy";
import type { PayContext } from "../bot/context.ts";
import { botFromConfig } from "../bot/bot_from_config.ts";
import { type Config, databaseChoice, loadConfig } from "../config/config.ts";
import { LedgerUnavailable } from "../db/errors.ts";
import { openLedger } from "../db/open_ledger.ts";
import { logFailure, rootCause } from "../bot/update_log.ts";
import { onShutdown, runMain } from "./run.ts";
import { type Translate, translator } from "../i18n/i18n.ts";
import { LOCAL_BOT_INFO, LOCAL_OWNER, readLines, TerminalChat } from "./terminal_chat.ts";
import { ALLOWED_UPDATES } from "./webhook_set.ts";

if (import.meta.main) {
  await runMain(async () => {
    const config = loadConfig();
    if (config.TELEGRAM_BOT_TOKEN) await longPolling(config, config.TELEGRAM_BOT_TOKEN);
    else await terminalChat(config);
  });
}

/** The real bot, fetching updates with getUpdates. */
async function longPolling(config: Config, token: string): Promise<void> {
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
  onShutdown(async () => {
    await bot.stop();
    await ledger.close();
  });
  console.log(`Database: ${where}`);
  console.log(
    "Starting long polling (this removes a webhook if one is set; `deno task webhook:set <url>` restores it).",
  );
  await bot.start({
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: false,
    onStart: (me) => console.log(`@${me.username} is running. Ctrl-C stops it.`),
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

/** You, the shop owner, chatting with the real bot in this terminal. */
async function terminalChat(config: Config): Promise<void> {
  const { ledger, where } = await openLedger(config, { migrate: true });
  const exports = `${config.PAYTRACK_DATA_DIR}/exports`;
  const chat = new TerminalChat({
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
  console.log(
    "PayTrack: terminal chat (TELEGRAM_BOT_TOKEN is not set, so nothing goes to Telegram)",
  );
  console.log(`Database: ${where}`);
  if (databaseChoice(config).kind === "supabase") {
    console.log("⚠ That is your Supabase project: what you do here changes its real data.");
  }
  console.log(
    `You are "${LOCAL_OWNER.first_name}", the shop owner (Telegram id ${LOCAL_OWNER.id}). Try /start, then /help.`,
  );
  console.log(
    'Type a button\'s number to press it (\\1 sends the text "1"). /quit or Ctrl-D leaves.\n',
  );

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await ledger.close();
  };
  onShutdown(close);
  const prompt = () => {
    if (interactive) Deno.stdout.writeSync(new TextEncoder().encode("you › "));
  };
  prompt();
  for await (const line of readLines(Deno.stdin.readable)) {
    if (!interactive && line.trim()) console.log(`you › ${line.trim()}`);
    if (/^\/(quit|exit)\b/.test(line.trim())) break;
    const update = chat.input(line);
    if (update) {
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        const cause = rootCause(error);
        console.log(
          cause instanceof LedgerUnavailable
            ? `  ⚠ The database is not reachable (${cause.message}). On Telegram this update would be redelivered; here, send it again.`
            : `  ⚠ The bot failed on that: ${describe(error)}`,
        );
      }
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
