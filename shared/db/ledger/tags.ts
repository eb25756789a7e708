/**
 * Customer tags in the ledger: tagging and untagging, and the shop's tags. One method per
 * SQL function (supabase/schemas/20_tags.sql).
 */
import type { Change, CustomerChange, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface TagResult extends CustomerChange {
  /** The tags that really changed (added, or removed). */
  changed: string[];
}

export interface TagList {
  /** Customer tags: how many active customers have each, what they owe together. */
  tags: { tag: string; customers: number; owed: number }[];
  /** #tags in the notes of purchases and payments (not voided). */
  note_tags: { tag: string; transactions: number; amount: number }[];
  shop: Shop;
}

/** Tag operations, reached as `ledger.tags`. */
export class TagsOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Adds tags to a customer, or removes them with `remove`. */
  tag(
    input: Change & { customerId: number; tags: string[]; remove?: boolean },
  ): Promise<TagResult> {
    return this.call("tag_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_tags: input.tags,
      p_remove: input.remove ?? false,
    });
  }

  /** The shop's tags with customer counts and totals owed, and the #tags used in notes. */
  list(actor: number): Promise<TagList> {
    return this.call("list_tags", { p_actor: actor });
  }
}
