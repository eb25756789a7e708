/**
 * /start: members are greeted; listed owners (OWNER_TELEGRAM_IDS) get their own shop;
 * with no list, the first person to /start claims the bot; everyone else is told politely
 * that the bot is private.
 */
import { Composer } from "grammy";
import { defineCommands } from "../commands.ts";
import { LedgerError } from "../../db/errors.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { rememberMember, strangerNotice } from "../membership.ts";
import { explainRefusal, say } from "../replies.ts";

export const access = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const accessCommands = defineCommands({
  start: {
    area: "help",
    role: "anyone",
    summary: "Open your shop, or join one with an invite link.",
    examples: ["/start"],
    details: "A Telegram user listed as an owner (or, when none is listed, the first person to " +
      "/start) gets their own shop. An invite link from /invite opens /start with its code and " +
      "adds you to that shop. Everyone else is told the bot is private, with their Telegram id " +
      "to give the owner.",
  },
});

access.command(accessCommands.start.names, async (ctx) => {
  const from = ctx.from!;
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(" ") ||
    from.username || `user ${from.id}`;
  const { ownerIds, defaultCurrency, ledger } = ctx.services;
  let result;
  try {
    result = await ledger.startUser({
      ...changeBy(ctx),
      displayName,
      mayOpenShop: ownerIds.includes(from.id),
      claimIfUnclaimed: ownerIds.length === 0,
      shopName: `${from.first_name}'s shop`,
      currency: defaultCurrency,
    });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    await say(ctx, explainRefusal(ctx, error));
    return;
  }
  if (result.status === "stranger" || !result.member || !result.shop) {
    ctx.session.member = undefined;
    await say(ctx, strangerNotice(from.id));
    return;
  }
  rememberMember(ctx, { member: result.member, shop: result.shop });
  const shop = `${bold(result.shop.name)} (${escapeHtml(result.shop.currency)})`;
  const next = "Add your first customer with /addcustomer <i>Name | phone</i>, or see /help.";
  switch (result.status) {
    case "opened":
      await say(
        ctx,
        `👋 Welcome, ${
          escapeHtml(from.first_name)
        }! Your shop ${shop} is ready and you are its owner.\n${next}`,
      );
      break;
    case "claimed":
      await say(
        ctx,
        `👋 Welcome, ${
          escapeHtml(from.first_name)
        }! You are the first to start this bot, so you now own it and its shop ${shop}.\n` +
          "Nobody else can open a shop here (OWNER_TELEGRAM_IDS is not set, so the first /start claims the bot).\n" +
          next,
      );
      break;
    default:
      await say(
        ctx,
        `👋 Welcome back, ${escapeHtml(from.first_name)}. You are ${
          result.member.role === "owner" ? "an owner" : "a clerk"
        } of ${shop}.\n` +
          "Find a customer with /search, or see /help.",
      );
  }
});
