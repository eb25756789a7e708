/**
 * Linking a customer's Telegram account (with consent) and what a linked customer reads
 * about themselves. One method per SQL function (supabase/schemas/66_connect.sql).
 */
import type { Change, Dues, Locale, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";
import type { NoticeRecipient } from "./team.ts";

/** One of a linked customer's entries, as they see it. */
export interface CustomerEntry {
  id: number;
  kind: "purchase" | "payment";
  amount: number;
  description: string;
  created_at: string;
  balance_after: number;
}

/** A live link as its customer sees it: the shop, their name and balance, latest entries. */
export interface CustomerAccount {
  account_id: number;
  /** The language chosen for them (null: their Telegram app's, else the shop's). */
  language: Locale | null;
  linked_at: string;
  shop: Shop;
  customer: { id: number; full_name: string; balance: number };
  /** What they owe by due date today in the shop's zone. */
  dues?: Dues;
  /** Whether they get payment reminders (/reminders on|off). */
  reminders?: boolean;
  entries: CustomerEntry[];
}

export interface CreateLinkResult {
  link: { id: number; expires_at: string };
  /** The code for `t.me/<bot>?start=c_<code>`; absent on a redelivery once it was used or expired. */
  code?: string;
  customer: { id: number; full_name: string; balance: number };
  shop: Shop;
}

export interface OpenLinkResult {
  link: { id: number; expires_at: string };
  customer: { id: number; full_name: string };
  shop: Shop;
}

export interface AcceptLinkResult {
  account: CustomerAccount;
  /** The shop's owners, to tell in their languages. */
  owners: NoticeRecipient[];
}

export interface DisconnectResult {
  account: CustomerAccount;
  owners: NoticeRecipient[];
}

export interface UnlinkResult {
  account: CustomerAccount;
  shop: Shop;
}

export interface CustomerHome {
  /** Whether this Telegram user is a member of a shop. */
  member: boolean;
  accounts: CustomerAccount[];
}

/** Customer links and self-service, reached as `ledger.connect`. */
export class ConnectOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** /connect (member): a one-time link code for the customer (7 days; only its hash stored). */
  createLink(input: Change & { customerId: number }): Promise<CreateLinkResult> {
    return this.call("create_customer_link", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** /start c_<code>: what the link is for, remembering who opened it (only they may answer). */
  openLink(telegramUserId: number, code: string): Promise<OpenLinkResult> {
    return this.call("open_customer_link", { p_actor: telegramUserId, p_code: code });
  }

  /** Yes: links the opener's Telegram account to the customer. */
  acceptLink(
    input: Change & { linkId: number; language?: Locale | null },
  ): Promise<AcceptLinkResult> {
    return this.call("accept_customer_link", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_link_id: input.linkId,
      p_language: input.language ?? null,
    });
  }

  /** /disconnect: the customer ends one of their own links. */
  disconnect(input: Change & { accountId: number }): Promise<DisconnectResult> {
    return this.call("disconnect_customer_account", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_account_id: input.accountId,
    });
  }

  /** Owner: ends a customer's link (the Unlink button). */
  unlink(input: Change & { customerId: number }): Promise<UnlinkResult> {
    return this.call("unlink_customer_account", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** /balance: the Telegram user's own live links, with their latest entries. */
  home(telegramUserId: number, entries = 3): Promise<CustomerHome> {
    return this.call("customer_home", { p_actor: telegramUserId, p_entries: entries });
  }

  /** /statement: one of the user's own accounts with its 30 latest entries. */
  statement(telegramUserId: number, accountId: number): Promise<CustomerAccount> {
    return this.call("customer_statement", {
      p_actor: telegramUserId,
      p_account_id: accountId,
    });
  }
}
