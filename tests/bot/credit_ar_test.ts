/** Credit terms and limits in an Arabic chat: every reply Arabic, with no English sentence. */
import assert from "node:assert/strict";
import { type ChatUser, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { scalar } from "../support/bot_fixtures.ts";

/** Names and codes the test chose; everything else must be Arabic. */
const ALLOWED = ["Owner", "Clerk", "UTC", "Asia/Hebron"];

/** The bot's last reply to `user`, checked: Arabic, and no English phrase (buttons too). */
function arabic(user: ChatUser): string {
  const text = user.lastReply();
  assert.ok(hasArabic(text), `not Arabic: ${text}`);
  assertNoEnglish(text, ALLOWED);
  for (const label of user.buttons().flat()) assertNoEnglish(label, ALLOWED);
  return text;
}

Deno.test("Arabic: the credit page, /terms and /limit with Arabic words, a clerk refused, /undo", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer ليلى ناصر");
  await h.owner.says("/addtransaction 50 | خبز");
  await h.owner.says("/settings");
  assert.match(arabic(h.owner), /مدة السداد: .*بلا/);
  await h.owner.presses("💳 مدة السداد وحد الدين");
  let text = arabic(h.owner);
  assert.match(text, /مدة السداد وحد الدين في/);
  assert.match(text, /عند تجاوز الحد: .*تنبيه/);
  await h.owner.presses(/30\S* يومًا/);
  text = arabic(h.owner);
  assert.match(text, /مدة السداد في المحل: .*30/);
  assert.equal(await scalar(h, "select credit_days as v from public.shops"), 30);
  await h.owner.presses("✏️ غير ذلك…");
  arabic(h.owner);
  await h.owner.says("كثير");
  arabic(h.owner);
  await h.owner.says("١٠");
  assert.match(arabic(h.owner), /مدة السداد في المحل: .*(10|١٠)/);
  await h.owner.presses("🚧 ضبط الحد…");
  arabic(h.owner);
  await h.owner.says("200");
  assert.match(arabic(h.owner), /حد الدين في المحل/);
  await h.owner.presses("⛔ منع بعد تجاوز الحد");
  assert.match(arabic(h.owner), /منع/);
  await h.owner.presses("✖️ بلا حد");
  arabic(h.owner);

  await h.owner.says("/terms");
  text = arabic(h.owner);
  assert.match(text, /مدة السداد لـ .*ليلى ناصر/);
  await h.owner.says("/terms 45");
  assert.match(arabic(h.owner), /مدة السداد لـ .*ليلى ناصر.*45/);
  await h.owner.says("/terms افتراضي");
  assert.match(arabic(h.owner), /ما يحدده المحل/);
  await h.owner.says("/terms كثير");
  arabic(h.owner);
  await h.owner.says("/terms shop بلا");
  arabic(h.owner);
  assert.equal(await scalar(h, "select credit_days as v from public.shops"), null);
  await h.owner.says("/limit 300");
  arabic(h.owner);
  await h.owner.says("/limit");
  assert.match(arabic(h.owner), /حده الخاص/);
  await h.owner.says("/limit shop تنبيه");
  arabic(h.owner);
  await h.owner.says("/limit افتراضي");
  arabic(h.owner);
  await h.owner.says("/history");
  text = arabic(h.owner);
  assert.match(text, /إلى ما يحدده المتجر/);
  assert.match(text, /مدة السداد/);
  await h.owner.says("/undo");
  arabic(h.owner);
  await h.owner.presses(/✅/);
  arabic(h.owner);
  assert.equal(
    await scalar(
      h,
      "select credit_limit::text as v from public.customers where credit_limit is not null",
    ),
    "30000",
  );

  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, 1002, 'clerk', 'Clerk' from public.shops",
  );
  await h.clerk.says("/search ليلى");
  await h.clerk.says("/terms 5");
  assert.match(arabic(h.clerk), /للمالك فقط/);
  await h.clerk.says("/limit");
  arabic(h.clerk);
});
