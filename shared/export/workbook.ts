/**
 * The /export workbook: turns what `export_workbook` returned into an .xlsx file.
 * Pure (no I/O) and loaded lazily by the bot, so its cost is paid only by /export.
 *
 * The whole shop: Summary, Customers, Transactions, Spending, Action history (Excel
 * reserves the sheet name "History"). One customer: a Statement with a running balance.
 * Amounts are numbers in the shop currency's format, times are Excel dates (UTC),
 * header rows are frozen, columns sized and filterable.
 */
import type { ExportHead, MemberRow, ShopExport, StatementExport } from "../db/ledger/export.ts";
import { dayOf, monthName, monthOf, periodText, wholeMonth } from "../domain/periods.ts";
import { moneyFormat, type SheetWriter, STYLE, XlsxBook } from "./xlsx_writer.ts";

/** A built workbook, ready to send. */
export interface BuiltWorkbook {
  bytes: Uint8Array;
  fileName: string;
  /** Sheet names, in order. */
  sheets: string[];
  /** Data rows written (all sheets). */
  rows: number;
}

/** Options for {@link buildWorkbook}. */
export interface BuildOptions {
  /** Deflate level (default 6 for small files, 1 for large ones; 0 stores). */
  compressionLevel?: number;
}

/** Sheet names. */
export const SHEETS = {
  summary: "Summary",
  customers: "Customers",
  transactions: "Transactions",
  spending: "Spending",
  history: "Action history",
  statement: "Statement",
} as const;

/**
 * Deflate level by size (measured on 32 MB of sheet XML: level 1 89 ms → 8.2 MB,
 * level 2 133 ms → 5.9 MB, level 6 497 ms → 4.9 MB): small files get the smallest
 * output, large ones the CPU they need.
 */
export function compressionFor(rows: number): number {
  return rows <= 20_000 ? 6 : rows <= 120_000 ? 2 : 1;
}

/** Builds the workbook for a whole-shop export or a customer statement. */
export function buildWorkbook(
  data: ShopExport | StatementExport,
  options: BuildOptions = {},
): BuiltWorkbook {
  const rows = data.kind === "shop"
    ? data.customers.length + data.transactions.length + data.actions.length +
      data.expenses.length
    : data.rows.length;
  const book = new XlsxBook({
    decimals: data.head.shop.minor_unit,
    moneyFormat: moneyFormat(data.head.shop.currency, data.head.shop.minor_unit),
    compressionLevel: options.compressionLevel ?? compressionFor(rows),
    created: new Date(data.head.generated_at * 1000),
    title: data.kind === "shop"
      ? `${data.head.shop.name} — PayTrack`
      : `${data.customer.full_name} — statement from ${data.head.shop.name}`,
  });
  const sheets = data.kind === "shop" ? writeShop(book, data) : writeStatement(book, data);
  return { bytes: book.finish(), fileName: exportFileName(data), sheets, rows };
}

/** `paytrack-<shop>-<date>.xlsx`; a statement adds the customer, a period replaces the date. */
export function exportFileName(data: ShopExport | StatementExport | { head: ExportHead }): string {
  const { head } = data;
  const period = periodSlug(head.period);
  const date = period ?? isoDay(head.generated_at);
  const who = "kind" in data && data.kind === "statement"
    ? `-statement-${slug(data.customer.full_name)}`
    : "";
  return `paytrack-${slug(head.shop.name)}${who}-${date}.xlsx`;
}

/** Letters and digits of any script kept, everything else a single dash, at most 40 characters. */
export function slug(text: string): string {
  const s = text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return [...s].slice(0, 40).join("").replace(/-+$/, "") || "shop";
}

function periodSlug(period: ExportHead["period"]): string | undefined {
  const { from, to } = period;
  if (!from && !to) return undefined;
  return wholeMonth(period) ?? `${from ?? "start"}_${to ?? "today"}`;
}

function isoDay(seconds: number): string {
  return dayOf(seconds * 1000);
}

/** "Nov 2026": the month of `seconds`, `back` months earlier. */
function monthAgo(seconds: number, back: number): string {
  return monthName(monthOf(seconds * 1000, undefined, back), { short: true });
}

/** Shared-string ids of text that repeats on many rows, looked up once each. */
class TextIds {
  readonly #ids = new Map<string | number, number>();
  constructor(private readonly book: XlsxBook) {}

  /** The id of `text`, cached under `key` (e.g. a customer id). */
  of(key: string | number, text: () => string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.book.stringId(text());
      this.#ids.set(key, id);
    }
    return id;
  }
}

function memberNames(members: MemberRow[]): Map<number, string> {
  return new Map(members.map(([id, name]) => [id, name || `user ${id}`]));
}

const KIND_NAMES: Record<string, string> = { purchase: "Purchase", payment: "Payment" };

/** "purchase_recorded" → "Purchase recorded". */
function actionName(action: string): string {
  const words = action.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function label(sheet: SheetWriter, text: string): SheetWriter {
  return sheet.row().text(text, STYLE.bold);
}

function writeShop(book: XlsxBook, data: ShopExport): string[] {
  const { head, totals } = data;
  const members = memberNames(data.members);
  const names = new Map<number, string>();
  const phones = new Map<number, string | null>();
  const lastPayments = new Map<number, number | null>();
  for (const c of data.customers) {
    names.set(c[0], c[1]);
    phones.set(c[0], c[2]);
    lastPayments.set(c[0], c[7]);
  }

  // Summary ------------------------------------------------------------------
  const summary = book.sheet(SHEETS.summary, [
    { header: "", width: 34 },
    { header: "", width: 22 },
    { header: "", width: 22 },
    { header: "", width: 22 },
  ]);
  summary.row().text(`${head.shop.name} — PayTrack summary`, STYLE.title);
  label(summary, "Exported").dateTime(head.generated_at).text("UTC");
  label(summary, "Period").text(periodText(head.period, { short: true }));
  label(summary, "Currency").text(head.shop.currency);
  summary.blank();
  label(summary, "Customers").integer(totals.active);
  label(summary, "Archived or merged customers").integer(totals.archived);
  label(summary, "Customers who owe").integer(totals.in_debt);
  label(summary, "Total owed to the shop").money(totals.owed, STYLE.moneyBold);
  label(summary, "Advances paid by customers").money(totals.advances);
  label(summary, "Net balance").money(totals.net);
  summary.blank();
  const withPeriod = head.period.from !== null || head.period.to !== null;
  summary.row().text("", STYLE.header)
    .text(`This month (${monthAgo(head.generated_at, 0)})`, STYLE.header)
    .text(`Last month (${monthAgo(head.generated_at, 1)})`, STYLE.header);
  if (withPeriod) {
    summary.text(`Period (${periodText(head.period, { short: true })})`, STYLE.header);
  }
  label(summary, "Sold on credit").money(totals.sold_this_month).money(totals.sold_last_month);
  if (withPeriod) summary.money(totals.sold_in_period);
  label(summary, "Collected (payments)").money(totals.collected_this_month)
    .money(totals.collected_last_month);
  if (withPeriod) summary.money(totals.collected_in_period);
  label(summary, "Spent (the shop's own spending)").money(totals.spent_this_month)
    .money(totals.spent_last_month);
  if (withPeriod) summary.money(totals.spent_in_period);
  summary.blank();
  summary.row().text("Top debtors", STYLE.title);
  summary.row().text("Customer", STYLE.header).text("Phone", STYLE.header)
    .text("Owes", STYLE.header).text("Last payment", STYLE.header);
  if (data.top_debtors.length === 0) summary.row().text("Nobody owes the shop anything.");
  for (const [id, balance] of data.top_debtors) {
    summary.row().text(names.get(id) ?? `#${id}`).text(phones.get(id)).money(balance)
      .dateTime(lastPayments.get(id));
  }
  summary.end();

  // Customers ----------------------------------------------------------------
  const customers = book.sheet(SHEETS.customers, [
    { header: "Name", width: 28 },
    { header: "Phone", width: 16 },
    { header: "Tags", width: 18 },
    { header: "Nicknames (hidden)", width: 20 },
    { header: "Balance", width: 16 },
    { header: "Status", width: 10 },
    { header: withPeriod ? "Bought (period)" : "Bought (all time)", width: 16 },
    { header: withPeriod ? "Paid (period)" : "Paid (all time)", width: 16 },
    { header: "Last purchase (UTC)", width: 18 },
    { header: "Last payment (UTC)", width: 18 },
    { header: "Linked with", width: 24 },
    { header: "Archived (UTC)", width: 18 },
    { header: "Merged into", width: 20 },
  ], { rows: data.customers.length + 1 });
  customers.headers();
  for (const c of data.customers) {
    const balance = c[5];
    customers.row().text(c[1]).text(c[2]).text(c[3]).text(c[4]).money(balance)
      .text(balance > 0 ? "owes" : balance < 0 ? "advance" : "settled")
      .money(c[11]).money(c[12]).dateTime(c[6]).dateTime(c[7]).text(c[8]).dateTime(c[9])
      .text(c[10]);
  }
  customers.end();

  // Transactions -------------------------------------------------------------
  const transactions = book.sheet(SHEETS.transactions, [
    { header: "Date (UTC)", width: 17 },
    { header: "Customer", width: 26 },
    { header: "Type", width: 10 },
    { header: "Amount", width: 14 },
    { header: "Effect on balance", width: 16 },
    { header: "Description", width: 30 },
    { header: "Tags", width: 14 },
    { header: "Recorded by", width: 14 },
    { header: "Balance after", width: 15 },
    { header: "Voided (UTC)", width: 17 },
    { header: "#", width: 8 },
  ], { rows: 1 + (data.transactions.length || 1) });
  transactions.headers();
  const customerText = new TextIds(book);
  const memberText = new TextIds(book);
  const wordText = new TextIds(book);
  const customerName = (id: number) => customerText.of(id, () => names.get(id) ?? `#${id}`);
  const memberName = (id: number) => memberText.of(id, () => members.get(id) ?? `user ${id}`);
  for (const t of data.transactions) {
    const voided = t[9];
    const kind = t[3];
    transactions.row().dateTime(t[1]).textId(customerName(t[2]))
      .textId(wordText.of(kind, () => KIND_NAMES[kind] ?? kind)).money(t[4])
      .money(voided === null ? (kind === "purchase" ? t[4] : -t[4]) : null)
      .text(t[5]).text(t[6]).textId(memberName(t[7])).money(t[8])
      .dateTime(voided).integer(t[0]);
  }
  if (data.transactions.length === 0) {
    transactions.row().skip(1).text("No purchases or payments in this period.");
  }
  transactions.end();

  // Spending -----------------------------------------------------------------
  const spending = book.sheet(SHEETS.spending, [
    { header: "Date (UTC)", width: 17 },
    { header: "Item", width: 28 },
    { header: "Price", width: 14 },
    { header: "Vendor", width: 18 },
    { header: "Category", width: 16 },
    { header: "Recorded by", width: 14 },
    { header: "Voided (UTC)", width: 17 },
    { header: "#", width: 8 },
  ], { rows: 1 + (data.expenses.length || 1) });
  spending.headers();
  for (const e of data.expenses) {
    spending.row().dateTime(e[1]).text(e[2]).money(e[3]).text(e[4]).text(e[5])
      .textId(memberName(e[6])).dateTime(e[7]).integer(e[0]);
  }
  if (data.expenses.length === 0) {
    spending.row().skip(1).text("No spending recorded in this period.");
  }
  spending.end();

  // Action history -------------------------------------------------------------
  const history = book.sheet(SHEETS.history, [
    { header: "Date (UTC)", width: 17 },
    { header: "Who", width: 14 },
    { header: "Action", width: 20 },
    { header: "Customer", width: 26 },
    { header: "Amount", width: 14 },
    { header: "Details", width: 34 },
    { header: "Undone (UTC)", width: 17 },
    { header: "#", width: 8 },
  ], { rows: 1 + (data.actions.length || 1) });
  history.headers();
  for (const a of data.actions) {
    const action = a[3];
    // The actor as they were when they acted (a[8]); today's name for older answers.
    const actor = a[8] ? memberText.of(`then:${a[8]}`, () => a[8]!) : memberName(a[2]);
    history.row().dateTime(a[1]).textId(actor)
      .textId(wordText.of(action, () => actionName(action)));
    if (a[4] === null) history.skip();
    else history.textId(customerName(a[4]));
    history.money(a[5]).text(a[6]).dateTime(a[7]).integer(a[0]);
  }
  if (data.actions.length === 0) history.row().skip(1).text("Nothing happened in this period.");
  history.end();

  return [SHEETS.summary, SHEETS.customers, SHEETS.transactions, SHEETS.spending, SHEETS.history];
}

function writeStatement(book: XlsxBook, data: StatementExport): string[] {
  const { head, customer } = data;
  const members = memberNames(data.members);
  let purchases = 0;
  let payments = 0;
  for (const r of data.rows) {
    if (r[2] === "purchase") purchases += r[3];
    else payments += r[3];
  }
  const sheet = book.sheet(SHEETS.statement, [
    { header: "Date (UTC)", width: 17 },
    { header: "Description", width: 32 },
    { header: "Purchase", width: 14 },
    { header: "Payment", width: 14 },
    { header: "Balance", width: 15 },
    { header: "Recorded by", width: 14 },
  ]);
  sheet.row().text(`Statement — ${customer.full_name}`, STYLE.title);
  label(sheet, "Shop").text(head.shop.name);
  if (customer.phone) label(sheet, "Phone").text(customer.phone);
  label(sheet, "Period").text(periodText(head.period, { short: true }));
  label(sheet, "Opening balance").money(data.opening_balance);
  label(sheet, "Purchases").money(purchases);
  label(sheet, "Payments").money(payments);
  label(sheet, "Closing balance").money(data.closing_balance, STYLE.moneyBold)
    .text(balanceWord(data.closing_balance));
  label(sheet, "Printed").dateTime(head.generated_at).text("UTC; undone entries are left out");
  sheet.blank();
  sheet.headers();
  for (const r of data.rows) {
    sheet.row().dateTime(r[1]).text(r[4] || KIND_NAMES[r[2]])
      .money(r[2] === "purchase" ? r[3] : null).money(r[2] === "payment" ? r[3] : null)
      .money(r[6]).text(members.get(r[5]) ?? `user ${r[5]}`);
  }
  if (data.rows.length === 0) sheet.row().skip(1).text("No purchases or payments in this period.");
  sheet.end();
  return [SHEETS.statement];
}

function balanceWord(balance: number): string {
  return balance > 0 ? "owes the shop" : balance < 0 ? "paid in advance" : "settled";
}
