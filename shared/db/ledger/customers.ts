/**
 * The customers area's changes in the ledger: deleting (archiving) a customer, renaming
 * them, adding a hidden nickname, setting their phone, and the customers a new one may
 * duplicate. One method per SQL function (supabase/schemas/05_customers.sql).
 * Adding a customer and their summary are the Ledger's own methods (ledger.ts).
 */
import type { Change, CustomerChange, LookAlike, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface RenameResult extends CustomerChange {
  old_name: string;
  /** Another active customer whose name looks the same as the new one. */
  look_alike: LookAlike | null;
}

export interface NicknameResult extends CustomerChange {
  nickname: string;
}

/** A customer an added one may duplicate: the same-looking name and/or the same phone. */
export interface PossibleDuplicate extends LookAlike {
  phone: string | null;
  archived_at: string | null;
  same_name: boolean;
  same_phone: boolean;
}

export interface DuplicatesResult {
  /** Up to 3, active customers first, then archived ones (never merged duplicates). */
  customers: PossibleDuplicate[];
  shop: Shop;
}

export interface PhoneResult extends CustomerChange {
  old_phone: string | null;
  /** Another active customer with the new phone. */
  same_phone: { id: number; full_name: string } | null;
}

/** What /phone add, remove or main did (public.edit_customer_phones). */
export interface PhonesResult {
  customer: CustomerChange["customer"] & { other_phones: string[] };
  op: PhoneOp;
  /** The phone added, removed or made the main one (as the customer had it, when theirs). */
  phone: string;
  /** The main phone before. */
  old_main: string | null;
  /** Another active customer with the added phone. */
  same_phone: { id: number; full_name: string } | null;
}

/** /phone add 059…, /phone remove 059…, /phone main 059…. */
export type PhoneOp = "add" | "remove" | "main";

/** Customer operations, reached as `ledger.customers`. */
export class CustomersOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Deletes (archives) a customer; a balance other than zero needs an owner and the PIN. */
  archive(input: Change & { customerId: number }): Promise<CustomerChange> {
    return this.call("archive_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** Renames a customer (PIN-protected). */
  rename(input: Change & { customerId: number; fullName: string }): Promise<RenameResult> {
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

  /** Customers (active or archived) a new customer named `fullName`, with `phone`, may duplicate. */
  duplicates(actor: number, fullName: string, phone: string | null): Promise<DuplicatesResult> {
    return this.call("customer_duplicates", {
      p_actor: actor,
      p_full_name: fullName,
      p_phone: phone,
    });
  }

  /** Adds, changes or (phone null) removes a customer's phone; undoable. */
  setPhone(
    input: Change & { customerId: number; phone: string | null },
  ): Promise<PhoneResult> {
    return this.call("set_customer_phone", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_phone: input.phone,
    });
  }

  /**
   * Adds one of the customer's phones (the main one when they have none), removes a
   * specific one (phone_not_theirs when it is not theirs), or makes one the main phone.
   * Logged as phone_changed; undo puts every phone back.
   */
  editPhones(
    input: Change & { customerId: number; op: PhoneOp; phone: string },
  ): Promise<PhonesResult> {
    return this.call("edit_customer_phones", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
      p_op: input.op,
      p_phone: input.phone,
    });
  }
}
