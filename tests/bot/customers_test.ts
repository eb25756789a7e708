/**
 * Customers through the bot: /addcustomer (in one line and step by step), /summary, badges,
 * /rename, hidden nicknames, /deletecustomer (archiving, the owner and the PIN for a debt);
 * undo; names that cannot deceive (look-alikes, mixed alphabets).
 */
import assert from "node:assert/strict";
import { type ChatHarness, openChat } from "../support/chat.ts";
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
  // Pointed out before adding (issue 13); "Add anyway" adds.
  assert.match(h.owner.lastReply(), /phone ٠٥٩٠٠٠٠٠٠٠ also belongs to John Smith/);
  assert.equal(await count(h, "customers"), 1);
  await h.owner.presses("➕ Add anyway");
  assert.match(h.owner.lastReply(), /Added Johnny \(٠٥٩٠٠٠٠٠٠٠\)/);
  assert.equal(await count(h, "customers"), 2);
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
  assert.match(h.owner.lastReply(), /No (active )?customer matches/);
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

// ---------------------------------------------------------------------------------------
// Names that cannot deceive
// Names that cannot deceive, through the bot on a real database: hidden characters are
// dropped, a word mixing alphabets is refused with a clear message and changes nothing,
// and a name that looks the same as an existing customer's is added with a warning.
// ---------------------------------------------------------------------------------------
async function names(h: ChatHarness): Promise<string[]> {
  return (await h.sql<{ full_name: string }>(
    "select full_name from public.customers order by id",
  )).map((r) => r.full_name);
}

Deno.test("/addcustomer asks first when the name looks the same as an existing customer's", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/addtransaction 30");
  await h.owner.says("/addcustomer John\u200b  SMITH");
  // Asked before adding (issue 13): nothing changes until the member answers.
  assert.match(
    h.owner.lastReply(),
    /⚠️ There is already a customer named John Smith \(owes \$30\.00\)/,
  );
  assert.deepEqual(await names(h), ["John Smith"]);
  await h.owner.presses("➕ Add anyway");
  assert.match(h.owner.lastReply(), /Added John SMITH/, "added, without the hidden character");
  assert.doesNotMatch(h.owner.lastReply(), /Looks the same/, "said once, before adding");
  assert.deepEqual(await names(h), ["John Smith", "John SMITH"]);
});

Deno.test("/addcustomer refuses a word that mixes alphabets, asks nothing more and adds no one", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer J\u043ehn Smith | 0590000000");
  assert.match(h.owner.lastReply(), /mixes letters of different alphabets/);
  await h.owner.says("/addcustomer");
  await h.owner.says("Mary S\u0435lim ~ Umm Ali");
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /mixes letters of different alphabets/);
  await h.owner.says("/addcustomer Sara ~ B\u0456g Sara");
  assert.match(h.owner.lastReply(), /nickname mixes letters of different alphabets/);
  assert.deepEqual(await names(h), []);
});

Deno.test("Arabic names with Latin nicknames, and bidi marks, are fine", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer محمد أحمد ~ Abu Ali | 0590000001");
  assert.match(h.owner.lastReply(), /✅ Added محمد أحمد/);
  assert.doesNotMatch(h.owner.lastReply(), /Looks the same/);
  await h.owner.says("/addcustomer \u202bسارة\u202c علي");
  assert.match(h.owner.lastReply(), /✅ Added سارة علي/);
  assert.deepEqual(await names(h), ["محمد أحمد", "سارة علي"]);
});

// ---------------------------------------------------------------------------------------
// Traps a new owner falls into (issue 13): archived and duplicate customers, phones
// without "|", and /summary's latest entries.
// ---------------------------------------------------------------------------------------

Deno.test("/addcustomer Name 0598888888 (no |) stores the phone, not a name with digits", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Omar Saleh 0598888888");
  assert.match(h.owner.lastReply(), /Added Omar Saleh \(0598888888\) and selected them/);
  await h.owner.says("/addcustomer Huda Karim +970 59-777-7777");
  assert.match(h.owner.lastReply(), /Added Huda Karim \(\+970 59-777-7777\)/);
  await h.owner.says("/addcustomer ليلى ٠٥٩٦٦٦٦٦٦٦");
  assert.match(h.owner.lastReply(), /Added ليلى \(٠٥٩٦٦٦٦٦٦٦\)/);
  // A short number stays in the name (e.g. "Shop 12").
  await h.owner.says("/addcustomer Flat 12");
  assert.match(h.owner.lastReply(), /Added Flat 12 and selected them/);
  assert.deepEqual(
    [...await h.sql("select full_name, phone_digits from public.customers order by id")],
    [
      { full_name: "Omar Saleh", phone_digits: "0598888888" },
      { full_name: "Huda Karim", phone_digits: "970597777777" },
      { full_name: "ليلى", phone_digits: "0596666666" },
      { full_name: "Flat 12", phone_digits: null },
    ],
  );
});

Deno.test("step-by-step /addcustomer: a phone typed with the name is split off and the phone step skipped", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer");
  await h.owner.says("Omar Saleh 0598888888");
  assert.match(h.owner.lastReply(), /Added Omar Saleh \(0598888888\) and selected them/);
  await h.owner.says("/addcustomer");
  await h.owner.says("Huda Karim ~ Um Ali +970 59-777-7777");
  assert.match(h.owner.lastReply(), /Added Huda Karim \(\+970 59-777-7777\)/);
  // A short number stays in the name, and the phone step is asked.
  await h.owner.says("/addcustomer");
  await h.owner.says("Flat 12");
  assert.match(h.owner.lastReply(), /phone/i);
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Added Flat 12 and selected them/);
  assert.deepEqual(
    [...await h.sql("select full_name, phone_digits, nicknames from public.customers order by id")],
    [
      { full_name: "Omar Saleh", phone_digits: "0598888888", nicknames: [] },
      { full_name: "Huda Karim", phone_digits: "970597777777", nicknames: ["Um Ali"] },
      { full_name: "Flat 12", phone_digits: null, nicknames: [] },
    ],
  );
});

Deno.test("/addcustomer of an archived customer's name offers Restore or Select, adds no one until answered", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Layla Nasser | 0591234567");
  await h.owner.says("/deletecustomer");
  await h.owner.presses("🗑 Yes, delete");
  await h.owner.says("/addcustomer layla  nasser");
  const warning = h.owner.lastReplyFull();
  assert.match(warning.text, /Layla Nasser[\s\S]*deleted \(archived\)/);
  assert.deepEqual(warning.buttons, [["♻️ Restore Layla Nasser"], ["➕ Add anyway"]]);
  assert.equal(await count(h, "customers"), 1, "nothing added until answered");
  await h.owner.presses("♻️ Restore Layla Nasser");
  assert.equal(await archived(h, "Layla Nasser"), false);
  assert.match(h.owner.lastReply(), /Selected Layla Nasser/);
  assert.equal(await count(h, "customers"), 1);

  // The same phone under another name points them out too; "Add anyway" adds.
  await h.owner.says("/addcustomer Layla N. | 059-123-4567");
  assert.match(h.owner.lastReply(), /phone 059-123-4567 also belongs to Layla Nasser/);
  assert.deepEqual(h.owner.lastReplyFull().buttons, [["👤 Select Layla Nasser"], [
    "➕ Add anyway",
  ]]);
  await h.owner.presses("➕ Add anyway");
  assert.match(h.owner.lastReply(), /Added Layla N\. \(059-123-4567\) and selected them/);
  assert.equal(await count(h, "customers"), 2);
});

Deno.test("/addcustomer with an existing customer's name asks first: Select them or Add anyway", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Sara Haddad");
  await h.owner.says("/addtransaction 30");
  await h.owner.says("/addcustomer Jane Doe");
  await h.owner.says("/addcustomer SARA   haddad");
  const warning = h.owner.lastReplyFull();
  assert.match(warning.text, /already a customer named Sara Haddad \(owes \$30\.00\)/);
  assert.deepEqual(warning.buttons, [["👤 Select Sara Haddad"], ["➕ Add anyway"]]);
  assert.equal(await count(h, "customers"), 2);
  await h.owner.presses("👤 Select Sara Haddad");
  assert.match(h.owner.lastReply(), /Selected Sara Haddad/);
  assert.equal(await count(h, "customers"), 2);
  // Step by step too; the warning waits, and a redelivered press adds no one more.
  await h.owner.says("/addcustomer");
  await h.owner.says("Sara Haddad");
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /already a customer named Sara Haddad/);
  await h.owner.presses("➕ Add anyway");
  assert.match(h.owner.lastReply(), /Added Sara Haddad and selected them/);
  assert.equal(await count(h, "customers"), 3);
  await h.redeliver();
  assert.equal(await count(h, "customers"), 3);
});

Deno.test("/summary: real entries first, undone ones marked after; no purchases yet; 1 entry", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer New Person");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Balance: no purchases yet/);
  assert.doesNotMatch(h.owner.lastReply(), /settled/);
  await h.owner.says("/addtransaction 40 | rice");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /· 1 entry\b/);
  for (let i = 1; i <= 6; i++) {
    await h.owner.says(`/addtransaction ${i} | oops ${i}`);
    await h.owner.says("/undo");
    await h.owner.presses("✅ Yes, undo");
  }
  await h.owner.says("/pay 40 | cash");
  await h.owner.says("/summary");
  const text = h.owner.lastReply();
  assert.match(text, /Balance: settled/);
  assert.match(text, /· 2 entries/);
  const latest = text.slice(text.indexOf("Latest"));
  assert.ok(latest.indexOf("cash") < latest.indexOf("rice"), latest);
  assert.ok(latest.indexOf("rice") < latest.indexOf("oops"), `real entries first: ${latest}`);
  assert.match(latest, /oops 6.*undone/);
});
