/**
 * How to speak to the member behind an update: their language (the catalogs), digit style and
 * the shop's time zone. The i18n plugin (create_bot.ts) asks {@link localeOf} once the session
 * is loaded, and again whenever the membership is (re)loaded (membership.ts).
 */
import type { Context } from "grammy";
import { type Digits, isLocale, type Locale, localeFromTelegram } from "../domain/language.ts";
import type { NoticeRecipient } from "../db/ledger/team.ts";
import type { Shop } from "../db/ledger/types.ts";
import { arabicIndicHtml } from "../i18n/digits.ts";
import { type Translate, translator } from "../i18n/i18n.ts";
import type { Speech } from "../text/format.ts";
import type { PayContext, SessionData } from "./context.ts";

/** What formatting in the member's language needs (text/format.ts's Speech, plus the digit style). */
export interface Lang extends Speech {
  digits: Digits;
}

/** The session, or undefined before it is loaded (or for updates that have none). */
function sessionOf(ctx: Context): SessionData | undefined {
  try {
    return (ctx as PayContext).session;
  } catch {
    return undefined;
  }
}

/** The member's language: the one stored for them, else their Telegram app's, else English. */
export function localeOf(ctx: Context): Locale {
  return sessionOf(ctx)?.member?.language ?? localeFromTelegram(ctx.from?.language_code) ?? "en";
}

/**
 * A reader's Speech from the cached member, for texts built where only the member and a
 * translator are at hand (a flow's PIN prompt, a step's question).
 */
export function memberSpeech(member: NonNullable<SessionData["member"]>, t: Translate): Speech {
  return { locale: member.language ?? "en", timeZone: member.timeZone ?? "UTC", t };
}

/** The member's language, digits, shop time zone and translator. */
export function langOf(ctx: PayContext): Lang {
  const member = sessionOf(ctx)?.member;
  return {
    locale: localeOf(ctx),
    digits: member?.digits ?? "latn",
    timeZone: member?.timeZone ?? "UTC",
    t: ctx.t,
  };
}

/**
 * How to write to someone told about another member's action (a role change, a removal, a
 * PIN reset): in their language and digits as the ledger returns them (theirs, else the
 * shop's), with times in the shop's zone. Not the sender's: that is ctx.t.
 */
export function noticeLang(recipient: NoticeRecipient | null | undefined, shop: Shop): Lang {
  const locale = isLocale(recipient?.language)
    ? recipient.language
    : isLocale(shop.language)
    ? shop.language
    : "en";
  return {
    locale,
    digits: recipient?.digits ?? shop.digits ?? "latn",
    timeZone: shop.timezone ?? "UTC",
    t: translator(locale),
  };
}

/**
 * A notice's HTML in the recipient's digit style. The update's digits transformer writes
 * the sender's style; this gives a recipient who chose Arabic-Indic digits theirs.
 */
export function inDigits(html: string, digits: Digits): string {
  return digits === "arab" ? arabicIndicHtml(html) : html;
}
