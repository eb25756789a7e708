/**
 * The /export workbook: turns what `export_workbook` returned into an .xlsx file.
 * Pure (no I/O) and loaded lazily by the bot, so its cost is paid only by /export.
 *
 * The whole shop: Summary, Customers, Transactions, Spending, Action history (Excel
 * reserves the sheet name "History"). One customer: a Statement with a running balance.
 * The file belongs to the shop: it is written in the shop's language (sheet names,
 * headers, words: the catalogs' `export-*`; Arabic sheets read right to left, money with
 * the symbol after the amount, dates day first) and every time in it is the shop's time
 * zone (cells, the file name, "Exported"). Amounts are numbers in the shop currency's
 * format, times are Excel dates, header rows are frozen, columns sized and filterable.
 * Printed, every sheet fits one page wide (landscape when wide), repeats its header row on
 * each page, and has the shop, the period and "Page 1 of 3" in its header and footer.
 * The Action history describes every action in words, one sentence per kind.
 */
import type {
  ActionRow,
  ExportHead,
  MemberRow,
  ShopExport,
  StatementExport,
} from "../db/ledger/export.ts";
import { isRtl, type Locale } from "../domain/language.ts";
import { formatMoney } from "../domain/money.ts";
import { dayOf, monthName, monthOf, periodText, wholeMonth } from "../domain/periods.ts";
import { type Args, translator } from "../i18n/i18n.ts";
import {
  moneyFormat,
  PAGE_COUNT,
  PAGE_NUMBER,
  type PageSetup,
  type SheetWriter,
  STYLE,
  XlsxBook,
} from "./xlsx_writer.ts";

/** A built workbook, ready to send. */
export interface BuiltWorkbook {
  bytes: Uint8Array;
  fileName: string;
  /** Sheet names, in order (in the shop's language). */
  sheets: string[];
  /** Data rows written (all sheets). */
  rows: number;
}

/** Options for {@link buildWorkbook}. */
export interface BuildOptions {
  /** Deflate level (default 6 for small files, 1 for large ones; 0 stores). */
  compressionLevel?: number;
}

/** Sheet names of an English shop (see {@link sheetNames} for the shop's language). */
export const SHEETS = {
  summary: "Summary",
  customers: "Customers",
  transactions: "Transactions",
  spending: "Spending",
  history: "Action history",
  statement: "Statement",
} as const;

/** The sheet names in a language (catalog keys `export-sheet-*`). */
export function sheetNames(locale: Locale): Record<keyof typeof SHEETS, string> {
  const t = translator(locale);
  return {
    summary: t("export-sheet-summary"),
    customers: t("export-sheet-customers"),
    transactions: t("export-sheet-transactions"),
    spending: t("export-sheet-spending"),
    history: t("export-sheet-history"),
    statement: t("export-sheet-statement"),
  };
}

/**
 * Deflate level by size (measured on 32 MB of sheet XML: level 1 89 ms → 8.2 MB,
 * level 2 133 ms → 5.9 MB, level 6 497 ms → 4.9 MB): small files get the smallest
 * output, large ones the CPU they need.
 */
export function compressionFor(rows: number): number {
  return rows <= 20_000 ? 6 : rows <= 120_000 ? 2 : 1;
}

const FSI_PDI = /[\u2068\u2069]/g;

/** How the workbook speaks: the shop's language, zone and money. */
class Words {
  readonly locale: Locale;
  readonly zone: string;
  readonly #t: (key: string, args?: Args) => string;
  readonly #shop: ExportHead["shop"];

  constructor(head: ExportHead) {
    this.#shop = head.shop;
    this.locale = head.shop.language === "ar" ? "ar" : "en";
    this.zone = head.shop.timezone || "UTC";
    this.#t = translator(this.locale);
  }

  /**
   * A catalog text for a cell. Arabic catalogs isolate every argument with FSI…PDI (right
   * for Telegram); a cell is one paragraph Excel lays out itself, and not every Excel
   * draws those marks, so they are left out here.
   */
  t(key: string, args?: Args): string {
    return this.#t(key, args).replace(FSI_PDI, "");
  }

  /** An amount as text (inside a sentence), the shop's way: "₪12.50", in Arabic "12.50 ₪". */
  money(minor: number): string {
    return formatMoney(
      minor,
      this.#shop.currency,
      this.#shop.minor_unit,
      this.locale === "ar" ? "ar-u-nu-latn" : "en-US",
    );
  }

  period(period: ExportHead["period"]): string {
    return periodText(period, { short: true, locale: this.locale, t: this.#t }).replace(
      FSI_PDI,
      "",
    );
  }

  month(seconds: number, back: number): string {
    return monthName(monthOf(seconds * 1000, this.zone, back), {
      short: true,
      locale: this.locale,
    });
  }
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
  const shop = data.head.shop;
  const words = new Words(data.head);
  const arabic = words.locale === "ar";
  const book = new XlsxBook({
    decimals: shop.minor_unit,
    moneyFormat: moneyFormat(shop.currency, shop.minor_unit, { symbolAfter: arabic }),
    compressionLevel: options.compressionLevel ?? compressionFor(rows),
    created: new Date(data.head.generated_at * 1000),
    title: data.kind === "shop"
      ? words.t("export-book-title-shop", { shop: shop.name })
      : words.t("export-book-title-statement", { name: data.customer.full_name, shop: shop.name }),
    timeZone: words.zone,
    rightToLeft: isRtl(words.locale),
    dateTimeFormat: arabic ? "dd/mm/yyyy hh:mm" : undefined,
    dateFormat: arabic ? "dd/mm/yyyy" : undefined,
    print: pageSetup(data, words),
  });
  const sheets = data.kind === "shop"
    ? writeShop(book, data, words)
    : writeStatement(book, data, words);
  return { bytes: book.finish(), fileName: exportFileName(data), sheets, rows };
}

/**
 * The printed page's header (the shop and the period; a statement also names the customer)
 * and footer ("Page 1 of 3"), in the workbook's language.
 */
function pageSetup(data: ShopExport | StatementExport, words: Words): PageSetup {
  const shop = data.head.shop.name;
  const period = words.period(data.head.period);
  const header = data.kind === "shop"
    ? words.t("export-print-header-shop", { shop, period })
    : words.t("export-print-header-statement", { shop, name: data.customer.full_name, period });
  return {
    header: { center: header },
    footer: { center: words.t("export-print-footer", { page: PAGE_NUMBER, pages: PAGE_COUNT }) },
  };
}

/**
 * `paytrack-<shop>-<date>.xlsx` (the day in the shop's time zone); a statement adds the
 * customer, a period replaces the date. The words in it ("statement", an open period's
 * "start"/"today": `export-file-*`) are in the shop's language, as the workbook is:
 * `paytrack-متجر-ليلى-كشف-حساب-أحمد-2026-11.xlsx` (Telegram takes UTF-8 file names).
 */
export function exportFileName(data: ShopExport | StatementExport | { head: ExportHead }): string {
  const { head } = data;
  const t = new Words(head);
  const period = periodSlug(head.period, t);
  const date = period ?? dayOf(head.generated_at * 1000, head.shop.timezone || "UTC");
  const who = "kind" in data && data.kind === "statement"
    ? `-${t.t("export-file-statement")}-${slug(data.customer.full_name)}`
    : "";
  return `paytrack-${slug(head.shop.name)}${who}-${date}.xlsx`;
}

/** Letters and digits of any script kept, everything else a single dash, at most 40 characters. */
export function slug(text: string): string {
  const s = text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return [...s].slice(0, 40).join("").replace(/-+$/, "") || "shop";
}

function periodSlug(period: ExportHead["period"], words: Words): string | undefined {
  const { from, to } = period;
  if (!from && !to) return undefined;
  return wholeMonth(period) ??
    `${from ?? words.t("export-file-start")}_${to ?? words.t("export-file-today")}`;
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

function memberNames(members: MemberRow[], words: Words): Map<number, string> {
  return new Map(members.map(([id, name]) => [id, name || words.t("export-user", { id })]));
}

/** The Action column: each kind's name (catalog keys written out, so the catalog test sees them). */
const ACTION_KEYS: Record<string, string> = {
  shop_opened: "export-action-shop-opened",
  customer_added: "export-action-customer-added",
  purchase_recorded: "export-action-purchase-recorded",
  payment_recorded: "export-action-payment-recorded",
  expense_recorded: "export-action-expense-recorded",
  action_undone: "export-action-action-undone",
  customer_archived: "export-action-customer-archived",
  customer_restored: "export-action-customer-restored",
  customer_renamed: "export-action-customer-renamed",
  nickname_added: "export-action-nickname-added",
  customer_tagged: "export-action-customer-tagged",
  customer_untagged: "export-action-customer-untagged",
  customers_linked: "export-action-customers-linked",
  customer_unlinked: "export-action-customer-unlinked",
  customers_merged: "export-action-customers-merged",
  setting_changed: "export-action-setting-changed",
  pin_set: "export-action-pin-set",
  pin_reset_requested: "export-action-pin-reset-requested",
  pin_reset_cancelled: "export-action-pin-reset-cancelled",
  pin_reset_applied: "export-action-pin-reset-applied",
  member_invited: "export-action-member-invited",
  invite_revoked: "export-action-invite-revoked",
  member_joined: "export-action-member-joined",
  member_role_changed: "export-action-member-role-changed",
  member_removed: "export-action-member-removed",
  member_left: "export-action-member-left",
};

/** The name of an action kind in the shop's language ("Purchase recorded"). */
function actionName(action: string, words: Words): string {
  const key = ACTION_KEYS[action];
  if (key) return words.t(key);
  // A kind newer than this file: English can still say it from its code, Arabic says "other".
  if (words.locale === "en") {
    const text = action.replaceAll("_", " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return words.t("export-action-other");
}

const SETTING_KEYS: Record<string, string> = {
  name: "export-setting-name",
  shop_name: "export-setting-name",
  timezone: "export-setting-timezone",
  time_zone: "export-setting-timezone",
  language: "export-setting-language",
  digits: "export-setting-digits",
  currency: "export-setting-currency",
};

const str = (value: unknown): string =>
  value === null || value === undefined
    ? ""
    : typeof value === "string"
    ? value
    : JSON.stringify(value);

/**
 * What an action did, in words, without its actor (the Who column has them): "Renamed Jon to
 * John", "Spent ₪12.00 on bags (Market)". A purchase or payment is said by its row (Action,
 * Customer, Amount): its details are its note, as typed. `customer` is the customer's name
 * today (the log's own names where it keeps them).
 */
function actionDetails(row: ActionRow, customer: string, words: Words): string {
  const action = row[3];
  const details = row[6];
  if (details === null || typeof details === "string") return details ?? "";
  const info = details;
  const note = str(info.description).trim();
  const role = info.role === "owner" ? "owner" : "clerk";
  const tags = (Array.isArray(info.tags) ? info.tags : []).map((t) => `#${t}`).join(" ");
  switch (action) {
    case "shop_opened":
      return words.t("export-detail-shop-opened");
    case "customer_added":
      return info.phone
        ? words.t("export-detail-customer-added-phone", {
          name: str(info.full_name) || customer,
          phone: str(info.phone),
        })
        : words.t("export-detail-customer-added", { name: str(info.full_name) || customer });
    case "expense_recorded": {
      const price = typeof info.price === "number" ? words.money(info.price) : "";
      const more = [str(info.vendor), str(info.category)].filter(Boolean).join(" · ");
      return more
        ? words.t("export-detail-expense-more", { amount: price, item: str(info.item), more })
        : words.t("export-detail-expense", { amount: price, item: str(info.item) });
    }
    case "action_undone":
      return words.t("export-detail-undone", {
        id: str(info.undone_action_id),
        what: actionName(str(info.undone_action), words),
      });
    case "customer_archived":
      return words.t("export-detail-customer-archived", { name: str(info.full_name) || customer });
    case "customer_restored":
      return words.t("export-detail-customer-restored", { name: str(info.full_name) || customer });
    case "customer_renamed":
      return words.t("export-detail-customer-renamed", {
        old: str(info.old_name),
        new: str(info.new_name),
      });
    case "nickname_added":
      return words.t("export-detail-nickname-added", { name: customer });
    case "customer_tagged":
      return words.t("export-detail-customer-tagged", { name: customer, tags });
    case "customer_untagged":
      return words.t("export-detail-customer-untagged", { name: customer, tags });
    case "customers_linked":
      return words.t("export-detail-customers-linked", {
        name: customer,
        other: str(info.other_name),
      });
    case "customer_unlinked":
      return words.t("export-detail-customer-unlinked", { name: customer });
    case "customers_merged":
      return words.t("export-detail-customers-merged", {
        duplicate: str(info.duplicate_name),
        name: customer,
      });
    case "setting_changed": {
      if (info.setting === "archive_when_settled") {
        return words.t("export-detail-archiving", { on: info.new ? "yes" : "no" });
      }
      const key = SETTING_KEYS[str(info.setting)] ?? "export-setting-other";
      return words.t("export-detail-setting", {
        setting: words.t(key),
        old: str(info.old),
        new: str(info.new),
      });
    }
    case "pin_set":
      return words.t(info.replaced ? "export-detail-pin-changed" : "export-detail-pin-set");
    case "pin_reset_requested":
      return words.t("export-detail-pin-reset-requested");
    case "pin_reset_cancelled":
      return words.t("export-detail-pin-reset-cancelled");
    case "pin_reset_applied":
      return words.t("export-detail-pin-reset-applied");
    case "member_invited":
      return words.t("export-detail-member-invited", { role });
    case "invite_revoked":
      return words.t("export-detail-invite-revoked", { role });
    case "member_joined":
      return info.invited_by_name
        ? words.t("export-detail-member-joined-by", { role, by: str(info.invited_by_name) })
        : words.t("export-detail-member-joined", { role });
    case "member_role_changed":
      return words.t("export-detail-member-role-changed", {
        member: str(info.member_name),
        role: info.to === "owner" ? "owner" : "clerk",
      });
    case "member_removed":
      return words.t("export-detail-member-removed", { member: str(info.member_name) });
    case "member_left":
      return words.t("export-detail-member-left");
    default:
      // A kind newer than this file: what a person typed about it, when it has that.
      return note || str(info.item);
  }
}

function label(sheet: SheetWriter, text: string): SheetWriter {
  return sheet.row().text(text, STYLE.bold);
}

function writeShop(book: XlsxBook, data: ShopExport, words: Words): string[] {
  const { head, totals } = data;
  const SHEET = sheetNames(words.locale);
  const t = (key: string, args?: Args) => words.t(key, args);
  const zone = { zone: words.zone };
  const members = memberNames(data.members, words);
  const names = new Map<number, string>();
  const phones = new Map<number, string | null>();
  const lastPayments = new Map<number, number | null>();
  for (const c of data.customers) {
    names.set(c[0], c[1]);
    phones.set(c[0], c[2]);
    lastPayments.set(c[0], c[7]);
  }

  // Summary ------------------------------------------------------------------
  const summary = book.sheet(SHEET.summary, [
    { header: "", width: 34 },
    { header: "", width: 22 },
    { header: "", width: 22 },
    { header: "", width: 22 },
  ]);
  summary.row().text(t("export-summary-title", { shop: head.shop.name }), STYLE.title);
  label(summary, t("export-summary-exported")).dateTime(head.generated_at).text(words.zone);
  label(summary, t("export-summary-period")).text(words.period(head.period));
  label(summary, t("export-summary-currency")).text(head.shop.currency);
  summary.blank();
  label(summary, t("export-summary-customers")).integer(totals.active);
  label(summary, t("export-summary-archived")).integer(totals.archived);
  label(summary, t("export-summary-in-debt")).integer(totals.in_debt);
  label(summary, t("export-summary-owed")).money(totals.owed, STYLE.moneyBold);
  label(summary, t("export-summary-advances")).money(totals.advances);
  label(summary, t("export-summary-net")).money(totals.net);
  summary.blank();
  const withPeriod = head.period.from !== null || head.period.to !== null;
  summary.row().text("", STYLE.header)
    .text(
      t("export-summary-this-month", { month: words.month(head.generated_at, 0) }),
      STYLE.header,
    )
    .text(
      t("export-summary-last-month", { month: words.month(head.generated_at, 1) }),
      STYLE.header,
    );
  if (withPeriod) {
    summary.text(
      t("export-summary-in-period", { period: words.period(head.period) }),
      STYLE.header,
    );
  }
  label(summary, t("export-summary-sold")).money(totals.sold_this_month)
    .money(totals.sold_last_month);
  if (withPeriod) summary.money(totals.sold_in_period);
  label(summary, t("export-summary-collected")).money(totals.collected_this_month)
    .money(totals.collected_last_month);
  if (withPeriod) summary.money(totals.collected_in_period);
  label(summary, t("export-summary-spent")).money(totals.spent_this_month)
    .money(totals.spent_last_month);
  if (withPeriod) summary.money(totals.spent_in_period);
  summary.blank();
  summary.row().text(t("export-summary-top"), STYLE.title);
  summary.row().text(t("export-col-customer"), STYLE.header).text(
    t("export-col-phone"),
    STYLE.header,
  )
    .text(t("export-summary-owes"), STYLE.header)
    .text(t("export-col-last-payment-plain"), STYLE.header);
  if (data.top_debtors.length === 0) summary.row().text(t("export-summary-nobody"));
  for (const [id, balance] of data.top_debtors) {
    summary.row().text(names.get(id) ?? `#${id}`).text(phones.get(id)).money(balance)
      .dateTime(lastPayments.get(id));
  }
  summary.end();

  // Customers ----------------------------------------------------------------
  const customers = book.sheet(SHEET.customers, [
    { header: t("export-col-name"), width: 28 },
    { header: t("export-col-phone"), width: 16 },
    { header: t("export-col-tags"), width: 18 },
    { header: t("export-col-nicknames"), width: 20 },
    { header: t("export-col-balance"), width: 16 },
    { header: t("export-col-status"), width: 10 },
    { header: t(withPeriod ? "export-col-bought-period" : "export-col-bought-all"), width: 16 },
    { header: t(withPeriod ? "export-col-paid-period" : "export-col-paid-all"), width: 16 },
    { header: t("export-col-last-purchase", zone), width: 18 },
    { header: t("export-col-last-payment", zone), width: 18 },
    { header: t("export-col-linked"), width: 24 },
    { header: t("export-col-archived", zone), width: 18 },
    { header: t("export-col-merged"), width: 20 },
    { header: t("export-col-due"), width: 14 },
    { header: t("export-col-overdue"), width: 14 },
    { header: t("export-col-oldest-overdue"), width: 16 },
  ], { rows: data.customers.length + 1 });
  customers.headers();
  const status = {
    owes: book.stringId(t("export-status-owes")),
    advance: book.stringId(t("export-status-advance")),
    settled: book.stringId(t("export-status-settled")),
  };
  for (const c of data.customers) {
    const balance = c[5];
    customers.row().text(c[1]).text(c[2]).text(c[3]).text(c[4]).money(balance)
      .textId(balance > 0 ? status.owes : balance < 0 ? status.advance : status.settled)
      .money(c[11]).money(c[12]).dateTime(c[6]).dateTime(c[7]).text(c[8]).dateTime(c[9])
      .text(c[10]).money(c[13] ?? 0).money(c[14] ?? 0).day(c[15]);
  }
  customers.end();

  // Transactions -------------------------------------------------------------
  const transactions = book.sheet(SHEET.transactions, [
    { header: t("export-col-date", zone), width: 17 },
    { header: t("export-col-customer"), width: 26 },
    { header: t("export-col-type"), width: 10 },
    { header: t("export-col-amount"), width: 14 },
    { header: t("export-col-effect"), width: 16 },
    { header: t("export-col-description"), width: 30 },
    { header: t("export-col-tags"), width: 14 },
    { header: t("export-col-recorded-by"), width: 14 },
    { header: t("export-col-balance-after"), width: 15 },
    { header: t("export-col-voided", zone), width: 17 },
    { header: t("receipts-export-col-dispute"), width: 16 },
    { header: t("export-col-due-date"), width: 13 },
    { header: t("export-col-number"), width: 8 },
  ], { rows: 1 + (data.transactions.length || 1) });
  transactions.headers();
  const customerText = new TextIds(book);
  const memberText = new TextIds(book);
  const kinds = {
    purchase: book.stringId(t("export-kind-purchase")),
    payment: book.stringId(t("export-kind-payment")),
  };
  // A disputed entry (❗ Not mine on the customer's receipt): open, undone or confirmed correct.
  const disputes = {
    open: book.stringId(t("receipts-export-dispute-open")),
    undone: book.stringId(t("receipts-export-dispute-undone")),
    upheld: book.stringId(t("receipts-export-dispute-upheld")),
  };
  const customerName = (id: number) => customerText.of(id, () => names.get(id) ?? `#${id}`);
  const memberName = (id: number) =>
    memberText.of(id, () => members.get(id) ?? words.t("export-user", { id }));
  for (const t of data.transactions) {
    const voided = t[9];
    const kind = t[3];
    const row = transactions.row().dateTime(t[1]).textId(customerName(t[2]))
      .textId(kind === "purchase" ? kinds.purchase : kinds.payment).money(t[4])
      .money(voided === null ? (kind === "purchase" ? t[4] : -t[4]) : null)
      .text(t[5]).text(t[6]).textId(memberName(t[7])).money(t[8])
      .dateTime(voided);
    const dispute = t[10];
    if (dispute) row.textId(disputes[dispute]);
    else row.skip(1);
    row.day(t[11]).integer(t[0]);
  }
  if (data.transactions.length === 0) {
    transactions.row().skip(1).text(t("export-no-transactions"));
  }
  transactions.end();

  // Spending -----------------------------------------------------------------
  const spending = book.sheet(SHEET.spending, [
    { header: t("export-col-date", zone), width: 17 },
    { header: t("export-col-item"), width: 28 },
    { header: t("export-col-price"), width: 14 },
    { header: t("export-col-vendor"), width: 18 },
    { header: t("export-col-category"), width: 16 },
    { header: t("export-col-recorded-by"), width: 14 },
    { header: t("export-col-voided", zone), width: 17 },
    { header: t("export-col-number"), width: 8 },
  ], { rows: 1 + (data.expenses.length || 1) });
  spending.headers();
  for (const e of data.expenses) {
    spending.row().dateTime(e[1]).text(e[2]).money(e[3]).text(e[4]).text(e[5])
      .textId(memberName(e[6])).dateTime(e[7]).integer(e[0]);
  }
  if (data.expenses.length === 0) {
    spending.row().skip(1).text(t("export-no-spending"));
  }
  spending.end();

  // Action history -------------------------------------------------------------
  const history = book.sheet(SHEET.history, [
    { header: t("export-col-date", zone), width: 17 },
    { header: t("export-col-who"), width: 14 },
    { header: t("export-col-action"), width: 20 },
    { header: t("export-col-customer"), width: 26 },
    { header: t("export-col-amount"), width: 14 },
    { header: t("export-col-details"), width: 48 },
    { header: t("export-col-undone", zone), width: 17 },
    { header: t("export-col-number"), width: 8 },
  ], { rows: 1 + (data.actions.length || 1) });
  history.headers();
  const actionText = new TextIds(book);
  for (const a of data.actions) {
    const action = a[3];
    // The actor as they were when they acted (a[8]); today's name for older answers.
    const actor = a[8] ? memberText.of(`then:${a[8]}`, () => a[8]!) : memberName(a[2]);
    history.row().dateTime(a[1]).textId(actor)
      .textId(actionText.of(action, () => actionName(action, words)));
    const customer = a[4] === null ? "" : names.get(a[4]) ?? `#${a[4]}`;
    if (a[4] === null) history.skip();
    else history.textId(customerName(a[4]));
    history.money(a[5]).text(actionDetails(a, customer, words)).dateTime(a[7]).integer(a[0]);
  }
  if (data.actions.length === 0) history.row().skip(1).text(t("export-no-actions"));
  history.end();

  return [SHEET.summary, SHEET.customers, SHEET.transactions, SHEET.spending, SHEET.history];
}

function writeStatement(book: XlsxBook, data: StatementExport, words: Words): string[] {
  const { head, customer } = data;
  const SHEET = sheetNames(words.locale);
  const t = (key: string, args?: Args) => words.t(key, args);
  const members = memberNames(data.members, words);
  let purchases = 0;
  let payments = 0;
  for (const r of data.rows) {
    if (r[2] === "purchase") purchases += r[3];
    else payments += r[3];
  }
  const sheet = book.sheet(SHEET.statement, [
    { header: t("export-col-date", { zone: words.zone }), width: 17 },
    { header: t("export-col-description"), width: 32 },
    { header: t("export-col-purchase"), width: 14 },
    { header: t("export-col-payment"), width: 14 },
    { header: t("export-col-balance"), width: 15 },
    { header: t("export-col-recorded-by"), width: 14 },
  ]);
  sheet.row().text(t("export-statement-title", { name: customer.full_name }), STYLE.title);
  label(sheet, t("export-statement-shop")).text(head.shop.name);
  if (customer.phone) label(sheet, t("export-col-phone")).text(customer.phone);
  label(sheet, t("export-summary-period")).text(words.period(head.period));
  label(sheet, t("export-statement-opening")).money(data.opening_balance);
  label(sheet, t("export-statement-purchases")).money(purchases);
  label(sheet, t("export-statement-payments")).money(payments);
  label(sheet, t("export-statement-closing")).money(data.closing_balance, STYLE.moneyBold)
    .text(t(
      data.closing_balance > 0
        ? "export-balance-owes"
        : data.closing_balance < 0
        ? "export-balance-advance"
        : "export-balance-settled",
    ));
  label(sheet, t("export-statement-printed")).dateTime(head.generated_at)
    .text(t("export-statement-printed-note", { zone: words.zone }));
  sheet.blank();
  sheet.headers();
  for (const r of data.rows) {
    sheet.row().dateTime(r[1])
      .text(r[4] || t(r[2] === "purchase" ? "export-kind-purchase" : "export-kind-payment"))
      .money(r[2] === "purchase" ? r[3] : null).money(r[2] === "payment" ? r[3] : null)
      .money(r[6]).text(members.get(r[5]) ?? t("export-user", { id: r[5] }));
  }
  if (data.rows.length === 0) sheet.row().skip(1).text(t("export-no-transactions"));
  sheet.end();
  return [SHEET.statement];
}
