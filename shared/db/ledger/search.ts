/**
 * Search beyond the active list: archived customers (found by the same query, listed, and
 * restored) and which matches a name search found only through a hidden nickname. One
 * method per SQL function (supabase/schemas/15_search.sql; list_customers itself is the
 * Ledger's own `listCustomers`).
 */
import type { Change, Customer, CustomerChange, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface ArchivedList {
  query: string;
  /** How many archived customers match (every one for an empty query). */
  total: number;
  /** Latest archived first; never with nicknames. */
  customers: Customer[];
  shop: Shop;
}

export interface RestoreResult extends CustomerChange {
  /** False when the customer was active already (nothing logged). */
  restored: boolean;
}

/** Archived customers and nickname matches, reached as `ledger.search`. */
export class SearchOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Archived customers (not merged duplicates), all or those a search query matches. */
  archived(
    actor: number,
    options: { query?: string | null; limit?: number; offset?: number } = {},
  ): Promise<ArchivedList> {
    return this.call("list_archived_customers", {
      p_actor: actor,
      p_query: options.query ?? null,
      p_limit: options.limit ?? 10,
      p_offset: options.offset ?? 0,
    });
  }

  /** Of these customers (at most 100), the ids a name search for `query` found only through a nickname. */
  nicknameOnly(actor: number, query: string, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return Promise.resolve([]);
    // A bigint[] may arrive as strings (the transports differ): ids are numbers here.
    return this.call<(number | string)[]>("nickname_only_matches", {
      p_actor: actor,
      p_query: query,
      p_ids: ids,
    }).then((found) => (found ?? []).map(Number));
  }

  /** Brings an archived customer back into lists and search (undo archives them again). */
  restore(input: Change & { customerId: number }): Promise<RestoreResult> {
    return this.call("restore_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }
}
