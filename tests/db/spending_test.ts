/** The shop's own spending: recording, listing by month, suggestions, undo; both engines. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

function spend(
  t: LedgerContext,
  actor: number,
  item: string,
  price: number,
  vendor: string | null = null,
  category: string | null = null,
) {
  return t.ledger.spending.record({ actor, updateId: t.updateId(), item, price, vendor, category });
}

/** Moves an expense into another month (by raw SQL; months are the shop's, UTC here). */
async function backdate(t: LedgerContext, id: number, iso: string) {
  await t.sql(`update public.expenses set created_at = $2::timestamptz where id = $1`, [id, iso]);
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("an expense is recorded with one action-log row and the month's total", async (t) => {
    const { shop } = await t.world();
    const first = await spend(t, shop.owner, "  milk   crates ", 1250, "Dairy Co", "supplies");
    assert.deepEqual(
      { ...first.expense, id: 0, created_at: "" },
      {
        id: 0,
        item: "milk crates",
        price: 1250,
        vendor: "Dairy Co",
        category: "supplies",
        recorded_by: shop.owner,
        recorded_by_name: shop.ownerName,
        created_at: "",
        voided_at: null,
      },
    );
    assert.equal(first.month_total, 1250);
    assert.match(first.month, /^\d{4}-\d{2}$/);
    const second = await spend(t, shop.clerk, "bags", 300);
    assert.equal(second.month_total, 1550, "a clerk records spending too");
    assert.equal(second.expense.vendor, null);
    const log = await t.sql<{ action: string; info: Record<string, unknown> }>(
      `select action, action_info as info from public.actions
        where shop_id = $1 and action = 'expense_recorded' order by id`,
      [shop.shopId],
    );
    assert.deepEqual(log.map((r) => [r.info.expense_id, r.info.item, r.info.price]), [
      [first.expense.id, "milk crates", 1250],
      [second.expense.id, "bags", 300],
    ]);
  });

  suite.test("a vendor or category keeps the spelling the shop first used", async (t) => {
    const { shop } = await t.world();
    await spend(t, shop.owner, "milk", 100, "Dairy Co", "Supplies");
    const again = await spend(t, shop.owner, "cheese", 200, "  dairy   CO", "supplies");
    assert.equal(again.expense.vendor, "Dairy Co");
    assert.equal(again.expense.category, "Supplies");
    const list = await t.ledger.spending.list(shop.owner);
    assert.deepEqual(list.totals.by_vendor, [{ vendor: "Dairy Co", total: 300, count: 2 }]);
  });

  suite.test("bad input is refused and records nothing", async (t) => {
    const { shop } = await t.world();
    const before = await t.counts(shop.shopId);
    await assertLedgerError(spend(t, shop.owner, "  ", 100), "item_required");
    await assertLedgerError(spend(t, shop.owner, "x".repeat(201), 100), "item_too_long");
    await assertLedgerError(spend(t, shop.owner, "milk", 0), "amount_not_positive");
    await assertLedgerError(spend(t, shop.owner, "milk", -5), "amount_not_positive");
    await assertLedgerError(spend(t, shop.owner, "milk", 1e12 + 1), "amount_too_large");
    await assertLedgerError(spend(t, shop.owner, "milk", 1, "v".repeat(101)), "vendor_too_long");
    await assertLedgerError(
      spend(t, shop.owner, "milk", 1, null, "c".repeat(61)),
      "category_too_long",
    );
    await assertLedgerError(spend(t, t.userId(), "milk", 100), "not_a_member");
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(
      await t.scalar(`select count(*) as value from public.expenses where shop_id = $1`, [
        shop.shopId,
      ]),
      0,
    );
  });

  suite.test("a redelivered /spend records once", async (t) => {
    const { shop } = await t.world();
    const args = { actor: shop.owner, updateId: t.updateId(), item: "rent", price: 50000 };
    const first = await t.ledger.spending.record(args);
    const again = await t.ledger.spending.record(args);
    assert.deepEqual(again, first);
    assert.equal(
      await t.scalar(`select count(*) as value from public.expenses where shop_id = $1`, [
        shop.shopId,
      ]),
      1,
    );
  });

  suite.test("the list: latest ten, and a month's totals per category and vendor", async (t) => {
    const { shop, rival } = await t.world();
    const october = await spend(t, shop.owner, "old rent", 90000, "Landlord", "rent");
    await backdate(t, october.expense.id, "2024-10-31T23:59:59Z");
    const november = await spend(t, shop.owner, "rent", 100000, "Landlord", "rent");
    await backdate(t, november.expense.id, "2024-11-01T00:00:00Z");
    for (let i = 1; i <= 11; i++) {
      const e = await spend(t, shop.clerk, `milk ${i}`, 100 * i, "Dairy Co", "supplies");
      await backdate(t, e.expense.id, `2024-11-${String(i + 1).padStart(2, "0")}T10:00:00Z`);
    }
    const bags = await spend(t, shop.owner, "bags", 250);
    await backdate(t, bags.expense.id, "2024-11-20T10:00:00Z");
    await spend(t, rival.owner, "rival's rent", 7, "Landlord", "rent");

    const nov = await t.ledger.spending.list(shop.owner, { month: "2024-11" });
    assert.equal(nov.month, "2024-11");
    assert.equal(nov.recent.length, 10);
    assert.deepEqual(nov.recent.slice(0, 3).map((e) => e.item), ["bags", "milk 11", "milk 10"]);
    assert.equal(nov.recent[1].recorded_by_name, shop.clerkName);
    const milk = 100 * (11 * 12) / 2;
    assert.deepEqual(nov.totals.total, 100000 + milk + 250);
    assert.equal(nov.totals.count, 13);
    assert.deepEqual(nov.totals.by_category, [
      { category: "rent", total: 100000, count: 1 },
      { category: "supplies", total: milk, count: 11 },
      { category: null, total: 250, count: 1 },
    ]);
    assert.deepEqual(nov.totals.by_vendor, [
      { vendor: "Landlord", total: 100000, count: 1 },
      { vendor: "Dairy Co", total: milk, count: 11 },
      { vendor: null, total: 250, count: 1 },
    ]);

    const oct = await t.ledger.spending.list(shop.owner, { month: "2024-10" });
    assert.deepEqual(oct.recent.map((e) => e.item), ["old rent"]);
    assert.equal(oct.totals.total, 90000);
    const empty = await t.ledger.spending.list(shop.owner, { month: "2020-01" });
    assert.deepEqual([empty.recent, empty.totals.total, empty.totals.by_vendor], [[], 0, []]);

    // Without a month: the latest overall, and this month's totals (nothing this month).
    const now = await t.ledger.spending.list(shop.owner);
    assert.equal(now.month, new Date().toISOString().slice(0, 7));
    assert.equal(now.recent.length, 10);
    assert.equal(now.totals.total, 0);
  });

  suite.test("suggestions are the latest vendors and categories, newest first", async (t) => {
    const { shop } = await t.world();
    assert.deepEqual(await t.ledger.spending.suggestions(shop.owner), {
      vendors: [],
      categories: [],
    });
    await spend(t, shop.owner, "a", 1, "Alpha", "one");
    await spend(t, shop.owner, "b", 1, "Beta", "two");
    await spend(t, shop.owner, "c", 1, "Alpha", null);
    const s = await t.ledger.spending.suggestions(shop.owner);
    assert.deepEqual(s, { vendors: ["Alpha", "Beta"], categories: ["two", "one"] });
    assert.deepEqual((await t.ledger.spending.suggestions(shop.owner, 1)).vendors, ["Alpha"]);
  });

  suite.test("undo voids an expense once; it then counts nowhere", async (t) => {
    const { shop } = await t.world();
    await spend(t, shop.owner, "keep", 100, "V", "c");
    const wrong = await spend(t, shop.clerk, "typo", 999, "V", "c");
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: 999999999 }),
      "action_not_found",
    );
    const undone = await t.ledger.undoAction({ actor: shop.clerk, updateId: t.updateId() });
    assert.equal(undone.undone.action, "expense_recorded");
    assert.equal(undone.customer, null);
    const [row] = await t.sql<{ voided_by: string }>(
      `select voided_by::text from public.expenses where id = $1`,
      [wrong.expense.id],
    );
    assert.equal(row.voided_by, String(shop.clerk));
    const list = await t.ledger.spending.list(shop.owner);
    assert.deepEqual(list.recent.map((e) => e.item), ["keep"]);
    assert.equal(list.totals.total, 100);
    await assertLedgerError(
      t.ledger.undoAction({
        actor: shop.owner,
        updateId: t.updateId(),
        actionId: undone.undone.id,
      }),
      "already_undone",
    );
    const history = await t.ledger.listActions(shop.owner, { limit: 2 });
    assert.equal(history.actions[0].action, "action_undone");
    assert.equal(history.actions[0].info.undone_action, "expense_recorded");
    assert.equal(history.actions[1].undoable, false);
  });

  suite.test("a clerk cannot undo the owner's expense; the owner can undo the clerk's", async (t) => {
    const { shop } = await t.world();
    const owners = await spend(t, shop.owner, "owner's", 100);
    const [action] = await t.sql<{ id: string }>(
      `select id::text from public.actions where action_info->>'expense_id' = $1`,
      [String(owners.expense.id)],
    );
    await assertLedgerError(
      t.ledger.undoAction({
        actor: shop.clerk,
        updateId: t.updateId(),
        actionId: Number(action.id),
      }),
      "owner_only",
    );
    await spend(t, shop.clerk, "clerk's", 100);
    const undone = await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    assert.equal(undone.undone.info.item, "clerk's");
  });
}
