/**
 * Recording in Arabic: /addtransaction (in one line and step by step), /pay with the shop
 * PIN and /pay all, another currency's sign and the JOD "2,500" question, all in an
 * Arabic-speaking chat, with no English sentence in any reply, Arabic-Indic digits typed,
 * and the currency sign after the amount as Arabic writes it.
 */
import assert from "node:assert/strict";
import { type BotReply, type ChatHarness, openChat, OWNER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { balanceOf, count, expireGrant, PIN } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";

/** Every reply is Arabic, without an English phrase (the customer's name allowed). */
function arabic(replies: BotReply[], allowed: string[] = []): void {
  assert.ok(replies.length > 0, "a reply");
  for (const r of replies) {
    const text = r.html ?? r.text;
    assert.ok(hasArabic(text), `not Arabic: ${text}`);
    assertNoEnglish(text, [LAYLA, ...allowed]);
  }
}

/**
 * The last reply without bidi marks (FSI/PDI around arguments, RLM in Arabic amounts) and
 * with plain spaces for the no-break space Intl puts before the sign.
 */
function last(h: ChatHarness): string {
  return h.owner.lastReply().replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "")
    .replace(/\u00a0/g, " ");
}

/** An Arabic-speaking owner with Layla Nasser selected. */
async function shopWithLayla(options: { defaultCurrency?: string } = {}): Promise<ChatHarness> {
  const h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron", ...options });
  await h.owner.says("/start");
  await h.owner.says(`/addcustomer ${LAYLA} | 0599000000`);
  return h;
}

Deno.test("Arabic: /addtransaction in one line, with Arabic-Indic digits, the sign after the amount", async () => {
  await using h = await shopWithLayla();
  const replies = await h.owner.says("/addtransaction ٥٠ | خبز #أسبوعي");
  arabic(replies);
  assert.match(replies[0].text, /^⏳ جارٍ تسجيل المشتريات/);
  const done = last(h);
  // Each argument is isolated, so the Latin amount keeps its order inside the Arabic sentence.
  assert.match(
    h.owner.lastReply(),
    /بقيمة \u2068[^\u2069]*50\.00\u00a0US\$\u2069 على \u2068ليلى ناصر\u2069/,
  );
  assert.match(done, /✅ مشتريات بقيمة 50\.00 US\$ على ليلى ناصر — خبز #أسبوعي/);
  assert.match(done, /الرصيد الجديد: عليه 50\.00 US\$/);
  assert.match(done, /\/undo إن كان ذلك خطأً/);
  assert.doesNotMatch(done, /\$50\.00/, "not the English order");
  assert.equal(await balanceOf(h, LAYLA), 5000);
});

Deno.test("Arabic: /addtransaction step by step, a wrong amount explained in Arabic", async () => {
  await using h = await shopWithLayla();
  arabic(await h.owner.says("/addtransaction"));
  assert.match(last(h), /بكم اشترى ليلى ناصر بالدَّين؟/);
  arabic(await h.owner.says("abc"));
  assert.match(last(h), /لم أفهم هذا المبلغ[\s\S]*بكم اشترى/);
  arabic(await h.owner.says("١٢٫٥"));
  assert.match(last(h), /ملاحظة على مشتريات/);
  arabic(await h.owner.says("/skip"));
  assert.match(last(h), /مشتريات بقيمة 12\.50 US\$/);
  assert.equal(await balanceOf(h, LAYLA), 1250);
});

Deno.test("Arabic: another currency's sign is refused naming the shop's currency", async () => {
  await using h = await shopWithLayla();
  arabic(await h.owner.says("/addtransaction ₪12.5 خبز"), ["US$"]);
  assert.match(
    last(h),
    /حسابات هذا المتجر بعملة دولار أمريكي \(US\$\)، و₪ عملة أخرى\. لم يُسجَّل شيء\./,
  );
  assert.equal(await count(h, "transactions"), 0);
});

Deno.test("Arabic: 2,500 in dinars asks which was meant, in Arabic", async () => {
  await using h = await shopWithLayla({ defaultCurrency: "JOD" });
  arabic(await h.owner.says("/addtransaction 2,500 | أرز"));
  assert.match(last(h), /هل تقصد بـ2,500 مبلغ 2,500\.000 د\.أ\.[\s\S]*أم 2\.500 د\.أ\./);
  assert.equal(await count(h, "transactions"), 0);
  arabic(await h.owner.says("/addtransaction ٢٫٥ | أرز"));
  assert.match(last(h), /مشتريات بقيمة 2\.500 د\.أ\./);
});

Deno.test("Arabic: /pay with the shop PIN, an advance, and /pay all", async () => {
  await using h = await shopWithLayla();
  await h.ledger.pin.set({ actor: OWNER.id, updateId: h.nextUpdateId(), pin: PIN });
  await expireGrant(h);
  await h.owner.says("/addtransaction 50");
  arabic(await h.owner.says("/pay ٣٠ | نقدًا"));
  assert.match(last(h), /تسجيل دفعة بقيمة 30\.00 US\$ من ليلى ناصر/);
  arabic(await h.owner.says(PIN));
  assert.match(last(h), /✅ دفعة بقيمة 30\.00 US\$ من ليلى ناصر — نقدًا/);
  assert.match(last(h), /الرصيد الجديد: عليه 20\.00 US\$/);
  assert.equal(await balanceOf(h, LAYLA), 2000);
  // Paying more than is owed leaves an advance.
  arabic(await h.owner.says("/pay 25"));
  assert.match(last(h), /دفع أكثر مما عليه: يبقى 5\.00 US\$ رصيدًا مقدَّمًا له/);
  await h.owner.says("/addtransaction 10");
  arabic(await h.owner.says("/pay الكل"));
  assert.match(last(h), /سُدِّد الدين كله: دفعة بقيمة 5\.00 US\$/);
  assert.equal(await balanceOf(h, LAYLA), 0);
});

Deno.test("the same purchase in an English chat shows the sign first", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addtransaction ٥٠ | bread");
  assert.match(last(h), /Purchase of \$50\.00 for John Smith — bread\./);
});
