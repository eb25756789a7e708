/** The real bot for benchmarks, with Telegram answered in process (no network). */
import type { Update } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import type { Ledger } from "../../shared/db/ledger.ts";
import {
  LOCAL_BOT_INFO,
  messageUpdate,
  privateChat,
  textMessage,
} from "../../shared/dev/terminal_chat.ts";

/** createBot with every Bot API call answered by a plausible fake result at once. */
export function benchBot(ledger: Ledger) {
  const bot = createBot({
    token: "7100000001:AAFakeTokenForBenchmarksOnly_0123456",
    ledger,
    botInfo: LOCAL_BOT_INFO,
  });
  let messageId = 1;
  bot.api.config.use((_prev, method, payload) => {
    const p = payload as { chat_id?: number; text?: string };
    const result = method === "sendMessage" || method === "editMessageText"
      ? { message_id: ++messageId, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text }
      : true;
    return Promise.resolve({ ok: true, result } as never);
  });
  return bot;
}

/** A private-chat text update from Telegram user `userId`. */
export function textUpdate(updateId: number, userId: number, text: string): Update {
  const user = { id: userId, is_bot: false, first_name: `Member ${userId}` };
  return messageUpdate(
    updateId,
    textMessage({
      messageId: updateId,
      date: Math.floor(Date.now() / 1000),
      from: user,
      chat: privateChat(user),
      text,
    }),
  );
}
