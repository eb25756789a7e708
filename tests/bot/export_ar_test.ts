/**
 * /export in an Arabic shop: the replies in Arabic (no English sentence), and a file that
 * belongs to the shop: right-to-left sheets, Arabic sheet names (within Excel's 31 characters,
 * none reserved) and headers, exact money with the symbol after the amount, dates in the
 * shop's time zone (Asia/Hebron), the Action history and the statement in Arabic.
 */
import assert from "node:assert/strict";
import { EXPORT_LIMITS } from "../../shared/bot/features/export.ts";
import type { UploadedFile } from "../../shared/dev/fake_bot_api.ts";
import { checkSheetName } from "../../shared/export/xlsx_writer.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { type BotReply, type ChatHarness, CLERK, openChat } from "../support/chat.ts";
import { readXlsx } from "../support/xlsx_reader.ts";

/** Text without the FSI/PDI marks Arabic messages put around every value (bidi isolation). */
const plain = (text: string) => text.replace(/[\u2068\u2069]/g, "");

function lastFile(h: ChatHarness): UploadedFile {
  const call = h.telegram.callsTo("sendDocument").at(-1);
  assert.ok(call, "a document was sent");
  return call.payload.document as UploadedFile;
}

/** Every reply the bot made since `from`, each Arabic and without an English sentence. */
function allArabic(replies: BotReply[], allowed: string[] = []): void {
  assert.ok(replies.length > 0);
  for (const r of replies) {
    assert.ok(hasArabic(r.text), `Arabic: ${r.text}`);
    assertNoEnglish(r.text, allowed);
    for (const row of r.buttons) for (const b of row) assertNoEnglish(b, allowed);
  }
}

/** The shop's name, as /start made it (a name the owner chose, allowed in Arabic replies). */
async function shopName(h: ChatHarness): Promise<string> {
  const [{ name }] = await h.sql<{ name: string }>("select name from public.shops");
  return name;
}

/** An Arabic shop in ILS on Asia/Hebron: أحمد owes 100.00 (a purchase at a known instant). */
async function arabicShop(): Promise<ChatHarness> {
  const h = await openChat({
    language: "ar",
    defaultCurrency: "ILS",
    defaultTimeZone: "Asia/Hebron",
  });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer أحمد العلي | 0590000001");
  await h.owner.says("/addtransaction 125.50 | خبز وحليب");
  await h.owner.says("/pay 25.50 | نقدًا");
  // 00:30 on 1 Nov 2026 in Hebron (UTC+2 after the DST change of 24 Oct).
  await h.sql(
    "update public.transactions set created_at = '2026-10-31T22:30:00Z' where kind = 'purchase'",
  );
  return h;
}

Deno.test("an Arabic shop's workbook: RTL sheets, Arabic names and headers, exact money, local dates", async () => {
  await using h = await arabicShop();
  const [shop] = await h.sql<{ language: string; timezone: string }>(
    "select language, timezone from public.shops",
  );
  assert.deepEqual(shop, { language: "ar", timezone: "Asia/Hebron" }, "the shop is Arabic");
  const name = await shopName(h);

  const replies = await h.owner.says("/export shop");
  const file = lastFile(h);
  allArabic(replies, [name, file.filename]);
  assert.match(plain(replies[0].text), /أُعدّ ملف Excel/);
  const sent = replies.find((r) => r.method === "sendDocument")!;
  assert.match(plain(sent.text), /كل الفترات/);
  assert.match(plain(sent.text), /زبون واحد · حركتان \(شراء أو دفعة\) · لا مصاريف/);
  assert.match(
    plain(h.owner.lastReply()),
    /أُرسل .* كيلوبايت؛ الملخص، الزبائن، الحركات، المصاريف، سجل العمليات/,
  );

  const read = readXlsx(file.bytes);
  const sheets = read.workbook.SheetNames;
  assert.deepEqual(sheets, ["الملخص", "الزبائن", "الحركات", "المصاريف", "سجل العمليات"]);
  for (const sheet of sheets) {
    assert.ok(sheet.length <= 31 && hasArabic(sheet), sheet);
    checkSheetName(sheet); // Excel's rules: no []:*?/\, not "History"
    assert.match(
      read.sheetXml(sheet),
      /<sheetView rightToLeft="1" /,
      `${sheet} reads right to left`,
    );
  }

  const header = (sheet: string) => read.rows(sheet)[0] as string[];
  assert.deepEqual(header("الحركات"), [
    "التاريخ (Asia/Hebron)",
    "الزبون",
    "النوع",
    "المبلغ",
    "الأثر على الرصيد",
    "الوصف",
    "الوسوم",
    "سجّلها",
    "الرصيد بعدها",
    "أُلغيت (Asia/Hebron)",
    "الاعتراض",
    "تاريخ الاستحقاق",
    "الرقم",
  ]);
  for (const sheet of ["الزبائن", "المصاريف", "سجل العمليات"]) {
    for (const cell of header(sheet)) assert.ok(hasArabic(cell), `${sheet}: ${cell}`);
    assertNoEnglish(header(sheet).join(" | "), ["Asia/Hebron"]);
  }

  // Money: numbers with the currency's decimals, the symbol after the amount.
  const tx = read.rows("الحركات").slice(1);
  assert.deepEqual(tx.map((r) => [r[1], r[2], r[3], r[5]]), [
    ["أحمد العلي", "شراء", 125.5, "خبز وحليب"],
    ["أحمد العلي", "دفعة", 25.5, "نقدًا"],
  ]);
  const money = read.cell("الحركات", "D2")!;
  assert.equal(money.t, "n");
  assert.equal(money.z, '#,##0.00" ₪"');
  // Dates: real dates, Hebron's wall clock, day first.
  const purchase = tx.find((r) => r[2] === "شراء")!;
  const wall = Math.round((purchase[0] as Date).getTime() / 1000) * 1000;
  assert.equal(new Date(wall).toISOString(), "2026-11-01T00:30:00.000Z");
  assert.equal(read.cell("الحركات", "A2")?.z, "dd/mm/yyyy hh:mm");

  const summary = read.rows("الملخص");
  assert.match(String(summary[0][0]), /ملخص PayTrack/);
  assert.equal(summary.find((r) => r[0] === "الزبائن")?.[1], 1);
  assert.equal(
    Math.round((summary.find((r) => r[0] === "مجموع الديون للمتجر")?.[1] as number) * 100),
    10000,
  );
  assert.equal(summary.find((r) => r[0] === "تاريخ التصدير")?.[2], "Asia/Hebron");

  // The Action history in Arabic sentences.
  const actions = read.rows("سجل العمليات").slice(1).map((r) => [r[2], r[5]]);
  assert.deepEqual(actions.slice(1), [
    ["إضافة زبون", "أضاف أحمد العلي (0590000001)"],
    ["تسجيل شراء", "خبز وحليب"],
    ["تسجيل دفعة", "نقدًا"],
  ]);
  for (const [action, details] of actions) {
    assertNoEnglish(`${action} ${details}`);
    assert.ok(hasArabic(String(action)) && hasArabic(String(details)));
  }
});

Deno.test("an Arabic owner's statement: the choice, the buttons, the caption and the sheet in Arabic", async () => {
  await using h = await arabicShop();
  const name = await shopName(h);
  await h.owner.says("/search أحمد");
  const asked = await h.owner.says("/export");
  allArabic(asked, [name]);
  assert.match(plain(h.owner.lastReply()), /كشف حساب أحمد العلي/);
  assert.deepEqual(h.owner.buttons().map((row) => row.map(plain)), [
    ["📄 كشف حساب: أحمد العلي"],
    ["🏪 المتجر كله"],
  ]);
  const replies = await h.owner.presses(/كشف حساب/);
  const file = lastFile(h);
  allArabic(replies, [name, file.filename]);
  // The file's name in the shop's language (UTF-8, as Telegram takes it), no bidi marks.
  assert.match(file.filename, /^paytrack-متجر-owner-كشف-حساب-أحمد-العلي-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.doesNotMatch(file.filename, /statement|[\u2066-\u2069]/);
  const sent = replies.find((r) => r.method === "sendDocument")!;
  assert.match(plain(sent.text), /الرصيد: .*عليه .*100\.00/);

  const read = readXlsx(file.bytes);
  assert.deepEqual(read.workbook.SheetNames, ["كشف الحساب"]);
  assert.match(read.sheetXml("كشف الحساب"), /rightToLeft="1"/);
  const rows = read.rows("كشف الحساب");
  assert.equal(rows[0][0], "كشف حساب — أحمد العلي");
  const head = rows.findIndex((r) => r[0] === "التاريخ (Asia/Hebron)");
  assert.deepEqual(rows[head], [
    "التاريخ (Asia/Hebron)",
    "الوصف",
    "شراء",
    "دفعة",
    "الرصيد",
    "سجّلها",
  ]);
  const closing = rows.find((r) => r[0] === "الرصيد الختامي")!;
  assert.deepEqual(closing.slice(1, 3), [100, "عليه للمتجر"]);
  for (const r of rows.slice(0, head)) {
    assertNoEnglish(r.filter((c) => typeof c === "string").join(" | "), ["Asia/Hebron", name]);
  }
});

Deno.test("/export in Arabic: a bad period, a clerk, a shop too large, and /help export", async () => {
  await using h = await arabicShop();
  const name = await shopName(h);
  allArabic(await h.owner.says("/export 2026-13"));
  assert.match(plain(h.owner.lastReply()), /لا يوجد شهر 2026-13/);
  allArabic(await h.owner.says("/export 2026-11-30..2026-11-01"));
  assert.match(plain(h.owner.lastReply()), /تنتهي قبل أن تبدأ/);

  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name, language) select id, $1, 'clerk', 'بائع', 'ar' from public.shops",
    [CLERK.id],
  );
  allArabic(await h.clerk.says("/export"));
  assert.match(plain(h.clerk.lastReply()), /لـ<b>مالك<\/b> المتجر فقط|مالك/);

  const saved = EXPORT_LIMITS.maxRows;
  EXPORT_LIMITS.maxRows = 2;
  try {
    const replies = await h.owner.says("/export shop");
    allArabic(replies, [name]);
    assert.match(plain(h.owner.lastReply()), /أكثر مما يتسع له ملف واحد/);
    assert.ok(
      h.owner.buttons().flat().some((b) => /نوفمبر 2026/.test(plain(b))),
      JSON.stringify(h.owner.buttons()),
    );
  } finally {
    EXPORT_LIMITS.maxRows = saved;
  }

  // The scope in Arabic words: "كشف" (statement) with a customer selected, "المتجر" (shop).
  await h.owner.says("/search أحمد");
  await h.owner.says("/export كشف 2026-11");
  assert.deepEqual(readXlsx(lastFile(h).bytes).workbook.SheetNames, ["كشف الحساب"]);
  await h.owner.says("/export المتجر 2026-11");
  assert.equal(readXlsx(lastFile(h).bytes).workbook.SheetNames.length, 5);

  // A month typed in Arabic words, Levantine or Egyptian, with either digits.
  const levantine = await h.owner.says("/export المتجر تشرين الثاني ٢٠٢٦");
  allArabic(levantine, [name, lastFile(h).filename]);
  assert.equal(lastFile(h).filename, "paytrack-متجر-owner-2026-11.xlsx");
  await h.owner.says("/export كشف نوفمبر 2026");
  assert.equal(lastFile(h).filename, "paytrack-متجر-owner-كشف-حساب-أحمد-العلي-2026-11.xlsx");
  await h.owner.says("/export المتجر 2026-11-01..");
  assert.equal(lastFile(h).filename, "paytrack-متجر-owner-2026-11-01_اليوم.xlsx");

  allArabic(await h.owner.says("/help export"));
  assert.match(plain(h.owner.lastReply()), /ملف Excel \(للمالك فقط\)/);
});

Deno.test("an Arabic Action history says each action in Arabic sentences, from the log's info", async () => {
  await using h = await arabicShop();
  await h.owner.says("/rename أحمد الأحمد");
  await h.owner.says("/export shop");
  const read = readXlsx(lastFile(h).bytes);
  const actions = read.rows("سجل العمليات").slice(1).map((r) => [r[2], r[3], r[5]]);
  assert.deepEqual(actions[0].slice(0, 1).concat(actions[0].slice(2)), [
    "فتح المتجر",
    "فتح المتجر في PayTrack",
  ]);
  assert.deepEqual(actions.at(-1), [
    "تغيير اسم زبون",
    "أحمد الأحمد",
    "غيّر الاسم من أحمد العلي إلى أحمد الأحمد",
  ]);
  for (const [action, , details] of actions) assertNoEnglish(`${action} ${details}`);
});
