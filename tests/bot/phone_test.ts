/** /phone: add, change or remove the selected customer's phone; logged and undoable. */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { addClerk, scalar, shopWithJohn } from "../support/bot_fixtures.ts";

const phoneOf = (h: Parameters<typeof scalar>[0], name: string) =>
  scalar(h, "select phone as v from public.customers where full_name = $1", [name]);

Deno.test("/phone sets, changes and removes the selected customer's phone; /history and /undo", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Omar Saleh");
  await h.owner.says("/phone 0598888888");
  assert.match(h.owner.lastReply(), /📞 Omar Saleh's phone is now 0598888888/);
  assert.equal(await phoneOf(h, "Omar Saleh"), "0598888888");
  await h.owner.says("/phone");
  assert.match(h.owner.lastReply(), /new phone number for Omar Saleh/);
  await h.owner.says("059 777 7777");
  assert.match(h.owner.lastReply(), /phone is now 059 777 7777 \(was 0598888888\)/);
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /📞 059 777 7777/);
  await h.owner.says("/phone call me");
  assert.match(h.owner.lastReply(), /doesn't look like a phone number/);
  await h.owner.says("/phone remove");
  assert.match(h.owner.lastReply(), /Removed Omar Saleh's phone \(059 777 7777\)/);
  assert.equal(await phoneOf(h, "Omar Saleh"), null);
  await h.owner.says("/phone remove");
  assert.match(h.owner.lastReply(), /has no phone/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /phone/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await phoneOf(h, "Omar Saleh"), "059 777 7777");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await phoneOf(h, "Omar Saleh"), "0598888888");
});

Deno.test("/phone needs a selected customer, works for a clerk, and warns about a shared phone", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/phone 0591111111");
  assert.match(h.clerk.lastReply(), /Whose phone/);
  await h.clerk.says("/search john");
  assert.match(h.clerk.lastReply(), /John Smith's phone is now 0591111111 \(was 0590000000\)/);
  await h.owner.says("/addcustomer Jane Doe | 0592222222");
  await h.owner.says("/phone 0591111111");
  assert.match(h.owner.lastReply(), /also belongs to John Smith/);
  assert.equal(await phoneOf(h, "Jane Doe"), "0591111111");
});
