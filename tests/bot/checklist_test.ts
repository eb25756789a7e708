/**
 * The seed's checklist, end to end through the bot on a real database (and a fake
 * Telegram over HTTP): transaction details, delete and auto-archive, rename, link,
 * merge, the shop PIN, tags, hidden nicknames, help; undo and idempotency of each.
 */
import assert from "node:assert/strict";
import { COMMANDS } from "../../shared/bot/create_bot.ts";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";
import { assertBalancesConsistent } from "../support/ledger_fixtures.ts";

const PIN = "97531864";

async function scalar(h: ChatHarness, text: string, params: unknown[] = []): Promise<unknown> {
  const [row] = await h.sql<{ v: unknown }>(text, params);
  return row?.v;
}

async function balanceOf(h: ChatHarness, name: string): Promise<number> {
  return Number(
    await scalar(
      h,
      "select balance::text as v from public.customers where full_name = $1 order by id limit 1",
      [name],
    ),
  );
}

async function idOf(h: ChatHarness, name: string): Promise<number> {
  return Number(
    await scalar(h, "select id as v from public.customers where full_name = $1 order by id", [
      name,
    ]),
  );
}

async function archived(h: ChatHarness, name: string): Promise<boolean> {
  return Boolean(
    await scalar(
      h,
      "select archived_at is not null as v from public.customers where full_name = $1 order by id limit 1",
      [name],
    ),
  );
}

/** A shop whose owner started and added John Smith (owes 50.00, selected). */
async function shopWithJohn(): Promise<ChatHarness> {
  const h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith ~ Abu Ali | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries #weekly");
  return h;
}

/** Adds the clerk to the owner's shop. */
async function addClerk(h: ChatHarness): Promise<void> {
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
}

/** Sets the shop PIN through the bot. */
async function setPin(h: ChatHarness, pin = PIN): Promise<void> {
  await h.owner.says(`/setpin ${pin}`);
  assert.match(h.owner.lastReply(), /same PIN again/);
  await h.owner.says(pin); // /setpin asks twice
  assert.match(h.owner.lastReply(), /shop PIN is (set|changed)/);
}

/** Ends the owner's PIN grant, as five minutes passing would. */
async function expireGrant(h: ChatHarness, userId = 1001): Promise<void> {
  await h.sql(
    "update public.member_pins set valid_until = now() - interval '1 second' where telegram_user_id = $1",
    [userId],
  );
}

Deno.test("/transactions lists every detail newest first, pages, filters by #tag, month and range; /transaction shows one", async () => {
  await using h = await shopWithJohn();
  for (let i = 1; i <= 9; i++) await h.owner.says(`/addtransaction ${i} | item ${i}`);
  await h.owner.says("/pay 5 | cash #till");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/transactions");
  const page1 = h.owner.lastReplyFull();
  assert.match(page1.text, /John Smith — owes \$95\.00/);
  assert.match(page1.text, /Transactions 1–8 of 11, newest first/);
  // Newest first: the voided payment, then item 9; each with id, time, kind, amount, note, who, balance after.
  assert.match(
    page1.text,
    /#\d+ · .* · 💵 Payment \$5\.00 voided\ncash #till · by Owner; voided by Owner/,
  );
  assert.match(page1.text, /🛒 Purchase \$9\.00 → owes \$95\.00\nitem 9 · by Owner/);
  assert.ok(page1.text.indexOf("item 9") < page1.text.indexOf("item 8"));
  assert.doesNotMatch(page1.text, /groceries/);
  await h.owner.presses("Next ▶");
  assert.match(h.owner.lastReply(), /Transactions 9–11 of 11[\s\S]*groceries #weekly · by Owner/);
  await h.owner.presses("◀ Previous");
  assert.match(h.owner.lastReply(), /Transactions 1–8 of 11/);

  await h.owner.says("/transactions #weekly");
  assert.match(h.owner.lastReply(), /1–1 of 1 \(#weekly\)[\s\S]*groceries/);
  const month = new Date().toISOString().slice(0, 7);
  await h.owner.says(`/transactions ${month}`);
  assert.match(h.owner.lastReply(), /of 11 \(/);
  await h.owner.says("/transactions 2020-01-01..2020-01-31");
  assert.match(h.owner.lastReply(), /No transactions of John Smith \(1 Jan 2020 – 31 Jan 2020\)/);
  await h.owner.says("/transactions 2026-13");
  assert.match(h.owner.lastReply(), /no month 2026-13/);
  await h.owner.says("/transactions 2026-11-15..2026-11-01");
  assert.match(h.owner.lastReply(), /ends before it starts/);
  await h.owner.says("/transactions last week");
  assert.match(h.owner.lastReply(), /isn't a filter/);

  const groceries = Number(
    await scalar(h, "select id as v from public.transactions where description like 'groceries%'"),
  );
  await h.owner.says(`/transaction ${groceries}`);
  const detail = h.owner.lastReplyFull();
  for (
    const part of [
      `Transaction #${groceries}`,
      "Customer: John Smith",
      "Kind: 🛒 purchase on credit",
      "Amount: $50.00",
      "Note: groceries #weekly",
      "Tags: #weekly",
      "Recorded by: Owner",
      "Balance after: owes $50.00",
      "Status: ✅ counts",
    ]
  ) assert.ok(detail.text.includes(part), `${part} in ${detail.text}`);
  assert.deepEqual(detail.buttons, [["↩️ Undo this"]]);
  // The 🔍 of the newest entry on the first page, pressed on that (since edited) list.
  const balanceBefore = await balanceOf(h, "John Smith");
  const newest = page1.keyboard.flat().find((b) => b.text.startsWith("🔍"))!;
  await h.owner.pressesIn(page1, newest.text);
  assert.match(
    h.owner.lastReply(),
    new RegExp(`Transaction ${newest.text.slice(3)}[\\s\\S]*Note: cash #till`),
  );
  assert.match(h.owner.lastReply(), /Status: ↩️ voided/);
  assert.equal(await balanceOf(h, "John Smith"), balanceBefore);
  await h.owner.says("/transaction 999999");
  assert.match(h.owner.lastReply(), /no transaction with that number/);
  await h.owner.says("/transaction abc");
  assert.match(h.owner.lastReply(), /whole number/);
  await h.owner.says("/transaction");
  assert.match(h.owner.lastReply(), /Which transaction number/);
  await h.owner.says(`#${groceries}`);
  assert.match(h.owner.lastReply(), /Transaction #\d+[\s\S]*groceries/);
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

Deno.test("/settings: the owner turns on archiving settled customers; a settling payment archives and says so; /undo restores", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/settings");
  assert.match(h.clerk.lastReply(), /balance reaches zero: off[\s\S]*Only the shop owner/);
  assert.deepEqual(h.clerk.buttons(), []);
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /balance reaches zero: off/);
  await h.owner.presses("🗄 Turn auto-archive on");
  assert.match(h.owner.lastReply(), /now on/);
  assert.equal(await scalar(h, "select archive_when_settled as v from public.shops"), true);

  await h.owner.says("/pay 20");
  assert.equal(await archived(h, "John Smith"), false, "not settled yet");
  await h.owner.says("/pay all");
  assert.match(
    h.owner.lastReply(),
    /Settled in full[\s\S]*John Smith is settled, so they were archived/,
  );
  assert.equal(await archived(h, "John Smith"), true);
  await h.owner.says("/search john");
  assert.match(h.owner.lastReply(), /No customer matches/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await archived(h, "John Smith"), false);
  assert.equal(await balanceOf(h, "John Smith"), 3000);

  // The setting's change is undoable too (the latest undoable action is the setting itself
  // once the payments are undone).
  await h.owner.says("/history");
  const settingAction = Number(
    await scalar(h, "select id as v from public.actions where action = 'setting_changed'"),
  );
  await h.owner.presses(`↩️ Undo #${settingAction}`);
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await scalar(h, "select archive_when_settled as v from public.shops"), false);
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

Deno.test("/link joins a household (one match picked at once); /summary shows each account and the total; no linking twice; /unlink; undo", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Jane Smith | 0592222222");
  await h.owner.says("/addtransaction 20");
  await h.owner.says("/addcustomer Jack Smith | 0594444444");
  await h.owner.says("/addtransaction 5");
  await h.owner.says("/link");
  assert.match(h.owner.lastReply(), /Link Jack Smith with whom/);
  await h.owner.says("0592222222");
  assert.match(
    h.owner.lastReply(),
    /Linked Jack Smith with Jane Smith[\s\S]*Together: owes \$25\.00/,
  );
  await h.owner.says("/link smith");
  assert.match(h.owner.lastReply(), /Link with which one\?/);
  await h.owner.presses(/^John Smith/);
  assert.match(h.owner.lastReply(), /Linked Jack Smith with John Smith/);
  await h.owner.says("/summary");
  const card = h.owner.lastReply();
  assert.match(card, /Linked accounts[\s\S]*Jack Smith — owes \$5\.00/);
  assert.match(card, /Jane Smith — owes \$20\.00[\s\S]*John Smith — owes \$50\.00/);
  assert.match(card, /Together: owes \$75\.00/);
  await h.owner.says("/link 0592222222");
  assert.match(h.owner.lastReply(), /already linked/);
  await h.owner.says("/link 0594444444");
  assert.match(h.owner.lastReply(), /same customer twice/);

  await h.owner.says("/unlink");
  assert.match(h.owner.lastReply(), /Jack Smith is no longer linked with Jane Smith, John Smith/);
  await h.owner.says("/unlink");
  assert.match(h.owner.lastReply(), /isn't linked to anyone/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Together: owes \$75\.00/);
  // Undo the second link: John leaves, Jack and Jane stay together.
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /linked Jack Smith with John Smith/);
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Together: owes \$25\.00/);
  assert.doesNotMatch(h.owner.lastReply(), /John Smith/);
});

Deno.test("/merge (owner + PIN) moves transactions, balance, phones, nicknames and tags; /undo splits them back exactly", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/tag #vip");
  await h.owner.says("/addcustomer Jon Smyth ~ Abu Ali Jr | 0593333333");
  await h.owner.says("/addtransaction 30 | bread");
  await h.owner.says("/pay 10");
  await h.owner.says("/addtransaction 7 | mistake");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/tag #neighbor #vip");
  const snapshot = () =>
    h.sql(
      `select c.id, c.full_name, c.balance::text, c.phone, c.other_phones, c.nicknames, c.tags,
              c.archived_at is not null as archived, c.merged_into, c.link_group,
              (select array_agg(t.id order by t.id) from public.transactions t where t.customer_id = c.id) as txs
         from public.customers c order by c.id`,
    );
  const before = await snapshot();
  await setPin(h);
  await expireGrant(h);

  await addClerk(h);
  await h.clerk.says("/search 0590000000");
  await h.clerk.says("/merge jon smyth");
  assert.match(h.clerk.lastReply(), /Only the shop owner can merge/);

  await h.owner.says("/search 0590000000");
  await h.owner.says("/merge");
  assert.match(h.owner.lastReply(), /Which customer is the duplicate/);
  await h.owner.says("0590000000");
  assert.match(h.owner.lastReply(), /can't be merged into itself/);
  await h.owner.says("/merge 0593333333");
  assert.match(
    h.owner.lastReply(),
    /Merge Jon Smyth \(owes \$20\.00\) into John Smith \(owes \$50\.00\)\?[\s\S]*Their 2 transactions[\s\S]*owe \$70\.00/,
  );
  await h.owner.presses("🧬 Yes, merge");
  assert.match(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.says("1111");
  assert.match(h.owner.lastReply(), /Wrong PIN\. 4 tries left/);
  await h.owner.says(PIN);
  assert.match(
    h.owner.lastReply(),
    /Merged Jon Smyth into John Smith: 3 transactions \(owes \$20\.00\)[\s\S]*New balance: owes \$70\.00/,
  );
  const john = await idOf(h, "John Smith");
  const [merged] = await h.sql<Record<string, unknown>>(
    "select balance::text, phone, other_phones, nicknames, tags from public.customers where id = $1",
    [john],
  );
  assert.deepEqual({ ...merged }, {
    balance: "7000",
    phone: "0590000000",
    other_phones: ["0593333333"],
    nicknames: ["Abu Ali", "Abu Ali Jr", "Jon Smyth"],
    tags: ["neighbor", "vip"],
  });
  assert.equal(
    Number(
      await scalar(
        h,
        "select merged_into as v from public.customers where full_name = 'Jon Smyth'",
      ),
    ),
    john,
  );
  await h.owner.says("/search 0593333");
  assert.match(
    h.owner.lastReply(),
    /Selected John Smith/,
    "the duplicate's phone finds the survivor",
  );
  await h.owner.says("/search jon smyth");
  assert.match(h.owner.lastReply(), /Selected John Smith/);
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /0590000000, 0593333333/);
  await assertBalancesConsistent(h.db.client);

  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /merged Jon Smyth into John Smith/);
  await h.owner.presses("✅ Yes, undo");
  assert.match(h.owner.lastReply(), /Split Jon Smyth from John Smith again/);
  assert.deepEqual(await snapshot(), before);
  await assertBalancesConsistent(h.db.client);
});

Deno.test("the shop PIN: /setpin (owner), stored as bcrypt, message deleted, letters refused, asked by /pay, valid for a run of payments", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/setpin 1234");
  assert.match(h.clerk.lastReply(), /Only the shop owner/);
  await h.owner.says("/setpin");
  assert.match(h.owner.lastReply(), /new shop PIN: 4 to 8 digits/);
  await h.owner.says("12ab");
  assert.match(h.owner.lastReply(), /4 to 8 digits, nothing else/);
  const sent = h.updates.at(-1)!.message!;
  assert.equal(h.telegram.api.message(sent.chat.id, sent.message_id), undefined, "deleted");
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /same PIN again/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /shop PIN is set/);
  const pinMessage = h.updates.at(-1)!.message!;
  assert.equal(h.telegram.api.message(pinMessage.chat.id, pinMessage.message_id), undefined);
  const hash = String(await scalar(h, "select pin_hash as v from public.shops"));
  assert.match(hash, /^\$2[abxy]?\$\d\d\$/, "a bcrypt hash");
  assert.equal(
    await scalar(h, "select extensions.crypt($1, pin_hash) = pin_hash as v from public.shops", [
      PIN,
    ]),
    true,
  );

  // The owner's grant from setting it lets /pay through; the clerk is asked.
  await h.owner.says("/pay 1");
  assert.match(h.owner.lastReply(), /Payment of \$1\.00/);
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 2 | cash");
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.says("/help");
  assert.match(h.clerk.lastReply(), /waiting for an answer for \/pay[\s\S]*shop PIN/);
  await h.clerk.says("/skip");
  assert.match(h.clerk.lastReply(), /can't be skipped/);
  await h.clerk.says("12345x");
  assert.match(h.clerk.lastReply(), /4 to 8 digits/);
  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /Payment of \$2\.00 for John Smith — cash/);
  await h.clerk.says("/pay 3");
  assert.match(
    h.clerk.lastReply(),
    /Payment of \$3\.00/,
    "a right PIN stays valid for a few minutes",
  );
  await expireGrant(h, CLERK.id);
  await h.clerk.says("/pay 4");
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.says("/cancel");
  assert.equal(await balanceOf(h, "John Smith"), 5000 - 600);

  // Changing the PIN asks for the current one first.
  await expireGrant(h);
  await h.owner.says("/setpin 2468");
  assert.match(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /new shop PIN/);
  await h.owner.says("2468");
  await h.owner.says("2468"); // asked twice
  assert.match(h.owner.lastReply(), /shop PIN is changed/);
  assert.equal(
    await scalar(h, "select extensions.crypt('2468', pin_hash) = pin_hash as v from public.shops"),
    true,
  );
  assert.equal(
    await scalar(h, "select count(*)::int as v from public.member_pins where valid_until > now()"),
    1,
    "only the owner who changed it holds a grant",
  );
});

Deno.test("5 wrong PINs lock PIN actions for 15 minutes for that member (in Postgres); the lock expires", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await setPin(h);
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 5");
  for (let i = 4; i >= 1; i--) {
    await h.clerk.says("0000");
    assert.match(h.clerk.lastReply(), new RegExp(`Wrong PIN\\. ${i} tr(y|ies) left`));
  }
  await h.clerk.says("0000");
  assert.match(h.clerk.lastReply(), /locked for you until/);
  const [lock] = await h.sql<{ minutes: number; failures: number }>(
    `select round(extract(epoch from locked_until - now()) / 60)::int as minutes, failures
       from public.member_pins where telegram_user_id = $1`,
    [CLERK.id],
  );
  assert.deepEqual({ ...lock }, { minutes: 15, failures: 5 });
  // Locked: even the right PIN is refused, and no step waits for it.
  await h.clerk.says("/pay 5");
  assert.match(h.clerk.lastReply(), /locked for you until/);
  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /not sure what to do/);
  // The owner is not locked.
  await h.owner.says("/pay 1");
  assert.match(h.owner.lastReply(), /Payment of \$1\.00/);
  // 15 minutes later (the clock moved by SQL), the clerk may try again.
  await h.sql(
    "update public.member_pins set locked_until = now() - interval '1 second' where telegram_user_id = $1",
    [CLERK.id],
  );
  await h.clerk.says("/pay 5");
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /Payment of \$5\.00/);
  assert.equal(await balanceOf(h, "John Smith"), 5000 - 600);
});

Deno.test("a PIN never appears in logs, sessions, the action log or processed updates, nor in what the bot sends", async () => {
  const logged: string[] = [];
  const originals = {
    log: console.log,
    error: console.error,
    warn: console.warn,
    info: console.info,
    debug: console.debug,
  };
  for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
    console[name] = (...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    };
  }
  try {
    await using h = await shopWithJohn();
    await addClerk(h);
    await h.owner.says(`/setpin ${PIN}`);
    await h.owner.says(PIN); // asked twice
    await h.clerk.says("/search john");
    await h.clerk.says("/rename Johnny");
    await h.clerk.says("1111");
    await h.clerk.says(PIN);
    await h.clerk.says("/pay 5");
    await h.owner.says("/setpin");
    await h.owner.says("24682468");
    await h.owner.says("24682468");
    await h.clerk.says("/pay 1");
    await h.clerk.says("24682468");
    const stores = await h.sql<{ text: string }>(
      `select value::text as text from public.bot_sessions
       union all select action_info::text from public.actions
       union all select coalesce(result::text, '') from public.processed_updates
       union all select coalesce(last_result::text, '') from public.member_pins
       union all select coalesce(pin_hash, '') from public.shops`,
    );
    for (const pin of [PIN, "24682468", "1111"]) {
      for (const row of stores) assert.ok(!row.text.includes(pin), `${pin} stored: ${row.text}`);
      for (const line of logged) assert.ok(!line.includes(pin), `${pin} logged: ${line}`);
      for (const call of h.telegram.calls) {
        assert.ok(!JSON.stringify(call.payload).includes(pin), `${pin} sent: ${call.method}`);
      }
    }
    // Every message that carried a PIN was deleted.
    const deleted = h.telegram.callsTo("deleteMessage").map((c) => Number(c.payload.message_id));
    for (const u of h.updates) {
      const m = u.message;
      if (m?.text && /\b(97531864|24682468|1111)\b/.test(m.text)) {
        assert.ok(deleted.includes(m.message_id), `message "${m.text}" was not deleted`);
      }
    }
    assert.match(h.clerk.lastReply(), /Payment of \$1\.00/);
  } finally {
    Object.assign(console, originals);
  }
});

Deno.test("until a PIN is set the owner is reminded once; clerks are not", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 1");
  assert.ok(!h.clerk.replies.some((r) => /Tip: protect payments/.test(r.text)));
  await h.owner.says("/pay 1");
  const tips = () => h.owner.replies.filter((r) => /Tip: protect payments/.test(r.text)).length;
  assert.equal(tips(), 1);
  assert.match(h.owner.lastReply(), /Payment of \$1\.00/);
  await h.owner.says("/pay 1");
  await h.owner.says("/rename Johnny");
  assert.equal(tips(), 1);
});

Deno.test("tags: /tag, /untag, /tags with counts and totals owed, /search #vip, #tags in notes; undo", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/tag");
  assert.match(h.owner.lastReply(), /Which tags/);
  await h.owner.says("#vip #Neighbor");
  assert.match(h.owner.lastReply(), /Added #neighbor #vip to John Smith/);
  await h.owner.says("/tag #vip");
  assert.match(h.owner.lastReply(), /Nothing to change/);
  await h.owner.says("/tag #a&b");
  assert.match(h.owner.lastReply(), /isn't a tag/);
  await h.owner.says("/addcustomer Jane Doe");
  await h.owner.says("/addtransaction 20");
  await h.owner.says("/tag vip");
  await h.owner.says("/tags");
  const list = h.owner.lastReplyFull();
  assert.match(list.text, /#vip — 2 customers, owe \$70\.00/);
  assert.match(list.text, /#neighbor — 1 customer, owe \$50\.00/);
  assert.match(list.text, /In notes\n#weekly — 1 entry, \$50\.00/);
  await h.owner.presses("#vip");
  assert.match(h.owner.lastReply(), /2 matches for “#vip”/);
  await h.owner.says("/search #neighbor");
  assert.match(h.owner.lastReply(), /Selected John Smith/);
  await h.owner.says("/untag #neighbor #nothing");
  assert.match(h.owner.lastReply(), /Removed #neighbor from John Smith\. Tags now: #vip/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.deepEqual(
    await scalar(h, "select tags as v from public.customers where full_name = 'John Smith'"),
    ["neighbor", "vip"],
  );
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /tagged Jane Doe #vip/);
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

Deno.test("a redelivered rename, tag, link or merge has one effect", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Jane Doe");
  const count = async () =>
    Number(await scalar(h, "select count(*)::int as v from public.actions"));
  for (const command of ["/rename Jane Roe", "/tag #vip", "/nickname JD", "/link john"]) {
    await h.owner.says(command);
    const n = await count();
    await h.redeliver();
    assert.equal(await count(), n, command);
  }
  await h.owner.says("/merge john");
  await h.owner.presses("🧬 Yes, merge");
  const n = await count();
  await h.redeliver();
  assert.equal(await count(), n);
  assert.equal(await balanceOf(h, "Jane Roe"), 5000);
});

Deno.test("/help covers every command, and every command here asks for what is missing", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/help");
  const guide = h.owner.lastReply();
  for (
    const command of [
      "transactions",
      "transaction",
      "deletecustomer",
      "rename",
      "nickname",
      "tag",
      "untag",
      "tags",
      "link",
      "unlink",
      "merge",
      "settings",
      "setpin",
    ]
  ) {
    assert.ok(guide.includes(`/${command} —`), `/help lists /${command}`);
    assert.ok(COMMANDS.some((c) => c.command === command));
    await h.owner.says(`/help ${command}`);
    assert.match(h.owner.lastReply(), new RegExp(`^/${command} — `));
  }
  // Without a selected customer, commands ask who first, then continue.
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/transactions #weekly");
  assert.match(h.owner.lastReply(), /Whose transactions/);
  await h.owner.says("john");
  assert.match(h.owner.lastReply(), /1–1 of 1 \(#weekly\)/);
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/nickname");
  assert.match(h.owner.lastReply(), /Who is it for/);
  await h.owner.says("0590000000");
  assert.match(h.owner.lastReply(), /What hidden nickname/);
  await h.owner.says("/help");
  assert.match(h.owner.lastReply(), /waiting for an answer for \/nickname/);
});

Deno.test("a search with more than 100 matches says 100+ and pages through them", async () => {
  await using h = await shopWithJohn();
  await h.sql(
    `insert into public.customers (shop_id, full_name, created_by)
     select s.id, 'Sara Number ' || g, s.created_by from public.shops as s, generate_series(1, 150) as g`,
  );
  await h.owner.says("/search sara");
  const reply = h.owner.lastReplyFull();
  assert.match(reply.text, /100\+ matches for “sara” \(1–8\), best first/);
  await h.owner.presses("Next ▶");
  assert.match(h.owner.lastReply(), /100\+ matches for “sara” \(9–16\)/);
  await h.owner.says("/search");
  assert.match(h.owner.lastReply(), /Customers 1–8 of 151, largest debt first/);
});
