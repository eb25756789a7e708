/**
 * Due dates and credit in the ledger (both engines): FIFO dues against a brute force on
 * random histories (purchases with and without their own due dates spread over months,
 * payments that overpay, undos, merges, shop and customer terms changing), the credit limit
 * in record_purchase (warn, block, payments never blocked), set_customer_credit and
 * set_due_date (validation and undo), and set_shop_setting's new settings.
 */
import assert from "node:assert/strict";
import { LedgerError } from "../../shared/db/errors.ts";
import { engines } from "../support/databases.ts";
import {
  assertLedgerError,
  type LedgerContext,
  ledgerSuite,
  type ShopFixture,
} from "../support/ledger_fixtures.ts";
import { latest, undo, withPin } from "../support/ledger_steps.ts";

/** A small seeded PRNG (mulberry32): the same histories every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** YYYY-MM-DD of an instant in a time zone. */
function dayIn(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** A day plus n days. */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface Row {
  id: number;
  customer_id: number;
  kind: "purchase" | "payment";
  amount: number;
  created_at: Date;
  voided: boolean;
  due_on: string | null;
}

interface Expected {
  purchases: { id: number; unpaid: number; due_on: string | null }[];
  due: number;
  overdue: number;
  oldest_overdue_on: string | null;
  next_due_on: string | null;
  next_due_amount: number;
  undated: number;
}

/** The brute force: pay the oldest purchases first, skip voided entries. */
function bruteForce(
  rows: Row[],
  terms: number | null,
  zone: string,
  today: string,
): Expected {
  const counted = rows.filter((r) => !r.voided);
  let paid = counted.filter((r) => r.kind === "payment").reduce((s, r) => s + r.amount, 0);
  const purchases = counted.filter((r) => r.kind === "purchase").sort((a, b) =>
    a.created_at.getTime() - b.created_at.getTime() || a.id - b.id
  ).map((p) => {
    const settled = Math.min(p.amount, Math.max(paid, 0));
    paid -= settled;
    const due_on = p.due_on ??
      (terms === null ? null : addDays(dayIn(p.created_at, zone), terms));
    return { id: p.id, unpaid: p.amount - settled, due_on };
  });
  const open = purchases.filter((p) => p.unpaid > 0);
  const sum = (list: typeof open) => list.reduce((s, p) => s + p.unpaid, 0);
  const overdueList = open.filter((p) => p.due_on !== null && p.due_on < today);
  const upcoming = open.filter((p) => p.due_on !== null && p.due_on >= today).map((p) => p.due_on!)
    .sort();
  const next = upcoming[0] ?? null;
  return {
    purchases,
    due: sum(open.filter((p) => p.due_on !== null && p.due_on <= today)),
    overdue: sum(overdueList),
    oldest_overdue_on: overdueList.map((p) => p.due_on!).sort()[0] ?? null,
    next_due_on: next,
    next_due_amount: next === null ? 0 : sum(open.filter((p) => p.due_on === next)),
    undated: sum(open.filter((p) => p.due_on === null)),
  };
}

/** A date from SQL (a Date on postgres.js, text on PGlite) as YYYY-MM-DD. */
function sqlDay(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

async function ownRecord(t: LedgerContext, shop: ShopFixture, customerId: number) {
  return await t.ledger.recordPurchase({
    actor: shop.owner,
    updateId: t.updateId(),
    customerId,
    amount: 100,
  });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("FIFO: purchase_dues and customer_dues equal a brute force on random histories", async (t) => {
    const random = prng(engine === "postgres" ? 20261202 : 1202);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const zone = "Asia/Hebron";
    const { shop } = await t.world();
    await t.ledger.settings.setShopSetting({
      actor: shop.owner,
      updateId: t.updateId(),
      setting: "timezone",
      value: zone,
    });
    await withPin(t, shop); // merges need it; the owner holds a grant
    const today = sqlDay(
      (await t.sql<{ d: unknown }>("select private.shop_today($1) as d", [shop.shopId]))[0].d,
    )!;
    const setShopTerms = async () => {
      const choice = int(0, 4);
      await t.ledger.settings.setShopSetting({
        actor: shop.owner,
        updateId: t.updateId(),
        setting: "credit_days",
        value: choice === 0 ? "none" : String([0, 7, 30, 45][choice - 1]),
      });
    };
    await setShopTerms();
    const customers: number[] = [];
    for (let n = 0; n < 24; n++) {
      const c = await t.addCustomer(shop.owner, `Random ${engine} ${n}`);
      customers.push(c.id);
      const steps = int(3, 10);
      for (let s = 0; s < steps; s++) {
        const roll = random();
        try {
          if (roll < 0.5) {
            const own = random() < 0.3 ? addDays(today, int(0, 60)) : null;
            const r = await t.ledger.recordPurchase({
              actor: shop.owner,
              updateId: t.updateId(),
              customerId: c.id,
              amount: int(1, 500) * 10,
              dueOn: own,
            });
            // Spread over months: created up to 150 days ago, at any hour.
            await t.sql(
              "update public.transactions set created_at = now() - make_interval(mins => $2) where id = $1",
              [r.transaction.id, int(0, 150 * 24 * 60)],
            );
          } else if (roll < 0.75) {
            await t.ledger.recordPayment({
              actor: shop.owner,
              updateId: t.updateId(),
              customerId: c.id,
              amount: random() < 0.15 ? int(1000, 6000) * 10 : int(1, 300) * 10,
            });
          } else if (roll < 0.87) {
            const [action] = await t.sql<{ id: number }>(
              `select a.id from public.actions as a join public.transactions as tx on tx.id = a.transaction_id
                where a.customer_id = $1 and a.action in ('purchase_recorded', 'payment_recorded')
                  and tx.voided_at is null order by a.id`,
              [c.id],
            );
            if (action) await undo(t, shop.owner, Number(action.id));
          } else if (roll < 0.94) {
            const days = random() < 0.3 ? null : int(0, 90);
            await t.ledger.dues.setCustomerCredit({
              actor: shop.owner,
              updateId: t.updateId(),
              customerId: c.id,
              setting: "credit_days",
              value: days,
            });
          } else {
            await setShopTerms();
          }
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
        }
      }
      if (n > 0 && random() < 0.2) {
        // Merge this one into an earlier active customer now and then.
        const into = customers[int(0, customers.length - 2)];
        try {
          await t.ledger.links.merge({
            actor: shop.owner,
            updateId: t.updateId(),
            customerId: into,
            duplicateId: c.id,
          });
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
        }
      }
    }

    let compared = 0;
    let overdueSeen = 0;
    let upcomingSeen = 0;
    let undatedSeen = 0;
    let partlyPaid = 0;
    // The final histories under the shop's last terms, then with none and with 30 days.
    for (const change of [undefined, "none", "30"]) {
      if (change) {
        await t.ledger.settings.setShopSetting({
          actor: shop.owner,
          updateId: t.updateId(),
          setting: "credit_days",
          value: change,
        });
      }
      const shopTerms = (await t.sql<{ d: number | null }>(
        "select credit_days as d from public.shops where id = $1",
        [shop.shopId],
      ))[0].d;
      for (const id of customers) {
        const [cust] = await t.sql<{ d: number | null }>(
          "select credit_days as d from public.customers where id = $1",
          [id],
        );
        const terms = cust.d ?? shopTerms;
        const rows = (await t.sql<Record<string, unknown>>(
          `select id, customer_id, kind::text as kind, amount, created_at, voided_at is not null as voided, due_on::text as due_on
           from public.transactions where customer_id = $1`,
          [id],
        )).map((r) => ({
          id: Number(r.id),
          customer_id: Number(r.customer_id),
          kind: r.kind as Row["kind"],
          amount: Number(r.amount),
          created_at: new Date(r.created_at as string),
          voided: Boolean(r.voided),
          due_on: sqlDay(r.due_on),
        }));
        const got = (await t.sql<Record<string, unknown>>(
          "select transaction_id, unpaid, due_on::text as due_on from private.purchase_dues($1)",
          [id],
        )).map((r) => ({
          id: Number(r.transaction_id),
          unpaid: Number(r.unpaid),
          due_on: sqlDay(r.due_on),
        }));
        for (const day of [today, addDays(today, -20), addDays(today, 25)]) {
          const want = bruteForce(
            rows,
            cust.d === null && shopTerms === null ? null : terms,
            zone,
            day,
          );
          assert.deepEqual(got, want.purchases, `customer ${id}: purchase_dues`);
          const [{ dues }] = await t.sql<{ dues: Record<string, unknown> }>(
            "select private.customer_dues($1, $2::date) as dues",
            [id, day],
          );
          assert.deepEqual(
            {
              due: Number(dues.due),
              overdue: Number(dues.overdue),
              oldest_overdue_on: sqlDay(dues.oldest_overdue_on),
              next_due_on: sqlDay(dues.next_due_on),
              next_due_amount: Number(dues.next_due_amount),
              undated: Number(dues.undated),
            },
            {
              due: want.due,
              overdue: want.overdue,
              oldest_overdue_on: want.oldest_overdue_on,
              next_due_on: want.next_due_on,
              next_due_amount: want.next_due_amount,
              undated: want.undated,
            },
            `customer ${id} on ${day}: customer_dues`,
          );
          compared++;
          if (want.overdue > 0) overdueSeen++;
          if (want.next_due_amount > 0) upcomingSeen++;
          if (want.undated > 0) undatedSeen++;
          if (
            want.purchases.some((p) =>
              p.unpaid > 0 && p.unpaid < (rows.find((r) => r.id === p.id)?.amount ?? 0)
            )
          ) partlyPaid++;
        }
      }
    }
    assert.ok(compared >= 60, "enough comparisons");
    // The random histories reach the interesting cases: merged, undone, partly paid, overdue.
    assert.ok(
      (await t.scalar(
        "select count(*) as value from public.transactions where shop_id = $1 and voided_at is not null",
        [shop.shopId],
      )) > 0,
      "some undone",
    );
    assert.ok(
      (await t.scalar(
        "select count(*) as value from public.actions where shop_id = $1 and action = 'customers_merged'",
        [shop.shopId],
      )) > 0,
      "some merged",
    );
    assert.ok(
      overdueSeen > 0 && upcomingSeen > 0 && undatedSeen > 0 && partlyPaid > 0,
      JSON.stringify({ overdueSeen, upcomingSeen, undatedSeen, partlyPaid }),
    );
  });

  suite.test("set_customer_credit: owner only, validated, logged; undo puts the old one back", async (t) => {
    const { shop, rival } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const set = (
      setting: "credit_days" | "credit_limit",
      value: string | number | null,
      actor = shop.owner,
    ) =>
      t.ledger.dues.setCustomerCredit({
        actor,
        updateId: t.updateId(),
        customerId: ann.id,
        setting,
        value,
      });
    const before = await t.counts(shop.shopId);
    await assertLedgerError(set("credit_days", 30, shop.clerk), "owner_only");
    await assertLedgerError(set("credit_days", 366), "rejected");
    await assertLedgerError(set("credit_days", "ten"), "rejected");
    await assertLedgerError(set("credit_days", -1), "rejected");
    await assertLedgerError(set("credit_limit", 0), "rejected");
    await assertLedgerError(set("credit_limit", "12.5"), "rejected");
    await assertLedgerError(
      t.ledger.dues.setCustomerCredit({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        setting: "credit_color" as "credit_days",
        value: 1,
      }),
      "rejected",
    );
    await assertLedgerError(
      t.ledger.dues.setCustomerCredit({
        actor: rival.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        setting: "credit_days",
        value: 5,
      }),
      "customer_not_found",
    );
    const after = await t.counts(shop.shopId);
    assert.deepEqual({ ...after, processedUpdates: 0 }, { ...before, processedUpdates: 0 });

    const r = await set("credit_days", 30);
    assert.deepEqual([r.old, r.new, r.changed], [null, "30", true]);
    assert.equal((await set("credit_days", "30")).changed, false);
    await set("credit_limit", 50000);
    const view = await t.ledger.dues.customerCredit(shop.clerk, ann.id);
    assert.deepEqual([view.credit_days, view.credit_limit], [30, 50000]);
    await set("credit_days", "default");
    assert.equal((await t.ledger.dues.customerCredit(shop.owner, ann.id)).credit_days, null);
    // Undo: newest first puts 30 back; then the limit goes.
    await undo(t, shop.owner, await latest(t, shop.shopId, "customer_credit_set"));
    assert.equal((await t.ledger.dues.customerCredit(shop.owner, ann.id)).credit_days, 30);
    const limitAction = await t.scalar(
      "select id as value from public.actions where action = 'customer_credit_set' and action_info->>'setting' = 'credit_limit' and customer_id = $1",
      [ann.id],
    );
    await undo(t, shop.owner, limitAction);
    assert.equal((await t.ledger.dues.customerCredit(shop.owner, ann.id)).credit_limit, null);
    // A clerk cannot undo it (undo_needs_role owner).
    await set("credit_days", 10);
    await assert.rejects(
      undo(t, shop.clerk, await latest(t, shop.shopId, "customer_credit_set")),
      LedgerError,
    );
    assert.equal((await t.ledger.dues.customerCredit(shop.owner, ann.id)).credit_days, 10);
  });

  suite.test("set_due_date: any member, today or later, purchases only; undo puts the old date back", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const p = await ownRecord(t, shop, ann.id);
    const pay = await t.pay(shop.owner, ann.id, 10);
    const today = sqlDay(
      (await t.sql<{ d: unknown }>("select private.shop_today($1) as d", [shop.shopId]))[0].d,
    )!;
    const set = (transactionId: number, dueOn: string | null, actor = shop.clerk) =>
      t.ledger.dues.setDueDate({ actor, updateId: t.updateId(), transactionId, dueOn });
    await assertLedgerError(set(p.transaction.id, addDays(today, -1)), "due_date_in_past");
    await assertLedgerError(set(p.transaction.id, addDays(today, 4000)), "due_date_too_far");
    await assertLedgerError(set(pay.transaction.id, today), "rejected");
    await assertLedgerError(set(999999999, today), "transaction_not_found");
    const r = await set(p.transaction.id, addDays(today, 5));
    assert.equal(r.changed, true);
    assert.equal(r.dues.next_due_on, addDays(today, 5));
    assert.equal(r.dues.next_due_amount, 90);
    await set(p.transaction.id, addDays(today, 9));
    await undo(t, shop.clerk, await latest(t, shop.shopId, "due_date_set"));
    assert.equal(
      sqlDay(
        (await t.sql<{ d: unknown }>(
          "select due_on::text as d from public.transactions where id = $1",
          [p.transaction.id],
        ))[0].d,
      ),
      addDays(today, 5),
    );
    await set(p.transaction.id, null);
    assert.equal(
      (await t.sql<{ d: unknown }>("select due_on as d from public.transactions where id = $1", [
        p.transaction.id,
      ]))[0].d,
      null,
    );
    await undo(
      t,
      shop.owner,
      await t.scalar(
        "select id as value from public.actions where transaction_id = $1 and action = 'purchase_recorded'",
        [p.transaction.id],
      ),
    );
    await assertLedgerError(set(p.transaction.id, today), "already_undone");
  });

  suite.test("credit limit in record_purchase: warn needs the yes, block needs the owner or the PIN, payments never blocked", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const buy = (amount: number, actor: number, overLimit = false) =>
      t.ledger.recordPurchase({
        actor,
        updateId: t.updateId(),
        customerId: ann.id,
        amount,
        overLimit,
      });
    const setting = (s: "credit_limit" | "credit_limit_mode", value: string) =>
      t.ledger.settings.setShopSetting({
        actor: shop.owner,
        updateId: t.updateId(),
        setting: s,
        value,
      });
    await setting("credit_limit", "1000");
    await buy(1000, shop.clerk); // exactly at the limit is fine
    let before = await t.counts(shop.shopId);
    const e = await assertLedgerError(buy(1, shop.clerk), "over_credit_limit");
    assert.match(e.message, /1001.*1000/);
    assert.deepEqual((await t.counts(shop.shopId)).transactions, before.transactions);
    await buy(1, shop.clerk, true); // warn: the member's yes is enough
    // The customer's own limit wins over the shop's.
    await t.ledger.dues.setCustomerCredit({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
      setting: "credit_limit",
      value: 5000,
    });
    await buy(500, shop.clerk);
    await t.ledger.dues.setCustomerCredit({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
      setting: "credit_limit",
      value: null,
    });

    await setting("credit_limit_mode", "block");
    before = await t.counts(shop.shopId);
    await assertLedgerError(buy(1, shop.clerk), "over_credit_limit");
    await assertLedgerError(buy(1, shop.clerk, true), "credit_limit_owner_only");
    assert.deepEqual((await t.counts(shop.shopId)).transactions, before.transactions);
    await buy(1, shop.owner, true); // the owner may
    // With a shop PIN, a clerk needs a recent right PIN.
    await withPin(t, shop);
    await assertLedgerError(buy(1, shop.clerk, true), "pin_required");
    await t.ledger.pin.verify({ actor: shop.clerk, updateId: t.updateId(), pin: "4321" });
    await buy(1, shop.clerk, true);
    // Payments are never blocked, whatever the balance.
    await t.pay(shop.clerk, ann.id, 10);
    await setting("credit_limit", "none");
    await buy(100000, shop.clerk);
  });

  suite.test("set_shop_setting: every new setting validated (bad values refused, nothing changed), logged, undoable", async (t) => {
    const { shop } = await t.world();
    const set = (
      setting: Parameters<typeof t.ledger.settings.setShopSetting>[0]["setting"],
      value: string,
    ) =>
      t.ledger.settings.setShopSetting({
        actor: shop.owner,
        updateId: t.updateId(),
        setting,
        value,
      });
    const bad: [Parameters<typeof set>[0], string][] = [
      ["credit_days", "366"],
      ["credit_days", "-1"],
      ["credit_days", "thirty"],
      ["credit_limit", "0"],
      ["credit_limit", "1.5"],
      ["credit_limit", "10000000000000"],
      ["credit_limit_mode", "maybe"],
      ["reminders_auto", "perhaps"],
      ["digest", "2"],
      ["remind_before_days", "31"],
      ["remind_before_days", "x"],
      ["remind_every_days", "0"],
      ["remind_every_days", "91"],
      ["quiet_hours", "25:00-09:00"],
      ["quiet_hours", "21:00-21:00"],
      ["quiet_hours", "evening"],
    ];
    const snapshot = () =>
      t.sql(
        "select credit_days, credit_limit, credit_limit_mode, reminders_auto, remind_before_days, remind_every_days, quiet_from::text, quiet_until::text, digest from public.shops where id = $1",
        [shop.shopId],
      );
    const before = await snapshot();
    const actions = (await t.counts(shop.shopId)).actions;
    for (const [setting, value] of bad) {
      await assertLedgerError(set(setting, value), "rejected").catch((error) => {
        throw new Error(`${setting}=${value}: ${error.message}`);
      });
    }
    assert.deepEqual(await snapshot(), before);
    assert.equal((await t.counts(shop.shopId)).actions, actions);
    await assertLedgerError(
      t.ledger.settings.setShopSetting({
        actor: shop.clerk,
        updateId: t.updateId(),
        setting: "credit_days",
        value: "30",
      }),
      "owner_only",
    );

    const good: [Parameters<typeof set>[0], string, string | null][] = [
      ["credit_days", "30", "30"],
      ["credit_days", "none", null],
      ["credit_limit", "250000", "250000"],
      ["credit_limit_mode", "BLOCK", "block"],
      ["reminders_auto", "on", "true"],
      ["remind_before_days", "0", "0"],
      ["remind_every_days", "14", "14"],
      ["quiet_hours", "22:30 - 8:00", "22:30-08:00"],
      ["quiet_hours", "none", null],
      ["digest", "yes", "true"],
    ];
    const valueOf = async (setting: string) =>
      String(
        (await t.ledger.settings.get(shop.owner) as unknown as Record<string, unknown>)[setting],
      );
    for (const [setting, value, stored] of good) {
      const prior = await valueOf(setting);
      const r = await set(setting, value);
      assert.equal(r.new, stored, `${setting}=${value}`);
      assert.equal(r.changed, true, `${setting}=${value}`);
      // Undo puts the old one back, then it is set again.
      await undo(t, shop.owner, await latest(t, shop.shopId, "setting_changed"));
      assert.equal(await valueOf(setting), prior, `undo ${setting}`);
      await set(setting, value);
    }
    const s = await t.ledger.settings.get(shop.owner);
    assert.deepEqual(
      [
        s.credit_days,
        s.credit_limit,
        s.credit_limit_mode,
        s.reminders_auto,
        s.remind_before_days,
        s.remind_every_days,
        s.quiet_hours,
        s.digest,
      ],
      [null, 250000, "block", true, 0, 14, null, true],
    );
  });
}
