/**
 * The composition root: builds the grammY bot with its session storage and one Composer per
 * feature, in the order of {@link FEATURES}, and gathers the features' commands into the
 * command registry ({@link COMMANDS}). Makes no Telegram call, neither when this module loads
 * nor in createBot (pass `botInfo` to skip getMe); setMyCommands belongs to `webhook:set`.
 */
import { Bot, type BotError, type Composer, type Middleware, session } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { LedgerError } from "../db/errors.ts";
import type { Ledger } from "../db/ledger.ts";
import type { PayContext, SessionData } from "./context.ts";
import { createI18n } from "../i18n/i18n.ts";
import { digitsTransformer } from "../i18n/digits.ts";
import { langOf, localeOf } from "./lang.ts";
import { stepInterruptions } from "./flows.ts";
import { LedgerSessionStorage } from "./session_storage.ts";
import { logFailure, type LogSink, updateLog } from "./update_log.ts";
import { CommandRegistry, type CommandSpec } from "./commands.ts";
import { explainRefusal, say } from "./replies.ts";
import { privateChats } from "./features/private_chats.ts";
import { unsupportedUpdates } from "./features/unsupported_updates.ts";
import { access, accessCommands } from "./features/access.ts";
import { team, teamCommands } from "./features/team.ts";
import { connect, connectCommands, connectGate } from "./features/connect.ts";
import { spending, spendingCommands } from "./features/spending.ts";
import { helpCommands, helpFeature } from "./features/help.ts";
import { customers, customersCommands } from "./features/customers.ts";
import { recording, recordingCommands } from "./features/recording.ts";
import { search, searchCommands } from "./features/search.ts";
import { history, historyCommands } from "./features/history.ts";
import { transactions, transactionsCommands } from "./features/transactions.ts";
import { links, linksCommands } from "./features/links.ts";
import { tags, tagsCommands } from "./features/tags.ts";
import { pin, pinCommands } from "./features/pin.ts";
import { settings, settingsCommands } from "./features/settings.ts";
import { exportCommands, exporting } from "./features/export.ts";
import { receipts, receiptsCommands } from "./features/receipts.ts";
import { credit, creditCommands } from "./features/credit.ts";
import { overdue, overdueCommands } from "./features/overdue.ts";
import { customerReminders, reminders, remindersCommands } from "./features/reminders.ts";
import { conversation } from "./features/conversation.ts";
import { unhandledFeature } from "./features/unhandled.ts";

/** What the bot needs from the outside world. */
export interface BotOptions {
  /** The bot token from @BotFather (any placeholder for the terminal chat). */
  token: string;
  ledger: Ledger;
  /** Telegram ids that may open their own shop; empty means the first /start claims the bot. */
  ownerIds?: readonly number[];
  /** ISO 4217 code for new shops (DEFAULT_CURRENCY). */
  defaultCurrency?: string;
  /** IANA time zone for new shops (DEFAULT_TIMEZONE). */
  defaultTimeZone?: string;
  /** getMe's answer, so no getMe call is made on a cold start (BOT_INFO). */
  botInfo?: UserFromGetMe;
  /** Another Bot API server (TELEGRAM_API_ROOT), e.g. a self-hosted one or a test fake. */
  apiRoot?: string;
  /** Where the one JSON line per update goes (shared/bot/update_log.ts); none: quiet. */
  log?: LogSink;
}

/** What a feature's middleware is built from. */
interface Deps {
  options: BotOptions;
  registry: CommandRegistry;
}

/** One entry of {@link FEATURES}. */
interface Feature {
  /** Not a feature: every entry below it runs inside the bot's error boundary ({@link errorBoundary}). */
  errorBoundary?: true;
  /** Its middleware… */
  use?: Middleware<PayContext>;
  /** …or how to build it from the options and the command registry. */
  build?: (deps: Deps) => Middleware<PayContext>;
  /** The commands it owns (what /help, the menu and the README list). */
  commands?: Record<string, CommandSpec>;
}

/**
 * Every feature, in the order grammY runs them: an update goes down this list until a
 * feature handles it, so where two features answer the same command (/start, /cancel,
 * /help) the first one listed gets it and may pass it on. This list is the only place that
 * decides the order; each comment says why an entry is where it is. Within an area, /help
 * and the menu list commands in this order too.
 */
const FEATURES: readonly Feature[] = [
  // First: one JSON log line per update, timing and counting everything below.
  { build: ({ options }) => updateLog(options) },
  // Every feature below reads ctx.services (the ledger, OWNER_TELEGRAM_IDS, the currency).
  { build: ({ options }) => servicesOf(options) },
  // First of the features: cleans the update's text (U+0000, lone surrogates) and drops the
  // updates PayTrack does not handle, before anything reads them or loads a session.
  { use: unsupportedUpdates },
  // Groups and channels get no ledger data; before the session, so none is loaded for them.
  { use: privateChats },
  // Words in the member's language (ctx.t): from here on, in the Telegram app's language.
  { build: () => i18n },
  // The member's session (pending step, selected customer): everything below reads it.
  { build: ({ options }) => sessionOf(options) },
  // Then the language stored for the member (cached in the session), and their digits.
  { build: () => speakTheMembersLanguage },
  // The error boundary, inside the session so what a refusal clears from it is saved, and
  // below the log line, which records how the update ended. Above it, a failure (the
  // session unreadable in an outage) propagates as it is.
  { errorBoundary: true },
  // Every command that interrupts a pending step says first what became of it (dropped, or
  // kept for /help, /cancel, /skip and /start); before the first command feature (team).
  { use: stepInterruptions },
  // Before connect and access: a linked customer, not a member, answers a receipt's buttons and
  // turns receipts off (/receipts), which connect would answer as a member command.
  { use: receipts, commands: receiptsCommands },
  // Likewise a linked customer's /reminders on|off (the member side is below, after connect).
  { use: customerReminders },
  // Before team: /start c_<code> (a customer linking their Telegram), a linked non-member's
  // /start (their balance), and the explanation they get for member commands.
  { build: ({ registry }) => connectGate(registry) },
  // Before access: /start <invite code> lets a stranger join a shop, which access would refuse.
  { use: team, commands: teamCommands },
  // The gate: /start opens or greets; a stranger gets no further than here.
  { use: access, commands: accessCommands },
  // Before help: /cancel and /help inside an expense entry are the entry's (it asks before
  // dropping it, and explains its own step).
  { use: spending, commands: spendingCommands },
  // /help, /cancel and /skip for every other pending step; the guide reads the registry.
  { build: ({ registry }) => helpFeature(registry), commands: helpCommands },
  { use: customers, commands: customersCommands },
  { use: recording, commands: recordingCommands },
  { use: credit, commands: creditCommands },
  { use: overdue, commands: overdueCommands },
  { use: search, commands: searchCommands },
  { use: history, commands: historyCommands },
  { use: transactions, commands: transactionsCommands },
  { use: links, commands: linksCommands },
  { use: tags, commands: tagsCommands },
  { use: pin, commands: pinCommands },
  { use: settings, commands: settingsCommands },
  { use: exporting, commands: exportCommands },
  // /connect (after the customers' own commands in /help) and a linked customer's /balance,
  // /statement and /disconnect.
  { use: connect, commands: connectCommands },
  // /remind and "Remind all overdue" (after the customers' own commands, like /connect).
  { use: reminders, commands: remindersCommands },
  // After every command: a plain message answers the pending step.
  { use: conversation },
  // Last: whatever nobody handled ("I don't know /x. Did you mean /y?").
  { build: ({ registry }) => unhandledFeature(registry) },
];

/** The command registry: every command, declared once by the feature that owns it. */
export const COMMAND_REGISTRY = new CommandRegistry(
  FEATURES.flatMap((f) => (f.commands ? [f.commands] : [])),
);

/** Every command, in {@link FEATURES} order. */
export const COMMANDS: readonly CommandSpec[] = COMMAND_REGISTRY.commands;

/** The command menu `webhook:set` registers (default scope, English), in /help order. */
export const COMMAND_MENU = COMMAND_REGISTRY.menu("en");

/**
 * The bot's one error boundary (grammY's `errorBoundary`), around every feature. A ledger
 * refusal that no feature answered is answered here, through explainRefusal like every
 * other, and the update ends normally. Anything else is logged here, once, as a failure
 * line (update_log.ts's logFailure: `"event":"bot"`, the error's name and message, never
 * the update's text, a PIN or the token) and rethrown as it was thrown, for the entry point
 * to decide: the webhook answers 503 to a ledger outage (LedgerUnavailable) so Telegram
 * redelivers, and 200 to a Telegram failure or a bug, with its own failure line saying what
 * it answered (shared/http/webhook_handler.ts); long polling logs it in its `bot.catch`.
 * Every update, failed or not, also has its one update line (outcome `refused`, `error` or
 * `outage`), written by update_log.ts's middleware above this boundary.
 */
export function errorBoundary(
  log: LogSink | undefined,
  token: string,
): (error: BotError<PayContext>) => Promise<void> {
  return async (error) => {
    const cause = error.error;
    if (!(cause instanceof LedgerError)) {
      if (log) {
        logFailure(log, {
          event: "bot",
          update_id: error.ctx.update.update_id,
          error: cause,
          secrets: [token],
        });
      }
      throw cause;
    }
    await say(error.ctx, explainRefusal(error.ctx, cause));
  };
}

/** Builds PayTrack's bot. Only refusals are caught here ({@link errorBoundary}): the entry point decides the rest. */
export function createBot(options: BotOptions): Bot<PayContext> {
  const bot = new Bot<PayContext>(options.token, {
    botInfo: options.botInfo,
    client: options.apiRoot ? { apiRoot: options.apiRoot } : undefined,
  });
  const deps: Deps = { options, registry: COMMAND_REGISTRY };
  let target: Composer<PayContext> = bot;
  for (const feature of FEATURES) {
    if (feature.errorBoundary) {
      target = target.errorBoundary(errorBoundary(options.log, options.token));
    } else target.use(feature.build ? feature.build(deps) : feature.use!);
  }
  return bot;
}

function servicesOf(options: BotOptions): Middleware<PayContext> {
  const services = {
    ledger: options.ledger,
    ownerIds: options.ownerIds ?? [],
    defaultCurrency: options.defaultCurrency ?? "USD",
    defaultTimeZone: options.defaultTimeZone ?? "UTC",
  };
  return (ctx, next) => {
    ctx.services = services;
    return next();
  };
}

/** The i18n plugin with every catalog, speaking the language {@link localeOf} says. */
const i18n: Middleware<PayContext> = createI18n<PayContext>(localeOf).middleware() as never;

/** Re-reads the member's language once the session is loaded; writes their digit style. */
const speakTheMembersLanguage: Middleware<PayContext> = async (ctx, next) => {
  await ctx.i18n.renegotiateLocale();
  ctx.api.config.use(digitsTransformer(() => langOf(ctx).digits, ctx.chat?.id));
  await next();
};

function sessionOf(options: BotOptions): Middleware<PayContext> {
  return session<SessionData, PayContext>({
    initial: () => ({}),
    storage: new LedgerSessionStorage<SessionData>(options.ledger),
    getSessionKey: (ctx) =>
      ctx.from && ctx.chat?.type === "private" ? `member:${ctx.from.id}` : undefined,
  });
}
