/**
 * How the workbook prints: every sheet fits one page wide (landscape when it has more
 * than 6 columns), repeats its header row on each page (`_xlnm.Print_Titles`), has
 * margins and a page header (the shop, the period) and footer ("Page &P of &N") in the
 * shop's language, with the worksheet's elements in the order the OOXML schema requires
 * (Excel calls a file "damaged" otherwise). SheetJS still reads the same data: every
 * sheet's rows equal those of the same file with the print elements taken out.
 */
import assert from "node:assert/strict";
import { Ledger } from "../../shared/db/ledger.ts";
import type { ShopExport, StatementExport } from "../../shared/db/ledger/export.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { buildWorkbook } from "../../shared/export/workbook.ts";
import {
  headerFooterCode,
  moneyFormat,
  PAGE_COUNT,
  PAGE_NUMBER,
  XlsxBook,
} from "../../shared/export/xlsx_writer.ts";
import { ZipWriter } from "../../shared/export/zip.ts";
import { seedShop } from "../../bench/export/seed.ts";
import { engines, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { type ReadBook, readXlsx, unzip } from "../support/xlsx_reader.ts";

const OWNER = 6101;
const ARABIC_OWNER = 6201;
const ARABIC_SHOP = 'دكان "أبو علي" & <أولاده>';

interface Fixture {
  db: TestDatabase;
  ledger: Ledger;
  shopId: number;
  arabicShopId: number;
}

let fixture: Promise<Fixture> | undefined;

/** An English shop and an Arabic one whose name has & < > and quotes. */
function shops(): Promise<Fixture> {
  return fixture ??= (async () => {
    const [engine] = await engines();
    const db = await freshDatabase(engine);
    const { shopId } = await seedShop(db.client, { customers: 60, transactions: 900 }, OWNER);
    const arabic = await seedShop(
      db.client,
      { customers: 30, transactions: 400 },
      ARABIC_OWNER,
    );
    await db.client.query(
      "update public.shops set language = 'ar', name = $2 where id = $1",
      [arabic.shopId, ARABIC_SHOP],
    );
    return {
      db,
      ledger: new Ledger(new SqlTransport(db.client)),
      shopId,
      arabicShopId: arabic.shopId,
    };
  })();
}

Deno.test.afterAll(async () => {
  if (fixture) await (await fixture).db.close();
});

const test = (name: string, fn: (f: Fixture) => Promise<void>) =>
  Deno.test({
    name,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => fn(await shops()),
  });

/** The children of <worksheet> the schema (CT_Worksheet) allows, in its order. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The names of <worksheet>'s direct children, in file order. */
function topLevelElements(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (name === "worksheet") {
      depth = closing ? 0 : 1;
      continue;
    }
    if (closing) {
      depth--;
      continue;
    }
    if (depth === 1) names.push(name);
    if (!selfClosing) depth++;
  }
  return names;
}

function assertSchemaOrder(xml: string, sheet: string): void {
  const names = topLevelElements(xml);
  const positions = names.map((n) => WORKSHEET_ORDER.indexOf(n));
  assert.ok(!positions.includes(-1), `${sheet}: unknown element in ${names}`);
  for (let i = 1; i < positions.length; i++) {
    assert.ok(positions[i] > positions[i - 1], `${sheet}: ${names} is not in the schema's order`);
  }
  for (const required of ["sheetPr", "sheetData", "pageMargins", "pageSetup", "headerFooter"]) {
    assert.ok(names.includes(required), `${sheet}: has <${required}>`);
  }
}

/** XML character data back to text (the five entities the writer uses). */
const unescapeXml = (s: string) =>
  s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'").replaceAll("&amp;", "&");

/** The raw (still XML-escaped) and decoded texts of a sheet's page header and footer. */
function headerFooter(xml: string): { rawHeader: string; header: string; footer: string } {
  const rawHeader = /<oddHeader>([^<]*)<\/oddHeader>/.exec(xml)?.[1] ?? "";
  const rawFooter = /<oddFooter>([^<]*)<\/oddFooter>/.exec(xml)?.[1] ?? "";
  return { rawHeader, header: unescapeXml(rawHeader), footer: unescapeXml(rawFooter) };
}

/** The page-setup attributes of a sheet. */
function pageSetup(xml: string): Record<string, string> {
  const tag = /<pageSetup ([^>]*)\/>/.exec(xml)?.[1] ?? "";
  return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** The workbook's defined names: `name@sheetIndex` → value. */
function definedNames(read: ReadBook): Map<string, string> {
  const xml = read.part("xl/workbook.xml");
  return new Map(
    [...xml.matchAll(
      /<definedName name="([^"]+)" localSheetId="(\d+)"[^>]*>([^<]*)<\/definedName>/g,
    )]
      .map((m) => [`${m[1]}@${m[2]}`, unescapeXml(m[3])]),
  );
}

/** The same file with every print element and Print_Titles name taken out. */
function withoutPrint(bytes: Uint8Array): Uint8Array {
  const zip = new ZipWriter({ level: 0 });
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  for (const [name, data] of unzip(bytes)) {
    let text = decoder.decode(data);
    if (name.startsWith("xl/worksheets/")) {
      text = text.replace('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', "")
        .replace(/<pageMargins [^>]*\/>/, "").replace(/<pageSetup [^>]*\/>/, "")
        .replace(/<headerFooter>.*<\/headerFooter>/s, "");
    } else if (name === "xl/workbook.xml") {
      text = text.replace(/<definedName name="_xlnm.Print_Titles"[^>]*>[^<]*<\/definedName>/g, "");
    } else {
      zip.add(name, data);
      continue;
    }
    zip.add(name, encoder.encode(text));
  }
  return zip.finish();
}

/** Asserts what every sheet of a workbook must have; returns each sheet's XML by name. */
function assertPrintable(
  read: ReadBook,
  bytes: Uint8Array,
  expect: { header: string; footer: string; titles: Record<string, number | null> },
): void {
  const names = definedNames(read);
  const plain = readXlsx(withoutPrint(bytes));
  for (const [i, sheet] of read.workbook.SheetNames.entries()) {
    const xml = read.sheetXml(sheet);
    assertSchemaOrder(xml, sheet);
    assert.match(xml, /<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/, sheet);
    const setup = pageSetup(xml);
    assert.equal(setup.fitToWidth, "1", sheet);
    assert.equal(setup.fitToHeight, "0", sheet);
    assert.equal(setup.paperSize, "9", sheet);
    const columns = (xml.match(/<col /g) ?? []).length;
    assert.equal(setup.orientation, columns > 6 ? "landscape" : "portrait", sheet);
    assert.match(
      xml,
      /<pageMargins left="[\d.]+" right="[\d.]+" top="[\d.]+" bottom="[\d.]+" header="[\d.]+" footer="[\d.]+"\/>/,
      sheet,
    );
    const { header, footer } = headerFooter(xml);
    assert.equal(header, `&C${expect.header}`, sheet);
    assert.equal(footer, `&C${expect.footer}`, sheet);
    // The header row, repeated on each printed page.
    const row = expect.titles[sheet];
    assert.ok(row !== undefined, `${sheet}: expected titles given`);
    const quoted = `'${sheet.replaceAll("'", "''")}'`;
    assert.equal(
      names.get(`_xlnm.Print_Titles@${i}`),
      row === null ? undefined : `${quoted}!$${row}:$${row}`,
      sheet,
    );
    if (row !== null) {
      assert.ok(names.has(`_xlnm._FilterDatabase@${i}`), `${sheet}: the filter is still named`);
      assert.match(xml, new RegExp(`<pane ySplit="${row}" `), `${sheet}: frozen at the title row`);
    }
    // SheetJS reads the same data as without the print setup.
    assert.deepEqual(read.rows(sheet), plain.rows(sheet), `${sheet}: same data`);
    assert.ok(read.rows(sheet).length > 1, `${sheet}: has rows`);
    assert.ok(read.workbook.Sheets[sheet]["!margins"], `${sheet}: SheetJS reads the margins`);
  }
}

test("the English shop workbook: every sheet prints one page wide, with titles, header and footer", async (f) => {
  const data = await f.ledger.export.workbook(OWNER) as ShopExport;
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  const shop = data.head.shop.name;
  assertPrintable(read, built.bytes, {
    header: `${shop} · all time`,
    footer: "Page &P of &N",
    titles: {
      Summary: null,
      Customers: 1,
      Transactions: 1,
      Spending: 1,
      "Action history": 1,
    },
  });
  const orientation = (sheet: string) => pageSetup(read.sheetXml(sheet)).orientation;
  assert.equal(orientation("Summary"), "portrait");
  assert.equal(orientation("Customers"), "landscape");
  assert.equal(orientation("Transactions"), "landscape");
  assert.equal(orientation("Spending"), "landscape");
  assert.equal(orientation("Action history"), "landscape");
  // The data is all there.
  assert.equal(read.rows("Customers").length, data.customers.length + 1);
  assert.equal(read.rows("Transactions").length, data.transactions.length + 1);
  assert.equal(read.rows("Action history").length, data.actions.length + 1);
});

test("a period is in the header", async (f) => {
  const data = await f.ledger.export.workbook(OWNER, {
    from: "2026-01-01",
    to: "2026-01-31",
  }) as ShopExport;
  const read = readXlsx(buildWorkbook(data).bytes);
  const period = read.rows("Summary")[2][1];
  assert.match(String(period), /Jan 2026/);
  for (const sheet of read.workbook.SheetNames) {
    assert.equal(
      headerFooter(read.sheetXml(sheet)).header,
      `&C${data.head.shop.name} · ${period}`,
      sheet,
    );
  }
});

test("the statement fits one page wide, portrait, with its running balance and titles", async (f) => {
  const [customer] = await f.db.client.query<{ id: string; full_name: string }>(
    `select c.id::text, c.full_name from public.customers as c where c.shop_id = $1
      order by (select count(*) from public.transactions as t where t.customer_id = c.id) desc
      limit 1`,
    [f.shopId],
  );
  const data = await f.ledger.export.workbook(OWNER, {
    customerId: Number(customer.id),
  }) as StatementExport;
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  const rows = read.rows("Statement");
  const headerRow = rows.findIndex((r) => r[0] === "Date (UTC)") + 1;
  assert.ok(headerRow > 1);
  assert.equal(rows[headerRow - 1][4], "Balance", "the running balance is a column of the page");
  assertPrintable(read, built.bytes, {
    header: `${data.head.shop.name} · Statement: ${customer.full_name} · all time`,
    footer: "Page &P of &N",
    titles: { Statement: headerRow },
  });
  assert.equal(pageSetup(read.sheetXml("Statement")).orientation, "portrait");
});

test("an Arabic shop: Arabic header and footer, its name with & < > escaped, sheets right to left", async (f) => {
  const data = await f.ledger.export.workbook(ARABIC_OWNER, {
    from: "2026-01-01",
    to: "2026-01-31",
  }) as ShopExport;
  assert.equal(data.head.shop.name, ARABIC_SHOP);
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  const period = String(read.rows("الملخص")[2][1]);
  assert.match(period, /[\u0600-\u06FF]/, "the period is in Arabic");
  // In Excel's codes a literal & is &&; in the XML it is then &amp;&amp;, < and > entities.
  const code = `${ARABIC_SHOP.replaceAll("&", "&&")} · ${period}`;
  assertPrintable(read, built.bytes, {
    header: code,
    footer: "صفحة &P من &N",
    titles: { "الملخص": null, "الزبائن": 1, "الحركات": 1, "المصاريف": 1, "سجل العمليات": 1 },
  });
  for (const sheet of read.workbook.SheetNames) {
    const xml = read.sheetXml(sheet);
    assert.match(xml, /<sheetView rightToLeft="1" workbookViewId="0">/, sheet);
    const { rawHeader } = headerFooter(xml);
    assert.ok(
      rawHeader.includes("دكان &quot;أبو علي&quot; &amp;&amp; &lt;أولاده&gt;"),
      `${sheet}: ${rawHeader}`,
    );
    assert.doesNotMatch(rawHeader, /[<>]|[\u2068\u2069]/, `${sheet}: no raw < > nor isolates`);
  }
  assert.equal(pageSetup(read.sheetXml("الملخص")).orientation, "portrait");
  assert.equal(pageSetup(read.sheetXml("الحركات")).orientation, "landscape");
});

test("an Arabic statement has the Arabic header", async (f) => {
  const [customer] = await f.db.client.query<{ id: string; full_name: string }>(
    "select id::text, full_name from public.customers where shop_id = $1 order by id limit 1",
    [f.arabicShopId],
  );
  const data = await f.ledger.export.workbook(ARABIC_OWNER, {
    customerId: Number(customer.id),
  }) as StatementExport;
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  const rows = read.rows("كشف الحساب");
  const headerRow = rows.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("التاريخ")) +
    1;
  assert.ok(headerRow > 1);
  assertPrintable(read, built.bytes, {
    header: `${ARABIC_SHOP.replaceAll("&", "&&")} · كشف حساب: ${customer.full_name} · كل الفترات`,
    footer: "صفحة &P من &N",
    titles: { "كشف الحساب": headerRow },
  });
});

Deno.test("header and footer codes: & doubled, page fields, cut at Excel's 255", () => {
  assert.equal(
    headerFooterCode({ left: "A & B", center: `Page ${PAGE_NUMBER} of ${PAGE_COUNT}`, right: "x" }),
    "&LA && B&CPage &P of &N&Rx",
  );
  assert.equal(headerFooterCode({}), "");
  assert.equal(headerFooterCode({ center: "a\u0001b\nc" }), "&Cab\nc");
  const long = headerFooterCode({ center: "&".repeat(300) });
  assert.ok(long.length <= 255);
  assert.match(long, /^&C(&&)+$/, "never half of an escaped &");
  const arabic = headerFooterCode({ center: "د".repeat(400) });
  assert.equal(arabic.length, 255);
});

Deno.test("the writer: orientation by column count or as asked; no header/footer when none given", () => {
  const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
  const columns = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ header: `c${i}`, width: 10 }));
  for (
    const [name, n, print] of [
      ["Six", 6, undefined],
      ["Seven", 7, undefined],
      ["Forced", 7, { orientation: "portrait" as const }],
    ] as const
  ) {
    const sheet = book.sheet(name, columns(n), { print });
    sheet.headers();
    sheet.row().text("x");
    sheet.end();
  }
  const read = readXlsx(book.finish());
  assert.equal(pageSetup(read.sheetXml("Six")).orientation, "portrait");
  assert.equal(pageSetup(read.sheetXml("Seven")).orientation, "landscape");
  assert.equal(pageSetup(read.sheetXml("Forced")).orientation, "portrait");
  for (const sheet of read.workbook.SheetNames) {
    const xml = read.sheetXml(sheet);
    assert.doesNotMatch(xml, /<headerFooter/, sheet);
    const names = topLevelElements(xml);
    assert.deepEqual(names, [
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "autoFilter",
      "pageMargins",
      "pageSetup",
    ]);
  }
  assert.deepEqual(
    [...definedNames(read)].filter(([k]) => k.startsWith("_xlnm.Print_Titles")),
    [
      ["_xlnm.Print_Titles@0", "'Six'!$1:$1"],
      ["_xlnm.Print_Titles@1", "'Seven'!$1:$1"],
      ["_xlnm.Print_Titles@2", "'Forced'!$1:$1"],
    ],
  );
});
