/**
 * Reminders: /remind on the selected customer (a linked customer gets it from the bot; an
 * unlinked one, a text to forward), "Remind all overdue", the automatic reminder settings,
 * and a linked customer's own /reminders on|off.
 *
 * - /remind (any member; also 🔔 Remind on the customer card when they owe): for a live,
 *   reachable link with reminders on, public.remind_customer queues it in the outbox (once per
 *   customer per day: a second one that day says when the first went). Otherwise the member
 *   gets a ready-to-forward text in the customer's likely language (the shop's) with Telegram
 *   and WhatsApp share buttons, and why the bot cannot send it itself.
 * - /remind all and 🔔 Remind all overdue (owners: one press speaks for the shop to every overdue
 *   customer at once): a preview of the counts, then Send queues them all in one transaction;
 *   the outbox sender throttles delivery (under 30/s, one per chat per second).
 * - The reminder settings page (a /settings button, owners): automatic on/off, days before,
 *   every N days while overdue, quiet hours, the owners' daily digest.
 * - /reminders on|off for a linked customer (before connect and access: they are no member).
 */
import { Composer, InlineKeyboard } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { RemindOverdueResult, RemindResult } from "../../db/ledger/reminders.ts";
import type { ShopSettingName, ShopSettings } from "../../db/ledger/settings.ts";
import type { Locale } from "../../domain/language.ts";
import { type Translate, translator } from "../../i18n/i18n.ts";
import { dateTime, dayText, money, type Speech } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { changeBy } from "../change.ts";
import { langOf, localeOf } from "../lang.ts";
import { rememberMember, requireMember } from "../membership.ts";
import { cosmetic, say, withLoader } from "../replies.ts";
import { advance, beginFlow, defineFlow, type Flow } from "../flows.ts";
import type { Member } from "../flow_types.ts";

export const reminders = new Composer<PayContext>();

/** A linked customer's side (before connect and access: they are no member). */
export const customerReminders = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const remindersCommands = defineCommands({
  remind: { area: "reminders", role: "member" },
  reminders: { area: "reminders", role: "anyone" },
});

/** Days before a due date the page offers (0: no reminder before). */
export const REMIND_BEFORE = [0, 1, 3, 7] as const;
/** Every N days while overdue. */
export const REMIND_EVERY = [1, 3, 7, 14, 30] as const;
/** Quiet hours presets ("none": none). */
export const QUIET_PRESETS = ["21:00-09:00", "22:00-08:00", "20:00-10:00", "none"] as const;

const ALL = ["all", "الكل", "الجميع"];
const ON = ["on", "تشغيل"];
const OFF = ["off", "إيقاف"];
const NONE = ["none", "off", "no", "بلا", "لا", "بدون"];

// ------------------------------------------------------------------------------------------------
// One customer: /remind and the card's 🔔 Remind
// ------------------------------------------------------------------------------------------------

/** The amounts a reminder names, in one reader's words: overdue since…, due, the balance. */
function owedLines(r: RemindResult, speech: Speech): string[] {
  const t = speech.t;
  const shop = r.shop;
  const d = r.dues;
  const lines: string[] = [];
  if (d.overdue > 0 && d.oldest_overdue_on) {
    lines.push(t("reminders-owed-overdue", {
      amount: money(d.overdue, shop, speech),
      date: dayText(d.oldest_overdue_on, speech),
    }));
  }
  if (d.due > d.overdue) {
    lines.push(t("reminders-owed-due-today", { amount: money(d.due - d.overdue, shop, speech) }));
  } else if (d.due === 0 && d.next_due_on && d.next_due_amount > 0) {
    lines.push(t("reminders-owed-due-on", {
      amount: money(d.next_due_amount, shop, speech),
      date: dayText(d.next_due_on, speech),
    }));
  }
  lines.push(t("reminders-owed-balance", { amount: money(d.balance, shop, speech) }));
  return lines;
}

/** The text to forward, plain (no HTML), in the shop's language: the customer's likely one. */
export function forwardText(r: RemindResult): string {
  const locale: Locale = r.shop.language ?? "en";
  const speech: Speech = { locale, t: translator(locale), timeZone: r.shop.timezone ?? "UTC" };
  const t = speech.t;
  // Plain text: the catalog's arguments are HTML-safe strings, so unescape nothing — names
  // go in as typed and the reply shows the text escaped.
  return [
    t("reminders-forward-hello", { customer: r.customer.full_name, shop: r.shop.name }),
    ...owedLines(r, speech),
    t("reminders-forward-thanks"),
  ].join("\n").replace(/\u2068|\u2069/g, "");
}

/** Share buttons: Telegram, and WhatsApp when the customer has a phone. */
function shareKeyboard(t: Translate, text: string, phone: string | null): InlineKeyboard {
  const keyboard = new InlineKeyboard().url(
    t("reminders-button-share-telegram"),
    `https://t.me/share/url?url=${encodeURIComponent(" ")}&text=${encodeURIComponent(text)}`,
  );
  if (phone) {
    keyboard.row().url(
      t("reminders-button-share-whatsapp"),
      `https://wa.me/${phone}?text=${encodeURIComponent(text)}`,
    );
  }
  return keyboard;
}

/** Why the bot cannot send it itself, by state. */
const WHY: Partial<Record<RemindResult["state"], string>> = {
  not_linked: "reminders-why-not-linked",
  link_ended: "reminders-why-link-ended",
  reminders_off: "reminders-why-reminders-off",
  unreachable: "reminders-why-unreachable",
};

/** Reminds one customer and tells the member how. */
async function remind(ctx: PayContext, customerId: number): Promise<void> {
  if (!(await requireMember(ctx))) return;
  const lang = langOf(ctx);
  const r = await ctx.services.ledger.reminders.remindCustomer({ ...changeBy(ctx), customerId });
  const name = bold(r.customer.full_name);
  if (r.state === "nothing_owed") {
    await say(ctx, ctx.t("reminders-nothing-owed", { customer: name }));
    return;
  }
  if (r.state === "queued") {
    const owed = owedLines(r, lang).map((l) => escapeHtml(l)).join("\n");
    await say(ctx, `${ctx.t("reminders-queued", { customer: name })}\n${owed}`);
    return;
  }
  if (r.state === "already_reminded") {
    await say(
      ctx,
      ctx.t("reminders-already", {
        customer: name,
        when: dateTime(r.reminded_at ?? new Date().toISOString(), lang),
      }),
    );
    return;
  }
  const text = forwardText(r);
  await say(
    ctx,
    [
      ctx.t(WHY[r.state] ?? "reminders-why-not-linked", { customer: name }),
      ctx.t("reminders-forward-intro"),
      `<blockquote>${escapeHtml(text)}</blockquote>`,
    ].join("\n\n"),
    shareKeyboard(ctx.t, text, r.phone_digits),
  );
}

/** /remind on the selected customer (asks who when none is). */
const remindFlow: Flow = defineFlow({
  command: "remind",
  usage: "/remind",
  needsCustomer: true,
  steps: [],
  split: () => ({}),
  noun: (t) => t("reminders-noun-remind"),
  async run(ctx, _params, customer) {
    if (customer) await remind(ctx, Number(customer.id));
  },
});

reminders.command(remindersCommands.remind.names, async (ctx) => {
  const arg = ctx.match.trim().toLowerCase();
  if (ALL.includes(arg)) return await previewAll(ctx);
  ctx.match = "";
  await beginFlow(ctx, remindFlow);
});

reminders.callbackQuery(CALLBACKS.remindCustomer.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await remind(ctx, Number(ctx.match[1]));
});

// ------------------------------------------------------------------------------------------------
// Every overdue customer: the preview, then one batch (owners)
// ------------------------------------------------------------------------------------------------

/** The member, as an owner; a clerk is told it is for owners (`key`). */
async function requireOwner(ctx: PayContext, key: string): Promise<Member | undefined> {
  const member = await requireMember(ctx);
  if (!member) return undefined;
  if (member.role !== "owner") {
    await say(ctx, ctx.t(key));
    return undefined;
  }
  return member;
}

/** "12 overdue customers: 8 will get a reminder, 3 are not linked…". */
function countsText(ctx: PayContext, r: RemindOverdueResult): string {
  const parts = [
    ctx.t("reminders-all-reachable", { count: r.reachable }),
    r.not_linked ? ctx.t("reminders-all-not-linked", { count: r.not_linked }) : "",
    r.reminders_off ? ctx.t("reminders-all-off", { count: r.reminders_off }) : "",
    r.unreachable ? ctx.t("reminders-all-unreachable", { count: r.unreachable }) : "",
    r.already_reminded ? ctx.t("reminders-all-already", { count: r.already_reminded }) : "",
  ].filter(Boolean);
  return ctx.t("reminders-all-counts", {
    count: r.overdue,
    parts: parts.join(ctx.t("reminders-all-separator")),
  });
}

async function previewAll(ctx: PayContext): Promise<void> {
  if (!(await requireOwner(ctx, "reminders-all-owner-only"))) return;
  const r = await ctx.services.ledger.reminders.remindOverdue({ ...changeBy(ctx), send: false });
  if (r.overdue === 0) {
    await say(ctx, ctx.t("reminders-all-none"));
    return;
  }
  if (r.reachable === 0) {
    await say(ctx, `${countsText(ctx, r)}\n${ctx.t("reminders-all-nobody")}`);
    return;
  }
  await say(
    ctx,
    `${countsText(ctx, r)}\n${ctx.t("reminders-all-ask")}`,
    new InlineKeyboard()
      .text(ctx.t("reminders-button-send"), CALLBACKS.remindAllSend.build())
      .text(ctx.t("reminders-button-cancel"), CALLBACKS.remindAllCancel.build()),
  );
}

reminders.callbackQuery(CALLBACKS.remindAll.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await previewAll(ctx);
});

reminders.callbackQuery(CALLBACKS.remindAllCancel.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await say(ctx, ctx.t("reminders-all-cancelled"));
});

reminders.callbackQuery(CALLBACKS.remindAllSend.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, "reminders-all-owner-only"))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await withLoader(ctx, ctx.t("reminders-all-sending"), async () => {
    const r = await ctx.services.ledger.reminders.remindOverdue({ ...changeBy(ctx), send: true });
    return { text: ctx.t("reminders-all-sent", { count: r.queued }) };
  });
});

// ------------------------------------------------------------------------------------------------
// The owner's settings page (a /settings button)
// ------------------------------------------------------------------------------------------------

function onOff(ctx: PayContext, on: boolean): string {
  return ctx.t(on ? "reminders-settings-on" : "reminders-settings-off");
}

function pageView(ctx: PayContext, s: ShopSettings): { text: string; keyboard?: InlineKeyboard } {
  const t = ctx.t.bind(ctx);
  const owner = s.member.role === "owner";
  const text = [
    t("reminders-settings-title"),
    "",
    t("reminders-settings-auto", { state: bold(onOff(ctx, s.reminders_auto)) }),
    t("reminders-settings-before", { days: s.remind_before_days }),
    t("reminders-settings-every", { days: s.remind_every_days }),
    s.quiet_hours
      ? t("reminders-settings-quiet", { hours: bold(s.quiet_hours) })
      : t("reminders-settings-quiet-none"),
    t("reminders-settings-digest", { state: bold(onOff(ctx, s.digest)) }),
    "",
    t(owner ? "reminders-settings-how" : "reminders-settings-owner-only"),
  ].join("\n");
  if (!owner) return { text };
  const keyboard = new InlineKeyboard()
    .text(
      t(s.reminders_auto ? "reminders-button-auto-off" : "reminders-button-auto-on"),
      CALLBACKS.remindersAuto.build(s.reminders_auto ? 0 : 1),
    ).row();
  REMIND_BEFORE.forEach((days, i) =>
    keyboard.text(
      t("reminders-button-before", { days, chosen: days === s.remind_before_days ? "✓ " : "" }),
      CALLBACKS.remindersBefore.build(i),
    )
  );
  keyboard.row();
  REMIND_EVERY.forEach((days, i) =>
    keyboard.text(
      t("reminders-button-every", { days, chosen: days === s.remind_every_days ? "✓ " : "" }),
      CALLBACKS.remindersEvery.build(i),
    )
  );
  keyboard.row();
  QUIET_PRESETS.forEach((hours, i) =>
    keyboard.text(
      hours === "none" ? t("reminders-button-quiet-none") : hours,
      CALLBACKS.remindersQuiet.build(i),
    )
  );
  keyboard.row().text(t("reminders-button-quiet-other"), CALLBACKS.remindersQuietAsk.build())
    .row()
    .text(
      t(s.digest ? "reminders-button-digest-off" : "reminders-button-digest-on"),
      CALLBACKS.remindersDigest.build(s.digest ? 0 : 1),
    );
  return { text, keyboard };
}

async function showPage(ctx: PayContext, edit: boolean): Promise<void> {
  const s = await ctx.services.ledger.settings.get(ctx.from!.id);
  const view = pageView(ctx, s);
  if (edit) {
    await cosmetic(() =>
      ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
    );
  } else await say(ctx, view.text, view.keyboard);
}

/** One setting through the ledger (logged, undoable), then the page again when from a button. */
async function change(
  ctx: PayContext,
  setting: ShopSettingName,
  value: string,
  fromButton: boolean,
): Promise<void> {
  await withLoader(ctx, ctx.t("reminders-settings-saving"), async () => {
    const r = await ctx.services.ledger.settings.setShopSetting({
      ...changeBy(ctx),
      setting,
      value,
    });
    rememberMember(ctx, { member: r.member, shop: r.shop });
    if (fromButton) await showPage(ctx, true);
    const text = ctx.t("reminders-settings-done");
    return { text: r.changed ? `${text}\n${ctx.t("reminders-settings-undo-hint")}` : text };
  });
}

reminders.callbackQuery(CALLBACKS.remindersPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await showPage(ctx, false);
});

const OWNER_ONLY = "reminders-settings-owner-only";

reminders.callbackQuery(CALLBACKS.remindersAuto.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, OWNER_ONLY))) return;
  await change(ctx, "reminders_auto", ctx.match[1] === "1" ? "on" : "off", true);
});

reminders.callbackQuery(CALLBACKS.remindersDigest.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, OWNER_ONLY))) return;
  await change(ctx, "digest", ctx.match[1] === "1" ? "on" : "off", true);
});

reminders.callbackQuery(CALLBACKS.remindersBefore.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, OWNER_ONLY))) return;
  const days = REMIND_BEFORE[Number(ctx.match[1])];
  if (days === undefined) return await showPage(ctx, true);
  await change(ctx, "remind_before_days", String(days), true);
});

reminders.callbackQuery(CALLBACKS.remindersEvery.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, OWNER_ONLY))) return;
  const days = REMIND_EVERY[Number(ctx.match[1])];
  if (days === undefined) return await showPage(ctx, true);
  await change(ctx, "remind_every_days", String(days), true);
});

reminders.callbackQuery(CALLBACKS.remindersQuiet.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, OWNER_ONLY))) return;
  const hours = QUIET_PRESETS[Number(ctx.match[1])];
  if (hours === undefined) return await showPage(ctx, true);
  await change(ctx, "quiet_hours", hours, true);
});

/** "21:00-09:00", "9:00 - 21:30", "none" → the ledger's form; undefined when it is neither. */
export function quietHoursWord(text: string): string | undefined {
  const latin = text.trim().toLowerCase().replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
  if (NONE.includes(latin)) return "none";
  const m = latin.match(/^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})$/u);
  if (!m) return undefined;
  const [h1, m1, h2, m2] = m.slice(1).map(Number);
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return undefined;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(h1)}:${two(m1)}-${two(h2)}:${two(m2)}`;
}

/** "Other…": quiet hours, typed. */
const quietFlow: Flow = defineFlow({
  command: "quiethours",
  usage: "21:00-09:00",
  steps: [{
    key: "hours",
    question: (t) => t("reminders-ask-quiet"),
    parse: (text) => {
      const hours = quietHoursWord(text);
      return hours === undefined
        ? { ok: false, error: (t) => t("reminders-quiet-bad") }
        : { ok: true, value: hours };
    },
  }],
  split: (args) => ({ hours: args }),
  noun: (t) => t("reminders-noun-quiet"),
  async run(ctx, params) {
    await change(ctx, "quiet_hours", String(params.hours), false);
  },
});

reminders.callbackQuery(CALLBACKS.remindersQuietAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx, OWNER_ONLY))) return;
  await advance(ctx, quietFlow, {});
});

// ------------------------------------------------------------------------------------------------
// The customer's /reminders on|off
// ------------------------------------------------------------------------------------------------

customerReminders.command(remindersCommands.reminders.names, async (ctx) => {
  const arg = ctx.match.trim().toLowerCase();
  const on = ON.includes(arg) ? true : OFF.includes(arg) ? false : null;
  const result = await ctx.services.ledger.reminders.setReminders(ctx.from!.id, on);
  const t = translator(result.language ?? localeOf(ctx));
  const key = result.accounts === 0
    ? "reminders-customer-not-linked"
    : on === null
    ? result.reminders ? "reminders-customer-usage-on" : "reminders-customer-usage-off"
    : on
    ? "reminders-customer-turned-on"
    : "reminders-customer-turned-off";
  await ctx.reply(t(key), { parse_mode: "HTML" });
});
