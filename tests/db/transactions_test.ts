/** A customer's transactions (list_transactions, transaction_details): filters, who, access. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, ledgerSuite } from "../support/ledger_fixtures.ts";
import { latest, undo } from "../support/ledger_steps.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("list_transactions filters by tag and time, newest first, with who recorded and voided", async (t) => {
    const { shop, rival } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const a = await t.purchase(shop.owner, ann.id, 100, "milk #dairy");
    const b = await t.purchase(shop.clerk, ann.id, 200, "bread");
    await t.sql(
      `update public.transactions set created_at = '2026-01-15T10:00:00Z' where id = $1`,
      [a.transaction.id],
    );
    const all = await t.ledger.transactions.list(shop.owner, ann.id);
    assert.deepEqual(all.transactions.map((x) => x.id), [b.transaction.id, a.transaction.id]);
    assert.equal(all.transactions[0].recorded_by_name, shop.clerkName);
    const dairy = await t.ledger.transactions.list(shop.owner, ann.id, { tag: "#Dairy" });
    assert.deepEqual(dairy.transactions.map((x) => x.id), [a.transaction.id]);
    const january = await t.ledger.transactions.list(shop.owner, ann.id, {
      from: "2026-01-01T00:00:00Z",
      to: "2026-02-01T00:00:00Z",
    });
    assert.equal(january.total, 1);
    await undo(t, shop.owner, await latest(t, shop.shopId, "purchase_recorded"));
    const detail = await t.ledger.transactions.details(shop.owner, b.transaction.id);
    assert.equal(detail.transaction.voided_by_name, shop.ownerName);
    assert.equal(detail.undoable, false);
    await assertLedgerError(
      t.ledger.transactions.details(rival.owner, b.transaction.id),
      "transaction_not_found",
    );
    await assertLedgerError(
      t.ledger.transactions.list(rival.owner, ann.id),
      "customer_not_found",
    );
  });
}
