/**
 * The supabase-js transport against a fake PostgREST: a local HTTP server that speaks
 * PostgREST's RPC wire format and runs every call on a real migrated PostgreSQL, so the
 * real SQL functions answer through real HTTP. Failures (down, 5xx, hanging) are the
 * server misbehaving on purpose.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { Ledger } from "../../shared/db/ledger.ts";
import { LedgerError, LedgerUnavailable } from "../../shared/db/errors.ts";
import { rpcStatement } from "../../shared/db/sql_transport.ts";
import { supabaseTransport } from "../../shared/db/supabase_transport.ts";
import { freshPostgres, postgresAvailable } from "../support/databases.ts";

const KEY = "service-role-key-for-tests";
const VOID = 2278; // pg_type oid of void

/** A request as the fake server saw it. */
interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** PostgREST's documented mapping of a SQLSTATE to an HTTP status (the part we meet). */
function httpStatus(sqlstate: string): number {
  if (sqlstate === "23503" || sqlstate === "23505") return 409;
  if (sqlstate.startsWith("08") || (sqlstate.startsWith("53") && sqlstate !== "53400")) return 503;
  if (sqlstate === "42883" || sqlstate === "42P01") return 404;
  if (sqlstate === "42501") return 403;
  if (sqlstate === "P0001") return 400;
  if (/^(09|25|2D|38|39|3B|40|5[3-8]|F0|HV|P0|XX)/.test(sqlstate)) return 500;
  return 400;
}

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

/** A fake PostgREST at `url`; `override` answers instead of the database when set. */
async function fakePostgrest() {
  const db = await freshPostgres();
  const sql = postgres(db.url!, { max: 4, onnotice: () => {} });
  const seen: Seen[] = [];
  const hanging = Promise.withResolvers<void>();
  const state: { override?: (req: Request) => Response | Promise<Response> } = {};

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const text = await req.text();
    seen.push({
      method: req.method,
      path,
      headers: req.headers,
      body: text ? JSON.parse(text) : null,
    });
    if (state.override) return await state.override(req);
    if (req.headers.get("apikey") !== KEY || req.headers.get("authorization") !== `Bearer ${KEY}`) {
      return json(401, { code: "PGRST301", message: "bad key", details: null, hint: null });
    }
    const fn = path.match(/^\/rest\/v1\/rpc\/([a-z_]+)$/)?.[1];
    if (req.method !== "POST" || !fn) {
      return json(404, { code: "PGRST202", message: `no ${path}`, details: null, hint: null });
    }
    const { text: statement, params } = rpcStatement(fn, text ? JSON.parse(text) : {});
    try {
      const rows = await sql.unsafe(statement, params as never[]);
      return json(200, rows.columns[0].type === VOID ? null : rows[0].result);
    } catch (error) {
      const e = error as { code?: string; message: string; detail?: string; hint?: string };
      if (!e.code) throw error;
      return json(httpStatus(e.code), {
        code: e.code,
        message: e.message,
        details: e.detail ?? null,
        hint: e.hint ?? null,
      });
    }
  });

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    seen,
    state,
    /** Never answers until the server closes. */
    hang: () => hanging.promise.then(() => new Response(null, { status: 499 })),
    async close() {
      hanging.resolve();
      await server.shutdown();
      await sql.end({ timeout: 5 });
      await db.close();
    },
  };
}

const skip = !(await postgresAvailable());

Deno.test({
  name: "supabase transport: wire format, happy path and refusals on real SQL",
  ignore: skip,
  async fn() {
    const fake = await fakePostgrest();
    const transport = supabaseTransport(fake.url, KEY);
    const ledger = new Ledger(transport);
    try {
      const start = await ledger.startUser({
        actor: 1,
        updateId: 1,
        displayName: "Owner",
        mayOpenShop: true,
        currency: "ILS",
      });
      assert.equal(start.status, "opened");

      const request = fake.seen[0];
      assert.equal(request.method, "POST");
      assert.equal(request.path, "/rest/v1/rpc/start_user");
      assert.equal(request.headers.get("apikey"), KEY);
      assert.equal(request.headers.get("authorization"), `Bearer ${KEY}`);
      assert.equal(request.headers.get("content-type"), "application/json");
      assert.deepEqual(request.body, {
        p_actor: 1,
        p_update_id: 1,
        p_display_name: "Owner",
        p_may_open_shop: true,
        p_claim_if_unclaimed: false,
        p_shop_name: null,
        p_currency: "ILS",
        p_language: null,
        p_timezone: null,
      });

      const added = await ledger.addCustomer({
        actor: 1,
        updateId: 2,
        fullName: "John Smith",
        phone: "0590000000",
        nicknames: ["Abu Ali"],
        tags: ["vip"],
      });
      assert.deepEqual(added.customer.nicknames, ["Abu Ali"]);
      const bought = await ledger.recordPurchase({
        actor: 1,
        updateId: 3,
        customerId: added.customer.id,
        amount: 5000,
        description: "rice #food",
      });
      assert.equal(bought.customer.balance, 5000);
      assert.deepEqual(bought.transaction.tags, ["food"]);

      const list = await ledger.listCustomers(1, { query: "Jon Smth" });
      assert.equal(list.customers[0]?.id, added.customer.id);
      assert.equal(list.shop.currency, "ILS");

      await ledger.sessionWrite("chat:1", { step: "amount", ids: [1, 2] });
      assert.deepEqual(await ledger.sessionRead("chat:1"), { step: "amount", ids: [1, 2] });
      assert.equal(await ledger.sessionRead("missing"), undefined);
      await ledger.sessionDelete("chat:1");
      assert.equal(await ledger.sessionRead("chat:1"), undefined);

      await assert.rejects(
        ledger.recordPurchase({ actor: 2, updateId: 4, customerId: added.customer.id, amount: 1 }),
        (e) => e instanceof LedgerError && e.code === "not_a_member",
      );
      await assert.rejects(
        ledger.recordPurchase({ actor: 1, updateId: 5, customerId: added.customer.id, amount: 0 }),
        (e) => e instanceof LedgerError && e.code === "amount_not_positive" && e.detail !== "",
      );
      // A value Postgres itself rejects (class 22: bigint out of range) is a refusal too.
      await assert.rejects(
        transport.call("record_purchase", {
          p_actor: 1,
          p_update_id: 6,
          p_customer_id: added.customer.id,
          p_amount: "99999999999999999999",
        }),
        (e) => e instanceof LedgerError && e.code === "rejected",
      );
      assert.equal(transport.calls, fake.seen.length);
    } finally {
      await ledger.close();
      await fake.close();
    }
  },
});

Deno.test({
  name: "supabase transport: outages become LedgerUnavailable",
  ignore: skip,
  async fn(t) {
    const fake = await fakePostgrest();
    const ledger = new Ledger(supabaseTransport(fake.url, KEY, { timeoutMs: 300 }));
    const unavailable = (pattern: RegExp) => (e: unknown) => {
      assert.ok(e instanceof LedgerUnavailable, `expected LedgerUnavailable, got ${e}`);
      assert.match(e.message, pattern);
      return true;
    };
    try {
      await t.step("503 from a gateway, with a text body", async () => {
        fake.state.override = () => new Response("upstream connect error", { status: 503 });
        await assert.rejects(ledger.memberInfo(1), unavailable(/HTTP 503/));
      });
      await t.step("500 with a Postgres error (statement timeout)", async () => {
        fake.state.override = () =>
          json(500, { code: "57014", message: "canceling statement due to statement timeout" });
        await assert.rejects(ledger.memberInfo(1), unavailable(/57014/));
      });
      await t.step("PostgREST cannot reach Postgres (PGRST000, 503)", async () => {
        fake.state.override = () =>
          json(503, { code: "PGRST000", message: "Database client error", details: null });
        await assert.rejects(ledger.memberInfo(1), unavailable(/PGRST000/));
      });
      await t.step("a hanging server hits the timeout", async () => {
        fake.state.override = fake.hang;
        const started = performance.now();
        await assert.rejects(ledger.memberInfo(1), unavailable(/no answer within 300 ms/));
        assert.ok(performance.now() - started < 5_000);
      });
    } finally {
      await ledger.close();
      await fake.close();
    }
  },
});

Deno.test("supabase transport: connection refused becomes LedgerUnavailable", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  const transport = supabaseTransport(`http://127.0.0.1:${port}`, KEY);
  await assert.rejects(
    transport.call("member_info", { p_actor: 1 }),
    (e) => e instanceof LedgerUnavailable && /no answer/.test(e.message),
  );
  assert.equal(transport.calls, 1);
});
