/**
 * Reminders (supabase/schemas/71_reminders.sql): /remind on one customer, Remind all overdue
 * (a preview, then one batch), and a linked customer's /reminders on|off. The automatic ones
 * are queued by private.queue_auto_reminders (the schedule); all of them go through the outbox.
 */
import type { RpcArgs } from "../rpc.ts";
import type { Change, Customer, Dues, Locale, Shop } from "./types.ts";

/** What a reminder says about an account: the balance and the dues (minor units). */
export interface ReminderFigures extends Dues {
  balance: number;
  /** The shop's date they are for (YYYY-MM-DD). */
  today: string;
}

/** Why the bot can or cannot remind a customer itself. */
export type ReminderState =
  | "queued"
  | "already_reminded"
  | "nothing_owed"
  | "not_linked"
  | "link_ended"
  | "reminders_off"
  | "unreachable";

/** /remind on one customer, as remind_customer answers. */
export interface RemindResult {
  state: ReminderState;
  /** already_reminded: when, and of which kind (manual, overdue…). */
  reminded_at: string | null;
  reminded_kind: string | null;
  dues: ReminderFigures;
  /** The customer's phone as digits (for a WhatsApp link), or null. */
  phone_digits: string | null;
  customer: Customer;
  shop: Shop;
}

/** Remind all overdue: the preview (sent false) or the batch queued (sent true). */
export interface RemindOverdueResult {
  overdue: number;
  reachable: number;
  already_reminded: number;
  not_linked: number;
  reminders_off: number;
  unreachable: number;
  sent: boolean;
  queued: number;
  shop: Shop;
}

/** /reminders on|off: how many live links, and whether all get reminders. */
export interface RemindersSetting {
  accounts: number;
  reminders: boolean;
  language: Locale | null;
}

/** Reminder operations, reached as `ledger.reminders`. */
export class RemindersOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Any member: remind one customer (queued for a reachable link, else why not). */
  remindCustomer(input: Change & { customerId: number }): Promise<RemindResult> {
    return this.call("remind_customer", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_customer_id: input.customerId,
    });
  }

  /** Owner: Remind all overdue — the counts (send false), or queue them all (send true). */
  remindOverdue(input: Change & { send: boolean }): Promise<RemindOverdueResult> {
    return this.call("remind_overdue", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_send: input.send,
    });
  }

  /** A linked customer's /reminders on|off (null: only a look). */
  setReminders(actor: number, on: boolean | null): Promise<RemindersSetting> {
    return this.call("set_customer_reminders", { p_actor: actor, p_on: on });
  }
}
