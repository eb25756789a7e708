/**
 * The shop PIN in the ledger (both engines): hash only, owner-only, lockout, grants,
 * concurrency, PIN-protected SQL functions, redelivery, the owner's reminder, and resetting
 * a forgotten PIN.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import { expire, verify, withPin } from "../support/ledger_steps.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("the PIN is stored only as a bcrypt hash; set_pin is owner-only and checks the format", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(
      t.ledger.pin.set({ actor: shop.clerk, updateId: t.updateId(), pin: "1234" }),
      "owner_only",
    );
    for (const pin of ["123", "123456789", "12a4", " 1234", "١٢٣٤"]) {
      await assertLedgerError(
        t.ledger.pin.set({ actor: shop.owner, updateId: t.updateId(), pin }),
        "pin_invalid",
      );
    }
    const result = await t.ledger.pin.set({
      actor: shop.owner,
      updateId: t.updateId(),
      pin: "4321",
    });
    assert.equal(result.replaced, false);
    const [row] = await t.sql<{ hash: string; right: boolean; wrong: boolean }>(
      `select pin_hash as hash, extensions.crypt('4321', pin_hash) = pin_hash as right,
              extensions.crypt('4322', pin_hash) = pin_hash as wrong
         from public.shops where id = $1`,
      [shop.shopId],
    );
    assert.match(row.hash, /^\$2[abxy]?\$/);
    assert.ok(!row.hash.includes("4321"));
    assert.deepEqual([row.right, row.wrong], [true, false]);
    const [log] = await t.sql<{ info: unknown }>(
      `select action_info as info from public.actions where shop_id = $1 and action = 'pin_set'`,
      [shop.shopId],
    );
    assert.deepEqual(log.info, { replaced: false });
  });

  suite.test("verify_pin: a right PIN grants 5 minutes; wrong ones count down; the fifth locks for 15 minutes", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop);
    await assertLedgerError(verify(t, shop.clerk, "12x4"), "pin_invalid");
    for (let left = 4; left >= 1; left--) {
      assert.deepEqual(await verify(t, shop.clerk, "0000"), {
        ok: false,
        attempts_left: left,
        locked_until: null,
      });
    }
    const locked = await verify(t, shop.clerk, "0000");
    assert.equal(locked.ok, false);
    assert.equal(locked.attempts_left, 0);
    const minutes = (Date.parse(locked.locked_until!) - Date.now()) / 60_000;
    assert.ok(minutes > 14.9 && minutes <= 15, `locked for ${minutes} minutes`);
    const whileLocked = await verify(t, shop.clerk, "4321");
    assert.equal(whileLocked.ok, false, "the right PIN is refused while locked");
    assert.equal(
      await t.scalar(
        `select failures as value from public.member_pins where telegram_user_id = $1`,
        [shop.clerk],
      ),
      5,
    );
    // The lock expires: a fresh start.
    await t.sql(
      `update public.member_pins set locked_until = now() - interval '1 second' where telegram_user_id = $1`,
      [shop.clerk],
    );
    const ok = await verify(t, shop.clerk, "4321");
    assert.equal(ok.ok, true);
    const grant = (Date.parse(ok.valid_until!) - Date.now()) / 60_000;
    assert.ok(grant > 4.9 && grant <= 5, `granted for ${grant} minutes`);
    assert.equal(
      await t.scalar(
        `select failures as value from public.member_pins where telegram_user_id = $1`,
        [shop.clerk],
      ),
      0,
    );
  });

  suite.test("a redelivered PIN check is not counted twice", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop);
    const updateId = t.updateId();
    const first = await verify(t, shop.clerk, "0000", updateId);
    assert.deepEqual(await verify(t, shop.clerk, "0000", updateId), first);
    assert.equal(first.attempts_left, 4);
    assert.equal((await verify(t, shop.clerk, "0000")).attempts_left, 3);
  });

  suite.test("concurrent wrong guesses never pass the lockout", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => verify(t, shop.clerk, "1111")),
    );
    assert.ok(answers.every((a) => !a.ok));
    // Exactly five tries were counted (4, 3, 2, 1 left, then the lock); the rest met the lock.
    const counted = answers.map((a) => a.attempts_left).filter((n) => n !== 0).sort();
    assert.deepEqual(counted, [1, 2, 3, 4]);
    assert.equal(
      await t.scalar(
        `select failures as value from public.member_pins where telegram_user_id = $1`,
        [shop.clerk],
      ),
      5,
    );
    assert.equal((await verify(t, shop.clerk, "4321")).ok, false, "still locked");
  });

  suite.test("PIN-protected functions refuse without a grant, and take none while no PIN is set", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 1000);
    await t.pay(shop.clerk, ann.id, 100); // no PIN yet: no grant needed
    await withPin(t, shop);
    const before = await t.counts(shop.shopId);
    await assertLedgerError(t.pay(shop.clerk, ann.id, 100), "pin_required");
    await assertLedgerError(
      t.ledger.customers.rename({
        actor: shop.clerk,
        updateId: t.updateId(),
        customerId: ann.id,
        fullName: "Anne",
      }),
      "pin_required",
    );
    const bob = await t.addCustomer(shop.owner, "Bob");
    await expire(t, shop.owner);
    await assertLedgerError(
      t.ledger.links.merge({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        duplicateId: bob.id,
      }),
      "pin_required",
    );
    await assertLedgerError(
      t.ledger.customers.archive({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
      }),
      "pin_required",
    );
    await assertLedgerError(
      t.ledger.pin.set({ actor: shop.owner, updateId: t.updateId(), pin: "5555" }),
      "pin_required",
    );
    // A customer with nothing owed is deleted without the PIN, by a clerk too.
    await t.ledger.customers.archive({
      actor: shop.clerk,
      updateId: t.updateId(),
      customerId: bob.id,
    });
    assert.equal((await t.counts(shop.shopId)).transactions, before.transactions);
    // With a grant the payment goes through; a lock refuses even a held grant.
    await verify(t, shop.clerk, "4321");
    assert.equal((await t.pay(shop.clerk, ann.id, 100)).customer.balance, 800);
    await t.sql(
      `update public.member_pins set locked_until = now() + interval '1 minute' where telegram_user_id = $1`,
      [shop.clerk],
    );
    await assertLedgerError(t.pay(shop.clerk, ann.id, 100), "pin_locked");
  });

  suite.test("a redelivered payment gets its answer even after the grant has expired", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await withPin(t, shop);
    const input = { actor: shop.owner, updateId: t.updateId(), customerId: ann.id, amount: 300 };
    const first = await t.ledger.recordPayment(input);
    await expire(t, shop.owner);
    assert.deepEqual(await t.ledger.recordPayment(input), first);
    assert.equal(await t.balanceOf(ann.id), -300);
  });

  suite.test("pin_gate reminds the owner once while no PIN is set, never a clerk", async (t) => {
    const { shop } = await t.world();
    assert.equal((await t.ledger.pin.gate(shop.clerk)).remind, false);
    assert.deepEqual(await t.ledger.pin.gate(shop.owner), {
      pin_set: false,
      valid_until: null,
      locked_until: null,
      remind: true,
    });
    assert.equal((await t.ledger.pin.gate(shop.owner)).remind, false);
    await withPin(t, shop);
    const gate = await t.ledger.pin.gate(shop.owner);
    assert.equal(gate.pin_set, true);
    assert.ok(gate.valid_until, "setting the PIN grants the owner");
    assert.equal((await t.ledger.pin.gate(shop.clerk)).valid_until, null);
  });
}

// ---------------------------------------------------------------------------------------
// Resetting a forgotten PIN
// Resetting a forgotten shop PIN without SQL (both engines): request_pin_reset (owners)
// schedules the removal 24 hours later and names every owner to tell; any owner cancels;
// the old PIN is still needed meanwhile; once due, the next PIN check treats the shop as
// having no PIN (applied lazily, logged once).
// ---------------------------------------------------------------------------------------
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
    // Each owner with the language and digits to tell them in (theirs, else the shop's).
    await t.sql(
      "update public.members set language = 'ar', digits = 'arab' where telegram_user_id = $1",
      [
        second,
      ],
    );
    assert.deepEqual(
      r.recipients?.map((o) => o.user_id).sort((a, b) => a - b),
      [shop.owner, second],
    );
    assert.deepEqual(
      r.recipients?.find((o) => o.user_id === second),
      { user_id: second, language: "en", digits: "latn" },
    );
    const hours = (Date.parse(r.due_at) - Date.parse(r.requested_at)) / 3_600_000;
    assert.equal(hours, 24);
    assert.equal(r.requested_by_name, shop.ownerName);
    // A redelivered update gives the same answer and logs nothing more.
    assert.deepEqual(await t.ledger.pin.requestReset({ actor: shop.owner, updateId }), r);
    const again = await t.ledger.pin.requestReset({ actor: second, updateId: t.updateId() });
    assert.equal(again.already, true);
    assert.deepEqual(
      again.recipients?.find((o) => o.user_id === second),
      { user_id: second, language: "ar", digits: "arab" },
    );
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
