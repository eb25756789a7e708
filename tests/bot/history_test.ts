/**
 * /history and /undo through the bot on a real database: an undo that lowers a debt asks
 * for the shop PIN like a payment (and a lockout blocks it), the history names each actor
 * as they were (a clerk who calls themselves "Owner" cannot pass for the owner), and a
 * long history fits Telegram's limit page by page with every action still reachable.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, CLERK, openChat, OWNER } from "../support/chat.ts";
import { visibleLength } from "../../shared/text/fit.ts";
import { shopWithJohn } from "../support/bot_fixtures.ts";

const PIN = "97531864";

async function balanceOf(h: ChatHarness, name: string): Promise<number> {
  const [row] = await h.sql<{ v: string }>(
    "select balance::text as v from public.customers where full_name = $1 order by id limit 1",
    [name],
  );
  return Number(row.v);
}

/** The owner's shop with a PIN, and the clerk (added by SQL) who has given no PIN. */
async function shopWithPinAndClerk(): Promise<ChatHarness> {
  const h = await openChat();
  await h.owner.says("/start");
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
  // Set through the ledger: how /setpin asks for it is another test's concern.
  await h.ledger.pin.set({ actor: OWNER.id, updateId: h.nextUpdateId(), pin: PIN });
  return h;
}

/** The clerk adds Mary Jones and records a $30.00 purchase for her. */
async function clerkRecordsPurchase(h: ChatHarness): Promise<void> {
  await h.clerk.says("/addcustomer Mary Jones");
  await h.clerk.says("/addtransaction 30 | sugar");
  assert.match(h.clerk.lastReply(), /Purchase of \$30\.00 for Mary Jones/);
  assert.equal(await balanceOf(h, "Mary Jones"), 3000);
}

Deno.test("a clerk's /undo of a purchase asks for the PIN, naming it; a wrong PIN changes nothing, the right one undoes", async () => {
  await using h = await shopWithPinAndClerk();
  await clerkRecordsPurchase(h);

  await h.clerk.says("/undo");
  assert.match(h.clerk.lastReply(), /Clerk recorded a purchase of \$30\.00 for Mary Jones/);
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.presses("Yes, undo");
  const ask = h.clerk.lastReply();
  assert.match(ask, /PIN to undo H\d+: Clerk recorded a purchase of \$30\.00 for Mary Jones/);
  assert.equal(await balanceOf(h, "Mary Jones"), 3000, "nothing undone before the PIN");

  await h.clerk.says("1111");
  assert.match(h.clerk.lastReply(), /Wrong PIN/);
  assert.equal(await balanceOf(h, "Mary Jones"), 3000);

  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /Undid H\d+ for Mary Jones\. Balance now: settled/);
  assert.equal(await balanceOf(h, "Mary Jones"), 0);
});

Deno.test("the history's Undo button asks for the PIN too", async () => {
  await using h = await shopWithPinAndClerk();
  await clerkRecordsPurchase(h);
  await h.clerk.says("/history");
  assert.match(h.clerk.lastReply(), /recorded a purchase of \$30\.00/);
  await h.clerk.presses(/Undo H\d+ 🔒/);
  assert.match(h.clerk.lastReply(), /Undo this\?[\s\S]*needs the shop PIN/);
  await h.clerk.presses("Yes, undo");
  assert.match(h.clerk.lastReply(), /PIN to undo/);
  await h.clerk.says(PIN);
  assert.equal(await balanceOf(h, "Mary Jones"), 0);
});

Deno.test("a PIN lockout blocks a debt-lowering undo", async () => {
  await using h = await shopWithPinAndClerk();
  await clerkRecordsPurchase(h);
  await h.clerk.says("/undo");
  await h.clerk.presses("Yes, undo");
  for (let i = 0; i < 5; i++) await h.clerk.says("2222");
  assert.match(h.clerk.lastReply(), /Too many wrong PINs/);
  await h.clerk.says("/undo");
  await h.clerk.presses("Yes, undo");
  assert.match(h.clerk.lastReply(), /Too many wrong PINs/);
  assert.equal(await balanceOf(h, "Mary Jones"), 3000);
});

Deno.test("undoing a payment (it raises the debt back) needs no PIN", async () => {
  await using h = await shopWithPinAndClerk();
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/addtransaction 50");
  await h.owner.says("/pay 20 | cash");
  assert.equal(await balanceOf(h, "John Smith"), 3000);
  await h.sql("update public.member_pins set valid_until = now() - interval '1 second'");
  await h.owner.says("/undo");
  assert.doesNotMatch(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.presses("Yes, undo");
  assert.match(h.owner.lastReply(), /Undid H\d+ for John Smith\. Balance now: owes \$50\.00/);
  assert.equal(await balanceOf(h, "John Smith"), 5000);
});

Deno.test("/history names the actor as they were; a clerk calling themselves Owner shows as a clerk", async () => {
  await using h = await shopWithPinAndClerk();
  await clerkRecordsPurchase(h);
  // The clerk renames themselves "Owner" in Telegram, then says /start.
  const renamed: ChatUser = h.user({ ...CLERK, first_name: "Owner" });
  await renamed.says("/start");
  await renamed.says("/addtransaction 5 | later");
  await h.owner.says("/history");
  const text = h.owner.lastReply();
  assert.match(text, /Owner \(clerk, id 1002\) recorded a purchase of \$5\.00/);
  assert.match(text, /Clerk recorded a purchase of \$30\.00/, "the past action keeps the old name");
  assert.match(text, /Owner \(owner, id 1001\) set the shop PIN/);

  // /transaction names who recorded each one as they were, too.
  const [first, second] = (await h.sql<{ id: unknown }>(
    "select id from public.transactions order by id",
  )).map((r) => Number(r.id));
  await renamed.says(`/transaction ${first}`);
  assert.match(renamed.lastReply(), /Recorded by: Clerk\b/);
  await renamed.says(`/transaction ${second}`);
  assert.match(renamed.lastReply(), /Recorded by: Owner \(clerk, id 1002\)/);
});

Deno.test("a long /history fits Telegram's limit page by page, notes capped, every action reachable", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  const name = `${"Abdul-Rahman ".repeat(9)}Khalil`.slice(0, 120);
  await h.owner.says(`/addcustomer ${name}`);
  const note = `${"fresh bread and milk ".repeat(24)}`.slice(0, 480);
  for (let i = 1; i <= 24; i++) await h.owner.says(`/addtransaction ${i} | ${i} ${note}`);

  const ids = (await h.sql<{ id: unknown }>("select id from public.actions order by id desc"))
    .map((r) => Number(r.id));
  const seen: number[] = [];
  await h.owner.says("/history");
  for (let page = 0; page < 20; page++) {
    const reply = h.owner.lastReplyFull();
    assert.ok(visibleLength(reply.html ?? reply.text) <= 4096, "the page fits");
    assert.ok(reply.text.length <= 4096);
    for (const m of reply.text.matchAll(/^H(\d+) · /gm)) seen.push(Number(m[1]));
    // A note is shown capped with "…", never whole.
    if (page === 0) {
      assert.match(reply.text, /fresh bread and milk[^\n]*…/);
      assert.ok(!reply.text.includes(note), "a 480-character note is capped");
    }
    if (!reply.buttons.flat().includes("⬅️ Older")) break;
    await h.owner.presses("⬅️ Older");
  }
  assert.deepEqual(seen, ids, "every action appears once, newest first");
});

Deno.test("/undo asks Yes/No, undoes exactly once, and /history offers Undo buttons", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /Undo this\?[\s\S]*purchase of \$50\.00 for John Smith/);
  await h.owner.presses("✖️ No");
  assert.equal(await balanceOf(h, "John Smith"), 5000);
  await h.owner.says("/undo");
  const ask = h.owner.lastReplyFull();
  await h.owner.presses("✅ Yes, undo", ask);
  assert.match(h.owner.lastReply(), /Balance now: settled/);
  // The buttons were removed; pressing an old copy of them is refused and changes nothing.
  const transactions = await h.sql("select id, voided_at from public.transactions order by id");
  await h.owner.pressesIn(ask, "✅ Yes, undo");
  assert.match(h.owner.lastReply(), /That was already undone/);
  assert.equal(await balanceOf(h, "John Smith"), 0);
  assert.deepEqual(
    await h.sql("select id, voided_at from public.transactions order by id"),
    transactions,
  );
  await h.owner.says("/history");
  const history = h.owner.lastReplyFull();
  assert.match(history.text, /undid/);
  assert.match(history.text, /added customer John Smith/);
  assert.ok(history.buttons.flat().some((b) => /Undo H\d+/.test(b)));
});

Deno.test("a clerk sees the shop but cannot undo the owner's actions", async () => {
  await using h = await shopWithJohn();
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
  await h.clerk.says("/search jon");
  assert.match(h.clerk.lastReply(), /Selected John Smith/);
  await h.clerk.says("/undo");
  assert.match(h.clerk.lastReply(), /nothing left for you to undo/);
  await h.clerk.says("/addtransaction 5");
  assert.match(h.clerk.lastReply(), /owes \$55\.00/);
  await h.clerk.says("/history");
  assert.match(h.clerk.lastReply(), /Clerk recorded a purchase of \$5\.00/);
});

Deno.test("history entries are H<id>, not #<id>: the list, its Undo buttons and /undo H<id> (old forms #<id> and <id> still work)", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/history");
  const list = h.owner.lastReplyFull();
  const [top] = await h.sql<{ id: string }>("select max(id)::text as id from public.actions");
  const id = Number(top.id);
  assert.match(list.text, new RegExp(`^H${id} · `, "m"));
  assert.doesNotMatch(list.text, /#\d+ ·/);
  assert.ok(list.buttons.flat().includes(`↩️ Undo H${id}`));
  for (const typed of [`H${id}`, `h${id}`, `#${id}`, `${id}`]) {
    await h.owner.says(`/undo ${typed}`);
    assert.match(h.owner.lastReply(), new RegExp(`Undo this\\?\\nH${id} · `), typed);
  }
  await h.owner.says("/undo yesterday");
  assert.match(
    h.owner.lastReply(),
    /“yesterday” is not a history entry: send \/undo, or \/undo H12/,
  );
  await h.owner.says(`/undo H${id}`);
  await h.owner.presses("✅ Yes, undo");
  assert.match(h.owner.lastReply(), new RegExp(`Undid H${id} for John Smith`));
  await h.owner.says("/history");
  assert.match(
    h.owner.lastReply(),
    new RegExp(`Owner undid H${id} \\(a purchase\\) for John Smith`),
  );
});

Deno.test("/history offers the selected customer's actions alone (“Only <customer>”), pages them, and goes back to the whole shop", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Mary Jones");
  for (let i = 1; i <= 12; i++) await h.owner.says(`/addtransaction ${i}`);
  await h.owner.says("/search john");
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /Mary Jones/);
  await h.owner.presses("👤 Only John Smith");
  const only = h.owner.lastReplyFull();
  assert.match(only.text, /Latest actions for John Smith \(2 of 2\)/);
  assert.doesNotMatch(only.text, /Mary/);
  assert.match(only.text, /added customer John Smith/);
  assert.ok(!only.buttons.flat().includes("⬅️ Older"));
  await h.owner.presses("🕘 Whole shop");
  assert.match(h.owner.lastReply(), /Latest actions \(\d+ of 16\)[\s\S]*Mary Jones/);

  await h.owner.says("/search mary");
  await h.owner.says("/history");
  await h.owner.presses("👤 Only Mary Jones");
  assert.match(h.owner.lastReply(), /Latest actions for Mary Jones \(\d+ of 13\)/);
  await h.owner.presses("⬅️ Older");
  assert.match(h.owner.lastReply(), /Older actions for Mary Jones \(\d+–13 of 13\)/);
  assert.doesNotMatch(h.owner.lastReply(), /John/);
});

Deno.test("every action kind reads in plain words in both languages: no raw codes like customers_linked in /history", async () => {
  const { ACTION_NOUNS, ACTION_SENTENCES } = await import("../../shared/text/history.ts");
  const { hasMessage } = await import("../../shared/i18n/i18n.ts");
  await using h = await shopWithJohn();
  const kinds =
    (await h.sql<{ action: string }>("select action from public.action_kinds order by action"))
      .map((r) => r.action);
  for (const kind of kinds) {
    for (const table of [ACTION_SENTENCES, ACTION_NOUNS]) {
      assert.ok(table[kind], `${kind} has a sentence and a noun`);
      for (const locale of ["en", "ar"] as const) {
        assert.ok(hasMessage(locale, table[kind]), `${locale} catalog has ${table[kind]}`);
      }
    }
  }
  // A day of customer care, then the history reads in words.
  await h.owner.says("/addcustomer Jane Smith | 0592222222");
  await h.owner.says("/link John Smith");
  await h.owner.says("/tag #vip");
  await h.owner.says("/unlink");
  await h.owner.says("/deletecustomer");
  await h.owner.presses(/Yes/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/history");
  const text = h.owner.lastReply();
  assert.match(text, /linked Jane Smith with John Smith/);
  assert.match(text, /deleted \(archived\) Jane Smith/);
  assert.match(text, /undid H\d+ \(deleting a customer\) for Jane Smith/);
  assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, "no action codes");
});
