/**
 * Reminders in the ledger (both engines): private.queue_auto_reminders(p_now) before, on and
 * after the due date with the every-N cadence, quiet hours in the shop's zone (Asia/Hebron),
 * once per customer per day (twice the same day, and after a manual /remind), never to a
 * customer who turned reminders off, is unreachable or whose link ended, nor for a shop with
 * them off; ten shops stay apart. public.remind_customer and remind_overdue (the counts and the
 * batch), and the re-check at send time in claim_outbox (paid since, quiet hours).
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite, type ShopFixture } from "../support/ledger_fixtures.ts";
import { LedgerError } from "../../shared/db/errors.ts";

const ZONE = "Asia/Hebron";

/** Links a customer to a Telegram account the way /connect does, by SQL; the account id. */
async function link(t: LedgerContext, shopId: number, customerId: number): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
     values ($1, $2, $3) returning id::int`,
    [shopId, customerId, t.userId()],
  );
  return row.id;
}

/** A shop in Asia/Hebron with automatic reminders on (3 days before, every 7 days, no quiet). */
async function autoShop(t: LedgerContext): Promise<ShopFixture> {
  const shop = await t.newShop();
  await t.sql(
    `update public.shops set timezone = $2, reminders_auto = true, remind_before_days = 3,
            remind_every_days = 7, quiet_from = null, quiet_until = null where id = $1`,
    [shop.shopId, ZONE],
  );
  return shop;
}

/** A linked customer owing 50.00 due on `dueOn` (YYYY-MM-DD); the customer id and account id. */
async function owing(
  t: LedgerContext,
  shop: ShopFixture,
  name: string,
  dueOn: string,
): Promise<{ id: number; account: number }> {
  const c = await t.addCustomer(shop.owner, name);
  const account = await link(t, shop.shopId, c.id);
  const bought = await t.purchase(shop.owner, c.id, 5000, "rice");
  await t.sql(`update public.transactions set due_on = $2 where id = $1`, [
    bought.transaction.id,
    dueOn,
  ]);
  return { id: c.id, account };
}

/** The shop's today (YYYY-MM-DD) plus `days`. */
async function day(t: LedgerContext, shopId: number, days = 0): Promise<string> {
  const [row] = await t.sql<{ d: string }>(
    `select (private.shop_today($1) + $2::int)::text as d`,
    [shopId, days],
  );
  return row.d;
}

/**
 * Runs the automatic queuing at `time` (HH:MM, the shop's zone) on `date`; how many it queued
 * for `shopIds` (the test file's database is shared: other tests' shops are left out).
 */
async function queueAt(
  t: LedgerContext,
  shopIds: number | number[],
  date: string,
  time = "12:00",
): Promise<number> {
  const ids = [shopIds].flat();
  const count = () =>
    t.scalar(`select count(*)::int as value from public.reminders where shop_id = any($1)`, [ids]);
  const before = await count();
  await t.sql(`select private.queue_auto_reminders(($1::date + $2::time) at time zone $3)`, [
    date,
    time,
    ZONE,
  ]);
  return (await count()) - before;
}

interface Reminder {
  customer_id: number;
  kind: string;
  day: string;
  chat_id: number;
  shop_id: number;
  payload: Record<string, unknown>;
}

function remindersOf(t: LedgerContext, shopId: number): Promise<Reminder[]> {
  return t.sql<Reminder>(
    `select r.customer_id::int, r.kind, r.day::text, o.chat_id::float8 as chat_id,
            o.shop_id::int, o.payload
       from public.reminders as r join public.outbox as o on o.id = r.outbox_id
      where r.shop_id = $1 order by r.day, r.id`,
    [shopId],
  );
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("automatic: N days before, on the due day, then every N days while overdue", async (t) => {
    const shop = await autoShop(t);
    const due = await day(t, shop.shopId, 10);
    const layla = await owing(t, shop, "Layla Nasser", due);
    const offsets = [6, 7, 8, 9, 10, 11, 12, 17, 18, 19, 25, 26];
    const queued: Record<number, number> = {};
    for (const d of offsets) {
      queued[d] = await queueAt(t, shop.shopId, await day(t, shop.shopId, d));
    }
    // 3 days before (day 7), the due day (10), overdue day 1 (11), 8 (18), 15 (25).
    assert.deepEqual(queued, {
      6: 0,
      7: 1,
      8: 0,
      9: 0,
      10: 1,
      11: 1,
      12: 0,
      17: 0,
      18: 1,
      19: 0,
      25: 1,
      26: 0,
    });
    const rows = await remindersOf(t, shop.shopId);
    assert.deepEqual(rows.map((r) => r.kind), [
      "before_due",
      "due_today",
      "overdue",
      "overdue",
      "overdue",
    ]);
    assert.ok(rows.every((r) => r.customer_id === layla.id && r.shop_id === shop.shopId));
    const overdue = rows[2].payload;
    assert.equal(overdue.overdue, 5000);
    assert.equal(overdue.oldest_overdue_on, due);
    assert.equal(overdue.balance, 5000);
    assert.equal(overdue.customer_account_id, layla.account);
    assert.equal(overdue.auto, true);
    assert.equal(rows[0].payload.next_due_on, due);
    assert.equal(rows[0].payload.next_due_amount, 5000);
  });

  suite.test("automatic: no reminder 0 days before when remind_before_days is 0", async (t) => {
    const shop = await autoShop(t);
    await t.sql(`update public.shops set remind_before_days = 0 where id = $1`, [shop.shopId]);
    await owing(t, shop, "Layla Nasser", await day(t, shop.shopId, 3));
    assert.equal(await queueAt(t, shop.shopId, await day(t, shop.shopId, 0)), 0);
    assert.equal(await queueAt(t, shop.shopId, await day(t, shop.shopId, 3)), 1);
  });

  suite.test("automatic: never in the quiet hours of the shop's zone (past midnight)", async (t) => {
    const shop = await autoShop(t);
    await t.sql(
      `update public.shops set quiet_from = '21:00', quiet_until = '09:00' where id = $1`,
      [shop.shopId],
    );
    const due = await day(t, shop.shopId, 5);
    await owing(t, shop, "Layla Nasser", due);
    assert.equal(await queueAt(t, shop.shopId, due, "22:30"), 0, "22:30 in Hebron is quiet");
    assert.equal(await queueAt(t, shop.shopId, due, "03:00"), 0, "03:00 is quiet");
    assert.equal(await queueAt(t, shop.shopId, due, "08:59"), 0, "08:59 is quiet");
    assert.equal(await queueAt(t, shop.shopId, due, "09:00"), 1, "09:00 is not");
    // Same span not past midnight: 13:00-15:00.
    await t.sql(
      `update public.shops set quiet_from = '13:00', quiet_until = '15:00' where id = $1`,
      [shop.shopId],
    );
    const next = await day(t, shop.shopId, 6);
    assert.equal(await queueAt(t, shop.shopId, next, "14:00"), 0);
    assert.equal(await queueAt(t, shop.shopId, next, "15:30"), 1);
  });

  suite.test("at most one reminder per customer per day: twice, and after a manual one", async (t) => {
    const shop = await autoShop(t);
    const today = await day(t, shop.shopId);
    const layla = await owing(t, shop, "Layla Nasser", today);
    const omar = await owing(t, shop, "Omar Haddad", today);
    const manual = await t.ledger.reminders.remindCustomer({
      actor: shop.clerk,
      updateId: t.updateId(),
      customerId: omar.id,
    });
    assert.equal(manual.state, "queued");
    assert.equal(
      await queueAt(t, shop.shopId, today),
      1,
      "only Layla: Omar was reminded by hand today",
    );
    assert.equal(
      await queueAt(t, shop.shopId, today),
      0,
      "a second run the same day queues nothing",
    );
    const again = await t.ledger.reminders.remindCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: layla.id,
    });
    assert.equal(again.state, "already_reminded");
    assert.equal(again.reminded_kind, "due_today");
    const rows = await remindersOf(t, shop.shopId);
    assert.deepEqual(
      rows.map((r) => [r.customer_id, r.kind]).sort(),
      [
        [layla.id, "due_today"],
        [omar.id, "manual"],
      ].sort(),
    );
    // The unique key itself refuses a second row for the day.
    await assert.rejects(
      t.sql(
        `insert into public.reminders (shop_id, customer_id, customer_account_id, kind, day)
         values ($1, $2, $3, 'overdue', $4)`,
        [shop.shopId, layla.id, layla.account, today],
      ),
    );
  });

  suite.test("never to an opted-out, unreachable or unlinked customer, nor with auto off", async (t) => {
    const shop = await autoShop(t);
    const today = await day(t, shop.shopId);
    const off = await owing(t, shop, "Opted Out", today);
    const blocked = await owing(t, shop, "Blocked Bot", today);
    const ended = await owing(t, shop, "Ended Link", today);
    await t.sql(`update public.customer_accounts set reminders = false where id = $1`, [
      off.account,
    ]);
    await t.sql(`update public.customer_accounts set unreachable_at = now() where id = $1`, [
      blocked.account,
    ]);
    await t.sql(`update public.customer_accounts set ended_at = now() where id = $1`, [
      ended.account,
    ]);
    assert.equal(await queueAt(t, shop.shopId, today), 0);
    const quiet = await t.newShop();
    await t.sql(
      `update public.shops set timezone = $2, quiet_from = null, quiet_until = null
                  where id = $1`,
      [quiet.shopId, ZONE],
    );
    await owing(t, quiet, "Auto Off", today);
    assert.equal(
      await queueAt(t, quiet.shopId, today),
      0,
      "a shop with reminders_auto off sends none",
    );
    // The states /remind reports for them.
    for (
      const [c, state] of [[off, "reminders_off"], [blocked, "unreachable"], [
        ended,
        "link_ended",
      ]] as const
    ) {
      const r = await t.ledger.reminders.remindCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: c.id,
      });
      assert.equal(r.state, state);
    }
    assert.equal(
      await t.scalar(`select count(*)::int as value from public.reminders where shop_id = $1`, [
        shop.shopId,
      ]),
      0,
    );
  });

  suite.test("ten shops: each queues its own customers only", async (t) => {
    const shops: { shop: ShopFixture; customer: number; on: boolean }[] = [];
    for (let i = 0; i < 10; i++) {
      const shop = await autoShop(t);
      const on = i % 2 === 0;
      if (!on) {
        await t.sql(`update public.shops set reminders_auto = false where id = $1`, [shop.shopId]);
      }
      const c = await owing(t, shop, `Customer ${i}`, await day(t, shop.shopId, -1));
      shops.push({ shop, customer: c.id, on });
    }
    const yesterday = await day(t, shops[0].shop.shopId, 0);
    assert.equal(await queueAt(t, shops.map((s) => s.shop.shopId), yesterday), 5);
    for (const { shop, customer, on } of shops) {
      const rows = await remindersOf(t, shop.shopId);
      assert.equal(rows.length, on ? 1 : 0);
      for (const r of rows) {
        assert.equal(r.customer_id, customer);
        assert.equal(r.kind, "overdue");
        const chat = await t.scalar(
          `select telegram_user_id::float8 as value from public.customer_accounts
            where customer_id = $1`,
          [customer],
        );
        assert.equal(r.chat_id, chat);
      }
    }
  });

  suite.test("remind_customer: nothing owed, not linked, idempotent per update", async (t) => {
    const shop = await autoShop(t);
    const settled = await t.addCustomer(shop.owner, "Settled Sam");
    const r = await t.ledger.reminders.remindCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: settled.id,
    });
    assert.equal(r.state, "nothing_owed");
    const unlinked = await t.addCustomer(shop.owner, "Unlinked Una");
    await t.purchase(shop.owner, unlinked.id, 1200);
    const u = await t.ledger.reminders.remindCustomer({
      actor: shop.clerk,
      updateId: t.updateId(),
      customerId: unlinked.id,
    });
    assert.equal(u.state, "not_linked");
    assert.equal(u.dues.balance, 1200);
    const layla = await owing(t, shop, "Layla Nasser", await day(t, shop.shopId, -3));
    const update = t.updateId();
    const first = await t.ledger.reminders.remindCustomer({
      actor: shop.owner,
      updateId: update,
      customerId: layla.id,
    });
    const redelivered = await t.ledger.reminders.remindCustomer({
      actor: shop.owner,
      updateId: update,
      customerId: layla.id,
    });
    assert.equal(first.state, "queued");
    assert.deepEqual(redelivered, first);
    assert.equal(first.dues.overdue, 5000);
    assert.equal((await remindersOf(t, shop.shopId)).length, 1);
  });

  suite.test("remind_overdue: the counts, then one batch; owners only", async (t) => {
    const shop = await autoShop(t);
    const past = await day(t, shop.shopId, -2);
    const a = await owing(t, shop, "Reach One", past);
    await owing(t, shop, "Reach Two", past);
    const off = await owing(t, shop, "Opted Out", past);
    await t.sql(`update public.customer_accounts set reminders = false where id = $1`, [
      off.account,
    ]);
    const lone = await t.addCustomer(shop.owner, "Not Linked");
    const bought = await t.purchase(shop.owner, lone.id, 900);
    await t.sql(`update public.transactions set due_on = $2 where id = $1`, [
      bought.transaction.id,
      past,
    ]);
    await owing(t, shop, "Not Yet Due", await day(t, shop.shopId, 5));
    await t.ledger.reminders.remindCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: a.id,
    });
    await assert.rejects(
      t.ledger.reminders.remindOverdue({ actor: shop.clerk, updateId: t.updateId(), send: false }),
      (e) => e instanceof LedgerError && e.code === "owner_only",
    );
    const preview = await t.ledger.reminders.remindOverdue({
      actor: shop.owner,
      updateId: t.updateId(),
      send: false,
    });
    assert.deepEqual(
      {
        overdue: preview.overdue,
        reachable: preview.reachable,
        already: preview.already_reminded,
        not_linked: preview.not_linked,
        off: preview.reminders_off,
      },
      { overdue: 4, reachable: 1, already: 1, not_linked: 1, off: 1 },
    );
    const sent = await t.ledger.reminders.remindOverdue({
      actor: shop.owner,
      updateId: t.updateId(),
      send: true,
    });
    assert.equal(sent.queued, 1);
    assert.equal((await remindersOf(t, shop.shopId)).length, 2);
  });

  suite.test("claim_outbox: a customer who paid since gets nothing; quiet hours wait", async (t) => {
    const shop = await autoShop(t);
    const today = await day(t, shop.shopId);
    const layla = await owing(t, shop, "Layla Nasser", await day(t, shop.shopId, -1));
    const omar = await owing(t, shop, "Omar Haddad", today);
    assert.equal(await queueAt(t, shop.shopId, today), 2);
    const ids = (await t.sql<{ id: number }>(
      `select id::int from public.outbox where kind = 'reminder' and shop_id = $1`,
      [shop.shopId],
    )).map((r) => r.id);
    await t.sql(`update public.outbox set sent_at = now() where kind = 'receipt'`);
    await t.pay(shop.owner, layla.id, 5000);
    await t.sql(`update public.outbox set sent_at = now() where kind = 'receipt'`);
    // Quiet hours around the real now in the shop's zone: Omar's automatic one waits.
    await t.sql(
      `update public.shops
          set quiet_from = ((now() at time zone $2) - interval '1 hour')::time,
              quiet_until = ((now() at time zone $2) + interval '1 hour')::time
        where id = $1`,
      [shop.shopId, ZONE],
    );
    const claimed = await t.ledger.receipts.claim(500);
    assert.deepEqual(claimed.filter((m) => m.kind === "reminder" && ids.includes(m.id)), []);
    const rows = await t.sql<
      { customer: number; failed: boolean; error: string | null; wait: number }
    >(
      `select (payload->>'customer_id')::int as customer, failed_at is not null as failed,
              last_error as error, round(extract(epoch from not_before - now()) / 60)::int as wait
         from public.outbox where kind = 'reminder' and shop_id = $1 order by id`,
      [shop.shopId],
    );
    assert.deepEqual(rows[0], { customer: layla.id, failed: true, error: "nothing due", wait: 0 });
    assert.equal(rows[1].customer, omar.id);
    assert.equal(rows[1].failed, false);
    assert.ok(
      rows[1].wait >= 59 && rows[1].wait <= 61,
      `waits until the quiet hours end: ${rows[1].wait}`,
    );
    // Outside quiet hours it goes, with its figures refreshed.
    await t.sql(`update public.shops set quiet_from = null, quiet_until = null where id = $1`, [
      shop.shopId,
    ]);
    await t.sql(`update public.outbox set not_before = now() where shop_id = $1`, [shop.shopId]);
    await t.purchase(shop.owner, omar.id, 700);
    await t.sql(`update public.outbox set sent_at = now() where kind = 'receipt'`);
    const message = (await t.ledger.receipts.claim(500)).find((m) => ids.includes(m.id))!;
    assert.equal(message.kind, "reminder");
    assert.equal(message.payload.balance, 5700);
  });
}
