/**
 * /overdue in the ledger (both engines): overdue_report's ageing buckets (not yet due, 1-30,
 * 31-60, 61-90, 90+ days past due, no due date), their totals and customer counts against
 * private.customer_dues and a brute-force FIFO in TypeScript; each customer listed under their
 * oldest unpaid bucket, paged; ageing across a time-zone boundary (a purchase near midnight
 * in Asia/Hebron and in UTC lands in different buckets); and isolation between shops.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import type { OverdueReport } from "../../shared/db/ledger/overdue.ts";
import { LedgerError } from "../../shared/db/errors.ts";

/** Moves a transaction's time (an old purchase, for ageing). */
async function at(t: LedgerContext, transactionId: number, iso: string): Promise<void> {
  await t.sql("update public.transactions set created_at = $2::timestamptz where id = $1", [
    transactionId,
    iso,
  ]);
}

/** The report on a given day (the private function the RPC calls with the shop's today). */
async function reportOn(
  t: LedgerContext,
  shopId: number,
  today: string,
  bucket: string | null = null,
  limit = 50,
  offset = 0,
): Promise<OverdueReport> {
  const rows = await t.sql<{ r: OverdueReport }>(
    "select private.overdue_report_json($1, $2::date, $3, $4, $5) as r",
    [shopId, today, bucket, limit, offset],
  );
  return rows[0].r;
}

function bucketOf(daysPast: number | null): string {
  if (daysPast === null) return "undated";
  if (daysPast <= 0) return "not_due";
  if (daysPast <= 30) return "1_30";
  if (daysPast <= 60) return "31_60";
  if (daysPast <= 90) return "61_90";
  return "90_plus";
}

function dayIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const TODAY = "2026-12-02";

function daysAgo(n: number, hour = 12): string {
  const d = new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000);
  d.setUTCHours(hour);
  return d.toISOString();
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("buckets and totals match customer_dues and a brute-force FIFO", async (t) => {
    const { shop } = await t.world();
    // No shop terms: customers with their own terms are dated, the others undated.
    const history: Record<string, { days: number | null; entries: [string, number, number][] }> = {
      Ann: {
        days: 10,
        entries: [["p", 5000, 130], ["p", 3000, 50], ["y", 4000, 20], ["p", 1000, 2]],
      },
      Bob: { days: 10, entries: [["p", 2000, 25], ["p", 4000, 5]] },
      Cem: { days: 0, entries: [["p", 700, 0], ["p", 900, 70]] },
      Dina: { days: 30, entries: [["p", 1500, 200], ["y", 1500, 1]] },
      Eli: { days: null, entries: [["p", 1200, 40]] },
      Fay: { days: 5, entries: [["p", 800, 64], ["p", 100, 90], ["y", 100, 3]] },
    };
    const ids: Record<string, number> = {};
    for (const [name, h] of Object.entries(history)) {
      const c = await t.addCustomer(shop.owner, name);
      ids[name] = c.id;
      if (h.days !== null) {
        await t.sql("update public.customers set credit_days = $2 where id = $1", [c.id, h.days]);
      }
      for (const [kind, amount, ago] of h.entries) {
        const r = kind === "p"
          ? await t.purchase(shop.owner, c.id, amount)
          : await t.pay(shop.owner, c.id, amount);
        await at(t, r.transaction.id, daysAgo(ago));
      }
    }
    const report = await reportOn(t, shop.shopId, TODAY);

    // Brute force: FIFO in TypeScript, due = purchase day (UTC shop) + the customer's days.
    const totals = new Map<string, number>();
    const holders = new Map<string, Set<string>>();
    const worst = new Map<string, string>();
    const order = ["90_plus", "61_90", "31_60", "1_30", "not_due", "undated"];
    for (const [name, h] of Object.entries(history)) {
      const entries = [...h.entries].sort((a, b) => b[2] - a[2]);
      let paid = entries.filter((e) => e[0] === "y").reduce((s, e) => s + e[1], 0);
      for (const [kind, amount, ago] of entries) {
        if (kind !== "p") continue;
        const settled = Math.min(paid, amount);
        paid -= settled;
        const unpaid = amount - settled;
        if (unpaid === 0) continue;
        const b = bucketOf(h.days === null ? null : ago - h.days);
        totals.set(b, (totals.get(b) ?? 0) + unpaid);
        holders.set(b, (holders.get(b) ?? new Set()).add(name));
        if (!worst.has(name) || order.indexOf(b) < order.indexOf(worst.get(name)!)) {
          worst.set(name, b);
        }
      }
    }
    for (const b of report.buckets) {
      assert.equal(b.total, totals.get(b.bucket) ?? 0, `total of ${b.bucket}`);
      assert.equal(b.customers, holders.get(b.bucket)?.size ?? 0, `customers in ${b.bucket}`);
      assert.equal(
        b.listed,
        [...worst.values()].filter((w) => w === b.bucket).length,
        `listed under ${b.bucket}`,
      );
    }
    assert.deepEqual(report.buckets.map((b) => b.bucket), order);

    // Against private.customer_dues: the overdue buckets sum to the customers' overdue.
    const dues = await t.sql<{ overdue: number; undated: number; balance: number }>(
      `select (d->>'overdue')::int as overdue, (d->>'undated')::int as undated, c.balance::int as balance
         from public.customers as c, private.customer_dues(c.id, $2::date) as d
        where c.shop_id = $1 and c.balance > 0`,
      [shop.shopId, TODAY],
    );
    const sum = (f: (x: (typeof dues)[number]) => number) => dues.reduce((s, x) => s + f(x), 0);
    const byBucket = Object.fromEntries(report.buckets.map((b) => [b.bucket, b.total]));
    assert.equal(
      byBucket["1_30"] + byBucket["31_60"] + byBucket["61_90"] + byBucket["90_plus"],
      sum((x) => x.overdue),
    );
    assert.equal(report.overdue, sum((x) => x.overdue));
    assert.equal(byBucket.undated, sum((x) => x.undated));
    assert.equal(report.owed, sum((x) => x.balance));
    assert.equal(report.overdue_customers, dues.filter((x) => x.overdue > 0).length);

    // The worst bucket first: Ann (130 days ago, 10-day terms: 120 days past due).
    assert.equal(report.bucket, "90_plus");
    assert.deepEqual(report.customers.map((c) => c.full_name), ["Ann"]);
    const ann = report.customers[0];
    assert.equal(ann.oldest_overdue_on, dayIn(daysAgo(120), "UTC"));
    assert.equal(ann.days_overdue, 120);
    // Ann paid 4000 FIFO: 1000 of the first purchase is left (120 days past due), the second
    // (40 days past due) whole; the third is not due yet.
    assert.equal(ann.overdue, 4000);
    assert.equal(ann.balance, 5000);
  });

  suite.test("a customer is listed under their oldest bucket only; pages", async (t) => {
    const { shop } = await t.world();
    await t.sql("update public.shops set credit_days = 0 where id = $1", [shop.shopId]);
    for (let i = 0; i < 5; i++) {
      const c = await t.addCustomer(shop.owner, `Late ${i}`);
      await at(t, (await t.purchase(shop.owner, c.id, 1000 + i)).transaction.id, daysAgo(40 + i));
      await at(t, (await t.purchase(shop.owner, c.id, 100)).transaction.id, daysAgo(3));
    }
    const r = await reportOn(t, shop.shopId, TODAY, "31_60", 2, 0);
    const b = Object.fromEntries(r.buckets.map((x) => [x.bucket, x]));
    assert.equal(b["31_60"].listed, 5);
    assert.equal(b["1_30"].customers, 5, "the newer purchases are in 1-30 too");
    assert.equal(b["1_30"].listed, 0, "but nobody is listed there");
    assert.equal(r.total, 5);
    // Oldest overdue first.
    assert.deepEqual(r.customers.map((c) => c.full_name), ["Late 4", "Late 3"]);
    assert.equal(r.customers[0].overdue, 1104);
    const page2 = await reportOn(t, shop.shopId, TODAY, "31_60", 2, 4);
    assert.deepEqual(page2.customers.map((c) => c.full_name), ["Late 0"]);
    const empty = await reportOn(t, shop.shopId, TODAY, "1_30", 10, 0);
    assert.equal(empty.bucket, "1_30");
    assert.deepEqual(empty.customers, []);
    // An unknown bucket falls back to the worst one with anyone.
    assert.equal((await reportOn(t, shop.shopId, TODAY, "nonsense")).bucket, "31_60");
  });

  suite.test("ageing across a time-zone boundary: Asia/Hebron vs UTC", async (t) => {
    const { shop, rival } = await t.world();
    await t.sql("update public.shops set timezone = 'Asia/Hebron', credit_days = 0 where id = $1", [
      shop.shopId,
    ]);
    await t.sql("update public.shops set timezone = 'UTC', credit_days = 0 where id = $1", [
      rival.shopId,
    ]);
    // 22:30 UTC on 1 Nov is 00:30 on 2 Nov in Hebron (UTC+2 in November).
    const moment = "2026-11-01T22:30:00Z";
    const hebron = await t.addCustomer(shop.owner, "Hebron Customer");
    const utc = await t.addCustomer(rival.owner, "UTC Customer");
    await at(t, (await t.purchase(shop.owner, hebron.id, 1000)).transaction.id, moment);
    await at(t, (await t.purchase(rival.owner, utc.id, 1000)).transaction.id, moment);
    const inHebron = await reportOn(t, shop.shopId, TODAY);
    const inUtc = await reportOn(t, rival.shopId, TODAY);
    assert.equal(inHebron.bucket, "1_30");
    assert.equal(inHebron.customers[0].oldest_overdue_on, "2026-11-02");
    assert.equal(inHebron.customers[0].days_overdue, 30);
    assert.equal(inUtc.bucket, "31_60");
    assert.equal(inUtc.customers[0].oldest_overdue_on, "2026-11-01");
    assert.equal(inUtc.customers[0].days_overdue, 31);
    // A purchase at 23:30 Hebron time yesterday (21:30 UTC): yesterday in Hebron, so 1 day
    // overdue on the shop's today; the report the RPC gives uses the shop's own today.
    const todayHebron = dayIn(new Date().toISOString(), "Asia/Hebron");
    const yesterday = new Date(Date.parse(`${todayHebron}T00:00:00Z`) - 86_400_000)
      .toISOString().slice(0, 10);
    const late = await t.addCustomer(shop.owner, "Late Evening");
    await at(
      t,
      (await t.purchase(shop.owner, late.id, 500)).transaction.id,
      `${yesterday}T21:30:00Z`,
    );
    const live = await t.ledger.overdue.report(shop.owner, { bucket: "1_30" });
    assert.equal(live.today, todayHebron);
    const row = live.customers.find((c) => c.full_name === "Late Evening")!;
    assert.equal(row.oldest_overdue_on, yesterday);
    assert.equal(row.days_overdue, daysBetween(yesterday, todayHebron));
  });

  suite.test("isolation: another shop's customers never appear; a stranger is refused", async (t) => {
    const { shop, rival } = await t.world();
    await t.sql("update public.shops set credit_days = 0 where id = any($1)", [[
      shop.shopId,
      rival.shopId,
    ]]);
    const mine = await t.addCustomer(shop.owner, "Mine");
    const theirs = await t.addCustomer(rival.owner, "Theirs");
    await at(t, (await t.purchase(shop.owner, mine.id, 300)).transaction.id, daysAgo(10));
    await at(t, (await t.purchase(rival.owner, theirs.id, 9000)).transaction.id, daysAgo(100));
    for (const actor of [shop.owner, shop.clerk]) {
      const r = await t.ledger.overdue.report(actor);
      assert.equal(r.shop.id, shop.shopId);
      assert.equal(r.owed, 300);
      assert.equal(r.bucket, "1_30");
      assert.deepEqual(r.customers.map((c) => c.full_name), ["Mine"]);
      for (const b of ["90_plus", "61_90", "31_60", "not_due", "undated"] as const) {
        const other = await t.ledger.overdue.report(actor, { bucket: b });
        assert.ok(other.customers.every((c) => c.id === mine.id));
      }
    }
    await assert.rejects(
      () => t.ledger.overdue.report(t.userId()),
      (e) => e instanceof LedgerError && e.code === "not_a_member",
    );
    // Nobody owing: no bucket, no customers.
    const empty = await t.newShop();
    const none = await t.ledger.overdue.report(empty.owner);
    assert.equal(none.owed, 0);
    assert.equal(none.bucket, null);
    assert.deepEqual(none.customers, []);
  });
}
