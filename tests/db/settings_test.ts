/**
 * Shop settings in the ledger (both engines): auto-archive of settled customers, the shop's
 * name, time zone, language, digits and currency, each logged and undoable; a member's own
 * language.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { ledgerSuite } from "../support/ledger_fixtures.ts";
import { assertLedgerError } from "../support/ledger_fixtures.ts";
import { latest, undo } from "../support/ledger_steps.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("auto-archive: a payment that settles archives the customer; undoing it restores them", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 500);
    await t.ledger.settings.setArchiveWhenSettled({
      actor: shop.owner,
      updateId: t.updateId(),
      enabled: true,
    });
    const partly = await t.pay(shop.owner, ann.id, 200);
    assert.equal(partly.archived, undefined);
    const settled = await t.ledger.recordPayment({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
      settle: true,
    });
    assert.equal(settled.archived, true);
    assert.ok(settled.customer.archived_at);
    assert.equal((await t.ledger.listCustomers(shop.owner, { query: "Ann" })).total, 0);
    // History keeps them.
    const summary = await t.ledger.customerSummary(shop.owner, ann.id);
    assert.equal(summary.totals.payments, 500);
    const undone = await undo(t, shop.owner, await latest(t, shop.shopId, "payment_recorded"));
    assert.equal(undone.customer?.archived_at, null);
    assert.equal(undone.customer?.balance, 300);
  });

  suite.test("name, time zone, language and digits: validated, logged, undoable; members' cached membership is dropped", async (t) => {
    const { shop } = await t.world();
    const set = (
      setting: "name" | "timezone" | "language" | "digits" | "currency",
      value: string,
      actor = shop.owner,
    ) => t.ledger.settings.setShopSetting({ actor, updateId: t.updateId(), setting, value });
    // The clerk's bot session caches the membership (with the old zone).
    await t.ledger.sessionWrite(`member:${shop.clerk}`, {
      member: { timeZone: "UTC" },
      selected: { id: 1, name: "x" },
    });

    const zone = await set("timezone", "Asia/Hebron");
    assert.deepEqual([zone.old, zone.new, zone.changed], ["UTC", "Asia/Hebron", true]);
    assert.equal(zone.shop.timezone, "Asia/Hebron");
    assert.deepEqual(await t.ledger.sessionRead(`member:${shop.clerk}`), {
      selected: { id: 1, name: "x" },
    });
    assert.equal((await t.ledger.memberInfo(shop.clerk)).shop.timezone, "Asia/Hebron");
    assert.equal((await set("timezone", "Asia/Hebron")).changed, false);
    await assertLedgerError(set("timezone", "Mars/Olympus"), "unknown_time_zone");
    await assertLedgerError(set("timezone", "Asia/Amman", shop.clerk), "owner_only");

    assert.equal((await set("name", "  Layla's   grocery ")).shop.name, "Layla's grocery");
    await assertLedgerError(set("name", "   "), "name_required");
    assert.equal((await set("language", "ar")).shop.language, "ar");
    await assertLedgerError(set("language", "fr"), "rejected");
    assert.equal((await set("digits", "arab")).shop.digits, "arab");
    await assertLedgerError(set("digits", "roman"), "rejected");

    const log = await t.sql<{ setting: string; old: string; new: string }>(
      `select action_info->>'setting' as setting, action_info->>'old' as old, action_info->>'new' as new
         from public.actions where action = 'setting_changed' and action_info->>'setting' <> 'archive_when_settled' order by id`,
    );
    assert.deepEqual(log, [
      { setting: "timezone", old: "UTC", new: "Asia/Hebron" },
      { setting: "name", old: `Shop of ${shop.owner}`, new: "Layla's grocery" },
      { setting: "language", old: "en", new: "ar" },
      { setting: "digits", old: "latn", new: "arab" },
    ]);
    // Undo, latest first: digits, language, name, zone.
    for (let i = 0; i < 4; i++) {
      await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    }
    const info = await t.ledger.memberInfo(shop.owner);
    assert.deepEqual(
      [info.shop.name, info.shop.timezone, info.shop.language, info.shop.digits],
      [`Shop of ${shop.owner}`, "UTC", "en", "latn"],
    );
  });

  suite.test("currency: changes only while the shop has no transactions; its undo too", async (t) => {
    const { shop } = await t.world();
    const set = (value: string) =>
      t.ledger.settings.setShopSetting({
        actor: shop.owner,
        updateId: t.updateId(),
        setting: "currency",
        value,
      });
    assert.equal((await t.ledger.settings.get(shop.owner)).currency_locked, false);
    const ils = await set("ils");
    assert.deepEqual([ils.shop.currency, ils.shop.minor_unit], ["ILS", 2]);
    await assertLedgerError(set("XYZ"), "unknown_currency");
    const jod = await set("JOD");
    assert.equal(jod.shop.minor_unit, 3);
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 500);
    assert.equal((await t.ledger.settings.get(shop.owner)).currency_locked, true);
    await assertLedgerError(set("USD"), "shop_has_transactions");
    // Undoing the switch to JOD would re-price the purchase: refused while it exists.
    const change = await latest(t, shop.shopId, "setting_changed");
    await assertLedgerError(
      t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId(), actionId: change }),
      "shop_has_transactions",
    );
  });

  suite.test("/language: a member's own language and digits, stored; null keeps", async (t) => {
    const { shop } = await t.world();
    const r = await t.ledger.settings.setMemberLanguage({
      actor: shop.clerk,
      updateId: t.updateId(),
      language: "ar",
    });
    assert.deepEqual([r.member.language, r.member.digits], ["ar", null]);
    const d = await t.ledger.settings.setMemberLanguage({
      actor: shop.clerk,
      updateId: t.updateId(),
      digits: "arab",
    });
    assert.deepEqual([d.member.language, d.member.digits], ["ar", "arab"]);
    assert.equal((await t.ledger.memberInfo(shop.clerk)).member.language, "ar");
    assert.equal((await t.ledger.memberInfo(shop.owner)).member.language ?? null, null);
    await assertLedgerError(
      t.ledger.settings.setMemberLanguage({
        actor: shop.clerk,
        updateId: t.updateId(),
        language: "fr" as "ar",
      }),
      "rejected",
    );
    await assertLedgerError(
      t.ledger.settings.setMemberLanguage({
        actor: t.userId(),
        updateId: t.updateId(),
        language: "ar",
      }),
      "not_a_member",
    );
  });
}
