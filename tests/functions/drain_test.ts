/**
 * The drain endpoint over real HTTP (`POST …/drain`, what pg_cron + pg_net call every minute
 * on Supabase): only with `x-paytrack-drain-secret` equal to PAYTRACK_DRAIN_SECRET (unset:
 * 404; wrong or missing: 401, nothing drained); with it, the outbox is drained through a fake
 * Bot API and the report answered as JSON; a ledger outage answers 503.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import { createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { LedgerUnavailable } from "../../shared/db/errors.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { createWebhookHandler, DRAIN_SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { drainOutbox, Throttle } from "../../shared/outbox/sender.ts";
import { loadConfig } from "../../shared/config/config.ts";
import { OWNER } from "../support/chat.ts";
import { freshDatabase, postgresAvailable } from "../support/databases.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";
import { SECRET } from "./webhook_server.ts";

const DRAIN_SECRET = "drain-secret_0123456789abcdef";

async function startDrainServer(
  options: { secret?: string; failLedger?: boolean } = {},
) {
  const engine = (await postgresAvailable()) ? "postgres" : "pglite";
  const db = await freshDatabase(engine);
  const telegram = await FakeTelegram.start();
  const transport = new SqlTransport(db.client);
  const ledger = new Ledger(transport);
  const bot = createBot({
    token: telegram.token,
    ledger,
    botInfo: telegram.botInfo,
    apiRoot: telegram.apiRoot,
    ownerIds: [OWNER.id],
  });
  const sender = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  const logs: string[] = [];
  let drains = 0;
  const handle = createWebhookHandler(bot, {
    secretToken: SECRET,
    log: (line) => logs.push(line),
    drain: {
      secret: options.secret,
      run: () => {
        drains++;
        if (options.failLedger) throw new LedgerUnavailable("the database is down");
        return drainOutbox(sender, ledger, { budgetMs: 5_000, throttle: new Throttle() });
      },
    },
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handle);
  const base = `http://127.0.0.1:${server.addr.port}/functions/v1/telegram-bot`;
  return {
    base,
    db,
    telegram,
    logs,
    get drains() {
      return drains;
    },
    async post(path: string, headers: Record<string, string> = {}, method = "POST") {
      const res = await fetch(`${base}${path}`, { method, headers });
      return { status: res.status, body: await res.text() };
    },
    async queueDigest(chatId: number) {
      await db.client.query(
        `insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
         values (null, $1, 'digest', ($2::text)::jsonb, $3)`,
        [
          chatId,
          JSON.stringify({
            shop_name: "Al-Noor",
            currency: "USD",
            minor_unit: 2,
            timezone: "UTC",
            day: "2026-12-01",
            sales: 1500,
            sales_count: 2,
            collected: 0,
            collected_count: 0,
            new_overdue: 0,
            new_overdue_customers: 0,
            open_disputes: 0,
            locale: "en",
            digits: "latn",
          }),
          `digest:test:${chatId}:${crypto.randomUUID()}`,
        ],
      );
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await telegram.close();
      await db.close();
    },
  };
}

Deno.test("POST /drain with the secret drains the outbox and answers the report", async () => {
  await using s = await startDrainServer({ secret: DRAIN_SECRET });
  await s.queueDigest(111);
  await s.queueDigest(222);
  const res = await s.post("/drain", { [DRAIN_SECRET_HEADER]: DRAIN_SECRET });
  assert.equal(res.status, 200, `${res.body} ${s.logs.join("\n")}`);
  const body = JSON.parse(res.body);
  assert.equal(body.ok, true);
  assert.deepEqual(body.drain, { claimed: 2, sent: 2, blocked: 0, retried: 0, failed: 0 });
  const sent = s.telegram.callsTo("sendMessage");
  assert.deepEqual(sent.map((c) => Number(c.payload.chat_id)).sort(), [111, 222]);
  assert.match(String(sent[0].payload.text), /Credit sales: <b>\$15\.00<\/b> \(2 purchases\)/);
  // Nothing left: a second call sends nothing again; a trailing slash is the same path.
  const again = await s.post("/drain/", { [DRAIN_SECRET_HEADER]: DRAIN_SECRET });
  assert.equal(again.status, 200);
  assert.equal(JSON.parse(again.body).drain.claimed, 0);
  assert.equal(s.telegram.callsTo("sendMessage").length, 2);
  assert.ok(!res.body.includes(DRAIN_SECRET));
});

Deno.test("a missing or wrong drain secret is 401 and drains nothing", async () => {
  await using s = await startDrainServer({ secret: DRAIN_SECRET });
  await s.queueDigest(333);
  const cases: Record<string, string>[] = [
    {},
    { [DRAIN_SECRET_HEADER]: "" },
    { [DRAIN_SECRET_HEADER]: DRAIN_SECRET.slice(0, -1) },
    { [DRAIN_SECRET_HEADER]: DRAIN_SECRET + "x" },
    { [DRAIN_SECRET_HEADER]: DRAIN_SECRET.toUpperCase() },
    // The webhook's secret is not the drain's.
    { [DRAIN_SECRET_HEADER]: SECRET },
    { "X-Telegram-Bot-Api-Secret-Token": SECRET },
  ];
  for (const headers of cases) {
    const res = await s.post("/drain", headers);
    assert.equal(res.status, 401, JSON.stringify(headers));
  }
  assert.equal(s.drains, 0);
  assert.equal(s.telegram.calls.length, 0);
  // Only POST.
  assert.equal(
    (await s.post("/drain", { [DRAIN_SECRET_HEADER]: DRAIN_SECRET }, "GET")).status,
    405,
  );
  assert.equal(s.drains, 0);
});

Deno.test("without PAYTRACK_DRAIN_SECRET the drain path is 404; the webhook is unchanged", async () => {
  await using s = await startDrainServer({ secret: undefined });
  assert.equal((await s.post("/drain", { [DRAIN_SECRET_HEADER]: DRAIN_SECRET })).status, 404);
  assert.equal((await s.post("/drain")).status, 404);
  assert.equal(s.drains, 0);
  // The webhook itself still answers as before.
  assert.equal((await s.post("", {}, "GET")).status, 200);
  assert.equal((await s.post("", {})).status, 401);
  // A path merely containing "drain" is the webhook, not the drain.
  assert.equal((await s.post("/drainage", {})).status, 401);
});

Deno.test("a ledger outage during the drain answers 503 with one log line, no secret in it", async () => {
  await using s = await startDrainServer({ secret: DRAIN_SECRET, failLedger: true });
  const res = await s.post("/drain", { [DRAIN_SECRET_HEADER]: DRAIN_SECRET });
  assert.equal(res.status, 503);
  assert.equal(s.logs.length, 1);
  const line = JSON.parse(s.logs[0]);
  assert.equal(line.event, "drain");
  assert.equal(line.outcome, "outage");
  assert.ok(!s.logs[0].includes(DRAIN_SECRET));
});

Deno.test("PAYTRACK_DRAIN_SECRET is checked like the webhook secret; the function URL is a URL", () => {
  assert.equal(
    loadConfig({ PAYTRACK_DRAIN_SECRET: DRAIN_SECRET }).PAYTRACK_DRAIN_SECRET,
    DRAIN_SECRET,
  );
  assert.throws(() => loadConfig({ PAYTRACK_DRAIN_SECRET: "short" }), /PAYTRACK_DRAIN_SECRET/);
  assert.throws(
    () => loadConfig({ PAYTRACK_DRAIN_SECRET: "short" }),
    (e: Error) => !e.message.includes("short"),
  );
  assert.throws(() => loadConfig({ PAYTRACK_FUNCTION_URL: "not a url" }), /PAYTRACK_FUNCTION_URL/);
});
