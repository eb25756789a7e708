/** Recording purchases and payments: balances, limits, refusals, tags and the action log. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, ledgerSuite } from "../support/ledger_fixtures.ts";

const TRILLION = 1_000_000_000_000;

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a purchase raises the balance and records the balance after it", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const first = await t.purchase(shop.owner, ann.id, 1250, "bread");
    assert.equal(first.customer.balance, 1250);
    assert.equal(first.transaction.kind, "purchase");
    assert.equal(first.transaction.amount, 1250);
    assert.equal(first.transaction.balance_after, 1250);
    assert.equal(first.transaction.customer_id, ann.id);
    assert.equal(first.transaction.recorded_by, shop.owner);
    assert.equal(first.transaction.voided_at, null);
    assert.equal(first.shop.id, shop.shopId);
    const second = await t.purchase(shop.owner, ann.id, 750);
    assert.equal(second.customer.balance, 2000);
    assert.equal(second.transaction.balance_after, 2000);
    assert.equal(await t.balanceOf(ann.id), 2000);
  });

  suite.test("a payment lowers the balance", async (t) => {
    const { shop } = await t.world();
    const bob = await t.addCustomer(shop.owner, "Bob");
    await t.purchase(shop.owner, bob.id, 5000);
    const paid = await t.pay(shop.owner, bob.id, 1500, "cash");
    assert.equal(paid.transaction.kind, "payment");
    assert.equal(paid.transaction.amount, 1500);
    assert.equal(paid.transaction.balance_after, 3500);
    assert.equal(paid.customer.balance, 3500);
    assert.equal(await t.balanceOf(bob.id), 3500);
  });

  suite.test("a payment larger than the balance leaves an advance", async (t) => {
    const { shop } = await t.world();
    const cara = await t.addCustomer(shop.owner, "Cara");
    await t.purchase(shop.owner, cara.id, 1000);
    const paid = await t.pay(shop.owner, cara.id, 3000);
    assert.equal(paid.customer.balance, -2000);
    assert.equal(paid.transaction.balance_after, -2000);
    const later = await t.purchase(shop.owner, cara.id, 500);
    assert.equal(later.customer.balance, -1500, "a later purchase draws on the advance");
  });

  suite.test("a payment with nothing owed is an advance too", async (t) => {
    const { shop } = await t.world();
    const dan = await t.addCustomer(shop.owner, "Dan");
    const paid = await t.pay(shop.owner, dan.id, 400);
    assert.equal(paid.customer.balance, -400);
  });

  suite.test("settling pays exactly the balance", async (t) => {
    const { shop } = await t.world();
    const eve = await t.addCustomer(shop.owner, "Eve");
    await t.purchase(shop.owner, eve.id, 1234);
    await t.purchase(shop.owner, eve.id, 66);
    await t.pay(shop.owner, eve.id, 300);
    const settled = await t.ledger.recordPayment({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: eve.id,
      settle: true,
    });
    assert.equal(settled.transaction.kind, "payment");
    assert.equal(settled.transaction.amount, 1000);
    assert.equal(settled.customer.balance, 0);
    assert.equal(settled.transaction.balance_after, 0);
  });

  suite.test("settling ignores a typed amount and pays the balance", async (t) => {
    const { shop } = await t.world();
    const fay = await t.addCustomer(shop.owner, "Fay");
    await t.purchase(shop.owner, fay.id, 900);
    const settled = await t.ledger.recordPayment({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: fay.id,
      amount: 5,
      settle: true,
    });
    assert.equal(settled.transaction.amount, 900);
    assert.equal(settled.customer.balance, 0);
  });

  suite.test("settling a customer who owes nothing is refused", async (t) => {
    const { shop } = await t.world();
    const gil = await t.addCustomer(shop.owner, "Gil");
    const settle = () =>
      t.ledger.recordPayment({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: gil.id,
        settle: true,
      });
    await assertLedgerError(settle(), "nothing_to_settle");
    await t.pay(shop.owner, gil.id, 100);
    await assertLedgerError(settle(), "nothing_to_settle");
    assert.equal(await t.balanceOf(gil.id), -100);
    assert.equal((await t.counts(shop.shopId)).transactions, 1);
  });

  suite.test("an amount that is not positive is refused", async (t) => {
    const { shop } = await t.world();
    const hal = await t.addCustomer(shop.owner, "Hal");
    const before = await t.counts(shop.shopId);
    await assertLedgerError(t.purchase(shop.owner, hal.id, 0), "amount_not_positive");
    await assertLedgerError(t.purchase(shop.owner, hal.id, -500), "amount_not_positive");
    await assertLedgerError(t.pay(shop.owner, hal.id, 0), "amount_not_positive");
    await assertLedgerError(t.pay(shop.owner, hal.id, -1), "amount_not_positive");
    await assertLedgerError(
      t.ledger.recordPayment({ actor: shop.owner, updateId: t.updateId(), customerId: hal.id }),
      "amount_not_positive",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(await t.balanceOf(hal.id), 0);
  });

  suite.test("an amount over a trillion minor units is refused", async (t) => {
    const { shop } = await t.world();
    const ivy = await t.addCustomer(shop.owner, "Ivy");
    await assertLedgerError(t.purchase(shop.owner, ivy.id, TRILLION + 1), "amount_too_large");
    await assertLedgerError(t.pay(shop.owner, ivy.id, TRILLION + 1), "amount_too_large");
    assert.equal(await t.balanceOf(ivy.id), 0);
    const largest = await t.purchase(shop.owner, ivy.id, TRILLION);
    assert.equal(largest.customer.balance, TRILLION, "exactly a trillion is accepted");
  });

  suite.test("a balance beyond a quadrillion minor units is refused", async (t) => {
    const { shop } = await t.world();
    const jon = await t.addCustomer(shop.owner, "Jon");
    // A thousand purchases of a trillion each, written with SQL to keep the test fast.
    await t.sql(
      `with tx as (
         insert into public.transactions (shop_id, customer_id, kind, amount, recorded_by, balance_after)
         select $1, $2, 'purchase', 1000000000000, $3, g * 1000000000000
           from generate_series(1, 1000) as g
         returning id, shop_id, customer_id
       ), logged as (
         insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id)
         select shop_id, 'purchase_recorded', $3, customer_id, id from tx
       )
       update public.customers set balance = 1000000000000000 where id = $2`,
      [shop.shopId, jon.id, shop.owner],
    );
    await assertLedgerError(t.purchase(shop.owner, jon.id, 1), "balance_out_of_range");
    assert.equal(await t.balanceOf(jon.id), 1e15);
    const paid = await t.pay(shop.owner, jon.id, 1);
    assert.equal(paid.customer.balance, 1e15 - 1);
  });

  suite.test("a description longer than 500 characters is refused", async (t) => {
    const { shop } = await t.world();
    const kim = await t.addCustomer(shop.owner, "Kim");
    await assertLedgerError(
      t.purchase(shop.owner, kim.id, 100, "x".repeat(501)),
      "description_too_long",
    );
    await assertLedgerError(
      t.pay(shop.owner, kim.id, 100, "y".repeat(501)),
      "description_too_long",
    );
    assert.equal((await t.counts(shop.shopId)).transactions, 0);
    const ok = await t.purchase(shop.owner, kim.id, 100, "x".repeat(500));
    assert.equal(ok.transaction.description.length, 500);
  });

  suite.test("a description is stored trimmed with white space collapsed", async (t) => {
    const { shop } = await t.world();
    const lea = await t.addCustomer(shop.owner, "Lea");
    const result = await t.purchase(shop.owner, lea.id, 100, "  two   loaves\n of bread  ");
    assert.equal(result.transaction.description, "two loaves of bread");
  });

  suite.test("#tags in the description become transaction tags", async (t) => {
    const { shop } = await t.world();
    const max = await t.addCustomer(shop.owner, "Max");
    const result = await t.purchase(
      shop.owner,
      max.id,
      700,
      "Bread #Bakery, milk #dairy and more #bakery. #حلويات",
    );
    assert.deepEqual(result.transaction.tags, ["bakery", "dairy", "حلويات"]);
    const [row] = await t.sql<{ tags: string[] }>(
      `select tags from public.transactions where id = $1`,
      [result.transaction.id],
    );
    assert.deepEqual(row.tags, ["bakery", "dairy", "حلويات"]);
    const plain = await t.pay(shop.owner, max.id, 100, "no tags here");
    assert.deepEqual(plain.transaction.tags, []);
  });

  suite.test("another shop's customer cannot be charged or paid", async (t) => {
    const { shop, rival } = await t.world();
    const theirs = await t.addCustomer(rival.owner, "Nora");
    await assertLedgerError(t.purchase(shop.owner, theirs.id, 100), "customer_not_found");
    await assertLedgerError(t.pay(shop.owner, theirs.id, 100), "customer_not_found");
    await assertLedgerError(t.purchase(shop.clerk, theirs.id, 100), "customer_not_found");
    await assertLedgerError(t.purchase(shop.owner, 987_654_321, 100), "customer_not_found");
    assert.equal(await t.balanceOf(theirs.id), 0);
    assert.equal((await t.counts(rival.shopId)).transactions, 0);
  });

  suite.test("an archived customer cannot be charged or paid", async (t) => {
    const { shop } = await t.world();
    const added = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Omar",
    });
    const [action] = (await t.ledger.listActions(shop.owner, { limit: 1 })).actions;
    assert.equal(action.action, "customer_added");
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: action.id });
    await assertLedgerError(t.purchase(shop.owner, added.customer.id, 100), "customer_archived");
    await assertLedgerError(t.pay(shop.owner, added.customer.id, 100), "customer_archived");
    assert.equal((await t.counts(shop.shopId)).transactions, 0);
  });

  suite.test("a clerk records purchases and payments in their own name", async (t) => {
    const { shop } = await t.world();
    const pia = await t.addCustomer(shop.clerk, "Pia");
    const bought = await t.purchase(shop.clerk, pia.id, 800);
    const paid = await t.pay(shop.clerk, pia.id, 300);
    assert.equal(bought.transaction.recorded_by, shop.clerk);
    assert.equal(paid.transaction.recorded_by, shop.clerk);
    assert.equal(paid.customer.balance, 500);
    const actors = await t.sql<{ actor_id: unknown }>(
      `select actor_id from public.actions where customer_id = $1`,
      [pia.id],
    );
    assert.deepEqual(actors.map((a) => Number(a.actor_id)), [shop.clerk, shop.clerk, shop.clerk]);
  });

  suite.test("each purchase and payment is logged with the balance before and after", async (t) => {
    const { shop } = await t.world();
    const quinn = await t.addCustomer(shop.owner, "Quinn");
    const bought = await t.purchase(shop.owner, quinn.id, 600, "rice #staples");
    const paid = await t.pay(shop.owner, quinn.id, 250);
    const { actions } = await t.ledger.listActions(shop.owner, { limit: 2 });
    assert.deepEqual(
      actions.map((a) => [a.action, a.transaction_id, a.customer_id, a.info]),
      [
        ["payment_recorded", paid.transaction.id, quinn.id, {
          kind: "payment",
          amount: 250,
          description: "",
          balance_before: 600,
          balance_after: 350,
        }],
        ["purchase_recorded", bought.transaction.id, quinn.id, {
          kind: "purchase",
          amount: 600,
          description: "rice #staples",
          balance_before: 0,
          balance_after: 600,
        }],
      ],
    );
  });

  suite.test("amounts keep full precision in currencies without decimals", async (t) => {
    const { shop } = await t.world({ currency: "JPY" });
    const rui = await t.addCustomer(shop.owner, "Rui");
    const result = await t.purchase(shop.owner, rui.id, 987_654_321_012);
    assert.equal(result.shop.currency, "JPY");
    assert.equal(result.shop.minor_unit, 0);
    assert.equal(result.customer.balance, 987_654_321_012);
    assert.equal(
      (await t.sql<{ b: string }>(`select balance::text as b from public.customers where id = $1`, [
        rui.id,
      ]))[0].b,
      "987654321012",
    );
  });
}
