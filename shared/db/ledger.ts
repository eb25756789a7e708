/**
 * The ledger port: one typed method per SQL function. The bot talks only to this;
 * which database is behind it (Supabase, Postgres, PGlite) is the transport's concern.
 */
import type { Json, RpcArgs, RpcTransport } from "./rpc.ts";
import { CustomersOps } from "./ledger/customers.ts";
import { TransactionsOps } from "./ledger/transactions.ts";
import { TagsOps } from "./ledger/tags.ts";
import { LinksOps } from "./ledger/links.ts";
import { SearchOps } from "./ledger/search.ts";
import { PinOps } from "./ledger/pin.ts";
import { SettingsOps } from "./ledger/settings.ts";
import { TeamOps } from "./ledger/team.ts";
import { SpendingOps } from "./ledger/spending.ts";
import { ExportOps } from "./ledger/export.ts";
import { ConnectOps } from "./ledger/connect.ts";
import { ReceiptsOps } from "./ledger/receipts.ts";
import { DuesOps } from "./ledger/dues.ts";
import { RemindersOps } from "./ledger/reminders.ts";
import { OverdueOps } from "./ledger/overdue.ts";
import type {
  ActionList,
  AddCustomerResult,
  Change,
  CustomerList,
  Locale,
  MemberInfo,
  StartResult,
  SummaryResult,
  TransactionResult,
  UndoResult,
} from "./ledger/types.ts";

// The records the ledger returns are defined in ledger/types.ts (the area modules use them too).
export type {
  ActionEntry,
  ActionList,
  AddCustomerResult,
  Change,
  Customer,
  CustomerChange,
  CustomerList,
  CustomerListItem,
  Digits,
  Dues,
  Locale,
  LookAlike,
  Member,
  MemberInfo,
  MemberRole,
  Shop,
  StartResult,
  SummaryResult,
  Transaction,
  TransactionKind,
  TransactionResult,
  UndoResult,
} from "./ledger/types.ts";

/** Typed access to every ledger operation; each method is exactly one round trip. */
export class Ledger {
  constructor(readonly transport: RpcTransport) {}

  // The areas' operations, one group per area (shared/db/ledger/<area>.ts, beside the area's
  // supabase/schemas file). Starting, membership, adding a customer, recording, the summary,
  // search, history and undo, and sessions are the Ledger's own methods, below.

  /** Deleting (archiving), renaming and nicknaming a customer (ledger/customers.ts). */
  readonly customers = new CustomersOps((fn, args) => this.transport.call(fn, args) as never);
  /** A customer's transactions listed, and one in full (ledger/transactions.ts). */
  readonly transactions = new TransactionsOps((fn, args) => this.transport.call(fn, args) as never);
  /** Tagging customers and the shop's tags (ledger/tags.ts). */
  readonly tags = new TagsOps((fn, args) => this.transport.call(fn, args) as never);
  /** Linked households and merges (ledger/links.ts). */
  readonly links = new LinksOps((fn, args) => this.transport.call(fn, args) as never);
  /** Archived customers (search, list, restore) and nickname-only matches (ledger/search.ts). */
  readonly search = new SearchOps((fn, args) => this.transport.call(fn, args) as never);
  /** The shop PIN: the gate, checking, setting, /resetpin (ledger/pin.ts). */
  readonly pin = new PinOps((fn, args) => this.transport.call(fn, args) as never);
  /** The shop's settings (ledger/settings.ts). */
  readonly settings = new SettingsOps((fn, args) => this.transport.call(fn, args) as never);
  /** The team: invites, members, roles, leaving (ledger/team.ts). */
  readonly team = new TeamOps((fn, args) => this.transport.call(fn, args) as never);
  /** The shop's own spending (ledger/spending.ts). */
  readonly spending = new SpendingOps((fn, args) => this.transport.call(fn, args) as never);
  /** /export: the Excel workbook's data, or a customer's statement (ledger/export.ts). */
  readonly export = new ExportOps((fn, args) => this.transport.call(fn, args) as never);
  /** Customers' linked Telegram accounts and their self-service (ledger/connect.ts). */
  readonly connect = new ConnectOps((fn, args) => this.transport.call(fn, args) as never);
  /** Receipts to linked customers: the outbox drain, /receipts, the receipt's buttons (ledger/receipts.ts). */
  readonly receipts = new ReceiptsOps((fn, args) => this.transport.call(fn, args) as never);
  /** Due dates: a customer's own terms and limit, a purchase's due date (ledger/dues.ts). */
  readonly dues = new DuesOps((fn, args) => this.transport.call(fn, args) as never);
  /** Reminders: /remind, Remind all overdue, /reminders on|off (ledger/reminders.ts). */
  readonly reminders = new RemindersOps((fn, args) => this.transport.call(fn, args) as never);
  /** /overdue: the ageing buckets and their customers (ledger/overdue.ts). */
  readonly overdue = new OverdueOps((fn, args) => this.transport.call(fn, args) as never);

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
      /** The language of their Telegram app, stored at first contact (and for a new shop). */
      language?: Locale | null;
      /** A new shop's time zone (DEFAULT_TIMEZONE). */
      timeZone?: string;
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
      p_language: input.language ?? null,
      p_timezone: input.timeZone ?? null,
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

  /**
   * Records a purchase on credit of `amount` minor units; `dueOn` (YYYY-MM-DD) is its own due
   * date, `overLimit` the member's yes to going past the customer's credit limit.
   */
  recordPurchase(
    input: Change & {
      customerId: number;
      amount: number;
      description?: string;
      dueOn?: string | null;
      overLimit?: boolean;
    },
  ): Promise<TransactionResult> {
    return this.#call("record_purchase", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_amount: input.amount,
      p_description: input.description ?? "",
      p_due_on: input.dueOn ?? null,
      p_over_limit: input.overLimit ?? false,
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

  /** The shop's action log, newest first, optionally for one member or about one customer. */
  listActions(
    actor: number,
    options: { limit?: number; offset?: number; member?: number | null; customer?: number | null } =
      {},
  ): Promise<ActionList> {
    return this.#call("list_actions", {
      p_actor: actor,
      p_limit: options.limit ?? 10,
      p_offset: options.offset ?? 0,
      p_member: options.member ?? null,
      p_customer: options.customer ?? null,
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
