/**
 * /overdue through the real bot: the ageing buckets with totals and counts in the shop's
 * currency, a bucket's button listing its customers (edited in place, paged), a customer's
 * button selecting them, "🔔 Remind all overdue" when anyone is overdue, and the clear
 * sentences when nothing is owed by due date.
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { age, terms } from "../support/overdue_fixtures.ts";
import { addClerk } from "../support/bot_fixtures.ts";
import { engines } from "../support/databases.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

for (const engine of await engines()) {
  Deno.test(
    `/overdue: buckets, a bucket's customers, tap through [${engine}]`,
    options,
    async () => {
      await using h = await openChat({ engine });
      await h.owner.says("/start");
      await terms(h, 0);
      await h.owner.says("/addcustomer Ann Old");
      await h.owner.says("/addtransaction 50 rice");
      await h.owner.says("/addcustomer Bob Recent");
      await h.owner.says("/addtransaction 20 tea");
      await h.owner.says("/addcustomer Cy Today");
      await h.owner.says("/addtransaction 5 bread");
      await age(h, "Ann Old", 40);
      await age(h, "Bob Recent", 3);

      await h.owner.says("/overdue");
      const report = h.owner.lastReplyFull();
      assert.match(report.text, /Due and overdue · today/);
      assert.match(report.text, /Overdue: \$70\.00 · 2 customers/);
      assert.match(report.text, /🟡 31–60 days overdue: \$50\.00 · 1 customer/);
      assert.match(report.text, /🔵 1–30 days overdue: \$20\.00 · 1 customer/);
      assert.match(report.text, /🟢 Not yet due: \$5\.00 · 1 customer/);
      assert.doesNotMatch(report.text, /90\+ days/, "empty buckets are left out");
      // The worst bucket's customers first.
      assert.match(
        report.text,
        /31–60 days overdue \(1–1 of 1\):\n1\. Ann Old — overdue \$50\.00 since .+ \(40 days\)/,
      );
      const labels = report.keyboard.flat().map((b) => b.text);
      assert.ok(labels.includes("🔵 1–30 days overdue (1)"), JSON.stringify(labels));
      assert.ok(labels.includes("🔔 Remind all overdue"));
      const remind = report.keyboard.flat().find((b) => b.text === "🔔 Remind all overdue")!;
      assert.equal(remind.data, "rm:all");

      // A bucket's button edits the message into its list.
      await h.owner.presses("🔵 1–30 days overdue (1)");
      const list = h.owner.lastReplyFull();
      assert.equal(list.messageId, report.messageId, "edited in place");
      assert.match(
        list.text,
        /1–30 days overdue \(1–1 of 1\):\n1\. Bob Recent — overdue \$20\.00 since .+ \(3 days\)/,
      );
      await h.owner.presses("🟢 Not yet due (1)");
      assert.match(h.owner.lastReply(), /1\. Cy Today — owes \$5\.00, next due /);

      // A customer's button selects them (the search list's select button).
      await h.owner.presses("🟡 31–60 days overdue (1)");
      await h.owner.presses("Ann Old · $50.00");
      assert.match(h.owner.lastReply(), /Ann Old/);
      await h.owner.says("/summary");
      assert.match(h.owner.lastReply(), /👤 Ann Old/);

      // A clerk may read it too.
      await addClerk(h);
      await h.clerk.says("/overdue");
      assert.match(h.clerk.lastReply(), /Overdue: \$70\.00/);
    },
  );

  Deno.test(`/overdue: paging a long bucket [${engine}]`, options, async () => {
    await using h = await openChat({ engine });
    await h.owner.says("/start");
    await terms(h, 0);
    for (let i = 1; i <= 11; i++) {
      await h.owner.says(`/addcustomer Late Customer ${String(i).padStart(2, "0")}`);
      await h.owner.says(`/addtransaction ${i} item`);
      await age(h, `Late Customer ${String(i).padStart(2, "0")}`, 100 + i);
    }
    await h.owner.says("/overdue");
    assert.match(h.owner.lastReply(), /90\+ days overdue \(1–8 of 11\)/);
    // Oldest first: customer 11 is 111 days overdue.
    assert.match(h.owner.lastReply(), /1\. Late Customer 11 — overdue \$11\.00/);
    await h.owner.presses("Next ➡️");
    assert.match(h.owner.lastReply(), /90\+ days overdue \(9–11 of 11\)/);
    assert.match(h.owner.lastReply(), /11\. Late Customer 01/);
    await h.owner.presses("⬅️ Previous");
    assert.match(h.owner.lastReply(), /\(1–8 of 11\)/);
  });

  Deno.test(`/overdue with nothing owed by due date says so [${engine}]`, options, async () => {
    await using h = await openChat({ engine });
    await h.owner.says("/start");
    await h.owner.says("/overdue");
    assert.match(h.owner.lastReply(), /Nobody owes the shop anything/);
    await h.owner.says("/addcustomer Dana");
    await h.owner.says("/addtransaction 30");
    await h.owner.says("/overdue");
    const text = h.owner.lastReply();
    assert.match(text, /Customers owe \$30\.00, but nothing has a due date/);
    assert.match(text, /\/settings → Credit/);
    assert.match(text, /\/terms/);
    assert.equal(h.owner.lastReplyFull().keyboard.flat().length, 0);
    // Terms, but nothing past due yet: no Remind all.
    await terms(h, 30);
    await h.owner.says("/overdue");
    assert.match(h.owner.lastReply(), /Nobody is overdue/);
    assert.ok(!h.owner.lastReplyFull().keyboard.flat().some((b) => b.data === "rm:all"));
  });
}
