/**
 * Receipts and the outbox drain (supabase/schemas/67_receipts.sql): the drain's claim and
 * report (one round trip each per batch), a linked customer's /receipts on|off, and their
 * answer on a receipt's buttons. Receipts themselves are queued by a trigger on the action
 * log, in the transaction of the entry, so no method here writes one.
 */
import type { Json, RpcArgs } from "../rpc.ts";
import type { Digits, Locale, TransactionKind } from "./types.ts";

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

/** A receipt's button pressed: found only when the receipt went to this customer. */
export type ReceiptAnswer =
  | { found: false }
  | { found: true; answer: "ok" | "not_mine"; shop_name: string; language: Locale | null };

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
}
