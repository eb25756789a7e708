/**
 * The bot as the entry points build it from the configuration: the edge function
 * (functions/telegram-bot/index.ts), `deno task serve` and `deno task start` all call
 * {@link botFromConfig}, so each variable reaches createBot in one place.
 */
import type { Bot } from "grammy";
import { type Config, ConfigError } from "../config/config.ts";
import type { Ledger } from "../db/ledger.ts";
import type { PayContext } from "./context.ts";
import { type BotOptions, createBot } from "./create_bot.ts";

/** What an entry point may set itself instead of the configuration (the terminal chat does). */
export type BotOverrides = Partial<Omit<BotOptions, "ledger">>;

/**
 * PayTrack's bot over `ledger`, configured by `config`: TELEGRAM_BOT_TOKEN, BOT_INFO (so
 * no getMe call is made), TELEGRAM_API_ROOT, OWNER_TELEGRAM_IDS and DEFAULT_CURRENCY.
 * `overrides` replace single options (a key given as undefined unsets it).
 *
 * ```ts
 * const config = loadConfig(undefined, { telegramToken: true, webhookSecret: true });
 * const { ledger } = await openLedger(config);
 * const bot = botFromConfig(config, ledger);
 * ```
 */
export function botFromConfig(
  config: Config,
  ledger: Ledger,
  overrides: BotOverrides = {},
): Bot<PayContext> {
  const options: BotOptions = {
    token: config.TELEGRAM_BOT_TOKEN ?? "",
    ledger,
    botInfo: config.BOT_INFO,
    apiRoot: config.TELEGRAM_API_ROOT,
    ownerIds: config.OWNER_TELEGRAM_IDS,
    defaultCurrency: config.DEFAULT_CURRENCY,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    // One JSON line per update (shared/bot/update_log.ts): Supabase's function logs search it.
    log: (line) => console.log(line),
    ...overrides,
  };
  if (!options.token) {
    throw new ConfigError(
      "PayTrack cannot start, these variables are missing:\n" +
        "  TELEGRAM_BOT_TOKEN (the token @BotFather gave you)",
    );
  }
  return createBot(options);
}
