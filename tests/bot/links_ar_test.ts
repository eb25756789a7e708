/**
 * Households and merges in an Arabic chat: /link (one match at once), the household in
 * /link's reply, /unlink, /merge with Yes/No and the shop PIN, the selected customer never
 * offered as the duplicate, and /undo splitting them — all Arabic, no English phrase.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, openChat, OWNER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { balanceOf, expireGrant, PIN } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";
const SAMI = "سامي ناصر";
const DUP = "ليلى ناصرر";
const ALLOWED = [LAYLA, SAMI, DUP, "Owner"];

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
  await h.owner.says(`/addcustomer ${SAMI} | 0598000000`);
  await h.owner.says("/addtransaction 25");
  await h.owner.says(`/addcustomer ${LAYLA} | 0599000000`);
  await h.owner.says("/addtransaction 50");
  return h;
}

Deno.test("Arabic /link and /unlink: a household with its total; undo", async () => {
  await using h = await arabicShop();
  await h.owner.says("/link");
  assert.match(arabic(h.owner), /🔗 بمن تريد ربط ليلى ناصر؟ أرسل اسمًا أو هاتفًا أو #وسمًا/);
  await h.owner.says("0598000000");
  const linked = arabic(h.owner);
  assert.match(linked, /🔗 تم ربط ليلى ناصر مع سامي ناصر\./);
  assert.match(
    linked,
    /👪 الحسابات المرتبطة\n• ليلى ناصر — عليه 50\.00 US\$\n• سامي ناصر — عليه 25\.00 US\$/,
  );
  assert.match(linked, /المجموع: عليه 75\.00 US\$/);
  assert.match(linked, /الأمر \/undo يفصلهما/);
  await h.owner.says("/link 0599000000");
  assert.match(arabic(h.owner), /الزبون المحدد وحده يطابق «0599000000»/);
  await h.owner.says("/unlink");
  assert.match(arabic(h.owner), /✂️ لم يعد ليلى ناصر مرتبطًا مع سامي ناصر\./);
  await h.owner.says("/history");
  const history = arabic(h.owner);
  assert.match(history, /Owner فصل ليلى ناصر عن عائلته/);
  assert.match(history, /Owner ربط ليلى ناصر مع سامي ناصر/);
});

Deno.test("Arabic /merge: the selected customer is not offered; Yes/No; the shop PIN; /undo splits them", async () => {
  await using h = await arabicShop();
  await h.owner.says(`/addcustomer ${DUP}`);
  await h.owner.says("/addtransaction 5");
  await h.ledger.pin.set({ actor: OWNER.id, updateId: h.nextUpdateId(), pin: PIN });
  await h.owner.says("/search 0599000000"); // Layla
  await h.owner.says("/merge ليلى");
  const ask = arabic(h.owner);
  assert.match(
    ask,
    /🧬 هل تريد دمج ليلى ناصرر \(عليه 5\.00 US\$\) في ليلى ناصر \(عليه 50\.00 US\$\)؟/,
    "the only other match is taken at once: Layla herself is not offered",
  );
  assert.match(ask, /تنتقل عملية واحدة ورصيده/);
  assert.match(ask, /سيكون عليهما معًا 55\.00 US\$/);
  await h.owner.presses("✖️ لا");
  assert.match(arabic(h.owner), /لم يُدمج شيء/);

  await expireGrant(h); // the PIN is asked
  await h.owner.says("/merge ليلى");
  await h.owner.presses("🧬 نعم، ادمج");
  assert.match(arabic(h.owner), /الرمز السري/);
  await h.owner.says(PIN);
  const merged = arabic(h.owner);
  assert.match(merged, /🧬 تم دمج ليلى ناصرر في ليلى ناصر: انتقلت عملية واحدة \(عليه 5\.00 US\$\)/);
  assert.match(merged, /الرصيد الجديد: عليه 55\.00 US\$/);
  assert.equal(await balanceOf(h, LAYLA), 5500);
  await h.owner.says("/undo");
  arabic(h.owner);
  await h.owner.presses("✅ نعم، تراجع");
  if (/الرمز السري/.test(h.owner.lastReply())) await h.owner.says(PIN);
  assert.match(
    arabic(h.owner),
    /↩️ فُصل ليلى ناصرر عن ليلى ناصر مرة أخرى\. ليلى ناصر: عليه 50\.00 US\$/,
  );
  assert.equal(await balanceOf(h, LAYLA), 5000);
});
