/**
 * The records the ledger's SQL functions return, and {@link Change}, the actor and update
 * of a state change. ledger.ts (the port) and the area modules beside this file
 * (customers.ts, transactions.ts, pin.ts, settings.ts, tags.ts, links.ts, team.ts,
 * spending.ts, export.ts) all import them from here, so none of those modules imports
 * another's types back (no import cycle).
 */
import type { Digits, Locale } from "../../domain/language.ts";
export type { Digits, Locale } from "../../domain/language.ts";

/** Automatic badges the ledger computes for a customer. */
export type Badge = "top_debtor" | "no_payment_60_days" | "new_this_week" | "overdue";

/** A household: the customer's linked accounts and the group's total (the customer included). */
export interface Links {
  group: number;
  customers: { id: number; full_name: string; balance: number }[];
  total: number;
}

export type MemberRole = "owner" | "clerk";
export type TransactionKind = "purchase" | "payment";

/** The shop a result belongs to, with what money formatting needs. */
export interface Shop {
  id: number;
  name: string;
  currency: string;
  minor_unit: number;
  /** The shop's language: the export, and members whose own language is not known. */
  language: Locale;
  /** The shop's digit style (members may choose their own). */
  digits: Digits;
  /** IANA time zone every time is shown and typed in. */
  timezone: string;
}

export interface Member {
  user_id: number;
  role: MemberRole;
  display_name: string;
  /** Null until known: the bot then follows the Telegram app's language. */
  language?: Locale | null;
  /** Null follows the shop's. */
  digits?: Digits | null;
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
  /** Automatic badges: top debtor, no payment in 60 days, new this week, overdue. */
  badges?: Badge[];
  /** With the overdue badge: owed past its due date (minor units), and since when. */
  overdue?: number;
  oldest_overdue_on?: string;
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
  /** Its dispute (❗ Not mine on the customer's receipt): open, undone or upheld; null: none. */
  dispute?: "open" | "undone" | "upheld" | null;
  /** A purchase's own due date (YYYY-MM-DD); null: from the credit terms, or none. */
  due_on?: string | null;
}

/** What a customer owes by due date (private.customer_dues), money in minor units. */
export interface Dues {
  /** Due on or before today (overdue included). */
  due: number;
  /** Due before today. */
  overdue: number;
  /** The due date of the oldest purchase still unpaid past it (YYYY-MM-DD), or null. */
  oldest_overdue_on: string | null;
  /** The next date something falls due (today or later), and how much. */
  next_due_on: string | null;
  next_due_amount: number;
  /** Owed with no due date (no terms, none typed). */
  undated: number;
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
  /** Whether the customer's own Telegram account is linked (/connect). */
  telegram_linked?: boolean;
  /** The acting member (their role decides the card's buttons). */
  member?: Member;
  /** For a merged duplicate: the customer that kept its records. */
  merged_into?: { id: number; full_name: string } | null;
  /** What they owe by due date today in the shop's zone. */
  dues?: Dues;
  /** Their effective credit terms and limit, and where each comes from (null: none). */
  credit?: CreditTerms;
  shop: Shop;
}

/** A customer's effective credit terms and limit (customer_summary). */
export interface CreditTerms {
  /** Days from a purchase to its due date; null: no terms. */
  days: number | null;
  days_from: "customer" | "shop" | null;
  /** The most they may owe (minor units); null: no limit. */
  limit: number | null;
  limit_from: "customer" | "shop" | null;
  limit_mode?: "warn" | "block";
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

/** A change to one customer: the customer as it is now, and the shop. */
export interface CustomerChange {
  customer: Customer;
  shop: Shop;
}
