/**
 * /settings: the shop's settings — its name, time zone, default language, digit style,
 * currency (while it has no transactions) and archiving settled customers. The owner changes
 * them (buttons, or `/settings zone Asia/Hebron`); every change is logged and /undo puts it
 * back. /language: a member's own language and digits.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { BackupFrequency, ShopSettingName, ShopSettings } from "../../db/ledger/settings.ts";
import type { Digits, Locale } from "../../domain/language.ts";
import { dateTime } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import { rememberMember, requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { limitText, termsText } from "../../text/credit.ts";

/** The time zones of the shops PayTrack is for, offered as buttons (any IANA name can be typed). */
export const COMMON_TIME_ZONES = [
  "Asia/Hebron",
  "Asia/Gaza",
  "Asia/Amman",
  "Asia/Jerusalem",
  "UTC",
] as const;

/**
 * The canonical IANA name of a time zone `Intl` knows ("asia/hebron" → "Asia/Hebron"), or
 * undefined. The ledger checks it again against PostgreSQL's list.
 */
export function timeZoneName(text: string): string | undefined {
  const zone = text.trim();
  if (!zone || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A language's own name, the same in every catalog (a picker shows each language in itself). */
const NATIVE_NAME: Record<Locale, string> = { en: "English", ar: "العربية" };

/** "en", "english", "ar", "arabic", "عربي"… → the locale, else undefined. */
export function localeWord(text: string): Locale | undefined {
  const word = text.trim().toLowerCase();
  if (["en", "english", "eng", "انجليزي", "الإنجليزية", "إنجليزي"].includes(word)) return "en";
  if (["ar", "arabic", "عربي", "العربية", "عربية"].includes(word)) return "ar";
  return undefined;
}

/** "latn", "latin", "0-9" → latn; "arab", "arabic", "٠-٩" → arab; else undefined. */
export function digitsWord(text: string): Digits | undefined {
  const word = text.trim().toLowerCase();
  if (["latn", "latin", "0-9", "western"].includes(word)) return "latn";
  if (["arab", "arabic", "arabic-indic", "٠-٩", "eastern", "هندية", "عربية"].includes(word)) {
    return "arab";
  }
  return undefined;
}

/** The time now in `zone`, as "14:05". */
function nowIn(zone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: zone }).format(
    new Date(),
  );
}

function languageName(ctx: PayContext, locale: string): string {
  return ctx.t(locale === "ar" ? "settings-language-ar" : "settings-language-en");
}

function digitsName(ctx: PayContext, digits: string): string {
  return ctx.t(digits === "arab" ? "settings-digits-arab" : "settings-digits-latn");
}

/** The automatic backup's button goes round: off → weekly → daily → off (by index in callbacks). */
export const BACKUP_CYCLE: readonly BackupFrequency[] = ["off", "weekly", "daily"];

/** `/settings backup …`: the words for each value, in English and Arabic. */
const BACKUP_WORDS: Record<string, BackupFrequency> = {
  off: "off",
  none: "off",
  "إيقاف": "off",
  daily: "daily",
  "يومية": "daily",
  weekly: "weekly",
  "أسبوعية": "weekly",
};

/** The backup button's label, by the value it switches to. */
const BACKUP_BUTTONS: Record<BackupFrequency, string> = {
  off: "settings-button-backup-off",
  weekly: "settings-button-backup-weekly",
  daily: "settings-button-backup-daily",
};

/** The backup's value in words ("weekly on Mondays (the past 7 days)"). */
function backupName(ctx: PayContext, value: string): string {
  return ctx.t(
    value === "daily"
      ? "settings-backup-daily"
      : value === "weekly"
      ? "settings-backup-weekly"
      : "settings-backup-off",
  );
}

function settingsView(
  ctx: PayContext,
  s: ShopSettings,
): { text: string; keyboard: InlineKeyboard } {
  const t = ctx.t;
  const owner = s.member.role === "owner";
  const zone = s.shop.timezone ?? "UTC";
  const speech = { ...langOf(ctx), timeZone: zone };
  const lines = [
    t("settings-title", { shop: bold(s.shop.name) }),
    "",
    t("settings-name", { name: bold(s.shop.name) }),
    t("settings-zone", { zone: bold(zone), now: nowIn(zone) }),
    t("settings-language", { language: bold(languageName(ctx, s.shop.language)) }),
    t("settings-digits", { digits: bold(digitsName(ctx, s.shop.digits)) }),
    `${t("settings-currency", { currency: bold(s.shop.currency) })} ${
      t(s.currency_locked ? "settings-currency-locked" : "settings-currency-open")
    }`,
    "",
    t("settings-archive", {
      state: bold(t(s.archive_when_settled ? "settings-archive-on" : "settings-archive-off")),
    }),
    t("settings-archive-note"),
    "",
    t("settings-credit", {
      terms: bold(termsText(t, s.credit_days)),
      limit: bold(limitText(speech, s.credit_limit, s.shop)),
    }),
    t("settings-reminders", {
      state: bold(t(s.reminders_auto ? "settings-reminders-on" : "settings-reminders-off")),
    }),
    t("settings-backup", { state: bold(backupName(ctx, s.backup)) }),
    "",
    t("settings-pin", {
      state: s.pin_set
        ? s.pin_set_at
          ? t("settings-pin-set-at", { when: dateTime(s.pin_set_at, speech) })
          : t("settings-pin-set")
        : t("settings-pin-not-set"),
      hint: owner ? t(s.pin_set ? "settings-pin-hint-change" : "settings-pin-hint-set") : "",
    }),
  ];
  if (s.pin_reset_due_at) {
    lines.push(t("settings-pin-reset", {
      when: dateTime(s.pin_reset_due_at, speech),
      zone: escapeHtml(zone),
      hint: owner ? t("settings-pin-reset-hint") : "",
    }));
  }
  lines.push("", t(owner ? "settings-owner-how" : "settings-owner-only"));
  const keyboard = new InlineKeyboard();
  if (owner) {
    keyboard.text(
      t(s.archive_when_settled ? "settings-button-archive-off" : "settings-button-archive-on"),
      CALLBACKS.archiveWhenSettled.build(s.archive_when_settled ? 0 : 1),
    ).row();
    keyboard.text(t("settings-button-credit"), CALLBACKS.creditPage.build()).row();
    keyboard.text(t("settings-button-reminders"), CALLBACKS.remindersPage.build()).row();
    const nextBackup = (BACKUP_CYCLE.indexOf(s.backup) + 1) % BACKUP_CYCLE.length;
    keyboard.text(
      t(BACKUP_BUTTONS[BACKUP_CYCLE[nextBackup]]),
      CALLBACKS.settingBackup.build(nextBackup),
    ).row();
    keyboard.text(t("settings-button-rename"), CALLBACKS.settingNameAsk.build()).row();
    COMMON_TIME_ZONES.forEach((z, i) => {
      if (z === zone) return;
      keyboard.text(t("settings-button-zone", { zone: z }), CALLBACKS.settingZone.build(i));
      if (i % 2 === 1) keyboard.row();
    });
    keyboard.row().text(t("settings-button-zone-other"), CALLBACKS.settingZoneAsk.build()).row();
    const otherLanguage: Locale = s.shop.language === "ar" ? "en" : "ar";
    const otherDigits: Digits = s.shop.digits === "arab" ? "latn" : "arab";
    keyboard.text(
      t("settings-button-language", { language: NATIVE_NAME[otherLanguage] }),
      CALLBACKS.settingLanguage.build(otherLanguage),
    ).row();
    keyboard.text(
      t("settings-button-digits", { digits: digitsName(ctx, otherDigits) }),
      CALLBACKS.settingDigits.build(otherDigits),
    ).row();
    if (!s.currency_locked) {
      keyboard.text(t("settings-button-currency"), CALLBACKS.settingCurrencyAsk.build());
    }
  }
  return { text: lines.join("\n"), keyboard };
}

export const settings = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const settingsCommands = defineCommands({
  settings: {
    area: "settings",
    role: "member",
    menu: true,
  },
  language: {
    area: "settings",
    role: "member",
    menu: true,
  },
});

/** Shows the settings as a new message, or (after a button) in place of the old one. */
async function showSettings(ctx: PayContext, edit = false): Promise<void> {
  const s = await readOrExplain(ctx, () => ctx.services.ledger.settings.get(ctx.from!.id));
  if (!s) return;
  rememberMember(ctx, { member: s.member, shop: s.shop });
  const view = settingsView(ctx, s);
  if (edit) {
    await cosmetic(() =>
      ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
    );
  } else {
    await say(ctx, view.text, view.keyboard);
  }
}

/** The settings this page shows and changes itself (credit and reminders have their own pages). */
type GeneralSetting = Extract<
  ShopSettingName,
  "name" | "timezone" | "language" | "digits" | "currency" | "backup"
>;

/** Saves one shop setting (logged, undoable), refreshes the member's cache and says what changed. */
async function changeSetting(
  ctx: PayContext,
  setting: GeneralSetting,
  value: string,
  fromButton: boolean,
): Promise<void> {
  await withLoader(ctx, ctx.t("settings-saving"), async () => {
    const r = await ctx.services.ledger.settings.setShopSetting({
      ...changeBy(ctx),
      setting,
      value,
    });
    rememberMember(ctx, { member: r.member, shop: r.shop });
    if (fromButton) {
      const fresh = await ctx.services.ledger.settings.get(ctx.from!.id);
      const view = settingsView(ctx, fresh);
      await cosmetic(() =>
        ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
      );
    }
    const shown: Record<GeneralSetting, string> = {
      name: bold(r.new),
      timezone: bold(r.new),
      language: bold(languageName(ctx, r.new)),
      digits: bold(digitsName(ctx, r.new)),
      currency: bold(r.new),
      backup: bold(backupName(ctx, r.new)),
    };
    if (!r.changed) return { text: ctx.t("settings-unchanged", { value: shown[setting] }) };
    const done = {
      name: () => ctx.t("settings-name-done", { name: shown.name }),
      timezone: () => ctx.t("settings-zone-done", { zone: shown.timezone, now: nowIn(r.new) }),
      language: () => ctx.t("settings-language-done", { language: shown.language }),
      digits: () => ctx.t("settings-digits-done", { digits: shown.digits }),
      currency: () => ctx.t("settings-currency-done", { currency: shown.currency }),
      backup: () => ctx.t("settings-backup-done", { state: shown.backup }),
    }[setting]();
    return { text: `${done}\n${ctx.t("settings-undo-hint")}` };
  });
}

settings.command(settingsCommands.settings.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const text = ctx.match.trim();
  if (!text) return await showSettings(ctx);
  const [first, ...rest] = text.split(/\s+/);
  const what = first.toLowerCase();
  const value = rest.join(" ");
  if (what === "name" || what === "rename") {
    if (!value) return await say(ctx, ctx.t("settings-ask-name"));
    return await changeSetting(ctx, "name", value, false);
  }
  if (["zone", "timezone", "tz", "time"].includes(what)) {
    if (!value) return await say(ctx, ctx.t("settings-ask-zone"));
    const zone = timeZoneName(value);
    if (!zone) return await say(ctx, ctx.t("settings-zone-unknown", { zone: bold(value) }));
    return await changeSetting(ctx, "timezone", zone, false);
  }
  if (what === "language" || what === "lang") {
    const locale = localeWord(value);
    if (!locale) return await say(ctx, ctx.t("settings-unknown"));
    return await changeSetting(ctx, "language", locale, false);
  }
  if (what === "digits") {
    const digits = digitsWord(value);
    if (!digits) return await say(ctx, ctx.t("settings-unknown"));
    return await changeSetting(ctx, "digits", digits, false);
  }
  if (what === "backup") {
    const backup = BACKUP_WORDS[value.trim().toLowerCase()];
    if (!backup) return await say(ctx, ctx.t("settings-unknown"));
    return await changeSetting(ctx, "backup", backup, false);
  }
  if (what === "currency") {
    if (!value) return await say(ctx, ctx.t("settings-ask-currency"));
    return await changeSetting(ctx, "currency", value.toUpperCase(), false);
  }
  await say(ctx, ctx.t("settings-unknown"));
});

/** The toggle: saves the setting (logged, undoable), then refreshes the settings message. */
settings.callbackQuery(CALLBACKS.archiveWhenSettled.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const enabled = ctx.match[1] === "1";
  await withLoader(ctx, ctx.t("settings-saving"), async () => {
    const r = await ctx.services.ledger.settings.setArchiveWhenSettled({
      ...changeBy(ctx),
      enabled,
    });
    const fresh = await ctx.services.ledger.settings.get(ctx.from!.id);
    const view = settingsView(ctx, fresh);
    await cosmetic(() =>
      ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
    );
    const state = bold(
      ctx.t(r.archive_when_settled ? "settings-archive-on" : "settings-archive-off"),
    );
    return {
      text: ctx.t("settings-archive-done", { state }) +
        (r.changed ? `\n${ctx.t("settings-undo-hint")}` : ""),
    };
  });
});

settings.callbackQuery(CALLBACKS.settingZone.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const zone = COMMON_TIME_ZONES[Number(ctx.match[1])];
  if (!zone) return await showSettings(ctx);
  await changeSetting(ctx, "timezone", zone, true);
});

settings.callbackQuery(CALLBACKS.settingLanguage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await changeSetting(ctx, "language", ctx.match[1], true);
});

settings.callbackQuery(CALLBACKS.settingDigits.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await changeSetting(ctx, "digits", ctx.match[1], true);
});

/** The backup's button: the next value of the cycle (logged, undoable). */
settings.callbackQuery(CALLBACKS.settingBackup.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const value = BACKUP_CYCLE[Number(ctx.match[1])];
  if (!value) return await showSettings(ctx);
  await changeSetting(ctx, "backup", value, true);
});

settings.callbackQuery(CALLBACKS.settingNameAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await say(ctx, ctx.t("settings-ask-name"));
});

settings.callbackQuery(CALLBACKS.settingZoneAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await say(ctx, ctx.t("settings-ask-zone"));
});

settings.callbackQuery(CALLBACKS.settingCurrencyAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await say(ctx, ctx.t("settings-ask-currency"));
});

// ----------------------------------------------------------------------------
// /language
// ----------------------------------------------------------------------------

function languageView(ctx: PayContext): { text: string; keyboard: InlineKeyboard } {
  const lang = langOf(ctx);
  return {
    text: `${
      ctx.t("language-view", {
        language: bold(NATIVE_NAME[lang.locale]),
        digits: bold(digitsName(ctx, lang.digits)),
      })
    }\n${ctx.t("language-choose")}`,
    keyboard: new InlineKeyboard()
      .text(`${lang.locale === "en" ? "✅ " : ""}${NATIVE_NAME.en}`, CALLBACKS.language.build("en"))
      .text(`${lang.locale === "ar" ? "✅ " : ""}${NATIVE_NAME.ar}`, CALLBACKS.language.build("ar"))
      .row()
      .text(
        `${lang.digits === "latn" ? "✅ " : ""}${ctx.t("settings-digits-latn")}`,
        CALLBACKS.languageDigits.build("latn"),
      )
      .text(
        `${lang.digits === "arab" ? "✅ " : ""}${ctx.t("settings-digits-arab")}`,
        CALLBACKS.languageDigits.build("arab"),
      ),
  };
}

/** Stores the member's language or digits, then speaks the new way in this very reply. */
async function setLanguage(
  ctx: PayContext,
  change: { language?: Locale; digits?: Digits },
  fromButton: boolean,
): Promise<void> {
  await withLoader(ctx, ctx.t("language-saving"), async () => {
    const r = await ctx.services.ledger.settings.setMemberLanguage({ ...changeBy(ctx), ...change });
    rememberMember(ctx, { member: r.member, shop: r.shop });
    if (fromButton) {
      const view = languageView(ctx);
      await cosmetic(() =>
        ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
      );
    }
    return {
      text: change.language
        ? ctx.t("language-done")
        : ctx.t("language-digits-done", { digits: bold(digitsName(ctx, langOf(ctx).digits)) }),
    };
  });
}

settings.command(settingsCommands.language.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const word = ctx.match.trim();
  if (!word) {
    const view = languageView(ctx);
    return await say(ctx, view.text, view.keyboard);
  }
  const language = localeWord(word);
  const digits = language ? undefined : digitsWord(word);
  if (!language && !digits) return await say(ctx, ctx.t("language-unknown"));
  await setLanguage(ctx, { language, digits }, false);
});

settings.callbackQuery(CALLBACKS.language.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await setLanguage(ctx, { language: ctx.match[1] as Locale }, true);
});

settings.callbackQuery(CALLBACKS.languageDigits.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await setLanguage(ctx, { digits: ctx.match[1] as Digits }, true);
});
