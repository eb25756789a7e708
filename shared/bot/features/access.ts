/**
 * /start: members are greeted; listed owners (OWNER_TELEGRAM_IDS) get their own shop;
 * with no list, the first person to /start claims the bot; everyone else is told politely
 * that the bot is private.
 */
import { localeFromTelegram } from "../../domain/language.ts";
import { Composer } from "grammy";
import { defineCommands } from "../commands.ts";
import { LedgerError } from "../../db/errors.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { rememberMember, strangerNotice } from "../membership.ts";
import { explainRefusal, say } from "../replies.ts";
import type { Translate } from "../../i18n/i18n.ts";

export const access = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const accessCommands = defineCommands({
  start: {
    area: "help",
    role: "anyone",
  },
});

/** "Sara's shop", in the owner's language: plain text (no bidi marks: it is stored). */
function shopNameFor(firstName: string, t: Translate): string {
  return t("access-shop-name", { name: firstName }).replace(/[\u2068\u2069]/g, "");
}

access.command(accessCommands.start.names, async (ctx) => {
  const from = ctx.from!;
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(" ") ||
    from.username || `user ${from.id}`;
  const { ownerIds, defaultCurrency, defaultTimeZone, ledger } = ctx.services;
  let result;
  try {
    result = await ledger.startUser({
      ...changeBy(ctx),
      displayName,
      mayOpenShop: ownerIds.includes(from.id),
      claimIfUnclaimed: ownerIds.length === 0,
      shopName: shopNameFor(from.first_name, ctx.t),
      currency: defaultCurrency,
      language: localeFromTelegram(from.language_code),
      timeZone: defaultTimeZone,
    });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    await say(ctx, explainRefusal(ctx, error));
    return;
  }
  if (result.status === "stranger" || !result.member || !result.shop) {
    ctx.session.member = undefined;
    await say(ctx, strangerNotice(from.id, ctx.t));
    return;
  }
  rememberMember(ctx, { member: result.member, shop: result.shop });
  const shop = `${bold(result.shop.name)} (${escapeHtml(result.shop.currency)})`;
  const name = escapeHtml(from.first_name);
  switch (result.status) {
    case "opened":
      await say(ctx, ctx.t("access-opened", { name, shop }));
      break;
    case "claimed":
      await say(ctx, ctx.t("access-claimed", { name, shop }));
      break;
    default:
      await say(
        ctx,
        ctx.t(result.member.role === "owner" ? "access-welcome-owner" : "access-welcome-clerk", {
          name,
          shop,
        }),
      );
  }
});
