/**
 * Payment reminders as the outbox sender writes them (kind `reminder`), in the customer's
 * language.
 */
import type { Writer } from "./writer.ts";

/** The writers of the reminder kinds, by kind (shared/outbox/sender.ts merges them). */
export const REMINDER_WRITERS: Record<string, Writer> = {};
