/**
 * The owners' daily digest (both engines): public.run_schedule queues one digest per current
 * owner of each shop with the digest on, once a day, at the first run after the shop's quiet
 * hours end (08:00 with none) in its zone, never in quiet hours; the payload has yesterday's
 * credit sales and collections, what fell overdue today (FIFO) and open disputes, in the
 * owner's language; the sender writes it in English and Arabic (a quiet day says so).
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import { write } from "../../shared/outbox/sender.ts";
import type { OutboxMessage } from "../../shared/db/ledger/receipts.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";

const ZONE = "Asia/Hebron";

/** The instant of `hhmm` on the shop's today (offset by `days`) in ZONE, as ISO text. */
async function localInstant(t: LedgerContext, hhmm: string, days = 0): Promise<string> {
  const [row] = await t.sql<{ at: string }>(
    `select to_char(((((now() at time zone $1)::date + $3::int) + $2::time) at time zone $1)
                    at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`,
    [ZONE, hhmm, days],
  );
  return row.at;
}

async function digestShop(t: LedgerContext, quiet: "default" | "none" = "default") {
  const shop = await t.newShop();
  await t.sql(
    `update public.shops set timezone = $2, digest = true,
            quiet_from = case when $3 then null else quiet_from end,
            quiet_until = case when $3 then null else quiet_until end
      where id = $1`,
    [shop.shopId, ZONE, quiet === "none"],
  );
  return shop;
}

async function runAt(
  t: LedgerContext,
  at: string,
): Promise<{ reminders: number; digests: number }> {
  const [row] = await t.sql<{ r: { reminders: number; digests: number } }>(
    `select public.run_schedule($1::timestamptz) as r`,
    [at],
  );
  return row.r;
}

interface DigestRow {
  chat_id: number;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

function digests(t: LedgerContext, shopId: number): Promise<DigestRow[]> {
  return t.sql<DigestRow>(
    `select chat_id::float8 as chat_id, dedupe_key, payload from public.outbox
      where shop_id = $1 and kind = 'digest' order by chat_id`,
    [shopId],
  );
}

/** Moves an entry to `hhmm` on the shop's day `days` from today (in ZONE). */
async function moveTo(t: LedgerContext, transactionId: number, hhmm: string, days: number) {
  await t.sql(`update public.transactions set created_at = $2::timestamptz where id = $1`, [
    transactionId,
    await localInstant(t, hhmm, days),
  ]);
}

function message(payload: Record<string, unknown>, locale: "en" | "ar"): OutboxMessage {
  return { id: 1, chat_id: 1, kind: "digest", payload, attempts: 1, locale, digits: "latn" };
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("the digest: yesterday's sales and collections, new overdue (FIFO), open disputes, one per owner", async (t) => {
    const shop = await digestShop(t);
    const rival = await t.newShop(); // digest off: nothing
    const secondOwner = t.userId();
    await t.addMember(shop.shopId, secondOwner, "owner", "Second Owner");
    await t.sql(
      `update public.members set language = 'ar', digits = 'arab'
        where shop_id = $1 and telegram_user_id = $2`,
      [shop.shopId, secondOwner],
    );
    const gone = t.userId();
    await t.addMember(shop.shopId, gone, "owner", "Former Owner");
    await t.removeMember(shop.shopId, gone);

    const ann = await t.addCustomer(shop.owner, "Ann");
    const bob = await t.addCustomer(shop.owner, "Bob");
    // Ann: 20.00 ten days ago due yesterday, 5.00 paid yesterday (FIFO: 15.00 of it left, now
    // overdue), and 50.00 bought yesterday (no terms). Bob: 12.00 yesterday, 7.00 today.
    const old = await t.purchase(shop.owner, ann.id, 2000, "old");
    await moveTo(t, old.transaction.id, "12:00", -10);
    await t.sql(`update public.transactions set due_on = $2::date where id = $1`, [
      old.transaction.id,
      (await localInstant(t, "12:00", -1)).slice(0, 10),
    ]);
    const paid = await t.pay(shop.clerk, ann.id, 500);
    await moveTo(t, paid.transaction.id, "18:30", -1);
    const big = await t.purchase(shop.owner, ann.id, 5000);
    await moveTo(t, big.transaction.id, "00:10", -1);
    const bobs = await t.purchase(shop.clerk, bob.id, 1200);
    await moveTo(t, bobs.transaction.id, "23:50", -1);
    await t.purchase(shop.clerk, bob.id, 700);
    await t.purchase(rival.owner, (await t.addCustomer(rival.owner, "Rival's")).id, 999);
    await t.sql(
      `insert into public.disputes (shop_id, transaction_id, customer_id, opened_by)
       values ($1, $2, $3, $4)`,
      [shop.shopId, bobs.transaction.id, bob.id, 42],
    );

    // Quiet hours end at 09:00 (the default 21:00-09:00): nothing before.
    assert.equal((await runAt(t, await localInstant(t, "08:59"))).digests, 0);
    const first = await runAt(t, await localInstant(t, "09:00"));
    assert.equal(first.digests, 2);
    assert.equal(typeof first.reminders, "number");
    assert.equal((await runAt(t, await localInstant(t, "09:01"))).digests, 0, "once a day");
    assert.equal((await runAt(t, await localInstant(t, "15:00"))).digests, 0, "once a day");
    assert.deepEqual(await digests(t, rival.shopId), []);

    const rows = await digests(t, shop.shopId);
    assert.deepEqual(rows.map((r) => r.chat_id), [shop.owner, secondOwner].sort((a, b) => a - b));
    const today = (await localInstant(t, "12:00")).slice(0, 10);
    const yesterday = (await localInstant(t, "12:00", -1)).slice(0, 10);
    for (const row of rows) {
      assert.equal(row.dedupe_key, `digest:${shop.shopId}:${row.chat_id}:${today}`);
      const p = row.payload;
      assert.equal(p.day, yesterday);
      assert.deepEqual(
        [p.sales, p.sales_count, p.collected, p.collected_count].map(Number),
        [6200, 2, 500, 1],
      );
      assert.deepEqual([Number(p.new_overdue), Number(p.new_overdue_customers)], [1500, 1]);
      assert.equal(Number(p.open_disputes), 1);
      assert.equal(p.shop_name, `Shop of ${shop.owner}`);
      assert.equal(p.timezone, ZONE);
    }
    const byOwner = new Map(rows.map((r) => [r.chat_id, r.payload]));
    assert.equal(byOwner.get(secondOwner)!.locale, "ar");
    assert.equal(byOwner.get(secondOwner)!.digits, "arab");
    assert.equal(byOwner.get(shop.owner)!.locale, "en");

    // The next day it comes again (a new key).
    assert.equal((await runAt(t, await localInstant(t, "09:30", 1))).digests, 2);
  });

  suite.test("no quiet hours: the digest comes at 08:00; never inside quiet hours", async (t) => {
    const open = await digestShop(t, "none");
    assert.equal((await runAt(t, await localInstant(t, "07:59"))).digests, 0);
    assert.equal((await runAt(t, await localInstant(t, "08:00"))).digests, 1);
    const quiet = await digestShop(t);
    await t.sql(
      `update public.shops set quiet_from = '20:00', quiet_until = '10:30' where id = $1`,
      [
        quiet.shopId,
      ],
    );
    assert.equal((await runAt(t, await localInstant(t, "10:29"))).digests, 0);
    // Missed all day (say the server was down): not sent at night, in quiet hours.
    assert.equal((await runAt(t, await localInstant(t, "22:00"))).digests, 0);
    assert.deepEqual(await digests(t, quiet.shopId), []);
    assert.equal((await runAt(t, await localInstant(t, "10:30"))).digests, 1);
    const [row] = await digests(t, open.shopId);
    assert.deepEqual(
      [row.payload.sales, row.payload.collected, row.payload.new_overdue, row.payload.open_disputes]
        .map(Number),
      [0, 0, 0, 0],
    );
  });

  suite.test("the digest written: figures in English and Arabic, a quiet day says so", async (t) => {
    const shop = await digestShop(t);
    const ann = await t.addCustomer(shop.owner, "Ann");
    const bought = await t.purchase(shop.owner, ann.id, 123456);
    await moveTo(t, bought.transaction.id, "11:00", -1);
    await runAt(t, await localInstant(t, "09:00"));
    const [row] = await digests(t, shop.shopId);

    const en = write(message(row.payload, "en"))!.text;
    assert.match(en, /your day/);
    assert.match(en, /Credit sales: <b>\$1,234\.56<\/b> \(1 purchase\)/);
    assert.doesNotMatch(en, /Collected|quiet day/);
    const ar = write(message(row.payload, "ar"))!.text;
    assert.ok(hasArabic(ar));
    assertNoEnglish(ar, [`Shop of ${shop.owner}`]);
    assert.match(ar, /1,234\.56/);

    const quietPayload = {
      ...row.payload,
      sales: 0,
      sales_count: 0,
      collected: 0,
      collected_count: 0,
      new_overdue: 0,
      new_overdue_customers: 0,
      open_disputes: 2,
    };
    const quiet = write(message(quietPayload, "en"))!.text;
    assert.match(quiet, /A quiet day/);
    assert.match(quiet, /Open disputes: 2/);
    const quietAr = write(message(quietPayload, "ar"))!.text;
    assert.match(quietAr, /يوم هادئ/);
    assertNoEnglish(quietAr, [`Shop of ${shop.owner}`]);
    assert.ok(en.length < 4096 && ar.length < 4096);
  });
}
