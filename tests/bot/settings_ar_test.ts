/** /settings and /language in an Arabic chat: every reply is Arabic, with no English sentence. */
import assert from "node:assert/strict";
import { type ChatUser, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { scalar } from "../support/bot_fixtures.ts";

/** Names, zones and codes the test chose; everything else must be Arabic. */
const ALLOWED = [
  "Owner",
  "Clerk",
  "English",
  "Asia/Hebron",
  "Asia/Amman",
  "Asia/Gaza",
  "Asia/Jerusalem",
  "UTC",
];

/** The bot's last reply to `user`, checked: Arabic, and no English phrase (buttons too). */
function arabic(user: ChatUser): string {
  const text = user.lastReply();
  assert.ok(hasArabic(text), `not Arabic: ${text}`);
  assertNoEnglish(text, ALLOWED);
  for (const label of user.buttons().flat()) assertNoEnglish(label, ALLOWED);
  return text;
}

Deno.test("Arabic /settings: the owner sees and changes the zone, name, digits and currency; a clerk only sees", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/settings");
  let text = arabic(h.owner);
  assert.match(text, /إعدادات/);
  assert.match(text, /المنطقة الزمنية: .*Asia\/Hebron/);
  assert.match(text, /اللغة الافتراضية: .*العربية/);
  await h.owner.presses(/Asia\/Amman/);
  text = arabic(h.owner);
  assert.match(text, /المنطقة الزمنية للمتجر الآن .*Asia\/Amman/);
  await h.owner.says("/settings zone Mars/Olympus");
  arabic(h.owner);
  await h.owner.says("/settings name بقالة ليلى");
  assert.match(arabic(h.owner), /اسم المتجر الآن .*بقالة ليلى/);
  await h.owner.presses(/تغيير اسم المتجر/, h.owner.replies.findLast((r) => r.buttons.length > 0));
  arabic(h.owner);
  await h.owner.says("/settings digits arab");
  arabic(h.owner);
  await h.owner.says("/settings currency ILS");
  assert.match(arabic(h.owner), /عملة المتجر الآن/);
  await h.owner.says("/settings foo");
  arabic(h.owner);
  await h.owner.says("/undo");
  arabic(h.owner);

  await h.owner.says("/addcustomer ليلى ناصر | 0599123456");
  await h.owner.says("/addtransaction 12 | خبز");
  await h.owner.says("/settings currency USD");
  assert.match(arabic(h.owner), /.+/);
  assert.equal(await scalar(h, "select currency as v from public.shops"), "ILS");
  await h.owner.says("/settings");
  assert.match(arabic(h.owner), /ثابتة/);

  await h.owner.says("/invite");
  const code = h.owner.lastReply().match(/start=([A-Za-z0-9_-]+)/)![1];
  await h.clerk.says(`/start ${code}`);
  await h.clerk.says("/settings");
  assert.match(arabic(h.clerk), /مالك المتجر وحده/);
  assert.deepEqual(h.clerk.buttons(), []);
});

Deno.test("Arabic /language: the menu, the digits, and switching to English answers in English", async () => {
  await using h = await openChat({ language: "ar" });
  await h.owner.says("/start");
  await h.owner.says("/language");
  assert.match(arabic(h.owner), /يخاطبك PayTrack/);
  await h.owner.presses(/عربية ٠-٩/);
  assert.match(arabic(h.owner), /الأرقام تُكتب الآن/);
  assert.equal(await scalar(h, "select digits as v from public.members"), "arab");
  await h.owner.says("/language xx");
  arabic(h.owner);
  await h.owner.presses("English", h.owner.replies.findLast((r) => r.buttons.length > 0));
  assert.match(h.owner.lastReply(), /speaks English/);
});
