/** Idempotency: a Telegram update applies at most once, however often it arrives. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, ledgerSuite } from "../support/ledger_fixtures.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a redelivered purchase returns the first result and changes nothing", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const before = await t.counts(shop.shopId);
    const updateId = t.updateId();
    const input = { actor: shop.owner, updateId, customerId: ann.id, amount: 1500 };
    const first = await t.ledger.recordPurchase(input);
    const again = await t.ledger.recordPurchase(input);
    const third = await t.ledger.recordPurchase(input);
    assert.deepEqual(again, first);
    assert.deepEqual(third, first);
    const after = await t.counts(shop.shopId);
    assert.equal(after.transactions - before.transactions, 1, "one transaction");
    assert.equal(after.actions - before.actions, 1, "one action");
    assert.equal(after.processedUpdates - before.processedUpdates, 1, "one processed update");
    assert.equal(await t.balanceOf(ann.id), 1500);
    assert.equal(
      await t.scalar(`select count(*) as value from public.actions where update_id = $1`, [
        updateId,
      ]),
      1,
    );
  });

  suite.test("the processed update keeps the operation and the result it returned", async (t) => {
    const { shop } = await t.world();
    const bob = await t.addCustomer(shop.owner, "Bob");
    const updateId = t.updateId();
    const result = await t.ledger.recordPayment({
      actor: shop.owner,
      updateId,
      customerId: bob.id,
      amount: 200,
    });
    const [row] = await t.sql<{ operation: string; result: unknown }>(
      `select operation, result from public.processed_updates where update_id = $1`,
      [updateId],
    );
    assert.deepEqual(row, { operation: "record_payment", result });
  });

  suite.test("a redelivered settle does not pay twice nor fail", async (t) => {
    const { shop } = await t.world();
    const cara = await t.addCustomer(shop.owner, "Cara");
    await t.purchase(shop.owner, cara.id, 800);
    const input = { actor: shop.owner, updateId: t.updateId(), customerId: cara.id, settle: true };
    const first = await t.ledger.recordPayment(input);
    const again = await t.ledger.recordPayment(input);
    assert.deepEqual(again, first, "the stored result, not nothing_to_settle");
    assert.equal(await t.balanceOf(cara.id), 0);
    assert.equal((await t.ledger.customerSummary(shop.owner, cara.id)).totals.payments, 800);
  });

  suite.test("a redelivered add_customer adds one customer", async (t) => {
    const { shop } = await t.world();
    const input = {
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Dan",
      phone: "0501234567",
    };
    const first = await t.ledger.addCustomer(input);
    const again = await t.ledger.addCustomer(input);
    assert.deepEqual(again, first);
    assert.equal(again.same_phone, null, "the redelivery does not see itself as a same phone");
    assert.equal((await t.counts(shop.shopId)).customers, 1);
  });

  suite.test("a redelivered undo undoes once and is not refused as already undone", async (t) => {
    const { shop } = await t.world();
    const eve = await t.addCustomer(shop.owner, "Eve");
    await t.purchase(shop.owner, eve.id, 300);
    await t.purchase(shop.owner, eve.id, 400);
    const input = { actor: shop.owner, updateId: t.updateId() };
    const first = await t.ledger.undoAction(input);
    const again = await t.ledger.undoAction(input);
    assert.deepEqual(again, first);
    assert.equal(await t.balanceOf(eve.id), 300, "only the latest purchase was undone");
    assert.equal((await t.counts(shop.shopId)).voided, 1);
  });

  suite.test("a redelivered /start opens one shop", async (t) => {
    const owner = t.userId();
    const input = {
      actor: owner,
      updateId: t.updateId(),
      displayName: "Fay",
      mayOpenShop: true,
    };
    const first = await t.ledger.startUser(input);
    const again = await t.ledger.startUser(input);
    assert.equal(first.status, "opened");
    assert.deepEqual(again, first);
    assert.equal(
      await t.scalar(`select count(*) as value from public.shops where created_by = $1`, [owner]),
      1,
    );
  });

  suite.test("a redelivery returns the stored result even if its arguments differ", async (t) => {
    const { shop } = await t.world();
    const gil = await t.addCustomer(shop.owner, "Gil");
    const updateId = t.updateId();
    const first = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: gil.id,
      amount: 100,
    });
    const again = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: gil.id,
      amount: 999,
    });
    assert.deepEqual(again, first, "the update id is the key, not the arguments");
    assert.equal(await t.balanceOf(gil.id), 100);
  });

  suite.test("an update id used for one operation is refused for another", async (t) => {
    const { shop } = await t.world();
    const hal = await t.addCustomer(shop.owner, "Hal");
    const updateId = t.updateId();
    await t.ledger.recordPurchase({ actor: shop.owner, updateId, customerId: hal.id, amount: 100 });
    const before = await t.counts(shop.shopId);
    await assertLedgerError(
      t.ledger.recordPayment({ actor: shop.owner, updateId, customerId: hal.id, amount: 100 }),
      "update_already_used",
    );
    await assertLedgerError(
      t.ledger.addCustomer({ actor: shop.owner, updateId, fullName: "Ivy" }),
      "update_already_used",
    );
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId }),
      "update_already_used",
    );
    await assertLedgerError(
      t.ledger.startUser({ actor: t.userId(), updateId, displayName: "X", mayOpenShop: true }),
      "update_already_used",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(await t.balanceOf(hal.id), 100);
  });

  suite.test("a refused operation does not use up its update id", async (t) => {
    const { shop } = await t.world();
    const jon = await t.addCustomer(shop.owner, "Jon");
    const updateId = t.updateId();
    await assertLedgerError(
      t.ledger.recordPurchase({ actor: shop.owner, updateId, customerId: jon.id, amount: 0 }),
      "amount_not_positive",
    );
    assert.equal(await t.isProcessed(updateId), false);
    const corrected = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: jon.id,
      amount: 250,
    });
    assert.equal(corrected.customer.balance, 250, "the corrected retry with the same id applies");
    assert.ok(await t.isProcessed(updateId));
    const redelivered = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: jon.id,
      amount: 250,
    });
    assert.deepEqual(redelivered, corrected);
  });

  suite.test("a refused operation may be retried as a different operation", async (t) => {
    const { shop } = await t.world();
    const updateId = t.updateId();
    await assertLedgerError(
      t.ledger.addCustomer({ actor: shop.owner, updateId, fullName: " " }),
      "name_required",
    );
    const kim = await t.addCustomer(shop.owner, "Kim");
    const paid = await t.ledger.recordPayment({
      actor: shop.owner,
      updateId,
      customerId: kim.id,
      amount: 10,
    });
    assert.equal(paid.customer.balance, -10);
  });

  suite.test("every change needs an update id", async (t) => {
    const { shop } = await t.world();
    const lea = await t.addCustomer(shop.owner, "Lea");
    const none = null as unknown as number;
    const before = await t.counts(shop.shopId);
    await assertLedgerError(
      t.ledger.addCustomer({ actor: shop.owner, updateId: none, fullName: "X" }),
      "update_id_required",
    );
    await assertLedgerError(
      t.ledger.recordPurchase({ actor: shop.owner, updateId: none, customerId: lea.id, amount: 1 }),
      "update_id_required",
    );
    await assertLedgerError(
      t.ledger.recordPayment({ actor: shop.owner, updateId: none, customerId: lea.id, amount: 1 }),
      "update_id_required",
    );
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: none }),
      "update_id_required",
    );
    await assertLedgerError(
      t.ledger.startUser({
        actor: t.userId(),
        updateId: none,
        displayName: "X",
        mayOpenShop: true,
      }),
      "update_id_required",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);
  });

  suite.test("concurrent deliveries of one purchase apply it once", async (t) => {
    const { shop } = await t.world();
    const max = await t.addCustomer(shop.owner, "Max");
    const input = { actor: shop.owner, updateId: t.updateId(), customerId: max.id, amount: 700 };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.ledger.recordPurchase(input)),
    );
    for (const result of results) assert.deepEqual(result, results[0]);
    assert.equal(await t.balanceOf(max.id), 700);
    assert.equal((await t.counts(shop.shopId)).transactions, 1);
  });

  suite.test("concurrent deliveries of one new customer add it once", async (t) => {
    const { shop } = await t.world();
    const input = { actor: shop.clerk, updateId: t.updateId(), fullName: "Nora" };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.ledger.addCustomer(input)),
    );
    for (const result of results) assert.deepEqual(result, results[0]);
    assert.equal((await t.counts(shop.shopId)).customers, 1);
  });

  suite.test("concurrent deliveries of one undo undo once", async (t) => {
    const { shop } = await t.world();
    const omar = await t.addCustomer(shop.owner, "Omar");
    await t.purchase(shop.owner, omar.id, 100);
    await t.purchase(shop.owner, omar.id, 200);
    const input = { actor: shop.owner, updateId: t.updateId() };
    const results = await Promise.all(Array.from({ length: 5 }, () => t.ledger.undoAction(input)));
    for (const result of results) assert.deepEqual(result, results[0]);
    assert.equal(await t.balanceOf(omar.id), 100);
    assert.equal((await t.counts(shop.shopId)).voided, 1);
  });
}
