/** The seed's command table, end to end: the real bot, a real database, Telegram faked over HTTP. */
import assert from "node:assert/strict";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";

async function count(h: ChatHarness, table: string): Promise<number> {
  const [row] = await h.sql<{ n: number }>(`select count(*)::int as n from public.${table}`);
  return row.n;
}

async function balanceOf(h: ChatHarness, name: string): Promise<number> {
  const [row] = await h.sql<{ balance: string }>(
    "select balance::text from public.customers where full_name = $1",
    [name],
  );
  return Number(row.balance);
}

/** A shop with its owner started and John Smith (owes 50.00) selected. */
async function shopWithJohn(options: Parameters<typeof openChat>[0] = {}): Promise<ChatHarness> {
  const h = await openChat(options);
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith ~ Abu Ali | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries");
  return h;
}

Deno.test("/start opens the listed owner's shop; a stranger is told the bot is private and can change nothing", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  assert.match(h.owner.lastReply(), /Your shop .* is ready and you are its owner/);
  await h.stranger.says("/start");
  assert.match(h.stranger.lastReply(), /private/);
  assert.match(h.stranger.lastReply(), new RegExp(String(h.stranger.user.id)));
  await h.stranger.says("/addcustomer Eve | 0591111111");
  assert.match(h.stranger.lastReply(), /private/);
  await h.stranger.says("/search");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal(await count(h, "customers"), 0);
  assert.equal(await count(h, "shops"), 1);
});

Deno.test("without OWNER_TELEGRAM_IDS the first /start claims the bot and says so; the next person is a stranger", async () => {
  await using h = await openChat({ ownerIds: [] });
  await h.owner.says("/start");
  assert.match(h.owner.lastReply(), /first to start this bot, so you now own it/);
  await h.stranger.says("/start");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal(await count(h, "members"), 1);
});

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

Deno.test("/addtransaction records a purchase behind a loader that becomes the new balance, with #tags", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  const replies = await h.owner.says("/addtransaction 50|groceries #weekly");
  assert.equal(replies[0].method, "sendMessage");
  assert.match(replies[0].text, /^⏳/);
  assert.equal(replies.at(-1)!.method, "editMessageText");
  assert.equal(replies.at(-1)!.messageId, replies[0].messageId);
  assert.match(
    replies.at(-1)!.text,
    /Purchase of \$50\.00 for John Smith[\s\S]*New balance: owes \$50\.00[\s\S]*#weekly/,
  );
  const [tx] = await h.sql<{ amount: string; tags: string[] }>(
    "select amount::text, tags from public.transactions",
  );
  assert.deepEqual(tx, { amount: "5000", tags: ["weekly"] });
});

Deno.test("a command that needs a customer asks to search first, then continues", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addcustomer Jane Doe | 0591234567");
  await h.owner.says("/cancel"); // nothing pending: harmless
  // A fresh member session has no selection: clear it to start from nothing.
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/pay 20 | cash");
  assert.match(h.owner.lastReply(), /Who is it for/);
  await h.owner.says("jon smth");
  assert.match(
    h.owner.replies.at(-1)!.text,
    /Payment of \$20\.00 for John Smith[\s\S]*advance \$20\.00/,
  );
});

Deno.test("/pay: more decimals than the currency has is refused; overpaying leaves an advance; /pay all settles", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/pay 12.345");
  assert.match(h.owner.lastReply(), /at most 2 decimals/);
  assert.equal(await balanceOf(h, "John Smith"), 5000);
  await h.owner.says("/pay 60 | cash");
  assert.match(h.owner.lastReply(), /advance/);
  assert.equal(await balanceOf(h, "John Smith"), -1000);
  await h.owner.says("/addtransaction 30");
  await h.owner.says("/pay all");
  assert.match(h.owner.lastReply(), /Settled in full[\s\S]*settled/);
  assert.equal(await balanceOf(h, "John Smith"), 0);
  await h.owner.says("/pay all");
  assert.match(h.owner.lastReply(), /owes nothing/);
});

Deno.test("bad input at every step gets a short explanation and changes nothing", async () => {
  await using h = await shopWithJohn();
  const before = [
    await count(h, "transactions"),
    await count(h, "actions"),
    await balanceOf(h, "John Smith"),
  ];
  for (const amount of ["abc", "0", "-5", "1e20", "99999999999999999999", "😀"]) {
    await h.owner.says(`/addtransaction ${amount} | x`);
    assert.doesNotMatch(h.owner.lastReply(), /✅/, amount);
  }
  await h.owner.says(`/addtransaction 5 | ${"x".repeat(5000)}`);
  assert.match(h.owner.lastReply(), /too long/);
  await h.owner.says(`/addcustomer ${"y".repeat(5000)}`);
  assert.match(h.owner.lastReply(), /too long/);
  await h.owner.sendsSticker();
  assert.match(h.owner.lastReply(), /only understand text/);
  await h.owner.sendsPhoto("50");
  assert.match(h.owner.lastReply(), /only understand text/);
  await h.owner.edits("/addtransaction 500");
  assert.match(h.owner.lastReply(), /doesn't change the ledger/);
  await h.owner.says("/frobnicate");
  assert.match(h.owner.lastReply(), /don't know \/frobnicate/);
  const after = [
    await count(h, "transactions"),
    await count(h, "actions"),
    await balanceOf(h, "John Smith"),
  ];
  assert.deepEqual(after, before);
});

Deno.test("stale and forged buttons are refused politely", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/search");
  const list = h.owner.lastReplyFull();
  // Forge a button press naming a customer id that is not in this shop.
  const { callbackQueryUpdate } = await import("../../shared/dev/terminal_chat.ts");
  const message = h.telegram.api.message(h.owner.chat.id, list.messageId)!;
  for (const data of ["sel:999999", "undo:999999", "page:50", "nonsense"]) {
    const id = h.nextUpdateId();
    await h.deliver(callbackQueryUpdate(id, { id: `cq${id}`, from: h.owner.user, message, data }));
  }
  const text = h.owner.replies.slice(-3).map((r) => r.text).join("\n");
  assert.match(text, /isn't in your shop|no longer valid|empty now/);
  assert.equal(await balanceOf(h, "John Smith"), 5000);
});

Deno.test("/search lists customers largest debt first with pages; a single match is selected at once", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  for (let i = 1; i <= 10; i++) {
    await h.owner.says(`/addcustomer Customer ${i} | 05900000${String(i).padStart(2, "0")}`);
    await h.owner.says(`/addtransaction ${i}`);
  }
  await h.owner.says("/search");
  const page1 = h.owner.lastReplyFull();
  assert.match(page1.text, /Customers 1–8 of 10, largest debt first/);
  assert.match(page1.buttons[0][0], /Customer 10/);
  await h.owner.presses("Next ▶");
  assert.match(h.owner.lastReply(), /Customers 9–10 of 10/);
  await h.owner.says("/search 0590000007");
  assert.match(h.owner.lastReply(), /Selected Customer 7/);
  await h.owner.says("/search customer");
  await h.owner.presses(/Customer 3 ·/);
  assert.match(h.owner.lastReply(), /Selected Customer 3/);
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
  assert.ok(history.buttons.flat().some((b) => /Undo #/.test(b)));
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

Deno.test("in a group the bot shows no ledger data and points to the private chat", async () => {
  await using h = await shopWithJohn();
  const group = h.owner.inGroup();
  await group.says("/search");
  assert.match(group.lastReply(), /works only in a private chat/);
  assert.doesNotMatch(group.lastReply(), /John/);
});

Deno.test("a failed loader edit or chat action never breaks the command", async () => {
  await using h = await shopWithJohn();
  h.telegram.fail("editMessageText", {
    status: 400,
    description: "Bad Request: message can't be edited",
  });
  h.telegram.fail("sendChatAction", { network: true });
  await h.owner.says("/addtransaction 10 | milk");
  assert.match(h.owner.lastReply(), /New balance: owes \$60\.00/);
  await h.owner.says("/search");
  assert.match(h.owner.lastReply(), /John Smith/);
});

Deno.test("a redelivered update has one effect", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addtransaction 7 | eggs");
  await h.redeliver();
  await h.redeliver();
  assert.equal(await count(h, "transactions"), 2);
  assert.equal(await balanceOf(h, "John Smith"), 5700);
  assert.match(h.owner.lastReply(), /owes \$57\.00/);
});

Deno.test("Arabic-Indic digits and the shop's currency work everywhere (JOD has 3 decimals)", async () => {
  await using h = await openChat({ defaultCurrency: "JOD" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer فاطمة الزهراء | ٠٧٩٠٠٠٠٠٠٠");
  await h.owner.says("/addtransaction ١٢٫٥٠٠ | خبز");
  assert.match(h.owner.lastReply(), /JOD\s12\.500/);
  await h.owner.says("/search فاطمه");
  assert.match(h.owner.lastReply(), /Selected فاطمة الزهراء/);
});
