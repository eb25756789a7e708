/**
 * Due dates and credit (supabase/schemas/68_dues.sql): a customer's own credit terms and
 * limit, and a purchase's own due date. What is due is computed in SQL (FIFO) and comes with
 * the results that show it.
 */
import type { RpcArgs } from "../rpc.ts";
import type { Change, Customer, Dues, Shop, Transaction } from "./types.ts";

/** A customer's own terms or limit, as set_customer_credit answers. */
export interface CustomerCreditResult {
  setting: "credit_days" | "credit_limit";
  /** The values as text (days, or minor units); null: the shop's. */
  old: string | null;
  new: string | null;
  changed: boolean;
  customer: Customer;
  shop: Shop;
}

/** A purchase's due date set, as set_due_date answers. */
export interface DueDateResult {
  transaction: Transaction;
  old: string | null;
  changed: boolean;
  dues: Dues;
  shop: Shop;
}

/** A customer's own terms and limit next to the shop's, as customer_credit answers. */
export interface CustomerCredit {
  customer: Customer;
  /** The customer's own terms (days) and limit (minor units); null: the shop's. */
  credit_days: number | null;
  credit_limit: number | null;
  /** The shop's; null: none. */
  shop_credit_days: number | null;
  shop_credit_limit: number | null;
  credit_limit_mode: "warn" | "block";
  dues: Dues;
  shop: Shop;
}

/** Due-date operations, reached as `ledger.dues`. */
export class DuesOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Owner: a customer's own credit terms (days) or limit (minor units); null: the shop's. */
  setCustomerCredit(
    input: Change & {
      customerId: number;
      setting: "credit_days" | "credit_limit";
      value: string | number | null;
    },
  ): Promise<CustomerCreditResult> {
    return this.call("set_customer_credit", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_setting: input.setting,
      p_value: input.value === null ? null : String(input.value),
    });
  }

  /** Any member: a customer's own credit terms and limit, the shop's, and their dues today. */
  customerCredit(actor: number, customerId: number): Promise<CustomerCredit> {
    return this.call("customer_credit", { p_actor: actor, p_customer_id: customerId });
  }

  /** A purchase's own due date (YYYY-MM-DD, today or later); null: back to the terms. */
  setDueDate(
    input: Change & { transactionId: number; dueOn: string | null },
  ): Promise<DueDateResult> {
    return this.call("set_due_date", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_transaction_id: input.transactionId,
      p_due_on: input.dueOn,
    });
  }
}
