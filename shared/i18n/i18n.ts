/**
 * The bot's words: grammY's i18n plugin (Fluent) with one catalog per language, built from
 * the sources in catalogs.ts (no file is read at run time, so the edge function needs none).
 *
 * Bidi: Arabic bundles keep Fluent's own isolation, so every placeable (a name, an amount,
 * a phone, an id) sits between FSI and PDI and an Arabic sentence cannot scramble it; the
 * marks go around the whole argument, outside any HTML tag or entity in it, so Telegram's
 * HTML still parses and links still work. English bundles do not isolate: there an
 * argument is Latin text in a Latin sentence (English replies are byte for byte what they
 * were), and a name written in Arabic inside English text is isolated by
 * {@link isolateName} where names are formatted.
 */
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { isRtl, type Locale, LOCALES } from "../domain/language.ts";
import { CATALOGS } from "./catalogs.ts";

/** Arguments of a message: HTML-safe text, or numbers (for plurals; Fluent formats them). */
export type Args = Record<string, string | number>;
/** A message by key in one language. */
export type Translate = (key: string, args?: Args) => string;

/** The Fluent source of one language: its area files, in a fixed order. */
export function catalogSource(locale: Locale): string {
  return Object.values(CATALOGS[locale]).join("\n");
}

/** The i18n plugin with every catalog loaded; its middleware gives each update `ctx.t`. */
export function createI18n<C extends Context>(
  localeNegotiator: (ctx: C) => Locale,
): I18n<C & { t: Translate }> {
  const i18n = new I18n<C & { t: Translate }>({
    defaultLocale: "en",
    useSession: false,
    localeNegotiator: localeNegotiator as never,
  });
  for (const locale of LOCALES) {
    i18n.loadLocaleSync(locale, {
      source: catalogSource(locale),
      bundleOptions: { useIsolating: isRtl(locale) },
    });
  }
  return i18n;
}

/** One shared instance for text built outside an update (the menu, the export, the terminal chat). */
const plain = createI18n<Context>(() => "en");

/** A translator for one language, usable anywhere (no update needed). */
export function translator(locale: Locale): Translate {
  return (key, args) => plain.t(locale, key, args);
}

const FSI = "\u2068";
const PDI = "\u2069";
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * A name for an English sentence: isolated (FSI…PDI) when it has right-to-left letters, so
 * "Added ليلى (0599…)" keeps its order; Latin names stay as they are. Arabic sentences
 * isolate every argument already (Fluent).
 */
export function isolateName(text: string): string {
  return STRONG_RTL.test(text) ? `${FSI}${text}${PDI}` : text;
}

const keys = new Map<Locale, Set<string>>();

/** True when the catalog of `locale` has a message `key` (for optional texts like a command's details). */
export function hasMessage(locale: Locale, key: string): boolean {
  let set = keys.get(locale);
  if (!set) {
    set = new Set([...catalogSource(locale).matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]));
    keys.set(locale, set);
  }
  return set.has(key);
}
