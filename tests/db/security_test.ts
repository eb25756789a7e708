/**
 * Security: who may reach the ledger. Membership is checked by every operation (both
 * engines); row-level security, table and function privileges are checked on real
 * PostgreSQL by switching to Supabase's API roles (anon, authenticated, service_role).
 *
 * The PostgreSQL database here is set up like a Supabase project: before the
 * migrations run, new tables, functions and sequences in public are granted to anon
 * and authenticated by default (as Supabase does), so a migration that forgets to
 * revoke them fails these tests.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { migrate } from "../../shared/db/migrate.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import { engines, type TestDatabase, testServer } from "../support/databases.ts";
import {
  assertLedgerError,
  type LedgerContext,
  type LedgerSuite,
  ledgerSuite,
} from "../support/ledger_fixtures.ts";

/** Every operation that takes an actor, called by `actor` against real rows of a shop. */
function everyActorOperation(
  t: LedgerContext,
  actor: number,
  target: { customerId: number; actionId: number },
): [string, () => Promise<unknown>][] {
  const { customerId, actionId } = target;
  return [
    ["member_info", () => t.ledger.memberInfo(actor)],
    [
      "add_customer",
      () => t.ledger.addCustomer({ actor, updateId: t.updateId(), fullName: "Intruder" }),
    ],
    [
      "record_purchase",
      () => t.ledger.recordPurchase({ actor, updateId: t.updateId(), customerId, amount: 100 }),
    ],
    [
      "record_payment",
      () => t.ledger.recordPayment({ actor, updateId: t.updateId(), customerId, amount: 100 }),
    ],
    [
      "record_payment settle",
      () => t.ledger.recordPayment({ actor, updateId: t.updateId(), customerId, settle: true }),
    ],
    ["customer_summary", () => t.ledger.customerSummary(actor, customerId)],
    ["list_customers", () => t.ledger.listCustomers(actor)],
    ["list_customers search", () => t.ledger.listCustomers(actor, { query: "Victim" })],
    ["list_actions", () => t.ledger.listActions(actor)],
    ["undo_action", () => t.ledger.undoAction({ actor, updateId: t.updateId(), actionId })],
    ["undo_action latest", () => t.ledger.undoAction({ actor, updateId: t.updateId() })],
  ];
}

/** A shop with a customer who owes something, and the action that recorded it. */
async function victim(t: LedgerContext) {
  const { shop, rival } = await t.world();
  const customer = await t.addCustomer(shop.owner, "Victim");
  const bought = await t.purchase(shop.owner, customer.id, 1000);
  const actionId = await t.scalar(
    `select id as value from public.actions where transaction_id = $1`,
    [bought.transaction.id],
  );
  return { shop, rival, customerId: customer.id, actionId };
}

/** A migrated database on the test server whose public schema has Supabase's default grants. */
async function supabaseLikePostgres(): Promise<TestDatabase> {
  const server = await testServer();
  if (!server) throw new Error("no PostgreSQL server for tests");
  const name = `paytrack_sec_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgresClient(server.url, { max: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const client = postgresClient(url.toString(), { max: 5 });
  const roles = await Deno.readTextFile(
    new URL("../../shared/db/supabase_roles.sql", import.meta.url),
  );
  await client.execInTransaction(`${roles};
    alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
    alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
    alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;`);
  await migrate(client);
  return {
    engine: "postgres",
    client,
    url: url.toString(),
    async close() {
      await client.close();
      const again = postgresClient(server.url, { max: 1 });
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    },
  };
}

const suites = new Map<string, LedgerSuite>();
for (const engine of await engines()) {
  const suite = ledgerSuite(engine, engine === "postgres" ? { open: supabaseLikePostgres } : {});
  suites.set(engine, suite);

  suite.test("a stranger gets not_a_member from every operation", async (t) => {
    const { shop, customerId, actionId } = await victim(t);
    const stranger = t.userId();
    const before = await t.counts(shop.shopId);
    for (const [name, call] of everyActorOperation(t, stranger, { customerId, actionId })) {
      await assertLedgerError(call(), "not_a_member").catch((error) => {
        throw new Error(`${name}: ${error.message}`);
      });
    }
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(await t.balanceOf(customerId), 1000);
  });

  suite.test("a removed member gets not_a_member from every operation", async (t) => {
    const { shop, customerId, actionId } = await victim(t);
    await t.removeMember(shop.shopId, shop.owner);
    await t.removeMember(shop.shopId, shop.clerk);
    const before = await t.counts(shop.shopId);
    for (const actor of [shop.owner, shop.clerk]) {
      for (const [name, call] of everyActorOperation(t, actor, { customerId, actionId })) {
        await assertLedgerError(call(), "not_a_member").catch((error) => {
          throw new Error(`${name} by ${actor}: ${error.message}`);
        });
      }
    }
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(await t.balanceOf(customerId), 1000);
  });

  suite.test("a removed clerk is refused while the owner carries on", async (t) => {
    const { shop, customerId } = await victim(t);
    await t.removeMember(shop.shopId, shop.clerk);
    await assertLedgerError(t.purchase(shop.clerk, customerId, 5), "not_a_member");
    const paid = await t.pay(shop.owner, customerId, 400);
    assert.equal(paid.customer.balance, 600);
    const history = await t.ledger.listActions(shop.owner);
    assert.equal(history.total, 4, "the removed clerk's past stays in the history");
  });

  suite.test("another shop's owner can reach nothing in this shop", async (t) => {
    const { rival, customerId, actionId } = await victim(t);
    await assertLedgerError(t.purchase(rival.owner, customerId, 1), "customer_not_found");
    await assertLedgerError(t.pay(rival.owner, customerId, 1), "customer_not_found");
    await assertLedgerError(
      t.ledger.customerSummary(rival.owner, customerId),
      "customer_not_found",
    );
    await assertLedgerError(
      t.ledger.undoAction({ actor: rival.owner, updateId: t.updateId(), actionId }),
      "action_not_found",
    );
    assert.equal((await t.ledger.listCustomers(rival.owner)).total, 0);
    assert.equal((await t.ledger.listCustomers(rival.owner, { query: "Victim" })).total, 0);
    assert.equal((await t.ledger.listActions(rival.owner)).total, 1, "only its own shop_opened");
    assert.equal(await t.balanceOf(customerId), 1000);
  });

  suite.test("every ledger function is security definer with an empty search_path", async (t) => {
    const functions = await t.sql<
      { schema: string; name: string; definer: boolean; config: string[] | null }
    >(
      `select n.nspname as schema, p.oid::regprocedure::text as name,
              p.prosecdef as definer, p.proconfig as config
         from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private')`,
    );
    assert.ok(functions.filter((f) => f.schema === "public").length >= 12, "functions found");
    const unsafe = functions.filter((f) =>
      (f.schema === "public" && !f.definer) || !(f.config ?? []).includes('search_path=""')
    );
    assert.deepEqual(unsafe.map((f) => f.name), []);
  });

  suite.test("row-level security is on for every table in public", async (t) => {
    const tables = await t.sql<{ name: string; rls: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls
         from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')`,
    );
    for (const known of ["shops", "members", "customers", "transactions", "actions"]) {
      assert.ok(tables.some((table) => table.name === known), `${known} is checked`);
    }
    assert.deepEqual(tables.filter((table) => !table.rls).map((table) => table.name), []);
  });
}

// ----------------------------------------------------------------------------
// Privileges of Supabase's API roles (real PostgreSQL only: SET ROLE per transaction)
// ----------------------------------------------------------------------------

type Role = "anon" | "authenticated" | "service_role";

/** Runs `statement` as `role` in a transaction that is always rolled back. */
async function asRole(
  sql: postgres.Sql,
  role: Role,
  statement: string,
): Promise<{ rows: number } | { code: string; message: string }> {
  const rollback = new Error("rollback");
  let outcome: { rows: number } | { code: string; message: string } | undefined;
  try {
    await sql.begin(async (tx) => {
      await tx.unsafe(`set local role ${role}`);
      try {
        outcome = { rows: (await tx.unsafe(statement)).length };
      } catch (error) {
        const e = error as { code?: string; message?: string };
        outcome = { code: e.code ?? "?", message: e.message ?? String(error) };
      }
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return outcome!;
}

interface Relation {
  name: string;
  kind: string;
  column: string;
}

interface RoutineSignature {
  schema: string;
  name: string;
  types: string[];
}

const postgresSuite = suites.get("postgres");
if (postgresSuite) {
  const suite = postgresSuite;

  const connect = (t: LedgerContext) => postgres(t.db.url!, { max: 1, onnotice: () => {} });

  const relations = (t: LedgerContext) =>
    t.sql<Relation>(
      `select c.relname as name, c.relkind::text as kind,
              (select a.attname from pg_attribute as a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                  and a.attidentity = '' and a.attgenerated = ''
                order by a.attnum limit 1) as column
         from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
        order by c.relname`,
    );

  const routines = (t: LedgerContext) =>
    t.sql<RoutineSignature>(
      `select n.nspname as schema, p.proname as name,
              array(select format_type(a.type, null)
                      from unnest(p.proargtypes) with ordinality as a(type, i) order by a.i) as types
         from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and p.prokind = 'f'
        order by 1, 2`,
    );

  const callOf = (r: RoutineSignature) =>
    `select ${r.schema}.${r.name}(${r.types.map((type) => `null::${type}`).join(", ")})`;

  suite.test("anon and authenticated can read no table or view", async (t) => {
    const sql = connect(t);
    try {
      await victim(t);
      const all = await relations(t);
      assert.ok(all.some((r) => r.kind === "v"), "views are checked too");
      for (const role of ["anon", "authenticated"] as const) {
        for (const relation of all) {
          const outcome = await asRole(sql, role, `select * from public.${relation.name}`);
          assert.ok(
            "code" in outcome ? outcome.code === "42501" : outcome.rows === 0,
            `${role} read ${relation.name}: ${JSON.stringify(outcome)}`,
          );
        }
      }
    } finally {
      await sql.end();
    }
  });

  suite.test("anon and authenticated can insert, update or delete in no table", async (t) => {
    const sql = connect(t);
    try {
      await victim(t);
      const tables = (await relations(t)).filter((r) => r.kind === "r" || r.kind === "p");
      for (const role of ["anon", "authenticated"] as const) {
        for (const { name, column } of tables) {
          for (
            const statement of [
              `insert into public.${name} default values`,
              `update public.${name} set "${column}" = "${column}"`,
              `delete from public.${name}`,
            ]
          ) {
            const outcome = await asRole(sql, role, statement);
            assert.ok(
              "code" in outcome && outcome.code === "42501",
              `${role}: ${statement}: ${JSON.stringify(outcome)}`,
            );
          }
        }
      }
    } finally {
      await sql.end();
    }
  });

  suite.test("anon and authenticated can execute no ledger function", async (t) => {
    const sql = connect(t);
    try {
      const all = await routines(t);
      assert.ok(all.length >= 20, `found ${all.length} functions`);
      for (const role of ["anon", "authenticated"] as const) {
        for (const routine of all) {
          const outcome = await asRole(sql, role, callOf(routine));
          assert.ok(
            "code" in outcome && outcome.code === "42501",
            `${role} ran ${routine.schema}.${routine.name}: ${JSON.stringify(outcome)}`,
          );
        }
      }
    } finally {
      await sql.end();
    }
  });

  suite.test("the service role may execute every public function, and no private one", async (t) => {
    const sql = connect(t);
    try {
      const all = await routines(t);
      for (const routine of all) {
        const outcome = await asRole(sql, "service_role", callOf(routine));
        const denied = "code" in outcome && outcome.code === "42501";
        assert.equal(
          denied,
          routine.schema === "private",
          `service_role ${routine.schema}.${routine.name}: ${JSON.stringify(outcome)}`,
        );
      }
    } finally {
      await sql.end();
    }
  });

  suite.test("the service role runs the ledger for real", async (t) => {
    const sql = connect(t);
    try {
      const { shop, customerId } = await victim(t);
      const rollback = new Error("rollback");
      await sql.begin(async (tx) => {
        await tx.unsafe(`set local role service_role`);
        const [info] = await tx.unsafe(`select public.member_info($1) as r`, [shop.owner]);
        assert.equal(info.r.member.role, "owner");
        const [paid] = await tx.unsafe(
          `select public.record_payment(p_actor => $1, p_update_id => $2, p_customer_id => $3,
                                        p_amount => $4) as r`,
          [shop.owner, t.updateId(), customerId, 250],
        );
        assert.equal(paid.r.customer.balance, 750);
        throw rollback;
      }).catch((error) => {
        if (error !== rollback) throw error;
      });
      assert.equal(await t.balanceOf(customerId), 1000, "rolled back");
    } finally {
      await sql.end();
    }
  });
}
