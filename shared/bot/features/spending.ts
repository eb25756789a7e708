/**
 * The shop's own spending: /spend asks price → item → vendor → category, the order of its
 * one-line form (recent vendors and categories as buttons), or takes them in one line;
 * /cancel mid-entry asks first; /help mid-entry lists only what applies there;
 * /spending shows the latest ten and a month's totals per category and vendor.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { Expense, ExpenseList } from "../../db/ledger/spending.ts";
import { parseAmount } from "../../domain/money.ts";
import { LIMITS, tooLong } from "../../domain/limits.ts";
import { monthName, parseMonth } from "../../domain/periods.ts";
import { type Translate, translator } from "../../i18n/i18n.ts";
import { dateTime, type Money, money, type Speech } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { clipHtml, fitLines, LIST_BUDGET } from "../../text/fit.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import {
  advance,
  answerStep,
  beginFlow,
  defineFlow,
  type Flow,
  type Params,
  type Parsed,
  questionOf,
  skipStep,
  splitPipes,
} from "../flows.ts";
import { said } from "../flow_types.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { amountStep } from "../amount_input.ts";

/** English and UTC, for text built without a reader (and the tests). */
const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

/**
 * Parses a price in minor units of the shop's currency, whose decimals must be given
 * (no default), with the price's own messages for a non-number and for zero or less, in
 * the reader's language (`speech`, English by default).
 */
export function priceStep(
  text: string,
  shop: { minorUnit: number; currency: string },
  speech: Speech = ENGLISH,
): Parsed {
  const parsed = parseAmount(text, shop.minorUnit, shop.currency);
  if (!parsed.ok && (parsed.problem === "not_a_number" || parsed.problem === "empty")) {
    return { ok: false, error: (t) => t("spending-price-not-numeric") };
  }
  if (!parsed.ok && parsed.problem === "not_positive") {
    return { ok: false, error: (t) => t("spending-price-not-positive") };
  }
  // Decimals, size, another currency, "2,500" in a 3-decimal one: worded as for any amount.
  return amountStep(text, shop, false, speech);
}

/** The messages of the item, vendor and category steps. */
const TEXT_STEPS = {
  item: { missing: "spending-item-missing", tooLong: "spending-item-too-long" },
  vendor: { missing: "spending-vendor-missing", tooLong: "spending-vendor-too-long" },
  category: { missing: "spending-category-missing", tooLong: "spending-category-too-long" },
} as const;

function textStep(
  what: keyof typeof TEXT_STEPS,
  max: number,
): (text: string) => Parsed {
  return (text) => {
    const value = text.replace(/\s+/g, " ").trim();
    if (!value) return { ok: false, error: (t) => t(TEXT_STEPS[what].missing) };
    if (tooLong(value, max)) {
      return { ok: false, error: (t) => t(TEXT_STEPS[what].tooLong, { max: String(max) }) };
    }
    return { ok: true, value };
  };
}

/** Whether a part of the one-line form is the price ("12.50", "₪12", "-3", "0"). */
function looksLikePrice(text: string): boolean {
  const parsed = parseAmount(text, 6);
  return parsed.ok || parsed.problem === "not_positive" || parsed.problem === "too_large";
}

/** "12.50 | milk crates | Dairy Co | supplies" (the item may come first). */
function splitSpend(args: string): Record<string, string> {
  const [first = "", second = "", vendor = "", category = ""] = splitPipes(args, 4);
  if (!looksLikePrice(first) && looksLikePrice(second)) {
    return { item: first, price: second, vendor, category };
  }
  return { price: first, item: second, vendor, category };
}

/**
 * Offers the shop's recent vendors or categories as buttons (and Skip); the choices
 * are kept with the pending step, so a button press answers exactly what it showed.
 */
async function recentChoices(
  ctx: PayContext,
  step: "vendor" | "category",
): Promise<InlineKeyboard> {
  const recent = await ctx.services.ledger.spending.suggestions(ctx.from!.id).catch(() => null);
  const choices = (step === "vendor" ? recent?.vendors : recent?.categories) ?? [];
  const pending = ctx.session.pending;
  if (pending) pending.params._choices = JSON.stringify(choices);
  const keyboard = new InlineKeyboard();
  choices.forEach((choice, i) => {
    keyboard.text(
      choice.length > 30 ? `${choice.slice(0, 29)}…` : choice,
      CALLBACKS.spendPick.build(step, i),
    );
    if (i % 2 === 1) keyboard.row();
  });
  if (choices.length % 2 === 1) keyboard.row();
  return keyboard.text(ctx.t("spending-skip-button"), CALLBACKS.spendSkip.build(step));
}

/** The steps in the order of the one-line form: price | item | vendor | category. */
const ENTRY_STEPS = ["price", "item", "vendor", "category"] as const;

/** How /help mid-entry names each step. */
const QUESTIONS = {
  price: "spending-price-question",
  item: "spending-item-question",
  vendor: "spending-vendor-question",
  category: "spending-category-question",
} as const;

const STEP_NAMES = {
  price: "spending-step-price",
  item: "spending-step-item",
  vendor: "spending-step-vendor",
  category: "spending-step-category",
} as const;

export const spendFlow: Flow = defineFlow({
  command: "spend",
  usage: "/spend 12.50 | milk crates | Dairy Co | supplies",
  steps: [
    {
      key: "price",
      question: (t) => t("spending-price-question"),
      numeric: true,
      parse: (text, ctx, member) => priceStep(text, member, ctx && langOf(ctx)),
    },
    {
      key: "item",
      question: (t) => t("spending-item-question"),
      parse: textStep("item", LIMITS.item),
    },
    {
      key: "vendor",
      question: (t) => t("spending-vendor-question"),
      optional: true,
      parse: textStep("vendor", LIMITS.vendor),
      buttons: (ctx) => recentChoices(ctx, "vendor"),
    },
    {
      key: "category",
      question: (t) => t("spending-category-question"),
      optional: true,
      parse: textStep("category", LIMITS.category),
      buttons: (ctx) => recentChoices(ctx, "category"),
    },
  ],
  split: splitSpend,
  async run(ctx, params) {
    const lang = langOf(ctx);
    await withLoader(ctx, ctx.t("spending-loader"), async () => {
      const result = await ctx.services.ledger.spending.record({
        ...changeBy(ctx),
        item: String(params.item),
        price: Number(params.price),
        vendor: params.vendor === null ? null : String(params.vendor),
        category: params.category === null ? null : String(params.category),
      });
      const e = result.expense;
      const where = [e.vendor, e.category].filter(Boolean).map((x) => escapeHtml(x!)).join(" · ");
      const spent = { amount: bold(money(e.price, result.shop, lang)), item: bold(e.item), where };
      return {
        text: [
          where ? ctx.t("spending-done-where", spent) : ctx.t("spending-done", spent),
          ctx.t("spending-month-so-far", {
            month: monthName(result.month, { locale: lang.locale }),
            total: bold(money(result.month_total, result.shop, lang)),
          }),
          ctx.t("spending-done-hint"),
        ].join("\n"),
      };
    });
  },
});

/**
 * `/spend 12.50 | milk crates | Dairy Co | supplies` (optional parts left out are skipped),
 * or `/spend milk crates` / `/spend 12.50 milk crates` without bars (what is given is kept,
 * the rest is asked). A wrong part is explained with an example in the member's language.
 */
async function beginSpend(ctx: PayContext): Promise<void> {
  const args = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (!args) return beginFlow(ctx, spendFlow);
  const member = await requireMember(ctx);
  if (!member) return;
  const piped = args.includes("|");
  const [first, ...rest] = args.split(/\s+/);
  const raw: Record<string, string> = piped
    ? splitSpend(args)
    : looksLikePrice(args)
    ? { price: args }
    : looksLikePrice(first)
    ? { price: first, item: rest.join(" ") }
    : { item: args };
  const params: Params = {};
  for (const step of spendFlow.steps) {
    const answer = raw[step.key];
    if (answer === undefined || answer === "") {
      if (piped && step.optional) params[step.key] = null;
      continue;
    }
    const parsed = await step.parse(answer, ctx, member, params);
    if (!parsed.ok) {
      ctx.session.pending = undefined;
      await say(
        ctx,
        `${said(parsed.error, ctx.t)}\n${
          ctx.t("spending-example", { usage: escapeHtml(ctx.t("spending-usage")) })
        }`,
      );
      return;
    }
    params[step.key] = parsed.value;
  }
  await advance(ctx, spendFlow, params);
}

// ----------------------------------------------------------------------------
// /spending
// ----------------------------------------------------------------------------

/** Categories and vendors the /spending totals list before "…and N more". */
const TOTALS_SHOWN = 10;

function expenseLine(e: Expense, shop: Money, speech: Speech): string {
  const extra = [e.vendor, e.category].filter(Boolean).map((x) => clipHtml(x!, 40));
  return `${dateTime(e.created_at, speech)} — ${clipHtml(e.item, 80)} ${
    bold(money(e.price, shop, speech))
  }` +
    (extra.length ? ` · ${extra.join(" · ")}` : "") +
    (e.recorded_by_name ? ` · <i>${clipHtml(e.recorded_by_name, 40)}</i>` : "");
}

/** The first {@link TOTALS_SHOWN} lines, then "…and N more" for the rest. */
function firstOf(lines: string[], t: Translate): string[] {
  if (lines.length <= TOTALS_SHOWN) return lines;
  return [
    ...lines.slice(0, TOTALS_SHOWN),
    t("spending-and-more", { count: lines.length - TOTALS_SHOWN }),
  ];
}

/**
 * The /spending message: the latest expenses, then the month's totals, at most ten
 * categories and ten vendors ("…and N more"), long names cut, so it fits Telegram's limit.
 * In the reader's language and the shop's time zone (`speech`; English and UTC by default).
 */
export function spendingText(
  list: ExpenseList,
  askedMonth: boolean,
  speech: Speech = ENGLISH,
): string {
  const t = speech.t;
  const month = monthName(list.month, { locale: speech.locale });
  if (list.recent.length === 0 && list.totals.count === 0) {
    return askedMonth ? t("spending-nothing-in-month", { month }) : t("spending-none-yet");
  }
  const count = list.recent.length;
  const lines = [
    askedMonth ? t("spending-title-month", { count, month }) : t("spending-title", { count }),
    ...list.recent.map((e) => expenseLine(e, list.shop, speech)),
    "",
  ];
  if (list.totals.count === 0) {
    lines.push(t("spending-nothing-yet-in-month", { month }));
  } else {
    const totals = list.totals;
    const line = (name: string, total: number, n: number) =>
      t("spending-total-line", { name, total: money(total, list.shop, speech), count: n });
    lines.push(
      t("spending-month-total", {
        month,
        total: bold(money(totals.total, list.shop, speech)),
        count: totals.count,
      }),
      t("spending-by-category"),
      ...firstOf(
        totals.by_category.map((c) =>
          line(
            c.category ? clipHtml(c.category, 40) : t("spending-uncategorised"),
            c.total,
            c.count,
          )
        ),
        t,
      ),
      t("spending-by-vendor"),
      ...firstOf(
        totals.by_vendor.map((v) =>
          line(v.vendor ? clipHtml(v.vendor, 40) : t("spending-no-vendor"), v.total, v.count)
        ),
        t,
      ),
    );
  }
  const fitted = fitLines(lines, LIST_BUDGET);
  if (fitted.omitted) fitted.lines.push(t("spending-more-lines", { count: fitted.omitted }));
  return fitted.lines.join("\n");
}

// ----------------------------------------------------------------------------
// The feature
// ----------------------------------------------------------------------------

export const spending = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const spendingCommands = defineCommands({
  spend: {
    area: "spending",
    role: "member",
    menu: true,
  },
  spending: {
    area: "spending",
    role: "member",
    menu: true,
  },
});

spending.command(spendingCommands.spend.names, (ctx) => beginSpend(ctx));

spending.command(spendingCommands.spending.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const month = parseMonth(ctx.match);
  if (month === undefined) {
    await say(ctx, ctx.t("spending-month-format"));
    return;
  }
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.spending.list(ctx.from!.id, { month }),
  );
  if (!list) return;
  await say(ctx, spendingText(list, month !== null, langOf(ctx)));
});

/** While an expense is being entered: /cancel asks first, /help explains only this step. */
const entering = spending.filter((ctx) => ctx.session.pending?.command === "spend");

entering.command("cancel", async (ctx) => {
  await say(
    ctx,
    ctx.t("spending-cancel-ask"),
    new InlineKeyboard()
      .text(ctx.t("spending-cancel-yes-button"), CALLBACKS.spendCancelYes.build())
      .text(ctx.t("spending-cancel-no-button"), CALLBACKS.spendCancelNo.build()),
  );
});

entering.command("help", async (ctx, next) => {
  if (ctx.match.trim()) return next(); // /help <command> is the general help
  const pending = ctx.session.pending!;
  const index = ENTRY_STEPS.indexOf(pending.step as typeof ENTRY_STEPS[number]);
  const step = spendFlow.steps.find((s) => s.key === pending.step);
  if (!step) return;
  await say(
    ctx,
    [
      ctx.t("spending-help-step", {
        step: String(index + 1),
        steps: String(ENTRY_STEPS.length),
        what: ctx.t(STEP_NAMES[ENTRY_STEPS[index]]),
      }),
      ctx.t(QUESTIONS[ENTRY_STEPS[index]]),
      "",
      ctx.t("spending-help-what-now"),
      ctx.t(step.optional ? "spending-help-optional" : "spending-help-required"),
      ctx.t("spending-help-cancel"),
      ctx.t("spending-help-help"),
    ].join("\n"),
  );
});

spending.callbackQuery(CALLBACKS.spendCancelYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (ctx.session.pending?.command !== "spend") {
    await cosmetic(() => ctx.editMessageText(ctx.t("spending-cancel-nothing")));
    return;
  }
  ctx.session.pending = undefined;
  await cosmetic(() => ctx.editMessageText(ctx.t("spending-cancelled")));
});

spending.callbackQuery(CALLBACKS.spendCancelNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("spending-carrying-on") }));
  const pending = ctx.session.pending;
  const step = pending?.command === "spend"
    ? spendFlow.steps.find((s) => s.key === pending.step)
    : undefined;
  if (!step) {
    await cosmetic(() => ctx.editMessageText(ctx.t("spending-no-entry")));
    return;
  }
  await cosmetic(() => ctx.editMessageText(ctx.t("spending-carry-on")));
  await say(ctx, questionOf(step, undefined, ctx.t), await step.buttons?.(ctx));
});

/** A recent vendor or category button: answers the step it was shown for. */
spending.callbackQuery(CALLBACKS.spendPick.pattern, async (ctx) => {
  const pending = ctx.session.pending;
  let choice: string | undefined;
  if (pending?.command === "spend" && pending.step === ctx.match[1]) {
    try {
      choice = (JSON.parse(String(pending.params._choices ?? "[]")) as string[])[
        Number(ctx.match[2])
      ];
    } catch { /* not a list: treated as a stale button */ }
  }
  if (typeof choice !== "string") {
    await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("spending-stale-button") }));
    return;
  }
  await cosmetic(() => ctx.answerCallbackQuery({ text: choice }));
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await answerStep(ctx, choice);
});

spending.callbackQuery(CALLBACKS.spendSkip.pattern, async (ctx) => {
  const pending = ctx.session.pending;
  if (pending?.command !== "spend" || pending.step !== ctx.match[1]) {
    await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("spending-stale-button") }));
    return;
  }
  await cosmetic(() => ctx.answerCallbackQuery());
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await skipStep(ctx);
});
