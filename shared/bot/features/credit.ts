/**
 * Credit terms and limits: the shop's default terms and limit (a page of /settings), a
 * customer's own (/terms, /limit on the selected customer). Owners change them, anyone sees
 * them; every change goes through the ledger (logged, /undo puts it back). What is due is
 * computed in SQL (private.purchase_dues), never here.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { ShopSettingName, ShopSettings } from "../../db/ledger/settings.ts";
import type { Money } from "../../text/format.ts";
import { money } from "../../text/format.ts";
import { limitText as limitWords, termsText as termsWords } from "../../text/credit.ts";
import { bold } from "../../text/html.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import { rememberMember, requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import {
  advance,
  type BoundCustomer,
  defineFlow,
  endFlow,
  type Flow,
  type Params,
  said,
} from "../flows.ts";
import { amountStep } from "../amount_input.ts";
import type { Member, Parsed } from "../flow_types.ts";

export const credit = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const creditCommands = defineCommands({
  terms: { area: "credit", role: "member", menu: true },
  limit: { area: "credit", role: "member", menu: true },
});

/** The terms the page offers as buttons, by index (null: none). */
export const TERMS_PRESETS = [null, 7, 15, 30, 60] as const;

/** The longest credit terms the ledger accepts. */
const MAX_DAYS = 365;

const SHOP_WORDS = ["shop", "store", "المحل", "للمحل", "المتجر"];
const DEFAULT_WORDS = ["default", "reset", "افتراضي", "الافتراضي", "افتراضية"];
const NONE_WORDS = ["none", "off", "no", "بلا", "لا", "بدون"];
const BLOCK_WORDS = ["block", "منع", "حظر"];
const WARN_WORDS = ["warn", "warning", "تنبيه", "تحذير"];

/** Arabic-Indic digits as Latin ones. */
function latinDigits(text: string): string {
  return text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
}

/** "30", "30 days", "٣٠ يوم" → 30; undefined when it is no number of days 0-365. */
export function daysWord(text: string): number | undefined {
  const m = latinDigits(text.trim().toLowerCase()).match(
    /^(\d{1,3})\s*(d|days?|يوم|يوما|يومًا|أيام|ايام)?$/u,
  );
  if (!m) return undefined;
  const days = Number(m[1]);
  return days <= MAX_DAYS ? days : undefined;
}

function isWord(text: string, words: string[]): boolean {
  return words.includes(text.trim().toLowerCase());
}

function termsText(ctx: PayContext, days: number | null): string {
  return termsWords(ctx.t, days);
}

function limitText(ctx: PayContext, limit: number | null, shop: Money): string {
  return limitWords(langOf(ctx), limit, shop);
}

// ----------------------------------------------------------------------------
// The shop's page (from /settings)
// ----------------------------------------------------------------------------

function pageView(ctx: PayContext, s: ShopSettings): { text: string; keyboard: InlineKeyboard } {
  const t = ctx.t;
  const owner = s.member.role === "owner";
  const block = s.credit_limit_mode === "block";
  const lines = [
    t("credit-page-title", { shop: bold(s.shop.name) }),
    "",
    t("credit-page-terms", { terms: bold(termsText(ctx, s.credit_days)) }),
    t(s.credit_days === null ? "credit-page-terms-none-note" : "credit-page-terms-note", {
      count: s.credit_days ?? 0,
    }),
    "",
    t("credit-page-limit", { limit: bold(limitText(ctx, s.credit_limit, s.shop)) }),
    t("credit-page-mode", { mode: bold(t(block ? "credit-mode-block" : "credit-mode-warn")) }),
    t(block ? "credit-page-mode-block-note" : "credit-page-mode-warn-note"),
    "",
    t("credit-page-customers-note"),
  ];
  if (!owner) lines.push("", t("credit-page-owner-only"));
  const keyboard = new InlineKeyboard();
  if (owner) {
    TERMS_PRESETS.forEach((days, i) => {
      if (days === s.credit_days) return;
      keyboard.text(
        days === null ? t("credit-button-terms-none") : t("credit-button-days", { count: days }),
        CALLBACKS.creditTerms.build(i),
      );
    });
    keyboard.row().text(t("credit-button-terms-other"), CALLBACKS.creditTermsAsk.build()).row();
    keyboard.text(t("credit-button-limit-set"), CALLBACKS.creditLimitAsk.build());
    if (s.credit_limit !== null) {
      keyboard.text(t("credit-button-limit-none"), CALLBACKS.creditLimitNone.build());
    }
    keyboard.row().text(
      t(block ? "credit-button-mode-warn" : "credit-button-mode-block"),
      CALLBACKS.creditMode.build(block ? 0 : 1),
    );
  }
  return { text: lines.join("\n"), keyboard };
}

async function showPage(ctx: PayContext, edit: boolean): Promise<void> {
  const s = await readOrExplain(ctx, () => ctx.services.ledger.settings.get(ctx.from!.id));
  if (!s) return;
  rememberMember(ctx, { member: s.member, shop: s.shop });
  const view = pageView(ctx, s);
  if (edit) {
    await cosmetic(() =>
      ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
    );
  } else {
    await say(ctx, view.text, view.keyboard);
  }
}

type CreditSetting = Extract<ShopSettingName, "credit_days" | "credit_limit" | "credit_limit_mode">;

/** Saves one of the shop's credit settings (logged, undoable) and says what changed. */
async function changeShopCredit(
  ctx: PayContext,
  setting: CreditSetting,
  value: string,
  fromButton: boolean,
): Promise<void> {
  await withLoader(ctx, ctx.t("credit-saving"), async () => {
    const r = await ctx.services.ledger.settings.setShopSetting({
      ...changeBy(ctx),
      setting,
      value,
    });
    rememberMember(ctx, { member: r.member, shop: r.shop });
    if (fromButton) {
      const fresh = await ctx.services.ledger.settings.get(ctx.from!.id);
      const view = pageView(ctx, fresh);
      await cosmetic(() =>
        ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
      );
    }
    const shop = { currency: r.shop.currency, minor_unit: r.shop.minor_unit };
    const shown = setting === "credit_days"
      ? termsText(ctx, r.new === null ? null : Number(r.new))
      : setting === "credit_limit"
      ? limitText(ctx, r.new === null ? null : Number(r.new), shop)
      : ctx.t(r.new === "block" ? "credit-mode-block" : "credit-mode-warn");
    const key = {
      credit_days: "credit-shop-terms-done",
      credit_limit: "credit-shop-limit-done",
      credit_limit_mode: "credit-shop-mode-done",
    }[setting];
    const text = ctx.t(key, { value: bold(shown) });
    return { text: r.changed ? `${text}\n${ctx.t("credit-undo-hint")}` : text };
  });
}

/** The member, as an owner; a clerk is told changing credit is for owners. */
async function requireOwner(ctx: PayContext): Promise<Member | undefined> {
  const member = await requireMember(ctx);
  if (!member) return undefined;
  if (member.role !== "owner") {
    await say(ctx, ctx.t("credit-owner-only"));
    return undefined;
  }
  return member;
}

/** An amount typed for a limit, through the shop's amount parser (minor units). */
function limitAmount(ctx: PayContext, text: string, member: Member): Parsed {
  return amountStep(
    text,
    { minorUnit: member.minorUnit, currency: member.currency },
    false,
    langOf(ctx),
  );
}

/** "Other…": the shop's terms, typed. */
const shopTermsFlow: Flow = defineFlow({
  command: "shopterms",
  usage: "/terms shop 30",
  steps: [{
    key: "days",
    question: (t) => t("credit-ask-days"),
    numeric: true,
    parse: (text) => {
      if (isWord(text, NONE_WORDS)) return { ok: true, value: "none" };
      const days = daysWord(text);
      return days === undefined
        ? { ok: false, error: (t) => t("credit-days-bad") }
        : { ok: true, value: String(days) };
    },
  }],
  split: (args) => ({ days: args }),
  noun: (t) => t("credit-noun-shop-terms"),
  async run(ctx, params) {
    await changeShopCredit(ctx, "credit_days", String(params.days), false);
  },
});

/** "Set…": the shop's limit, typed. */
const shopLimitFlow: Flow = defineFlow({
  command: "shoplimit",
  usage: "/limit shop 1000",
  steps: [{
    key: "amount",
    question: (t) => t("credit-ask-limit"),
    numeric: true,
    parse: (text, ctx, member) =>
      isWord(text, NONE_WORDS) ? { ok: true, value: "none" } : limitAmount(ctx, text, member),
  }],
  split: (args) => ({ amount: args }),
  noun: (t) => t("credit-noun-shop-limit"),
  async run(ctx, params) {
    await changeShopCredit(ctx, "credit_limit", String(params.amount), false);
  },
});

credit.callbackQuery(CALLBACKS.creditPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await showPage(ctx, false);
});

credit.callbackQuery(CALLBACKS.creditTerms.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx))) return;
  const i = Number(ctx.match[1]);
  if (i >= TERMS_PRESETS.length) return await showPage(ctx, true);
  const days = TERMS_PRESETS[i];
  await changeShopCredit(ctx, "credit_days", days === null ? "none" : String(days), true);
});

credit.callbackQuery(CALLBACKS.creditTermsAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx))) return;
  await advance(ctx, shopTermsFlow, {});
});

credit.callbackQuery(CALLBACKS.creditLimitAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx))) return;
  await advance(ctx, shopLimitFlow, {});
});

credit.callbackQuery(CALLBACKS.creditLimitNone.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx))) return;
  await changeShopCredit(ctx, "credit_limit", "none", true);
});

credit.callbackQuery(CALLBACKS.creditMode.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireOwner(ctx))) return;
  await changeShopCredit(ctx, "credit_limit_mode", ctx.match[1] === "1" ? "block" : "warn", true);
});

// ----------------------------------------------------------------------------
// /terms and /limit: the selected customer's own (and, with "shop", the shop's)
// ----------------------------------------------------------------------------

type Kind = "terms" | "limit";

/** A customer's terms or limit, where it comes from, and the shop's. */
async function showCustomer(ctx: PayContext, kind: Kind, customerId: number): Promise<void> {
  const c = await readOrExplain(
    ctx,
    () => ctx.services.ledger.dues.customerCredit(ctx.from!.id, customerId),
  );
  if (!c) return;
  const name = bold(c.customer.full_name);
  const owner = ctx.session.member?.role === "owner";
  const lines: string[] = [];
  if (kind === "terms") {
    const own = c.credit_days !== null;
    const effective = own ? c.credit_days : c.shop_credit_days;
    lines.push(
      ctx.t("credit-terms-title", { name }),
      ctx.t(own ? "credit-terms-own" : "credit-terms-shops", {
        terms: bold(termsText(ctx, effective)),
      }),
      ctx.t("credit-terms-shop", { terms: bold(termsText(ctx, c.shop_credit_days)) }),
    );
  } else {
    const own = c.credit_limit !== null;
    const effective = own ? c.credit_limit : c.shop_credit_limit;
    lines.push(
      ctx.t("credit-limit-title", { name }),
      ctx.t(own ? "credit-limit-own" : "credit-limit-shops", {
        limit: bold(limitText(ctx, effective, c.shop)),
      }),
      ctx.t("credit-limit-shop", { limit: bold(limitText(ctx, c.shop_credit_limit, c.shop)) }),
      ctx.t("credit-page-mode", {
        mode: bold(
          ctx.t(c.credit_limit_mode === "block" ? "credit-mode-block" : "credit-mode-warn"),
        ),
      }),
    );
  }
  const lang = langOf(ctx);
  if (c.customer.balance > 0) {
    lines.push(ctx.t("credit-owes", {
      balance: bold(money(c.customer.balance, c.shop, lang)),
      due: bold(money(c.dues.due, c.shop, lang)),
      overdue: bold(money(c.dues.overdue, c.shop, lang)),
    }));
  }
  const how = kind === "terms" ? "credit-terms-how" : "credit-limit-how";
  lines.push("", ctx.t(owner ? how : "credit-change-owner-only"));
  await say(ctx, lines.join("\n"));
}

/** Sets (or, with null, clears) the bound customer's own terms or limit. */
async function setCustomer(
  ctx: PayContext,
  kind: Kind,
  value: string | null,
  customerId: number,
): Promise<void> {
  await withLoader(ctx, ctx.t("credit-saving"), async () => {
    const r = await ctx.services.ledger.dues.setCustomerCredit({
      ...changeBy(ctx),
      customerId,
      setting: kind === "terms" ? "credit_days" : "credit_limit",
      value,
    });
    const name = bold(r.customer.full_name);
    const shown = r.new === null
      ? ctx.t("credit-the-shops")
      : kind === "terms"
      ? termsText(ctx, Number(r.new))
      : limitText(ctx, Number(r.new), r.shop);
    const text = ctx.t(kind === "terms" ? "credit-terms-done" : "credit-limit-done", {
      name,
      value: bold(shown),
    });
    return { text: r.changed ? `${text}\n${ctx.t("credit-undo-hint")}` : text };
  });
}

/** Runs /terms or /limit on a customer: shows (value undefined) or sets. */
function customerFlow(kind: Kind): Flow {
  return defineFlow({
    command: kind,
    usage: kind === "terms" ? "/terms 30" : "/limit 500",
    needsCustomer: true,
    whoQuestion: (t) => t(kind === "terms" ? "credit-terms-who" : "credit-limit-who"),
    steps: [],
    split: () => ({}),
    noun: (t) => t(kind === "terms" ? "credit-noun-terms" : "credit-noun-limit"),
    async run(ctx, params: Params, customer?: BoundCustomer) {
      if (!customer) return;
      if (!("value" in params)) return await showCustomer(ctx, kind, customer.id);
      if (!(await requireOwner(ctx))) return;
      await setCustomer(
        ctx,
        kind,
        params.value === null ? null : String(params.value),
        customer.id,
      );
    },
  });
}

const termsFlow = customerFlow("terms");
const limitFlow = customerFlow("limit");

/** Starts /terms or /limit on the selected customer (or asks who). */
async function onCustomer(ctx: PayContext, flow: Flow, params: Params): Promise<void> {
  const selected = ctx.session.selected;
  if (!selected) endFlow(ctx);
  await advance(ctx, flow, params, selected ? { customer: selected } : {});
}

credit.command(creditCommands.terms.names, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const words = ctx.match.trim().split(/\s+/).filter(Boolean);
  const usage = () => say(ctx, ctx.t("credit-terms-usage"));
  if (words.length === 0) return await onCustomer(ctx, termsFlow, {});
  if (isWord(words[0], SHOP_WORDS)) {
    if (!(await requireOwner(ctx))) return;
    const rest = words.slice(1).join(" ");
    if (!rest) return await showPage(ctx, false);
    if (isWord(rest, NONE_WORDS)) return await changeShopCredit(ctx, "credit_days", "none", false);
    const days = daysWord(rest);
    if (days === undefined) return await say(ctx, ctx.t("credit-days-bad"));
    return await changeShopCredit(ctx, "credit_days", String(days), false);
  }
  if (member.role !== "owner") return await say(ctx, ctx.t("credit-owner-only"));
  const rest = words.join(" ");
  if (isWord(rest, DEFAULT_WORDS)) return await onCustomer(ctx, termsFlow, { value: null });
  const days = daysWord(rest);
  if (days === undefined) return await usage();
  await onCustomer(ctx, termsFlow, { value: String(days) });
});

credit.command(creditCommands.limit.names, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const words = ctx.match.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return await onCustomer(ctx, limitFlow, {});
  if (isWord(words[0], SHOP_WORDS)) {
    if (!(await requireOwner(ctx))) return;
    const rest = words.slice(1).join(" ");
    if (!rest) return await showPage(ctx, false);
    if (isWord(rest, NONE_WORDS)) return await changeShopCredit(ctx, "credit_limit", "none", false);
    if (isWord(rest, BLOCK_WORDS)) {
      return await changeShopCredit(ctx, "credit_limit_mode", "block", false);
    }
    if (isWord(rest, WARN_WORDS)) {
      return await changeShopCredit(ctx, "credit_limit_mode", "warn", false);
    }
    const parsed = limitAmount(ctx, rest, member);
    if (!parsed.ok) {
      return await say(
        ctx,
        `${said(parsed.error, ctx.t)}\n${ctx.t("credit-limit-usage")}`,
      );
    }
    return await changeShopCredit(ctx, "credit_limit", String(parsed.value), false);
  }
  if (member.role !== "owner") return await say(ctx, ctx.t("credit-owner-only"));
  const rest = words.join(" ");
  if (isWord(rest, DEFAULT_WORDS)) return await onCustomer(ctx, limitFlow, { value: null });
  const parsed = limitAmount(ctx, rest, member);
  if (!parsed.ok) {
    return await say(
      ctx,
      `${said(parsed.error, ctx.t)}\n${ctx.t("credit-limit-usage")}`,
    );
  }
  await onCustomer(ctx, limitFlow, { value: String(parsed.value) });
});
