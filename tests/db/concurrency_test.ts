/**
 * Concurrency (real PostgreSQL, a pool of 20 connections): many members recording at
 * once against the same customers lose no update, apply none twice, and keep every
 * balance equal to its transactions, in an order that replays exactly.
 */
import assert from "node:assert/strict";
import type { TransactionResult } from "../../shared/db/ledger.ts";
import { LedgerError } from "../../shared/db/errors.ts";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite, withFreshLedger } from "../support/ledger_fixtures.ts";

/** A small deterministic pseudo-random generator (mulberry32), so failures replay. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Operation {
  actor: number;
  updateId: number;
  customerId: number;
  kind: "purchase" | "payment";
  amount: number;
}

function run(t: LedgerContext, op: Operation): Promise<TransactionResult> {
  const input = { actor: op.actor, updateId: op.updateId, customerId: op.customerId };
  return op.kind === "purchase"
    ? t.ledger.recordPurchase({ ...input, amount: op.amount })
    : t.ledger.recordPayment({ ...input, amount: op.amount });
}

/** A shop with an owner and three clerks. */
async function busyShop(t: LedgerContext) {
  const shop = await t.newShop();
  const members = [shop.owner, shop.clerk];
  for (let i = 0; i < 2; i++) {
    const clerk = t.userId();
    await t.addMember(shop.shopId, clerk, "clerk");
    members.push(clerk);
  }
  return { shop, members };
}

function plan(
  t: LedgerContext,
  count: number,
  members: number[],
  customers: number[],
  seed: number,
): Operation[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    actor: members[i % members.length],
    updateId: t.updateId(),
    customerId: customers[Math.floor(next() * customers.length)],
    kind: next() < 0.6 ? "purchase" : "payment",
    amount: 1 + Math.floor(next() * 10_000),
  }));
}

/**
 * Each customer's transactions, in id order, replay to its balance: every
 * balance_after is the one before plus this row's amount, and the last is the balance.
 */
async function assertReplays(t: LedgerContext, customerId: number): Promise<void> {
  const rows = await t.sql<{ kind: string; amount: string; balance_after: string }>(
    `select kind::text, amount::text, balance_after::text from public.transactions
      where customer_id = $1 and voided_at is null order by id`,
    [customerId],
  );
  let balance = 0;
  for (const row of rows) {
    balance += (row.kind === "purchase" ? 1 : -1) * Number(row.amount);
    assert.equal(Number(row.balance_after), balance, `customer ${customerId} replays in id order`);
  }
  assert.equal(await t.balanceOf(customerId), balance);
}

/**
 * The customer's transactions as a balance chain, checked link by link: each row's
 * balance before (kept in its action) plus its amount is its balance_after, and is the
 * balance before of the next row, from 0 to the stored balance. The chain is rebuilt from
 * the balances themselves (commit order), not assumed from ids; returns the violations
 * and the ids in chain order.
 */
async function balanceChain(
  t: LedgerContext,
  customerId: number,
): Promise<{ broken: string[]; order: number[]; byId: number[] }> {
  const rows = (await t.sql<{ id: string; delta: string; before: string; after: string }>(
    `select t.id::text,
            (case t.kind when 'purchase' then t.amount else -t.amount end)::text as delta,
            (a.action_info ->> 'balance_before') as before, t.balance_after::text as after
       from public.transactions as t
       join public.actions as a on a.transaction_id = t.id and a.action = t.kind || '_recorded'
      where t.customer_id = $1 and t.voided_at is null
      order by t.id`,
    [customerId],
  )).map((r) => ({
    id: Number(r.id),
    delta: Number(r.delta),
    before: Number(r.before),
    after: Number(r.after),
  }));
  const broken: string[] = [];
  for (const r of rows) {
    if (r.before + r.delta !== r.after) {
      broken.push(
        `#${r.id}: ${r.before} ${r.delta >= 0 ? "+" : "-"} ${Math.abs(r.delta)} is not ${r.after}`,
      );
    }
  }
  // Walk the chain from 0: the next row is the one whose balance before is the balance now.
  const left = new Map<number, typeof rows>();
  for (const r of rows) left.set(r.before, [...(left.get(r.before) ?? []), r]);
  const order: number[] = [];
  let balance = 0;
  for (let step = 0; step < rows.length; step++) {
    const next = left.get(balance)?.shift();
    if (!next) {
      broken.push(`after ${order.length} rows at ${balance}, no row starts from ${balance}`);
      break;
    }
    order.push(next.id);
    balance = next.after;
  }
  const stored = await t.balanceOf(customerId);
  if (order.length === rows.length && balance !== stored) {
    broken.push(`the chain ends at ${balance}, the balance is ${stored}`);
  }
  return { broken, order, byId: rows.map((r) => r.id) };
}

/** Every update was applied once: one processed row, one action, one transaction. */
async function assertAppliedOnce(t: LedgerContext, ops: Operation[]): Promise<void> {
  const ids = ops.map((op) => op.updateId);
  const [row] = await t.sql<Record<string, unknown>>(
    `select (select count(*) from public.processed_updates where update_id = any($1::bigint[]))
              as processed,
            (select count(*) from public.actions where update_id = any($1::bigint[])) as actions,
            (select count(distinct update_id) from public.actions
              where update_id = any($1::bigint[])) as distinct_actions,
            (select count(*) from public.transactions as t
               join public.actions as a on a.transaction_id = t.id
              where a.update_id = any($1::bigint[])) as transactions`,
    [ids],
  );
  assert.deepEqual(
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])),
    {
      processed: ids.length,
      actions: ids.length,
      distinct_actions: ids.length,
      transactions: ids.length,
    },
  );
}

function expectedBalances(ops: Operation[]): Map<number, number> {
  const balances = new Map<number, number>();
  for (const op of ops) {
    const delta = op.kind === "purchase" ? op.amount : -op.amount;
    balances.set(op.customerId, (balances.get(op.customerId) ?? 0) + delta);
  }
  return balances;
}

if ((await engines()).includes("postgres")) {
  const suite = ledgerSuite("postgres");

  suite.test("200 concurrent purchases and payments on one customer all count", async (t) => {
    const { members } = await busyShop(t);
    const ann = await t.addCustomer(members[0], "Ann");
    const ops = plan(t, 200, members, [ann.id], 1);
    const results = await Promise.all(ops.map((op) => run(t, op)));
    assert.equal(results.length, 200);
    assert.equal(await t.balanceOf(ann.id), expectedBalances(ops).get(ann.id));
    await assertReplays(t, ann.id);
    await assertAppliedOnce(t, ops);
  });

  suite.test("concurrent recordings on one customer form one balance chain in commit order", async (t) => {
    const { members } = await busyShop(t);
    const cy = await t.addCustomer(members[0], "Chain Cy");
    const ops = plan(t, 200, members, [cy.id], 11);
    await Promise.all(ops.map((op) => run(t, op)));
    const chain = await balanceChain(t, cy.id);
    assert.deepEqual(chain.broken, [], "every balance_after is the running sum in commit order");
    assert.equal(chain.order.length, 200);
    // Ids are taken under the customer's row lock, so id order is the commit order too.
    assert.deepEqual(chain.order, chain.byId, "id order is the balance chain's order");
  });

  suite.test("200 concurrent operations across several customers all count", async (t) => {
    const { members } = await busyShop(t);
    const customers: number[] = [];
    for (let i = 0; i < 5; i++) customers.push((await t.addCustomer(members[0], `C${i}`)).id);
    const ops = plan(t, 200, members, customers, 2);
    await Promise.all(ops.map((op) => run(t, op)));
    const expected = expectedBalances(ops);
    for (const id of customers) {
      assert.equal(await t.balanceOf(id), expected.get(id) ?? 0, `customer ${id}`);
      await assertReplays(t, id);
    }
    await assertAppliedOnce(t, ops);
  });

  suite.test("every update delivered twice at once applies once", async (t) => {
    const { members } = await busyShop(t);
    const bob = await t.addCustomer(members[0], "Bob");
    const ops = plan(t, 100, members, [bob.id], 3);
    const [first, second] = await Promise.all([
      Promise.all(ops.map((op) => run(t, op))),
      Promise.all(ops.map((op) => run(t, op))),
    ]);
    assert.deepEqual(second, first, "both deliveries got the same results");
    assert.equal(await t.balanceOf(bob.id), expectedBalances(ops).get(bob.id));
    await assertAppliedOnce(t, ops);
  });

  suite.test("concurrent settles pay each balance once", async (t) => {
    const { shop, members } = await busyShop(t);
    const customers: number[] = [];
    for (let i = 0; i < 8; i++) {
      const customer = await t.addCustomer(shop.owner, `Settler ${i}`);
      await t.purchase(shop.owner, customer.id, 1000 + i);
      customers.push(customer.id);
    }
    const attempts = customers.flatMap((customerId) =>
      Array.from({ length: 8 }, (_, i) => ({ customerId, actor: members[i % members.length] }))
    );
    const outcomes = await Promise.allSettled(
      attempts.map(({ customerId, actor }) =>
        t.ledger.recordPayment({ actor, updateId: t.updateId(), customerId, settle: true })
      ),
    );
    const paid = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => o.status === "rejected" ? [o.reason] : []);
    assert.equal(paid.length, customers.length, "one settle per customer pays");
    for (const reason of refused) {
      assert.ok(reason instanceof LedgerError && reason.code === "nothing_to_settle", `${reason}`);
    }
    for (const id of customers) assert.equal(await t.balanceOf(id), 0, "no overpayment");
  });

  suite.test("concurrent undos of one action apply once", async (t) => {
    const { shop, members } = await busyShop(t);
    const cara = await t.addCustomer(shop.owner, "Cara");
    await t.purchase(shop.owner, cara.id, 1000);
    const bought = await t.purchase(shop.owner, cara.id, 400);
    const actionId = await t.scalar(
      `select id as value from public.actions where transaction_id = $1`,
      [bought.transaction.id],
    );
    const outcomes = await Promise.allSettled(
      Array.from(
        { length: 10 },
        () => t.ledger.undoAction({ actor: members[0], updateId: t.updateId(), actionId }),
      ),
    );
    const done = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => o.status === "rejected" ? [o.reason] : []);
    assert.equal(done.length, 1, "exactly one undo applies");
    for (const reason of refused) {
      assert.ok(reason instanceof LedgerError && reason.code === "already_undone", `${reason}`);
    }
    assert.equal(await t.balanceOf(cara.id), 1000);
    assert.equal(
      await t.scalar(
        `select count(*) as value from public.actions where undoes_action_id = $1`,
        [actionId],
      ),
      1,
    );
  });

  suite.test("concurrent 'undo latest' calls each undo a different action", async (t) => {
    const { shop } = await busyShop(t);
    const dan = await t.addCustomer(shop.owner, "Dan");
    for (let i = 1; i <= 6; i++) await t.purchase(shop.owner, dan.id, i * 100);
    const outcomes = await Promise.allSettled(
      Array.from(
        { length: 4 },
        () => t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() }),
      ),
    );
    const undone = outcomes.flatMap((o) => o.status === "fulfilled" ? [o.value.undone.id] : []);
    for (const o of outcomes) {
      if (o.status === "rejected") {
        assert.ok(o.reason instanceof LedgerError, `${o.reason}`);
      }
    }
    assert.ok(undone.length >= 1);
    assert.equal(new Set(undone).size, undone.length, "no action was undone twice");
    assert.equal((await t.counts(shop.shopId)).voided, undone.length);
    await assertReplays(t, dan.id);
  });

  suite.test("purchases and undos racing on one customer keep the balance exact", async (t) => {
    const { shop, members } = await busyShop(t);
    const eve = await t.addCustomer(shop.owner, "Eve");
    const early = [];
    for (let i = 0; i < 20; i++) early.push(await t.purchase(shop.owner, eve.id, 10 + i));
    const actionIds = await t.sql<{ id: string }>(
      `select id::text from public.actions where customer_id = $1 and action = 'purchase_recorded'`,
      [eve.id],
    );
    const ops = plan(t, 60, members, [eve.id], 4);
    await Promise.all([
      ...ops.map((op) => run(t, op)),
      ...actionIds.map((a) =>
        t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: Number(a.id) })
      ),
    ]);
    const expected = expectedBalances(ops).get(eve.id) ?? 0;
    assert.equal(await t.balanceOf(eve.id), expected, "every early purchase was undone");
    assert.equal((await t.counts(shop.shopId)).voided, early.length);
    await assertAppliedOnce(t, ops);
  });

  suite.test("customers added concurrently are all added once", async (t) => {
    const { shop, members } = await busyShop(t);
    const inputs = Array.from({ length: 50 }, (_, i) => ({
      actor: members[i % members.length],
      updateId: t.updateId(),
      fullName: `Walk-in ${i}`,
      phone: "0590000000",
    }));
    const results = await Promise.all(inputs.map((input) => t.ledger.addCustomer(input)));
    assert.equal(new Set(results.map((r) => r.customer.id)).size, 50);
    const counts = await t.counts(shop.shopId);
    assert.equal(counts.customers, 50);
    assert.equal(counts.actions, 51, "shop_opened and fifty customer_added");
  });
}

if ((await engines()).includes("postgres")) {
  Deno.test("without the customer's row lock, the balance chain test fails", async () => {
    await withFreshLedger("postgres", async (t) => {
      // Plant the bug in this database only: read the balance without FOR UPDATE, and
      // give concurrent recordings time to read the same one.
      const [{ def }] = await t.sql<{ def: string }>(
        `select pg_get_functiondef(p.oid) as def from pg_proc as p
          where p.oid = 'private.record_transaction'::regproc`,
      );
      const planted = def.replace(
        /(where id = p_customer_id and shop_id = v\.shop_id)\s+for update;/,
        "$1; perform pg_sleep(0.005);",
      );
      assert.notEqual(planted, def, "the row lock was found to remove");
      await t.sql(planted);
      const { members } = await busyShop(t);
      const dee = await t.addCustomer(members[0], "Unlocked Dee");
      const ops = plan(t, 60, members, [dee.id], 12);
      await Promise.all(ops.map((op) => run(t, op)));
      const chain = await balanceChain(t, dee.id);
      assert.notDeepEqual(chain.broken, [], "the broken chain went unnoticed");
    });
  });
}
