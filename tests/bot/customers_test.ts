/**
 * Customers through the bot: /addcustomer (in one line and step by step), /summary, badges,
 * /rename, hidden nicknames, /deletecustomer (archiving, the owner and the PIN for a debt); undo.
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import {
  addClerk,
  archived,
  balanceOf,
  count,
  expireGrant,
  PIN,
  scalar,
  setPin,
  shopWithJohn,
} from "../support/bot_fixtures.ts";

Deno.test("/addcustomer in one line stores the hidden nickname and phone, selects the customer, and warns about a shared phone", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith ~ Abu Ali | 0590000000");
  assert.match(h.owner.lastReply(), /Added John Smith \(0590000000\) and selected them/);
  const [john] = await h.sql<{ nicknames: string[]; phone_digits: string }>(
    "select nicknames, phone_digits from public.customers where full_name = 'John Smith'",
  );
  assert.deepEqual(john, { nicknames: ["Abu Ali"], phone_digits: "0590000000" });
  await h.owner.says("/addcustomer Johnny | ٠٥٩٠٠٠٠٠٠٠");
  assert.match(h.owner.lastReply(), /also belongs to John Smith/);
});

Deno.test("conversation mode asks for each missing parameter, re-asks after bad input, and /cancel leaves", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer");
  assert.match(h.owner.lastReply(), /customer's name/);
  await h.owner.says("12345");
  // 4–8 bare digits look like a PIN: refused without being quoted (pin_gate.ts).
  assert.match(h.owner.lastReply(), /looks like a PIN[\s\S]*customer's name/);
  await h.owner.says("123");
  assert.match(h.owner.lastReply(), /needs at least one letter[\s\S]*customer's name/);
  await h.owner.says("مُحمّد أحمد");
  assert.match(h.owner.lastReply(), /phone number/);
  await h.owner.says("call me");
  assert.match(h.owner.lastReply(), /doesn't look like a phone number/);
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Added مُحمّد أحمد/);

  await h.owner.says("/addtransaction");
  assert.match(h.owner.lastReply(), /How much/);
  await h.owner.says("/cancel");
  assert.match(h.owner.lastReply(), /Cancelled/);
  await h.owner.says("25");
  assert.match(h.owner.lastReply(), /not sure what to do/);
  assert.equal(await count(h, "transactions"), 0);
});

Deno.test("/summary shows the selected customer with nickname, totals and latest entries", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/pay 20 | cash");
  await h.owner.says("/summary");
  const text = h.owner.lastReply();
  assert.match(text, /John Smith/);
  assert.match(text, /aka Abu Ali/);
  assert.match(text, /Balance: owes \$30\.00/);
  assert.match(text, /Bought on credit: \$50\.00 · Paid: \$20\.00/);
  assert.match(text, /cash[\s\S]*groceries/);
  await h.owner.says("/search");
  assert.doesNotMatch(h.owner.lastReply(), /Abu Ali/, "nicknames never show in lists");
});

Deno.test("/deletecustomer asks Yes/No, archives, leaves lists and search but not history; /undo restores", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Zero Balance | 0591111111");
  await h.owner.says("/deletecustomer");
  assert.match(h.owner.lastReply(), /Delete Zero Balance\? Their balance is settled/);
  await h.owner.presses("✖️ No");
  assert.equal(await archived(h, "Zero Balance"), false);
  await h.owner.says("/deletecustomer");
  const replies = await h.owner.presses("🗑 Yes, delete");
  assert.ok(replies.some((r) => /^⏳/.test(r.text)), "a loader until committed");
  assert.match(h.owner.lastReply(), /Deleted Zero Balance: gone from lists and search/);
  assert.equal(await archived(h, "Zero Balance"), true);
  await h.owner.says("/search");
  assert.doesNotMatch(h.owner.lastReply(), /Zero Balance/);
  await h.owner.says("/search zero balance");
  assert.match(h.owner.lastReply(), /No customer matches/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /deleted \(archived\) Zero Balance/);
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /Undo this\?[\s\S]*deleted \(archived\) Zero Balance/);
  await h.owner.presses("✅ Yes, undo");
  assert.match(h.owner.lastReply(), /Zero Balance is back in lists and search/);
  assert.equal(await archived(h, "Zero Balance"), false);
  // A redelivered Yes has one effect.
  await h.owner.says("/search 0591111111");
  await h.owner.says("/deletecustomer");
  await h.owner.presses("🗑 Yes, delete");
  const actions = Number(await scalar(h, "select count(*)::int as v from public.actions"));
  await h.redeliver();
  assert.equal(Number(await scalar(h, "select count(*)::int as v from public.actions")), actions);
});

Deno.test("deleting a customer who owes says what is owed, needs the owner and the PIN", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/search john");
  await h.clerk.says("/deletecustomer");
  assert.match(h.clerk.lastReply(), /still owe \$50\.00[\s\S]*Only the shop owner/);
  assert.equal(await archived(h, "John Smith"), false);

  await setPin(h);
  await expireGrant(h);
  await h.owner.says("/search john");
  await h.owner.says("/deletecustomer");
  assert.match(
    h.owner.lastReply(),
    /Delete John Smith\? They still owe \$50\.00[\s\S]*needs the shop PIN/,
  );
  await h.owner.presses("🗑 Yes, delete");
  assert.match(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /Deleted John Smith[\s\S]*owes \$50\.00/);
  assert.equal(await archived(h, "John Smith"), true);
  assert.equal(await balanceOf(h, "John Smith"), 5000, "the debt stays on record");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await archived(h, "John Smith"), false);
});

Deno.test("/rename asks step by step, refuses an empty name, needs the PIN once set; /undo restores the old name", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/rename");
  assert.match(h.owner.lastReply(), /new name/);
  await h.owner.says("~ nobody");
  assert.match(h.owner.lastReply(), /can't be empty[\s\S]*new name/);
  await h.owner.says("John A. Smith");
  assert.match(h.owner.lastReply(), /Tip: protect payments[\s\S]*\/setpin|Renamed/);
  assert.match(h.owner.replies.at(-1)!.text, /Renamed John Smith to John A\. Smith/);
  await h.owner.says("/rename John A. Smith");
  assert.match(h.owner.lastReply(), /already their name/);

  await setPin(h);
  await expireGrant(h);
  await h.owner.says("/rename Johnny Smith");
  assert.match(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /Renamed John A\. Smith to Johnny Smith/);
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Johnny Smith/);
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /renamed John A\. Smith to Johnny Smith/);
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await scalar(h, "select full_name as v from public.customers"), "John A. Smith");
});

Deno.test("hidden nicknames: /nickname adds one, search finds it, lists never show it, /summary does; undo", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Jane Doe");
  await h.owner.says("/search john");
  await h.owner.says("/nickname");
  assert.match(h.owner.lastReply(), /What hidden nickname/);
  await h.owner.says("Al Hajj");
  assert.match(h.owner.lastReply(), /can now be found as “Al Hajj”/);
  await h.owner.says("/nickname al hajj");
  assert.match(h.owner.lastReply(), /already have that name or nickname/);
  await h.owner.says("/search jane");
  await h.owner.says("/search hajj");
  assert.match(h.owner.lastReply(), /Selected John Smith/);
  await h.owner.says("/search");
  assert.doesNotMatch(h.owner.lastReply(), /Hajj|Abu Ali/);
  await h.owner.says("/link jane");
  assert.doesNotMatch(h.owner.lastReply(), /Hajj|Abu Ali/);
  await h.owner.says("/tags");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /aka Abu Ali, Al Hajj \(hidden\)/);
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /linked John Smith with Jane Doe/);
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /added a hidden nickname to John Smith/);
  await h.owner.presses("✅ Yes, undo");
  assert.deepEqual(
    await scalar(h, "select nicknames as v from public.customers where full_name = 'John Smith'"),
    ["Abu Ali"],
  );
});

Deno.test("badges: top debtor, no payment in 60 days and new this week show in lists and the summary", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Old Timer");
  await h.owner.says("/addtransaction 10");
  await h.sql(
    "update public.customers set created_at = now() - interval '90 days' where full_name = 'Old Timer'",
  );
  await h.owner.says("/search");
  const list = h.owner.lastReply();
  assert.match(list, /John Smith.*owes \$50\.00 · 🏆 top debtor · 🆕 new this week/);
  assert.match(list, /Old Timer — owes \$10\.00 · ⏰ no payment in 60 days/);
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /⏰ no payment in 60 days/);
  await h.owner.says("/pay 1");
  await h.owner.says("/summary");
  assert.doesNotMatch(h.owner.lastReply(), /no payment in 60 days/);
});
