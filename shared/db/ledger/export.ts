/**
 * The ledger's /export operation: one read-only RPC (`export_workbook`, owners only)
 * that returns what the Excel workbook needs for a period, or one customer's
 * statement. Rows are JSON arrays (not objects) to keep a 100,000-row answer small
 * and cheap to parse; times are whole seconds since 1970 (UTC); money is minor units.
 * Periods are days in the shop's time zone (`head.shop.timezone`).
 */
import type { RpcArgs } from "../rpc.ts";
import type { MemberRole, Shop, TransactionKind } from "./types.ts";

/** Whole seconds since 1970-01-01 UTC. */
export type EpochSeconds = number;

/** What every export answer starts with. */
export interface ExportHead {
  shop: Shop;
  /** The period asked for, as days in the shop's time zone (inclusive); null ends are open. */
  period: { from: string | null; to: string | null };
  generated_at: EpochSeconds;
  /** The row budget the answer was checked against. */
  max_rows: number;
}

/** [telegram user id, display name, role] */
export type MemberRow = [number, string, MemberRole];

/**
 * [id, name, phone, tags, nicknames, balance, last purchase, last payment, linked with,
 *  archived at, merged into, bought in the period, paid in the period]
 */
export type CustomerRow = [
  number,
  string,
  string | null,
  string,
  string,
  number,
  EpochSeconds | null,
  EpochSeconds | null,
  string | null,
  EpochSeconds | null,
  string | null,
  number,
  number,
  /** Due and overdue on the shop's today (private.customer_dues), the oldest overdue day. */
  number?,
  number?,
  (string | null)?,
];

/**
 * [id, at, customer id, kind, amount, description, tags, recorded by, balance after, voided at,
 * dispute] "balance after" is the customer's running balance over their non-voided rows; the
 * dispute is its ❗ Not mine's status (null: never disputed).
 */
export type TransactionRow = [
  number,
  EpochSeconds,
  number,
  TransactionKind,
  number,
  string,
  string,
  number,
  number,
  EpochSeconds | null,
  ("open" | "undone" | "upheld" | null)?,
  /** Its due date (YYYY-MM-DD): its own or from the terms; null: none. */
  (string | null)?,
];

/**
 * [id, at, actor, action, customer id, amount, details, undone at, actor as they were];
 * details is a purchase's or payment's note, or for other kinds the action's info (what the
 * log keeps about it, never a secret) for the workbook's sentence.
 */
export type ActionRow = [
  number,
  EpochSeconds,
  number,
  string,
  number | null,
  number | null,
  string | Record<string, unknown> | null,
  EpochSeconds | null,
  /** The actor's name when they acted, with "(role, id N)" when it could deceive. */
  string?,
];

/** [id, at, item, price, vendor, category, recorded by, voided at] */
export type ExpenseRow = [
  number,
  EpochSeconds,
  string,
  number,
  string | null,
  string | null,
  number,
  EpochSeconds | null,
];

/** [id, at, kind, amount, description, recorded by, running balance] */
export type StatementRow = [
  number,
  EpochSeconds,
  TransactionKind,
  number,
  string,
  number,
  number,
];

/** Rows of each kind in the period. */
export interface ExportCounts {
  customers: number;
  transactions: number;
  actions: number;
  expenses: number;
}

/** The shop's figures (minor units; months are calendar months in the shop's time zone). */
export interface ExportTotals {
  active: number;
  archived: number;
  in_debt: number;
  owed: number;
  advances: number;
  net: number;
  sold_this_month: number;
  collected_this_month: number;
  sold_last_month: number;
  collected_last_month: number;
  sold_in_period: number;
  collected_in_period: number;
  spent_this_month: number;
  spent_last_month: number;
  spent_in_period: number;
}

/** Everything the whole-shop workbook needs. */
export interface ShopExport {
  head: ExportHead;
  kind: "shop";
  too_large: false;
  counts: ExportCounts;
  totals: ExportTotals;
  /** [customer id, balance], largest debt first (10 at most). */
  top_debtors: [number, number][];
  members: MemberRow[];
  customers: CustomerRow[];
  transactions: TransactionRow[];
  actions: ActionRow[];
  expenses: ExpenseRow[];
}

/** One customer's statement: their non-voided transactions with a running balance. */
export interface StatementExport {
  head: ExportHead;
  kind: "statement";
  too_large: false;
  customer: {
    id: number;
    full_name: string;
    phone: string | null;
    tags: string;
    balance: number;
    archived_at: EpochSeconds | null;
  };
  /** The balance before the period (0 without a start). */
  opening_balance: number;
  closing_balance: number;
  members: MemberRow[];
  rows: StatementRow[];
}

/** The answer when the rows would not fit the budget: rows per month instead. */
export interface ExportTooLarge {
  head: ExportHead;
  kind: "shop" | "statement";
  too_large: true;
  /** Rows the workbook would have had. */
  rows: number;
  counts?: ExportCounts;
  customer?: { id: number; full_name: string };
  /** [YYYY-MM, rows that month], newest first. */
  months: [string, number][];
}

export type ExportData = ShopExport | StatementExport | ExportTooLarge;

/** What to export. */
export interface ExportRequest {
  /** First day (YYYY-MM-DD, in the shop's time zone), or null for the beginning. */
  from?: string | null;
  /** Last day (YYYY-MM-DD, in the shop's time zone, inclusive), or null for today. */
  to?: string | null;
  /** One customer's statement instead of the whole shop. */
  customerId?: number | null;
  /** Above this many rows the answer is {@link ExportTooLarge}. */
  maxRows?: number;
}

/** The export operations, wired into Ledger as `ledger.export`. */
export class ExportOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** The data of a workbook (owners only; LedgerError owner_only otherwise). */
  workbook(actor: number, request: ExportRequest = {}): Promise<ExportData> {
    return this.call("export_workbook", {
      p_actor: actor,
      p_from: request.from ?? null,
      p_to: request.to ?? null,
      p_customer_id: request.customerId ?? null,
      p_max_rows: request.maxRows ?? null,
    });
  }
}
