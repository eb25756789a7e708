/**
 * The seed's checklist in the ledger (both engines): the shop PIN (hash only, lockout,
 * grant, concurrency), PIN-protected SQL functions, archiving and auto-archive, merges
 * undone exactly (also after a later void), links, tags, nicknames, transaction lists.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import {
  assertLedgerError,
  type LedgerContext,
  ledgerSuite,
  type ShopFixture,
} from "../support/ledger_fixtures.ts";

/** Sets the shop PIN as its owner (who then holds a grant). */
async function withPin(t: LedgerContext, shop: ShopFixture, pin = "4321"): Promise<void> {
  await t.ledger.care.setPin({ actor: shop.owner, updateId: t.updateId(), pin });
}

/** Ends every grant of a member, as five minutes passing would. */
async function expire(t: LedgerContext, userId: number): Promise<void> {
  await t.sql(
    `update public.member_pins set valid_until = now() - interval '1 second' where telegram_user_id = $1`,
    [userId],
  );
}

function verify(t: LedgerContext, actor: number, pin: string, updateId = t.updateId()) {
  return t.ledger.care.verifyPin({ actor, updateId, pin });
}

/** The latest action of a kind, for undo. */
function latest(t: LedgerContext, shopId: number, action: string): Promise<number> {
  return t.scalar(
    `select max(id) as value from public.actions where shop_id = $1 and action = $2`,
    [shopId, action],
  );
}

async function undo(t: LedgerContext, actor: number, actionId: number) {
  return await t.ledger.undoAction({ actor, updateId: t.updateId(), actionId });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  // --------------------------------------------------------------------------
  // The shop PIN
  // --------------------------------------------------------------------------

  suite.test("the PIN is stored only as a bcrypt hash; set_pin is owner-only and checks the format", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(
      t.ledger.care.setPin({ actor: shop.clerk, updateId: t.updateId(), pin: "1234" }),
      "owner_only",
    );
    for (const pin of ["123", "123456789", "12a4", " 1234", "١٢٣٤"]) {
      await assertLedgerError(
        t.ledger.care.setPin({ actor: shop.owner, updateId: t.updateId(), pin }),
        "pin_invalid",
      );
    }
    const result = await t.ledger.care.setPin({
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
      t.ledger.care.renameCustomer({
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
      t.ledger.care.mergeCustomers({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        duplicateId: bob.id,
      }),
      "pin_required",
    );
    await assertLedgerError(
      t.ledger.care.archiveCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
      }),
      "pin_required",
    );
    await assertLedgerError(
      t.ledger.care.setPin({ actor: shop.owner, updateId: t.updateId(), pin: "5555" }),
      "pin_required",
    );
    // A customer with nothing owed is deleted without the PIN, by a clerk too.
    await t.ledger.care.archiveCustomer({
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
    assert.equal((await t.ledger.care.pinGate(shop.clerk)).remind, false);
    assert.deepEqual(await t.ledger.care.pinGate(shop.owner), {
      pin_set: false,
      valid_until: null,
      locked_until: null,
      remind: true,
    });
    assert.equal((await t.ledger.care.pinGate(shop.owner)).remind, false);
    await withPin(t, shop);
    const gate = await t.ledger.care.pinGate(shop.owner);
    assert.equal(gate.pin_set, true);
    assert.ok(gate.valid_until, "setting the PIN grants the owner");
    assert.equal((await t.ledger.care.pinGate(shop.clerk)).valid_until, null);
  });

  // --------------------------------------------------------------------------
  // Archiving
  // --------------------------------------------------------------------------

  suite.test("auto-archive: a payment that settles archives the customer; undoing it restores them", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 500);
    await t.ledger.care.setArchiveWhenSettled({
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

  suite.test("archive_customer: needs the owner for a balance; a second archive is refused; undo restores", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 500);
    await assertLedgerError(
      t.ledger.care.archiveCustomer({
        actor: shop.clerk,
        updateId: t.updateId(),
        customerId: ann.id,
      }),
      "owner_only",
    );
    const r = await t.ledger.care.archiveCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
    });
    assert.ok(r.customer.archived_at);
    await assertLedgerError(
      t.ledger.care.archiveCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
      }),
      "customer_archived",
    );
    await assertLedgerError(t.purchase(shop.owner, ann.id, 1), "customer_archived");
    const undone = await undo(t, shop.owner, await latest(t, shop.shopId, "customer_archived"));
    assert.equal(undone.customer?.archived_at, null);
    assert.equal(undone.customer?.balance, 500);
  });

  // --------------------------------------------------------------------------
  // Merge
  // --------------------------------------------------------------------------

  suite.test("a merge is undone exactly, also after one of the moved entries was voided", async (t) => {
    const { shop, rival } = await t.world();
    const keep = await t.addCustomer(shop.owner, "Keep", { phone: "0591000001", tags: ["vip"] });
    const dup = await t.addCustomer(shop.owner, "Dup", {
      phone: "0591000002",
      nicknames: ["D"],
      tags: ["vip", "late"],
    });
    await t.purchase(shop.owner, keep.id, 1000);
    const p1 = await t.purchase(shop.owner, dup.id, 700);
    await t.pay(shop.owner, dup.id, 200);
    await withPin(t, shop);
    await assertLedgerError(
      t.ledger.care.mergeCustomers({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: keep.id,
        duplicateId: keep.id,
      }),
      "same_customer",
    );
    const other = await t.addCustomer(rival.owner, "Elsewhere");
    await assertLedgerError(
      t.ledger.care.mergeCustomers({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: keep.id,
        duplicateId: other.id,
      }),
      "customer_not_found",
    );
    const merged = await t.ledger.care.mergeCustomers({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      duplicateId: dup.id,
    });
    assert.equal(merged.customer.balance, 1500);
    assert.equal(merged.moved_transactions, 2);
    assert.deepEqual(merged.customer.tags, ["late", "vip"]);
    assert.equal(await t.balanceOf(dup.id), 0);
    // After the merge, the duplicate's purchase is undone on the survivor.
    await undo(
      t,
      shop.owner,
      await t.scalar(`select id as value from public.actions where transaction_id = $1`, [
        p1.transaction.id,
      ]),
    );
    assert.equal(await t.balanceOf(keep.id), 800);
    // A later tag on the survivor survives the split.
    await t.ledger.care.tagCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      tags: ["new"],
    });
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_merged"));
    const [k, d] = await t.sql<Record<string, unknown>>(
      `select balance::int, phone, other_phones, nicknames, tags, archived_at, merged_into
         from public.customers where id in ($1, $2) order by id`,
      [keep.id, dup.id],
    );
    assert.deepEqual({ ...k }, {
      balance: 1000,
      phone: "0591000001",
      other_phones: [],
      nicknames: [],
      tags: ["new", "vip"],
      archived_at: null,
      merged_into: null,
    });
    assert.deepEqual({ ...d }, {
      balance: -200,
      phone: "0591000002",
      other_phones: [],
      nicknames: ["D"],
      tags: ["late", "vip"],
      archived_at: null,
      merged_into: null,
    });
    assert.equal(
      await t.scalar(`select count(*) as value from public.transactions where customer_id = $1`, [
        dup.id,
      ]),
      2,
    );
  });

  suite.test("a merge cannot be undone once its survivor was merged on, and a merged duplicate's 'added' cannot be undone", async (t) => {
    const { shop } = await t.world();
    await withPin(t, shop);
    const [a, b, c] = [
      await t.addCustomer(shop.owner, "A"),
      await t.addCustomer(shop.owner, "B"),
      await t.addCustomer(shop.owner, "C"),
    ];
    await t.purchase(shop.owner, b.id, 100);
    const merge = (keep: number, dup: number) =>
      t.ledger.care.mergeCustomers({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: keep,
        duplicateId: dup,
      });
    await merge(a.id, b.id);
    const first = await latest(t, shop.shopId, "customers_merged");
    await merge(c.id, a.id);
    await assertLedgerError(undo(t, shop.owner, first), "changed_since");
    const added = await t.scalar(
      `select id as value from public.actions where customer_id = $1 and action = 'customer_added'`,
      [b.id],
    );
    await assertLedgerError(undo(t, shop.owner, added), "customer_merged");
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_merged"));
    await undo(t, shop.owner, first);
    assert.equal(await t.balanceOf(b.id), 100);
  });

  // --------------------------------------------------------------------------
  // Links, renames, tags, nicknames
  // --------------------------------------------------------------------------

  suite.test("linking joins groups, refuses linking twice, and each undo puts the groups back", async (t) => {
    const { shop } = await t.world();
    const [a, b, c, d] = await Promise.all(
      ["A", "B", "C", "D"].map((n) => t.addCustomer(shop.owner, n)),
    );
    const link = (x: number, y: number) =>
      t.ledger.care.linkCustomers({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: x,
        otherId: y,
      });
    await link(a.id, b.id);
    await link(c.id, d.id);
    await assertLedgerError(link(b.id, a.id), "already_linked");
    const joined = await link(a.id, c.id);
    assert.deepEqual(joined.links.customers.map((x) => x.full_name), ["B", "C", "D"]);
    await assertLedgerError(link(d.id, b.id), "already_linked");
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_linked"));
    const summary = await t.ledger.customerSummary(shop.owner, c.id);
    assert.deepEqual(summary.links?.customers.map((x) => x.full_name), ["D"]);
    await t.ledger.care.unlinkCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: a.id,
    });
    await assertLedgerError(
      t.ledger.care.unlinkCustomer({ actor: shop.owner, updateId: t.updateId(), customerId: b.id }),
      "not_linked",
    );
    await undo(t, shop.owner, await latest(t, shop.shopId, "customer_unlinked"));
    assert.deepEqual(
      (await t.ledger.customerSummary(shop.owner, b.id)).links?.customers.map((x) => x.full_name),
      ["A"],
    );
  });

  suite.test("rename, nickname and tag refusals; an older rename cannot be undone over a newer one", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const rename = (name: string) =>
      t.ledger.care.renameCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        fullName: name,
      });
    await assertLedgerError(rename("   "), "name_required");
    await assertLedgerError(rename("Ann"), "name_unchanged");
    await assertLedgerError(rename("x".repeat(121)), "name_too_long");
    await rename("Anne");
    const older = await latest(t, shop.shopId, "customer_renamed");
    await rename("Anna");
    await assertLedgerError(undo(t, shop.owner, older), "changed_since");
    const nick = (nickname: string) =>
      t.ledger.care.addNickname({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        nickname,
      });
    await assertLedgerError(nick(" "), "nickname_required");
    await assertLedgerError(nick("ANNA"), "nickname_exists");
    await nick("Umm Ali");
    assert.equal((await t.ledger.listCustomers(shop.owner, { query: "umm ali" })).total, 1);
    const tag = (tags: string[], remove = false) =>
      t.ledger.care.tagCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        tags,
        remove,
      });
    await assertLedgerError(tag(["#"]), "tags_required");
    assert.deepEqual((await tag(["#VIP", "vip", "late"])).changed, ["late", "vip"]);
    await assertLedgerError(tag(["vip"]), "tags_unchanged");
    await assertLedgerError(tag(["gone"], true), "tags_unchanged");
    const list = await t.ledger.care.listTags(shop.owner);
    assert.deepEqual(list.tags.map((x) => [x.tag, x.customers]), [["late", 1], ["vip", 1]]);
  });

  suite.test("list_transactions filters by tag and time, newest first, with who recorded and voided", async (t) => {
    const { shop, rival } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const a = await t.purchase(shop.owner, ann.id, 100, "milk #dairy");
    const b = await t.purchase(shop.clerk, ann.id, 200, "bread");
    await t.sql(
      `update public.transactions set created_at = '2026-01-15T10:00:00Z' where id = $1`,
      [a.transaction.id],
    );
    const all = await t.ledger.care.listTransactions(shop.owner, ann.id);
    assert.deepEqual(all.transactions.map((x) => x.id), [b.transaction.id, a.transaction.id]);
    assert.equal(all.transactions[0].recorded_by_name, shop.clerkName);
    const dairy = await t.ledger.care.listTransactions(shop.owner, ann.id, { tag: "#Dairy" });
    assert.deepEqual(dairy.transactions.map((x) => x.id), [a.transaction.id]);
    const january = await t.ledger.care.listTransactions(shop.owner, ann.id, {
      from: "2026-01-01T00:00:00Z",
      to: "2026-02-01T00:00:00Z",
    });
    assert.equal(january.total, 1);
    await undo(t, shop.owner, await latest(t, shop.shopId, "purchase_recorded"));
    const detail = await t.ledger.care.transactionDetails(shop.owner, b.transaction.id);
    assert.equal(detail.transaction.voided_by_name, shop.ownerName);
    assert.equal(detail.undoable, false);
    await assertLedgerError(
      t.ledger.care.transactionDetails(rival.owner, b.transaction.id),
      "transaction_not_found",
    );
    await assertLedgerError(
      t.ledger.care.listTransactions(rival.owner, ann.id),
      "customer_not_found",
    );
  });
}
