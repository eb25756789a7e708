/** Links and merge in the ledger (both engines): merges undone exactly, linking groups and undo. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, ledgerSuite } from "../support/ledger_fixtures.ts";
import { latest, undo, withPin } from "../support/ledger_steps.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a merge is undone exactly, also after one of the moved entries was voided", async (t) => {
    const { shop, rival } = await t.world();
    const keep = await t.addCustomer(shop.owner, "Keep", { phone: "0591000001", tags: ["vip"] });
    const dup = await t.addCustomer(shop.owner, "Dup", {
      phone: "0591000002",
      nicknames: ["D"],
      tags: ["vip", "late"],
    });
    await t.purchase(shop.owner, keep.id, 1000);
    const p1 = await t.purchase(shop.owner, dup.id, 700);
    await t.pay(shop.owner, dup.id, 200);
    await withPin(t, shop);
    await assertLedgerError(
      t.ledger.links.merge({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: keep.id,
        duplicateId: keep.id,
      }),
      "same_customer",
    );
    const other = await t.addCustomer(rival.owner, "Elsewhere");
    await assertLedgerError(
      t.ledger.links.merge({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: keep.id,
        duplicateId: other.id,
      }),
      "customer_not_found",
    );
    const merged = await t.ledger.links.merge({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      duplicateId: dup.id,
    });
    assert.equal(merged.customer.balance, 1500);
    assert.equal(merged.moved_transactions, 2);
    assert.deepEqual(merged.customer.tags, ["late", "vip"]);
    assert.equal(await t.balanceOf(dup.id), 0);
    // After the merge, the duplicate's purchase is undone on the survivor.
    await undo(
      t,
      shop.owner,
      await t.scalar(`select id as value from public.actions where transaction_id = $1`, [
        p1.transaction.id,
      ]),
    );
    assert.equal(await t.balanceOf(keep.id), 800);
    // A later tag on the survivor survives the split.
    await t.ledger.tags.tag({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      tags: ["new"],
    });
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_merged"));
    const [k, d] = await t.sql<Record<string, unknown>>(
      `select balance::int, phone, other_phones, nicknames, tags, archived_at, merged_into
         from public.customers where id in ($1, $2) order by id`,
      [keep.id, dup.id],
    );
    assert.deepEqual({ ...k }, {
      balance: 1000,
      phone: "0591000001",
      other_phones: [],
      nicknames: [],
      tags: ["new", "vip"],
      archived_at: null,
      merged_into: null,
    });
    assert.deepEqual({ ...d }, {
      balance: -200,
      phone: "0591000002",
      other_phones: [],
      nicknames: ["D"],
      tags: ["late", "vip"],
      archived_at: null,
      merged_into: null,
    });
    assert.equal(
      await t.scalar(`select count(*) as value from public.transactions where customer_id = $1`, [
        dup.id,
      ]),
      2,
    );
  });

  suite.test("a merge cannot be undone once its survivor was merged on, and a merged duplicate's 'added' cannot be undone", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop);
    const [a, b, c] = [
      await t.addCustomer(shop.owner, "A"),
      await t.addCustomer(shop.owner, "B"),
      await t.addCustomer(shop.owner, "C"),
    ];
    await t.purchase(shop.owner, b.id, 100);
    const merge = (keep: number, dup: number) =>
      t.ledger.links.merge({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: keep,
        duplicateId: dup,
      });
    await merge(a.id, b.id);
    const first = await latest(t, shop.shopId, "customers_merged");
    await merge(c.id, a.id);
    await assertLedgerError(undo(t, shop.owner, first), "changed_since");
    const added = await t.scalar(
      `select id as value from public.actions where customer_id = $1 and action = 'customer_added'`,
      [b.id],
    );
    await assertLedgerError(undo(t, shop.owner, added), "customer_merged");
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_merged"));
    await undo(t, shop.owner, first);
    assert.equal(await t.balanceOf(b.id), 100);
  });

  suite.test("linking joins groups, refuses linking twice, and each undo puts the groups back", async (t) => {
    const { shop } = await t.world();
    const [a, b, c, d] = await Promise.all(
      ["A", "B", "C", "D"].map((n) => t.addCustomer(shop.owner, n)),
    );
    const link = (x: number, y: number) =>
      t.ledger.links.link({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: x,
        otherId: y,
      });
    await link(a.id, b.id);
    await link(c.id, d.id);
    await assertLedgerError(link(b.id, a.id), "already_linked");
    const joined = await link(a.id, c.id);
    assert.deepEqual(joined.links.customers.map((x) => x.full_name), ["B", "C", "D"]);
    await assertLedgerError(link(d.id, b.id), "already_linked");
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_linked"));
    const summary = await t.ledger.customerSummary(shop.owner, c.id);
    assert.deepEqual(summary.links?.customers.map((x) => x.full_name), ["D"]);
    await t.ledger.links.unlink({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: a.id,
    });
    await assertLedgerError(
      t.ledger.links.unlink({ actor: shop.owner, updateId: t.updateId(), customerId: b.id }),
      "not_linked",
    );
    await undo(t, shop.owner, await latest(t, shop.shopId, "customer_unlinked"));
    assert.deepEqual(
      (await t.ledger.customerSummary(shop.owner, b.id)).links?.customers.map((x) => x.full_name),
      ["A"],
    );
  });
}
