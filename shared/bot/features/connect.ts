/**
 * Customers in the loop, first part: linking a customer's Telegram account with their consent,
 * and what a linked customer can do themselves.
 *
 * - /connect (a member, the selected customer; also the /summary card's button): a one-time
 *   link `t.me/<bot>?start=c_<code>` (7 days) and its QR code to show at the counter.
 * - /start c_<code> (the customer): "<shop> says this account is yours: <name>. Is it?" with
 *   Yes/No; Yes links the account and the owners are told.
 * - /disconnect (the customer) and the card's Unlink (an owner) end the link.
 * - /balance (also what /start shows a linked customer who is not a member) and /statement.
 * - A linked customer who is not a member gets a short explanation for member commands.
 *
 * Everything the customer reads is in their language: the one stored for the link, else their
 * Telegram app's, else the shop's. The ledger checks every rule (only the opener may answer a
 * link; only the customer's own accounts are readable).
 */
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { type CommandRegistry, defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LedgerError } from "../../db/errors.ts";
import type { CustomerAccount, CustomerEntry } from "../../db/ledger/connect.ts";
import type { Shop } from "../../db/ledger/types.ts";
import { type Locale, localeFromTelegram } from "../../domain/language.ts";
import { type Translate, translator } from "../../i18n/i18n.ts";
import { balanceText, dateTime, dayText, money, type Speech } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { todayIn } from "../../domain/due_dates.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, explainRefusal, say } from "../replies.ts";

/** The commands this feature owns (the registry: /help, the menu, README). */
export const connectCommands = defineCommands({
  connect: {
    area: "customers",
    role: "member",
    menu: true,
  },
  balance: {
    area: "help",
    role: "anyone",
  },
  statement: {
    area: "help",
    role: "anyone",
  },
  disconnect: {
    area: "help",
    role: "anyone",
  },
});

/** Commands a linked customer may use: theirs, and the ones for everyone. */
const CUSTOMER_COMMANDS = new Set(["start", "help", "cancel", "skip"]);

/** How many entries /balance shows per shop. */
const BALANCE_ENTRIES = 3;

/** The language to speak to a customer: theirs, else their Telegram app's, else the shop's. */
export function customerLocale(
  stored: Locale | null | undefined,
  telegram: string | undefined,
  shop: Pick<Shop, "language">,
): Locale {
  return stored ?? localeFromTelegram(telegram) ?? shop.language ?? "en";
}

/** How to write to a customer about one shop. */
function speechFor(ctx: PayContext, account: CustomerAccount | null, shop: Shop): Speech {
  const locale = customerLocale(account?.language, ctx.from?.language_code, shop);
  return { locale, t: translator(locale), timeZone: shop.timezone ?? "UTC" };
}

/** One entry: "• 2 Dec, 10:00 · Purchase $5.00 · rice". */
function entryLine(e: CustomerEntry, shop: Shop, speech: Speech): string {
  return speech.t(e.kind === "purchase" ? "connect-entry-purchase" : "connect-entry-payment", {
    when: dateTime(e.created_at, speech),
    amount: money(e.amount, shop, speech),
    note: e.description ? ` · ${escapeHtml(e.description)}` : "",
  });
}

/**
 * What is due (overdue since a date, due today, the next due amount and date) while the
 * customer owes, and their reminder setting.
 */
function duesBlock(a: CustomerAccount, speech: Speech): string[] {
  const lines: string[] = [];
  const d = a.dues;
  if (d && a.customer.balance > 0) {
    if (d.overdue > 0 && d.oldest_overdue_on) {
      lines.push(speech.t("connect-balance-overdue", {
        amount: bold(money(d.overdue, a.shop, speech)),
        date: dayText(d.oldest_overdue_on, speech),
      }));
    }
    if (d.due > d.overdue) {
      lines.push(speech.t("connect-balance-due-now", {
        amount: bold(money(d.due - d.overdue, a.shop, speech)),
      }));
    }
    if (d.next_due_on && d.next_due_on > todayIn(a.shop.timezone) && d.next_due_amount > 0) {
      lines.push(speech.t("connect-balance-next-due", {
        amount: money(d.next_due_amount, a.shop, speech),
        date: dayText(d.next_due_on, speech),
      }));
    }
  }
  if (a.reminders !== undefined) {
    lines.push(
      speech.t(a.reminders ? "connect-balance-reminders-on" : "connect-balance-reminders-off"),
    );
  }
  return lines;
}

/** One shop's block of /balance (or all of /statement, with more entries). */
function accountBlock(a: CustomerAccount, speech: Speech): string {
  const lines = [
    speech.t("connect-balance-shop", {
      shop: bold(a.shop.name),
      name: escapeHtml(a.customer.full_name),
    }),
    balanceText(a.customer.balance, a.shop, speech),
    ...duesBlock(a, speech),
  ];
  if (a.entries.length) {
    lines.push(speech.t("connect-balance-latest"));
    for (const e of a.entries) lines.push(entryLine(e, a.shop, speech));
  } else lines.push(speech.t("connect-balance-no-entries"));
  return lines.join("\n");
}

/** The customer's language for texts about several shops: the first account's. */
function homeSpeech(ctx: PayContext, accounts: CustomerAccount[]): Speech {
  const first = accounts[0];
  const locale = first
    ? customerLocale(first.language, ctx.from?.language_code, first.shop)
    : localeFromTelegram(ctx.from?.language_code) ?? "en";
  return { locale, t: translator(locale), timeZone: first?.shop.timezone ?? "UTC" };
}

/** /balance: every shop the customer is linked in. */
async function showBalance(ctx: PayContext, accounts?: CustomerAccount[]): Promise<void> {
  accounts ??= (await ctx.services.ledger.connect.home(ctx.from!.id, BALANCE_ENTRIES)).accounts;
  const speech = homeSpeech(ctx, accounts);
  if (!accounts.length) {
    await say(ctx, speech.t("connect-not-linked"));
    return;
  }
  const blocks = accounts.map((a) => accountBlock(a, speechFor(ctx, a, a.shop)));
  await say(
    ctx,
    [speech.t("connect-balance-title"), ...blocks].join("\n\n") + "\n\n" +
      speech.t("connect-balance-hint"),
  );
}

/** Buttons, one per shop, for /statement and /disconnect. */
function shopButtons(
  accounts: CustomerAccount[],
  build: (id: number) => string,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const a of accounts) keyboard.text(a.shop.name.slice(0, 40), build(a.account_id)).row();
  return keyboard;
}

/** The link and its QR code, for the customer to open. */
async function sendLink(ctx: PayContext, customerId: number): Promise<void> {
  if (!(await requireMember(ctx))) return;
  const lang = langOf(ctx);
  const result = await ctx.services.ledger.connect.createLink({ ...changeBy(ctx), customerId });
  if (!result.code) {
    await say(ctx, ctx.t("connect-link-gone"));
    return;
  }
  const link = `https://t.me/${ctx.me.username}?start=c_${result.code}`;
  const caption = [
    ctx.t("connect-link-for", { name: bold(result.customer.full_name) }),
    `<code>${escapeHtml(link)}</code>`,
    ctx.t("connect-link-until", {
      when: dateTime(result.link.expires_at, lang),
      zone: escapeHtml(lang.timeZone),
    }),
  ].join("\n");
  await cosmetic(() => ctx.replyWithChatAction("upload_photo"));
  // The QR library loads only here (a literal relative import the edge deploy follows).
  const { qrPng } = await import("../../text/connect.ts");
  const png = await qrPng(link);
  await ctx.replyWithPhoto(new InputFile(png, "connect.png"), {
    caption: caption.slice(0, 1024),
    parse_mode: "HTML",
  });
}

/** Tells the shop's owners, each in their language, that a customer linked or unlinked. */
async function tellOwners(
  ctx: PayContext,
  owners: { user_id: number; language: Locale }[],
  key: string,
  args: Record<string, string>,
): Promise<void> {
  for (const owner of owners) {
    if (owner.user_id === ctx.from?.id) continue;
    const t: Translate = translator(owner.language ?? "en");
    await cosmetic(() =>
      ctx.api.sendMessage(owner.user_id, t(key, args), { parse_mode: "HTML" }).then(() => {})
    );
  }
}

/**
 * The customer's way in, before the team feature (create_bot.ts): /start c_<code> and its
 * Yes/No, /start for a linked customer who is not a member, and the short explanation such a
 * customer gets for member commands. Built with the command registry (to know which commands
 * are members').
 */
export function connectGate(registry: CommandRegistry): Composer<PayContext> {
  const gate = new Composer<PayContext>();

  // /start c_<code>: the customer opens a link. Before the team's invite codes.
  gate.command("start", async (ctx, next) => {
    const payload = ctx.match.trim();
    if (!payload) {
      // A linked customer who is not a member sees their balance.
      if (ctx.session.member) return next();
      const home = await ctx.services.ledger.connect.home(ctx.from!.id, BALANCE_ENTRIES);
      if (home.member || !home.accounts.length) return next();
      return showBalance(ctx, home.accounts);
    }
    if (!payload.startsWith("c_")) return next();
    try {
      const opened = await ctx.services.ledger.connect.openLink(
        ctx.from!.id,
        payload.slice(2, 100),
      );
      const speech = speechFor(ctx, null, opened.shop);
      await say(
        ctx,
        speech.t("connect-ask", {
          shop: bold(opened.shop.name),
          name: bold(opened.customer.full_name),
        }),
        new InlineKeyboard()
          .text(speech.t("connect-yes"), CALLBACKS.connectYes.build(opened.link.id))
          .text(speech.t("connect-no"), CALLBACKS.connectNo.build(opened.link.id)),
      );
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      await say(ctx, explainRefusal(ctx, error));
    }
  });

  gate.callbackQuery(CALLBACKS.connectYes.pattern, async (ctx) => {
    await cosmetic(() => ctx.answerCallbackQuery());
    // The buttons stay until the ledger accepts: a refused (forged) press leaves them.
    const result = await ctx.services.ledger.connect.acceptLink({
      ...changeBy(ctx),
      linkId: Number(ctx.match[1]),
      language: localeFromTelegram(ctx.from.language_code),
    });
    await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
    const a = result.account;
    const speech = speechFor(ctx, a, a.shop);
    await say(
      ctx,
      speech.t("connect-linked", { shop: bold(a.shop.name), name: bold(a.customer.full_name) }),
    );
    await tellOwners(ctx, result.owners, "connect-owner-linked", {
      name: bold(a.customer.full_name),
    });
  });

  gate.callbackQuery(CALLBACKS.connectNo.pattern, async (ctx) => {
    const locale = localeFromTelegram(ctx.from.language_code) ?? "en";
    await cosmetic(() => ctx.answerCallbackQuery());
    await cosmetic(() => ctx.editMessageText(translator(locale)("connect-declined")));
  });

  // A linked customer who is not a member, sending a member command: a short explanation.
  gate.on("message:entities:bot_command", async (ctx, next) => {
    const text = ctx.message.text ?? "";
    const word = text.match(/^\/([A-Za-z0-9_]+)(?:@\w+)?/)?.[1]?.toLowerCase();
    const spec = word ? registry.commands.find((c) => c.names.includes(word)) : undefined;
    if (
      ctx.session.member || !word || CUSTOMER_COMMANDS.has(word) ||
      (spec && spec.role === "anyone")
    ) return next();
    const home = await ctx.services.ledger.connect.home(ctx.from.id, 0);
    if (home.member || !home.accounts.length) return next();
    const speech = homeSpeech(ctx, home.accounts);
    await say(
      ctx,
      speech.t("connect-customer-only", {
        shops: home.accounts.map((a) => bold(a.shop.name)).join(", "),
      }),
    );
  });

  return gate;
}

/** /connect, the card's buttons, /balance, /statement and /disconnect. */
export const connect = new Composer<PayContext>();

// The /summary card's buttons.
connect.callbackQuery(CALLBACKS.connectCustomer.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await sendLink(ctx, Number(ctx.match[1]));
});

connect.callbackQuery(CALLBACKS.unlinkCustomer.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const result = await ctx.services.ledger.connect.unlink({
    ...changeBy(ctx),
    customerId: Number(ctx.match[1]),
  });
  await say(ctx, ctx.t("connect-unlinked", { name: bold(result.account.customer.full_name) }));
});

connect.command(connectCommands.connect.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const selected = ctx.session.selected;
  if (!selected) {
    await say(ctx, ctx.t("connect-none-selected"));
    return;
  }
  await sendLink(ctx, selected.id);
});

connect.command(connectCommands.balance.names, (ctx) => showBalance(ctx));

connect.command(connectCommands.statement.names, async (ctx) => {
  const { accounts } = await ctx.services.ledger.connect.home(ctx.from!.id, 0);
  const speech = homeSpeech(ctx, accounts);
  if (!accounts.length) return say(ctx, speech.t("connect-not-linked"));
  if (accounts.length > 1) {
    return say(
      ctx,
      speech.t("connect-statement-which"),
      shopButtons(accounts, (id) => CALLBACKS.statementAccount.build(id)),
    );
  }
  await showStatement(ctx, accounts[0].account_id);
});

connect.callbackQuery(CALLBACKS.statementAccount.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await showStatement(ctx, Number(ctx.match[1]));
});

connect.command(connectCommands.disconnect.names, async (ctx) => {
  const { accounts } = await ctx.services.ledger.connect.home(ctx.from!.id, 0);
  const speech = homeSpeech(ctx, accounts);
  if (!accounts.length) return say(ctx, speech.t("connect-not-linked"));
  if (accounts.length > 1) {
    return say(
      ctx,
      speech.t("connect-disconnect-which"),
      shopButtons(accounts, (id) => CALLBACKS.disconnectAccount.build(id)),
    );
  }
  await disconnect(ctx, accounts[0].account_id);
});

connect.callbackQuery(CALLBACKS.disconnectAccount.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await disconnect(ctx, Number(ctx.match[1]));
});

async function showStatement(ctx: PayContext, accountId: number): Promise<void> {
  const a = await ctx.services.ledger.connect.statement(ctx.from!.id, accountId);
  const speech = speechFor(ctx, a, a.shop);
  await say(ctx, [speech.t("connect-statement-title"), accountBlock(a, speech)].join("\n\n"));
}

async function disconnect(ctx: PayContext, accountId: number): Promise<void> {
  const result = await ctx.services.ledger.connect.disconnect({ ...changeBy(ctx), accountId });
  const a = result.account;
  const speech = speechFor(ctx, a, a.shop);
  await say(ctx, speech.t("connect-disconnected", { shop: bold(a.shop.name) }));
  await tellOwners(ctx, result.owners, "connect-owner-unlinked", {
    name: bold(a.customer.full_name),
  });
}
