/**
 * Resetting a forgotten shop PIN without SQL (both engines): request_pin_reset (owners)
 * schedules the removal 24 hours later and names every owner to tell; any owner cancels;
 * the old PIN is still needed meanwhile; once due, the next PIN check treats the shop as
 * having no PIN (applied lazily, logged once).
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

/** Moves a pending reset's request back in time, as waiting would. */
async function age(t: LedgerContext, shopId: number, hours: number): Promise<void> {
  await t.sql(
    `update public.pin_resets set requested_at = now() - make_interval(hours => $2) where shop_id = $1`,
    [shopId, hours],
  );
}

function actions(t: LedgerContext, shopId: number, action: string): Promise<number> {
  return t.scalar(
    "select count(*)::int as value from public.actions where shop_id = $1 and action = $2",
    [shopId, action],
  );
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("request_pin_reset: owners only, needs a PIN, names every owner, once per shop", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(
      t.ledger.pin.requestReset({ actor: shop.owner, updateId: t.updateId() }),
      "pin_not_set",
    );
    await t.ledger.pin.set({ actor: shop.owner, updateId: t.updateId(), pin: "4321" });
    await assertLedgerError(
      t.ledger.pin.requestReset({ actor: shop.clerk, updateId: t.updateId() }),
      "owner_only",
    );
    await assertLedgerError(
      t.ledger.pin.cancelReset({ actor: shop.clerk, updateId: t.updateId() }),
      "owner_only",
    );
    const second = t.userId();
    await t.addMember(shop.shopId, second, "owner", "Second Owner");
    const updateId = t.updateId();
    const r = await t.ledger.pin.requestReset({ actor: shop.owner, updateId });
    assert.equal(r.already, false);
    assert.deepEqual([...r.owners].sort((a, b) => a - b), [shop.owner, second]);
    const hours = (Date.parse(r.due_at) - Date.parse(r.requested_at)) / 3_600_000;
    assert.equal(hours, 24);
    assert.equal(r.requested_by_name, shop.ownerName);
    // A redelivered update gives the same answer and logs nothing more.
    assert.deepEqual(await t.ledger.pin.requestReset({ actor: shop.owner, updateId }), r);
    const again = await t.ledger.pin.requestReset({ actor: second, updateId: t.updateId() });
    assert.equal(again.already, true);
    assert.equal(again.due_at, r.due_at, "a second request does not push the date back");
    assert.equal(await actions(t, shop.shopId, "pin_reset_requested"), 1);
  });

  suite.test("while a reset is pending the old PIN is still needed; any owner cancels it", async (t) => {
    const { shop } = await t.world();
    await t.ledger.pin.set({ actor: shop.owner, updateId: t.updateId(), pin: "4321" });
    const john = await t.addCustomer(shop.owner, "John Smith");
    await t.ledger.recordPurchase({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: john.id,
      amount: 5000,
    });
    await t.ledger.pin.requestReset({ actor: shop.owner, updateId: t.updateId() });
    await age(t, shop.shopId, 23);
    const gate = await t.ledger.pin.gate(shop.clerk);
    assert.equal(gate.pin_set, true);
    assert.ok(gate.reset_due_at, "the gate says a reset is pending");
    await assertLedgerError(
      t.ledger.recordPayment({
        actor: shop.clerk,
        updateId: t.updateId(),
        customerId: john.id,
        amount: 100,
      }),
      "pin_required",
    );
    const check = await t.ledger.pin.verify({
      actor: shop.clerk,
      updateId: t.updateId(),
      pin: "4321",
    });
    assert.equal(check.ok, true);

    const cancelled = await t.ledger.pin.cancelReset({
      actor: shop.owner,
      updateId: t.updateId(),
    });
    assert.equal(cancelled.cancelled, true);
    assert.deepEqual(cancelled.owners, [shop.owner]);
    const none = await t.ledger.pin.cancelReset({ actor: shop.owner, updateId: t.updateId() });
    assert.equal(none.cancelled, false);
    assert.equal(await actions(t, shop.shopId, "pin_reset_cancelled"), 1);
    await age(t, shop.shopId, 48); // nothing pending: nothing to age
    assert.equal((await t.ledger.pin.gate(shop.owner)).pin_set, true);
    assert.equal((await t.ledger.pin.gate(shop.owner)).reset_due_at ?? null, null);
  });

  suite.test("a due reset removes the PIN at the next check, once, logged; /setpin then needs no old PIN", async (t) => {
    const { shop, rival } = await t.world();
    for (const s of [shop, rival]) {
      await t.ledger.pin.set({ actor: s.owner, updateId: t.updateId(), pin: "4321" });
      await t.ledger.pin.requestReset({ actor: s.owner, updateId: t.updateId() });
    }
    await age(t, shop.shopId, 24);
    const gate = await t.ledger.pin.gate(shop.clerk);
    assert.equal(gate.pin_set, false);
    assert.equal(gate.reset_due_at ?? null, null);
    assert.equal(
      await t.scalar(
        "select count(*)::int as value from public.shops where id = $1 and pin_hash is null",
        [
          shop.shopId,
        ],
      ),
      1,
    );
    assert.equal(
      (await t.ledger.pin.gate(rival.clerk)).pin_set,
      true,
      "the rival keeps its PIN",
    );
    await t.ledger.pin.gate(shop.owner);
    assert.equal(await actions(t, shop.shopId, "pin_reset_applied"), 1);
    assert.equal((await t.ledger.settings.get(shop.owner)).pin_set, false);
    // PIN actions go through without a PIN now.
    const john = await t.addCustomer(shop.clerk, "John Smith");
    await t.ledger.customers.rename({
      actor: shop.clerk,
      updateId: t.updateId(),
      customerId: john.id,
      fullName: "Johnny Smith",
    });
    // A new PIN needs no old one.
    await t.sql("update public.member_pins set valid_until = null");
    const set = await t.ledger.pin.set({
      actor: shop.owner,
      updateId: t.updateId(),
      pin: "2468",
    });
    assert.equal(set.replaced, false);

    // A due reset also counts when the first thing to look is a PIN-protected action.
    await age(t, rival.shopId, 25);
    const jane = await t.addCustomer(rival.clerk, "Jane Doe");
    await t.ledger.customers.rename({
      actor: rival.clerk,
      updateId: t.updateId(),
      customerId: jane.id,
      fullName: "Jane Roe",
    });
    assert.equal(await actions(t, rival.shopId, "pin_reset_applied"), 1);
  });
}
