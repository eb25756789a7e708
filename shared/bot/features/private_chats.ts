/** The ledger is private: in groups and channels the bot shows no data and says where it works. */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { localeOf } from "../lang.ts";
import { translator } from "../../i18n/i18n.ts";

export const privateChats = new Composer<PayContext>();

privateChats.drop((ctx) => ctx.chat?.type === "private" || ctx.chat === undefined).use(
  async (ctx) => {
    // Before the i18n middleware and the session: the sender's Telegram app language.
    const t = translator(localeOf(ctx));
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: t("private-only") }).catch(() => {});
      return;
    }
    const text = ctx.message?.text ?? "";
    const mentioned = ctx.me?.username && text.includes(`@${ctx.me.username}`);
    if (ctx.message && (text.startsWith("/") || mentioned)) {
      await ctx.reply(t("private-open", { bot: `@${ctx.me.username}` }));
    }
  },
);
