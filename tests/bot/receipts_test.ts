/**
 * Receipts through the bot, on a real database and the fake Bot API: a member records a
 * purchase for a linked customer and, once the outbox is drained, the customer's chat has
 * the receipt in their language with the amount and the new balance; a redelivered update
 * sends no second one; /undo sends an undo receipt; /receipts off stops them. The buttons
 * answer only the receipt's own customer.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import type { Message, User } from "grammy/types";
import { type ChatHarness, type ChatUser, openChat, STRANGER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { drainOutbox, Throttle } from "../../shared/outbox/sender.ts";
import { callbackQueryUpdate } from "../../shared/dev/terminal_chat.ts";
import { type Engine, engines } from "../support/databases.ts";

const LAYLA: User = { id: 5001, is_bot: false, first_name: "Layla", language_code: "en" };

/** The owner's shop with Layla Nasser, linked (by SQL, as /connect will) to Layla's Telegram. */
async function shopWithLinkedLayla(
  engine: Engine,
  language: "en" | "ar" | null = null,
  telegramLanguage = "en",
): Promise<{ h: ChatHarness; layla: ChatUser }> {
  const h = await openChat({ engine });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Layla Nasser");
  const layla = h.user({ ...LAYLA, language_code: telegramLanguage });
  await h.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
     select shop_id, id, $1, $2 from public.customers where full_name = 'Layla Nasser'`,
    [LAYLA.id, language],
  );
  return { h, layla };
}

/** Runs the outbox drain as the webhook would after its reply (no pacing in tests). */
function drain(h: ChatHarness) {
  const api = new Api(h.telegram.token, { apiRoot: h.telegram.apiRoot });
  return drainOutbox(api, h.ledger, {
    throttle: new Throttle(1_000_000, 1_000_000, 0),
    log: () => {},
  });
}

/** The receipts the sender delivered to a chat: their HTML and message ids. */
function receiptsTo(h: ChatHarness, chatId: number): { html: string; messageId: number }[] {
  return h.telegram.callsTo("sendMessage")
    .filter((c) => Number(c.payload.chat_id) === chatId && c.answer.ok)
    .filter((c) => /rc:ok:/.test(JSON.stringify(c.payload.reply_markup)))
    .map((c) => ({
      html: String(c.payload.text),
      messageId: (c.answer as { result: Message }).result.message_id,
    }));
}

async function outboxRows(h: ChatHarness): Promise<number> {
  const [row] = await h.sql<{ n: number }>(`select count(*)::int as n from public.outbox`);
  return row.n;
}

for (const engine of await engines()) {
  Deno.test(`a purchase for a linked customer sends them a receipt, once, after the drain [${engine}]`, async () => {
    const { h, layla } = await shopWithLinkedLayla(engine);
    await using _ = h;
    await h.owner.says("/addtransaction 50 | rice and oil");
    assert.equal(receiptsTo(h, LAYLA.id).length, 0, "nothing is sent inside the update");
    // Telegram delivers the same update again: no second outbox row, no second receipt.
    await h.redeliver();
    assert.equal(await outboxRows(h), 1);
    assert.deepEqual(await drain(h), { claimed: 1, sent: 1, blocked: 0, retried: 0, failed: 0 });
    assert.deepEqual(await drain(h), { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 });
    const [receipt] = receiptsTo(h, LAYLA.id);
    assert.equal(receiptsTo(h, LAYLA.id).length, 1);
    assert.match(receipt.html, /a purchase of <b>\$50\.00<\/b> was recorded on your account/);
    assert.match(receipt.html, /Note: rice and oil/);
    assert.match(receipt.html, /Recorded by Owner/);
    assert.match(receipt.html, /Your balance: you owe <b>\$50\.00<\/b>/);

    await layla.presses("✅ OK", receipt.messageId);
    assert.equal(layla.notices().at(-1), "Thank you!");
    // Not mine opens a dispute (tests/bot/disputes_test.ts follows it through).
    await layla.presses("❗ Not mine / wrong", receipt.messageId);
    assert.match(layla.notices().at(-1)!, /^Thank you\. The shop's owners were asked/);
    const [answer] = await h.sql<{ answer: string }>(`select answer from public.receipt_answers`);
    assert.equal(answer.answer, "not_mine");
  });

  Deno.test(`an Arabic customer gets Arabic receipts, also for an undo [${engine}]`, async () => {
    const { h, layla } = await shopWithLinkedLayla(engine, "ar");
    await using _ = h;
    await h.owner.says("/addtransaction 50 | rice");
    await h.owner.says("/addtransaction 20");
    await h.owner.says("/undo");
    await h.owner.presses(/Yes, undo/);
    await drain(h);
    const receipts = receiptsTo(h, LAYLA.id);
    assert.equal(receipts.length, 3);
    for (const r of receipts) {
      assert.ok(hasArabic(r.html), r.html);
      assertNoEnglish(r.html, ["Layla Nasser", "Owner", "US$", "$", "PayTrack Shop", "rice"]);
    }
    assert.match(receipts[0].html, /سُجِّلت عملية شراء/);
    assert.match(receipts[0].html, /٥٠/);
    assert.match(receipts[1].html, /٧٠/, "the balance after the second purchase");
    assert.match(receipts[2].html, /أُلغيت عملية الشراء/);
    assert.match(receipts[2].html, /٢٠/);
    assert.match(receipts[2].html, /رصيدك: عليك <b>[^<]*٥٠/);
    // Not mine on the undo's receipt: that entry is cancelled already, no dispute.
    await layla.presses(/ليست لي/, receipts[2].messageId);
    assert.equal(layla.notices().at(-1), "أُلغي هذا القيد من قبل.");
  });

  Deno.test(`/receipts off stops receipts and /receipts on starts them again [${engine}]`, async () => {
    const { h, layla } = await shopWithLinkedLayla(engine, null, "ar");
    await using _ = h;
    await layla.says("/receipts off");
    assert.match(layla.lastReply(), /^أُوقفت الإيصالات/);
    await h.owner.says("/addtransaction 10");
    await drain(h);
    assert.equal(receiptsTo(h, LAYLA.id).length, 0);
    await layla.says("/receipts on");
    assert.match(layla.lastReply(), /^الإيصالات مفعّلة/);
    await h.owner.says("/addtransaction 5");
    await drain(h);
    assert.equal(receiptsTo(h, LAYLA.id).length, 1);
    await layla.says("/receipts");
    assert.match(layla.lastReply(), /\/receipts تشغيل أو \/receipts إيقاف/);
    await layla.says("/receipts إيقاف");
    assert.match(layla.lastReply(), /^أُوقفت الإيصالات/);
    await h.stranger.says("/receipts off");
    assert.match(h.stranger.lastReply(), /No shop account is linked to your Telegram/);
  });

  Deno.test(`someone else pressing a receipt's button learns nothing and records nothing [${engine}]`, async () => {
    const { h } = await shopWithLinkedLayla(engine);
    await using _ = h;
    await h.owner.says("/addtransaction 50");
    await drain(h);
    const [receipt] = receiptsTo(h, LAYLA.id);
    const message = h.telegram.api.message(LAYLA.id, receipt.messageId)!;
    const [, data] = /"callback_data":"(rc:no:\d+)"/.exec(JSON.stringify(message.reply_markup))!;
    const updateId = h.nextUpdateId();
    await h.deliver(callbackQueryUpdate(updateId, {
      id: `cq${updateId}`,
      from: STRANGER,
      message: { ...message, chat: { id: STRANGER.id, type: "private", first_name: "Stranger" } },
      data,
    }));
    assert.equal(h.stranger.notices().at(-1), "This receipt is not yours.");
    assert.equal((await h.sql(`select 1 from public.receipt_answers`)).length, 0);
  });
}
