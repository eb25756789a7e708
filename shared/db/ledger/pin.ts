/**
 * The shop PIN in the ledger: the gate before a PIN action, checking and setting the PIN,
 * and /resetpin. One method per SQL function (supabase/schemas/30_pin.sql).
 *
 * The PIN is only ever passed to {@link PinOps.verify} and {@link PinOps.set};
 * PIN-protected operations take none: the ledger checks that the member gave the right
 * PIN in the last few minutes.
 */
import type { Change, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";
import type { NoticeRecipient } from "./team.ts";

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
  /** Every owner with the language and digits to tell them in (absent before 20261202000700). */
  recipients?: NoticeRecipient[];
  shop: Shop;
}

/** A cancelled /resetpin. */
export interface PinResetCancel {
  /** False when no reset was pending. */
  cancelled: boolean;
  cancelled_by_name: string | null;
  /** Telegram ids of every owner of the shop, to tell them. */
  owners: number[];
  /** Every owner with the language and digits to tell them in (absent before 20261202000700). */
  recipients?: NoticeRecipient[];
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

/** Shop PIN operations, reached as `ledger.pin`. */
export class PinOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Before a PIN action: is a PIN set, is the member's grant valid, are they locked out. */
  gate(actor: number): Promise<PinGate> {
    return this.call("pin_gate", { p_actor: actor });
  }

  /** Checks the shop PIN; a right one lets the member's PIN actions through for 5 minutes. */
  verify(input: Change & { pin: string }): Promise<PinCheck> {
    return this.call("verify_pin", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_pin: input.pin,
    });
  }

  /** Owner: sets (or, with a recent right PIN, changes) the shop PIN. */
  set(input: Change & { pin: string }): Promise<SetPinResult> {
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
  requestReset(input: Change): Promise<PinResetRequest> {
    return this.call("request_pin_reset", { p_actor: input.actor, p_update_id: input.updateId });
  }

  /** Owner: cancels a pending PIN reset (`cancelled` false when none was pending). */
  cancelReset(input: Change): Promise<PinResetCancel> {
    return this.call("cancel_pin_reset", { p_actor: input.actor, p_update_id: input.updateId });
  }
}
