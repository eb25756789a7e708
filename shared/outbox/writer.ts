/**
 * What writes or delivers an outbox message: the shapes every kind's writer and deliverer have
 * (shared/outbox/sender.ts).
 */
import type { Api, InlineKeyboard } from "grammy";
import type { Ledger } from "../db/ledger.ts";
import type { OutboxMessage } from "../db/ledger/receipts.ts";
import type { Speech } from "../text/format.ts";

/** A message written for Telegram: its HTML text and buttons. */
export interface Written {
  text: string;
  keyboard?: InlineKeyboard;
}

/** Writes one kind of outbox message in its recipient's language (`speech`). */
export type Writer = (message: OutboxMessage, speech: Speech) => Written;

/**
 * Delivers one kind of outbox message that is more than a text (a document: the automatic
 * backup), in its recipient's language: builds what it sends (reading the ledger if it must)
 * and sends it through `api`. Resolves once Telegram accepted it; throws what the Bot API
 * threw (the sender classifies it as it does a text's: 403 blocked, 429/5xx/network again
 * later), or {@link Undeliverable} when it must not be sent at all.
 */
export type Deliverer = (
  api: Api,
  ledger: Ledger,
  message: OutboxMessage,
  speech: Speech,
) => Promise<void>;

/**
 * A message that will never be sent (its recipient may no longer have it, say): given up at
 * once, its `message` kept as the row's last_error (no message text, no personal data).
 */
export class Undeliverable extends Error {
  override name = "Undeliverable";
}
