/** What writes an outbox message: the shape every kind's writer has (shared/outbox/sender.ts). */
import type { InlineKeyboard } from "grammy";
import type { OutboxMessage } from "../db/ledger/receipts.ts";
import type { Speech } from "../text/format.ts";

/** A message written for Telegram: its HTML text and buttons. */
export interface Written {
  text: string;
  keyboard?: InlineKeyboard;
}

/** Writes one kind of outbox message in its recipient's language (`speech`). */
export type Writer = (message: OutboxMessage, speech: Speech) => Written;
