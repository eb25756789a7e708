/**
 * The credit limit when recording (recording.ts): past it, "Record it anyway?" with Record
 * anyway / Cancel; the press records once (its own update id; a second press or a
 * redelivery records nothing more); block mode: a clerk gives the PIN, or with no shop PIN
 * only an owner can. Both engines.
 */
import assert from "node:assert/strict";
import { type ChatHarness, openChat } from "../support/chat.ts";
import { addClerk, balanceOf, count, PIN, setPin } from "../support/bot_fixtures.ts";
import { type Engine, engines } from "../support/databases.ts";

/** John Smith owes $50.00; the shop's credit limit is $100.00 (mode as given). */
async function shopWithLimit(engine: Engine, mode: "warn" | "block"): Promise<ChatHarness> {
  const h = await openChat({ engine });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries");
  await h.sql("update public.shops set credit_limit = 10000, credit_limit_mode = $1", [mode]);
  return h;
}

for (const engine of await engines()) {
  Deno.test(`past the limit: the question with the figures; Record anyway records once [${engine}]`, async () => {
    await using h = await shopWithLimit(engine, "warn");
    await h.owner.says("/addtransaction 60 | rice | due +10");
    const question = h.owner.lastReplyFull();
    assert.equal(
      question.text.split("\n")[0],
      "⚠️ This takes John Smith to $110.00, past their credit limit of $100.00. Record it anyway?",
    );
    assert.deepEqual(question.buttons, [["Record anyway", "Cancel"]]);
    assert.equal(await count(h, "transactions"), 1, "nothing recorded yet");
    await h.owner.presses("Record anyway");
    assert.match(
      h.owner.lastReply(),
      /Purchase of \$60\.00 for John Smith — rice[\s\S]*owes \$110\.00[\s\S]*📅 Due/,
    );
    assert.equal(await balanceOf(h, "John Smith"), 11000);
    const [tx] = await h.sql<{ over: string; due: boolean }>(
      `select a.action_info->>'over_limit' as over, t.due_on = private.shop_today(t.shop_id) + 10 as due
         from public.transactions as t join public.actions as a on a.transaction_id = t.id
        where t.amount = 6000`,
    );
    assert.deepEqual(tx, { over: "10000", due: true }); // the limit it went past
    // The old copy pressed again: nothing more.
    await h.owner.pressesIn(question, "Record anyway");
    assert.match(h.owner.lastReply(), /no longer open/);
    assert.equal(await count(h, "transactions"), 2);
    // A redelivered press (the same update): still once.
    const press = h.updates.findLast((u) => u.callback_query?.data?.startsWith("ol:yes"))!;
    await h.redeliver(press);
    assert.equal(await count(h, "transactions"), 2);
  });

  Deno.test(`two presses at once on Record anyway record the purchase once [${engine}]`, async () => {
    await using h = await shopWithLimit(engine, "warn");
    await h.owner.says("/addtransaction 60 | rice");
    const question = h.owner.lastReplyFull();
    // Two quick presses are two updates handled side by side: both read the session as it was
    // before either answered. Replay that: keep the session, press, put it back, press again.
    const before = await h.sql<{ key: string; value: unknown }>(
      "select key, value from public.bot_sessions",
    );
    await h.owner.pressesIn(question, "Record anyway");
    for (const row of before) {
      await h.sql("update public.bot_sessions set value = $2 where key = $1", [row.key, row.value]);
    }
    await h.owner.pressesIn(question, "Record anyway");
    assert.equal(await count(h, "transactions"), 2, "the first purchase and this one, once");
    assert.equal(await balanceOf(h, "John Smith"), 11000);
  });

  Deno.test(`past the limit: Cancel (or "no") records nothing; within the limit no question [${engine}]`, async () => {
    await using h = await shopWithLimit(engine, "warn");
    await h.owner.says("/addtransaction 60");
    await h.owner.presses("Cancel");
    assert.match(h.owner.lastReply(), /Cancelled: nothing was recorded/);
    await h.owner.says("/addtransaction 60");
    await h.owner.says("no");
    assert.match(h.owner.lastReply(), /Cancelled: nothing was recorded/);
    await h.owner.says("/addtransaction 60");
    await h.owner.says("what?");
    assert.match(h.owner.lastReply(), /Press “Record anyway” or “Cancel”/);
    await h.owner.says("/cancel");
    assert.equal(await count(h, "transactions"), 1);
    await h.owner.says("/addtransaction 50");
    assert.match(h.owner.lastReply(), /Purchase of \$50\.00[\s\S]*owes \$100\.00/);
    assert.equal(await balanceOf(h, "John Smith"), 10000);
  });

  Deno.test(`block mode: an owner is asked too; a clerk gives the PIN, then it is recorded [${engine}]`, async () => {
    await using h = await shopWithLimit(engine, "block");
    await addClerk(h);
    await setPin(h);
    await h.owner.says("/addtransaction 60");
    assert.match(h.owner.lastReply(), /past their credit limit of \$100\.00/);
    await h.owner.presses("Record anyway");
    assert.equal(await balanceOf(h, "John Smith"), 11000);
    await h.clerk.says("/start");
    await h.clerk.says("/search john");
    await h.clerk.says("/addtransaction 5 | bread");
    assert.match(h.clerk.lastReply(), /to \$115\.00/);
    await h.clerk.presses("Record anyway");
    assert.match(h.clerk.lastReply(), /PIN to record a purchase of \$5\.00 for John Smith/);
    assert.equal(await count(h, "transactions"), 2);
    await h.clerk.says(PIN);
    assert.match(h.clerk.lastReply(), /Purchase of \$5\.00 for John Smith — bread/);
    assert.equal(await balanceOf(h, "John Smith"), 11500);
    assert.equal(await count(h, "transactions"), 3);
  });

  Deno.test(`block mode with no shop PIN: only an owner can go past the limit [${engine}]`, async () => {
    await using h = await shopWithLimit(engine, "block");
    await addClerk(h);
    await h.clerk.says("/start");
    await h.clerk.says("/search john");
    await h.clerk.says("/addtransaction 60");
    await h.clerk.presses("Record anyway");
    assert.match(h.clerk.lastReply(), /only an owner can record this purchase/);
    assert.equal(await count(h, "transactions"), 1);
  });
}
