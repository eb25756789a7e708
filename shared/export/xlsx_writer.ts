/**
 * A small, fast .xlsx (SpreadsheetML) writer made for an edge function's budget.
 *
 * Measured on 2,000 customers + 50,000 transactions + 52,000 log rows (see the README's
 * "Export" section): xlsx 0.18.5 needs 3–5 s of CPU and 0.6–1 GB, exceljs 3–6 s and
 * 270–940 MB, this writer a few hundred milliseconds and tens of MB. It gets there by
 * writing each cell's XML straight into one reusable byte buffer (no cell objects, no
 * strings per cell), numbers exactly from integers (money from minor units, dates from
 * whole seconds), strings once each into the shared-strings table, and deflating each
 * part with the runtime's native zlib.
 *
 * What it writes: typed cells (text, money in the shop currency's number format,
 * date-times, dates, integers), bold headers, frozen header rows, column widths,
 * autofilters, and a print page setup on every sheet (see {@link PageSetup}: fit to one
 * page wide, landscape for wide sheets, the header row repeated on each page, margins,
 * a page header and footer). Nothing else (no formulas, merges, images).
 *
 * @example
 * const book = new XlsxBook({ decimals: 2, moneyFormat: moneyFormat("USD", 2) });
 * const sheet = book.sheet("Customers", [{ header: "Name", width: 24 }, { header: "Balance", width: 14 }]);
 * sheet.headers();
 * sheet.row().text("John Smith").money(5000);
 * sheet.end();
 * const bytes = book.finish();
 */
import { zoneOffsets } from "../domain/periods.ts";
import { type ZipPart, ZipWriter } from "./zip.ts";

/** One column of a sheet: its header and width (in characters). */
export interface Column {
  header: string;
  width: number;
}

/** Cell styles (indexes into cellXfs in styles.xml). */
export const STYLE = {
  plain: 0,
  money: 1,
  dateTime: 2,
  date: 3,
  integer: 4,
  header: 5,
  title: 6,
  moneyBold: 7,
  bold: 8,
} as const;
export type Style = typeof STYLE[keyof typeof STYLE];

/** In a page header or footer text: the page number (Excel's `&P`). */
export const PAGE_NUMBER = "\uE000";
/** In a page header or footer text: the number of pages (Excel's `&N`). */
export const PAGE_COUNT = "\uE001";

/**
 * A page header or footer: plain text per section (left, center, right), where
 * {@link PAGE_NUMBER} and {@link PAGE_COUNT} stand for the page fields. The writer turns
 * it into Excel's codes (`&C`, `&P`, a literal `&` as `&&`), XML-escaped.
 */
export interface HeaderFooterText {
  left?: string;
  center?: string;
  right?: string;
}

/**
 * How a sheet prints. Every sheet gets one: A4, fitted to one page wide (as many pages
 * tall as it needs), landscape when it has more than {@link LANDSCAPE_ABOVE} columns,
 * its headers row (the first {@link SheetWriter.headers}) repeated at the top of each page,
 * margins, and the header and footer given here.
 */
export interface PageSetup {
  /** Overrides the choice by column count. */
  orientation?: "portrait" | "landscape";
  header?: HeaderFooterText;
  footer?: HeaderFooterText;
}

/** Sheets with more columns than this print landscape. */
export const LANDSCAPE_ABOVE = 6;

/** Options for {@link XlsxBook}. */
export interface BookOptions {
  /** Decimals of the currency: money cells are written as minor units / 10^decimals, exactly. */
  decimals: number;
  /** The Excel number format of money cells, e.g. from {@link moneyFormat}. */
  moneyFormat: string;
  /** Deflate level of the parts: 0 stores them, 1 is fastest, 6 is zlib's default. */
  compressionLevel?: number;
  /** The workbook's title (document properties). */
  title?: string;
  /** When it was made (document properties and ZIP timestamps). */
  created?: Date;
  /**
   * The IANA zone date cells are written in (UTC by default): Excel dates have no zone, so
   * each is the wall-clock time there, DST included.
   */
  timeZone?: string;
  /** Sheets read right to left (Arabic): the `rightToLeft` sheet view. */
  rightToLeft?: boolean;
  /** Number formats of date-time and date cells (ISO by default: `yyyy-mm-dd hh:mm`, `yyyy-mm-dd`). */
  dateTimeFormat?: string;
  dateFormat?: string;
  /** The page setup of every sheet (a sheet's own `print` option replaces parts of it). */
  print?: PageSetup;
}

/** Excel's hard limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_CELL_TEXT = 32_767;

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// deno-lint-ignore no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as XML character data: &, <, >, " escaped; characters XML cannot hold dropped. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(INVALID_XML, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/**
 * The number format of money in a currency: the symbol Intl gives (e.g. "$", "₪", or
 * the code for currencies without one) before the amount, with the currency's decimals:
 * `"$"#,##0.00`, `"JOD "#,##0.000`, `"¥"#,##0`. With `symbolAfter` (Arabic, as CLDR writes
 * it) the symbol follows the amount: `#,##0.00" ₪"`.
 */
export function moneyFormat(
  currency: string,
  decimals: number,
  options: { symbolAfter?: boolean } = {},
): string {
  let symbol = currency;
  try {
    symbol = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
    }).formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
  } catch { /* unknown to Intl: use the code */ }
  const number = decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
  if (options.symbolAfter) return `${number}" ${symbol.replaceAll('"', "")}"`;
  const spaced = /\p{L}$/u.test(symbol) ? `${symbol} ` : symbol;
  const quoted = `"${spaced.replaceAll('"', "")}"`;
  return `${quoted}${number}`;
}

/** A growable byte buffer written from the front; reused sheet after sheet. */
class ByteSink {
  buf = new Uint8Array(1 << 16);
  pos = 0;

  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = Math.ceil(this.buf.length * 1.5);
    while (size < this.pos + extra) size = Math.ceil(size * 1.5);
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

// The writers below write into a buffer that already has room (one check per cell):
// each takes the position and returns the next one.

/** Copies a short byte string (a loop beats TypedArray.set for a few bytes). */
function put(buf: Uint8Array, p: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[p + i] = b[i];
  return p + b.length;
}

/** A non-negative safe integer in decimal. */
function putUint(buf: Uint8Array, p: number, n: number): number {
  if (n < 10) {
    buf[p] = 48 + n;
    return p + 1;
  }
  let digits = 0;
  if (n < 2_147_483_648) {
    for (let m = n; m > 0; m = (m / 10) | 0) digits++;
    for (let i = p + digits - 1; i >= p; i--) {
      const q = (n / 10) | 0;
      buf[i] = 48 + n - q * 10;
      n = q;
    }
  } else {
    for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
    for (let i = p + digits - 1; i >= p; i--) {
      const q = Math.floor(n / 10);
      buf[i] = 48 + n - q * 10;
      n = q;
    }
  }
  return p + digits;
}

/** `value` as exactly `width` digits, zero-padded on the left. */
function putPadded(buf: Uint8Array, p: number, value: number, width: number): number {
  for (let i = p + width - 1; i >= p; i--) {
    const q = Math.floor(value / 10);
    buf[i] = 48 + value - q * 10;
    value = q;
  }
  return p + width;
}

/** A sheet's XML goes to the ZIP part (and is deflated) in chunks of about this size. */
const FLUSH_AT = 1 << 20;

/** The most one cell can take: `<c r="XFD1048576" t="s" s="8"><v>` + a 22-byte number + `</v></c>`. */
const CELL_ROOM = 96;

const V_CLOSE = ascii("</v></c>");
const ROW_OPEN = ascii('<row r="');
const ROW_OPEN_END = ascii('">');
const ROW_CLOSE = ascii("</row>");
const STYLE_COUNT = 9;
const TEXT_MID = Array.from(
  { length: STYLE_COUNT },
  (_, s) => ascii(s ? `" t="s" s="${s}"><v>` : '" t="s"><v>'),
);
const NUMBER_MID = Array.from(
  { length: STYLE_COUNT },
  (_, s) => ascii(s ? `" s="${s}"><v>` : '"><v>'),
);
/** `<c r="` + the column's letters, per column. */
const CELL_OPEN: Uint8Array[] = [];

function cellOpen(index: number): Uint8Array {
  return CELL_OPEN[index] ??= ascii(`<c r="${columnName(index)}`);
}

/** Seconds since 1970 (UTC) to Excel's day count (1899-12-30 = 0). */
const EXCEL_EPOCH_DAYS = 25_569;
const DAY = 86_400;
/** Ten decimals of a day: under a millisecond, and short. */
const DAY_FRACTION_DIGITS = 10;
const DAY_FRACTION_SCALE = 10 ** DAY_FRACTION_DIGITS;

/** A workbook being written: sheets one after the other, then {@link finish}. */
export class XlsxBook {
  readonly #options:
    & Required<Pick<BookOptions, "decimals" | "moneyFormat" | "compressionLevel" | "created">>
    & BookOptions;
  readonly #offset: (seconds: number) => number;
  readonly #zip: ZipWriter;
  readonly #sink = new ByteSink();
  readonly #strings = new Map<string, number>();
  readonly #stringList: string[] = [];
  #stringRefs = 0;
  readonly #sheets: SheetRefs[] = [];
  #open: SheetWriter | undefined;
  #finished = false;

  constructor(options: BookOptions) {
    if (!Number.isInteger(options.decimals) || options.decimals < 0 || options.decimals > 6) {
      throw new RangeError(`decimals must be 0 to 6, not ${options.decimals}`);
    }
    this.#options = { compressionLevel: 6, created: new Date(), ...options };
    this.#offset = zoneOffsets(options.timeZone ?? "UTC");
    this.#zip = new ZipWriter({
      level: this.#options.compressionLevel,
      modified: this.#options.created,
    });
  }

  /**
   * Starts the next sheet (the previous one must be ended). Names follow Excel's rules.
   * `rows`, the exact number of rows it will have when known, lets a large sheet keep
   * its `<dimension>` (a small one always has it).
   */
  sheet(
    name: string,
    columns: readonly Column[],
    options: { rows?: number; print?: PageSetup } = {},
  ): SheetWriter {
    if (this.#finished) throw new Error("the workbook is finished");
    if (this.#open) throw new Error(`sheet "${this.#open.name}" is not ended`);
    checkSheetName(name, this.#sheets.map((s) => s.name));
    if (columns.length === 0 || columns.length > 200) throw new RangeError("1 to 200 columns");
    this.#sink.pos = 0;
    const part = this.#zip.part(`xl/worksheets/sheet${this.#sheets.length + 1}.xml`);
    this.#open = new SheetWriter(this, this.#sink, part, name, columns, {
      decimals: this.#options.decimals,
      rows: options.rows,
      offset: this.#offset,
      rightToLeft: this.#options.rightToLeft ?? false,
      print: { ...this.#options.print, ...options.print },
    });
    return this.#open;
  }

  /** The shared-strings index of `text` (added when new). */
  stringId(text: string): number {
    let id = this.#strings.get(text);
    if (id === undefined) {
      id = this.#stringList.length;
      this.#strings.set(text, id);
      this.#stringList.push(text);
    }
    return id;
  }

  /** @internal Counts one cell that uses a shared string. */
  countStringRef(): void {
    this.#stringRefs++;
  }

  /** @internal Called by SheetWriter.end once its part is written. */
  sheetDone(refs: SheetRefs): void {
    this.#sheets.push(refs);
    this.#open = undefined;
  }

  /** Writes the remaining parts and returns the .xlsx file's bytes. */
  finish(): Uint8Array {
    if (this.#open) throw new Error(`sheet "${this.#open.name}" is not ended`);
    if (this.#sheets.length === 0) throw new Error("a workbook needs at least one sheet");
    if (this.#finished) throw new Error("the workbook is finished");
    this.#finished = true;
    const sheets = this.#sheets;
    const zip = this.#zip;
    this.#sharedStrings(zip.part("xl/sharedStrings.xml"));
    zip.add(
      "xl/styles.xml",
      encoder.encode(stylesXml(this.#options.moneyFormat, {
        dateTime: this.#options.dateTimeFormat ?? "yyyy-mm-dd hh:mm",
        date: this.#options.dateFormat ?? "yyyy-mm-dd",
      })),
    );
    zip.add("xl/workbook.xml", encoder.encode(workbookXml(sheets)));
    zip.add(
      "xl/_rels/workbook.xml.rels",
      ascii(
        XML_HEAD + `<Relationships xmlns="${NS_PKG_REL}">` +
          sheets.map((_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${
              i + 1
            }.xml"/>`
          ).join("") +
          `<Relationship Id="rId${
            sheets.length + 1
          }" Type="${NS_REL}/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId${
            sheets.length + 2
          }" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
          "</Relationships>",
      ),
    );
    zip.add("docProps/core.xml", encoder.encode(coreXml(this.#options)));
    zip.add(
      "_rels/.rels",
      ascii(
        XML_HEAD + `<Relationships xmlns="${NS_PKG_REL}">` +
          `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
          `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
          "</Relationships>",
      ),
      { first: true },
    );
    zip.add("[Content_Types].xml", ascii(contentTypesXml(sheets.length)), { first: true });
    this.#sink.buf = new Uint8Array(0);
    return zip.finish();
  }

  #sharedStrings(part: ZipPart): void {
    let chunk = XML_HEAD +
      `<sst xmlns="${NS_MAIN}" count="${this.#stringRefs}" uniqueCount="${this.#stringList.length}">`;
    for (const text of this.#stringList) {
      const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
      chunk += `<si><t${preserve}>${escapeXml(text)}</t></si>`;
      if (chunk.length > FLUSH_AT / 2) {
        part.write(encoder.encode(chunk));
        chunk = "";
      }
    }
    part.write(encoder.encode(chunk + "</sst>"));
    part.end();
  }
}

/**
 * Writes one sheet, row by row, cell by cell from the first column: each cell call
 * fills the next column; null, undefined and "" leave it empty.
 */
export class SheetWriter {
  #row = 0;
  #col = 0;
  /** The current row number's digits (reused: no allocation per row). */
  readonly #rowDigits = new Uint8Array(8);
  #rowDigitCount = 0;
  #headerRow = 0;
  #maxCol = 0;
  /** Where the rows start in the first chunk: room for the head, written at the first flush. */
  readonly #start: number;
  #headWritten = false;
  readonly #decimals: number;
  readonly #scale: number;
  readonly #rows: number | undefined;
  readonly #offset: (seconds: number) => number;
  readonly #rightToLeft: boolean;
  readonly #print: PageSetup;

  constructor(
    private readonly book: XlsxBook,
    private readonly sink: ByteSink,
    private readonly part: ZipPart,
    readonly name: string,
    readonly columns: readonly Column[],
    options: {
      decimals: number;
      rows?: number;
      offset?: (seconds: number) => number;
      rightToLeft?: boolean;
      print?: PageSetup;
    },
  ) {
    this.#start = 1024 + 80 * columns.length;
    sink.ensure(this.#start);
    sink.pos = this.#start;
    this.#decimals = options.decimals;
    this.#scale = 10 ** options.decimals;
    this.#rows = options.rows;
    this.#offset = options.offset ?? (() => 0);
    this.#rightToLeft = options.rightToLeft ?? false;
    this.#print = options.print ?? {};
  }

  /** The number of the row being written (1-based; 0 before the first). */
  get rowNumber(): number {
    return this.#row;
  }

  /** Starts the next row. */
  row(): this {
    const sink = this.sink;
    if (this.#row >= MAX_ROWS) throw new RangeError(`more than ${MAX_ROWS} rows in "${this.name}"`);
    if (sink.pos >= FLUSH_AT) this.#flush(false);
    sink.ensure(32);
    const buf = sink.buf;
    let p = sink.pos;
    if (this.#row > 0) p = put(buf, p, ROW_CLOSE);
    this.#row++;
    this.#col = 0;
    this.#rowDigitCount = putUint(this.#rowDigits, 0, this.#row);
    p = put(buf, p, ROW_OPEN);
    p = this.#putRowDigits(buf, p);
    sink.pos = put(buf, p, ROW_OPEN_END);
    return this;
  }

  /** An empty row. */
  blank(): this {
    return this.row();
  }

  /**
   * The column headers as a bold row. The first headers row is frozen (it stays on
   * screen while scrolling) and starts the autofilter.
   */
  headers(): this {
    if (this.#headWritten && this.#headerRow === 0) {
      throw new Error("headers() must come within the sheet's first rows (before 1 MB of XML)");
    }
    this.row();
    for (const c of this.columns) this.text(c.header, STYLE.header);
    if (this.#headerRow === 0) this.#headerRow = this.#row;
    return this;
  }

  /** Leaves `count` cells empty. */
  skip(count = 1): this {
    this.#col += count;
    return this;
  }

  #putRowDigits(buf: Uint8Array, p: number): number {
    const digits = this.#rowDigits;
    const count = this.#rowDigitCount;
    for (let i = 0; i < count; i++) buf[p + i] = digits[i];
    return p + count;
  }

  /** Opens the next cell (`<c r="B12" … ><v>`) with room for its value; returns the position. */
  #open(mid: Uint8Array): number {
    if (this.#row === 0) throw new Error("call row() before writing cells");
    const sink = this.sink;
    if (sink.pos + CELL_ROOM > sink.buf.length) sink.ensure(CELL_ROOM);
    let p = put(sink.buf, sink.pos, cellOpen(this.#col));
    p = this.#putRowDigits(sink.buf, p);
    if (++this.#col > this.#maxCol) this.#maxCol = this.#col;
    return put(sink.buf, p, mid);
  }

  /** Ends the cell whose value ends at `p`. */
  #close(p: number): this {
    this.sink.pos = put(this.sink.buf, p, V_CLOSE);
    return this;
  }

  /** A text cell (shared string). */
  text(value: string | null | undefined, style: Style = STYLE.plain): this {
    if (value === null || value === undefined || value === "") {
      this.#col++;
      return this;
    }
    const text = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
    return this.textId(this.book.stringId(text), style);
  }

  /**
   * A text cell by its shared-string index ({@link XlsxBook.stringId}): for text that
   * repeats (names), look it up once instead of once per cell.
   */
  textId(id: number, style: Style = STYLE.plain): this {
    this.book.countStringRef();
    const p = this.#open(TEXT_MID[style]);
    return this.#close(putUint(this.sink.buf, p, id));
  }

  /** A money cell from minor units (a safe integer), written exactly: 125050 → 1250.50. */
  money(minor: number | null | undefined, style: Style = STYLE.money): this {
    if (minor === null || minor === undefined) {
      this.#col++;
      return this;
    }
    if (!Number.isSafeInteger(minor)) throw new RangeError(`not a minor-unit amount: ${minor}`);
    let p = this.#open(NUMBER_MID[style]);
    const buf = this.sink.buf;
    if (minor < 0) {
      buf[p++] = 45; // -
      minor = -minor;
    }
    if (this.#decimals === 0) return this.#close(putUint(buf, p, minor));
    const whole = Math.floor(minor / this.#scale);
    p = putUint(buf, p, whole);
    buf[p++] = 46; // .
    return this.#close(putPadded(buf, p, minor - whole * this.#scale, this.#decimals));
  }

  /** A date-time cell from whole seconds since 1970 (UTC), shown in the book's time zone. */
  dateTime(seconds: number | null | undefined, style: Style = STYLE.dateTime): this {
    return this.#serial(seconds, style);
  }

  /** A date cell from whole seconds since 1970 (UTC), in the book's zone; the time of day is kept but not shown. */
  date(seconds: number | null | undefined, style: Style = STYLE.date): this {
    return this.#serial(seconds, style);
  }

  #serial(seconds: number | null | undefined, style: Style): this {
    if (seconds === null || seconds === undefined) {
      this.#col++;
      return this;
    }
    if (!Number.isSafeInteger(seconds)) throw new RangeError(`not whole seconds: ${seconds}`);
    seconds += this.#offset(seconds);
    const days = Math.floor(seconds / DAY);
    const serial = days + EXCEL_EPOCH_DAYS;
    if (serial < 1) throw new RangeError("dates before 1900 cannot be written");
    const start = this.#open(NUMBER_MID[style]);
    const buf = this.sink.buf;
    let p = putUint(buf, start, serial);
    const rest = seconds - days * DAY;
    if (rest > 0) {
      let fraction = Math.round(rest * DAY_FRACTION_SCALE / DAY);
      let digits = DAY_FRACTION_DIGITS;
      while (fraction % 10 === 0) {
        fraction /= 10;
        digits--;
      }
      buf[p++] = 46; // .
      p = putPadded(buf, p, fraction, digits);
    }
    return this.#close(p);
  }

  /**
   * A calendar day (YYYY-MM-DD, e.g. a due date) as an Excel date: the day itself, with no
   * time zone shift (it is already the shop's day).
   */
  day(iso: string | null | undefined, style: Style = STYLE.date): this {
    const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
    if (iso && !m) throw new RangeError(`not a day: ${iso}`);
    if (!m) {
      this.#col++;
      return this;
    }
    const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / (DAY * 1000);
    const serial = days + EXCEL_EPOCH_DAYS;
    if (serial < 1) throw new RangeError("dates before 1900 cannot be written");
    const p = this.#open(NUMBER_MID[style]);
    return this.#close(putUint(this.sink.buf, p, serial));
  }

  /** An integer cell (counts), shown with thousands separators. */
  integer(value: number | null | undefined, style: Style = STYLE.integer): this {
    if (value === null || value === undefined) {
      this.#col++;
      return this;
    }
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
    let p = this.#open(NUMBER_MID[style]);
    const buf = this.sink.buf;
    if (value < 0) {
      buf[p++] = 45;
      value = -value;
    }
    return this.#close(putUint(buf, p, value));
  }

  /**
   * Hands what is written so far to the ZIP part (deflated there) and empties the
   * buffer, so a sheet's XML is never in memory whole. The first flush puts the sheet's
   * head (dimension, frozen pane, column widths) in the room kept before the rows.
   */
  #flush(last: boolean): void {
    const sink = this.sink;
    let from = 0;
    if (!this.#headWritten) {
      const head = ascii(this.#head(last));
      if (head.length > this.#start) throw new Error("sheet head larger than reserved");
      from = this.#start - head.length;
      sink.buf.set(head, from);
      this.#headWritten = true;
    }
    this.part.write(sink.buf.subarray(from, sink.pos));
    sink.pos = 0;
  }

  #head(last: boolean): string {
    const header = this.#headerRow;
    const rows = last ? Math.max(this.#row, 1) : this.#rows;
    const lastCol = columnName(Math.max(this.#maxCol, this.columns.length, 1) - 1);
    const dimension = rows ? `<dimension ref="A1:${lastCol}${rows}"/>` : "";
    const pane = header > 0
      ? `<pane ySplit="${header}" topLeftCell="A${
        header + 1
      }" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${header + 1}" sqref="A${header + 1}"/>`
      : "";
    const cols = this.columns.map((c, i) =>
      `<col min="${i + 1}" max="${i + 1}" width="${
        Math.min(Math.max(c.width, 2), 100)
      }" customWidth="1"/>`
    ).join("");
    return XML_HEAD + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` + dimension +
      `<sheetViews><sheetView${
        this.#rightToLeft ? ' rightToLeft="1"' : ""
      } workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
  }

  /** The print orientation: as asked, else landscape above {@link LANDSCAPE_ABOVE} columns. */
  get orientation(): "portrait" | "landscape" {
    return this.#print.orientation ??
      (this.columns.length > LANDSCAPE_ABOVE ? "landscape" : "portrait");
  }

  /** What follows the autofilter, in the schema's order: margins, page setup, header and footer. */
  #printXml(): string {
    const { header, footer } = this.#print;
    const odd = (tag: string, text: HeaderFooterText | undefined) => {
      const code = text ? headerFooterCode(text) : "";
      return code ? `<${tag}>${escapeXml(code)}</${tag}>` : "";
    };
    const texts = odd("oddHeader", header) + odd("oddFooter", footer);
    return `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<pageSetup paperSize="9" orientation="${this.orientation}" fitToWidth="1" fitToHeight="0"/>` +
      (texts ? `<headerFooter>${texts}</headerFooter>` : "");
  }

  /** Finishes the sheet: frozen header, column widths, autofilter, dimension, page setup. */
  end(): void {
    const sink = this.sink;
    if (this.#row > 0) sink.bytes(ROW_CLOSE);
    if (this.#headWritten && this.#rows !== undefined && this.#rows !== this.#row) {
      throw new Error(
        `sheet "${this.name}" has ${this.#row} rows, not the ${this.#rows} announced`,
      );
    }
    const lastRow = Math.max(this.#row, 1);
    const filterCol = columnName(this.columns.length - 1);
    const header = this.#headerRow;
    const filter = header > 0 ? `A${header}:${filterCol}${Math.max(lastRow, header)}` : undefined;
    sink.bytes(encoder.encode(
      `</sheetData>${filter ? `<autoFilter ref="${filter}"/>` : ""}${this.#printXml()}</worksheet>`,
    ));
    this.#flush(true);
    this.part.end();
    this.book.sheetDone({
      name: this.name,
      filter: filter ? `$A$${header}:$${filterCol}$${Math.max(lastRow, header)}` : undefined,
      titles: header > 0 ? `$${header}:$${header}` : undefined,
    });
  }
}

/** Excel's limit on one header or footer (all its sections and codes). */
const HEADER_FOOTER_MAX = 255;

/**
 * A header or footer as Excel's codes: `&L`, `&C`, `&R` start the sections, a literal `&`
 * is `&&`, {@link PAGE_NUMBER} and {@link PAGE_COUNT} become `&P` and `&N`; line breaks
 * stay, other control characters go. Cut (by whole characters) to Excel's 255. Not yet
 * XML-escaped.
 */
export function headerFooterCode(text: HeaderFooterText): string {
  let code = "";
  const sections: [string, string | undefined][] = [
    ["&L", text.left],
    ["&C", text.center],
    ["&R", text.right],
  ];
  for (const [start, section] of sections) {
    if (!section) continue;
    if (code.length + start.length >= HEADER_FOOTER_MAX) break;
    code += start;
    for (const ch of section) {
      const piece = ch === "&"
        ? "&&"
        : ch === PAGE_NUMBER
        ? "&P"
        : ch === PAGE_COUNT
        ? "&N"
        : ch === "\n" || ch >= " "
        ? ch
        : "";
      if (code.length + piece.length > HEADER_FOOTER_MAX) return code;
      code += piece;
    }
  }
  return code;
}

/** What workbook.xml says about a finished sheet: its name, autofilter, rows printed on each page. */
interface SheetRefs {
  name: string;
  /** The autofilter's range (`$A$3:$D$8`). */
  filter?: string;
  /** The rows repeated at the top of each printed page (`$3:$3`). */
  titles?: string;
}

/** Refuses names Excel would refuse or repair: empty, over 31 characters, []:*?/\, 'History', duplicates. */
export function checkSheetName(name: string, taken: readonly string[] = []): void {
  if (!name || name.length > 31 || /[\[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new RangeError(`not a valid sheet name: ${JSON.stringify(name)}`);
  }
  // Excel reserves "History" (for change tracking) and refuses or renames such a sheet.
  if (name.toLowerCase() === "history") throw new RangeError('Excel reserves the name "History"');
  if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) {
    throw new RangeError(`two sheets named ${JSON.stringify(name)}`);
  }
}

function quoteSheetName(name: string): string {
  return `'${name.replaceAll("'", "''")}'`;
}

function workbookXml(sheets: readonly SheetRefs[]): string {
  const names = sheets.map((s, i) => {
    const sheet = escapeXml(quoteSheetName(s.name));
    return (s.filter
      ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sheet}!${s.filter}</definedName>`
      : "") +
      (s.titles
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${sheet}!${s.titles}</definedName>`
        : "");
  }).join("");
  return XML_HEAD + `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    sheets.map((s, i) =>
      `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`
    ).join("") +
    `</sheets>${names ? `<definedNames>${names}</definedNames>` : ""}</workbook>`;
}

function stylesXml(money: string, dates: { dateTime: string; date: string }): string {
  const f = (numFmt: number, font: number, fill = 0) =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${
      numFmt ? ' applyNumberFormat="1"' : ""
    }${font ? ' applyFont="1"' : ""}${fill ? ' applyFill="1"' : ""}/>`;
  // Order matches STYLE.
  const xfs = [
    f(0, 0), // plain
    f(164, 0), // money
    f(165, 0), // date-time
    f(166, 0), // date
    f(3, 0), // integer #,##0
    f(0, 1, 2), // header: bold on light grey
    f(0, 2), // title: bold, larger
    f(164, 1), // money, bold
    f(0, 1), // bold
  ];
  return XML_HEAD + `<styleSheet xmlns="${NS_MAIN}">` +
    `<numFmts count="3"><numFmt numFmtId="164" formatCode="${escapeXml(money)}"/>` +
    `<numFmt numFmtId="165" formatCode="${escapeXml(dates.dateTime)}"/>` +
    `<numFmt numFmtId="166" formatCode="${escapeXml(dates.date)}"/></numFmts>` +
    `<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
    `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
    `<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>` +
    `<fills count="3"><fill><patternFill patternType="none"/></fill>` +
    `<fill><patternFill patternType="gray125"/></fill>` +
    `<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `</styleSheet>`;
}

function contentTypesXml(sheetCount: number): string {
  const ct = "application/vnd.openxmlformats-officedocument";
  let overrides = "";
  for (let i = 1; i <= sheetCount; i++) {
    overrides +=
      `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`;
  }
  return XML_HEAD +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
    overrides +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `</Types>`;
}

function coreXml(options: { title?: string; created: Date }): string {
  const when = options.created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return XML_HEAD +
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    (options.title ? `<dc:title>${escapeXml(options.title)}</dc:title>` : "") +
    `<dc:creator>PayTrack</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    `</cp:coreProperties>`;
}
