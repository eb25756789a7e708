/**
 * The due figures where customers are shown: the /summary card (overdue since a date with
 * its days, due today, the next due amount and date, the terms and the limit with where they
 * come from, ⚠️ past the limit), the ⏳ overdue badge with its amount in search results, and a
 * linked customer's /balance and /statement (due amount and date, the reminder setting).
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { engines } from "../support/databases.ts";
import { assertNoEnglish } from "../support/arabic.ts";
import { age, terms } from "../support/overdue_fixtures.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

for (const engine of await engines()) {
  Deno.test(`/summary shows dues, terms and the limit [${engine}]`, options, async () => {
    await using h = await openChat({ engine });
    await h.owner.says("/start");
    await h.owner.says("/addcustomer Ann Old");
    await h.owner.says("/addtransaction 50 rice");
    await h.owner.says("/summary");
    assert.doesNotMatch(h.owner.lastReply(), /Overdue|Credit terms|Credit limit|Next due/);

    await terms(h, 10);
    await age(h, "Ann Old", 15);
    await h.owner.says("/addtransaction 20 tea");
    await h.owner.says("/summary");
    let card = h.owner.lastReply();
    assert.match(card, /⏳ Overdue: \$50\.00 since .+ \(5 days\)/);
    assert.match(card, /📅 Next due: \$20\.00 on /);
    assert.match(card, /Credit terms: 10 days \(the shop's\)/);
    assert.doesNotMatch(card, /Credit limit/);

    // The customer's own terms and limit, and past it.
    await h.sql("update public.customers set credit_days = 5, credit_limit = 6000");
    await h.owner.says("/summary");
    card = h.owner.lastReply();
    assert.match(card, /Credit terms: 5 days \(this customer's own\)/);
    assert.match(card, /Credit limit: \$60\.00 \(this customer's own\) ⚠️ past the limit/);

    // Due today: a purchase whose own due date is today.
    await h.sql("update public.customers set credit_days = 0, credit_limit = null");
    await h.sql("update public.shops set credit_limit = 100000");
    await h.owner.says("/summary");
    card = h.owner.lastReply();
    assert.match(card, /📌 Due today: \$20\.00/);
    assert.match(card, /⏳ Overdue: \$50\.00 since .+ \(15 days\)/);
    assert.match(card, /Credit limit: \$1,000\.00 \(the shop's\)$/m);
  });

  Deno.test(
    `search results carry the overdue badge with the amount [${engine}]`,
    options,
    async () => {
      await using h = await openChat({ engine });
      await h.owner.says("/start");
      await terms(h, 0);
      await h.owner.says("/addcustomer Ann Old");
      await h.owner.says("/addtransaction 50 rice");
      await h.owner.says("/addcustomer Bob New");
      await h.owner.says("/addtransaction 20 tea");
      await age(h, "Ann Old", 3);
      await h.owner.says("/search");
      const text = h.owner.lastReply();
      const ann = text.split("\n").find((l) => l.includes("Ann Old"))!;
      const bob = text.split("\n").find((l) => l.includes("Bob New"))!;
      assert.match(ann, /⏳ overdue \$50\.00/);
      assert.doesNotMatch(bob, /overdue/);
      // Paid: no badge.
      await h.owner.says("/search Ann");
      await h.owner.says("/pay 50");
      await h.owner.says("/search");
      assert.doesNotMatch(h.owner.lastReply(), /overdue/);
    },
  );

  Deno.test(
    `a linked customer's /balance and /statement show dues and reminders [${engine}]`,
    options,
    async () => {
      await using h = await openChat({ engine });
      await h.owner.says("/start");
      await terms(h, 0);
      await h.owner.says("/addcustomer Layla Nasser");
      await h.owner.says("/addtransaction 50 rice");
      await age(h, "Layla Nasser", 4);
      const layla = h.user({ id: 5001, is_bot: false, first_name: "Layla", language_code: "en" });
      await h.sql(
        `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
       select shop_id, id, 5001 from public.customers where full_name = 'Layla Nasser'`,
      );
      await layla.says("/balance");
      let text = layla.lastReply();
      assert.match(text, /⏳ Overdue: \$50\.00 since /);
      assert.match(text, /🔔 Reminders: on — \/reminders off to stop/);
      await h.sql("update public.customer_accounts set reminders = false");
      await layla.says("/statement");
      text = layla.lastReply();
      assert.match(text, /⏳ Overdue: \$50\.00 since /);
      assert.match(text, /🔕 Reminders: off/);

      // In Arabic.
      const salma = h.user({ id: 5002, is_bot: false, first_name: "Salma", language_code: "ar" });
      await h.owner.says("/addcustomer سلمى");
      await h.owner.says("/addtransaction 10");
      await h.sql("update public.shops set credit_days = 7");
      await h.sql(
        `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
       select shop_id, id, 5002, 'ar' from public.customers where full_name = 'سلمى'`,
      );
      await salma.says("/balance");
      text = salma.lastReply();
      assert.match(text, /الاستحقاق التالي/);
      assert.match(text, /التذكيرات: مفعّلة/);
      assertNoEnglish(text, ["سلمى"]);
    },
  );
}
