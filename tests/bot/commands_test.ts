/**
 * The command traps a new owner falls into (issue 13): commands typed in capitals or with
 * this bot's @username work, one addressed to another bot is ignored, a bare name sent with
 * nothing pending is offered as a search, and a command that interrupts a pending step
 * says what became of it.
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";

Deno.test("/SUMMARY, /Search sara and /summary@this_bot work; /summary@otherbot is ignored", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Sara Khalil | 0591234567");
  await h.owner.says("/addcustomer John Smith | 0590000000");

  await h.owner.says("/Search sara");
  assert.match(h.owner.lastReply(), /Selected Sara Khalil/);
  await h.owner.says("/SUMMARY");
  assert.match(h.owner.lastReply(), /Sara Khalil/);
  assert.doesNotMatch(h.owner.lastReply(), /I don't know/);

  await h.owner.says("/search john");
  await h.owner.says("/summary@PayTrack_Test_Bot");
  assert.match(h.owner.lastReply(), /John Smith/);
  assert.doesNotMatch(h.owner.lastReply(), /I don't know/);

  const before = h.owner.replies.length;
  const replies = await h.owner.says("/summary@otherbot");
  assert.deepEqual(replies.map((r) => r.text), [], "a command for another bot gets no reply");
  assert.equal(h.owner.replies.length, before);

  // The arguments keep their case; only the command is matched without it.
  await h.owner.says("/ADDCUSTOMER Layla Nasser");
  assert.match(h.owner.lastReply(), /Layla Nasser/);
});

Deno.test("a bare name sent with nothing pending offers to search for it", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Sara Khalil | 0591234567");
  await h.owner.says("/addcustomer John Smith | 0590000000");

  await h.owner.says("sara");
  assert.match(h.owner.lastReply(), /Looking for a customer called <b>sara<\/b>|called sara/);
  assert.deepEqual(h.owner.buttons(), [["🔎 Search sara"]]);
  await h.owner.presses("🔎 Search sara");
  assert.match(h.owner.lastReply(), /Selected Sara Khalil/);

  // Anything else still gets the usual hint (and a PIN-like number is never quoted).
  await h.owner.says("12 + 30 = ?");
  assert.match(h.owner.lastReply(), /not sure what to do with that/);
  await h.owner.says("4321");
  assert.match(h.owner.lastReply(), /not sure what to do with that/);
  assert.doesNotMatch(h.owner.lastReply(), /4321/);
});

Deno.test("a command that interrupts a pending step says the step was dropped", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");

  // /addtransaction waits for an amount; /pay drops it, and says so before asking its own.
  await h.owner.says("/addtransaction");
  assert.match(h.owner.lastReply(), /How much did John Smith buy/);
  const replies = await h.owner.says("/pay");
  assert.equal(
    replies[0].text,
    "✖️ The purchase for John Smith you were entering was dropped.",
  );
  assert.match(h.owner.lastReply(), /How much did John Smith pay/);
  await h.owner.says("30");
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Payment of \$30\.00 for John Smith/);

  // /addcustomer waits for a name; /search drops it.
  await h.owner.says("/addcustomer");
  const search = await h.owner.says("/search john");
  assert.equal(search[0].text, "✖️ The /addcustomer you were entering was dropped.");
  assert.match(h.owner.lastReply(), /Selected John Smith/);
  const count = await h.sql<{ n: number }>("select count(*)::int as n from public.customers");
  assert.equal(count[0].n, 1, "nothing was added");

  // /help inside a step keeps it, and says it still waits.
  await h.owner.says("/addtransaction");
  await h.owner.says("/help");
  assert.match(h.owner.lastReply(), /waiting|still/i);
  assert.doesNotMatch(h.owner.lastReply(), /dropped/);
  await h.owner.says("12");
  assert.match(h.owner.lastReply(), /note/i);
});
