/**
 * How the action log reads in a chat: one sentence per action, of every area, in the
 * reader's language ({@link ACTION_SENTENCES}; a test checks every
 * action kind has one), and the labels that keep history entries and transactions apart: a
 * history entry is "H13", a transaction "T13".
 */
import type { ActionEntry } from "../db/ledger.ts";
import { isolateName, type Translate, translator } from "../i18n/i18n.ts";
import { bold, escapeHtml } from "./html.ts";
import { type Money, money, type Speech } from "./format.ts";

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

/** A history entry's label: "H13" (transactions are "T13": {@link transactionLabel}). */
export function historyLabel(id: number, t: Translate = ENGLISH.t): string {
  return t("history-label", { id: String(id) });
}

/** A transaction's label, as the transactions side should print it: "T13". */
export function transactionLabel(id: number): string {
  return `T${id}`;
}

/**
 * A history entry's id from what a member typed: "H13", "h13", "#13", "13", "ح13" or
 * Arabic-Indic digits; null when it is none of these.
 */
export function parseHistoryLabel(text: string): number | null {
  const digits = text.trim().replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
  const m = digits.match(/^(?:[hH#]|ح)?\s*(\d{1,15})$/);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const hashtags = (value: unknown) =>
  escapeHtml((Array.isArray(value) ? value : []).map((t) => `#${t}`).join(" "));

/** A name from an action's info, bold (and isolated when right-to-left in English). */
function named(value: unknown, speech: Speech): string {
  const name = String(value ?? "");
  return bold(speech.locale === "en" ? isolateName(name) : name);
}

/** The sentence of each action kind (every kind in public.action_kinds has one: a test checks). */
export const ACTION_SENTENCES: Record<string, string> = {
  shop_opened: "history-action-shop-opened",
  customer_added: "history-action-customer-added",
  purchase_recorded: "history-action-purchase-recorded",
  payment_recorded: "history-action-payment-recorded",
  action_undone: "history-action-action-undone",
  expense_recorded: "history-action-expense-recorded",
  member_invited: "history-action-member-invited",
  member_joined: "history-action-member-joined",
  member_role_changed: "history-action-member-role-changed",
  member_removed: "history-action-member-removed",
  member_left: "history-action-member-left",
  customer_archived: "history-action-customer-archived",
  customer_restored: "history-action-customer-restored",
  customer_renamed: "history-action-customer-renamed",
  nickname_added: "history-action-nickname-added",
  customer_tagged: "history-action-customer-tagged",
  customer_untagged: "history-action-customer-untagged",
  customers_linked: "history-action-customers-linked",
  customer_unlinked: "history-action-customer-unlinked",
  customers_merged: "history-action-customers-merged",
  setting_changed: "history-action-setting-changed",
  pin_set: "history-action-pin-set",
  pin_reset_requested: "history-action-pin-reset-requested",
  pin_reset_cancelled: "history-action-pin-reset-cancelled",
  pin_reset_applied: "history-action-pin-reset-applied",
  invite_revoked: "history-action-invite-revoked",
  phone_changed: "history-action-phone-changed",
  customer_link_created: "history-action-customer-link-created",
  customer_linked: "history-action-customer-linked",
  customer_link_ended: "history-action-customer-link-ended",
  dispute_opened: "history-action-dispute-opened",
  dispute_resolved: "history-action-dispute-resolved",
  customer_credit_set: "history-action-customer-credit-set",
  due_date_set: "history-action-due-date-set",
};

/** Each action kind as a noun, for "undid H5 (a purchase)". */
export const ACTION_NOUNS: Record<string, string> = {
  shop_opened: "history-what-shop-opened",
  customer_added: "history-what-customer-added",
  purchase_recorded: "history-what-purchase-recorded",
  payment_recorded: "history-what-payment-recorded",
  action_undone: "history-what-action-undone",
  expense_recorded: "history-what-expense-recorded",
  member_invited: "history-what-member-invited",
  member_joined: "history-what-member-joined",
  member_role_changed: "history-what-member-role-changed",
  member_removed: "history-what-member-removed",
  member_left: "history-what-member-left",
  customer_archived: "history-what-customer-archived",
  customer_restored: "history-what-customer-restored",
  customer_renamed: "history-what-customer-renamed",
  nickname_added: "history-what-nickname-added",
  customer_tagged: "history-what-customer-tagged",
  customer_untagged: "history-what-customer-untagged",
  customers_linked: "history-what-customers-linked",
  customer_unlinked: "history-what-customer-unlinked",
  customers_merged: "history-what-customers-merged",
  setting_changed: "history-what-setting-changed",
  pin_set: "history-what-pin-set",
  pin_reset_requested: "history-what-pin-reset-requested",
  pin_reset_cancelled: "history-what-pin-reset-cancelled",
  pin_reset_applied: "history-what-pin-reset-applied",
  invite_revoked: "history-what-invite-revoked",
  phone_changed: "history-what-phone-changed",
  customer_link_created: "history-what-customer-link-created",
  customer_linked: "history-what-customer-linked",
  customer_link_ended: "history-what-customer-link-ended",
  dispute_opened: "history-what-dispute-opened",
  dispute_resolved: "history-what-dispute-resolved",
  customer_credit_set: "history-what-customer-credit-set",
  due_date_set: "history-what-due-date-set",
};

/** Shop settings by name (setting_changed's info.setting). */
const SETTING_NAMES: Record<string, string> = {
  name: "history-setting-name",
  timezone: "history-setting-timezone",
  language: "history-setting-language",
  digits: "history-setting-digits",
  currency: "history-setting-currency",
  credit_days: "history-setting-credit-days",
  credit_limit: "history-setting-credit-limit",
  credit_limit_mode: "history-setting-credit-limit-mode",
  reminders_auto: "history-setting-reminders-auto",
  remind_before_days: "history-setting-remind-before-days",
  remind_every_days: "history-setting-remind-every-days",
  quiet_hours: "history-setting-quiet-hours",
  digest: "history-setting-digest",
  backup: "history-setting-backup",
};

/** The credit and reminder settings, whose values {@link settingValue} puts in words. */
const VALUED_SETTINGS = new Set([
  "credit_days",
  "credit_limit",
  "credit_limit_mode",
  "reminders_auto",
  "remind_before_days",
  "remind_every_days",
  "quiet_hours",
  "digest",
  "backup",
]);

/** The automatic backup's values (setting_changed of backup) in words. */
const BACKUP_VALUES: Record<string, string> = {
  off: "history-value-off",
  daily: "history-value-daily",
  weekly: "history-value-weekly",
};

/** A credit or reminder setting's value (as setting_changed logs it, text or null) in words, bold. */
function settingValue(setting: string, value: unknown, shop: Money, speech: Speech): string {
  const t = speech.t;
  if (value === null || value === undefined || value === "") return bold(t("history-value-none"));
  const text = String(value);
  switch (setting) {
    case "credit_days":
    case "remind_before_days":
    case "remind_every_days":
      return bold(t("history-value-days", { count: Number(text) }));
    case "credit_limit":
      return bold(money(Number(text), shop, speech));
    case "credit_limit_mode":
      return bold(t(text === "block" ? "history-value-block" : "history-value-warn"));
    case "reminders_auto":
    case "digest":
      return bold(t(text === "true" ? "history-value-on" : "history-value-off"));
    case "backup":
      // off, daily or weekly (the automatic backup).
      return bold(t(BACKUP_VALUES[text] ?? "history-value-off"));
    default:
      return bold(escapeHtml(text));
  }
}

/** What an action kind is, as a noun: "a purchase" (for "undid H5 (a purchase)"). */
export function actionNoun(action: string, speech: Speech = ENGLISH): string {
  return speech.t(ACTION_NOUNS[action] ?? "history-what-unknown");
}

/** What an action did, in words: "Owner recorded a purchase of $50.00 for John Smith". */
export function actionSentence(a: ActionEntry, shop: Money, speech: Speech = ENGLISH): string {
  const t = speech.t;
  const who = escapeHtml(
    a.actor_name ? (speech.locale === "en" ? isolateName(a.actor_name) : a.actor_name) : "",
  ) || t("history-someone", { id: String(a.actor_id) });
  const whom = a.customer_name ? named(a.customer_name, speech) : "";
  const info = a.info as Record<string, unknown>;
  const args: Record<string, string | number> = { who, whom };
  switch (a.action) {
    case "purchase_recorded":
    case "payment_recorded":
      args.amount = money(Number(info.amount), shop, speech);
      break;
    case "expense_recorded":
      args.item = escapeHtml(String(info.item ?? ""));
      args.amount = money(Number(info.price), shop, speech);
      break;
    case "member_invited":
    case "member_joined":
    case "invite_revoked":
    case "member_role_changed":
      args.role = String((a.action === "member_role_changed" ? info.to : info.role) ?? "clerk");
      args.member = named(info.member_name, speech);
      break;
    case "member_removed":
      args.member = named(info.member_name, speech);
      break;
    case "action_undone": {
      args.label = historyLabel(Number(info.undone_action_id), t);
      args.what = actionNoun(String(info.undone_action ?? ""), speech);
      return t(whom ? "history-action-action-undone-for" : "history-action-action-undone", args);
    }
    case "customer_renamed":
      args.old = named(info.old_name, speech);
      args.new = named(info.new_name, speech);
      break;
    case "customer_tagged":
    case "customer_untagged":
      args.tags = hashtags(info.tags);
      break;
    case "customers_linked":
      args.other = named(info.other_name, speech);
      break;
    case "customers_merged":
      args.duplicate = named(info.duplicate_name, speech);
      break;
    case "setting_changed":
      if (info.setting === undefined || info.setting === "archive_when_settled") {
        args.on = info.new ? "yes" : "no";
        return t("history-action-setting-changed-archive", args);
      }
      args.setting = settingName(String(info.setting), speech);
      if (VALUED_SETTINGS.has(String(info.setting))) {
        args.old = settingValue(String(info.setting), info.old, shop, speech);
        args.new = settingValue(String(info.setting), info.new, shop, speech);
        return t("history-action-setting-changed-to", args);
      }
      if (["name", "timezone", "currency"].includes(String(info.setting))) {
        args.old = bold(escapeHtml(String(info.old ?? "")));
        args.new = bold(escapeHtml(String(info.new ?? "")));
        return t("history-action-setting-changed-to", args);
      }
      break;
    case "phone_changed":
      args.old = escapeHtml(String(info.old_phone ?? ""));
      args.new = escapeHtml(String(info.new_phone ?? ""));
      args.change = !info.old_phone ? "added" : !info.new_phone ? "removed" : "changed";
      break;
    case "pin_set":
      args.replaced = info.replaced ? "yes" : "no";
      break;
    case "customer_link_ended":
      args.by = info.by_customer ? "customer" : "member";
      break;
    case "dispute_opened":
      args.amount = money(Number(info.amount), shop, speech);
      args.kind = String(info.kind ?? "purchase");
      break;
    case "dispute_resolved":
      args.status = String(info.status ?? "upheld");
      break;
    case "customer_credit_set": {
      const setting = info.setting === "credit_limit" ? "credit_limit" : "credit_days";
      args.setting = setting;
      args.own = info.new === null || info.new === undefined ? "no" : "yes";
      args.value = args.own === "yes" ? settingValue(setting, info.new, shop, speech) : "";
      break;
    }
    case "due_date_set":
      args.amount = money(Number(info.amount), shop, speech);
      args.cleared = info.new ? "no" : "yes";
      args.date = bold(escapeHtml(String(info.new ?? "")));
      break;
  }
  return t(ACTION_SENTENCES[a.action] ?? "history-action-unknown", args);
}

/** A shop setting by name, in words ("time zone"), or the generic word for one it does not know. */
function settingName(setting: string, speech: Speech): string {
  return speech.t(SETTING_NAMES[setting] ?? "history-setting-unknown");
}
