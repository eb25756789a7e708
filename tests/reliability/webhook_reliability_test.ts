/**
 * Reliability through the real HTTP webhook: many members at once, a redelivery storm,
 * and the database dying in the middle of a burst. Every update must be applied exactly
 * once and every balance must equal the sum of its non-voided transactions.
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { migrate } from "../../shared/db/migrate.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { messageUpdate, privateChat, textMessage } from "../../shared/dev/terminal_chat.ts";
import { createWebhookHandler, SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { type Cluster, startCluster } from "../support/cluster.ts";
import { freshPostgres, postgresAvailable } from "../support/databases.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";

const SECRET = "reliability-secret_0123456789abcdef";
const OWNER_ID = 5_000;
const postgres = await postgresAvailable();

interface Shop extends AsyncDisposable {
  client: SqlClient;
  customers: number[];
  members: number[];
  logs: string[];
  telegram: FakeTelegram;
  /** POSTs an update; resolves with the HTTP status (0 when the request itself failed). */
  post(update: Update): Promise<number>;
}

/**
 * A shop with an owner, `clerks` clerks and `customers` customers behind a real webhook
 * server; member i has customer i % customers selected.
 */
async function shopBehindWebhook(
  client: SqlClient,
  clerks: number,
  customers: number,
): Promise<Shop> {
  const ledger = new Ledger(new SqlTransport(client));
  await ledger.startUser({ actor: OWNER_ID, updateId: 1, displayName: "Owner", mayOpenShop: true });
  const ids: number[] = [];
  for (let i = 0; i < customers; i++) {
    ids.push(
      (await ledger.addCustomer({ actor: OWNER_ID, updateId: 10 + i, fullName: `Customer ${i}` }))
        .customer.id,
    );
  }
  const members = [OWNER_ID, ...Array.from({ length: clerks }, (_, i) => OWNER_ID + 1 + i)];
  await client.query(
    `insert into public.members (shop_id, telegram_user_id, role, display_name)
     select s.id, m, 'clerk', 'Clerk ' || m from public.shops as s, unnest($1::bigint[]) as m`,
    [members.slice(1)],
  );
  for (const [i, m] of members.entries()) {
    await ledger.sessionWrite(`member:${m}`, {
      selected: { id: ids[i % ids.length], name: `Customer ${i % ids.length}` },
    });
  }
  const telegram = await FakeTelegram.start();
  const bot = createBot({
    token: telegram.token,
    ledger,
    botInfo: telegram.botInfo,
    apiRoot: telegram.apiRoot,
    ownerIds: [OWNER_ID],
  });
  const logs: string[] = [];
  const handle = createWebhookHandler(bot, { secretToken: SECRET, log: (line) => logs.push(line) });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => handle(req),
  );
  const url = `http://127.0.0.1:${server.addr.port}/`;
  return {
    client,
    customers: ids,
    members,
    logs,
    telegram,
    async post(update) {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET },
          body: JSON.stringify(update),
        });
        await res.body?.cancel();
        return res.status;
      } catch {
        return 0;
      }
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await telegram.close();
    },
  };
}

/** "/addtransaction 1" or "/pay 1" from a member. */
function moneyUpdate(updateId: number, userId: number, text: string): Update {
  const user = { id: userId, is_bot: false, first_name: `Member ${userId}` };
  return messageUpdate(
    updateId,
    textMessage({
      messageId: updateId,
      date: 1_790_000_000,
      from: user,
      chat: privateChat(user),
      text,
    }),
  );
}

/** Sends `updates` with at most `concurrency` requests in flight; returns each status. */
async function burst(shop: Shop, updates: Update[], concurrency: number): Promise<number[]> {
  const statuses = new Array<number>(updates.length);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < updates.length) {
      const i = next++;
      statuses[i] = await shop.post(updates[i]);
    }
  }));
  return statuses;
}

/** Every balance equals its non-voided transactions; every applied update has one action. */
async function assertLedgerConsistent(client: SqlClient, expectedUpdates: number): Promise<void> {
  const broken = await client.query<{ id: string }>(
    `select c.id::text from public.customers as c
      where c.balance <> coalesce((select sum(case t.kind when 'purchase' then t.amount else -t.amount end)
                                     from public.transactions as t where t.customer_id = c.id and t.voided_at is null), 0)`,
  );
  assert.deepEqual(broken.map((r) => r.id), [], "balances equal the sum of their transactions");
  const [counts] = await client.query<
    { txs: number; actions: number; updates: number; pending: number }
  >(
    `select (select count(*)::int from public.transactions) as txs,
            (select count(*)::int from public.actions where action in ('purchase_recorded', 'payment_recorded')) as actions,
            (select count(*)::int from public.processed_updates where operation in ('record_purchase', 'record_payment')) as updates,
            (select count(*)::int from public.processed_updates where result is null) as pending`,
  );
  assert.deepEqual(counts, {
    txs: expectedUpdates,
    actions: expectedUpdates,
    updates: expectedUpdates,
    pending: 0,
  });
}

Deno.test({
  name:
    "many members hammering one customer and many customers at once: every update applied exactly once",
  ignore: !postgres,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const db = await freshPostgres();
    try {
      await using shop = await shopBehindWebhook(db.client, 15, 4);
      // 16 members, 4 customers: four members on each customer, all at once.
      const updates = Array.from(
        { length: 480 },
        (_, i) =>
          moneyUpdate(
            100_000 + i,
            shop.members[i % shop.members.length],
            i % 3 === 2 ? "/pay 1 | cash" : "/addtransaction 2 | bread",
          ),
      );
      const statuses = await burst(shop, updates, 32);
      assert.deepEqual([...new Set(statuses)], [200]);
      await assertLedgerConsistent(db.client, 480);
      const [total] = await db.client.query<{ sum: string }>(
        "select sum(balance)::text as sum from public.customers",
      );
      assert.equal(Number(total.sum), 320 * 200 - 160 * 100);
    } finally {
      await db.close();
    }
  },
});

Deno.test({
  name:
    "a redelivery storm (each update 2 to 5 times, concurrently, out of order) applies each update once",
  ignore: !postgres,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const db = await freshPostgres();
    try {
      await using shop = await shopBehindWebhook(db.client, 7, 3);
      const originals = Array.from(
        { length: 120 },
        (_, i) =>
          moneyUpdate(200_000 + i, shop.members[i % shop.members.length], "/addtransaction 3"),
      );
      // A fixed pseudo-random schedule so a failure can be replayed.
      let seed = 42;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const deliveries = originals.flatMap((u) =>
        Array.from({ length: 2 + Math.floor(random() * 4) }, () => structuredClone(u))
      );
      for (let i = deliveries.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
      }
      assert.ok(deliveries.length >= 300);
      const statuses = await burst(shop, deliveries, 24);
      assert.deepEqual([...new Set(statuses)], [200]);
      await assertLedgerConsistent(db.client, 120);
      const [sum] = await db.client.query<{ sum: string }>(
        "select sum(balance)::text as sum from public.customers",
      );
      assert.equal(Number(sum.sum), 120 * 300);
    } finally {
      await db.close();
    }
  },
});

Deno.test({
  name:
    "the database dies mid-burst: non-2xx while it is down, nothing half-written, redelivery applies everything once",
  ignore: !postgres,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    let cluster: Cluster | undefined = await startCluster();
    const client = postgresClient(cluster.url, { max: 10 });
    try {
      await migrate(client);
      await using shop = await shopBehindWebhook(client, 5, 2);
      const updates = Array.from(
        { length: 240 },
        (_, i) =>
          moneyUpdate(
            300_000 + i,
            shop.members[i % shop.members.length],
            i % 4 === 3 ? "/pay 1" : "/addtransaction 5",
          ),
      );
      const statuses = new Array<number>(updates.length).fill(0);
      let next = 0;
      let answered = 0;
      const outage = (async () => {
        while (answered < 60) await new Promise((r) => setTimeout(r, 2));
        await cluster!.pause();
        await new Promise((r) => setTimeout(r, 300));
        await cluster!.resume();
      })();
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < updates.length) {
          const i = next++;
          statuses[i] = await shop.post(updates[i]);
          answered++;
          // Pace the burst so part of it lands while the database is down.
          await new Promise((r) => setTimeout(r, 5));
        }
      }));
      await outage;
      const failed = statuses.map((s, i) => [s, i] as const).filter(([s]) => s !== 200);
      assert.ok(failed.length > 0, "some updates arrived while the database was down");
      assert.ok(
        failed.every(([s]) => s >= 500),
        `only 5xx while down, got ${failed.map(([s]) => s)}`,
      );
      // Telegram redelivers whatever was not answered 2xx until it is.
      for (let round = 0; round < 20; round++) {
        const pending = statuses.map((s, i) => [s, i] as const).filter(([s]) => s !== 200).map((
          [, i],
        ) => i);
        if (pending.length === 0) break;
        for (const i of pending) statuses[i] = await shop.post(updates[i]);
      }
      assert.deepEqual([...new Set(statuses)], [200]);
      await assertLedgerConsistent(client, 240);
      for (const line of shop.logs) {
        assert.ok(!line.includes(SECRET), "the webhook secret never appears in a log line");
        assert.ok(!line.includes(shop.telegram.token), "the bot token never appears in a log line");
      }
    } finally {
      await client.close();
      await cluster?.stop();
      cluster = undefined;
    }
  },
});
