/**
 * Linked households and merges in the ledger. One method per SQL function
 * (supabase/schemas/25_links.sql).
 */
import type { Change, Customer, CustomerChange, Links } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface LinkResult extends CustomerChange {
  other: Customer;
  links: Links;
}

export interface UnlinkResult extends CustomerChange {
  was_with: Links["customers"];
}

export interface MergeResult extends CustomerChange {
  duplicate: { id: number; full_name: string };
  moved_transactions: number;
  moved_balance: number;
}

/** Links and merge operations, reached as `ledger.links`. */
export class LinksOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Links two customers into one household. */
  link(input: Change & { customerId: number; otherId: number }): Promise<LinkResult> {
    return this.call("link_customers", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_other_id: input.otherId,
    });
  }

  /** Takes a customer out of their household. */
  unlink(input: Change & { customerId: number }): Promise<UnlinkResult> {
    return this.call("unlink_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** Owner + PIN: merges `duplicateId` into `customerId` and archives the duplicate. */
  merge(
    input: Change & { customerId: number; duplicateId: number },
  ): Promise<MergeResult> {
    return this.call("merge_customers", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_duplicate_id: input.duplicateId,
    });
  }
}
