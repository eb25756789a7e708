/** /transactions and /transaction through the bot: every detail, pages, filters by #tag, month and range. */
import assert from "node:assert/strict";
import { balanceOf, scalar, shopWithJohn } from "../support/bot_fixtures.ts";

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
