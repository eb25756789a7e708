/**
 * The seed's checklist in the ledger: transaction details, archiving, renames, hidden
 * nicknames, tags, linked households, merges, shop settings and the shop PIN. One
 * method per SQL function (20261122000200_customer_care_functions.sql).
 *
 * The PIN is only ever passed to {@link CustomerCareOps.verifyPin} and
 * {@link CustomerCareOps.setPin}; PIN-protected operations take none: the ledger checks
 * that the member gave the right PIN in the last few minutes.
 */
import type { Change, Customer, Links, LookAlike, Shop, Transaction } from "./ledger_types.ts";
import type { RpcArgs } from "./rpc.ts";

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

export interface PinGate {
  pin_set: boolean;
  /** A right PIN lets this member's PIN actions through until then. */
  valid_until: string | null;
  locked_until: string | null;
  /** True once, for an owner, while the shop has no PIN: remind them to set one. */
  remind: boolean;
  /** When a pending /resetpin removes the PIN (the current PIN is needed until then). */
  reset_due_at?: string | null;
}

/** A /resetpin request (20261201000300_pin_reset.sql). */
export interface PinResetRequest {
  /** A reset was already pending: nothing new was scheduled. */
  already: boolean;
  requested_at: string;
  /** When the PIN is removed: 24 hours after the request. */
  due_at: string;
  requested_by_name: string | null;
  /** Telegram ids of every owner of the shop, to tell them. */
  owners: number[];
  shop: Shop;
}

/** A cancelled /resetpin. */
export interface PinResetCancel {
  /** False when no reset was pending. */
  cancelled: boolean;
  cancelled_by_name: string | null;
  /** Telegram ids of every owner of the shop, to tell them. */
  owners: number[];
  shop: Shop;
}

export interface PinCheck {
  ok: boolean;
  valid_until?: string | null;
  attempts_left?: number;
  locked_until?: string | null;
}

export interface SetPinResult {
  replaced: boolean;
  valid_until: string;
  shop: Shop;
}

export interface ShopSettings {
  archive_when_settled: boolean;
  pin_set: boolean;
  pin_set_at: string | null;
  /** When a pending /resetpin removes the PIN. */
  pin_reset_due_at?: string | null;
  member: { user_id: number; role: "owner" | "clerk"; display_name: string };
  shop: Shop;
}

export interface SettingResult {
  archive_when_settled: boolean;
  changed: boolean;
  shop: Shop;
}

export interface CustomerChange {
  customer: Customer;
  shop: Shop;
}

export interface RenameResult extends CustomerChange {
  old_name: string;
  /** Another active customer whose name looks the same as the new one. */
  look_alike: LookAlike | null;
}

export interface NicknameResult extends CustomerChange {
  nickname: string;
}

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

/** Customer care operations, reached as `ledger.care`. */
export class CustomerCareOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** A customer's transactions (voided too), newest first, optionally filtered. */
  listTransactions(
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
  transactionDetails(actor: number, transactionId: number): Promise<TransactionDetails> {
    return this.call("transaction_details", { p_actor: actor, p_transaction_id: transactionId });
  }

  /** Before a PIN action: is a PIN set, is the member's grant valid, are they locked out. */
  pinGate(actor: number): Promise<PinGate> {
    return this.call("pin_gate", { p_actor: actor });
  }

  /** Checks the shop PIN; a right one lets the member's PIN actions through for 5 minutes. */
  verifyPin(input: Change & { pin: string }): Promise<PinCheck> {
    return this.call("verify_pin", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_pin: input.pin,
    });
  }

  /** Owner: sets (or, with a recent right PIN, changes) the shop PIN. */
  setPin(input: Change & { pin: string }): Promise<SetPinResult> {
    return this.call("set_pin", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_pin: input.pin,
    });
  }

  /**
   * Owner: schedules removing the shop PIN 24 hours from now (a forgotten PIN); a
   * second request keeps the first date. Returns every owner to tell.
   */
  requestPinReset(input: Change): Promise<PinResetRequest> {
    return this.call("request_pin_reset", { p_actor: input.actor, p_update_id: input.updateId });
  }

  /** Owner: cancels a pending PIN reset (`cancelled` false when none was pending). */
  cancelPinReset(input: Change): Promise<PinResetCancel> {
    return this.call("cancel_pin_reset", { p_actor: input.actor, p_update_id: input.updateId });
  }

  /** The shop's settings. */
  settings(actor: number): Promise<ShopSettings> {
    return this.call("shop_settings", { p_actor: actor });
  }

  /** Owner: archive customers when a payment brings their balance to zero (on/off). */
  setArchiveWhenSettled(input: Change & { enabled: boolean }): Promise<SettingResult> {
    return this.call("set_archive_when_settled", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_enabled: input.enabled,
    });
  }

  /** Deletes (archives) a customer; a balance other than zero needs an owner and the PIN. */
  archiveCustomer(input: Change & { customerId: number }): Promise<CustomerChange> {
    return this.call("archive_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** Renames a customer (PIN-protected). */
  renameCustomer(input: Change & { customerId: number; fullName: string }): Promise<RenameResult> {
    return this.call("rename_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_full_name: input.fullName,
    });
  }

  /** Adds a hidden nickname. */
  addNickname(input: Change & { customerId: number; nickname: string }): Promise<NicknameResult> {
    return this.call("add_nickname", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_nickname: input.nickname,
    });
  }

  /** Adds tags to a customer, or removes them with `remove`. */
  tagCustomer(
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
  listTags(actor: number): Promise<TagList> {
    return this.call("list_tags", { p_actor: actor });
  }

  /** Links two customers into one household. */
  linkCustomers(input: Change & { customerId: number; otherId: number }): Promise<LinkResult> {
    return this.call("link_customers", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_other_id: input.otherId,
    });
  }

  /** Takes a customer out of their household. */
  unlinkCustomer(input: Change & { customerId: number }): Promise<UnlinkResult> {
    return this.call("unlink_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** Owner + PIN: merges `duplicateId` into `customerId` and archives the duplicate. */
  mergeCustomers(
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
