/** The ledger is private: in groups and channels the bot shows no data and says where it works. */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";

export const privateChats = new Composer<PayContext>();

privateChats.drop((ctx) => ctx.chat?.type === "private" || ctx.chat === undefined).use(
  async (ctx) => {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: "PayTrack works only in a private chat." }).catch(
        () => {},
      );
      return;
    }
    const text = ctx.message?.text ?? "";
    const mentioned = ctx.me?.username && text.includes(`@${ctx.me.username}`);
    if (ctx.message && (text.startsWith("/") || mentioned)) {
      await ctx.reply(
        `PayTrack keeps a shop's ledger private, so it works only in a private chat: open @${ctx.me.username} and press Start.`,
      );
    }
  },
);
