/** Shop settings in the ledger (both engines): auto-archive of settled customers and its undo. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { ledgerSuite } from "../support/ledger_fixtures.ts";
import { latest, undo } from "../support/ledger_steps.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("auto-archive: a payment that settles archives the customer; undoing it restores them", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 500);
    await t.ledger.settings.setArchiveWhenSettled({
      actor: shop.owner,
      updateId: t.updateId(),
      enabled: true,
    });
    const partly = await t.pay(shop.owner, ann.id, 200);
    assert.equal(partly.archived, undefined);
    const settled = await t.ledger.recordPayment({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
      settle: true,
    });
    assert.equal(settled.archived, true);
    assert.ok(settled.customer.archived_at);
    assert.equal((await t.ledger.listCustomers(shop.owner, { query: "Ann" })).total, 0);
    // History keeps them.
    const summary = await t.ledger.customerSummary(shop.owner, ann.id);
    assert.equal(summary.totals.payments, 500);
    const undone = await undo(t, shop.owner, await latest(t, shop.shopId, "payment_recorded"));
    assert.equal(undone.customer?.archived_at, null);
    assert.equal(undone.customer?.balance, 300);
  });
}
