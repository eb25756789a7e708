/**
 * The ledger port: one typed method per SQL function. The bot talks only to this;
 * which database is behind it (Supabase, Postgres, PGlite) is the transport's concern.
 */
import type { Json, RpcArgs, RpcTransport } from "./rpc.ts";
import { TeamOps } from "./ledger_team.ts";
import { SpendingOps } from "./ledger_spending.ts";
import { ExportOps } from "./ledger_export.ts";
import { type Badge, CustomerCareOps, type Links } from "./ledger_customer_care.ts";

export type MemberRole = "owner" | "clerk";
export type TransactionKind = "purchase" | "payment";

/** The shop a result belongs to, with what money formatting needs. */
export interface Shop {
  id: number;
  name: string;
  currency: string;
  minor_unit: number;
}

export interface Member {
  user_id: number;
  role: MemberRole;
  display_name: string;
}

export interface Customer {
  id: number;
  full_name: string;
  phone: string | null;
  tags: string[];
  /** Minor units; positive = the customer owes the shop. */
  balance: number;
  created_at: string;
  archived_at: string | null;
  /** Present only where hidden nicknames may be shown (summary, add). */
  nicknames?: string[];
  /** More phones (summary). */
  other_phones?: string[];
  /** Automatic badges (summary). */
  badges?: Badge[];
}

/** A customer as lists and search show it: never with nicknames. */
export interface CustomerListItem {
  id: number;
  full_name: string;
  phone: string | null;
  tags: string[];
  balance: number;
  score?: number;
  /** Automatic badges: top debtor, no payment in 60 days, new this week. */
  badges?: Badge[];
}

export interface Transaction {
  id: number;
  customer_id: number;
  kind: TransactionKind;
  amount: number;
  description: string;
  tags: string[];
  recorded_by: number;
  balance_after: number;
  created_at: string;
  voided_at: string | null;
}

export interface ActionEntry {
  id: number;
  action: string;
  created_at: string;
  actor_id: number;
  /** The actor as they were when they acted, with "(role, id N)" when the name could deceive. */
  actor_name: string;
  /** The actor's role when they acted. */
  actor_role: "owner" | "clerk";
  customer_id: number | null;
  customer_name: string | null;
  transaction_id: number | null;
  info: Record<string, unknown>;
  undone_at: string | null;
  undoes_action_id: number | null;
  undoable: boolean;
  /** Undoing it asks for the shop PIN (it lowers what a customer owes, or repeats a PIN action). */
  undo_needs_pin: boolean;
}

export interface StartResult {
  status: "member" | "opened" | "claimed" | "stranger";
  member?: Member;
  shop?: Shop;
}
export interface MemberInfo {
  member: Member;
  shop: Shop;
}
/** A customer whose name looks the same as another's: who, and what they owe. */
export interface LookAlike {
  id: number;
  full_name: string;
  balance: number;
}
export interface AddCustomerResult {
  customer: Customer;
  same_phone: { id: number; full_name: string } | null;
  /** An active customer of the shop whose name looks the same (after cleaning and folding). */
  look_alike: LookAlike | null;
  shop: Shop;
}
export interface TransactionResult {
  transaction: Transaction;
  customer: Customer;
  /** A payment settled the customer and the shop archives settled customers. */
  archived?: boolean;
  shop: Shop;
}
export interface SummaryResult {
  customer: Customer;
  totals: {
    purchases: number;
    payments: number;
    count: number;
    last_purchase_at: string | null;
    last_payment_at: string | null;
  };
  recent: Transaction[];
  /** The customer's linked accounts (household) and the group's total. */
  links?: Links | null;
  /** For a merged duplicate: the customer that kept its records. */
  merged_into?: { id: number; full_name: string } | null;
  shop: Shop;
}
export interface CustomerList {
  mode: "all" | "name" | "phone" | "tag";
  query: string;
  /** How many match; a search stops counting at 100 (then `total_capped`). */
  total: number;
  /** True when more than `total` match (a search counts up to 100). */
  total_capped?: boolean;
  customers: CustomerListItem[];
  shop: Shop;
}
export interface ActionList {
  total: number;
  actions: ActionEntry[];
  shop: Shop;
}
export interface UndoResult {
  undone: { id: number; action: string; info: Record<string, unknown>; created_at: string };
  undo_action_id: number;
  /** The customer as they are after the undo (null for actions about no customer). */
  customer: Customer | null;
  shop: Shop;
}

/** Who acts, and which Telegram update asked for the change (the idempotency key). */
export interface Change {
  actor: number;
  updateId: number;
}

/** Typed access to every ledger operation; each method is exactly one round trip. */
export class Ledger {
  constructor(readonly transport: RpcTransport) {}

  /** The team: invites, members, roles, leaving (ledger_team.ts). */
  readonly team = new TeamOps((fn, args) => this.transport.call(fn, args) as never);
  /** The shop's own spending (ledger_spending.ts). */
  readonly spending = new SpendingOps((fn, args) => this.transport.call(fn, args) as never);
  /** /export: the Excel workbook's data, or a customer's statement (ledger_export.ts). */
  readonly export = new ExportOps((fn, args) => this.transport.call(fn, args) as never);
  /** Transactions in detail, archiving, renames, nicknames, tags, links, merges, settings, PIN. */
  readonly care = new CustomerCareOps((fn, args) => this.transport.call(fn, args) as never);

  #call<T>(fn: string, args: RpcArgs): Promise<T> {
    return this.transport.call(fn, args) as Promise<T>;
  }

  /** /start: greets a member, opens or claims a shop when allowed, or reports a stranger. */
  startUser(
    input: Change & {
      displayName: string;
      mayOpenShop?: boolean;
      claimIfUnclaimed?: boolean;
      shopName?: string;
      currency?: string;
    },
  ): Promise<StartResult> {
    return this.#call("start_user", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_display_name: input.displayName,
      p_may_open_shop: input.mayOpenShop ?? false,
      p_claim_if_unclaimed: input.claimIfUnclaimed ?? false,
      p_shop_name: input.shopName ?? null,
      p_currency: input.currency ?? "USD",
    });
  }

  /** The acting user's membership and shop; LedgerError not_a_member otherwise. */
  memberInfo(actor: number): Promise<MemberInfo> {
    return this.#call("member_info", { p_actor: actor });
  }

  /** Adds a customer; `same_phone` names another customer who has that phone. */
  addCustomer(
    input: Change & {
      fullName: string;
      phone?: string | null;
      nicknames?: string[];
      tags?: string[];
    },
  ): Promise<AddCustomerResult> {
    return this.#call("add_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_full_name: input.fullName,
      p_phone: input.phone ?? null,
      p_nicknames: input.nicknames ?? [],
      p_tags: input.tags ?? [],
    });
  }

  /** Records a purchase on credit of `amount` minor units. */
  recordPurchase(
    input: Change & { customerId: number; amount: number; description?: string },
  ): Promise<TransactionResult> {
    return this.#call("record_purchase", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_amount: input.amount,
      p_description: input.description ?? "",
    });
  }

  /** Records a payment of `amount` minor units, or of the whole balance with `settle`. */
  recordPayment(
    input: Change & {
      customerId: number;
      amount?: number | null;
      description?: string;
      settle?: boolean;
    },
  ): Promise<TransactionResult> {
    return this.#call("record_payment", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_amount: input.amount ?? null,
      p_description: input.description ?? "",
      p_settle: input.settle ?? false,
    });
  }

  /** A customer's details, totals and latest transactions. */
  customerSummary(actor: number, customerId: number, recent = 5): Promise<SummaryResult> {
    return this.#call("customer_summary", {
      p_actor: actor,
      p_customer_id: customerId,
      p_recent: recent,
    });
  }

  /** All active customers (largest debt first), or a search by name, phone digits or #tag. */
  listCustomers(
    actor: number,
    options: { query?: string | null; limit?: number; offset?: number } = {},
  ): Promise<CustomerList> {
    return this.#call("list_customers", {
      p_actor: actor,
      p_query: options.query ?? null,
      p_limit: options.limit ?? 10,
      p_offset: options.offset ?? 0,
    });
  }

  /** The shop's action log, newest first, optionally for one member. */
  listActions(
    actor: number,
    options: { limit?: number; offset?: number; member?: number | null } = {},
  ): Promise<ActionList> {
    return this.#call("list_actions", {
      p_actor: actor,
      p_limit: options.limit ?? 10,
      p_offset: options.offset ?? 0,
      p_member: options.member ?? null,
    });
  }

  /** Undoes one action, or the latest undoable one when `actionId` is omitted. */
  undoAction(input: Change & { actionId?: number | null }): Promise<UndoResult> {
    return this.#call("undo_action", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_action_id: input.actionId ?? null,
    });
  }

  /** Session storage: the value under `key`, or undefined. */
  async sessionRead(key: string): Promise<unknown> {
    return (await this.#call<unknown>("session_read", { p_key: key })) ?? undefined;
  }

  /** Session storage: stores `value` (a JSON object, as grammY sessions are) under `key`. */
  async sessionWrite(key: string, value: Record<string, unknown>): Promise<void> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new TypeError("a session is a JSON object");
    }
    await this.#call("session_write", { p_key: key, p_value: value as Json });
  }

  /** Session storage: forgets `key`. */
  async sessionDelete(key: string): Promise<void> {
    await this.#call("session_delete", { p_key: key });
  }

  /** Closes the transport. */
  close(): Promise<void> {
    return this.transport.close();
  }
}
