/**
 * The customers area's changes in the ledger: deleting (archiving) a customer, renaming
 * them, adding a hidden nickname. One method per SQL function (supabase/schemas/05_customers.sql).
 * Adding a customer and their summary are the Ledger's own methods (ledger.ts).
 */
import type { Change, CustomerChange, LookAlike } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface RenameResult extends CustomerChange {
  old_name: string;
  /** Another active customer whose name looks the same as the new one. */
  look_alike: LookAlike | null;
}

export interface NicknameResult extends CustomerChange {
  nickname: string;
}

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
}
