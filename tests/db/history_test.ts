/**
 * History and undo in the ledger (both engines): the action log (list_actions),
 * undo_action, and who acted as they were at the time.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import type { ShopExport } from "../../shared/db/ledger/export.ts";

/** The id of the action that recorded a transaction. */
async function actionOf(t: LedgerContext, transactionId: number): Promise<number> {
  return await t.scalar(
    `select id as value from public.actions
      where transaction_id = $1 and action in ('purchase_recorded', 'payment_recorded')`,
    [transactionId],
  );
}

/** The id of the customer_added action of a customer. */
function addedActionOf(t: LedgerContext, customerId: number): Promise<number> {
  return t.scalar(
    `select id as value from public.actions where customer_id = $1 and action = 'customer_added'`,
    [customerId],
  );
}

/** Sets the shop PIN (the owner holds a grant afterwards). */
async function withPin(t: LedgerContext, owner: number, pin = "4826"): Promise<void> {
  await t.ledger.pin.set({ actor: owner, updateId: t.updateId(), pin });
}

/** Ends every PIN grant of a shop, as five minutes passing would. */
async function expireGrants(t: LedgerContext, shopId: number): Promise<void> {
  await t.sql(
    "update public.member_pins set valid_until = now() - interval '1 second' where shop_id = $1",
    [shopId],
  );
}

/** Gives a member a right PIN now. */
async function givePin(t: LedgerContext, actor: number, pin = "4826"): Promise<void> {
  const check = await t.ledger.pin.verify({ actor, updateId: t.updateId(), pin });
  assert.equal(check.ok, true);
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  // --------------------------------------------------------------------------
  // Undo
  // --------------------------------------------------------------------------

  suite.test("undoing a purchase voids it and restores the balance", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 1000);
    const wrong = await t.purchase(shop.owner, ann.id, 300, "wrong");
    const target = await actionOf(t, wrong.transaction.id);
    const undone = await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: target,
    });
    assert.equal(undone.undone.id, target);
    assert.equal(undone.undone.action, "purchase_recorded");
    assert.equal(undone.undone.info.amount, 300);
    assert.equal(undone.customer?.balance, 1000);
    assert.equal(await t.balanceOf(ann.id), 1000);
    const [tx] = await t.sql<{ voided: boolean; voided_by: unknown }>(
      `select voided_at is not null as voided, voided_by from public.transactions where id = $1`,
      [wrong.transaction.id],
    );
    assert.deepEqual({ ...tx, voided_by: Number(tx.voided_by) }, {
      voided: true,
      voided_by: shop.owner,
    });
    const [log] = await t.sql<{ undone: boolean; by: unknown }>(
      `select undone_at is not null as undone, undone_by_action_id as by
         from public.actions where id = $1`,
      [target],
    );
    assert.deepEqual({ ...log, by: Number(log.by) }, { undone: true, by: undone.undo_action_id });
  });

  suite.test("undoing a payment brings back what was owed", async (t) => {
    const { shop } = await t.world();
    const bob = await t.addCustomer(shop.owner, "Bob");
    await t.purchase(shop.owner, bob.id, 1000);
    const paid = await t.pay(shop.owner, bob.id, 1500);
    assert.equal(paid.customer.balance, -500);
    const undone = await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: await actionOf(t, paid.transaction.id),
    });
    assert.equal(undone.undone.action, "payment_recorded");
    assert.equal(undone.customer?.balance, 1000);
    const summary = await t.ledger.customerSummary(shop.owner, bob.id);
    assert.equal(summary.totals.payments, 0);
  });

  suite.test("undoing an added customer archives them", async (t) => {
    const { shop } = await t.world();
    const cara = await t.addCustomer(shop.owner, "Cara");
    const undone = await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: await addedActionOf(t, cara.id),
    });
    assert.equal(undone.undone.action, "customer_added");
    assert.equal(undone.customer?.id, cara.id);
    assert.ok(undone.customer?.archived_at, "the result shows the customer archived");
    assert.equal(
      await t.scalar(
        `select count(*) as value from public.customers where id = $1 and archived_at is not null`,
        [cara.id],
      ),
      1,
    );
    assert.equal((await t.ledger.listCustomers(shop.owner)).total, 0);
  });

  suite.test("a customer with purchases or payments cannot be un-added", async (t) => {
    const { shop } = await t.world();
    const dan = await t.addCustomer(shop.owner, "Dan");
    const bought = await t.purchase(shop.owner, dan.id, 250);
    const added = await addedActionOf(t, dan.id);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: added }),
      "customer_has_transactions",
    );
    assert.equal(
      await t.scalar(
        `select count(*) as value from public.customers where id = $1 and archived_at is null`,
        [
          dan.id,
        ],
      ),
      1,
    );
    await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: await actionOf(t, bought.transaction.id),
    });
    const undone = await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: added,
    });
    assert.ok(undone.customer?.archived_at, "once its purchase is undone, it can be un-added");
  });

  suite.test("an action cannot be undone twice", async (t) => {
    const { shop } = await t.world();
    const eve = await t.addCustomer(shop.owner, "Eve");
    const bought = await t.purchase(shop.owner, eve.id, 400);
    const target = await actionOf(t, bought.transaction.id);
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: target });
    const before = await t.counts(shop.shopId);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: target }),
      "already_undone",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(await t.balanceOf(eve.id), 0);
  });

  suite.test("with nothing left to undo, undo says so", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() }),
      "nothing_to_undo",
    );
    const fay = await t.addCustomer(shop.owner, "Fay");
    await t.purchase(shop.owner, fay.id, 100);
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() }),
      "nothing_to_undo",
    );
  });

  suite.test("an undo cannot itself be undone, nor can opening the shop", async (t) => {
    const { shop } = await t.world();
    const gil = await t.addCustomer(shop.owner, "Gil");
    await t.purchase(shop.owner, gil.id, 100);
    const undo = await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    await assertLedgerError(
      t.ledger.undoAction({
        actor: shop.owner,
        updateId: t.updateId(),
        actionId: undo.undo_action_id,
      }),
      "not_undoable",
    );
    const opened = await t.scalar(
      `select id as value from public.actions where shop_id = $1 and action = 'shop_opened'`,
      [shop.shopId],
    );
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: opened }),
      "not_undoable",
    );
    assert.equal(await t.balanceOf(gil.id), 0);
  });

  suite.test("another shop's action cannot be undone", async (t) => {
    const { shop, rival } = await t.world();
    const theirs = await t.addCustomer(rival.owner, "Hal");
    const bought = await t.purchase(rival.owner, theirs.id, 900);
    await assertLedgerError(
      t.ledger.undoAction({
        actor: shop.owner,
        updateId: t.updateId(),
        actionId: await actionOf(t, bought.transaction.id),
      }),
      "action_not_found",
    );
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: 999_999_999 }),
      "action_not_found",
    );
    assert.equal(await t.balanceOf(theirs.id), 900);
  });

  suite.test("the undo is logged as action_undone pointing at what it undid", async (t) => {
    const { shop } = await t.world();
    const ivy = await t.addCustomer(shop.owner, "Ivy");
    const bought = await t.purchase(shop.clerk, ivy.id, 650, "tea");
    const target = await actionOf(t, bought.transaction.id);
    const updateId = t.updateId();
    const undo = await t.ledger.undoAction({ actor: shop.owner, updateId, actionId: target });
    const [logged, undone] = (await t.ledger.listActions(shop.owner, { limit: 2 })).actions;
    assert.equal(
      await t.scalar(`select update_id as value from public.actions where id = $1`, [logged.id]),
      updateId,
      "the undo remembers the update that asked for it",
    );
    assert.equal(logged.id, undo.undo_action_id);
    assert.equal(logged.action, "action_undone");
    assert.equal(logged.actor_id, shop.owner);
    assert.equal(logged.customer_id, ivy.id);
    assert.equal(logged.transaction_id, bought.transaction.id);
    assert.equal(logged.undoes_action_id, target);
    assert.equal(logged.undoable, false);
    assert.deepEqual(logged.info, {
      undone_action: "purchase_recorded",
      undone_action_id: target,
      undone_info: {
        kind: "purchase",
        amount: 650,
        description: "tea",
        balance_before: 0,
        balance_after: 650,
      },
      balance_after: 0,
    });
    assert.equal(undone.id, target);
    assert.ok(undone.undone_at);
    assert.equal(undone.undoable, false);
  });

  suite.test("undo without an action id undoes the latest undoable action", async (t) => {
    const { shop } = await t.world();
    const jon = await t.addCustomer(shop.owner, "Jon");
    const first = await t.purchase(shop.owner, jon.id, 100);
    const second = await t.purchase(shop.clerk, jon.id, 200);
    const a = await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    assert.equal(
      a.undone.id,
      await actionOf(t, second.transaction.id),
      "the owner undoes anyone's",
    );
    const b = await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    assert.equal(b.undone.id, await actionOf(t, first.transaction.id), "undone ones are skipped");
    const c = await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    assert.equal(c.undone.action, "customer_added");
    assert.equal(await t.balanceOf(jon.id), 0);
  });

  suite.test("a clerk's undo without an id undoes their own latest action", async (t) => {
    const { shop } = await t.world();
    const kim = await t.addCustomer(shop.owner, "Kim");
    const clerks = await t.purchase(shop.clerk, kim.id, 300);
    await t.purchase(shop.owner, kim.id, 500);
    const undone = await t.ledger.undoAction({ actor: shop.clerk, updateId: t.updateId() });
    assert.equal(undone.undone.id, await actionOf(t, clerks.transaction.id));
    assert.equal(undone.customer?.balance, 500);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.clerk, updateId: t.updateId() }),
      "nothing_to_undo",
    );
  });

  suite.test("a clerk cannot undo the owner's action", async (t) => {
    const { shop } = await t.world();
    const lea = await t.addCustomer(shop.owner, "Lea");
    const bought = await t.purchase(shop.owner, lea.id, 700);
    const before = await t.counts(shop.shopId);
    await assertLedgerError(
      t.ledger.undoAction({
        actor: shop.clerk,
        updateId: t.updateId(),
        actionId: await actionOf(t, bought.transaction.id),
      }),
      "owner_only",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(await t.balanceOf(lea.id), 700);
  });

  suite.test("an owner can undo a clerk's action", async (t) => {
    const { shop } = await t.world();
    const max = await t.addCustomer(shop.clerk, "Max");
    const bought = await t.purchase(shop.clerk, max.id, 450);
    const undone = await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: await actionOf(t, bought.transaction.id),
    });
    assert.equal(undone.customer?.balance, 0);
  });

  // --------------------------------------------------------------------------
  // History
  // --------------------------------------------------------------------------

  suite.test("the history shows who did what for whom, newest first", async (t) => {
    const { shop } = await t.world();
    const nora = await t.addCustomer(shop.owner, "Nora");
    await t.purchase(shop.clerk, nora.id, 1200, "flour");
    await t.pay(shop.owner, nora.id, 200);
    const history = await t.ledger.listActions(shop.owner, { limit: 10 });
    assert.equal(history.total, 4);
    assert.equal(history.shop.id, shop.shopId);
    assert.deepEqual(
      history.actions.map((a) => [a.action, a.actor_name, a.customer_name]),
      [
        ["payment_recorded", shop.ownerName, "Nora"],
        ["purchase_recorded", shop.clerkName, "Nora"],
        ["customer_added", shop.ownerName, "Nora"],
        ["shop_opened", shop.ownerName, null],
      ],
    );
    const ids = history.actions.map((a) => a.id);
    assert.deepEqual(ids, [...ids].sort((x, y) => y - x), "newest first");
    assert.ok(history.actions.every((a) => typeof a.created_at === "string"));
  });

  suite.test("the history can be narrowed to one member", async (t) => {
    const { shop } = await t.world();
    const omar = await t.addCustomer(shop.owner, "Omar");
    await t.purchase(shop.clerk, omar.id, 100);
    await t.purchase(shop.clerk, omar.id, 200);
    await t.purchase(shop.owner, omar.id, 300);
    const clerks = await t.ledger.listActions(shop.owner, { member: shop.clerk });
    assert.equal(clerks.total, 2);
    assert.deepEqual(clerks.actions.map((a) => a.info.amount), [200, 100]);
    assert.ok(clerks.actions.every((a) => a.actor_id === shop.clerk));
  });

  suite.test("the history is paginated", async (t) => {
    const { shop } = await t.world();
    const pia = await t.addCustomer(shop.owner, "Pia");
    for (let i = 1; i <= 5; i++) await t.purchase(shop.owner, pia.id, i);
    const page1 = await t.ledger.listActions(shop.owner, { limit: 3 });
    const page2 = await t.ledger.listActions(shop.owner, { limit: 3, offset: 3 });
    assert.equal(page1.total, 7);
    assert.equal(page2.total, 7);
    assert.deepEqual(page1.actions.map((a) => a.info.amount), [5, 4, 3]);
    assert.deepEqual(page2.actions.map((a) => a.info.amount ?? a.action), [
      2,
      1,
      "customer_added",
    ]);
  });

  suite.test("a clerk sees only their own actions as undoable", async (t) => {
    const { shop } = await t.world();
    const quinn = await t.addCustomer(shop.owner, "Quinn");
    await t.purchase(shop.clerk, quinn.id, 100);
    await t.purchase(shop.owner, quinn.id, 100);
    const undoable = async (actor: number) =>
      (await t.ledger.listActions(actor)).actions.map((a) => [a.action, a.actor_id, a.undoable]);
    assert.deepEqual(await undoable(shop.clerk), [
      ["purchase_recorded", shop.owner, false],
      ["purchase_recorded", shop.clerk, true],
      ["customer_added", shop.owner, false],
      ["shop_opened", shop.owner, false],
    ]);
    assert.deepEqual(await undoable(shop.owner), [
      ["purchase_recorded", shop.owner, true],
      ["purchase_recorded", shop.clerk, true],
      ["customer_added", shop.owner, false], // Quinn has purchases: undo those first
      ["shop_opened", shop.owner, false],
    ]);
  });

  suite.test("another shop's actions never appear in the history", async (t) => {
    const { shop, rival } = await t.world();
    const theirs = await t.addCustomer(rival.owner, "Rui");
    await t.purchase(rival.owner, theirs.id, 100);
    const history = await t.ledger.listActions(shop.owner, { limit: 100 });
    assert.deepEqual(history.actions.map((a) => a.action), ["shop_opened"]);
    const filtered = await t.ledger.listActions(shop.owner, { member: rival.owner });
    assert.equal(filtered.total, 0);
  });

  // --------------------------------------------------------------------------
  // Undo that lowers a debt (or repeats a protected action) is as protected as the action
  // --------------------------------------------------------------------------

  suite.test("undoing a purchase needs the PIN when the shop has one (clerk and owner)", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop.owner);
    await expireGrants(t, shop.shopId);
    const ann = await t.addCustomer(shop.clerk, "Ann");
    const bought = await t.purchase(shop.clerk, ann.id, 3000, "sugar");
    const target = await actionOf(t, bought.transaction.id);
    const before = await t.counts(shop.shopId);
    for (const actor of [shop.clerk, shop.owner]) {
      await assertLedgerError(
        t.ledger.undoAction({ actor, updateId: t.updateId(), actionId: target }),
        "pin_required",
      );
      // Without an id too: the latest undoable action is the purchase.
      await assertLedgerError(
        t.ledger.undoAction({ actor, updateId: t.updateId() }),
        "pin_required",
      );
    }
    assert.deepEqual(await t.counts(shop.shopId), before, "nothing changed");
    assert.equal(await t.balanceOf(ann.id), 3000);
    await givePin(t, shop.clerk);
    const undone = await t.ledger.undoAction({
      actor: shop.clerk,
      updateId: t.updateId(),
      actionId: target,
    });
    assert.equal(undone.customer?.balance, 0);
  });

  suite.test("the history says which undos will ask for the PIN", async (t) => {
    const { shop } = await t.world();
    const bo = await t.addCustomer(shop.clerk, "Bo");
    await t.purchase(shop.clerk, bo.id, 100);
    await t.pay(shop.clerk, bo.id, 50);
    const needs = async () =>
      (await t.ledger.listActions(shop.clerk, { limit: 3 })).actions.map((a) => [
        a.action,
        a.undo_needs_pin,
      ]);
    // No PIN set: nothing asks for one.
    assert.deepEqual(await needs(), [
      ["payment_recorded", false],
      ["purchase_recorded", false],
      ["customer_added", false],
    ]);
    await withPin(t, shop.owner);
    await t.pay(shop.owner, bo.id, 10);
    assert.deepEqual(await needs(), [
      ["payment_recorded", false],
      ["pin_set", false],
      ["payment_recorded", false],
    ]);
    const all = await t.ledger.listActions(shop.clerk, { limit: 10 });
    assert.deepEqual(
      all.actions.filter((a) => a.undo_needs_pin).map((a) => a.action),
      ["purchase_recorded"],
    );
  });

  suite.test("undoing a payment (raising the debt) needs no PIN", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop.owner);
    const cy = await t.addCustomer(shop.clerk, "Cy");
    await givePin(t, shop.owner);
    await t.purchase(shop.clerk, cy.id, 1000);
    await givePin(t, shop.clerk);
    const paid = await t.pay(shop.clerk, cy.id, 400);
    await expireGrants(t, shop.shopId);
    const undone = await t.ledger.undoAction({
      actor: shop.clerk,
      updateId: t.updateId(),
      actionId: await actionOf(t, paid.transaction.id),
    });
    assert.equal(undone.customer?.balance, 1000);
  });

  suite.test("a PIN lockout blocks debt-lowering undos, not the others", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop.owner);
    const di = await t.addCustomer(shop.clerk, "Di");
    const bought = await t.purchase(shop.clerk, di.id, 700);
    await givePin(t, shop.clerk);
    const paid = await t.pay(shop.clerk, di.id, 200);
    // The clerk had a grant, then five wrong PINs lock them out.
    for (let i = 0; i < 5; i++) {
      await t.ledger.pin.verify({ actor: shop.clerk, updateId: t.updateId(), pin: "0000" });
    }
    await t.sql(
      "update public.member_pins set valid_until = now() + interval '5 minutes' where telegram_user_id = $1",
      [shop.clerk],
    );
    await assertLedgerError(
      t.ledger.undoAction({
        actor: shop.clerk,
        updateId: t.updateId(),
        actionId: await actionOf(t, bought.transaction.id),
      }),
      "pin_locked",
    );
    const undone = await t.ledger.undoAction({
      actor: shop.clerk,
      updateId: t.updateId(),
      actionId: await actionOf(t, paid.transaction.id),
    });
    assert.equal(undone.undone.action, "payment_recorded");
  });

  suite.test("undoing a merge needs the owner and the PIN; undoing a rename needs the PIN", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop.owner);
    const keep = await t.addCustomer(shop.owner, "Eve");
    const dup = await t.addCustomer(shop.owner, "Eva");
    await t.purchase(shop.owner, dup.id, 900);
    await t.ledger.links.merge({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      duplicateId: dup.id,
    });
    const merged = await t.scalar(
      "select id as value from public.actions where action = 'customers_merged' and customer_id = $1",
      [keep.id],
    );
    await t.sql("update public.actions set actor_id = $1 where id = $2", [shop.clerk, merged]);
    await givePin(t, shop.clerk);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.clerk, updateId: t.updateId(), actionId: merged }),
      "owner_only",
    );
    await t.sql("update public.actions set actor_id = $1 where id = $2", [shop.owner, merged]);
    await expireGrants(t, shop.shopId);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: merged }),
      "pin_required",
    );
    assert.equal(await t.balanceOf(keep.id), 900);
    await givePin(t, shop.owner);
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: merged });
    assert.equal(await t.balanceOf(keep.id), 0);
    assert.equal(await t.balanceOf(dup.id), 900);

    await t.ledger.customers.rename({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      fullName: "Eve Adams",
    });
    await expireGrants(t, shop.shopId);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() }),
      "pin_required",
    );
    await givePin(t, shop.owner);
    const back = await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    assert.equal(back.customer?.full_name, "Eve");
  });

  suite.test("a clerk cannot undo a setting change, even one logged as theirs", async (t) => {
    const { shop } = await t.world();
    await t.ledger.settings.setArchiveWhenSettled({
      actor: shop.owner,
      updateId: t.updateId(),
      enabled: true,
    });
    const changed = await t.scalar(
      "select id as value from public.actions where action = 'setting_changed' and shop_id = $1",
      [shop.shopId],
    );
    await t.sql("update public.actions set actor_id = $1 where id = $2", [shop.clerk, changed]);
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.clerk, updateId: t.updateId(), actionId: changed }),
      "owner_only",
    );
    const clerkView = await t.ledger.listActions(shop.clerk, { limit: 5 });
    assert.equal(clerkView.actions.find((a) => a.id === changed)?.undoable, false);
  });

  suite.test("undoing an expense, a tag, a nickname or an added customer needs no PIN", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop.owner);
    await expireGrants(t, shop.shopId);
    const fay = await t.addCustomer(shop.clerk, "Fay");
    await t.ledger.tags.tag({
      actor: shop.clerk,
      updateId: t.updateId(),
      customerId: fay.id,
      tags: ["vip"],
    });
    await t.ledger.customers.addNickname({
      actor: shop.clerk,
      updateId: t.updateId(),
      customerId: fay.id,
      nickname: "Fifi",
    });
    await t.ledger.spending.record({
      actor: shop.clerk,
      updateId: t.updateId(),
      price: 100,
      item: "bags",
    });
    for (
      const kind of ["expense_recorded", "nickname_added", "customer_tagged", "customer_added"]
    ) {
      const undone = await t.ledger.undoAction({ actor: shop.clerk, updateId: t.updateId() });
      assert.equal(undone.undone.action, kind);
    }
  });
}

// ---------------------------------------------------------------------------------------
// Who acted, as they were
// The history names the actor as they were when they acted: each action row keeps the
// member's display name and role at that moment, so renaming oneself later changes no past
// entry, and a name that could pass for another member's (the same name, or a role word
// like "Owner" on a clerk) is shown with the role and the id.
// ---------------------------------------------------------------------------------------
for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("each action keeps the actor's name and role at the time", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.clerk, "Ann");
    const bought = await t.purchase(shop.clerk, ann.id, 500);
    const [row] = await t.sql<{ actor_name: string; actor_role: string }>(
      "select actor_name, actor_role::text from public.actions where transaction_id = $1",
      [bought.transaction.id],
    );
    assert.deepEqual({ ...row }, { actor_name: shop.clerkName, actor_role: "clerk" });

    // The clerk renames themselves in Telegram and says /start, then is promoted.
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Sam" });
    await t.sql(
      "update public.members set role = 'owner' where shop_id = $1 and telegram_user_id = $2",
      [shop.shopId, shop.clerk],
    );
    await t.purchase(shop.clerk, ann.id, 100);
    const list = await t.ledger.listActions(shop.owner, { limit: 3 });
    assert.deepEqual(list.actions.map((a) => [a.action, a.actor_name, a.actor_role]), [
      ["purchase_recorded", "Sam", "owner"],
      ["purchase_recorded", shop.clerkName, "clerk"],
      ["customer_added", shop.clerkName, "clerk"],
    ]);
  });

  suite.test("a clerk who calls themselves Owner, or takes another member's name, is told apart", async (t) => {
    const { shop } = await t.world();
    const bo = await t.addCustomer(shop.owner, "Bo");
    await t.ledger.startUser({ actor: shop.owner, updateId: t.updateId(), displayName: "Owner" });
    await t.purchase(shop.owner, bo.id, 100);
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Owner" });
    await t.purchase(shop.clerk, bo.id, 200);
    const list = await t.ledger.listActions(shop.owner, { limit: 2 });
    assert.deepEqual(list.actions.map((a) => a.actor_name), [
      `Owner (clerk, id ${shop.clerk})`,
      `Owner (owner, id ${shop.owner})`,
    ]);

    // A clerk named like the other clerk (a look-alike name counts too).
    const other = t.userId();
    await t.addMember(shop.shopId, other, "clerk", "Sara");
    await t.ledger.startUser({
      actor: shop.clerk,
      updateId: t.updateId(),
      displayName: "S\u0430ra",
    });
    await t.purchase(shop.clerk, bo.id, 300);
    await t.purchase(other, bo.id, 400);
    const again = await t.ledger.listActions(shop.owner, { limit: 2 });
    assert.deepEqual(again.actions.map((a) => a.actor_name), [
      `Sara (clerk, id ${other})`,
      `S\u0430ra (clerk, id ${shop.clerk})`,
    ]);

    // A clerk with a name of their own is shown plainly; so is an owner called Owner alone.
    const solo = await t.newShop();
    const cy = await t.addCustomer(solo.clerk, "Cy");
    await t.purchase(solo.clerk, cy.id, 100);
    const plain = await t.ledger.listActions(solo.owner, { limit: 1 });
    assert.equal(plain.actions[0].actor_name, solo.clerkName);
  });

  suite.test("transaction details name who recorded and who voided it as they were", async (t) => {
    const { shop } = await t.world();
    const di = await t.addCustomer(shop.clerk, "Di");
    const bought = await t.purchase(shop.clerk, di.id, 500);
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Owner" });
    await t.ledger.startUser({ actor: shop.owner, updateId: t.updateId(), displayName: "Boss" });
    const details = await t.ledger.transactions.details(shop.owner, bought.transaction.id);
    assert.equal(details.transaction.recorded_by_name, shop.clerkName);
    assert.equal(details.transaction.voided_by_name, shop.ownerName);
  });

  suite.test("the export's Action history names each actor as they were", async (t) => {
    const { shop } = await t.world();
    const ed = await t.addCustomer(shop.clerk, "Ed");
    await t.purchase(shop.clerk, ed.id, 100);
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Owner" });
    await t.purchase(shop.clerk, ed.id, 200);
    const data = await t.ledger.export.workbook(shop.owner) as ShopExport;
    const byClerk = data.actions.filter((a) => a[2] === shop.clerk).map((a) => [a[3], a[8]]);
    assert.deepEqual(byClerk, [
      ["customer_added", shop.clerkName],
      ["purchase_recorded", shop.clerkName],
      ["purchase_recorded", `Owner (clerk, id ${shop.clerk})`],
    ]);
  });

  suite.test("rows logged before this change are filled with the member's name and role", async (t) => {
    const rows = await t.sql<{ n: unknown }>(
      "select count(*) as n from public.actions where actor_name is null or actor_role is null",
    );
    assert.equal(Number(rows[0].n), 0);
    const [column] = await t.sql<{ nullable: string }>(
      `select is_nullable as nullable from information_schema.columns
        where table_schema = 'public' and table_name = 'actions' and column_name = 'actor_name'`,
    );
    assert.equal(column.nullable, "NO");
  });
}
