/**
 * /overdue (supabase/schemas/69_overdue.sql): the shop's ageing by due date today in its time
 * zone, from the FIFO (private.purchase_dues), and one bucket's customers, paged.
 */
import type { RpcArgs } from "../rpc.ts";
import type { Shop } from "./types.ts";

/** An ageing bucket: days past due, not yet due (due today or later), or no due date. */
export type OverdueBucket = "90_plus" | "61_90" | "31_60" | "1_30" | "not_due" | "undated";

/** The buckets, worst first (the order overdue_report answers them in). */
export const OVERDUE_BUCKETS: readonly OverdueBucket[] = [
  "90_plus",
  "61_90",
  "31_60",
  "1_30",
  "not_due",
  "undated",
];

/** One bucket's figures. */
export interface OverdueBucketTotal {
  bucket: OverdueBucket;
  /** What is unpaid in it, minor units. */
  total: number;
  /** Customers with money in it. */
  customers: number;
  /** Customers whose oldest unpaid bucket it is (the ones its list shows). */
  listed: number;
}

/** A customer in a bucket's list. */
export interface OverdueCustomer {
  id: number;
  full_name: string;
  balance: number;
  /** Owed past its due date, minor units. */
  overdue: number;
  oldest_overdue_on: string | null;
  /** Days since the oldest overdue date (null: nothing overdue). */
  days_overdue: number | null;
  next_due_on: string | null;
}

/** What overdue_report answers. */
export interface OverdueReport {
  /** The shop's today (YYYY-MM-DD). */
  today: string;
  buckets: OverdueBucketTotal[];
  /** Owed past due, all customers; and how many customers are overdue. */
  overdue: number;
  overdue_customers: number;
  /** Everything owed by customers who owe. */
  owed: number;
  /** The bucket listed (null: nobody owes). */
  bucket: OverdueBucket | null;
  /** How many customers that bucket lists (all pages). */
  total: number;
  offset: number;
  customers: OverdueCustomer[];
  shop: Shop;
}

/** /overdue, reached as `ledger.overdue`. */
export class OverdueOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** The ageing buckets and one page of a bucket's customers (null: the worst with anyone). */
  report(
    actor: number,
    options: { bucket?: OverdueBucket | null; limit?: number; offset?: number } = {},
  ): Promise<OverdueReport> {
    return this.call("overdue_report", {
      p_actor: actor,
      p_bucket: options.bucket ?? null,
      p_limit: options.limit ?? 10,
      p_offset: options.offset ?? 0,
    });
  }
}
