/**
 * The owners' automatic backup, queued (both engines): public.run_schedule queues one outbox
 * row of kind backup per current owner of each shop with backup daily or weekly, at the
 * digest's moment (the first run after the shop's quiet hours end, 08:00 without them) in the
 * shop's zone: weekly only on the shop's Monday, daily every day, once a day however often it
 * runs, never for a removed owner or a clerk, nothing when off; the period is the shop's
 * yesterday (daily) or its previous 7 days (weekly), in its zone. The setting itself: off,
 * daily, weekly; anything else refused; logged and undoable.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import { latest, undo } from "../support/ledger_steps.ts";

const ZONE = "Asia/Hebron";

/** The instant of a wall-clock time in `zone` ("2026-12-07 09:00"), as ISO text. */
async function at(t: LedgerContext, local: string, zone = ZONE): Promise<string> {
  const [row] = await t.sql<{ at: string }>(
    `select to_char(($1::timestamp at time zone $2) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`,
    [local, zone],
  );
  return row.at;
}

/** A shop with the backup set to `backup` in `zone` (quiet hours 21:00-09:00, or none). */
async function backupShop(
  t: LedgerContext,
  backup: "off" | "daily" | "weekly",
  options: { zone?: string; quiet?: boolean } = {},
) {
  const shop = await t.newShop();
  const quiet = options.quiet ?? true;
  await t.sql(
    `update public.shops set timezone = $2, backup = $3,
            quiet_from = case when $4 then quiet_from end,
            quiet_until = case when $4 then quiet_until end
      where id = $1`,
    [shop.shopId, options.zone ?? ZONE, backup, quiet],
  );
  return shop;
}

/** Runs the schedule at `instant`; returns how many backups it says it queued. */
async function runAt(t: LedgerContext, instant: string): Promise<number> {
  const [row] = await t.sql<{ r: { backups: number } }>(
    `select public.run_schedule($1::timestamptz) as r`,
    [instant],
  );
  return row.r.backups;
}

interface BackupRow {
  chat_id: number;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

/** The backups queued for a shop, by owner. */
function backups(t: LedgerContext, shopId: number): Promise<BackupRow[]> {
  return t.sql<BackupRow>(
    `select chat_id::float8 as chat_id, dedupe_key, payload from public.outbox
      where shop_id = $1 and kind = 'backup' order by id`,
    [shopId],
  );
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("weekly: on the shop's Monday after quiet hours, the previous 7 days, once", async (t) => {
    const shop = await backupShop(t, "weekly");
    // Sunday and Tuesday: nothing, whatever the hour.
    await runAt(t, await at(t, "2026-12-06 12:00"));
    await runAt(t, await at(t, "2026-12-08 12:00"));
    assert.deepEqual(await backups(t, shop.shopId), []);
    // Monday inside quiet hours (until 09:00): nothing yet.
    await runAt(t, await at(t, "2026-12-07 08:59"));
    assert.deepEqual(await backups(t, shop.shopId), []);
    // The first run after 09:00 queues it; later runs that day do not again.
    assert.ok((await runAt(t, await at(t, "2026-12-07 09:00"))) >= 1);
    await runAt(t, await at(t, "2026-12-07 09:01"));
    await runAt(t, await at(t, "2026-12-07 18:00"));
    const rows = await backups(t, shop.shopId);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row.chat_id, shop.owner);
    assert.equal(row.dedupe_key, `backup:${shop.shopId}:${shop.owner}:2026-12-07`);
    assert.deepEqual(row.payload, {
      owner_id: shop.owner,
      shop_id: shop.shopId,
      shop_name: `Shop of ${shop.owner}`,
      timezone: ZONE,
      frequency: "weekly",
      workbook: "shop",
      from: "2026-11-30",
      to: "2026-12-06",
      locale: "en",
      digits: "latn",
    });
    // The next Monday: the next week.
    await runAt(t, await at(t, "2026-12-14 10:00"));
    const next = await backups(t, shop.shopId);
    assert.equal(next.length, 2);
    assert.deepEqual([next[1].payload.from, next[1].payload.to], ["2026-12-07", "2026-12-13"]);
  });

  suite.test("daily: every day, yesterday, once a day however often the schedule runs", async (t) => {
    const shop = await backupShop(t, "daily");
    for (const day of ["2026-12-05", "2026-12-06", "2026-12-07"]) {
      await runAt(t, await at(t, `${day} 09:30`));
      await runAt(t, await at(t, `${day} 09:30`)); // run twice: harmless
      await runAt(t, await at(t, `${day} 20:00`));
    }
    const rows = await backups(t, shop.shopId);
    assert.deepEqual(
      rows.map((r) => [r.payload.frequency, r.payload.from, r.payload.to]),
      [
        ["daily", "2026-12-04", "2026-12-04"],
        ["daily", "2026-12-05", "2026-12-05"],
        ["daily", "2026-12-06", "2026-12-06"],
      ],
    );
    // Missed all day (the server was down): not at night, in quiet hours.
    const late = await backupShop(t, "daily");
    await runAt(t, await at(t, "2026-12-07 22:00"));
    assert.deepEqual(await backups(t, late.shopId), []);
  });

  suite.test("only current owners, each in their own language; off queues nothing", async (t) => {
    const shop = await backupShop(t, "daily");
    const second = t.userId();
    await t.addMember(shop.shopId, second, "owner", "Second Owner");
    await t.sql(
      `update public.members set language = 'ar', digits = 'arab'
        where shop_id = $1 and telegram_user_id = $2`,
      [shop.shopId, second],
    );
    const gone = t.userId();
    await t.addMember(shop.shopId, gone, "owner", "Former Owner");
    await t.removeMember(shop.shopId, gone);
    const off = await backupShop(t, "off");
    await runAt(t, await at(t, "2026-12-07 09:00"));
    const rows = await backups(t, shop.shopId);
    assert.deepEqual(
      rows.map((r) => r.chat_id).sort((a, b) => a - b),
      [shop.owner, second].sort((a, b) => a - b),
      "not the clerk, not the removed owner",
    );
    const bySecond = rows.find((r) => r.chat_id === second)!.payload;
    assert.deepEqual([bySecond.locale, bySecond.digits], ["ar", "arab"]);
    assert.deepEqual(await backups(t, off.shopId), []);
  });

  suite.test("the period is the shop's days: a zone ahead of UTC has its Monday first", async (t) => {
    // Pacific/Auckland is UTC+13 in December: its Monday 08:00 is Sunday 19:00 UTC.
    const zone = "Pacific/Auckland";
    const shop = await backupShop(t, "weekly", { zone, quiet: false });
    const instant = await at(t, "2026-12-07 08:00", zone);
    assert.equal(instant, "2026-12-06T19:00:00Z");
    await runAt(t, await at(t, "2026-12-07 07:59", zone));
    assert.deepEqual(await backups(t, shop.shopId), [], "no quiet hours: from 08:00");
    await runAt(t, instant);
    const [row] = await backups(t, shop.shopId);
    assert.deepEqual([row.payload.from, row.payload.to], ["2026-11-30", "2026-12-06"]);
    assert.equal(row.dedupe_key, `backup:${shop.shopId}:${shop.owner}:2026-12-07`);
    // A zone behind UTC: 12:59 UTC is 07:59 in New York (nothing yet), 13:30 UTC its 08:30.
    const ny = await backupShop(t, "daily", { zone: "America/New_York", quiet: false });
    await runAt(t, "2026-12-07T12:59:00Z");
    assert.deepEqual(await backups(t, ny.shopId), []);
    await runAt(t, "2026-12-07T13:30:00Z");
    const [daily] = await backups(t, ny.shopId);
    assert.deepEqual([daily.payload.from, daily.payload.to], ["2026-12-06", "2026-12-06"]);
    assert.match(daily.dedupe_key, /:2026-12-07$/);
  });

  suite.test("the setting: off, daily, weekly; refused otherwise and for clerks; undoable", async (t) => {
    const shop = await t.newShop();
    const set = (actor: number, value: string) =>
      t.ledger.settings.setShopSetting({
        actor,
        updateId: t.updateId(),
        setting: "backup",
        value,
      });
    assert.equal((await t.ledger.settings.get(shop.owner)).backup, "off");
    const r = await set(shop.owner, " Weekly ");
    assert.deepEqual([r.old, r.new, r.changed], ["off", "weekly", true]);
    assert.equal((await t.ledger.settings.get(shop.owner)).backup, "weekly");
    await assertLedgerError(set(shop.owner, "hourly"), "rejected");
    await assertLedgerError(set(shop.clerk, "daily"), "owner_only");
    const [logged] = await t.sql<{ info: Record<string, unknown> }>(
      `select action_info as info from public.actions
        where shop_id = $1 and action = 'setting_changed' order by id desc limit 1`,
      [shop.shopId],
    );
    assert.deepEqual(logged.info, { setting: "backup", old: "off", new: "weekly" });
    await undo(t, shop.owner, await latest(t, shop.shopId, "setting_changed"));
    assert.equal((await t.ledger.settings.get(shop.owner)).backup, "off");
  });
}
