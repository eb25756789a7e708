/**
 * Search in an Arabic chat: one match selected, several as buttons (Arabic plurals), a
 * #tag, no match, an archived customer named with a Restore button and /archived, a match
 * through a hidden nickname — every reply and button Arabic, with no English phrase.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { archived } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";
const LAYLA_H = "ليلى حسن";
const ALLOWED = [LAYLA, LAYLA_H, "Owner"];

/** The last reply without bidi marks and with plain spaces. */
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
  await h.owner.says(`/addcustomer ${LAYLA} ~ أم سامي | 0599000000`);
  await h.owner.says("/addtransaction 50 | خبز");
  return h;
}

Deno.test("Arabic /search: one match, several, a #tag, none", async () => {
  await using h = await arabicShop();
  await h.owner.says("/search ليلى");
  assert.match(arabic(h.owner), /✅ تم تحديد ليلى ناصر — عليه 50\.00 US\$\.\nالتالي:/);

  await h.owner.says(`/addcustomer ${LAYLA_H}`);
  await h.owner.says("/search ليلى");
  const many = arabic(h.owner);
  assert.match(many, /🔎 نتيجتان لـ «ليلى» \(1–2\)، الأقرب أولًا:/);
  assert.match(many, /اضغط على اسم لتحديده/);
  assert.match(many, /لا يوجد زبون محدد الآن \(كان ليلى حسن\)/);
  await h.owner.presses(/^ليلى ناصر ·/);
  assert.match(arabic(h.owner), /تم تحديد ليلى ناصر/);

  await h.owner.says("/search");
  const all = arabic(h.owner);
  assert.match(all, /👥 الزبائن 1–2 من 2، الأكثر دينًا أولًا:/);
  assert.match(all, /ما زال محددًا: ليلى ناصر/);
  assert.match(all, /لا دين عليه/, "a settled customer in Arabic");

  await h.owner.says("/tag #مميز");
  await h.owner.says("/search #مميز");
  assert.match(arabic(h.owner), /تم تحديد ليلى ناصر/);

  await h.owner.says("/search زياد");
  assert.match(
    arabic(h.owner),
    /لا يوجد زبون يطابق «زياد»\. جرّب كتابة أخرى أو رقم هاتف أو #وسم، أو \/addcustomer\./,
  );
});

Deno.test("Arabic /search: a hidden nickname match says so; archived customers are named with Restore; /archived", async () => {
  await using h = await arabicShop();
  await h.owner.says("/search سامي");
  const nick = arabic(h.owner);
  assert.match(nick, /تم تحديد ليلى ناصر — عليه 50\.00 US\$\. \(طابق اسمًا مستعارًا\)/);
  assert.doesNotMatch(nick, /أم سامي/, "the nickname itself stays hidden");

  await h.sql("update public.shops set archive_when_settled = true");
  await h.owner.says("/pay all");
  assert.equal(await archived(h, LAYLA), true);
  await h.owner.says("/search ليلى");
  const found = arabic(h.owner);
  assert.match(found, /لا يوجد زبون نشط يطابق «ليلى»\./);
  assert.match(found, /🗄 زبون مؤرشف واحد يطابق: ليلى ناصر/);
  assert.deepEqual(h.owner.buttons().map((r) => r.map(plain)), [[`♻️ استرجاع ${LAYLA}`]]);

  await h.owner.says("/archived");
  const list = arabic(h.owner);
  assert.match(list, /🗄 الزبائن المؤرشفون \(1–1 من 1\)، الأحدث أولًا:/);
  assert.match(list, /1\. ليلى ناصر — لا دين عليه · أُرشف /);
  await h.owner.says("/archived زياد");
  assert.match(arabic(h.owner), /لا يوجد زبون مؤرشف يطابق «زياد»/);

  await h.owner.presses(/استرجاع/);
  assert.match(
    plain(h.owner.replies.at(-2)!.text),
    /♻️ عاد ليلى ناصر إلى القوائم والبحث — لا دين عليه/,
  );
  assertNoEnglish(h.owner.replies.at(-2)!.text, ALLOWED);
  assert.match(arabic(h.owner), /تم تحديد ليلى ناصر/);
  assert.equal(await archived(h, LAYLA), false);
  await h.owner.says("/archived");
  assert.match(arabic(h.owner), /لا يوجد زبون مؤرشف\./);
});
