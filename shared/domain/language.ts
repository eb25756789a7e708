/** The languages PayTrack speaks and the digit styles it writes numbers in. */

/** Every language with a catalog (shared/i18n/<locale>/), the default first. */
export const LOCALES = ["en", "ar"] as const;
/** A language PayTrack speaks. */
export type Locale = typeof LOCALES[number];
/** How numbers are written: Latin digits (0-9) or Arabic-Indic (٠-٩). */
export type Digits = "latn" | "arab";

/** Right-to-left languages (their sentences isolate every interpolated value). */
const RTL: ReadonlySet<Locale> = new Set(["ar"]);

/** True for a language written right to left. */
export function isRtl(locale: Locale): boolean {
  return RTL.has(locale);
}

/** The language of a Telegram app (`from.language_code`): "ar…" → Arabic, another known one → English. */
export function localeFromTelegram(code: string | undefined): Locale | undefined {
  if (!code) return undefined;
  return code.toLowerCase().startsWith("ar") ? "ar" : "en";
}

/** True for a language PayTrack speaks. */
export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}
