/**
 * Atomicity: an operation that fails part-way leaves no trace. Each test plants a
 * trigger that raises when a row carrying a marker is written to one table, so the
 * failure strikes after the earlier writes of the operation have already happened.
 */
import assert from "node:assert/strict";
import { LedgerUnavailable } from "../../shared/db/errors.ts";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

const installed = new WeakSet<LedgerContext>();

/** Creates (once per database) the poison table and a failing trigger on each ledger table. */
async function installPoison(t: LedgerContext): Promise<void> {
  if (installed.has(t)) return;
  await t.client.execInTransaction(`
    create schema test_hooks;
    create table test_hooks.poison (tbl text not null, marker text not null);
    create function test_hooks.explode() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from test_hooks.poison as p
                  where p.tbl = tg_table_name and to_jsonb(new)::text like '%' || p.marker || '%') then
        raise exception 'test_hooks: poisoned write to %', tg_table_name;
      end if;
      return new;
    end;
    $$;
    create trigger zz_explode before insert or update on public.shops
      for each row execute function test_hooks.explode();
    create trigger zz_explode before insert or update on public.members
      for each row execute function test_hooks.explode();
    create trigger zz_explode before insert or update on public.customers
      for each row execute function test_hooks.explode();
    create trigger zz_explode before insert or update on public.transactions
      for each row execute function test_hooks.explode();
    create trigger zz_explode before insert or update on public.actions
      for each row execute function test_hooks.explode();
    create trigger zz_explode before insert or update on public.processed_updates
      for each row execute function test_hooks.explode();`);
  installed.add(t);
}

/** Makes writes to `table` fail when the row mentions `marker`; returns the antidote. */
async function poison(
  t: LedgerContext,
  table: string,
  marker: string,
): Promise<() => Promise<void>> {
  await installPoison(t);
  await t.sql(`insert into test_hooks.poison (tbl, marker) values ($1, $2)`, [table, marker]);
  return async () => {
    await t.sql(`delete from test_hooks.poison where tbl = $1 and marker = $2`, [table, marker]);
  };
}

/** Everything an operation on a shop could change. */
async function state(t: LedgerContext, shopId: number): Promise<unknown> {
  return {
    shops: await t.scalar(`select count(*) as value from public.shops`),
    members: await t.scalar(`select count(*) as value from public.members`),
    processed: await t.scalar(`select count(*) as value from public.processed_updates`),
    customers: await t.sql(
      `select id::text, balance::text, archived_at is not null as archived
         from public.customers where shop_id = $1 order by id`,
      [shopId],
    ),
    transactions: await t.sql(
      `select id::text, amount::text, voided_at is not null as voided
         from public.transactions where shop_id = $1 order by id`,
      [shopId],
    ),
    actions: await t.sql(
      `select id::text, action, undone_at is not null as undone
         from public.actions where shop_id = $1 order by id`,
      [shopId],
    ),
  };
}

async function assertFailsWithoutTrace(
  t: LedgerContext,
  shopId: number,
  updateId: number,
  call: () => Promise<unknown>,
): Promise<void> {
  const before = await state(t, shopId);
  await assert.rejects(call(), (error) => {
    assert.ok(error instanceof LedgerUnavailable, `expected LedgerUnavailable, got ${error}`);
    assert.match(error.message, /poisoned write/);
    return true;
  });
  assert.deepEqual(await state(t, shopId), before, "the failed operation left a trace");
  assert.equal(await t.isProcessed(updateId), false, "the failed update id was kept");
}

let markers = 0;
const marker = () => `boom${++markers}x`;

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a purchase whose log entry fails changes nothing", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 1000);
    const boom = marker();
    const cure = await poison(t, "actions", boom);
    const input = { actor: shop.owner, updateId: t.updateId(), customerId: ann.id, amount: 500 };
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      input.updateId,
      () => t.ledger.recordPurchase({ ...input, description: boom }),
    );
    assert.equal(await t.balanceOf(ann.id), 1000);
    await cure();
    const retried = await t.ledger.recordPurchase({ ...input, description: boom });
    assert.equal(retried.customer.balance, 1500, "the same update id applies once it can");
  });

  suite.test("a purchase whose transaction row fails leaves the balance alone", async (t) => {
    const { shop } = await t.world();
    const bob = await t.addCustomer(shop.owner, "Bob");
    const boom = marker();
    await poison(t, "transactions", boom);
    const updateId = t.updateId();
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () =>
        t.ledger.recordPurchase({
          actor: shop.owner,
          updateId,
          customerId: bob.id,
          amount: 300,
          description: boom,
        }),
    );
    assert.equal(await t.balanceOf(bob.id), 0);
  });

  suite.test("a payment that fails while storing its result changes nothing", async (t) => {
    const { shop } = await t.world();
    const cara = await t.addCustomer(shop.owner, "Cara");
    await t.purchase(shop.owner, cara.id, 900);
    const boom = marker();
    await poison(t, "processed_updates", boom);
    const updateId = t.updateId();
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () =>
        t.ledger.recordPayment({
          actor: shop.owner,
          updateId,
          customerId: cara.id,
          settle: true,
          description: boom,
        }),
    );
    assert.equal(await t.balanceOf(cara.id), 900);
  });

  suite.test("a new customer whose log entry fails is not added", async (t) => {
    const { shop } = await t.world();
    const boom = marker();
    const cure = await poison(t, "actions", boom);
    const updateId = t.updateId();
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () => t.ledger.addCustomer({ actor: shop.owner, updateId, fullName: `Dan ${boom}` }),
    );
    assert.equal((await t.counts(shop.shopId)).customers, 0);
    await cure();
    const added = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId,
      fullName: `Dan ${boom}`,
    });
    assert.equal(added.customer.full_name, `Dan ${boom}`);
  });

  suite.test("an undo whose log entry fails leaves the purchase and balance in place", async (t) => {
    const { shop } = await t.world();
    const eve = await t.addCustomer(shop.owner, "Eve");
    const boom = marker();
    await t.purchase(shop.owner, eve.id, 400, boom);
    const cure = await poison(t, "actions", boom);
    const updateId = t.updateId();
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () => t.ledger.undoAction({ actor: shop.owner, updateId }),
    );
    assert.equal(await t.balanceOf(eve.id), 400);
    assert.equal((await t.counts(shop.shopId)).voided, 0);
    await cure();
    const undone = await t.ledger.undoAction({ actor: shop.owner, updateId });
    assert.equal(undone.customer?.balance, 0, "the retried undo applies");
  });

  suite.test("an undo that fails while storing its result leaves everything as it was", async (t) => {
    const { shop } = await t.world();
    const fay = await t.addCustomer(shop.owner, "Fay");
    const boom = marker();
    await t.purchase(shop.owner, fay.id, 250, boom);
    await t.pay(shop.owner, fay.id, 100);
    await poison(t, "processed_updates", boom);
    const updateId = t.updateId();
    const target = await t.scalar(
      `select id as value from public.actions where action = 'purchase_recorded' and customer_id = $1`,
      [fay.id],
    );
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () => t.ledger.undoAction({ actor: shop.owner, updateId, actionId: target }),
    );
    assert.equal(await t.balanceOf(fay.id), 150);
  });

  suite.test("un-adding a customer that fails leaves the customer active", async (t) => {
    const { shop } = await t.world();
    const boom = marker();
    const gil = await t.addCustomer(shop.owner, `Gil ${boom}`);
    await poison(t, "actions", boom);
    const updateId = t.updateId();
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () => t.ledger.undoAction({ actor: shop.owner, updateId }),
    );
    const list = await t.ledger.listCustomers(shop.owner);
    assert.deepEqual(list.customers.map((c) => c.id), [gil.id]);
  });

  suite.test("opening a shop whose owner row fails opens nothing", async (t) => {
    const { shop } = await t.world();
    const boom = marker();
    await poison(t, "members", boom);
    const updateId = t.updateId();
    await assertFailsWithoutTrace(
      t,
      shop.shopId,
      updateId,
      () =>
        t.ledger.startUser({
          actor: t.userId(),
          updateId,
          displayName: boom,
          mayOpenShop: true,
        }),
    );
  });
}
