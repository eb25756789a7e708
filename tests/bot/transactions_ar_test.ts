/**
 * /transactions and /transaction in an Arabic chat: the list with its filters and page
 * buttons, refusals, one transaction in full (times in the shop's zone) — every reply and
 * button Arabic, with no English phrase.
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { scalar } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";
const ALLOWED = [LAYLA, "Owner", "Asia/Hebron"];

function plain(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "").replace(/\u00a0/g, " ");
}

function arabic(replies: { text: string; buttons: string[][] }[]): string {
  assert.ok(replies.length > 0, "a reply");
  for (const r of replies) {
    assert.ok(hasArabic(r.text), `not Arabic: ${r.text}`);
    assertNoEnglish(r.text, ALLOWED);
    for (const label of r.buttons.flat()) assertNoEnglish(label, ALLOWED);
  }
  return plain(replies.at(-1)!.text);
}

Deno.test("Arabic /transactions and /transaction: list, pages, filters, details", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  assert.match(arabic(await h.owner.says("/transactions")), /معاملات من؟/);
  await h.owner.says("/cancel");
  await h.owner.says(`/addcustomer ${LAYLA} | 0599000000`);
  assert.match(arabic(await h.owner.says("/transactions")), /لا مشتريات ولا دفعات لـ ليلى ناصر بعد/);
  await h.owner.says("/addtransaction 50 | خبز #أسبوعي");
  for (let i = 1; i <= 8; i++) await h.owner.says(`/addtransaction ${i} | غرض ${i}`);
  await h.owner.says("/pay 5 | نقدًا");

  const page1 = arabic(await h.owner.says("/transactions"));
  assert.match(page1, /🧾 ليلى ناصر — عليه 81\.00 US\$/);
  assert.match(page1, /المعاملات 1–8 من 10، الأحدث أولًا:/);
  assert.match(page1, /💵 دفعة 5\.00 US\$ → عليه 81\.00 US\$\nنقدًا · سجّلها Owner/);
  assert.match(page1, /اضغط على رقم لترى التفاصيل/);
  assert.match(arabic(await h.owner.presses("التالي ▶")), /المعاملات 9–10 من 10/);
  assert.match(arabic(await h.owner.presses("◀ السابق")), /المعاملات 1–8 من 10/);
  assert.match(
    arabic(await h.owner.says("/transactions #أسبوعي")),
    /المعاملات 1–1 من 1 \(#أسبوعي\)/,
  );
  assert.match(
    arabic(await h.owner.says("/transactions 2020-01-01..2020-01-31")),
    /لا معاملات لـ ليلى ناصر \(/,
  );
  // The refusal and its example in Arabic (an Arabic tag, not "#weekly").
  const refused = arabic(await h.owner.says("/transactions الأسبوع الماضي"));
  assert.match(refused, /ليس تصفية/);
  assert.match(refused, /\/transactions #أسبوعي 2026-11/);
  assert.doesNotMatch(refused, /weekly/);
  const noMonth = arabic(await h.owner.says("/transactions 2026-13"));
  assert.match(noMonth, /لا يوجد شهر 2026-13/);
  assert.match(noMonth, /\/transactions #أسبوعي 2026-11/);
  // A month by its Arabic name (the purchases are this month: none in November 2020).
  assert.match(
    arabic(await h.owner.says("/transactions تشرين الثاني ٢٠٢٠")),
    /لا معاملات لـ ليلى ناصر \(نوفمبر 2020\)/,
  );
  assert.match(
    arabic(await h.owner.says("/transactions #أسبوعي نوفمبر 2020")),
    /لا معاملات لـ ليلى ناصر \(#أسبوعي، نوفمبر 2020\)/,
  );
  assert.match(arabic(await h.owner.says("/transactions #أ #ب")), /وسم # واحد في كل مرة/);

  const bread = Number(
    await scalar(h, "select id as v from public.transactions where description like 'خبز%'"),
  );
  const detail = arabic(await h.owner.says(`/transaction ${bread}`));
  for (
    const part of [
      `🧾 المعاملة #${bread}`,
      "الزبون: ليلى ناصر",
      "النوع: 🛒 شراء بالدَّين",
      "المبلغ: 50.00 US$",
      "(Asia/Hebron)",
      "الملاحظة: خبز #أسبوعي",
      "الوسوم: #أسبوعي",
      "سجّلها: Owner",
      "الرصيد بعدها: عليه 50.00 US$",
      "الحالة: ✅ محسوبة في الرصيد",
    ]
  ) assert.ok(detail.includes(part), `${part} in ${detail}`);
  assert.deepEqual(h.owner.buttons(), [["↩️ تراجع عن هذه"]]);
  assert.match(arabic(await h.owner.says("/transaction abc")), /عدد صحيح/);
  assert.match(arabic(await h.owner.says("/transaction")), /ما رقم المعاملة؟/);
  assert.match(arabic(await h.owner.says(`#${bread}`)), /المعاملة #\d+/);
});
