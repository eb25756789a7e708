/**
 * The owners' daily digest as the outbox sender writes it (kind `digest`), in the owner's
 * language: queued once a day per owner by the schedule (private.queue_digests,
 * supabase/schemas/72_schedule.sql) with yesterday's figures in the shop's zone.
 */
import { isolateName } from "../i18n/i18n.ts";
import { dayText, money, type Speech } from "../text/format.ts";
import { escapeHtml } from "../text/html.ts";
import type { Writer } from "./writer.ts";

/** What private.queue_digests puts in a digest's payload (money in minor units). */
export interface DigestPayload {
  shop_name: string;
  currency: string;
  minor_unit: number;
  timezone: string;
  /** The day it is about (yesterday in the shop's zone), YYYY-MM-DD. */
  day: string;
  sales: number;
  sales_count: number;
  collected: number;
  collected_count: number;
  /** Unpaid of the purchases that fell overdue today (due yesterday), and their customers. */
  new_overdue: number;
  new_overdue_customers: number;
  open_disputes: number;
  locale: string;
  digits: string;
}

/** The digest's text: the day, each figure that is not zero, or that it was a quiet day. */
export function digestText(p: DigestPayload, speech: Speech): string {
  const t = speech.t;
  const shop = { currency: p.currency, minor_unit: Number(p.minor_unit) };
  const name = speech.locale === "ar"
    ? escapeHtml(p.shop_name)
    : isolateName(escapeHtml(p.shop_name));
  const lines = [t("digest-title", { shop: name, day: dayText(p.day, speech) })];
  const sales = Number(p.sales_count);
  const collected = Number(p.collected_count);
  const overdue = Number(p.new_overdue_customers);
  if (sales > 0) {
    lines.push(t("digest-sales", { amount: money(Number(p.sales), shop, speech), count: sales }));
  }
  if (collected > 0) {
    lines.push(t("digest-collections", {
      amount: money(Number(p.collected), shop, speech),
      count: collected,
    }));
  }
  if (overdue > 0) {
    lines.push(t("digest-new-overdue", {
      amount: money(Number(p.new_overdue), shop, speech),
      count: overdue,
    }));
  }
  if (sales === 0 && collected === 0 && overdue === 0) lines.push(t("digest-quiet"));
  if (Number(p.open_disputes) > 0) {
    lines.push(t("digest-disputes", { count: Number(p.open_disputes) }));
  }
  lines.push("", t("digest-footer"));
  return lines.join("\n");
}

/** The writers of the digest kinds, by kind (shared/outbox/sender.ts merges them). */
export const DIGEST_WRITERS: Record<string, Writer> = {
  digest: (message, speech) => ({
    text: digestText(message.payload as unknown as DigestPayload, speech),
  }),
};
