/**
 * The transactions area in the ledger: a customer's purchases and payments listed and
 * filtered, and one transaction in full. One method per SQL function
 * (supabase/schemas/55_transactions.sql).
 */
import type { Shop, Transaction } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

/** A transaction with who recorded and who voided it. */
export interface TransactionDetail extends Transaction {
  recorded_by_name: string | null;
  voided_by: number | null;
  voided_by_name: string | null;
}

/** A customer as a transaction list or detail names them. */
export interface CustomerRef {
  id: number;
  full_name: string;
  balance: number;
  archived_at: string | null;
}

export interface TransactionList {
  customer: CustomerRef;
  total: number;
  transactions: TransactionDetail[];
  shop: Shop;
}

export interface TransactionDetails {
  transaction: TransactionDetail;
  customer: CustomerRef;
  /** The purchase_recorded / payment_recorded action, for Undo. */
  action_id: number | null;
  undoable: boolean;
  shop: Shop;
}

/** Which transactions to list: a #tag in their note, and/or a time range [from, to). */
export interface TransactionFilter {
  tag?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Transaction listing operations, reached as `ledger.transactions`. */
export class TransactionsOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** A customer's transactions (voided too), newest first, optionally filtered. */
  list(
    actor: number,
    customerId: number,
    options: TransactionFilter & { limit?: number; offset?: number } = {},
  ): Promise<TransactionList> {
    return this.call("list_transactions", {
      p_actor: actor,
      p_customer_id: customerId,
      p_tag: options.tag ?? null,
      p_from: options.from ?? null,
      p_to: options.to ?? null,
      p_limit: options.limit ?? 10,
      p_offset: options.offset ?? 0,
    });
  }

  /** One transaction in full; LedgerError transaction_not_found for another shop's. */
  details(actor: number, transactionId: number): Promise<TransactionDetails> {
    return this.call("transaction_details", { p_actor: actor, p_transaction_id: transactionId });
  }
}
