/**
 * The shop's settings and a member's own language in the ledger. One method per SQL function
 * (supabase/schemas/35_settings.sql).
 */
import type { Change, Digits, Locale, Member, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface ShopSettings {
  archive_when_settled: boolean;
  pin_set: boolean;
  pin_set_at: string | null;
  /** When a pending /resetpin removes the PIN. */
  pin_reset_due_at?: string | null;
  /** True once the shop has transactions: its currency can no longer change. */
  currency_locked?: boolean;
  /** Credit terms in days; null: none. */
  credit_days: number | null;
  /** Credit limit in minor units; null: none. */
  credit_limit: number | null;
  credit_limit_mode: "warn" | "block";
  reminders_auto: boolean;
  remind_before_days: number;
  remind_every_days: number;
  /** "21:00-09:00", or null: none. */
  quiet_hours: string | null;
  digest: boolean;
  /** The owners' automatic backup (private.queue_backups): off, daily or weekly. */
  backup: BackupFrequency;
  member: Member;
  shop: Shop;
}

/** How often every owner gets the shop's workbook on its own (the setting `backup`). */
export type BackupFrequency = "off" | "daily" | "weekly";

export interface SettingResult {
  archive_when_settled: boolean;
  changed: boolean;
  shop: Shop;
}

/** The shop settings /settings changes (archive_when_settled has its own method). */
export type ShopSettingName =
  | "name"
  | "timezone"
  | "language"
  | "digits"
  | "currency"
  /** Credit terms in days (0-365), or "none". */
  | "credit_days"
  /** Credit limit in minor units, or "none". */
  | "credit_limit"
  /** warn or block. */
  | "credit_limit_mode"
  /** Automatic reminders: true or false. */
  | "reminders_auto"
  | "remind_before_days"
  | "remind_every_days"
  /** HH:MM-HH:MM, or "none". */
  | "quiet_hours"
  /** The owners' daily digest: true or false. */
  | "digest"
  /** The owners' automatic backup: off, daily or weekly. */
  | "backup";

export interface ShopSettingResult {
  setting: ShopSettingName;
  /** The values as text; null: none (credit terms, limit, quiet hours). */
  old: string;
  new: string;
  /** False when the value was already that. */
  changed: boolean;
  member: Member;
  shop: Shop;
}

export interface MemberLanguageResult {
  member: Member;
  shop: Shop;
}

/** Shop settings operations, reached as `ledger.settings`. */
export class SettingsOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** The shop's settings. */
  get(actor: number): Promise<ShopSettings> {
    return this.call("shop_settings", { p_actor: actor });
  }

  /** Owner: archive customers when a payment brings their balance to zero (on/off). */
  setArchiveWhenSettled(input: Change & { enabled: boolean }): Promise<SettingResult> {
    return this.call("set_archive_when_settled", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_enabled: input.enabled,
    });
  }

  /**
   * Owner: the shop's name, time zone (IANA), default language, digit style, or currency
   * (refused with shop_has_transactions once the shop has any). Logged, undoable.
   */
  setShopSetting(
    input: Change & { setting: ShopSettingName; value: string },
  ): Promise<ShopSettingResult> {
    return this.call("set_shop_setting", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_setting: input.setting,
      p_value: input.value,
    });
  }

  /** /language: the member's own language and/or digit style (absent: unchanged). */
  setMemberLanguage(
    input: Change & { language?: Locale; digits?: Digits },
  ): Promise<MemberLanguageResult> {
    return this.call("set_member_language", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_language: input.language ?? null,
      p_digits: input.digits ?? null,
    });
  }
}
