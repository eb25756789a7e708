/**
 * Reminders in an Arabic chat: /remind for a linked and an unlinked customer, /remind الكل,
 * the reminder the customer gets (Arabic), the settings page with a typed quiet hours, and
 * the customer's /reminders إيقاف — every reply Arabic, with no English sentence.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import type { User } from "grammy/types";
import { type ChatHarness, type ChatUser, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { scalar } from "../support/bot_fixtures.ts";
import { drainOutbox, Throttle } from "../../shared/outbox/sender.ts";

/** Names and codes the test chose; everything else must be Arabic. */
const ALLOWED = ["Owner", "Clerk", "UTC", "Asia/Hebron", "WhatsApp", "Telegram"];

const LAYLA: User = { id: 8101, is_bot: false, first_name: "Layla", language_code: "ar" };

function arabic(user: ChatUser): string {
  const text = user.lastReply();
  assert.ok(hasArabic(text), `not Arabic: ${text}`);
  assertNoEnglish(text, ALLOWED);
  for (const label of user.buttons().flat()) assertNoEnglish(label, ALLOWED);
  return text;
}

function drain(h: ChatHarness) {
  const api = new Api(h.telegram.token, { apiRoot: h.telegram.apiRoot });
  return drainOutbox(api, h.ledger, {
    throttle: new Throttle(1_000_000, 1_000_000, 0),
    log: () => {},
  });
}

Deno.test("Arabic: /remind linked and unlinked, /remind الكل, the reminder, settings, /reminders إيقاف", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer ليلى ناصر");
  await h.owner.says("/addtransaction 50 | خبز");
  await h.sql(
    `update public.transactions set due_on = private.shop_today(shop_id) - 4`,
  );
  await h.sql(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
     select shop_id, id, $1, 'ar' from public.customers where full_name = 'ليلى ناصر'`,
    [LAYLA.id],
  );
  const layla = h.user(LAYLA);
  await h.sql(`update public.outbox set sent_at = now()`);

  await h.owner.says("/remind");
  assert.match(arabic(h.owner), /سيصل تذكير إلى .*ليلى ناصر/);
  await h.owner.says("/remind");
  assert.match(arabic(h.owner), /سبق تذكير/);
  assert.equal((await drain(h)).sent, 1);
  const [reminder] = h.telegram.callsTo("sendMessage")
    .filter((c) => Number(c.payload.chat_id) === LAYLA.id && c.answer.ok)
    .map((c) => String(c.payload.text));
  assert.match(reminder, /تذكير ودّي بالدفع/);
  assert.match(reminder, /متأخر منذ/);
  assertNoEnglish(reminder.replace(/<[^>]+>/g, ""), ALLOWED);

  // Unlinked: the text to forward is in the shop's language (Arabic).
  await h.owner.says("/addcustomer عمر حداد");
  await h.owner.says("/addtransaction 20 | سكر");
  await h.sql(
    `update public.transactions set due_on = private.shop_today(shop_id) - 2
      where customer_id = (select id from public.customers where full_name = 'عمر حداد')`,
  );
  await h.owner.says("/remind");
  const text = arabic(h.owner);
  assert.match(text, /لم يربط .*عمر حداد/);
  assert.match(text, /مرحبًا .*عمر حداد.*، تذكير ودّي من/);
  assert.ok(h.owner.buttons().flat().includes("✈️ مشاركة عبر تيليجرام"));

  await h.owner.says("/remind الكل");
  assert.match(arabic(h.owner), /زبونان متأخران\S*: \S*لن يصل تذكير لأحد، واحد غير مرتبط/);

  // The settings page: automatic on, quiet hours typed.
  await h.owner.says("/settings");
  assert.match(arabic(h.owner), /التذكيرات التلقائية: .*متوقفة/);
  await h.owner.presses("⏰ التذكيرات");
  assert.match(arabic(h.owner), /التذكيرات التلقائية: .*متوقفة/);
  await h.owner.presses("تفعيل التذكيرات التلقائية");
  arabic(h.owner);
  assert.equal(await scalar(h, "select reminders_auto::int as v from public.shops"), 1);
  await h.owner.presses("ساعات هدوء أخرى…");
  arabic(h.owner);
  await h.owner.says("متأخر");
  assert.match(arabic(h.owner), /ليست فترة زمنية/);
  await h.owner.presses("⏰ التذكيرات");
  await h.owner.presses("ساعات هدوء أخرى…");
  await h.owner.says("٢٢:٠٠-٠٧:٣٠");
  assert.match(arabic(h.owner), /تم الحفظ/);
  assert.equal(
    await scalar(h, "select extract(hour from quiet_from)::int as v from public.shops"),
    22,
  );

  // The customer's own /reminders إيقاف.
  await layla.says("/reminders إيقاف");
  assert.match(arabic(layla), /التذكيرات متوقفة/);
  await layla.says("/reminders");
  assert.match(arabic(layla), /أرسل \/reminders تشغيل/);
});
