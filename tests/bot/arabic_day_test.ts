/**
 * A whole shop day in Arabic, start to close: the owner adds customers (in one line, step
 * by step, a duplicate, an archived one), records purchases and PIN-checked payments,
 * searches, reads summaries, transactions and history, undoes, tags, links, merges,
 * renames, changes phones, archives and restores, records expenses, changes settings and
 * digits, runs the team and the export, and a clerk meets refusals. Every reply and every
 * button label the bot sent all day (h.replies) is then checked: Arabic, with no English
 * phrase but the names the test chose and commands.
 */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { expireGrant } from "../support/bot_fixtures.ts";

const LAYLA = "ليلى ناصر";
const OMAR = "عمر صالح";
const SAMI = "سامي خليل";
const RAMI = "رامي ناصر";
const HUDA = "هدى ناصر";
const NADER = "نادر حداد";
const PIN = "2468";
/** The names this test chose (the people's Telegram names too) and the shop's zone. */
const ALLOWED = [LAYLA, OMAR, SAMI, RAMI, HUDA, NADER, "Owner", "Clerk", "Asia/Hebron"];

/** The English phrase an assertNoEnglish failure names. */
function short(error: unknown): string {
  return (error as Error).message.match(/"[^"]*"/)?.[0] ?? String(error);
}

/** Without bidi marks and with plain spaces. */
function plain(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "").replace(/\u00a0/g, " ");
}

Deno.test("an Arabic shop's whole day: every reply and button is Arabic, with no English phrase", async () => {
  await using h = await openChat({
    language: "ar",
    defaultCurrency: "ILS",
    defaultTimeZone: "Asia/Hebron",
  });
  const owner = h.owner;
  const clerk = h.clerk;
  const last = () => plain(owner.lastReply());

  // Morning: the bot, help, customers.
  await owner.says("/start");
  await owner.says("/help");
  await owner.says(`/addcustomer ${LAYLA} 0599000000`);
  assert.match(last(), /أُضيف ليلى ناصر \(0599000000\)/);
  await owner.says("/addcustomer");
  await owner.says(OMAR);
  await owner.says("0597777777");
  assert.match(last(), /أُضيف عمر صالح/);
  await owner.says("/addcustomer");
  await owner.says(`${NADER} 0592223333`); // the phone typed with the name: no phone step
  assert.match(last(), /أُضيف نادر حداد \(0592223333\)/);
  await owner.says(`/addcustomer ${RAMI} | 0591230000`);
  await owner.says(`/addcustomer ${HUDA}`);
  await owner.says(`/addcustomer ${SAMI}`);
  await owner.says("/deletecustomer");
  await owner.presses(/نعم، احذف/);
  await owner.says(`/addcustomer ${LAYLA}`); // a duplicate: asks first
  assert.match(last(), /يوجد زبون بالاسم/);
  await owner.presses(/تحديد/);
  await owner.says(`/addcustomer ${SAMI}`); // an archived one
  assert.match(last(), /مؤرشف/);
  await owner.says("/cancel");

  // Sales and payments, the PIN.
  await owner.says(`/search ${LAYLA}`);
  await owner.says("/addtransaction 50 | خبز وحليب #بقالة");
  await owner.says("/addtransaction");
  await owner.says("20");
  await owner.says("/skip");
  await owner.says(`/setpin ${PIN}`);
  await owner.says(PIN);
  await expireGrant(h); // five minutes later: /pay asks for the PIN again
  await owner.says("/pay 30 | نقدًا");
  assert.match(last(), /الرمز السري/);
  await owner.says("9999"); // a wrong PIN
  assert.match(last(), /خاطئ|غير صحيح/);
  await owner.says(PIN);
  assert.match(last(), /دفعة بقيمة 30\.00 ₪/);
  await owner.says("/pay 10");

  // Finding people.
  await owner.says("/search ليلى"); // one
  await owner.says("/search ناصر"); // many
  await owner.presses(new RegExp(RAMI));
  await owner.says("/addtransaction 15 | سكر");
  await owner.says("/search #بقالة"); // a tag only in a note: no customer
  await owner.says("/search زياد"); // none
  await owner.says("/search خليل"); // archived only
  assert.match(last(), /مؤرشف واحد يطابق/);
  await owner.says(LAYLA); // a bare name
  await owner.presses(/ابحث عن/);

  // Reading the books.
  await owner.says("/summary");
  await owner.says("/transactions");
  const label = plain(owner.lastReply()).match(/T\d+/)?.[0];
  await owner.says(`/transaction ${label ?? "1"}`);
  for (let i = 0; i < 12; i++) await owner.says(`/addtransaction ${i + 1} | علبة ${i}`);
  await owner.says("/history");
  await owner.presses(/الأقدم/);
  await owner.presses(/فقط/);
  await owner.says("/undo");
  await owner.presses(/نعم، تراجع/);

  // Caring for the customers.
  await owner.says("/tag مميز");
  await owner.says("/tags");
  await owner.says("/search #مميز");
  await owner.says("/addtransaction");
  await owner.says("/cancel"); // a pending step dropped
  await owner.says(`/search ${OMAR}`);
  await owner.says(`/link ${LAYLA}`);
  await owner.says("/summary");
  await owner.says(`/search ${HUDA}`);
  await owner.says(`/merge ${RAMI}`);
  await owner.presses(/نعم/);
  await owner.says("/rename هدى ناصر الخليلي");
  await owner.says(`/rename ${HUDA}`);
  await owner.says("/nickname أم رامي");
  await owner.says("/phone 0595555555");
  await owner.says("/phone أضف 0593333333");
  await owner.says("/phone رئيسي 0593333333");
  await owner.says("/phone حذف 0591119999"); // not theirs
  await owner.says("/undo");
  await owner.presses(/نعم، تراجع/);
  await owner.says("/phone حذف");
  await owner.says("/deletecustomer");
  await owner.presses(/نعم/);
  await owner.says("/archived");
  await owner.presses(/استرجاع/);

  // Expenses.
  await owner.says("/spend 120 | أكياس | مطبعة الأمل | تغليف");
  await owner.says("/spend");
  await owner.says("45");
  await owner.says("كهرباء");
  await owner.says("/skip");
  await owner.says("/skip");
  await owner.says("/spending");

  // Settings and language.
  await owner.says("/settings");
  await owner.presses(/الأرشفة التلقائية/);
  await owner.says("/settings");
  await owner.says("/language");
  await owner.presses("عربية ٠-٩");
  await owner.says("/summary");
  assert.match(last(), /يُعرف أيضًا بـ رامي ناصر، أم رامي/, "the Arabic comma");
  assert.match(last(), /عليه ١٥\.٠٠ ₪/);
  await owner.says("/language");
  await owner.presses(/لاتينية/);
  assert.match(last(), /لاتينية/, "the Latin button is not written in Arabic-Indic digits");

  // The team.
  await owner.says("/members");
  await owner.says("/invite");
  const code = owner.lastReply().match(/start=([A-Za-z0-9_-]+)/)?.[1];
  assert.ok(code, "an invite link");
  await clerk.says(`/start ${code}`);
  await clerk.says("/settings");
  await clerk.says("/setpin 1357");
  await clerk.says("/members");
  await clerk.says("/merge");
  await clerk.says("/resetpin");
  await clerk.says("/export");

  // The evening: the export, the PIN reset, odds and ends.
  await owner.says("/export");
  await owner.says(`/search ${LAYLA}`);
  await owner.says("/export");
  await owner.presses(/كشف حساب/);
  await owner.says("/resetpin");
  await owner.presses(/إلغاء/);
  await owner.says("/foo");
  await owner.says("/cancel");
  await owner.says("/skip");
  await owner.says("مرحبا");

  // Every reply and every button of the whole day.
  const failures: string[] = [];
  for (const reply of h.replies) {
    // Links and file names are addresses, not sentences (the export's file name is listed
    // as English-only in the report: "statement").
    const text = reply.text.replace(/https:\/\/\S+/g, " ").replace(/paytrack-\S+\.xlsx/g, " ");
    const texts = [text, ...reply.buttons.flat()];
    if (Deno.env.get("DAY_TRANSCRIPT")) {
      console.log(reply.method, JSON.stringify(reply.buttons), "\n", plain(reply.text));
    }
    for (const text of texts) {
      if (!text.trim()) continue;
      try {
        assertNoEnglish(plain(text), ALLOWED);
      } catch (error) {
        failures.push(`${reply.method}: ${short(error)} in ${plain(text).slice(0, 160)}`);
      }
    }
    if (reply.text.trim() && !hasArabic(reply.text)) {
      failures.push(`${reply.method}: not Arabic: ${reply.text}`);
    }
  }
  for (const notice of owner.notices().concat(clerk.notices())) {
    try {
      assertNoEnglish(plain(notice), ALLOWED);
    } catch (error) {
      failures.push(`notice: ${short(error)} in ${notice}`);
    }
  }
  assert.ok(h.replies.length > 100, `${h.replies.length} replies`);
  assert.deepEqual(failures, []);
});
