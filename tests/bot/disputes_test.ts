/**
 * Disputes through the bot end to end, on both engines and the fake Bot API: a linked
 * customer presses ❗ Not mine on a receipt → after a drain every owner has the notice with
 * "↩️ Undo it" / "✅ It is correct" → Undo it takes the ordinary undo path (the shop PIN when
 * the undo needs it) or It is correct asks for a note → after a drain the customer has the
 * outcome in their language. The entry is marked in /transactions, /transaction and /summary
 * meanwhile. Faults: a double press, a redelivered update, a clerk's and another shop's
 * owner's forged presses, an entry undone before the customer answered. The upheld path
 * runs in Arabic, with assertNoEnglish on every reply and message.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import type { Message, User } from "grammy/types";
import { type ChatHarness, type ChatUser, CLERK, openChat, OWNER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { addClerk, expireGrant, PIN, setPin } from "../support/bot_fixtures.ts";
import { drainOutbox, Throttle } from "../../shared/outbox/sender.ts";
import { callbackQueryUpdate } from "../../shared/dev/terminal_chat.ts";
import { type Engine, engines } from "../support/databases.ts";

const LAYLA: User = { id: 5001, is_bot: false, first_name: "Layla", language_code: "en" };
const RIVAL: User = { id: 7007, is_bot: false, first_name: "Rival", language_code: "en" };

/** The owner's shop with Layla Nasser, linked (by SQL, as /connect does) to Layla's Telegram. */
async function shopWithLinkedLayla(
  engine: Engine,
  language: "en" | "ar" = "en",
): Promise<{ h: ChatHarness; layla: ChatUser; name: string }> {
  const h = await openChat({ engine, language });
  const name = language === "ar" ? "ليلى ناصر" : "Layla Nasser";
  await h.owner.says("/start");
  await h.owner.says(`/addcustomer ${name}`);
  const layla = h.user({ ...LAYLA, language_code: language });
  await h.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
     select shop_id, id, $1, $2 from public.customers where full_name = $3`,
    [LAYLA.id, language, name],
  );
  return { h, layla, name };
}

/** Runs the outbox drain as the webhook would after its reply (no pacing in tests). */
function drain(h: ChatHarness) {
  const api = new Api(h.telegram.token, { apiRoot: h.telegram.apiRoot });
  return drainOutbox(api, h.ledger, {
    throttle: new Throttle(1_000_000, 1_000_000, 0),
    log: () => {},
  });
}

/** What the sender delivered to a chat whose buttons match `buttons` (or any, for null). */
function sentTo(
  h: ChatHarness,
  chatId: number,
  buttons: RegExp | null,
): { html: string; messageId: number }[] {
  return h.telegram.callsTo("sendMessage")
    .filter((c) => Number(c.payload.chat_id) === chatId && c.answer.ok)
    .filter((c) => buttons === null || buttons.test(JSON.stringify(c.payload.reply_markup)))
    .map((c) => ({
      html: String(c.payload.text),
      messageId: (c.answer as { result: Message }).result.message_id,
    }));
}

/** The newest outcome message the customer got (no buttons, after the drain). */
function outcomes(h: ChatHarness): string[] {
  return sentTo(h, LAYLA.id, null).map((m) => m.html).filter((html) =>
    /you said|قلت إن/.test(html)
  );
}

/** Presses callback data no message of the user shows (a forged or stale press). */
async function forgedPress(h: ChatHarness, user: User, data: string) {
  const id = h.nextUpdateId();
  const message = {
    message_id: 1,
    date: 0,
    chat: { id: user.id, type: "private", first_name: user.first_name },
  } as Message;
  return await h.deliver(callbackQueryUpdate(id, { id: `cq${id}`, from: user, message, data }));
}

/** The dispute notices the owner got, with the callback data of their two buttons. */
function noticesToOwner(
  h: ChatHarness,
): { html: string; messageId: number; undo: string; ok: string }[] {
  return sentTo(h, OWNER.id, /dp:undo:/).map((m) => {
    const markup = JSON.stringify(
      h.telegram.api.message(OWNER.id, m.messageId)?.reply_markup ?? {},
    );
    const sent = h.telegram.callsTo("sendMessage").find((c) =>
      c.answer.ok && (c.answer as { result: Message }).result.message_id === m.messageId &&
      Number(c.payload.chat_id) === OWNER.id
    )!;
    const buttons = JSON.stringify(sent.payload.reply_markup) + markup;
    return {
      ...m,
      undo: /"callback_data":"(dp:undo:\d+)"/.exec(buttons)![1],
      ok: /"callback_data":"(dp:ok:\d+)"/.exec(buttons)![1],
    };
  });
}

async function disputeStatus(h: ChatHarness): Promise<string[]> {
  const rows = await h.sql<{ status: string }>(`select status from public.disputes order by id`);
  return rows.map((r) => r.status);
}

for (const engine of await engines()) {
  Deno.test(`Not mine → the owner's notice → Undo it (PIN) → the customer is told [${engine}]`, async () => {
    const { h, layla } = await shopWithLinkedLayla(engine);
    await using _ = h;
    await addClerk(h);
    await h.owner.says("/addtransaction 50 | rice");
    await h.owner.says("/addtransaction 8 | bread");
    await setPin(h);
    await expireGrant(h);
    await drain(h);
    const receipts = sentTo(h, LAYLA.id, /rc:ok:/);
    assert.equal(receipts.length, 2);

    // ❗ Not mine on the 50.00 purchase: a dispute, once; a double press says it is open.
    await layla.presses("❗ Not mine / wrong", receipts[0].messageId);
    assert.match(layla.notices().at(-1)!, /owners were asked to check this entry/);
    // Telegram delivers the same press again: no failure, still one dispute, one notice per
    // owner (its query was answered the first time: Telegram refuses a second answer).
    const shown = layla.notices().length;
    await h.redeliver();
    assert.equal(layla.notices().length, shown);
    await layla.presses("❗ Not mine / wrong", receipts[0].messageId);
    assert.equal(
      layla.notices().at(-1),
      "You already said this entry is wrong: the shop is checking it.",
    );
    assert.deepEqual(await disputeStatus(h), ["open"]);

    // The mark while it is open.
    await h.owner.says("/search Layla");
    await h.owner.says("/transactions");
    assert.match(h.owner.lastReply(), /rice[\s\S]*❗ disputed|❗ disputed[\s\S]*rice/);
    const [{ id: riceId }] = await h.sql<{ id: number }>(
      `select id::int from public.transactions where description = 'rice'`,
    );
    await h.owner.says(`/transaction ${riceId}`);
    assert.match(h.owner.lastReply(), new RegExp(`#${riceId}.*❗ disputed`));
    await h.owner.says("/summary");
    assert.match(h.owner.lastReply(), /rice · [^\n]*❗ disputed/);
    assert.doesNotMatch(h.owner.lastReply(), /bread · [^\n]*❗ disputed/);

    // The owner's notice comes with the drain; the clerk gets none.
    assert.equal(sentTo(h, 1, /dp:undo:/).length + sentTo(h, CLERK.id, /dp:undo:/).length, 0);
    await drain(h);
    assert.equal(sentTo(h, CLERK.id, /dp:/).length, 0);
    const [notice, ...twice] = noticesToOwner(h);
    assert.ok(notice, "the owner got the notice");
    assert.equal(twice.length, 0);
    assert.match(notice.html, /Layla Nasser<\/b> says this purchase is not theirs or is wrong/);
    assert.match(notice.html, /\$50\.00/);
    assert.match(notice.html, /Note: rice/);
    const data = notice.undo;

    // A clerk pressing the owner's button (forged): for owners only, nothing changes.
    await forgedPress(h, CLERK, data);
    assert.match(h.clerk.lastReply(), /owner/i);
    // Another shop's owner: not theirs.
    const rival = h.user(RIVAL);
    await h.sql(
      `with s as (insert into public.shops (name, currency, created_by)
                  values ('Rival Shop', 'USD', $1) returning id)
       insert into public.members (shop_id, telegram_user_id, role, display_name)
       select id, $1, 'owner', 'Rival' from s`,
      [RIVAL.id],
    );
    await forgedPress(h, RIVAL, data);
    assert.equal(rival.lastReply(), "This dispute is not one of your shop's.");
    assert.deepEqual(await disputeStatus(h), ["open"]);

    // Undo it: the undo of a purchase asks for the shop PIN, as /undo does.
    await h.owner.presses("↩️ Undo it", notice.messageId);
    assert.match(h.owner.lastReply(), /PIN/);
    await h.owner.says(PIN);
    assert.match(h.owner.lastReply(), /Layla Nasser/);
    assert.deepEqual(await disputeStatus(h), ["undone"]);
    // A second press (an old copy of the notice): resolved already.
    await forgedPress(h, OWNER, notice.undo);
    assert.equal(h.owner.lastReply(), "This dispute is resolved already: the entry was undone.");

    await h.owner.says("/summary");
    assert.match(h.owner.lastReply(), /\(dispute: undone\)/);
    await drain(h);
    const [told, ...more] = outcomes(h);
    assert.equal(more.length, 0);
    assert.match(told, /you said the purchase of <b>\$50\.00<\/b>/);
    assert.match(told, /The shop cancelled it\./);
    assert.match(told, /Your balance: you owe <b>\$8\.00<\/b>/);
    // Not mine again on that entry: already undone, no second dispute.
    await layla.presses("❗ Not mine / wrong", receipts[0].messageId);
    assert.equal(layla.notices().at(-1), "This entry was already cancelled.");
    assert.deepEqual(await disputeStatus(h), ["undone"]);
  });

  Deno.test(`an entry undone before the customer answers opens no dispute [${engine}]`, async () => {
    const { h, layla } = await shopWithLinkedLayla(engine);
    await using _ = h;
    await h.owner.says("/addtransaction 12");
    await drain(h);
    const [receipt] = sentTo(h, LAYLA.id, /rc:ok:/);
    await h.owner.says("/undo");
    await h.owner.presses(/Yes, undo/);
    await layla.presses("❗ Not mine / wrong", receipt.messageId);
    assert.equal(layla.notices().at(-1), "This entry was already cancelled.");
    assert.deepEqual(await disputeStatus(h), []);
    await drain(h);
    assert.equal(
      h.owner.replies.filter((r) => /dp:undo:/.test(JSON.stringify(r.keyboard))).length,
      0,
    );
  });

  Deno.test(`in Arabic: Not mine → It is correct with a note → the customer is told [${engine}]`, async () => {
    const { h, layla, name } = await shopWithLinkedLayla(engine, "ar");
    await using _ = h;
    const allowed = [name, "PayTrack Shop", "US$", "$", "Owner"];
    await h.owner.says("/addtransaction 30 | سكر");
    await drain(h);
    const [receipt] = sentTo(h, LAYLA.id, /rc:ok:/);
    await layla.presses(/ليست لي/, receipt.messageId);
    const opened = layla.notices().at(-1)!;
    assert.match(opened, /طُلب من أصحاب المتجر مراجعة هذا القيد/);
    assertNoEnglish(opened, allowed);

    await h.owner.says("/transactions");
    assert.match(h.owner.lastReply(), /❗ عليه اعتراض/);
    assertNoEnglish(h.owner.lastReply(), allowed);

    await drain(h);
    const [notice] = noticesToOwner(h);
    assert.ok(notice && hasArabic(notice.html), notice?.html);
    assertNoEnglish(notice.html, allowed);
    assertNoEnglish(
      JSON.stringify(h.telegram.api.message(OWNER.id, notice.messageId)?.reply_markup),
      [
        ...allowed,
        "dp:undo:",
        "dp:ok:",
        "text",
        "callback_data",
        "inline_keyboard",
      ],
    );
    assert.match(notice.html, /يقول <b>[^<]*ليلى ناصر[^<]*<\/b> إن [^\n]*عملية الشراء هذه ليست له/);
    assert.match(notice.html, /30\.00/, "the owner's own digits (the shop's)");

    await h.owner.presses(/القيد صحيح/, notice.messageId);
    assert.match(h.owner.lastReply(), /أرسل ملاحظة قصيرة/);
    assertNoEnglish(h.owner.lastReply(), allowed);
    await h.owner.says("اشتريتها يوم الخميس");
    assert.match(h.owner.lastReply(), /تم البتّ/);
    assertNoEnglish(h.owner.lastReply(), allowed);
    assert.deepEqual(await disputeStatus(h), ["upheld"]);

    // A redelivered update (the note again) and a second press change nothing, said so.
    await h.redeliver();
    assert.deepEqual(await disputeStatus(h), ["upheld"]);
    await forgedPress(h, OWNER, notice.ok);
    assert.equal(h.owner.lastReply(), "بُتّ في هذا الاعتراض من قبل: تأكّدت صحة القيد.");

    await h.owner.says("/summary");
    assert.match(h.owner.lastReply(), /\(اعتراض: تأكّدت صحته\)/);
    assertNoEnglish(h.owner.lastReply(), allowed);

    await drain(h);
    const [told, ...more] = outcomes(h);
    assert.equal(more.length, 0);
    assert.ok(hasArabic(told));
    assertNoEnglish(told, allowed);
    assert.match(told, /راجعها المتجر ويقول إنها صحيحة/);
    assert.match(told, /ملاحظة المتجر: [^\n]*اشتريتها يوم الخميس/);
    // Not mine again: it was checked already.
    await layla.presses(/ليست لي/, receipt.messageId);
    assert.equal(layla.notices().at(-1), "راجع المتجر هذا القيد من قبل ويقول إنه صحيح.");
    assertNoEnglish(
      h.owner.replies.map((r) => r.text).slice(-8).join("\n"),
      allowed,
    );
  });

  Deno.test(`It is correct without a note (/skip) [${engine}]`, async () => {
    const { h, layla } = await shopWithLinkedLayla(engine);
    await using _ = h;
    await h.owner.says("/pay 5");
    await drain(h);
    const [receipt] = sentTo(h, LAYLA.id, /rc:ok:/);
    await layla.presses("❗ Not mine / wrong", receipt.messageId);
    await drain(h);
    await h.owner.presses("✅ It is correct", noticesToOwner(h)[0].messageId);
    assert.match(h.owner.lastReply(), /What should Layla Nasser be told\?/);
    await h.owner.says("/skip");
    assert.equal(
      h.owner.lastReply(),
      "✅ Resolved: <b>Layla Nasser</b> is told the entry is correct.".replace(/<\/?b>/g, ""),
    );
    await drain(h);
    const [told] = outcomes(h);
    assert.match(told, /you said the payment of <b>\$5\.00<\/b>/);
    assert.doesNotMatch(told, /The shop's note/);
  });
}
