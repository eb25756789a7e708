/**
 * Reminders through the bot, on a real database and the fake Bot API: /remind for a linked
 * customer (queued, delivered by the outbox drain, once a day) and an unlinked one (a text to
 * forward with share buttons), the card's 🔔 Remind, /remind all (preview, Send), a customer
 * who pays between queueing and sending (nothing sent), Telegram 403/429/5xx in the middle of
 * a batch (the blocked one marked unreachable, the others sent later, none twice), the
 * database down while draining (nothing lost), and a customer's /reminders off.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import type { User } from "grammy/types";
import { type ChatHarness, type ChatUser, openChat } from "../support/chat.ts";
import { drainOutbox, Throttle } from "../../shared/outbox/sender.ts";
import { type Engine, engines, postgresAvailable } from "../support/databases.ts";
import { startCluster } from "../support/cluster.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import { migrate } from "../../shared/db/migrate.ts";
import { addClerk } from "../support/bot_fixtures.ts";

let nextUser = 7001;

/** A customer added and selected, owing `amount`, linked by SQL (as /connect does) when asked. */
async function customer(
  h: ChatHarness,
  name: string,
  amount: number,
  options: { linked?: boolean; overdueDays?: number } = {},
): Promise<{ id: number; user?: ChatUser; telegramId?: number }> {
  await h.owner.says(`/addcustomer ${name}`);
  await h.owner.says(`/addtransaction ${amount} | rice`);
  const [row] = await h.sql<{ id: number }>(
    `select id::int from public.customers where full_name = $1`,
    [name],
  );
  if (options.overdueDays) {
    await h.sql(
      `update public.transactions set due_on = private.shop_today(shop_id) - $2::int
        where customer_id = $1`,
      [row.id, options.overdueDays],
    );
  }
  if (!options.linked) return { id: row.id };
  const telegramId = nextUser++;
  const u: User = { id: telegramId, is_bot: false, first_name: name, language_code: "en" };
  await h.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
     select shop_id, id, $2 from public.customers where id = $1`,
    [row.id, telegramId],
  );
  return { id: row.id, user: h.user(u), telegramId };
}

/** Runs the outbox drain as the webhook would after its reply (no pacing in tests). */
function drain(h: ChatHarness) {
  const api = new Api(h.telegram.token, { apiRoot: h.telegram.apiRoot });
  return drainOutbox(api, h.ledger, {
    throttle: new Throttle(1_000_000, 1_000_000, 0),
    log: () => {},
  });
}

/** The reminders Telegram accepted for a chat. */
function remindersTo(h: ChatHarness, chatId: number): string[] {
  return h.telegram.callsTo("sendMessage")
    .filter((c) => Number(c.payload.chat_id) === chatId && c.answer.ok)
    .map((c) => String(c.payload.text))
    .filter((text) => /payment reminder/.test(text));
}

/** Marks the queued receipts sent, so a drain sends only reminders. */
async function receiptsDone(h: ChatHarness): Promise<void> {
  await h.sql(`update public.outbox set sent_at = now() where kind = 'receipt'`);
}

for (const engine of await engines()) {
  const chat = (e: Engine) => openChat({ engine: e });

  Deno.test(`/remind a linked customer: queued, delivered once, once a day [${engine}]`, async () => {
    await using h = await chat(engine);
    await h.owner.says("/start");
    const layla = await customer(h, "Layla Nasser", 50, { linked: true, overdueDays: 3 });
    await receiptsDone(h);
    await h.owner.says("/remind");
    assert.match(h.owner.lastReply(), /A reminder goes out to Layla Nasser on Telegram/);
    assert.match(h.owner.lastReply(), /\$50\.00 overdue since/);
    await h.redeliver();
    assert.deepEqual(await drain(h), { claimed: 1, sent: 1, blocked: 0, retried: 0, failed: 0 });
    const [text] = remindersTo(h, layla.telegramId!);
    assert.match(text, /friendly payment reminder for Layla Nasser/);
    assert.match(text, /<b>\$50\.00<\/b> is overdue since/);
    assert.match(text, /Your balance: you owe <b>\$50\.00<\/b>/);
    assert.match(text, /\/reminders off/);
    await h.owner.says("/remind");
    assert.match(h.owner.lastReply(), /already reminded today/);
    assert.deepEqual(await drain(h), { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 });
    assert.equal(remindersTo(h, layla.telegramId!).length, 1);
  });

  Deno.test(`/remind an unlinked customer: a text to forward, share buttons [${engine}]`, async () => {
    await using h = await chat(engine);
    await h.owner.says("/start");
    const omar = await customer(h, "Omar Haddad", 20);
    await h.sql(`update public.customers set phone_digits = '970599123456' where id = $1`, [
      omar.id,
    ]);
    const [reply] = await h.owner.says("/remind");
    assert.match(reply.text, /Omar Haddad has not linked their Telegram/);
    assert.match(reply.text, /Hello Omar Haddad, a friendly reminder from/);
    assert.match(reply.text, /Balance: \$20\.00/);
    const urls = reply.keyboard.flat().map((b) => String((b as { url?: string }).url));
    assert.ok(urls[0].startsWith("https://t.me/share/url?url="), urls[0]);
    assert.match(urls[0], /&text=Hello%20Omar%20Haddad/);
    assert.ok(urls[1].startsWith("https://wa.me/970599123456?text="), urls[1]);
    assert.equal(
      (await h.sql<{ n: number }>(`select count(*)::int as n from public.reminders`))[0].n,
      0,
    );
    // Nothing owed: a clear sentence.
    await h.owner.says("/addcustomer Settled Sam");
    await h.owner.says("/remind");
    assert.match(h.owner.lastReply(), /Settled Sam owes nothing: no reminder needed/);
  });

  Deno.test(`the card's 🔔 Remind, and a customer who pays before the send gets nothing [${engine}]`, async () => {
    await using h = await chat(engine);
    await h.owner.says("/start");
    const layla = await customer(h, "Layla Nasser", 50, { linked: true, overdueDays: 1 });
    await receiptsDone(h);
    await h.owner.says("/summary");
    assert.ok(h.owner.buttons().flat().includes("🔔 Remind"));
    await h.owner.presses("🔔 Remind");
    assert.match(h.owner.lastReply(), /A reminder goes out to Layla Nasser/);
    await h.owner.says("/pay 50");
    await receiptsDone(h);
    assert.deepEqual(await drain(h), { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 });
    assert.equal(remindersTo(h, layla.telegramId!).length, 0);
    const [row] = await h.sql<{ error: string }>(
      `select last_error as error from public.outbox where kind = 'reminder'`,
    );
    assert.equal(row.error, "nothing due");
    // Settled: the card offers no reminder.
    await h.owner.says("/summary");
    assert.ok(!h.owner.buttons().flat().includes("🔔 Remind"));
  });

  Deno.test(`/remind all: the preview, then Send; a clerk is told it is for owners [${engine}]`, async () => {
    await using h = await chat(engine);
    await h.owner.says("/start");
    const a = await customer(h, "Amal Saleh", 30, { linked: true, overdueDays: 5 });
    const b = await customer(h, "Basim Odeh", 40, { linked: true, overdueDays: 40 });
    await customer(h, "Lone Walker", 10, { overdueDays: 2 });
    await receiptsDone(h);
    await addClerk(h);
    await h.clerk.says("/remind all");
    assert.match(h.clerk.lastReply(), /for the shop's owners/);
    await h.owner.says("/remind all");
    assert.match(
      h.owner.lastReply(),
      /3 overdue customers: 2 will get a reminder, 1 is not linked \(forward texts: \/overdue\)\.\nSend\?/,
    );
    await h.owner.presses("🔔 Send");
    assert.match(h.owner.lastReply(), /2 reminders are on their way/);
    await h.redeliver();
    assert.deepEqual(await drain(h), { claimed: 2, sent: 2, blocked: 0, retried: 0, failed: 0 });
    assert.equal(remindersTo(h, a.telegramId!).length, 1);
    assert.equal(remindersTo(h, b.telegramId!).length, 1);
    await h.owner.says("/remind all");
    assert.match(h.owner.lastReply(), /2 already reminded today/);
  });

  Deno.test(`Telegram 403, 429 and 5xx in the middle of a batch: none lost, none twice [${engine}]`, async () => {
    await using h = await chat(engine);
    await h.owner.says("/start");
    const ok = await customer(h, "Amal Saleh", 30, { linked: true, overdueDays: 5 });
    const blocked = await customer(h, "Basim Odeh", 40, { linked: true, overdueDays: 5 });
    const limited = await customer(h, "Carla Nassar", 50, { linked: true, overdueDays: 5 });
    const flaky = await customer(h, "Dima Khoury", 60, { linked: true, overdueDays: 5 });
    await receiptsDone(h);
    h.telegram.fail("sendMessage", {
      chatId: blocked.telegramId,
      status: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    h.telegram.fail("sendMessage", {
      chatId: limited.telegramId,
      status: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
      times: 1,
    });
    h.telegram.fail("sendMessage", {
      chatId: flaky.telegramId,
      status: 502,
      description: "Bad Gateway",
      times: 5,
    });
    await h.owner.says("/remind all");
    await h.owner.presses("🔔 Send");
    const first = await drain(h);
    assert.equal(first.sent >= 1, true);
    assert.equal(first.blocked, 1);
    assert.equal(remindersTo(h, ok.telegramId!).length, 1);
    h.telegram.heal();
    h.telegram.fail("sendMessage", {
      chatId: blocked.telegramId,
      status: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    // Later (the retries' not_before passed): the 429 and 5xx ones go, once each.
    await h.sql(`update public.outbox set not_before = now() where sent_at is null`);
    await drain(h);
    await h.sql(`update public.outbox set not_before = now() where sent_at is null`);
    await drain(h);
    assert.equal(remindersTo(h, ok.telegramId!).length, 1);
    assert.equal(remindersTo(h, limited.telegramId!).length, 1);
    assert.equal(remindersTo(h, flaky.telegramId!).length, 1);
    assert.equal(remindersTo(h, blocked.telegramId!).length, 0);
    const [acc] = await h.sql<{ unreachable: boolean }>(
      `select unreachable_at is not null as unreachable from public.customer_accounts
        where telegram_user_id = $1`,
      [blocked.telegramId],
    );
    assert.equal(acc.unreachable, true);
    // Skipped next time: counted apart, and /remind says why with a text to forward.
    await h.owner.says("/remind all");
    assert.match(h.owner.lastReply(), /1 blocked the bot, 3 already reminded today/);
    const again = await h.ledger.reminders.remindCustomer({
      actor: h.owner.user.id,
      updateId: h.nextUpdateId(),
      customerId: blocked.id,
    });
    assert.equal(again.state, "unreachable");
  });

  Deno.test(`a customer's /reminders off: the member gets a text to forward instead [${engine}]`, async () => {
    await using h = await chat(engine);
    await h.owner.says("/start");
    const layla = await customer(h, "Layla Nasser", 50, { linked: true, overdueDays: 2 });
    await layla.user!.says("/reminders");
    assert.match(layla.user!.lastReply(), /Reminders are on\. Send \/reminders off/);
    await layla.user!.says("/reminders off");
    assert.match(layla.user!.lastReply(), /Reminders are off/);
    await h.owner.says("/remind");
    assert.match(h.owner.lastReply(), /Layla Nasser turned reminders off/);
    assert.match(h.owner.lastReply(), /Forward this text yourself/);
    await layla.user!.says("/reminders on");
    assert.match(layla.user!.lastReply(), /Reminders are on/);
    await h.owner.says("/remind");
    assert.match(h.owner.lastReply(), /A reminder goes out/);
    const stranger = h.user({ id: 7999, is_bot: false, first_name: "Nobody" });
    await stranger.says("/reminders off");
    assert.match(stranger.lastReply(), /No shop account is linked/);
  });
}

// The database down while draining: a throwaway PostgreSQL cluster of its own, paused and resumed.
Deno.test({
  name: "the database down while draining loses nothing and sends nothing twice [postgres]",
  ignore: !(await postgresAvailable()),
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const cluster = await startCluster();
    const client = postgresClient(cluster.url, { max: 5 });
    try {
      await migrate(client);
      await using h = await openChat({
        engine: "postgres",
        db: { engine: "postgres", client, url: cluster.url, close: async () => {} },
      });
      await h.owner.says("/start");
      const layla = await customer(h, "Layla Nasser", 50, { linked: true, overdueDays: 2 });
      await receiptsDone(h);
      await h.owner.says("/remind");
      assert.match(h.owner.lastReply(), /A reminder goes out/);
      await cluster.pause();
      try {
        await assert.rejects(drain(h));
      } finally {
        await cluster.resume();
      }
      assert.equal(remindersTo(h, layla.telegramId!).length, 0);
      // Back up: the next drains deliver it (after its lease, if it was claimed), once.
      for (let i = 0; i < 50 && remindersTo(h, layla.telegramId!).length === 0; i++) {
        await h.sql(`update public.outbox set not_before = now() where sent_at is null`)
          .then(() => drain(h))
          .catch(() => new Promise((r) => setTimeout(r, 100)));
      }
      assert.equal(remindersTo(h, layla.telegramId!).length, 1);
      await h.sql(`update public.outbox set not_before = now() where sent_at is null`);
      await drain(h);
      assert.equal(remindersTo(h, layla.telegramId!).length, 1);
    } finally {
      await client.close();
      await cluster.stop();
    }
  },
});

Deno.test("the reminder settings page: automatic on, days before, every N, quiet hours, digest", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /⏰ Automatic reminders: off/);
  await h.owner.presses("⏰ Reminders");
  assert.match(h.owner.lastReply(), /Automatic reminders: off/);
  assert.match(h.owner.lastReply(), /Before the due date: 3 days/);
  assert.match(h.owner.lastReply(), /While overdue: every 7 days/);
  assert.match(h.owner.lastReply(), /Quiet hours \(never then\): 21:00-09:00/);
  await h.owner.presses("Turn automatic reminders on");
  await h.owner.presses("1d before");
  await h.owner.presses("every 14d");
  await h.owner.presses("no quiet hours");
  await h.owner.presses("Turn the daily digest on");
  const [shop] = await h.sql<Record<string, unknown>>(
    `select reminders_auto, remind_before_days::int, remind_every_days::int, quiet_from, digest
       from public.shops`,
  );
  assert.deepEqual(shop, {
    reminders_auto: true,
    remind_before_days: 1,
    remind_every_days: 14,
    quiet_from: null,
    digest: true,
  });
  await h.owner.presses("Other quiet hours…");
  assert.match(h.owner.lastReply(), /for example 21:00-09:00/);
  await h.owner.says("9pm");
  assert.match(h.owner.lastReply(), /not a time span/);
  await h.owner.presses("Other quiet hours…");
  await h.owner.says("22:00 - 7:30");
  assert.match(h.owner.lastReply(), /Saved/);
  const [q] = await h.sql<{ q: string }>(
    `select quiet_from::text || '-' || quiet_until::text as q from public.shops`,
  );
  assert.equal(q.q, "22:00:00-07:30:00");
  await h.owner.says("/undo");
  await addClerk(h);
  await h.clerk.says("/settings");
  assert.ok(!h.clerk.buttons().flat().includes("⏰ Reminders"));
});
