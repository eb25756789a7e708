/**
 * The shop's spending in Arabic: /spend step by step (in the order of its one-line form) and
 * in one line with Arabic-Indic digits, /cancel and /help mid-entry, /spending and a month,
 * with no English sentence in any reply and the currency sign after the amount.
 */
import assert from "node:assert/strict";
import { type BotReply, type ChatHarness, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";

/** Every reply is Arabic, without an English phrase. */
function arabic(replies: BotReply[]): void {
  assert.ok(replies.length > 0, "a reply");
  for (const r of replies) {
    const text = r.html ?? r.text;
    assert.ok(hasArabic(text), `not Arabic: ${text}`);
    assertNoEnglish(text);
  }
}

/** The last reply without bidi marks, with plain spaces for no-break ones. */
function last(h: ChatHarness): string {
  return h.owner.lastReply().replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "")
    .replace(/\u00a0/g, " ");
}

async function arabicShop(): Promise<ChatHarness> {
  const h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  return h;
}

Deno.test("Arabic: /spend step by step asks price → item → vendor → category, in Arabic", async () => {
  await using h = await arabicShop();
  arabic(await h.owner.says("/spend"));
  assert.match(last(h), /💵 كم كان السعر؟/);
  arabic(await h.owner.says("صفر"));
  assert.match(last(h), /أدخل السعر رقمًا[\s\S]*كم كان السعر؟/);
  arabic(await h.owner.says("٠"));
  assert.match(last(h), /لا يمكن أن يكون السعر صفرًا أو سالبًا/);
  arabic(await h.owner.says("١٢٫٥٠"));
  assert.match(last(h), /ماذا اشترى المتجر؟/);
  arabic(await h.owner.says("صناديق حليب"));
  assert.match(last(h), /ممن اشتريته؟/);
  assert.deepEqual(h.owner.buttons(), [["⏭ تخطٍّ"]]);
  arabic(await h.owner.says("/help"));
  assert.match(last(h), /أنت تُدخل مصروفًا — الخطوة 3 من 4: المورِّد/);
  arabic(await h.owner.says("ألبان الخليل"));
  assert.match(last(h), /أي فئة؟/);
  const replies = await h.owner.says("لوازم");
  arabic(replies);
  assert.match(replies[0].text, /^⏳ جارٍ تسجيل المصروف/);
  assert.match(
    last(h),
    /✅ صُرف 12\.50 US\$ على صناديق حليب — ألبان الخليل · لوازم\.\nالمصروف في \S+ \d{4} حتى الآن: 12\.50 US\$/,
  );
  assert.doesNotMatch(last(h), /\$12\.50/, "the sign after the amount");
});

Deno.test("Arabic: /spend in one line, a wrong one explained, /cancel asks with Arabic buttons", async () => {
  await using h = await arabicShop();
  arabic(await h.owner.says("/spend ٥٠ | إيجار | المالك | إيجار"));
  assert.match(last(h), /صُرف 50\.00 US\$ على إيجار — المالك · إيجار\./);
  arabic(await h.owner.says("/spend ₪5 | خبز"));
  assert.match(last(h), /₪ عملة أخرى\. لم يُسجَّل شيء\.\nمثال: \/spend 12\.50 \| صناديق حليب/);
  await h.owner.says("/spend");
  await h.owner.says("5");
  arabic(await h.owner.says("/cancel"));
  assert.match(last(h), /إلغاء هذا الإدخال؟/);
  assert.deepEqual(h.owner.buttons(), [["✅ نعم، ألغِه", "✖️ لا، أكمل"]]);
  arabic(await h.owner.presses("✖️ لا، أكمل"));
  assert.match(last(h), /ماذا اشترى المتجر؟/);
  await h.owner.says("/cancel");
  arabic(await h.owner.presses("✅ نعم، ألغِه"));
  assert.match(last(h), /أُلغي الإدخال\. لم يُسجَّل شيء\./);
});

Deno.test("Arabic: /spending lists the latest and the month's totals, and a month by name", async () => {
  await using h = await arabicShop();
  arabic(await h.owner.says("/spending"));
  assert.match(last(h), /لم تُسجَّل مصاريف بعد/);
  await h.owner.says("/spend 3 | شاي | السوق | بضاعة");
  await h.owner.says("/spend 4 | سكر | السوق | بضاعة");
  await h.owner.says("/spend 5 | أكياس");
  arabic(await h.owner.says("/spending"));
  const text = last(h);
  assert.match(text, /💸 المصاريف — آخر 3/);
  assert.match(text, /أكياس 5\.00 US\$/);
  assert.match(text, /: 12\.00 US\$ في 3 مصاريف/);
  assert.match(text, /حسب الفئة:\n• بضاعة — 7\.00 US\$ \(2\)\n• بلا فئة — 5\.00 US\$ \(1\)/);
  assert.match(text, /حسب المورِّد:\n• السوق — 7\.00 US\$ \(2\)\n• بلا مورِّد — 5\.00 US\$ \(1\)/);
  arabic(await h.owner.says("/spending 2023-01"));
  assert.match(last(h), /لم يُصرف شيء في يناير 2023\./);
  // A month by its Arabic name: Levantine or Egyptian, Latin or Arabic-Indic digits.
  const now = new Date();
  const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Hebron", month: "numeric" })
    .format(now);
  const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Hebron", year: "numeric" })
    .format(now);
  const LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
  ];
  arabic(await h.owner.says(`/spending ${LEVANTINE[Number(month) - 1]} ${year}`));
  assert.match(last(h), /: 12\.00 US\$ في 3 مصاريف/);
  arabic(await h.owner.says("/spending كانون الثاني ٢٠٢٣"));
  assert.match(last(h), /لم يُصرف شيء في يناير 2023\./);
  arabic(await h.owner.says("/spending يناير 2023"));
  assert.match(last(h), /لم يُصرف شيء في يناير 2023\./);
  arabic(await h.owner.says("/spending غدًا"));
  assert.match(last(h), /اكتب الشهر بالأرقام، السنة ثم الشهر/);
});
