/**
 * Shared helpers for the ledger's tests: one migrated database per test file and
 * engine (PGlite takes seconds to boot), shops with an owner and a clerk, fresh
 * Telegram user ids and update ids, raw SQL for inspecting rows, and the ledger's
 * invariants, checked after every test.
 *
 * ```ts
 * for (const engine of await engines()) {
 *   const suite = ledgerSuite(engine);
 *   suite.test("a purchase raises the balance", async (t) => {
 *     const { shop } = await t.world();
 *     const customer = await t.addCustomer(shop.owner, "Ann");
 *     const result = await t.purchase(shop.owner, customer.id, 500);
 *     assert.equal(result.customer.balance, 500);
 *   });
 * }
 * ```
 */
import assert from "node:assert/strict";
import { type Customer, Ledger, type TransactionResult } from "../../shared/db/ledger.ts";
import { LedgerError, type LedgerErrorCode } from "../../shared/db/errors.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { type Engine, freshDatabase, type TestDatabase } from "./databases.ts";

/** A monotonically increasing number source (Telegram update ids, user ids). */
export function counter(start = 1): () => number {
  let next = start;
  return () => next++;
}

/** A shop opened by its owner through start_user, with a clerk added by raw SQL. */
export interface ShopFixture {
  shopId: number;
  owner: number;
  ownerName: string;
  clerk: number;
  clerkName: string;
  currency: string;
}

/** Two shops: the one under test and a rival whose rows must never leak into it. */
export interface World {
  shop: ShopFixture;
  rival: ShopFixture;
}

/** Row counts of one shop (and of processed updates overall). */
export interface Counts {
  customers: number;
  transactions: number;
  voided: number;
  actions: number;
  processedUpdates: number;
}

/** Everything a ledger test needs; one per test file and engine. */
export class LedgerContext {
  readonly ledger: Ledger;
  /** The next Telegram update id: unique and increasing within this database. */
  readonly updateId = counter(1_000);
  /** A Telegram user id nobody in this database has used yet. */
  readonly userId = counter(100_000);

  constructor(readonly db: TestDatabase) {
    this.ledger = new Ledger(new SqlTransport(db.client));
  }

  get engine(): Engine {
    return this.db.engine;
  }

  get client(): SqlClient {
    return this.db.client;
  }

  /** Runs raw SQL (for inspecting or poking rows the RPCs do not expose). */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    // A plain array: postgres.js returns a Result subclass that deepEqual tells apart.
    return Array.from(await this.client.query<T>(text, params));
  }

  /** One number from raw SQL (counts, balances); int8 arrives as a string from postgres.js. */
  async scalar(text: string, params: unknown[] = []): Promise<number> {
    const rows = await this.sql<{ value: unknown }>(text, params);
    assert.equal(rows.length, 1, `expected one row from: ${text}`);
    return Number(rows[0].value);
  }

  /** Opens a shop: a new owner sends /start and may open one; a clerk is added by SQL. */
  async newShop(options: { currency?: string; shopName?: string } = {}): Promise<ShopFixture> {
    const owner = this.userId();
    const ownerName = `Owner ${owner}`;
    const started = await this.ledger.startUser({
      actor: owner,
      updateId: this.updateId(),
      displayName: ownerName,
      mayOpenShop: true,
      shopName: options.shopName ?? `Shop of ${owner}`,
      currency: options.currency ?? "USD",
    });
    assert.equal(started.status, "opened");
    const shopId = started.shop!.id;
    const clerk = this.userId();
    const clerkName = `Clerk ${clerk}`;
    await this.addMember(shopId, clerk, "clerk", clerkName);
    return {
      shopId,
      owner,
      ownerName,
      clerk,
      clerkName,
      currency: started.shop!.currency,
    };
  }

  /** A shop with an owner and a clerk, and a second shop with its own owner and clerk. */
  async world(options: { currency?: string } = {}): Promise<World> {
    return { shop: await this.newShop(options), rival: await this.newShop() };
  }

  /** Adds a member directly (there is no RPC for inviting staff yet). */
  async addMember(
    shopId: number,
    userId: number,
    role: "owner" | "clerk",
    displayName = `User ${userId}`,
  ): Promise<void> {
    await this.sql(
      `insert into public.members (shop_id, telegram_user_id, role, display_name)
       values ($1, $2, $3::public.member_role, $4)`,
      [shopId, userId, role, displayName],
    );
  }

  /** Marks a member as removed, as a future "remove member" feature would. */
  async removeMember(shopId: number, userId: number): Promise<void> {
    await this.sql(
      `update public.members set removed_at = now() where shop_id = $1 and telegram_user_id = $2`,
      [shopId, userId],
    );
  }

  /** Adds a customer through the RPC and returns it. */
  async addCustomer(
    actor: number,
    fullName: string,
    extra: { phone?: string | null; nicknames?: string[]; tags?: string[] } = {},
  ): Promise<Customer> {
    const result = await this.ledger.addCustomer({
      actor,
      updateId: this.updateId(),
      fullName,
      ...extra,
    });
    return result.customer;
  }

  /** Records a purchase of `amount` minor units. */
  purchase(
    actor: number,
    customerId: number,
    amount: number,
    description = "",
  ): Promise<TransactionResult> {
    return this.ledger.recordPurchase({
      actor,
      updateId: this.updateId(),
      customerId,
      amount,
      description,
    });
  }

  /** Records a payment of `amount` minor units. */
  pay(
    actor: number,
    customerId: number,
    amount: number,
    description = "",
  ): Promise<TransactionResult> {
    return this.ledger.recordPayment({
      actor,
      updateId: this.updateId(),
      customerId,
      amount,
      description,
    });
  }

  /** The stored balance of a customer, read with raw SQL. */
  balanceOf(customerId: number): Promise<number> {
    return this.scalar(`select balance as value from public.customers where id = $1`, [
      customerId,
    ]);
  }

  /** Row counts of a shop, for "nothing changed" assertions. */
  async counts(shopId: number): Promise<Counts> {
    const [row] = await this.sql<Record<keyof Counts, unknown>>(
      `select
         (select count(*) from public.customers where shop_id = $1) as "customers",
         (select count(*) from public.transactions where shop_id = $1) as "transactions",
         (select count(*) from public.transactions where shop_id = $1 and voided_at is not null)
           as "voided",
         (select count(*) from public.actions where shop_id = $1) as "actions",
         (select count(*) from public.processed_updates) as "processedUpdates"`,
      [shopId],
    );
    return {
      customers: Number(row.customers),
      transactions: Number(row.transactions),
      voided: Number(row.voided),
      actions: Number(row.actions),
      processedUpdates: Number(row.processedUpdates),
    };
  }

  /** Whether an update id is recorded as processed. */
  async isProcessed(updateId: number): Promise<boolean> {
    return (await this.scalar(
      `select count(*) as value from public.processed_updates where update_id = $1`,
      [updateId],
    )) === 1;
  }
}

/** Rejects unless `promise` fails with a LedgerError carrying `code`. */
export async function assertLedgerError(
  promise: Promise<unknown>,
  code: LedgerErrorCode,
): Promise<LedgerError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected LedgerError ${code}, but the call succeeded`);
  assert.ok(
    caught instanceof LedgerError,
    `expected LedgerError ${code}, got ${caught instanceof Error ? caught.stack : caught}`,
  );
  assert.equal(caught.code, code, `expected ${code}, got ${caught.message}`);
  return caught;
}

/** Rows breaking the ledger's invariants: customers by id, transactions by id. */
export interface Inconsistencies {
  /** Customers whose balance is not the sum of their non-voided transactions. */
  wrongBalances: Record<string, unknown>[];
  /** Transactions without exactly one recording action, or voided without it undone. */
  unlogged: Record<string, unknown>[];
  /** Shops whose count of active customers is not the number of their active customers. */
  wrongCounts: Record<string, unknown>[];
}

/** Finds every row in the database that breaks the ledger's invariants. */
export async function ledgerInconsistencies(client: SqlClient): Promise<Inconsistencies> {
  const wrongBalances = await client.query<Record<string, unknown>>(
    `select c.id::text as id, c.full_name, c.balance::text as balance, coalesce(sum(
              case t.kind when 'purchase' then t.amount else -t.amount end
            ) filter (where t.voided_at is null), 0)::text as expected
       from public.customers as c
       left join public.transactions as t on t.customer_id = c.id
      group by c.id
     having c.balance <> coalesce(sum(
              case t.kind when 'purchase' then t.amount else -t.amount end
            ) filter (where t.voided_at is null), 0)`,
  );
  const unlogged = await client.query<Record<string, unknown>>(
    `select t.id::text as id, t.kind::text as kind, t.voided_at is not null as voided,
            count(a.id)::int as recorded_by_actions,
            count(a.id) filter (where a.undone_at is not null)::int as undone_actions
       from public.transactions as t
       left join public.actions as a
         on a.transaction_id = t.id and a.action in ('purchase_recorded', 'payment_recorded')
      group by t.id
     having count(a.id) <> 1
         or (t.voided_at is not null) <> bool_or(a.undone_at is not null)`,
  );
  const wrongCounts = await client.query<Record<string, unknown>>(
    `select s.id::text as id, s.active_customers as counted,
            (select count(*) from public.customers as c
              where c.shop_id = s.id and c.archived_at is null)::int as active
       from public.shops as s
      where s.active_customers <> (select count(*) from public.customers as c
                                    where c.shop_id = s.id and c.archived_at is null)`,
  );
  return {
    wrongBalances: Array.from(wrongBalances),
    unlogged: Array.from(unlogged),
    wrongCounts: Array.from(wrongCounts),
  };
}

/**
 * The ledger's invariants over the whole database:
 * - every customer's balance equals its non-voided purchases minus payments;
 * - every transaction was recorded by exactly one *_recorded action, and it is
 *   voided exactly when that action was undone;
 * - every shop's count of active customers is right.
 * Rows already listed in `except` (found broken before a test) are not reported again.
 */
export async function assertBalancesConsistent(
  client: SqlClient,
  except: Inconsistencies = { wrongBalances: [], unlogged: [], wrongCounts: [] },
): Promise<void> {
  const found = await ledgerInconsistencies(client);
  const fresh = (rows: Record<string, unknown>[], known: Record<string, unknown>[]) => {
    const ids = new Set(known.map((row) => row.id));
    return rows.filter((row) => !ids.has(row.id));
  };
  assert.deepEqual(
    fresh(found.wrongBalances, except.wrongBalances),
    [],
    "balance differs from the sum of non-voided transactions",
  );
  assert.deepEqual(
    fresh(found.unlogged, except.unlogged),
    [],
    "a transaction without exactly one recording action, or voided without its action undone",
  );
  assert.deepEqual(
    fresh(found.wrongCounts, except.wrongCounts),
    [],
    "a shop's count of active customers differs from its active customers",
  );
}

/** Registers tests that share one database (created on first use, closed after all). */
export interface LedgerSuite {
  readonly engine: Engine;
  /** A test named `${name} [${engine}]`; the ledger's invariants are checked after it. */
  test(name: string, fn: (t: LedgerContext) => Promise<void>, options?: { ignore?: boolean }): void;
}

/**
 * One database per test file and engine (made by `options.open`, else a fresh migrated
 * one). Tests isolate themselves by opening their own shops and customers. Connections outlive a single test, so the resource and
 * op sanitizers are off for these tests.
 */
export function ledgerSuite(
  engine: Engine,
  options: { open?: () => Promise<TestDatabase> } = {},
): LedgerSuite {
  let context: Promise<LedgerContext> | undefined;
  const create = options.open ?? (() => freshDatabase(engine));
  const open = () => context ??= create().then((db) => new LedgerContext(db));
  Deno.test.afterAll(async () => {
    if (context) await (await context).db.close();
  });
  return {
    engine,
    test(name, fn, options = {}) {
      Deno.test({
        name: `${name} [${engine}]`,
        ignore: options.ignore ?? false,
        sanitizeOps: false,
        sanitizeResources: false,
        async fn() {
          const t = await open();
          // Rows an earlier failed test left broken are that test's failure, not this one's.
          const before = await ledgerInconsistencies(t.client);
          await fn(t);
          await assertBalancesConsistent(t.client, before);
        },
      });
    },
  };
}

/** Runs `fn` against a database of its own (for tests that need an empty ledger). */
export async function withFreshLedger(
  engine: Engine,
  fn: (t: LedgerContext) => Promise<void>,
): Promise<void> {
  const t = new LedgerContext(await freshDatabase(engine));
  try {
    await fn(t);
    await assertBalancesConsistent(t.client);
  } finally {
    await t.db.close();
  }
}
