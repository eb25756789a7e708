/**
 * Customers in an Arabic chat: /addcustomer in one line (phone without "|") and step by
 * step with an Arabic name and a 059 phone, the duplicate warning, /summary, /rename,
 * /nickname, /phone and /deletecustomer — every reply and button Arabic, no English phrase.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { archived, count, scalar } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";
const OMAR = "عمر صالح";
const SAMI = "سامي خليل";
const ALLOWED = [LAYLA, OMAR, SAMI, "Owner"];

/** Without bidi marks and with plain spaces. */
function plain(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "").replace(/\u00a0/g, " ");
}

/** Every reply in `replies` (and its buttons) checked: Arabic, no English phrase; the last, plain. */
function arabic(replies: { text: string; buttons: string[][] }[]): string {
  assert.ok(replies.length > 0, "a reply");
  for (const r of replies) {
    assert.ok(hasArabic(r.text), `not Arabic: ${r.text}`);
    assertNoEnglish(r.text, ALLOWED);
    for (const label of r.buttons.flat()) assertNoEnglish(label, ALLOWED);
  }
  return plain(replies.at(-1)!.text);
}

/** The user says `text`; every reply is checked, the last returned plain. */
async function says(user: ChatUser, text: string): Promise<string> {
  return arabic(await user.says(text));
}

async function arabicShop(): Promise<ChatHarness> {
  const h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  return h;
}

Deno.test("Arabic /addcustomer: one line with a 059 phone (with and without |), step by step", async () => {
  await using h = await arabicShop();
  assert.match(
    await says(h.owner, `/addcustomer ${LAYLA} ~ أم سامي | 0599000000`),
    /✅ أُضيف ليلى ناصر \(0599000000\) وتم تحديده\.\nالاسم المستعار المخفي: أم سامي\nالتالي: \/addtransaction/,
  );
  assert.match(
    await says(h.owner, `/addcustomer ${SAMI} 0598888888`),
    /أُضيف سامي خليل \(0598888888\)/,
  );
  assert.equal(
    await scalar(h, "select phone as v from public.customers where full_name = $1", [SAMI]),
    "0598888888",
  );
  assert.match(await says(h.owner, "/addcustomer"), /ما اسم الزبون؟[\s\S]*\/cancel/);
  assert.match(await says(h.owner, "123"), /حرف واحد على الأقل[\s\S]*ما اسم الزبون؟/);
  assert.match(await says(h.owner, OMAR), /ما رقم هاتفه؟/);
  assert.match(await says(h.owner, "اتصل بي"), /لا يبدو رقم هاتف|هاتف/);
  assert.match(await says(h.owner, "٠٥٩٧٧٧٧٧٧٧"), /✅ أُضيف عمر صالح \(٠٥٩٧٧٧٧٧٧٧\) وتم تحديده/);
  assert.equal(await count(h, "customers"), 3);
});

Deno.test("Arabic /addcustomer of an existing or deleted customer asks first", async () => {
  await using h = await arabicShop();
  await h.owner.says(`/addcustomer ${LAYLA} | 0599000000`);
  await h.owner.says("/addtransaction 30");
  let warning = await says(h.owner, `/addcustomer ${LAYLA}`);
  assert.match(warning, /⚠️ يوجد زبون بالاسم ليلى ناصر \(عليه 30\.00 US\$\)/);
  assert.match(warning, /لم يُضَف شيء بعد/);
  assert.deepEqual(h.owner.buttons().map((row) => row.map(plain)), [
    [`👤 تحديد ${LAYLA}`],
    ["➕ أضِف على أي حال"],
  ]);
  assert.match(arabic(await h.owner.presses("➕ أضِف على أي حال")), /✅ أُضيف ليلى ناصر وتم تحديده/);
  assert.equal(await count(h, "customers"), 2);

  await h.owner.says(`/addcustomer ${OMAR} | 0591234567`);
  assert.match(await says(h.owner, "/deletecustomer"), /🗑 حذف عمر صالح؟ حسابه مسدَّد\./);
  assert.match(arabic(await h.owner.presses("🗑 نعم، احذف")), /🗄 حُذف عمر صالح/);
  warning = await says(h.owner, "/addcustomer عمر  صالح");
  assert.match(warning, /عمر صالح زبون محذوف \(مؤرشف\)/);
  assert.equal(await count(h, "customers"), 3, "nothing added until answered");
  await h.owner.presses(/♻️ استرجاع/);
  assert.equal(await archived(h, OMAR), false);
  warning = await says(h.owner, `/addcustomer ${SAMI} 059-123-4567`);
  assert.match(warning, /⚠️ الهاتف 059-123-4567 مسجّل أيضًا لـ عمر صالح/);
});

Deno.test("Arabic /summary, /rename, /nickname, /phone and /deletecustomer", async () => {
  await using h = await arabicShop();
  await h.owner.says(`/addcustomer ${LAYLA} ~ أم سامي | 0599000000`);
  let summary = await says(h.owner, "/summary");
  assert.match(summary, /👤 ليلى ناصر\nيُعرف أيضًا بـ أم سامي \(مخفي\)\n📞 0599000000/);
  assert.match(summary, /الرصيد: لا مشتريات بعد/);
  assert.match(summary, /اشترى بالدَّين: 0\.00 US\$ · دفع: 0\.00 US\$ · لا قيود/);
  assert.match(summary, /لا مشتريات ولا دفعات بعد/);
  await h.owner.says("/addtransaction 50 | خبز");
  summary = await says(h.owner, "/summary");
  assert.match(summary, /الرصيد: عليه 50\.00 US\$/);
  assert.match(summary, /قيد واحد/);
  assert.match(summary, /آخر القيود[\s\S]*🛒 50\.00 US\$ خبز/);

  assert.match(await says(h.owner, "/nickname"), /ما الاسم المستعار المخفي لـ ليلى ناصر؟/);
  assert.match(await says(h.owner, "الحاجة"), /صار من الممكن إيجاد ليلى ناصر باسم «الحاجة»/);

  assert.match(await says(h.owner, "/phone"), /ما رقم الهاتف الجديد لـ ليلى ناصر؟/);
  assert.match(
    await says(h.owner, "0591111111"),
    /📞 صار هاتف ليلى ناصر: 0591111111 \(كان 0599000000\)/,
  );
  assert.match(await says(h.owner, "/phone حذف"), /📞 أُزيل هاتف ليلى ناصر \(0591111111\)/);
  assert.match(await says(h.owner, "/phone حذف"), /لا يوجد لهذا الزبون هاتف/);
  assert.match(await says(h.owner, "/phone 0592222222"), /📞 صار هاتف ليلى ناصر: 0592222222\./);

  assert.match(await says(h.owner, "/rename"), /ما الاسم الجديد لـ ليلى ناصر؟/);
  const renamed = arabic((await h.owner.says(OMAR)).filter((r) => /تغيّر الاسم/.test(r.text)));
  assert.match(renamed, /✏️ تغيّر الاسم من ليلى ناصر إلى عمر صالح\./);

  assert.match(
    await says(h.owner, "/deletecustomer"),
    /🗑 حذف عمر صالح؟ ما زال عليه 50\.00 US\$\.[\s\S]*الرقم السري/,
  );
  assert.match(await says(h.owner, "/search عمر"), /عمر صالح/);
  const kept = await h.owner.presses("✖️ لا");
  assert.equal(await archived(h, OMAR), false);
  void kept;
});
