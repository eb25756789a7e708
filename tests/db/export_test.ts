/** export_workbook: what the Excel export reads, on both engines. */
import assert from "node:assert/strict";
import type { ShopExport, StatementExport } from "../../shared/db/ledger/export.ts";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

/** A shop with Arabic and English customers, purchases, payments, an undo and an expense. */
async function busyShop(t: LedgerContext) {
  const { shop, rival } = await t.world({ currency: "ILS" });
  const ahmad = await t.addCustomer(shop.owner, "أحمد العلي", {
    phone: "0590000001",
    nicknames: ["أبو علي"],
    tags: ["vip", "جار"],
  });
  const john = await t.addCustomer(shop.clerk, "John Smith", { phone: "0590000002" });
  const zoe = await t.addCustomer(shop.owner, "Zoë Ångström");
  await t.purchase(shop.owner, ahmad.id, 12_550, "خبز وحليب #weekly");
  await t.purchase(shop.clerk, john.id, 5_000, "groceries");
  await t.pay(shop.owner, ahmad.id, 2_550, "cash");
  const mistake = await t.purchase(shop.owner, john.id, 99_999, "typo");
  const action = await t.scalar(
    "select id as value from public.actions where transaction_id = $1",
    [mistake.transaction.id],
  );
  await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: action });
  await t.pay(shop.clerk, zoe.id, 700, "advance");
  await t.ledger.spending.record({
    actor: shop.owner,
    updateId: t.updateId(),
    item: "أكياس",
    price: 1_234,
    vendor: "Market",
  });
  // John and Zoë are one household.
  await t.sql(
    `update public.customers set link_group = 77 where id = any($1::bigint[])`,
    [[john.id, zoe.id]],
  );
  // The rival shop has rows of its own that must never show.
  const eve = await t.addCustomer(rival.owner, "Eve Rival");
  await t.purchase(rival.owner, eve.id, 4_242);
  return { shop, rival, ahmad, john, zoe, eve };
}

async function shopExport(t: LedgerContext, actor: number, request = {}): Promise<ShopExport> {
  const data = await t.ledger.export.workbook(actor, request);
  assert.equal(data.kind, "shop");
  assert.equal(data.too_large, false);
  return data as ShopExport;
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("only an owner may export: a clerk gets owner_only, a stranger not_a_member", async (t) => {
    const { shop, ahmad } = await busyShop(t);
    await assertLedgerError(t.ledger.export.workbook(shop.clerk), "owner_only");
    await assertLedgerError(
      t.ledger.export.workbook(shop.clerk, { customerId: ahmad.id }),
      "owner_only",
    );
    await assertLedgerError(t.ledger.export.workbook(t.userId()), "not_a_member");
  });

  suite.test("the whole shop: customers, transactions, log and spending of this shop only, as compact rows", async (t) => {
    const { shop, ahmad, john, zoe } = await busyShop(t);
    const data = await shopExport(t, shop.owner);
    assert.deepEqual(data.head.shop, {
      id: shop.shopId,
      name: `Shop of ${shop.owner}`,
      currency: "ILS",
      minor_unit: 2,
      language: "en",
      digits: "latn",
      timezone: "UTC",
    });
    assert.deepEqual(data.head.period, { from: null, to: null });
    assert.ok(Math.abs(data.head.generated_at - Date.now() / 1000) < 120);
    assert.deepEqual(data.counts, { customers: 3, transactions: 5, actions: 11, expenses: 1 });

    // Customers, by name: [id, name, phone, tags, nicknames, balance, last purchase,
    // last payment, linked with, archived, merged into, bought, paid].
    assert.deepEqual(data.customers.map((c) => c[1]), ["John Smith", "Zoë Ångström", "أحمد العلي"]);
    const byId = new Map(data.customers.map((c) => [c[0], c]));
    const a = byId.get(ahmad.id)!;
    assert.deepEqual([a[2], a[3], a[4], a[5], a[8], a[9], a[10], a[11], a[12]], [
      "0590000001",
      "vip, جار",
      "أبو علي",
      10_000,
      null,
      null,
      null,
      12_550,
      2_550,
    ]);
    assert.equal(typeof a[6], "number");
    assert.equal(typeof a[7], "number");
    assert.equal(byId.get(john.id)![8], "Zoë Ångström", "linked with the household");
    assert.equal(byId.get(zoe.id)![8], "John Smith");
    assert.equal(byId.get(john.id)![11], 5_000, "the voided purchase is not bought");

    // Transactions, oldest first, with the running balance over non-voided rows.
    assert.equal(data.transactions.length, 5);
    const voided = data.transactions.filter((r) => r[9] !== null);
    assert.deepEqual(voided.map((r) => [r[4], r[5], r[8]]), [[99_999, "typo", 5_000]]);
    assert.deepEqual(
      data.transactions.map((r) => [r[2], r[3], r[4], r[6], r[7], r[8]]),
      [
        [ahmad.id, "purchase", 12_550, "weekly", shop.owner, 12_550],
        [john.id, "purchase", 5_000, "", shop.clerk, 5_000],
        [ahmad.id, "payment", 2_550, "", shop.owner, 10_000],
        [john.id, "purchase", 99_999, "", shop.owner, 5_000],
        [zoe.id, "payment", 700, "", shop.clerk, -700],
      ],
    );
    assert.equal(data.transactions[0][5], "خبز وحليب #weekly");

    // The action log: who did what, the amount it moved, and for a purchase or payment its
    // note, for other kinds the action's info (the workbook turns it into a sentence in the
    // shop's language).
    const log = data.actions.map((r) => [r[3], r[5], r[6]] as const);
    assert.deepEqual(log[0], ["shop_opened", null, { claimed: false }]);
    const info = (kind: string) =>
      log.filter(([a]) => a === kind).map(([, amount, i]) => [amount, i]);
    assert.ok(
      info("purchase_recorded").some(([amount, note]) =>
        amount === 12_550 && note === "خبز وحليب #weekly"
      ),
    );
    assert.ok(
      info("action_undone").some(([, i]) =>
        (i as Record<string, unknown>).undone_action === "purchase_recorded" &&
        typeof (i as Record<string, unknown>).undone_action_id === "number"
      ),
    );
    assert.ok(
      info("expense_recorded").some(([amount, i]) => {
        const e = i as Record<string, unknown>;
        return amount === 1_234 && e.item === "أكياس" && e.vendor === "Market";
      }),
    );
    assert.equal(data.actions.filter((r) => r[7] !== null).length, 1, "one action undone");

    assert.deepEqual(data.expenses.map((e) => [e[2], e[3], e[4], e[5], e[6], e[7]]), [
      ["أكياس", 1_234, "Market", null, shop.owner, null],
    ]);
    assert.deepEqual(
      data.members.map((m) => m[0]).sort(),
      [shop.owner, shop.clerk].sort(),
    );
  });

  suite.test("the totals and top debtors agree with the balances in Postgres", async (t) => {
    const { shop, ahmad, john } = await busyShop(t);
    const data = await shopExport(t, shop.owner);
    const [pg] = await t.sql<{ owed: string; advances: string; net: string }>(
      `select sum(balance) filter (where balance > 0)::text as owed,
              (-sum(balance) filter (where balance < 0))::text as advances,
              sum(balance)::text as net
         from public.customers where shop_id = $1`,
      [shop.shopId],
    );
    assert.equal(data.totals.owed, Number(pg.owed));
    assert.equal(data.totals.advances, Number(pg.advances));
    assert.equal(data.totals.net, Number(pg.net));
    assert.equal(data.totals.owed, 15_000);
    assert.equal(data.totals.sold_this_month, 17_550);
    assert.equal(data.totals.collected_this_month, 3_250);
    assert.equal(data.totals.spent_this_month, 1_234);
    assert.equal(data.totals.sold_last_month, 0);
    assert.deepEqual(data.totals.active, 3);
    assert.deepEqual(data.totals.in_debt, 2);
    assert.deepEqual(data.top_debtors, [[ahmad.id, 10_000], [john.id, 5_000]]);
    // Every customer's balance is the sum of their non-voided rows in the export.
    const sums = new Map<number, number>();
    for (const r of data.transactions) {
      if (r[9] !== null) continue;
      sums.set(r[2], (sums.get(r[2]) ?? 0) + (r[3] === "purchase" ? r[4] : -r[4]));
    }
    for (const c of data.customers) assert.equal(sums.get(c[0]) ?? 0, c[5], c[1]);
  });

  suite.test("a period keeps its own rows; running balances still count what came before", async (t) => {
    const { shop, ahmad } = await busyShop(t);
    // Move Ahmad's first purchase (and its log row) back to October 2026.
    await t.sql(
      `update public.transactions set created_at = '2026-10-05 10:00Z'
        where customer_id = $1 and kind = 'purchase'`,
      [ahmad.id],
    );
    await t.sql(
      `update public.actions as a set created_at = '2026-10-05 10:00Z'
         from public.transactions as x
        where a.transaction_id = x.id and x.customer_id = $1 and x.kind = 'purchase'
          and a.action = 'purchase_recorded'`,
      [ahmad.id],
    );
    const october = await shopExport(t, shop.owner, { from: "2026-10-01", to: "2026-10-31" });
    assert.deepEqual(october.head.period, { from: "2026-10-01", to: "2026-10-31" });
    assert.deepEqual(october.transactions.map((r) => [r[2], r[4], r[8]]), [[
      ahmad.id,
      12_550,
      12_550,
    ]]);
    assert.equal(october.actions.length, 1);
    assert.equal(october.expenses.length, 0);
    assert.equal(
      october.customers.length,
      3,
      "every customer, with what they bought in the period",
    );
    assert.equal(october.customers.find((c) => c[0] === ahmad.id)![11], 12_550);
    assert.equal(october.totals.sold_in_period, 12_550);

    const after = await shopExport(t, shop.owner, { from: "2026-11-01" });
    const payment = after.transactions.find((r) => r[2] === ahmad.id)!;
    assert.deepEqual([payment[3], payment[8]], ["payment", 10_000], "opening 12,550 − 2,550");
    assert.equal(after.totals.sold_in_period, 5_000);
  });

  suite.test("a statement: opening balance, running balance and closing balance; undone rows left out", async (t) => {
    const { shop, ahmad, john } = await busyShop(t);
    await t.sql(
      `update public.transactions set created_at = '2026-10-05 10:00Z' where customer_id = $1 and kind = 'purchase'`,
      [ahmad.id],
    );
    await t.purchase(shop.owner, ahmad.id, 1_000, "sugar");
    const all = await t.ledger.export.workbook(shop.owner, { customerId: ahmad.id });
    assert.equal(all.kind, "statement");
    const statement = all as StatementExport;
    assert.deepEqual(statement.customer, {
      id: ahmad.id,
      full_name: "أحمد العلي",
      phone: "0590000001",
      tags: "vip, جار",
      balance: 11_000,
      archived_at: null,
    });
    assert.equal(statement.opening_balance, 0);
    assert.deepEqual(statement.rows.map((r) => [r[2], r[3], r[4], r[6]]), [
      ["purchase", 12_550, "خبز وحليب #weekly", 12_550],
      ["payment", 2_550, "cash", 10_000],
      ["purchase", 1_000, "sugar", 11_000],
    ]);
    assert.equal(statement.closing_balance, 11_000);

    const november = await t.ledger.export.workbook(shop.owner, {
      customerId: ahmad.id,
      from: "2026-11-01",
    }) as StatementExport;
    assert.equal(november.opening_balance, 12_550);
    assert.deepEqual(november.rows.map((r) => r[6]), [10_000, 11_000]);
    assert.equal(november.closing_balance, 11_000);

    const october = await t.ledger.export.workbook(shop.owner, {
      customerId: ahmad.id,
      from: "2026-10-01",
      to: "2026-10-31",
    }) as StatementExport;
    assert.equal(october.closing_balance, 12_550);

    const johns = await t.ledger.export.workbook(shop.owner, {
      customerId: john.id,
    }) as StatementExport;
    assert.deepEqual(johns.rows.map((r) => r[3]), [5_000], "the undone purchase is not on it");
    assert.equal(johns.closing_balance, johns.customer.balance);
  });

  suite.test("another shop's customer, and a period that ends before it starts, are refused", async (t) => {
    const { shop, eve } = await busyShop(t);
    await assertLedgerError(
      t.ledger.export.workbook(shop.owner, { customerId: eve.id }),
      "customer_not_found",
    );
    await assertLedgerError(
      t.ledger.export.workbook(shop.owner, { from: "2026-11-02", to: "2026-11-01" }),
      "period_invalid",
    );
  });

  suite.test("over the row budget the answer is too_large, with the rows per month and no rows", async (t) => {
    const { shop, ahmad } = await busyShop(t);
    await t.sql(
      `update public.transactions set created_at = '2026-10-05 10:00Z' where customer_id = $1 and kind = 'purchase'`,
      [ahmad.id],
    );
    const data = await t.ledger.export.workbook(shop.owner, { maxRows: 5 });
    assert.equal(data.too_large, true);
    if (!data.too_large) return;
    assert.equal(data.rows, 3 + 5 + 11 + 1);
    assert.deepEqual(data.counts, { customers: 3, transactions: 5, actions: 11, expenses: 1 });
    const months = Object.fromEntries(data.months);
    assert.equal(months["2026-10"], 1);
    assert.equal(data.months.reduce((s, [, n]) => s + n, 0), 5 + 11 + 1);
    assert.ok(data.months[0][0] > data.months.at(-1)![0], "newest month first");
    assert.equal("transactions" in data, false);

    const statement = await t.ledger.export.workbook(shop.owner, {
      customerId: ahmad.id,
      maxRows: 1,
    });
    assert.equal(statement.too_large, true);
    if (!statement.too_large) return;
    assert.equal(statement.kind, "statement");
    assert.equal(statement.rows, 2);
    assert.deepEqual(statement.customer, { id: ahmad.id, full_name: "أحمد العلي" });
  });

  suite.test("periods, months and the too-large months are the shop's days, in its time zone", async (t) => {
    const { shop, ahmad } = await busyShop(t);
    await t.sql("update public.shops set timezone = 'Asia/Hebron' where id = $1", [shop.shopId]);
    // 00:30 on 1 Nov 2026 in Hebron (UTC+2): November there, October in UTC.
    await t.sql(
      `update public.transactions set created_at = '2026-10-31T22:30:00Z'
        where customer_id = $1 and kind = 'purchase'`,
      [ahmad.id],
    );
    const days = async (from: string, to: string) =>
      (await shopExport(t, shop.owner, { from, to })).transactions
        .filter((r) => r[2] === ahmad.id && r[3] === "purchase").length;
    assert.equal(await days("2026-11-01", "2026-11-30"), 1);
    assert.equal(await days("2026-10-01", "2026-10-31"), 0);
    const data = await shopExport(t, shop.owner, { from: "2026-11-01", to: "2026-11-30" });
    assert.equal(data.head.shop.timezone, "Asia/Hebron");
    assert.equal(data.totals.sold_in_period, 12_550);
    const large = await t.ledger.export.workbook(shop.owner, { maxRows: 5 });
    assert.ok(large.too_large);
    assert.ok(large.months.some(([m, n]) => m === "2026-11" && n >= 1));
    assert.ok(!large.months.some(([m]) => m === "2026-10"));
    const statement = await t.ledger.export.workbook(shop.owner, {
      customerId: ahmad.id,
      from: "2026-11-01",
      to: "2026-11-01",
    }) as StatementExport;
    assert.deepEqual(statement.rows.map((r) => r[3]), [12_550]);
  });
}
