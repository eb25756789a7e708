/**
 * Every button's callback data in one place. Each kind of button is a template such as
 * `sel:{id}` or `tm:role:{id}:{role}`; {@link CALLBACKS} builds the data for a button and
 * gives the pattern its handler listens on (`composer.callbackQuery(CALLBACKS.select.pattern,
 * …)`, the fields in `ctx.match[1]`, `[2]`…). Features never write callback data by hand.
 *
 * Telegram refuses callback data over 64 bytes (UTF-8), and one bad button makes the whole
 * message fail, so a builder checks every field against its pattern and the length:
 * {@link Callback.build} throws, {@link Callback.tryBuild} answers null (a tag of 32 Arabic
 * letters is 64 bytes alone: its button is left out and `/search #tag` still finds it).
 */
import { LIMITS } from "../domain/limits.ts";

/** Telegram's limit for callback data, in bytes of UTF-8. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** What each `{field}` of a template may hold. */
const FIELDS = {
  /** A database id or a Telegram user id. */
  id: "\\d{1,15}",
  /** A position in a list. */
  offset: "\\d{1,9}",
  /** 0 or 1. */
  bit: "[01]",
  /** A member's role. */
  role: "owner|clerk",
  /** The /spend step a suggestion is for. */
  step: "vendor|category",
  /** The index of a suggestion button. */
  index: "\\d{1,2}",
  /** A tag without its #. */
  tag: `[\\p{L}\\p{N}_-]{1,${LIMITS.tag}}`,
  /** A language PayTrack speaks. */
  locale: "en|ar",
  /** A digit style: Latin 0-9 or Arabic-Indic. */
  digits: "latn|arab",
  /** A customer's name as typed, to search for (unhandled.ts offers it). */
  query: "[\\p{L}\\p{M}' .-]{1,40}",
  /** A day YYYY-MM-DD, or `_` for an open end of a period. */
  day: "\\d{4}-\\d{2}-\\d{2}|_",
} as const;

export type FieldKind = keyof typeof FIELDS;

/** A field's value: a number, a string, or null (an open day, written `_`). */
export type FieldValue = string | number | null;

/** Callback data that cannot be built: a field out of shape, or over 64 bytes. */
export class CallbackDataError extends Error {}

/** One kind of button. */
export interface Callback {
  /** The template, e.g. `tm:role:{id}:{role}`. */
  readonly template: string;
  /** The fields in order. */
  readonly fields: readonly FieldKind[];
  /** Matches exactly this kind of data; field values in groups 1, 2, … */
  readonly pattern: RegExp;
  /** The data for one button; throws {@link CallbackDataError} when it cannot be sent. */
  build(...values: FieldValue[]): string;
  /** The data, or null when it would be over 64 bytes or a field is out of shape. */
  tryBuild(...values: FieldValue[]): string | null;
}

/** The bytes Telegram counts. */
export function callbackBytes(data: string): number {
  return new TextEncoder().encode(data).length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function callback(template: string): Callback {
  const parts = template.split(/\{(\w+)\}/);
  const fields = parts.filter((_, i) => i % 2 === 1).map((f) => {
    if (!(f in FIELDS)) throw new Error(`unknown field {${f}} in ${template}`);
    return f as FieldKind;
  });
  const source = parts.map((p, i) => (i % 2 ? `(${FIELDS[p as FieldKind]})` : escapeRegExp(p)))
    .join("");
  const pattern = new RegExp(`^${source}$`, "u");
  const checks = fields.map((f) => new RegExp(`^(?:${FIELDS[f]})$`, "u"));
  const make = (values: FieldValue[]): string | CallbackDataError => {
    if (values.length !== fields.length) {
      return new CallbackDataError(`${template} takes ${fields.length} values`);
    }
    let data = "";
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        data += parts[i];
        continue;
      }
      const n = (i - 1) / 2;
      const value = values[n] === null ? "_" : String(values[n]);
      if (!checks[n].test(value)) {
        return new CallbackDataError(`${template}: {${fields[n]}} can't be “${value}”`);
      }
      data += value;
    }
    if (callbackBytes(data) > CALLBACK_DATA_MAX_BYTES) {
      return new CallbackDataError(
        `${template}: ${callbackBytes(data)} bytes, over Telegram's ${CALLBACK_DATA_MAX_BYTES}`,
      );
    }
    return data;
  };
  return {
    template,
    fields,
    pattern,
    build(...values) {
      const data = make(values);
      if (data instanceof CallbackDataError) throw data;
      return data;
    },
    tryBuild(...values) {
      const data = make(values);
      return data instanceof CallbackDataError ? null : data;
    },
  };
}

/** Every kind of button the bot sends, by feature. */
export const CALLBACKS = {
  // Search and selection (selection.ts, search.ts)
  select: callback("sel:{id}"),
  searchPage: callback("page:{offset}"),
  /** "🔎 Search Sara" under a bare name sent with nothing pending (unhandled.ts). */
  searchQuery: callback("q:{query}"),
  // Archived customers (search.ts): restore one, and a page of /archived
  restore: callback("rst:{id}"),
  archivedPage: callback("arcp:{offset}"),
  // /history and /undo (history.ts, transactions.ts)
  historyPage: callback("histpage:{offset}:{id}"),
  historyCustomer: callback("histc:{offset}:{id}"),
  undoAsk: callback("undoask:{id}"),
  undoYes: callback("undo:{id}"),
  undoNo: callback("undo:no"),
  // /transactions (transactions.ts)
  transactionsPage: callback("txp:{offset}"),
  transactionDetails: callback("txd:{id}"),
  // /tags (tags.ts)
  tagsPage: callback("tagp:{offset}"),
  tagSearch: callback("tagq:{tag}"),
  // /link and /merge (links.ts): the customer kept, then the other one
  link: callback("lnk:{id}:{id}"),
  mergePick: callback("mrg:{id}:{id}"),
  mergeYes: callback("mrgok:{id}:{id}"),
  mergeNo: callback("mrg:no"),
  // /deletecustomer (customers.ts): the customer, and whether they owe (needs the PIN)
  deleteYes: callback("delc:{id}:{bit}"),
  deleteNo: callback("delc:no"),
  // /addcustomer held back by a duplicate warning (customers.ts): add it anyway
  addAnyway: callback("addc:yes"),
  // /spend (spending.ts)
  spendPick: callback("sp:pick:{step}:{index}"),
  spendSkip: callback("sp:skip:{step}"),
  spendCancelYes: callback("sp:cancel:yes"),
  spendCancelNo: callback("sp:cancel:no"),
  // /settings (settings.ts)
  archiveWhenSettled: callback("set:aws:{bit}"),
  settingLanguage: callback("set:lang:{locale}"),
  settingDigits: callback("set:dig:{digits}"),
  /** One of the common time zones settings.ts offers, by its index. */
  settingZone: callback("set:tz:{index}"),
  settingNameAsk: callback("set:name"),
  settingZoneAsk: callback("set:tzx"),
  settingCurrencyAsk: callback("set:cur"),
  /** The automatic backup's next value (settings.ts BACKUP_CYCLE, by index). */
  settingBackup: callback("set:bak:{index}"),
  // /language (settings.ts)
  language: callback("lang:{locale}"),
  languageDigits: callback("lang:dig:{digits}"),
  // /resetpin (pin.ts)
  pinResetCancel: callback("pinreset:cancel"),
  // /export (export.ts): whole shop or a customer's statement, first and last day
  exportShop: callback("exp:s:{day}:{day}"),
  exportStatement: callback("exp:c:{id}:{day}:{day}"),
  // /members and /leave (team.ts)
  member: callback("tm:{id}"),
  memberRole: callback("tm:role:{id}:{role}"),
  memberRoleYes: callback("tm:ROLE:{id}:{role}"),
  memberRemove: callback("tm:rm:{id}"),
  memberRemoveYes: callback("tm:RM:{id}"),
  memberClose: callback("tm:no"),
  inviteList: callback("tm:inv"),
  inviteRevoke: callback("tm:invrm:{id}"),
  leaveYes: callback("leave:yes"),
  leaveNo: callback("leave:no"),
  // A receipt to a linked customer (receipts.ts, sent by shared/outbox/sender.ts), by outbox id
  receiptOk: callback("rc:ok:{id}"),
  receiptWrong: callback("rc:no:{id}"),
  // A dispute's notice to an owner (receipts.ts, sent by the outbox sender), by dispute id:
  // Undo it (the ordinary undo path) and It is correct (then a note)
  disputeUndo: callback("dp:undo:{id}"),
  disputeCorrect: callback("dp:ok:{id}"),
  // /connect and the customer's side (connect.ts): Yes/No on a link (its id; only its opener
  // may answer), the card's Connect and Unlink, and one linked account (/disconnect, /statement)
  connectYes: callback("cl:yes:{id}"),
  connectNo: callback("cl:no:{id}"),
  connectCustomer: callback("cn:{id}"),
  unlinkCustomer: callback("cu:{id}"),
  disconnectAccount: callback("cd:{id}"),
  statementAccount: callback("cs:{id}"),
  // Due dates and credit limits (recording.ts: after recording, and past the limit)
  /** 📅 Due date under a recorded purchase, by transaction id. */
  dueDateAsk: callback("dd:{id}"),
  /** Past the credit limit: Record anyway / Cancel, by customer id (the purchase waits as a step). */
  overLimitYes: callback("ol:yes:{id}"),
  overLimitNo: callback("ol:no:{id}"),

  // Credit terms and limits (credit.ts)
  /** The shop's credit page (a /settings button); terms presets by index (credit.ts TERMS_PRESETS). */
  creditPage: callback("cr:page"),
  creditTerms: callback("cr:days:{index}"),
  creditTermsAsk: callback("cr:daysx"),
  creditLimitAsk: callback("cr:limx"),
  creditLimitNone: callback("cr:limnone"),
  /** The limit mode: 1 block, 0 warn. */
  creditMode: callback("cr:mode:{bit}"),

  // /overdue (overdue.ts)
  /** A bucket of /overdue (its index, worst first) at a position: the list, paged. */
  overduePage: callback("od:{index}:{offset}"),

  // Reminders (reminders.ts)
  /** "Remind all overdue" (on /overdue, and /remind all): the preview, then the batch. */
  remindAll: callback("rm:all"),
  /** 🔔 Remind on the customer card, by customer id. */
  remindCustomer: callback("rm:c:{id}"),
  /** The bulk preview's Send / Cancel. */
  remindAllSend: callback("rm:send"),
  remindAllCancel: callback("rm:no"),
  /** The owner's reminder settings page (a /settings button) and its buttons. */
  remindersPage: callback("rm:page"),
  /** Automatic reminders, and the owners' daily digest: 1 on, 0 off. */
  remindersAuto: callback("rm:auto:{bit}"),
  remindersDigest: callback("rm:dig:{bit}"),
  /** Days before a due date (REMIND_BEFORE presets, by index) and every N days while overdue. */
  remindersBefore: callback("rm:bef:{index}"),
  remindersEvery: callback("rm:evr:{index}"),
  /** Quiet hours: a preset (QUIET_PRESETS, by index), or typed. */
  remindersQuiet: callback("rm:qt:{index}"),
  remindersQuietAsk: callback("rm:qtx"),
} as const;

export type CallbackName = keyof typeof CALLBACKS;

/** The kind of button some callback data is ("select", "undoYes"…), or null for none. */
export function callbackName(data: string): CallbackName | null {
  for (const [name, cb] of Object.entries(CALLBACKS)) {
    if (cb.pattern.test(data)) return name as CallbackName;
  }
  return null;
}
