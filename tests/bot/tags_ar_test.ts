/**
 * Tags in an Arabic chat: /tag and /untag (one line and step by step, a wrong tag
 * explained), /tags with Arabic plurals, a tag button listing its customers, /search #tag
 * — all Arabic, no English phrase.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";

const LAYLA = "ليلى ناصر";
const SAMI = "سامي خليل";
const ALLOWED = [LAYLA, SAMI, "Owner"];

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
  await h.owner.says(`/addcustomer ${SAMI}`);
  await h.owner.says("/addtransaction 10 | شاي #صباحي");
  await h.owner.says(`/addcustomer ${LAYLA}`);
  await h.owner.says("/addtransaction 50");
  return h;
}

Deno.test("Arabic /tag, /untag and /tags: plurals, a wrong tag, the tag button", async () => {
  await using h = await arabicShop();
  await h.owner.says("/tags");
  assert.match(arabic(h.owner), /🏷 الوسوم\nلا يحمل أي زبون وسمًا بعد/);
  await h.owner.says("/tag");
  assert.match(arabic(h.owner), /🏷 ما الوسوم للزبون ليلى ناصر؟ مثلًا #مميز #جار/);
  await h.owner.says("مميز!");
  assert.match(arabic(h.owner), /«مميز!» ليس وسمًا: استعمل حروفًا أو أرقامًا/);
  await h.owner.says("#مميز #جار");
  assert.match(
    arabic(h.owner),
    /🏷 أُضيف #جار #مميز إلى ليلى ناصر\. الوسوم الآن: #جار #مميز\.\nالأمر \/undo يزيلها\./,
  );
  await h.owner.says("/untag #جار");
  assert.match(arabic(h.owner), /🏷 أُزيل #جار عن ليلى ناصر\. الوسوم الآن: #مميز\./);
  await h.owner.says("/search سامي");
  await h.owner.says("/tag #مميز");

  await h.owner.says("/tags");
  const tags = arabic(h.owner);
  assert.match(tags, /#مميز — زبونان، عليهم 60\.00 US\$/);
  assert.match(tags, /في الملاحظات\n#صباحي — قيد واحد، 10\.00 US\$/);
  assert.match(tags, /اضغط على وسم لعرض زبائنه/);
  await h.owner.presses("#مميز");
  const list = arabic(h.owner);
  assert.match(list, /🔎 نتيجتان لـ «#مميز»/);

  await h.owner.says("/search #مميز");
  arabic(h.owner);
  await h.owner.says("/history");
  const history = arabic(h.owner);
  assert.match(history, /Owner وسم سامي خليل بـ #مميز/);
  assert.match(history, /Owner أزال #جار عن ليلى ناصر/);
});
