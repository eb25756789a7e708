/** The chat harness (tests/support/chat.ts) itself: what it sends and how it reads replies. */
import assert from "node:assert/strict";
import { openChat, OWNER, STRANGER } from "../support/chat.ts";

Deno.test("the harness: commands, replies, buttons, redelivery", async () => {
  await using chat = await openChat();
  const replies = await chat.owner.says("/start");
  assert.equal(replies.length, 1);
  assert.equal(replies[0].chatId, OWNER.id);
  assert.match(chat.owner.lastReply(), /Welcome, Owner/);
  assert.match(replies[0].html ?? "", /<b>/, "the HTML as sent is kept too");

  const sent = chat.updates.at(-1)!.message!;
  assert.deepEqual(sent.entities, [{ type: "bot_command", offset: 0, length: 6 }]);
  assert.equal(sent.chat.type, "private");

  await chat.owner.says("/addcustomer John Smith|0590000000");
  assert.match(chat.owner.lastReply(), /Added John Smith/);
  await chat.owner.says("/addtransaction 50|groceries");
  const before = chat.updates.at(-1)!.update_id;
  await chat.redeliver(); // same update_id again: no second purchase
  assert.equal(chat.updates.at(-1)!.update_id, before);
  const [{ n }] = await chat.sql<{ n: number }>(
    "select count(*)::int as n from public.transactions",
  );
  assert.equal(n, 1);

  await chat.owner.says("/undo");
  assert.deepEqual(chat.owner.buttons(), [["✅ Yes, undo", "✖️ No"]]);
  const pressed = await chat.owner.presses("Yes, undo");
  const query = chat.updates.at(-1)!.callback_query!;
  assert.match(query.data ?? "", /^undo:\d+$/);
  assert.equal(
    query.message?.message_id,
    chat.owner.replies.findLast((r) => r.buttons.length)?.messageId,
  );
  assert.ok(pressed.some((r) => /Undid/.test(r.text)));
  await assert.rejects(chat.owner.presses("No such button"), /no button/);
  const ids = [...new Set(chat.updates.map((u) => u.update_id))];
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), "update_ids only go up");
});

Deno.test("the harness: other people, other chats and other kinds of message", async () => {
  await using chat = await openChat();
  await chat.stranger.says("/start");
  assert.equal(chat.stranger.replies.length, 1);
  assert.equal(chat.stranger.lastReplyFull().chatId, STRANGER.id);
  assert.throws(() => chat.clerk.lastReply(), /has not said anything/);

  await chat.owner.says("/start");
  await chat.owner.sendsPhoto("receipt");
  assert.equal(chat.updates.at(-1)!.message!.photo?.length, 1);
  await chat.owner.sendsSticker();
  assert.equal(chat.updates.at(-1)!.message!.sticker?.emoji, "👍");
  await chat.owner.sendsDocument("list.txt");
  await chat.owner.sendsContact("+970590000000");
  assert.equal(chat.updates.at(-1)!.message!.contact?.phone_number, "+970590000000");

  await chat.owner.says("hello");
  await chat.owner.edits("hello again");
  const edited = chat.updates.at(-1)!.edited_message!;
  assert.equal(edited.text, "hello again");
  assert.ok(edited.edit_date);

  const inGroup = chat.owner.inGroup();
  await inGroup.says("/start");
  assert.equal(chat.updates.at(-1)!.message!.chat.type, "supergroup");
  assert.equal(inGroup.replies.length, 1);
  assert.ok(inGroup.replies.every((r) => r.chatId === inGroup.chat.id));
});

Deno.test("the harness: pressesIn taps a button of an earlier copy of a message, even once it is gone", async () => {
  await using chat = await openChat();
  await chat.owner.says("/start");
  await chat.owner.says("/addcustomer John Smith|0590000000");
  await chat.owner.says("/addtransaction 50|groceries");
  await chat.owner.says("/undo");
  const ask = chat.owner.lastReplyFull();
  await chat.owner.presses("✅ Yes, undo", ask);
  // The buttons are gone from the message: presses() finds nothing, pressesIn() still taps.
  await assert.rejects(chat.owner.presses("✅ Yes, undo", ask), /no button/);
  const before = chat.updates.length;
  await chat.owner.pressesIn(ask, "Yes, undo");
  assert.equal(chat.updates.length, before + 1, "an update was really delivered");
  const query = chat.updates.at(-1)!.callback_query!;
  assert.equal(query.data, ask.keyboard[0][0].data);
  assert.equal(query.message?.message_id, ask.messageId);
  assert.match(chat.owner.lastReply(), /already undone/);
  await assert.rejects(chat.owner.pressesIn(ask, "Maybe"), /no button Maybe/);
});
