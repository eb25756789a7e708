/**
 * The shop's own spending: recording an expense, the latest ones with a month's totals,
 * and recently used vendors and categories. One method per SQL function
 * (supabase/schemas/45_spending.sql).
 */
import type { Change, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface Expense {
  id: number;
  item: string;
  /** Minor units of the shop currency; always positive. */
  price: number;
  vendor: string | null;
  category: string | null;
  recorded_by: number;
  recorded_by_name: string | null;
  created_at: string;
  voided_at: string | null;
}

export interface ExpenseResult {
  expense: Expense;
  /** The month it counts in, "YYYY-MM" (in the shop's time zone). */
  month: string;
  /** That month's spending so far, in minor units. */
  month_total: number;
  shop: Shop;
}

export interface ExpenseTotal {
  total: number;
  count: number;
}

export interface ExpenseList {
  /** The month of the totals, "YYYY-MM". */
  month: string;
  /** The latest expenses (of that month when one was asked for), newest first. */
  recent: Expense[];
  totals: ExpenseTotal & {
    by_category: (ExpenseTotal & { category: string | null })[];
    by_vendor: (ExpenseTotal & { vendor: string | null })[];
  };
  shop: Shop;
}

export interface ExpenseSuggestions {
  vendors: string[];
  categories: string[];
}

/** Spending operations, reached as `ledger.spending`. */
export class SpendingOps {
  constructor(private call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Records an expense of `price` minor units. */
  record(
    input: Change & {
      item: string;
      price: number;
      vendor?: string | null;
      category?: string | null;
    },
  ): Promise<ExpenseResult> {
    return this.call("record_expense", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_item: input.item,
      p_price: input.price,
      p_vendor: input.vendor ?? null,
      p_category: input.category ?? null,
    });
  }

  /**
   * The latest expenses and a month's totals per category and vendor. `month` is
   * "YYYY-MM"; without it, the latest expenses overall and this month's totals.
   */
  list(
    actor: number,
    options: { month?: string | null; limit?: number } = {},
  ): Promise<ExpenseList> {
    return this.call("list_expenses", {
      p_actor: actor,
      p_month: options.month ? `${options.month}-01` : null,
      p_limit: options.limit ?? 10,
    });
  }

  /** Recently used vendors and categories, newest first. */
  suggestions(actor: number, limit = 6): Promise<ExpenseSuggestions> {
    return this.call("expense_suggestions", { p_actor: actor, p_limit: limit });
  }
}
