/**
 * The bot's front door without HTTP (the path long polling and the terminal chat take):
 * unstorable characters are cleaned with the entities kept in place, and updates the bot
 * cannot act on are dropped before they reach sessions or the ledger.
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { cleanText, cleanUpdateStrings } from "../../shared/bot/features/unsupported_updates.ts";
import { openChat, OWNER } from "../support/chat.ts";

Deno.test("cleanText removes NUL and unpaired surrogates, and keeps real surrogate pairs", () => {
  assert.equal(cleanText("Jo\u0000hn"), "John");
  assert.equal(cleanText("a\ud800b\udc00c"), "abc");
  assert.equal(cleanText("pair 😀 \ud83d\ude00"), "pair 😀 😀");
  assert.equal(cleanText("clean"), "clean");
});

Deno.test("cleaning a text shifts its entities so they cover the same characters", () => {
  const update = {
    update_id: 1,
    message: {
      text: "/pay\u0000 5 #ca\u0000sh",
      entities: [
        { type: "bot_command", offset: 0, length: 5 },
        { type: "hashtag", offset: 8, length: 6 },
      ],
      caption: "x",
      nested: [["a\u0000"], { deep: "\u0000b" }],
    },
  };
  cleanUpdateStrings(update);
  assert.equal(update.message.text, "/pay 5 #cash");
  assert.deepEqual(update.message.entities, [
    { type: "bot_command", offset: 0, length: 4 },
    { type: "hashtag", offset: 7, length: 5 },
  ]);
  const text = update.message.text;
  assert.equal(text.slice(7, 12), "#cash");
  assert.deepEqual(update.message.nested, [["a"], { deep: "b" }]);
});

Deno.test("through bot.handleUpdate (long polling's path): a NUL is cleaned and an inline query is dropped", async () => {
  await using chat = await openChat();
  await chat.owner.says("/start");
  await chat.owner.says("/addcustomer Jo\u0000hn | 0590000000");
  assert.match(chat.owner.lastReply(), /Added John/);
  const rows = await chat.sql<{ full_name: string }>("select full_name from public.customers");
  assert.deepEqual(rows.map((r) => r.full_name), ["John"]);

  chat.telegram.clear();
  const inline = {
    update_id: chat.nextUpdateId(),
    inline_query: { id: "iq1", from: OWNER, query: "jo\u0000hn", offset: "" },
  } as Update;
  assert.deepEqual(await chat.deliver(inline), []);
  assert.deepEqual(chat.telegram.calls, []);
});
