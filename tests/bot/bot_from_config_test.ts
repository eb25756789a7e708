/**
 * botFromConfig, the one place the entry points (the edge function, `deno task serve`,
 * `deno task start`) turn the configuration into a bot: each variable reaches the bot.
 * tests/functions/entry_points_test.ts and tests/dev/start_test.ts run the entry points.
 */
import assert from "node:assert/strict";
import { botFromConfig } from "../../shared/bot/bot_from_config.ts";
import { ConfigError, loadConfig } from "../../shared/config/config.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { messageUpdate, privateChat, textMessage } from "../../shared/dev/terminal_chat.ts";
import { OWNER, STRANGER } from "../support/chat.ts";
import { freshDatabase, postgresAvailable } from "../support/databases.ts";
import { FakeTelegram, TEST_BOT_TOKEN } from "../support/fake_telegram.ts";

function start(updateId: number, from: typeof OWNER) {
  const chat = privateChat(from);
  return messageUpdate(
    updateId,
    textMessage({ messageId: updateId, date: updateId, from, chat, text: "/start" }),
  );
}

Deno.test("botFromConfig: token, BOT_INFO, TELEGRAM_API_ROOT, OWNER_TELEGRAM_IDS and DEFAULT_CURRENCY all reach the bot", async () => {
  await using telegram = await FakeTelegram.start();
  const db = await freshDatabase((await postgresAvailable()) ? "postgres" : "pglite");
  const ledger = new Ledger(new SqlTransport(db.client));
  try {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      BOT_INFO: JSON.stringify(telegram.botInfo),
      TELEGRAM_API_ROOT: telegram.apiRoot,
      OWNER_TELEGRAM_IDS: String(OWNER.id),
      DEFAULT_CURRENCY: "JOD",
    });
    const bot = botFromConfig(config, ledger);
    assert.equal(bot.token, TEST_BOT_TOKEN);
    assert.deepEqual(bot.botInfo, telegram.botInfo); // BOT_INFO: no getMe call needed

    await bot.handleUpdate(start(1, OWNER)); // an owner id opens a shop in DEFAULT_CURRENCY
    await bot.handleUpdate(start(2, STRANGER)); // anyone else is a stranger
    assert.equal(telegram.callsTo("getMe").length, 0);
    const replies = telegram.callsTo("sendMessage"); // sent to TELEGRAM_API_ROOT
    assert.equal(replies.length, 2);
    assert.equal(replies[0].payload.chat_id, OWNER.id);
    assert.match(String(replies[0].payload.text), /\(JOD\)/);
    assert.equal(replies[1].payload.chat_id, STRANGER.id);
    assert.doesNotMatch(String(replies[1].payload.text), /JOD|ready/);
  } finally {
    await ledger.close();
    await db.close();
  }
});

Deno.test("botFromConfig: an entry point's own options win; no token at all is a ConfigError", () => {
  const ledger = new Ledger({
    call: () => Promise.reject(new Error("not called")),
    calls: 0,
    close: () => Promise.resolve(),
  });
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, DEFAULT_CURRENCY: "JOD" });
  const local = botFromConfig(config, ledger, { token: "local:terminal-chat" });
  assert.equal(local.token, "local:terminal-chat");
  // BOT_INFO from an older Bot API server: the flags it lacks are false, typed for grammY.
  const older = loadConfig({
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    BOT_INFO: JSON.stringify({ id: 42, is_bot: true, first_name: "Pay", username: "pay_bot" }),
  });
  const bot = botFromConfig(older, ledger);
  assert.equal(bot.botInfo.username, "pay_bot");
  assert.equal(bot.botInfo.can_join_groups, false);
  assert.equal(bot.botInfo.supports_inline_queries, false);
  assert.throws(
    () => botFromConfig(loadConfig({}), ledger),
    (error) => error instanceof ConfigError && /TELEGRAM_BOT_TOKEN/.test(error.message),
  );
});
