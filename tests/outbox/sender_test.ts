/**
 * The outbox sender (shared/outbox/sender.ts) against the fake Bot API and a real database:
 * a crash between commit and send loses nothing and sends once; a 429 is waited out with
 * its retry_after (a long one goes back to the outbox), a 403 marks the customer
 * unreachable and the others still get theirs, a 5xx is retried later; one message per chat
 * per second and fewer than 30 a second overall; the webhook drains after its answer, kept
 * alive by EdgeRuntime.waitUntil.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import { engines } from "../support/databases.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";
import { type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import {
  type Clock,
  drainInBackground,
  drainOutbox,
  Throttle,
} from "../../shared/outbox/sender.ts";
import { createWebhookHandler, SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { messageUpdate, textMessage } from "../../shared/dev/terminal_chat.ts";
import { openChat } from "../support/chat.ts";

/** A linked customer of the shop (by SQL, as /connect will link them) with `purchases` entries. */
async function linkedCustomer(
  t: LedgerContext,
  shop: { shopId: number; owner: number },
  name: string,
  purchases: number[] = [1000],
  language: string | null = null,
): Promise<{ chat: number; customerId: number }> {
  const c = await t.addCustomer(shop.owner, name);
  const chat = t.userId();
  await t.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
     values ($1, $2, $3, $4)`,
    [shop.shopId, c.id, chat, language],
  );
  for (const amount of purchases) await t.purchase(shop.owner, c.id, amount);
  return { chat, customerId: c.id };
}

/** Marks every waiting row of earlier tests as sent: each test drains only its own. */
async function quiet(t: LedgerContext): Promise<void> {
  await t.sql(
    `update public.outbox set sent_at = now() where sent_at is null and failed_at is null`,
  );
}

/** No waiting: these tests are about results, not pacing. */
const FAST = () => new Throttle(1_000_000, 1_000_000, 0);

const silent = () => {};

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a crash between commit and send loses nothing, and sends once", async (t) => {
    await using telegram = await FakeTelegram.start();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    await quiet(t);
    const { shop } = await t.world();
    // Committed with no sender running (the process died before the drain).
    const { chat } = await linkedCustomer(t, shop, "Crash Case", [2500]);
    // A drain that claimed the row and died before sending: the lease keeps others off it…
    assert.equal((await t.ledger.receipts.claim(10)).length, 1);
    let report = await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent });
    assert.equal(report.claimed, 0);
    // …until it ends; then the next drain sends it, once.
    await t.sql(`update public.outbox set not_before = now() where sent_at is null`);
    report = await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent });
    assert.equal(report.sent, 1);
    report = await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent });
    assert.equal(report.claimed, 0);
    const sent = telegram.callsTo("sendMessage").filter((c) => Number(c.payload.chat_id) === chat);
    assert.equal(sent.length, 1);
    assert.match(String(sent[0].payload.text), /a purchase of <b>\$25\.00<\/b>/);
    assert.match(String(sent[0].payload.text), /you owe <b>\$25\.00<\/b>/);
  });

  suite.test("a batch stops sending before its claim's lease ends; the rest go in a later drain, once", async (t) => {
    await using telegram = await FakeTelegram.start();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    await quiet(t);
    const { shop } = await t.world();
    // Five receipts to one chat: one a second, so the batch outlasts a short lease.
    const { chat } = await linkedCustomer(t, shop, "Many Receipts", [100, 200, 300, 400, 500]);
    let now = 1_000_000;
    const clock: Clock = {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    };
    const throttle = new Throttle(1_000_000, 1_000_000, 1000, clock);
    const report = await drainOutbox(api, t.ledger, {
      throttle,
      clock,
      log: silent,
      leaseMs: 2_500,
    });
    assert.equal(report.claimed, 5);
    assert.equal(report.sent, 3, "sent at 0, 1 and 2 s; the lease margin ends it there");
    const sentNow = telegram.callsTo("sendMessage").filter((c) =>
      Number(c.payload.chat_id) === chat
    );
    assert.equal(sentNow.length, 3);
    // The two left are still claimed (no one sends them) until the lease ends, then once.
    assert.equal((await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent })).claimed, 0);
    await t.sql(
      `update public.outbox set not_before = now() where sent_at is null and shop_id = $1`,
      [
        shop.shopId,
      ],
    );
    assert.equal((await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent })).sent, 2);
    assert.equal(
      telegram.callsTo("sendMessage").filter((c) => Number(c.payload.chat_id) === chat).length,
      5,
    );
  });

  suite.test("403 marks the customer unreachable; the others still get theirs", async (t) => {
    await using telegram = await FakeTelegram.start();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    await quiet(t);
    const { shop } = await t.world();
    const blocked = await linkedCustomer(t, shop, "Blocked Bot");
    const fine = await linkedCustomer(t, shop, "Still Fine");
    telegram.fail("sendMessage", {
      chatId: blocked.chat,
      status: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const report = await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent });
    assert.deepEqual(report, { claimed: 2, sent: 1, blocked: 1, retried: 0, failed: 0 });
    const [row] = await t.sql<{ unreachable: boolean }>(
      `select unreachable_at is not null as unreachable from public.customer_accounts
        where telegram_user_id = $1`,
      [blocked.chat],
    );
    assert.equal(row.unreachable, true);
    assert.equal(
      telegram.callsTo("sendMessage").filter((c) =>
        Number(c.payload.chat_id) === fine.chat && c.answer.ok
      ).length,
      1,
    );
    // Given up: no later drain tries the blocked one again.
    await t.sql(`update public.outbox set not_before = now() where shop_id = $1`, [shop.shopId]);
    assert.equal((await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent })).claimed, 0);
  });

  suite.test("429 waits retry_after; a long one and a 5xx go back to the outbox", async (t) => {
    await using telegram = await FakeTelegram.start();
    const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    await quiet(t);
    const { shop } = await t.world();
    const short = await linkedCustomer(t, shop, "Short Wait");
    const long = await linkedCustomer(t, shop, "Long Wait");
    const down = await linkedCustomer(t, shop, "Server Error");
    const tooMany = { status: 429, description: "Too Many Requests: retry after 1" };
    telegram.fail("sendMessage", { chatId: short.chat, ...tooMany, retryAfter: 1, times: 1 });
    telegram.fail("sendMessage", { chatId: long.chat, ...tooMany, retryAfter: 60, times: 1 });
    telegram.fail("sendMessage", { chatId: down.chat, status: 502, description: "Bad Gateway" });
    const report = await drainOutbox(api, t.ledger, { throttle: FAST(), log: silent });
    assert.deepEqual(report, { claimed: 3, sent: 1, blocked: 0, retried: 2, failed: 0 });
    const toShort = telegram.callsTo("sendMessage").filter((c) =>
      Number(c.payload.chat_id) === short.chat
    );
    assert.equal(toShort.length, 2);
    assert.ok(toShort[1].at - toShort[0].at >= 950, "auto-retry waited retry_after");
    const rows = await t.sql<{ chat: number; wait_s: number; sent: boolean }>(
      `select chat_id::float8 as chat, round(extract(epoch from not_before - now()))::int as wait_s,
              sent_at is not null as sent
         from public.outbox where shop_id = $1`,
      [shop.shopId],
    );
    const byChat = new Map(rows.map((r) => [r.chat, r]));
    assert.equal(byChat.get(short.chat)?.sent, true);
    assert.ok(Math.abs(byChat.get(long.chat)!.wait_s - 60) <= 3);
    assert.ok(Math.abs(byChat.get(down.chat)!.wait_s - 10) <= 3);
  });
}

Deno.test("the throttle: one message per chat per second, under 30 a second overall", async () => {
  let now = 0;
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
  const throttle = new Throttle(25, 3, 1000, clock);
  const sentAt: { chat: number; at: number }[] = [];
  // 200 messages: 10 to one chat, the rest to chats of their own, the way drainOutbox picks.
  const waiting = Array.from({ length: 200 }, (_, i) => (i % 20 === 0 ? 1 : 1000 + i));
  while (waiting.length) {
    let pick = 0;
    let wait = Infinity;
    for (let i = 0; i < waiting.length; i++) {
      const w = throttle.waitFor(waiting[i]);
      if (w < wait) [pick, wait] = [i, w];
      if (w === 0) break;
    }
    if (wait > 0) await clock.sleep(wait);
    const [chat] = waiting.splice(pick, 1);
    throttle.take(chat);
    sentAt.push({ chat, at: now });
  }
  const one = sentAt.filter((s) => s.chat === 1).map((s) => s.at);
  for (let i = 1; i < one.length; i++) assert.ok(one[i] - one[i - 1] >= 1000);
  for (const { at } of sentAt) {
    const inWindow = sentAt.filter((s) => s.at >= at && s.at < at + 1000).length;
    assert.ok(inWindow < 30, `${inWindow} messages in one second`);
  }
  // And no slower than it must be: the one chat's 10 messages a second apart end it at 9 s
  // (the other 190 at 25 a second would need 7.4 s).
  assert.ok(now <= 9_100, `${now} ms`);
});

Deno.test({
  name: "the drain keeps to the limits on the fake Bot API (measured)",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const [engine] = await engines();
    const suite = await import("../support/ledger_fixtures.ts");
    await suite.withFreshLedger(engine, async (t) => {
      await using telegram = await FakeTelegram.start();
      const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
      const { shop } = await t.world();
      const same = await linkedCustomer(t, shop, "Three Entries", [100, 200, 300]);
      for (let i = 0; i < 32; i++) await linkedCustomer(t, shop, `Customer ${i}`, [100]);
      const started = performance.now();
      const report = await drainOutbox(api, t.ledger, { throttle: new Throttle(), log: silent });
      const elapsed = performance.now() - started;
      assert.equal(report.sent, 35);
      const calls = telegram.callsTo("sendMessage");
      const toSame = calls.filter((c) => Number(c.payload.chat_id) === same.chat).map((c) => c.at);
      assert.equal(toSame.length, 3);
      for (let i = 1; i < toSame.length; i++) assert.ok(toSame[i] - toSame[i - 1] >= 990);
      for (const { at } of calls) {
        assert.ok(calls.filter((c) => c.at >= at && c.at < at + 1000).length < 30);
      }
      // 35 messages, 3 at once then 25 a second: at least 1.28 s.
      assert.ok(elapsed >= 1250, `${elapsed} ms`);
    });
  },
});

Deno.test("the webhook drains after it answers, inside EdgeRuntime.waitUntil", async () => {
  const h = await openChat();
  await using _ = h;
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Layla Nasser");
  await h.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
     select shop_id, id, 5001 from public.customers where full_name = 'Layla Nasser'`,
  );
  const kept: Promise<unknown>[] = [];
  const global = globalThis as { EdgeRuntime?: unknown };
  global.EdgeRuntime = { waitUntil: (p: Promise<unknown>) => kept.push(p) };
  try {
    const api = new Api(h.telegram.token, { apiRoot: h.telegram.apiRoot });
    const handle = createWebhookHandler(h.bot, {
      secretToken: "secret-0123456789",
      afterUpdate: () => drainInBackground(api, h.ledger, { throttle: FAST(), log: silent }),
    });
    const update = messageUpdate(
      h.nextUpdateId(),
      textMessage({
        messageId: h.telegram.api.nextMessageId(),
        date: h.telegram.api.now(),
        from: h.owner.user,
        chat: h.owner.chat,
        text: "/addtransaction 12",
      }),
    );
    const answer = await handle(
      new Request("http://localhost/telegram-bot", {
        method: "POST",
        headers: { [SECRET_HEADER]: "secret-0123456789", "content-type": "application/json" },
        body: JSON.stringify(update),
      }),
    );
    assert.equal(answer.status, 200);
    assert.equal(kept.length, 1, "the drain was handed to EdgeRuntime.waitUntil");
    await Promise.all(kept);
    const toLayla = h.telegram.callsTo("sendMessage").filter((c) =>
      Number(c.payload.chat_id) === 5001
    );
    assert.equal(toLayla.length, 1);
    // The member's reply went out before the receipt.
    const toOwner = h.telegram.callsTo("sendMessage").filter((c) =>
      Number(c.payload.chat_id) === h.owner.user.id
    );
    assert.ok(toOwner.at(-1)!.at <= toLayla[0].at);
  } finally {
    delete global.EdgeRuntime;
  }
});
