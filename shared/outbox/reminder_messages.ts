/**
 * Payment reminders as the outbox sender writes them (kind `reminder`), in the customer's
 * language: the shop's name, what is overdue (since when) or due (today, or on a date soon),
 * the balance, and how to see the account or stop reminders. The figures were refreshed when
 * the message was claimed (public.claim_outbox), so the text is current.
 */
import type { Writer } from "./writer.ts";
import type { ReminderFigures } from "../db/ledger/reminders.ts";
import { dayText, type Money, money, type Speech } from "../text/format.ts";
import { escapeHtml } from "../text/html.ts";

/** What a reminder carries (public.outbox.payload, private.queue_reminders). */
export interface ReminderPayload extends ReminderFigures, Money {
  reminder_kind: "before_due" | "due_today" | "overdue" | "manual";
  auto: boolean;
  customer_account_id: number;
  customer_id: number;
  customer_name: string;
  shop_name: string;
  timezone: string;
}

/** The reminder's text in the reader's language (HTML). */
export function reminderText(p: ReminderPayload, speech: Speech): string {
  const t = speech.t;
  const amount = (minor: number) => escapeHtml(money(minor, p, speech));
  const lines = [
    t("reminders-message-title", {
      shop: escapeHtml(p.shop_name),
      customer: escapeHtml(p.customer_name),
    }),
  ];
  if (p.overdue > 0 && p.oldest_overdue_on) {
    lines.push(t("reminders-message-overdue", {
      amount: amount(p.overdue),
      date: dayText(p.oldest_overdue_on, speech),
    }));
  }
  if (p.due > p.overdue) {
    lines.push(t("reminders-message-due-today", { amount: amount(p.due - p.overdue) }));
  } else if (p.due === 0 && p.next_due_on && p.next_due_amount > 0) {
    lines.push(t("reminders-message-due-on", {
      amount: amount(p.next_due_amount),
      date: dayText(p.next_due_on, speech),
    }));
  }
  lines.push(t("reminders-message-balance", { amount: amount(p.balance) }));
  lines.push("", t("reminders-message-thanks"), t("reminders-message-hint"));
  return lines.join("\n");
}

/** The writers of the reminder kinds, by kind (shared/outbox/sender.ts merges them). */
export const REMINDER_WRITERS: Record<string, Writer> = {
  reminder: (message, speech) => ({
    text: reminderText(message.payload as unknown as ReminderPayload, speech),
  }),
};
