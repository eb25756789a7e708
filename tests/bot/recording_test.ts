/**
 * Recording purchases and payments through the bot: /addtransaction behind a loader, /pay
 * (decimals, advances, /pay all), bad input, a failed loader edit, redelivery, currencies.
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { balanceOf, count, shopWithJohn } from "../support/bot_fixtures.ts";

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

Deno.test("a sign or code of another currency is refused naming the shop's currency; the shop's own is accepted", async () => {
  await using h = await shopWithJohn(); // a USD shop; John owes $50.00
  for (
    const [line, mark] of [
      ["/addtransaction ₪12.5 bread", "₪"],
      ["/pay €5", "€"],
      ["/pay 12 NIS", "NIS"],
      ["/pay ILS 12", "ILS"],
      ["/addtransaction JD 3 | rice", "JD"],
    ]
  ) {
    await h.owner.says(line);
    assert.match(
      h.owner.lastReply(),
      new RegExp(
        `This shop counts in US dollars \\(\\$\\); ${mark} is another currency\\. Nothing was recorded\\.`,
      ),
      line,
    );
  }
  assert.equal(await balanceOf(h, "John Smith"), 5000);
  assert.equal(await count(h, "transactions"), 1);
  // Step by step: refused, the question again; then a plain amount is recorded.
  await h.owner.says("/addtransaction");
  await h.owner.says("₪12");
  assert.match(h.owner.lastReply(), /₪ is another currency[\s\S]*How much did John Smith buy/);
  await h.owner.says("$12");
  assert.match(h.owner.lastReply(), /A note/);
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Purchase of \$12\.00 for John Smith/);
  await h.owner.says("/pay 2 USD | cash");
  assert.match(h.owner.lastReply(), /Payment of \$2\.00 for John Smith/);
  assert.equal(await balanceOf(h, "John Smith"), 6000);
});

Deno.test("in a shekel shop, $ and JD are another currency and ₪ or شيكل its own", async () => {
  await using h = await openChat({ defaultCurrency: "ILS" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/pay $5");
  assert.match(
    h.owner.lastReply(),
    /This shop counts in Israeli new shekels \(₪\); \$ is another currency\. Nothing was recorded\./,
  );
  await h.owner.says("/addtransaction ₪12.5 | bread");
  assert.match(h.owner.lastReply(), /Purchase of ₪12\.50 for John Smith/);
  await h.owner.says("/addtransaction ٥٠ شيكل");
  assert.match(h.owner.lastReply(), /Purchase of ₪50\.00 for John Smith/);
  assert.equal(await balanceOf(h, "John Smith"), 6250);
});

Deno.test("2,500 in a 3-decimal currency asks which was meant and records nothing until answered", async () => {
  await using h = await openChat({ defaultCurrency: "JOD" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0790000000");
  await h.owner.says("/addtransaction 2,500 | rice");
  assert.match(
    h.owner.lastReply(),
    /Is 2,500 JOD\s2,500\.000 or JOD\s2\.500\? Send 2500 or 2\.5 \(without the comma\)\. Nothing was recorded yet\./,
  );
  assert.equal(await count(h, "transactions"), 0);
  // Step by step the question stays pending until it is answered without the comma.
  await h.owner.says("/addtransaction");
  await h.owner.says("2,500");
  assert.match(h.owner.lastReply(), /Is 2,500[\s\S]*How much did John Smith buy/);
  assert.equal(await count(h, "transactions"), 0);
  await h.owner.says("2.5");
  await h.owner.says("rice");
  assert.match(h.owner.lastReply(), /Purchase of JOD\s2\.500 for John Smith/);
  // Unambiguous forms are read at once.
  await h.owner.says("/addtransaction 2,500.000");
  assert.match(h.owner.lastReply(), /Purchase of JOD\s2,500\.000/);
  await h.owner.says("/addtransaction 1,250,000");
  assert.match(h.owner.lastReply(), /Purchase of JOD\s1,250,000\.000/);
});

Deno.test("2,500 in a 2-decimal currency is still two thousand five hundred, and 2,50 two and a half", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addtransaction 2,500");
  assert.match(h.owner.lastReply(), /Purchase of \$2,500\.00/);
  await h.owner.says("/addtransaction 2,50");
  assert.match(h.owner.lastReply(), /Purchase of \$2\.50/);
});
