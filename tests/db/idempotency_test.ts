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

  suite.test("a recycled update_id days later is a new update, not a replay", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Recycled Ann");
    // Telegram restarts update_id at a random value after a week without updates, so an
    // id processed long ago can come back on a new message.
    const updateId = 5;
    await t.sql(`delete from public.processed_updates where update_id = $1`, [updateId]);
    const first = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: ann.id,
      amount: 1000,
    });
    await t.sql(
      `update public.processed_updates set processed_at = now() - interval '3 days'
        where update_id = $1`,
      [updateId],
    );
    const second = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: ann.id,
      amount: 250,
    });
    assert.notDeepEqual(second, first, "the new purchase is applied, not the old one replayed");
    assert.equal(second.customer.balance, 1250);
    assert.equal(await t.balanceOf(ann.id), 1250);
    const [row] = await t.sql<{ recent: boolean }>(
      `select processed_at > now() - interval '1 minute' as recent
         from public.processed_updates where update_id = $1`,
      [updateId],
    );
    assert.equal(row.recent, true, "the row now belongs to the new update");
    // And the new update is itself idempotent.
    const again = await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId,
      customerId: ann.id,
      amount: 250,
    });
    assert.deepEqual(again, second);
    assert.equal(await t.balanceOf(ann.id), 1250);
  });

  suite.test("a recycled update_id may serve another person and another operation", async (t) => {
    const { shop, rival } = await t.world();
    const bea = await t.addCustomer(shop.owner, "Recycled Bea");
    const rivalCustomer = await t.addCustomer(rival.owner, "Rival Cal");
    const updateId = 6;
    await t.sql(`delete from public.processed_updates where update_id = $1`, [updateId]);
    await t.ledger.recordPurchase({ actor: shop.owner, updateId, customerId: bea.id, amount: 100 });
    await t.sql(
      `update public.processed_updates set processed_at = now() - interval '8 days'
        where update_id = $1`,
      [updateId],
    );
    const paid = await t.ledger.recordPayment({
      actor: rival.owner,
      updateId,
      customerId: rivalCustomer.id,
      amount: 40,
    });
    assert.equal(paid.customer.balance, -40, "not refused as update_already_used");
    assert.equal(await t.balanceOf(bea.id), 100);
  });

  suite.test("a redelivery of an update from an hour ago is not applied twice", async (t) => {
    const { shop } = await t.world();
    const dov = await t.addCustomer(shop.owner, "Redelivered Dov");
    const input = { actor: shop.owner, updateId: t.updateId(), customerId: dov.id, amount: 300 };
    const first = await t.ledger.recordPurchase(input);
    await t.sql(
      `update public.processed_updates set processed_at = now() - interval '1 hour'
        where update_id = $1`,
      [input.updateId],
    );
    const before = await t.counts(shop.shopId);
    const again = await t.ledger.recordPurchase(input);
    assert.deepEqual(again, first);
    assert.equal(await t.balanceOf(dov.id), 300);
    assert.deepEqual(await t.counts(shop.shopId), before);
    // Just inside a day (Telegram keeps an undelivered update 24 h at most) still replays.
    await t.sql(
      `update public.processed_updates set processed_at = now() - interval '25 hours'
        where update_id = $1`,
      [input.updateId],
    );
    assert.deepEqual(await t.ledger.recordPurchase(input), first);
    assert.equal(await t.balanceOf(dov.id), 300);
  });

  suite.test("expired processed updates are pruned by later writes", async (t) => {
    const { shop } = await t.world();
    const eli = await t.addCustomer(shop.owner, "Pruned Eli");
    // 150 expired rows and one recent row, written directly.
    await t.sql(
      `insert into public.processed_updates (update_id, operation, actor_id, result, processed_at)
       select -g, 'record_purchase', $1, '{}'::jsonb, now() - interval '3 days' - g * interval '1 second'
         from generate_series(1, 150) as g`,
      [shop.owner],
    );
    await t.sql(
      `insert into public.processed_updates (update_id, operation, actor_id, result, processed_at)
       values (-1000, 'record_purchase', $1, '{}'::jsonb, now() - interval '1 day')`,
      [shop.owner],
    );
    const expired = () =>
      t.scalar(
        `select count(*) as value from public.processed_updates
          where update_id < 0 and processed_at < now() - interval '2 days'`,
      );
    await t.purchase(shop.owner, eli.id, 10);
    const afterOne = await expired();
    assert.ok(afterOne < 150, `one write prunes some expired rows (${afterOne} left)`);
    assert.ok(afterOne > 0, "one write prunes a bounded number, not all 150");
    for (let i = 0; i < 20 && (await expired()) > 0; i++) await t.purchase(shop.owner, eli.id, 10);
    assert.equal(await expired(), 0, "later writes prune the rest");
    assert.equal(await t.isProcessed(-1000), true, "a row inside the window is kept");
    await t.sql(`delete from public.processed_updates where update_id = -1000`);
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
