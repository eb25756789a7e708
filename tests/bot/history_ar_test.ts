/**
 * History and undo in an Arabic chat: /history in words with H labels and Arabic dates in
 * the shop's time zone, "Only <customer>" and ⬅️ Older, /undo with Yes/No, /undo H<id>, and
 * a clerk's undo that needs the shop PIN — every reply and button Arabic, no English phrase.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, CLERK, openChat, OWNER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { balanceOf, PIN } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";
const SAMI = "سامي خليل";
const ALLOWED = [LAYLA, SAMI, "Owner", "Clerk"];

function plain(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "").replace(/\u00a0/g, " ");
}

/** The bot's last reply to `user`, checked: Arabic, and no English phrase (buttons too). */
function arabic(user: ChatUser): string {
  const text = user.lastReply();
  assert.ok(hasArabic(text), `not Arabic: ${text}`);
  assertNoEnglish(text, ALLOWED);
  for (const label of user.buttons().flat()) assertNoEnglish(label, ALLOWED);
  return plain(text);
}

async function arabicShop(): Promise<ChatHarness> {
  const h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says(`/addcustomer ${LAYLA} | 0599000000`);
  await h.owner.says("/addtransaction 50 | خبز");
  return h;
}

Deno.test("Arabic /history: plain words, H labels, dates in the shop's zone, “Only <customer>”, ⬅️ Older", async () => {
  await using h = await arabicShop();
  await h.owner.says("/tag #مميز");
  await h.owner.says(`/addcustomer ${SAMI}`);
  for (let i = 1; i <= 10; i++) await h.owner.says(`/addtransaction ${i}`);
  await h.owner.says("/history");
  const page = arabic(h.owner);
  assert.match(page, /🕘 آخر الإجراءات \(\d+ من 15\)/);
  assert.match(page, /^H15 · \d{2}\/\d{2}\/\d{4}، \d{1,2}:\d{2} (ص|م)$/m, "Arabic date and time");
  assert.match(page, /Owner سجّل مشترى بقيمة 10\.00 US\$ على سامي خليل/);
  assert.ok(h.owner.buttons().flat().map(plain).includes("↩️ تراجع عن H15"));
  assert.ok(h.owner.buttons().flat().map(plain).includes(`👤 فقط ${SAMI}`));
  await h.owner.presses("⬅️ الأقدم");
  const older = arabic(h.owner);
  assert.match(older, /🕘 إجراءات أقدم \(\d+–\d+ من 15\)/);
  assert.match(older, /Owner وسم ليلى ناصر بـ #مميز/);
  assert.match(older, /Owner أضاف الزبون ليلى ناصر/);
  assert.match(older, /Owner فتح المتجر/);

  await h.owner.says("/history");
  await h.owner.presses(/فقط/);
  const only = arabic(h.owner);
  assert.match(only, /🕘 آخر الإجراءات للزبون سامي خليل \(10 من 11\)/);
  assert.doesNotMatch(only, /ليلى/);
  await h.owner.presses("⬅️ الأقدم");
  assert.match(arabic(h.owner), /إجراءات أقدم للزبون سامي خليل \(11–11 من 11\)/);
  await h.owner.presses("🕘 المتجر كله");
  arabic(h.owner);
});

Deno.test("Arabic /undo: Yes/No, /undo H<id>, already undone, a clerk's undo with the shop PIN", async () => {
  await using h = await arabicShop();
  await h.owner.says("/undo");
  const ask = arabic(h.owner);
  assert.match(ask, /هل تريد التراجع عن هذا؟\nH3 · /);
  assert.match(ask, /سجّل مشترى بقيمة 50\.00 US\$ على ليلى ناصر — خبز/);
  await h.owner.presses("✖️ لا");
  assert.match(arabic(h.owner), /لم يتم التراجع عن شيء/);
  await h.owner.says("/undo H3");
  arabic(h.owner);
  await h.owner.presses("✅ نعم، تراجع");
  assert.match(arabic(h.owner), /↩️ تم التراجع عن H3 للزبون ليلى ناصر\. الرصيد الآن: لا دين عليه/);
  assert.equal(await balanceOf(h, LAYLA), 0);
  await h.owner.says("/undo H3");
  assert.match(arabic(h.owner), /تم التراجع عن هذا من قبل/);
  await h.owner.says("/undo أمس");
  assert.match(arabic(h.owner), /«أمس» ليس قيدًا في السجل/);
  await h.owner.says("/history");
  assert.match(arabic(h.owner), /Owner تراجع عن H3 \(مشترى\) للزبون ليلى ناصر/);

  // A clerk's undo that lowers a debt needs the shop PIN.
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name, language) select id, $1, 'clerk', 'Clerk', 'ar' from public.shops",
    [CLERK.id],
  );
  await h.ledger.pin.set({ actor: OWNER.id, updateId: h.nextUpdateId(), pin: PIN });
  await h.clerk.says("/search ليلى");
  await h.clerk.says("/addtransaction 30 | سكر");
  await h.clerk.says("/undo");
  const clerkAsk = arabic(h.clerk);
  assert.match(clerkAsk, /Clerk سجّل مشترى بقيمة 30\.00 US\$ على ليلى ناصر/);
  assert.match(clerkAsk, /يحتاج الرمز السري للمتجر/);
  await h.clerk.presses("✅ نعم، تراجع");
  arabic(h.clerk); // the PIN question
  assert.equal(await balanceOf(h, LAYLA), 3000, "nothing undone before the PIN");
  await h.clerk.says(PIN);
  assert.match(arabic(h.clerk), /تم التراجع عن H\d+ للزبون ليلى ناصر\. الرصيد الآن: لا دين عليه/);
  assert.equal(await balanceOf(h, LAYLA), 0);
});
