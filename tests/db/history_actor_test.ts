/**
 * The history names the actor as they were when they acted: each action row keeps the
 * member's display name and role at that moment, so renaming oneself later changes no past
 * entry, and a name that could pass for another member's (the same name, or a role word
 * like "Owner" on a clerk) is shown with the role and the id.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { ledgerSuite } from "../support/ledger_fixtures.ts";
import type { ShopExport } from "../../shared/db/ledger/export.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("each action keeps the actor's name and role at the time", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.clerk, "Ann");
    const bought = await t.purchase(shop.clerk, ann.id, 500);
    const [row] = await t.sql<{ actor_name: string; actor_role: string }>(
      "select actor_name, actor_role::text from public.actions where transaction_id = $1",
      [bought.transaction.id],
    );
    assert.deepEqual({ ...row }, { actor_name: shop.clerkName, actor_role: "clerk" });

    // The clerk renames themselves in Telegram and says /start, then is promoted.
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Sam" });
    await t.sql(
      "update public.members set role = 'owner' where shop_id = $1 and telegram_user_id = $2",
      [shop.shopId, shop.clerk],
    );
    await t.purchase(shop.clerk, ann.id, 100);
    const list = await t.ledger.listActions(shop.owner, { limit: 3 });
    assert.deepEqual(list.actions.map((a) => [a.action, a.actor_name, a.actor_role]), [
      ["purchase_recorded", "Sam", "owner"],
      ["purchase_recorded", shop.clerkName, "clerk"],
      ["customer_added", shop.clerkName, "clerk"],
    ]);
  });

  suite.test("a clerk who calls themselves Owner, or takes another member's name, is told apart", async (t) => {
    const { shop } = await t.world();
    const bo = await t.addCustomer(shop.owner, "Bo");
    await t.ledger.startUser({ actor: shop.owner, updateId: t.updateId(), displayName: "Owner" });
    await t.purchase(shop.owner, bo.id, 100);
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Owner" });
    await t.purchase(shop.clerk, bo.id, 200);
    const list = await t.ledger.listActions(shop.owner, { limit: 2 });
    assert.deepEqual(list.actions.map((a) => a.actor_name), [
      `Owner (clerk, id ${shop.clerk})`,
      `Owner (owner, id ${shop.owner})`,
    ]);

    // A clerk named like the other clerk (a look-alike name counts too).
    const other = t.userId();
    await t.addMember(shop.shopId, other, "clerk", "Sara");
    await t.ledger.startUser({
      actor: shop.clerk,
      updateId: t.updateId(),
      displayName: "S\u0430ra",
    });
    await t.purchase(shop.clerk, bo.id, 300);
    await t.purchase(other, bo.id, 400);
    const again = await t.ledger.listActions(shop.owner, { limit: 2 });
    assert.deepEqual(again.actions.map((a) => a.actor_name), [
      `Sara (clerk, id ${other})`,
      `S\u0430ra (clerk, id ${shop.clerk})`,
    ]);

    // A clerk with a name of their own is shown plainly; so is an owner called Owner alone.
    const solo = await t.newShop();
    const cy = await t.addCustomer(solo.clerk, "Cy");
    await t.purchase(solo.clerk, cy.id, 100);
    const plain = await t.ledger.listActions(solo.owner, { limit: 1 });
    assert.equal(plain.actions[0].actor_name, solo.clerkName);
  });

  suite.test("transaction details name who recorded and who voided it as they were", async (t) => {
    const { shop } = await t.world();
    const di = await t.addCustomer(shop.clerk, "Di");
    const bought = await t.purchase(shop.clerk, di.id, 500);
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Owner" });
    await t.ledger.startUser({ actor: shop.owner, updateId: t.updateId(), displayName: "Boss" });
    const details = await t.ledger.transactions.details(shop.owner, bought.transaction.id);
    assert.equal(details.transaction.recorded_by_name, shop.clerkName);
    assert.equal(details.transaction.voided_by_name, shop.ownerName);
  });

  suite.test("the export's Action history names each actor as they were", async (t) => {
    const { shop } = await t.world();
    const ed = await t.addCustomer(shop.clerk, "Ed");
    await t.purchase(shop.clerk, ed.id, 100);
    await t.ledger.startUser({ actor: shop.clerk, updateId: t.updateId(), displayName: "Owner" });
    await t.purchase(shop.clerk, ed.id, 200);
    const data = await t.ledger.export.workbook(shop.owner) as ShopExport;
    const byClerk = data.actions.filter((a) => a[2] === shop.clerk).map((a) => [a[3], a[8]]);
    assert.deepEqual(byClerk, [
      ["customer_added", shop.clerkName],
      ["purchase_recorded", shop.clerkName],
      ["purchase_recorded", `Owner (clerk, id ${shop.clerk})`],
    ]);
  });

  suite.test("rows logged before this change are filled with the member's name and role", async (t) => {
    const rows = await t.sql<{ n: unknown }>(
      "select count(*) as n from public.actions where actor_name is null or actor_role is null",
    );
    assert.equal(Number(rows[0].n), 0);
    const [column] = await t.sql<{ nullable: string }>(
      `select is_nullable as nullable from information_schema.columns
        where table_schema = 'public' and table_name = 'actions' and column_name = 'actor_name'`,
    );
    assert.equal(column.nullable, "NO");
  });
}
