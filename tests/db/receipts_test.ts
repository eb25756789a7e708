/**
 * Receipts in the ledger (both engines): the trigger queues one outbox row per purchase,
 * payment, undo and merge of a linked customer whose receipts are on (none otherwise, none
 * twice), claim_outbox leases due rows, and finish_outbox records what Telegram answered
 * (403 marks the customer unreachable, 429 waits retry_after, too many tries give up).
 * Disputes: ❗ Not mine opens one per entry (flagged, logged, every owner notified in their
 * language), never on an entry already undone; an undo resolves it as undone, It is correct
 * as upheld (with a note), each once, the customer told; only the shop's owners may.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import { expire, latest, undo, verify, withPin } from "../support/ledger_steps.ts";
import { LedgerError } from "../../shared/db/errors.ts";

/** Links a customer to a Telegram account the way /connect will, by SQL. */
async function link(
  t: LedgerContext,
  shopId: number,
  customerId: number,
  language: string | null = null,
): Promise<number> {
  const telegramId = t.userId();
  await t.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
     values ($1, $2, $3, $4)`,
    [shopId, customerId, telegramId, language],
  );
  return telegramId;
}

interface Row {
  id: number;
  chat_id: number;
  dedupe_key: string;
  payload: Record<string, unknown>;
  attempts: number;
  sent: boolean;
  failed: boolean;
  wait_s: number;
  last_error: string | null;
}

function outbox(t: LedgerContext, shopId: number): Promise<Row[]> {
  return t.sql<Row>(
    `select id::int, chat_id::float8 as chat_id, dedupe_key, payload, attempts,
            sent_at is not null as sent, failed_at is not null as failed,
            round(extract(epoch from not_before - now()))::int as wait_s, last_error
       from public.outbox where shop_id = $1 order by id`,
    [shopId],
  );
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a purchase and a payment of a linked customer queue receipts; others none", async (t) => {
    const { shop } = await t.world();
    const layla = await t.addCustomer(shop.owner, "Layla Nasser");
    const other = await t.addCustomer(shop.owner, "Not Linked");
    const chat = await link(t, shop.shopId, layla.id, "ar");
    const bought = await t.purchase(shop.clerk, layla.id, 5000, "rice");
    await t.pay(shop.owner, layla.id, 2000);
    await t.purchase(shop.owner, other.id, 700);
    const rows = await outbox(t, shop.shopId);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r.dedupe_key), [
      `receipt:${bought.transaction.id}`,
      `receipt:${bought.transaction.id + 1}`,
    ]);
    assert.equal(rows[0].chat_id, chat);
    const p = rows[0].payload;
    assert.equal(p.event, "recorded");
    assert.equal(p.kind, "purchase");
    assert.equal(p.amount, 5000);
    assert.equal(p.note, "rice");
    assert.equal(p.balance, 5000);
    assert.equal(p.recorded_by, shop.clerkName);
    assert.equal(p.customer_name, "Layla Nasser");
    assert.equal(p.currency, shop.currency);
    assert.equal(typeof p.shop_name, "string");
    assert.equal(rows[1].payload.kind, "payment");
    assert.equal(rows[1].payload.balance, 3000);
  });

  suite.test("receipts off, or an ended link, queue nothing", async (t) => {
    const { shop } = await t.world();
    const a = await t.addCustomer(shop.owner, "Receipts Off");
    const b = await t.addCustomer(shop.owner, "Link Ended");
    const chatA = await link(t, shop.shopId, a.id);
    await link(t, shop.shopId, b.id);
    const set = await t.ledger.receipts.setReceipts(chatA, false);
    assert.deepEqual(set, { accounts: 1, receipts: false, language: null });
    await t.sql(`update public.customer_accounts set ended_at = now() where customer_id = $1`, [
      b.id,
    ]);
    await t.purchase(shop.owner, a.id, 100);
    await t.purchase(shop.owner, b.id, 100);
    assert.equal((await outbox(t, shop.shopId)).length, 0);
    assert.equal((await t.ledger.receipts.setReceipts(t.userId(), true)).accounts, 0);
  });

  suite.test("a redelivered purchase queues no second receipt", async (t) => {
    const { shop } = await t.world();
    const c = await t.addCustomer(shop.owner, "Twice Sent");
    await link(t, shop.shopId, c.id);
    const updateId = t.updateId();
    const input = { actor: shop.owner, updateId, customerId: c.id, amount: 300 };
    const first = await t.ledger.recordPurchase(input);
    const again = await t.ledger.recordPurchase(input);
    assert.equal(again.transaction.id, first.transaction.id);
    assert.equal((await outbox(t, shop.shopId)).length, 1);
  });

  suite.test("an undo queues an undo receipt with the balance after it", async (t) => {
    const { shop } = await t.world();
    const c = await t.addCustomer(shop.owner, "Undone Entry");
    await link(t, shop.shopId, c.id);
    await t.purchase(shop.owner, c.id, 1000);
    const p = await t.purchase(shop.owner, c.id, 400);
    await withPin(t, shop);
    await undo(t, shop.owner, await latest(t, shop.shopId, "purchase_recorded"));
    const rows = await outbox(t, shop.shopId);
    assert.equal(rows.length, 3);
    assert.equal(rows[2].dedupe_key, `receipt-undo:${p.transaction.id}`);
    assert.equal(rows[2].payload.event, "undone");
    assert.equal(rows[2].payload.amount, 400);
    assert.equal(rows[2].payload.balance, 1000);
  });

  suite.test("a merge and its undo tell both linked accounts", async (t) => {
    const { shop } = await t.world();
    const keep = await t.addCustomer(shop.owner, "Kept One");
    const dup = await t.addCustomer(shop.owner, "Dup One");
    await t.purchase(shop.owner, keep.id, 100);
    await t.purchase(shop.owner, dup.id, 250);
    const chatKeep = await link(t, shop.shopId, keep.id);
    const chatDup = await link(t, shop.shopId, dup.id);
    await withPin(t, shop);
    await t.ledger.links.merge({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: keep.id,
      duplicateId: dup.id,
    });
    let rows = await outbox(t, shop.shopId);
    assert.equal(rows.length, 2);
    const byChat = new Map(rows.map((r) => [r.chat_id, r]));
    assert.equal(byChat.get(chatKeep)?.payload.event, "merged");
    assert.equal(byChat.get(chatKeep)?.payload.balance, 350);
    assert.equal(byChat.get(chatDup)?.payload.balance, 0);
    assert.equal(byChat.get(chatDup)?.payload.duplicate_name, "Dup One");
    await undo(t, shop.owner, await latest(t, shop.shopId, "customers_merged"));
    rows = await outbox(t, shop.shopId);
    assert.equal(rows.length, 4);
    const unmerged = rows.slice(2);
    assert.ok(unmerged.every((r) => r.payload.event === "unmerged"));
    assert.equal(unmerged.find((r) => r.chat_id === chatKeep)?.payload.balance, 100);
    assert.equal(unmerged.find((r) => r.chat_id === chatDup)?.payload.balance, 250);
  });

  suite.test("claim leases rows; finish records sent, 403, 429, 5xx and giving up", async (t) => {
    await t.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    const { shop } = await t.world();
    const chats: number[] = [];
    const customers = [];
    for (const name of ["Sent Fine", "Blocked Bot", "Rate Limited", "Server Down"]) {
      const c = await t.addCustomer(shop.owner, name);
      customers.push(c);
      chats.push(await link(t, shop.shopId, c.id, name === "Sent Fine" ? "ar" : null));
      await t.purchase(shop.owner, c.id, 100);
    }
    const claimed = await t.ledger.receipts.claim(10);
    assert.equal(claimed.length, 4);
    assert.equal(claimed[0].locale, "ar");
    assert.equal(claimed[1].locale, "en");
    assert.ok(claimed.every((m) => m.attempts === 1));
    // Leased: a second drain gets none of them.
    assert.equal((await t.ledger.receipts.claim(10)).length, 0);
    const [sent, blocked, limited, down] = claimed.map((m) => m.id);
    const changed = await t.ledger.receipts.finish([
      { id: sent, status: "sent" },
      { id: blocked, status: "blocked", error: "403 Forbidden: bot was blocked by the user" },
      { id: limited, status: "retry", retry_after: 42, error: "429 Too Many Requests" },
      { id: down, status: "retry", error: "502 Bad Gateway" },
      { id: sent, status: "sent" }, // a repeated report changes nothing
    ]);
    assert.equal(changed, 4);
    const rows = new Map((await outbox(t, shop.shopId)).map((r) => [r.id, r]));
    assert.equal(rows.get(sent)?.sent, true);
    assert.equal(rows.get(blocked)?.failed, true);
    assert.ok(Math.abs(rows.get(limited)!.wait_s - 42) <= 2);
    assert.ok(Math.abs(rows.get(down)!.wait_s - 10) <= 2);
    const [unreachable] = await t.sql<{ n: number }>(
      `select count(*)::int as n from public.customer_accounts
        where telegram_user_id = $1 and unreachable_at is not null`,
      [chats[1]],
    );
    assert.equal(unreachable.n, 1);

    // After 8 tries a retry gives up.
    await t.sql(`update public.outbox set attempts = 8 where id = $1`, [down]);
    await t.ledger.receipts.finish([{ id: down, status: "retry", error: "502 Bad Gateway" }]);
    assert.equal((await outbox(t, shop.shopId)).find((r) => r.id === down)?.failed, true);

    // A row due again is claimed again, and receipts turned off since are not sent.
    await t.sql(`update public.outbox set not_before = now() where id = $1`, [limited]);
    await t.ledger.receipts.setReceipts(chats[2], false);
    assert.equal((await t.ledger.receipts.claim(10)).length, 0);
    assert.equal(
      (await outbox(t, shop.shopId)).find((r) => r.id === limited)?.last_error,
      "receipts off",
    );
  });

  suite.test("only the receipt's own customer can answer it", async (t) => {
    await t.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    const { shop } = await t.world();
    const c = await t.addCustomer(shop.owner, "Answers Receipts");
    const chat = await link(t, shop.shopId, c.id);
    await t.purchase(shop.owner, c.id, 100);
    const [row] = await outbox(t, shop.shopId);
    assert.deepEqual(await t.ledger.receipts.answer(chat + 1, row.id, "not_mine"), {
      found: false,
    });
    const answer = await t.ledger.receipts.answer(chat, row.id, "not_mine");
    assert.equal(answer.found, true);
    const [stored] = await t.sql<{ answer: string }>(
      `select answer from public.receipt_answers where outbox_id = $1`,
      [row.id],
    );
    assert.equal(stored.answer, "not_mine");
  });

  suite.test("Not mine opens one dispute: flagged, logged, every owner told in their language", async (t) => {
    await t.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    const { shop } = await t.world();
    // A second owner who speaks Arabic; the clerk is never told.
    const owner2 = t.userId();
    await t.addMember(shop.shopId, owner2, "owner", "Second Owner");
    await t.sql(`update public.members set language = 'ar' where telegram_user_id = $1`, [owner2]);
    const c = await t.addCustomer(shop.owner, "Disputes Things");
    const chat = await link(t, shop.shopId, c.id);
    const bought = await t.purchase(shop.clerk, c.id, 700, "sugar");
    const [receipt] = (await outbox(t, shop.shopId)).filter((r) => !r.sent);
    const opened = await t.ledger.receipts.answer(chat, receipt.id, "not_mine");
    assert.equal(opened.found && opened.dispute, "opened");
    // A double press (or a redelivered update) opens nothing more.
    const again = await t.ledger.receipts.answer(chat, receipt.id, "not_mine");
    assert.equal(again.found && again.dispute, "already_open");
    // OK records only the answer.
    const ok = await t.ledger.receipts.answer(chat, receipt.id, "ok");
    assert.equal(ok.found && ok.dispute, null);
    const notices = (await outbox(t, shop.shopId)).filter((r) =>
      r.dedupe_key.startsWith("dispute:")
    );
    assert.deepEqual(notices.map((r) => r.chat_id).sort(), [shop.owner, owner2].sort());
    assert.equal(notices[0].payload.amount, 700);
    assert.equal(notices[0].payload.note, "sugar");
    const claimed = await t.ledger.receipts.claim(10);
    const byChat = new Map(claimed.map((m) => [m.chat_id, m]));
    assert.equal(byChat.get(owner2)?.kind, "dispute");
    assert.equal(byChat.get(owner2)?.locale, "ar");
    assert.equal(byChat.get(shop.owner)?.locale, "en");
    const [tx] = await t.sql<{ dispute: string }>(
      `select dispute from public.transactions where id = $1`,
      [bought.transaction.id],
    );
    assert.equal(tx.dispute, "open");
    const details = await t.ledger.transactions.details(shop.owner, bought.transaction.id);
    assert.equal(details.transaction.dispute, "open");
    // The export's Transactions sheet: the 11th field of the entry's row.
    const [book] = await t.sql<{ rows: unknown[][] }>(
      `select public.export_workbook($1)->'transactions' as rows`,
      [shop.owner],
    );
    const row = book.rows.find((r) => Number(r[0]) === bought.transaction.id)!;
    assert.equal(row[10], "open");
    const [logged] = await t.sql<{ n: number; customer: number }>(
      `select count(*)::int as n, max((action_info->>'telegram_user_id')::float8) as customer
         from public.actions where shop_id = $1 and action = 'dispute_opened'`,
      [shop.shopId],
    );
    assert.deepEqual(logged, { n: 1, customer: chat });
  });

  suite.test("Undo of a disputed entry resolves it as undone; the customer is told once", async (t) => {
    await t.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    const { shop } = await t.world();
    const c = await t.addCustomer(shop.owner, "Undo Dispute");
    const chat = await link(t, shop.shopId, c.id, "ar");
    await t.purchase(shop.owner, c.id, 1000);
    const p = await t.purchase(shop.owner, c.id, 300);
    const receipt = (await outbox(t, shop.shopId)).find((r) =>
      r.dedupe_key === `receipt:${p.transaction.id}`
    )!;
    await t.ledger.receipts.answer(chat, receipt.id, "not_mine");
    const [{ id: disputeId }] = await t.sql<{ id: number }>(
      `select id::int from public.disputes where transaction_id = $1`,
      [p.transaction.id],
    );
    // Only the shop's owners: a clerk is refused, another shop's owner finds nothing.
    await assert.rejects(
      () => t.ledger.receipts.dispute(shop.clerk, disputeId),
      (e) => e instanceof LedgerError && e.code === "owner_only",
    );
    const { rival } = await t.world();
    assert.deepEqual(await t.ledger.receipts.dispute(rival.owner, disputeId), { found: false });
    assert.deepEqual(
      await t.ledger.receipts.uphold({ actor: rival.owner, updateId: t.updateId(), disputeId }),
      { found: false },
    );
    const seen = await t.ledger.receipts.dispute(shop.owner, disputeId);
    assert.ok(seen.found);
    assert.equal(seen.status, "open");
    assert.equal(seen.action_id, await latest(t, shop.shopId, "purchase_recorded"));
    assert.equal(seen.undo_needs_pin, false);
    await withPin(t, shop);
    await expire(t, shop.owner);
    const needsPin = await t.ledger.receipts.dispute(shop.owner, disputeId);
    assert.ok(needsPin.found && needsPin.undo_needs_pin);
    // The ordinary undo path, PIN rules and all.
    await assert.rejects(
      () => undo(t, shop.owner, seen.action_id!),
      (e) => e instanceof LedgerError && e.code === "pin_required",
    );
    await verify(t, shop.owner, "4321");
    await undo(t, shop.owner, seen.action_id!);
    const after = await t.ledger.receipts.dispute(shop.owner, disputeId);
    assert.ok(after.found);
    assert.equal(after.status, "undone");
    assert.equal(after.voided, true);
    // It is correct after that changes nothing.
    const late = await t.ledger.receipts.uphold({
      actor: shop.owner,
      updateId: t.updateId(),
      disputeId,
    });
    assert.ok(late.found && !late.resolved && late.status === "undone");
    const outcomes = (await outbox(t, shop.shopId)).filter((r) =>
      r.dedupe_key.startsWith("dispute-outcome:")
    );
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0].chat_id, chat);
    assert.equal(outcomes[0].payload.status, "undone");
    assert.equal(outcomes[0].payload.balance, 1000);
    const [resolved] = await t.sql<{ n: number }>(
      `select count(*)::int as n from public.actions
        where shop_id = $1 and action = 'dispute_resolved'`,
      [shop.shopId],
    );
    assert.equal(resolved.n, 1);
    // Not mine again on the undone entry, or on its undo receipt: already undone.
    const again = await t.ledger.receipts.answer(chat, receipt.id, "not_mine");
    assert.equal(again.found && again.dispute, "already_undone");
  });

  suite.test("It is correct resolves it upheld with a note, once; undone entries open nothing", async (t) => {
    await t.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    const { shop } = await t.world();
    const c = await t.addCustomer(shop.owner, "Upheld Dispute");
    const chat = await link(t, shop.shopId, c.id);
    const p = await t.pay(shop.owner, c.id, 200);
    const receipt = (await outbox(t, shop.shopId)).find((r) =>
      r.dedupe_key === `receipt:${p.transaction.id}`
    )!;
    await t.ledger.receipts.answer(chat, receipt.id, "not_mine");
    const [{ id: disputeId }] = await t.sql<{ id: number }>(
      `select id::int from public.disputes where transaction_id = $1`,
      [p.transaction.id],
    );
    const updateId = t.updateId();
    const upheld = await t.ledger.receipts.uphold({
      actor: shop.owner,
      updateId,
      disputeId,
      note: "  You paid it at the counter  ",
    });
    assert.ok(upheld.found && upheld.resolved);
    assert.equal(upheld.status, "upheld");
    assert.equal(upheld.note, "You paid it at the counter");
    // A redelivered update or a double press: nothing changes, said so.
    const twice = await t.ledger.receipts.uphold({ actor: shop.owner, updateId, disputeId });
    assert.ok(twice.found && !twice.resolved);
    const outcomes = (await outbox(t, shop.shopId)).filter((r) =>
      r.dedupe_key.startsWith("dispute-outcome:")
    );
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0].payload.resolution_note, "You paid it at the counter");
    const again = await t.ledger.receipts.answer(chat, receipt.id, "not_mine");
    assert.equal(again.found && again.dispute, "already_upheld");

    // An entry undone before the customer answered: no dispute, no notice.
    const q = await t.purchase(shop.owner, c.id, 50);
    const qReceipt = (await outbox(t, shop.shopId)).find((r) =>
      r.dedupe_key === `receipt:${q.transaction.id}`
    )!;
    await undo(t, shop.owner, await latest(t, shop.shopId, "purchase_recorded"));
    const late = await t.ledger.receipts.answer(chat, qReceipt.id, "not_mine");
    assert.equal(late.found && late.dispute, "already_undone");
    const [n] = await t.sql<{ n: number }>(
      `select count(*)::int as n from public.disputes where transaction_id = $1`,
      [q.transaction.id],
    );
    assert.equal(n.n, 0);
  });
}
