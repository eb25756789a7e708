/** The .xlsx writer, read back with SheetJS and a plain unzip. */
import assert from "node:assert/strict";
import {
  checkSheetName,
  columnName,
  escapeXml,
  moneyFormat,
  STYLE,
  XlsxBook,
} from "../../shared/export/xlsx_writer.ts";
import { crc32, crc32Js } from "../../shared/export/zip.ts";
import { readXlsx, unzip } from "../support/xlsx_reader.ts";

const COLUMNS = [
  { header: "Name", width: 24 },
  { header: "Amount", width: 14 },
  { header: "When", width: 18 },
  { header: "Count", width: 8 },
];

Deno.test("cells keep their types: text, money as exact numbers in the currency format, dates as dates, integers", () => {
  const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("ILS", 2) });
  const sheet = book.sheet("Data", COLUMNS);
  sheet.headers();
  sheet.row().text('John & <Smith> "J"').money(125050).dateTime(1_795_000_000).integer(12_345);
  sheet.row().text("محمد أحمد").money(-5).date(1_795_000_000 - (1_795_000_000 % 86_400));
  sheet.row().text(" spaced ").money(0).skip().integer(-3);
  sheet.row().text(null).money(null).dateTime(undefined).integer(null);
  sheet.end();
  const read = readXlsx(book.finish());

  assert.deepEqual(read.workbook.SheetNames, ["Data"]);
  assert.deepEqual(read.rows("Data")[0], ["Name", "Amount", "When", "Count"]);
  assert.equal(read.cell("Data", "A2")?.v, 'John & <Smith> "J"');
  assert.equal(read.cell("Data", "A3")?.v, "محمد أحمد");
  assert.equal(read.cell("Data", "A4")?.v, " spaced ");
  assert.deepEqual(read.cell("Data", "B2"), {
    t: "n",
    v: 1250.5,
    z: '"₪"#,##0.00',
    w: "₪1,250.50",
  });
  assert.equal(read.cell("Data", "B3")?.v, -0.05);
  assert.equal(read.cell("Data", "B4")?.v, 0);
  const when = read.cell("Data", "C2")!;
  assert.equal(when.t, "d");
  assert.equal(when.z, "yyyy-mm-dd hh:mm");
  assert.equal((when.v as Date).toISOString(), new Date(1_795_000_000_000).toISOString());
  assert.equal(read.cell("Data", "C3")?.z, "yyyy-mm-dd");
  assert.equal(read.cell("Data", "D2")?.v, 12345);
  assert.equal(read.cell("Data", "D4")?.v, -3);
  assert.equal(read.cell("Data", "C4"), undefined, "skip() leaves a cell empty");
  assert.deepEqual(read.rows("Data")[4], [null, null, null, null], "nulls leave cells empty");
  // Money is written from integers, digit by digit: no float ever formats it.
  assert.match(read.sheetXml("Data"), /<c r="B2" s="1"><v>1250\.50<\/v><\/c>/);
  assert.match(read.sheetXml("Data"), /<c r="B3" s="1"><v>-0\.05<\/v><\/c>/);
});

Deno.test("the header row is bold, frozen and filtered; columns have their widths", () => {
  const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
  const sheet = book.sheet("Data", COLUMNS);
  sheet.row().text("A title", STYLE.title);
  sheet.blank();
  sheet.headers();
  for (let i = 0; i < 5; i++) sheet.row().text(`row ${i}`).money(i);
  sheet.end();
  const read = readXlsx(book.finish());
  const xml = read.sheetXml("Data");
  assert.match(xml, /<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"\/>/);
  assert.match(xml, /<autoFilter ref="A3:D8"\/>/);
  assert.match(xml, /<col min="1" max="1" width="24" customWidth="1"\/>/);
  assert.match(xml, /<col min="4" max="4" width="8" customWidth="1"\/>/);
  assert.match(xml, /<dimension ref="A1:D8"\/>/);
  assert.deepEqual(read.workbook.Sheets.Data["!autofilter"], { ref: "A3:D8" });
  assert.match(
    read.part("xl/workbook.xml"),
    /<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Data'!\$A\$3:\$D\$8<\/definedName>/,
  );
  assert.match(read.sheetXml("Data"), /<c r="A3" t="s" s="5">/, "headers use the header style");
  assert.match(read.part("xl/styles.xml"), /<font><b\/><sz val="11"\/>/);
});

Deno.test("a sheet larger than one chunk is deflated in chunks and reads back whole", () => {
  const book = new XlsxBook({
    decimals: 3,
    moneyFormat: moneyFormat("JOD", 3),
    compressionLevel: 1,
  });
  const sheet = book.sheet("Big", COLUMNS, { rows: 40_001 });
  sheet.headers();
  let total = 0;
  for (let i = 0; i < 40_000; i++) {
    total += i * 7;
    sheet.row().text(`customer ${i % 300} عميل`).money(i * 7).dateTime(1_700_000_000 + i * 61)
      .integer(i);
  }
  sheet.end();
  const bytes = book.finish();
  const parts = unzip(bytes);
  assert.ok(parts.get("xl/worksheets/sheet1.xml")!.length > 3 << 20, "several 1 MB chunks");
  const read = readXlsx(bytes);
  const rows = read.rows("Big");
  assert.equal(rows.length, 40_001);
  assert.equal(read.workbook.Sheets.Big["!ref"], "A1:D40001");
  const sum = rows.slice(1).reduce((s, r) => s + Math.round((r[1] as number) * 1000), 0);
  assert.equal(sum, total);
  assert.equal(rows[40_000][3], 39_999);
  assert.equal(read.cell("Big", "B3")?.z, '"JOD "#,##0.000');
});

Deno.test("stored (level 0) and deflated files hold the same parts", () => {
  const make = (level: number) => {
    const book = new XlsxBook({
      decimals: 0,
      moneyFormat: moneyFormat("JPY", 0),
      compressionLevel: level,
    });
    const sheet = book.sheet("S", COLUMNS);
    sheet.headers();
    sheet.row().text("x").money(1500);
    sheet.end();
    return unzip(book.finish());
  };
  const stored = make(0);
  const deflated = make(9);
  assert.deepEqual([...stored.keys()], [...deflated.keys()]);
  assert.equal(
    new TextDecoder().decode(stored.get("xl/worksheets/sheet1.xml")),
    new TextDecoder().decode(deflated.get("xl/worksheets/sheet1.xml")),
  );
  assert.equal([...stored.keys()][0], "[Content_Types].xml", "content types come first");
});

Deno.test("money formats follow the currency's symbol and decimals", () => {
  assert.equal(moneyFormat("USD", 2), '"$"#,##0.00');
  assert.equal(moneyFormat("ILS", 2), '"₪"#,##0.00');
  assert.equal(moneyFormat("JOD", 3), '"JOD "#,##0.000');
  assert.equal(moneyFormat("JPY", 0), '"¥"#,##0');
  assert.equal(moneyFormat("IQD", 3), '"IQD "#,##0.000');
});

Deno.test("text that XML cannot hold is escaped or dropped; overlong cells are cut to Excel's limit", () => {
  assert.equal(escapeXml('a&b<c>"d"'), "a&amp;b&lt;c&gt;&quot;d&quot;");
  assert.equal(escapeXml("bell\u0007 tab\t"), "bell tab\t");
  const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
  const sheet = book.sheet("S", COLUMNS);
  sheet.row().text("x".repeat(40_000)).text("nul\u0000 and emoji 🙂");
  sheet.end();
  const read = readXlsx(book.finish());
  assert.equal((read.cell("S", "A1")?.v as string).length, 32_767);
  assert.equal(read.cell("S", "B1")?.v, "nul and emoji 🙂");
});

Deno.test("sheet names follow Excel's rules, and 'History' is reserved", () => {
  assert.throws(() => checkSheetName("History"), /reserves/);
  assert.throws(() => checkSheetName("a/b"), /not a valid sheet name/);
  assert.throws(() => checkSheetName("x".repeat(32)), /not a valid sheet name/);
  assert.throws(() => checkSheetName("Data", ["data"]), /two sheets/);
  checkSheetName("Action history");
  assert.equal(columnName(0), "A");
  assert.equal(columnName(25), "Z");
  assert.equal(columnName(26), "AA");
  assert.equal(columnName(16_383), "XFD");
});

Deno.test("misuse is refused: unsafe amounts, cells before a row, a second open sheet", () => {
  const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
  const sheet = book.sheet("S", COLUMNS);
  assert.throws(() => sheet.text("x"), /row\(\) before/);
  sheet.row();
  assert.throws(() => sheet.money(0.5), /minor-unit/);
  assert.throws(() => sheet.money(2 ** 60), /minor-unit/);
  assert.throws(() => book.sheet("T", COLUMNS), /not ended/);
  sheet.end();
  assert.throws(() => new XlsxBook({ decimals: 9, moneyFormat: "0" }), /decimals/);
});

Deno.test("CRC-32: the native and the JavaScript fallback agree, also continued over chunks", () => {
  const data = new TextEncoder().encode("PayTrack ✓ دفتر الديون".repeat(100));
  assert.equal(crc32Js(new TextEncoder().encode("123456789")), 0xcbf43926);
  assert.equal(crc32(data), crc32Js(data));
  assert.equal(crc32(data.subarray(700), crc32(data.subarray(0, 700))), crc32Js(data));
  assert.equal(crc32Js(data.subarray(700), crc32Js(data.subarray(0, 700))), crc32Js(data));
});

Deno.test("right-to-left sheets, a time zone for date cells (DST included), and day-first formats", () => {
  const book = new XlsxBook({
    decimals: 3,
    moneyFormat: moneyFormat("JOD", 3, { symbolAfter: true }),
    timeZone: "Asia/Hebron",
    rightToLeft: true,
    dateTimeFormat: "dd/mm/yyyy hh:mm",
    dateFormat: "dd/mm/yyyy",
  });
  const sheet = book.sheet("الحركات", COLUMNS);
  sheet.headers();
  const summer = Date.parse("2026-10-23T20:30:00Z") / 1000; // 23:30 in Hebron (UTC+3)
  const winter = Date.parse("2026-10-23T23:30:00Z") / 1000; // 01:30 in Hebron (UTC+2)
  sheet.row().text("أ").money(1_234_567).dateTime(summer);
  sheet.row().text("ب").money(-5).dateTime(winter).date(winter);
  sheet.end();
  const read = readXlsx(book.finish());
  assert.match(read.sheetXml("الحركات"), /<sheetView rightToLeft="1" workbookViewId="0">/);
  const money = read.cell("الحركات", "B2")!;
  assert.deepEqual([money.t, money.v, money.z], ["n", 1234.567, '#,##0.000" JOD"']);
  const wall = (ref: string) =>
    new Date(Math.round((read.cell("الحركات", ref)!.v as Date).getTime() / 1000) * 1000)
      .toISOString();
  assert.equal(wall("C2"), "2026-10-23T23:30:00.000Z");
  assert.equal(wall("C3"), "2026-10-24T01:30:00.000Z");
  assert.equal(read.cell("الحركات", "C2")?.z, "dd/mm/yyyy hh:mm");
  assert.equal(read.cell("الحركات", "D3")?.z, "dd/mm/yyyy");
  // Left to right and UTC unless asked.
  const plain = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
  plain.sheet("Data", COLUMNS).row().dateTime(summer).end();
  const back = readXlsx(plain.finish());
  assert.match(back.sheetXml("Data"), /<sheetView workbookViewId="0">/);
  assert.equal(
    new Date(Math.round((back.cell("Data", "A1")!.v as Date).getTime() / 1000) * 1000)
      .toISOString(),
    "2026-10-23T20:30:00.000Z",
  );
  assert.equal(moneyFormat("ILS", 2, { symbolAfter: true }), '#,##0.00" ₪"');
  assert.equal(moneyFormat("ILS", 2), '"₪"#,##0.00');
});

Deno.test("a calendar day (a due date) is that day in any zone; none leaves the cell empty", () => {
  for (const timeZone of ["UTC", "America/Los_Angeles", "Asia/Hebron"]) {
    const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2), timeZone });
    const sheet = book.sheet("Data", COLUMNS);
    sheet.headers();
    sheet.row().text("a").day("2026-12-15").day(null).day("1900-03-01");
    sheet.end();
    const read = readXlsx(book.finish());
    const [, row] = read.rows("Data");
    assert.equal((row[1] as Date).toISOString().slice(0, 10), "2026-12-15", timeZone);
    assert.equal(row[2] ?? null, null);
    assert.equal((row[3] as Date).toISOString().slice(0, 10), "1900-03-01", timeZone);
    assert.equal(read.cell("Data", "B2")?.t, "d");
  }
  const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
  const sheet = book.sheet("Data", COLUMNS);
  assert.throws(() => sheet.row().day("15/12/2026"), RangeError);
});
