/**
 * How to speak to the member behind an update: their language (the catalogs), digit style and
 * the shop's time zone. The i18n plugin (create_bot.ts) asks {@link localeOf} once the session
 * is loaded, and again whenever the membership is (re)loaded (membership.ts).
 */
import type { Context } from "grammy";
import { type Digits, type Locale, localeFromTelegram } from "../domain/language.ts";
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
