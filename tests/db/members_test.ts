/** Members: /start (member, opened, claimed, stranger) and member_info. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import {
  assertLedgerError,
  type LedgerContext,
  ledgerSuite,
  withFreshLedger,
} from "../support/ledger_fixtures.ts";

/** Rows in every table /start could write to. */
async function everyRow(t: LedgerContext): Promise<Record<string, number>> {
  const [row] = await t.sql<Record<string, unknown>>(
    `select (select count(*) from public.shops) as shops,
            (select count(*) from public.members) as members,
            (select count(*) from public.actions) as actions,
            (select count(*) from public.customers) as customers,
            (select count(*) from public.processed_updates) as processed_updates`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

for (const engine of await engines()) {
  Deno.test(`the first user to /start claims an unclaimed bot, and only the first [${engine}]`, () =>
    withFreshLedger(engine, async (t) => {
      assert.equal(await t.scalar(`select count(*) as value from public.shops`), 0);
      const first = t.userId();
      const claimed = await t.ledger.startUser({
        actor: first,
        updateId: t.updateId(),
        displayName: "Rami",
        claimIfUnclaimed: true,
        currency: "ILS",
      });
      assert.equal(claimed.status, "claimed");
      assert.deepEqual(claimed.member, {
        user_id: first,
        role: "owner",
        display_name: "Rami",
        language: null,
        digits: null,
      });
      assert.equal(claimed.shop?.name, "Rami", "the shop is named after its owner");
      assert.equal(claimed.shop?.currency, "ILS");
      const [opened] = await t.sql<{ action: string; info: unknown }>(
        `select action, action_info as info from public.actions`,
      );
      assert.deepEqual(opened, { action: "shop_opened", info: { claimed: true } });

      const second = t.userId();
      const before = await everyRow(t);
      const late = await t.ledger.startUser({
        actor: second,
        updateId: t.updateId(),
        displayName: "Late",
        claimIfUnclaimed: true,
      });
      assert.deepEqual(late, { status: "stranger" });
      assert.deepEqual(await everyRow(t), before, "a refused claim leaves no rows");

      const again = await t.ledger.startUser({
        actor: first,
        updateId: t.updateId(),
        displayName: "Rami",
        claimIfUnclaimed: true,
      });
      assert.equal(again.status, "member");
      assert.equal(await t.scalar(`select count(*) as value from public.shops`), 1);
    }));

  const suite = ledgerSuite(engine);

  suite.test("someone allowed to open a shop becomes its owner", async (t) => {
    const owner = t.userId();
    const updateId = t.updateId();
    const result = await t.ledger.startUser({
      actor: owner,
      updateId,
      displayName: "  Umm   Ahmad ",
      mayOpenShop: true,
      shopName: "  Corner    Shop ",
      currency: "ils",
    });
    assert.equal(result.status, "opened");
    assert.deepEqual(result.member, {
      user_id: owner,
      role: "owner",
      display_name: "Umm Ahmad",
      language: null,
      digits: null,
    });
    assert.deepEqual(
      { ...result.shop, id: 0 },
      {
        id: 0,
        name: "Corner Shop",
        currency: "ILS",
        minor_unit: 2,
        language: "en",
        digits: "latn",
        timezone: "UTC",
      },
    );
    const [log] = await t.sql<{ action: string; info: unknown; update_id: unknown }>(
      `select action, action_info as info, update_id from public.actions where shop_id = $1`,
      [result.shop!.id],
    );
    assert.deepEqual({ ...log, update_id: Number(log.update_id) }, {
      action: "shop_opened",
      info: { claimed: false },
      update_id: updateId,
    });
    assert.ok(await t.isProcessed(updateId));
  });

  suite.test("a shop without a name is named after its owner, else 'My shop'", async (t) => {
    const named = await t.ledger.startUser({
      actor: t.userId(),
      updateId: t.updateId(),
      displayName: "Salma",
      mayOpenShop: true,
    });
    assert.equal(named.shop?.name, "Salma");
    const anonymous = await t.ledger.startUser({
      actor: t.userId(),
      updateId: t.updateId(),
      displayName: "  ",
      mayOpenShop: true,
      shopName: " ",
    });
    assert.equal(anonymous.shop?.name, "My shop");
  });

  suite.test("the shop's currency decides its decimals", async (t) => {
    for (const [currency, minorUnit] of [["JOD", 3], ["JPY", 0], ["usd", 2]] as const) {
      const result = await t.ledger.startUser({
        actor: t.userId(),
        updateId: t.updateId(),
        displayName: "Owner",
        mayOpenShop: true,
        currency,
      });
      assert.equal(result.shop?.currency, currency.toUpperCase());
      assert.equal(result.shop?.minor_unit, minorUnit);
    }
  });

  suite.test("an unknown currency is refused and opens nothing", async (t) => {
    await t.newShop();
    const before = await everyRow(t);
    const updateId = t.updateId();
    await assertLedgerError(
      t.ledger.startUser({
        actor: t.userId(),
        updateId,
        displayName: "Zed",
        mayOpenShop: true,
        currency: "XYZ",
      }),
      "unknown_currency",
    );
    assert.deepEqual(await everyRow(t), before);
    assert.equal(await t.isProcessed(updateId), false);
  });

  suite.test("a stranger is told so and leaves no rows behind", async (t) => {
    await t.newShop();
    const before = await everyRow(t);
    const stranger = t.userId();
    const updateId = t.updateId();
    const result = await t.ledger.startUser({
      actor: stranger,
      updateId,
      displayName: "Who",
      claimIfUnclaimed: true,
    });
    assert.deepEqual(result, { status: "stranger" });
    assert.deepEqual(await everyRow(t), before);
    assert.equal(await t.isProcessed(updateId), false, "the update id is not kept");
    await assertLedgerError(t.ledger.memberInfo(stranger), "not_a_member");
  });

  suite.test("a member who sends /start is greeted and their name refreshed", async (t) => {
    const shop = await t.newShop();
    const shopsBefore = await t.scalar(`select count(*) as value from public.shops`);
    const greeted = await t.ledger.startUser({
      actor: shop.clerk,
      updateId: t.updateId(),
      displayName: "New  Name",
      mayOpenShop: true,
    });
    assert.equal(greeted.status, "member");
    assert.deepEqual(greeted.member, {
      user_id: shop.clerk,
      role: "clerk",
      display_name: "New Name",
      language: null,
      digits: null,
    });
    assert.equal(greeted.shop?.id, shop.shopId);
    assert.equal(
      await t.scalar(`select count(*) as value from public.shops`),
      shopsBefore,
      "a member opens no second shop",
    );
    const blank = await t.ledger.startUser({
      actor: shop.clerk,
      updateId: t.updateId(),
      displayName: "   ",
    });
    assert.equal(blank.member?.display_name, "New Name", "a blank name does not erase it");
  });

  suite.test("a display name is cut to 64 characters", async (t) => {
    const result = await t.ledger.startUser({
      actor: t.userId(),
      updateId: t.updateId(),
      displayName: "n".repeat(100),
      mayOpenShop: true,
    });
    assert.equal(result.member?.display_name, "n".repeat(64));
  });

  suite.test("member_info tells a member their role and shop", async (t) => {
    const shop = await t.newShop({ currency: "EGP" });
    const owner = await t.ledger.memberInfo(shop.owner);
    assert.deepEqual(owner.member, {
      user_id: shop.owner,
      role: "owner",
      display_name: shop.ownerName,
      language: null,
      digits: null,
    });
    assert.deepEqual(owner.shop, {
      id: shop.shopId,
      name: `Shop of ${shop.owner}`,
      currency: "EGP",
      minor_unit: 2,
      language: "en",
      digits: "latn",
      timezone: "UTC",
    });
    const clerk = await t.ledger.memberInfo(shop.clerk);
    assert.deepEqual(clerk.member, {
      user_id: shop.clerk,
      role: "clerk",
      display_name: shop.clerkName,
      language: null,
      digits: null,
    });
    assert.equal(clerk.shop.id, shop.shopId);
  });

  suite.test("a removed member is a stranger again", async (t) => {
    const shop = await t.newShop();
    await t.removeMember(shop.shopId, shop.clerk);
    await assertLedgerError(t.ledger.memberInfo(shop.clerk), "not_a_member");
    const result = await t.ledger.startUser({
      actor: shop.clerk,
      updateId: t.updateId(),
      displayName: "Former clerk",
    });
    assert.deepEqual(result, { status: "stranger" });
    const reopened = await t.ledger.startUser({
      actor: shop.clerk,
      updateId: t.updateId(),
      displayName: "Former clerk",
      mayOpenShop: true,
    });
    assert.equal(reopened.status, "opened", "and may open a shop of their own");
    assert.notEqual(reopened.shop?.id, shop.shopId);
    assert.equal((await t.ledger.memberInfo(shop.clerk)).shop.id, reopened.shop?.id);
  });
}
