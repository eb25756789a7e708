/**
 * Receipts and the outbox drain (supabase/schemas/67_receipts.sql): the drain's claim and
 * report (one round trip each per batch), a linked customer's /receipts on|off, and their
 * answer on a receipt's buttons (❗ Not mine opens a dispute), and an owner's side of a
 * dispute (reading it for Undo it, and It is correct). Receipts themselves are queued by a
 * trigger on the action log, in the transaction of the entry, so no method here writes one;
 * an undo of a disputed entry resolves its dispute the same way.
 */
import type { Json, RpcArgs } from "../rpc.ts";
import type { Change, Digits, Locale, TransactionKind } from "./types.ts";

/** What every receipt carries (the outbox payload the trigger writes); money in minor units. */
interface ReceiptBase {
  customer_account_id: number;
  customer_name: string;
  shop_name: string;
  currency: string;
  minor_unit: number;
  timezone: string;
  /** The member who recorded (or undid, or merged) it. */
  recorded_by: string | null;
  /** The customer's balance after it. */
  balance: number;
  at: string;
}

/** A purchase or payment recorded, or undone (voided). */
export interface EntryReceipt extends ReceiptBase {
  event: "recorded" | "undone";
  transaction_id: number;
  kind: TransactionKind;
  amount: number;
  note: string;
}

/** Two accounts merged into one, or a merge undone. */
export interface MergeReceipt extends ReceiptBase {
  event: "merged" | "unmerged";
  kept_name: string;
  duplicate_name: string;
}

/** What a receipt says. */
export type ReceiptPayload = EntryReceipt | MergeReceipt;

/** One message claimed for sending, with its recipient's language. */
export interface OutboxMessage {
  id: number;
  chat_id: number;
  /** receipt, or a kind a later part adds (the sender skips kinds it cannot write). */
  kind: string;
  payload: Record<string, unknown>;
  /** Tries so far, this one included. */
  attempts: number;
  locale: Locale;
  digits: Digits;
}

/** How sending one message went, as finish_outbox takes it. */
export type OutboxResult =
  | { id: number; status: "sent" }
  /** 403: the recipient blocked the bot (given up, their links marked unreachable). */
  | { id: number; status: "blocked"; error: string }
  /** 429 (retry_after seconds), 5xx or the network: tried again later. */
  | { id: number; status: "retry"; retry_after?: number; error: string }
  /** Any other refusal: given up. */
  | { id: number; status: "failed"; error: string };

/** /receipts on|off: how many live links changed, and the language the customer chose. */
export interface ReceiptsSetting {
  accounts: number;
  receipts: boolean;
  language: Locale | null;
}

/**
 * What ❗ Not mine did: opened a dispute, or found one (open, or resolved: undone or upheld),
 * or found the entry undone already; null for ✅ OK and for a merge's receipt.
 */
export type DisputeOpening =
  | "opened"
  | "already_open"
  | "already_undone"
  | "already_upheld"
  | null;

/** A receipt's button pressed: found only when the receipt went to this customer. */
export type ReceiptAnswer =
  | { found: false }
  | {
    found: true;
    answer: "ok" | "not_mine";
    shop_name: string;
    language: Locale | null;
    dispute: DisputeOpening;
  };

/** How a dispute stands: open, the entry undone, or upheld (an owner said it is correct). */
export type DisputeStatus = "open" | "undone" | "upheld";

/** A dispute as an owner of its shop sees it. */
export interface Dispute {
  id: number;
  status: DisputeStatus;
  /** The owner's note on an upheld dispute. */
  note: string | null;
  transaction_id: number;
  kind: TransactionKind;
  amount: number;
  /** The entry was undone (voided). */
  voided: boolean;
  customer_id: number;
  customer_name: string;
  shop: { currency: string; minor_unit: number };
  /** The entry's recording action: what Undo it undoes (undo_action). */
  action_id: number | null;
  /** Undoing it asks for the shop PIN (a purchase, when the shop has a PIN). */
  undo_needs_pin: boolean;
}

/** dispute_details: found only for a dispute of the owner's own shop. */
export type DisputeLookup = { found: false } | ({ found: true } & Dispute);

/** It is correct: resolved now, or (resolved: false) it was resolved already. */
export type UpholdResult = { found: false } | ({ found: true; resolved: boolean } & Dispute);

/** A dispute notice to an owner (outbox kind dispute), in their language. */
export interface DisputePayload {
  dispute_id: number;
  transaction_id: number;
  kind: TransactionKind;
  amount: number;
  note: string;
  at: string;
  customer_name: string;
  shop_name: string;
  currency: string;
  minor_unit: number;
  timezone: string;
}

/** The outcome of a dispute told to its customer (outbox kind dispute_outcome). */
export interface DisputeOutcomePayload extends Omit<DisputePayload, "note"> {
  status: "undone" | "upheld";
  resolution_note: string | null;
  balance: number;
}

/** The receipts area's RPCs. */
export class ReceiptsOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Claims up to `limit` due messages (each leased for a minute, attempts + 1). */
  claim(limit = 50): Promise<OutboxMessage[]> {
    return this.call("claim_outbox", { p_limit: limit });
  }

  /** Reports a batch's results; returns how many rows changed. */
  finish(results: readonly OutboxResult[]): Promise<number> {
    return this.call("finish_outbox", { p_results: results as unknown as Json });
  }

  /** Turns receipts on or off for every live link of this Telegram account (null: only reads). */
  setReceipts(telegramUserId: number, on: boolean | null): Promise<ReceiptsSetting> {
    return this.call("set_customer_receipts", { p_actor: telegramUserId, p_on: on });
  }

  /** Records ✅ OK or ❗ Not mine on a receipt sent to this Telegram account. */
  answer(
    telegramUserId: number,
    outboxId: number,
    answer: "ok" | "not_mine",
  ): Promise<ReceiptAnswer> {
    return this.call("answer_receipt", {
      p_actor: telegramUserId,
      p_outbox_id: outboxId,
      p_answer: answer,
    });
  }

  /** A dispute of the owner's shop (owner_only for a clerk; found: false for another shop's). */
  dispute(telegramUserId: number, disputeId: number): Promise<DisputeLookup> {
    return this.call("dispute_details", { p_actor: telegramUserId, p_dispute_id: disputeId });
  }

  /** It is correct: resolves the dispute upheld, with an optional note; the customer is told. */
  uphold(input: Change & { disputeId: number; note?: string | null }): Promise<UpholdResult> {
    return this.call("uphold_dispute", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_dispute_id: input.disputeId,
      p_note: input.note ?? null,
    });
  }
}
