/**
 * The owners' automatic backup, delivered: the outbox row private.queue_backups queued
 * (supabase/schemas/72_schedule.sql) becomes the shop's Excel workbook of its period, sent to
 * the owner as a document with a short caption in their language. The workbook is built the
 * way /export builds it (shared/bot/features/export.ts): the ledger's `export_workbook` RPC as
 * that owner, then shared/export/workbook.ts's buildWorkbook. The RPC checks the owner is still
 * an owner, so a demoted or removed owner gets nothing (the row is given up, saying why).
 *
 * Loaded by the sender (shared/outbox/sender.ts) only when a backup is due, and it loads the
 * workbook writer only then: nothing else pays for it.
 */
import { type Api, InputFile } from "grammy";
import type { Ledger } from "../db/ledger.ts";
import { LedgerError } from "../db/errors.ts";
import type { ExportData } from "../db/ledger/export.ts";
import type { OutboxMessage } from "../db/ledger/receipts.ts";
import type { BackupFrequency } from "../db/ledger/settings.ts";
import { periodText } from "../domain/periods.ts";
import { arabicIndicHtml } from "../i18n/digits.ts";
import { isolateName } from "../i18n/i18n.ts";
import { EXPORT_LIMITS } from "../bot/features/export.ts";
import type { Speech } from "../text/format.ts";
import { bold, escapeHtml } from "../text/html.ts";
import { Undeliverable } from "./writer.ts";

/** What private.queue_backups puts in a backup's row. */
export interface BackupPayload {
  /** The owner it goes to (their Telegram user id), as whom the workbook is read. */
  owner_id: number;
  shop_id: number;
  shop_name: string;
  timezone: string;
  frequency: Exclude<BackupFrequency, "off">;
  /** Always the whole-shop workbook (never a statement). */
  workbook: "shop";
  /** The period, as the shop's days (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
}

/** The caption of each kind of backup. */
const CAPTIONS = {
  daily: "settings-backup-caption-daily",
  weekly: "settings-backup-caption-weekly",
} as const;

/**
 * Builds the backup's workbook and sends it to its owner. Throws {@link Undeliverable} when it
 * must not go (no longer an owner of that shop, or too large for one file), else what the Bot
 * API or the ledger threw (the sender retries those).
 */
export async function deliverBackup(
  api: Api,
  ledger: Ledger,
  message: OutboxMessage,
  speech: Speech,
): Promise<void> {
  const p = message.payload as unknown as BackupPayload;
  let data: ExportData;
  try {
    data = await ledger.export.workbook(Number(p.owner_id), {
      from: p.from,
      to: p.to,
      maxRows: EXPORT_LIMITS.maxRows,
    });
  } catch (error) {
    if (error instanceof LedgerError && error.code === "owner_only") {
      throw new Undeliverable("backup: no longer an owner");
    }
    if (error instanceof LedgerError && error.code === "not_a_member") {
      throw new Undeliverable("backup: no longer a member");
    }
    throw error;
  }
  // An owner who left and now owns another shop must not get that shop's file.
  if (Number(data.head.shop.id) !== Number(p.shop_id)) {
    throw new Undeliverable("backup: no longer an owner of this shop");
  }
  if (data.too_large || data.kind !== "shop") {
    throw new Undeliverable(`backup: too large for one file (${data.too_large ? data.rows : 0})`);
  }
  const { buildWorkbook } = await import("../export/workbook.ts");
  const built = buildWorkbook(data);
  const shop = data.head.shop.name;
  let caption = speech.t(CAPTIONS[p.frequency === "daily" ? "daily" : "weekly"], {
    shop: bold(speech.locale === "ar" ? escapeHtml(shop) : isolateName(escapeHtml(shop))),
    period: escapeHtml(periodText(data.head.period, { locale: speech.locale, t: speech.t })),
  });
  if (message.digits === "arab") caption = arabicIndicHtml(caption);
  await api.sendDocument(message.chat_id, new InputFile(built.bytes, built.fileName), {
    caption,
    parse_mode: "HTML",
  });
}
