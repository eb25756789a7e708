/**
 * The composition root: builds the grammY bot with its session storage and one
 * Composer per feature. Makes no Telegram call itself (pass `botInfo` to skip getMe).
 */
import { Bot, session } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Ledger } from "../db/ledger.ts";
import type { PayContext, SessionData } from "./context.ts";
import { LedgerSessionStorage } from "./session_storage.ts";
import { privateChats } from "./features/private_chats.ts";
import { unsupportedUpdates } from "./features/unsupported_updates.ts";
import { access } from "./features/access.ts";
import { team } from "./features/team.ts";
import { spending } from "./features/spending.ts";
import { help } from "./features/help.ts";
import { customers } from "./features/customers.ts";
import { transactions } from "./features/transactions.ts";
import { search } from "./features/search.ts";
import { summary } from "./features/summary.ts";
import { history } from "./features/history.ts";
import { transactionsList } from "./features/transactions_list.ts";
import { customerCare } from "./features/customer_care.ts";
import { links } from "./features/links.ts";
import { tags } from "./features/tags.ts";
import { pin } from "./features/pin.ts";
import { settings } from "./features/settings.ts";
import { exporting } from "./features/export.ts";
import { conversation } from "./features/conversation.ts";
import { unhandled } from "./features/unhandled.ts";

/** What the bot needs from the outside world. */
export interface BotOptions {
  /** The bot token from @BotFather (any placeholder for the terminal chat). */
  token: string;
  ledger: Ledger;
  /** Telegram ids that may open their own shop; empty means the first /start claims the bot. */
  ownerIds?: readonly number[];
  /** ISO 4217 code for new shops (DEFAULT_CURRENCY). */
  defaultCurrency?: string;
  /** getMe's answer, so no getMe call is made on a cold start (BOT_INFO). */
  botInfo?: UserFromGetMe;
  /** Another Bot API server (TELEGRAM_API_ROOT), e.g. a self-hosted one or a test fake. */
  apiRoot?: string;
}

/** Builds PayTrack's bot. Errors are not caught here: the entry point decides (webhook → non-2xx). */
export function createBot(options: BotOptions): Bot<PayContext> {
  const bot = new Bot<PayContext>(options.token, {
    botInfo: options.botInfo,
    client: options.apiRoot ? { apiRoot: options.apiRoot } : undefined,
  });
  const services = {
    ledger: options.ledger,
    ownerIds: options.ownerIds ?? [],
    defaultCurrency: options.defaultCurrency ?? "USD",
  };
  bot.use((ctx, next) => {
    ctx.services = services;
    return next();
  });
  bot.use(unsupportedUpdates); // first: clean the update's text, drop what PayTrack cannot handle
  bot.use(privateChats);
  bot.use(session<SessionData, PayContext>({
    initial: () => ({}),
    storage: new LedgerSessionStorage<SessionData>(options.ledger),
    getSessionKey: (ctx) =>
      ctx.from && ctx.chat?.type === "private" ? `member:${ctx.from.id}` : undefined,
  }));
  bot.use(team); // before access: /start <invite code>
  bot.use(access);
  bot.use(spending); // before help: /cancel and /help inside an expense entry
  bot.use(help);
  bot.use(customers);
  bot.use(transactions);
  bot.use(search);
  bot.use(summary);
  bot.use(history);
  bot.use(transactionsList);
  bot.use(customerCare);
  bot.use(links);
  bot.use(tags);
  bot.use(pin);
  bot.use(settings);
  bot.use(exporting);
  bot.use(conversation);
  bot.use(unhandled);
  return bot;
}

/** The command menu the deploy task registers with setMyCommands. */
export const COMMAND_MENU = [
  { command: "search", description: "Find a customer (name, phone or #tag)" },
  { command: "addcustomer", description: "Add a customer: Name | phone" },
  { command: "addtransaction", description: "Record a purchase on credit: amount | note" },
  { command: "pay", description: "Record a payment: amount | note, or: all" },
  { command: "summary", description: "The selected customer's balance and latest entries" },
  { command: "history", description: "Latest actions in the shop, with Undo" },
  { command: "undo", description: "Undo the last action" },
  { command: "spend", description: "Record a shop expense: price | item | vendor | category" },
  { command: "spending", description: "Latest expenses and this month's totals" },
  { command: "members", description: "The team: roles, remove someone (owners)" },
  { command: "invite", description: "A one-time link for a new clerk (or: /invite owner)" },
  { command: "leave", description: "Leave this shop" },
  { command: "transactions", description: "The selected customer's transactions: #tag, 2026-11" },
  { command: "tag", description: "Tag the selected customer: #vip #neighbor" },
  { command: "rename", description: "Rename the selected customer (PIN)" },
  { command: "deletecustomer", description: "Delete (archive) the selected customer" },
  { command: "merge", description: "Merge a duplicate into the selected customer (owner, PIN)" },
  { command: "link", description: "Link the selected customer with a family member" },
  { command: "settings", description: "Shop settings; /setpin sets the shop PIN" },
  { command: "resetpin", description: "Forgot the PIN? Remove it in 24 hours (owners)" },
  { command: "export", description: "Excel file of the shop, or the customer's statement (owner)" },
  { command: "help", description: "How to use PayTrack" },
  { command: "cancel", description: "Leave the current step" },
];
