/**
 * The shop's own spending: /spend asks item → price → vendor →
 * category (recent vendors and categories as buttons), or takes them in one line;
 * /cancel mid-entry asks first; /help mid-entry lists only what applies there;
 * /spending shows the latest ten and a month's totals per category and vendor.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { Expense, ExpenseList } from "../../db/ledger/spending.ts";
import { parseAmount } from "../../domain/money.ts";
import { LIMITS, tooLong, tooLongMessage } from "../../domain/limits.ts";
import { monthName, parseMonth } from "../../domain/periods.ts";
import { dateTime, type Money, money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { clipHtml, fitLines, LIST_BUDGET } from "../../text/fit.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
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
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { amountStep } from "../amount_input.ts";

/** The replies for a price that is not a number, and for zero or less. */
export const PRICE_NOT_NUMERIC = "Please enter a numeric value for the price, like 12.50.";
export const PRICE_NOT_POSITIVE =
  "The price can not be zero or negative. Please enter a price greater than zero.";

/**
 * Parses a price in minor units of the shop's currency, whose decimals must be given
 * (no default), with those messages.
 */
export function priceStep(text: string, shop: { minorUnit: number; currency: string }): Parsed {
  const parsed = parseAmount(text, shop.minorUnit);
  if (!parsed.ok && (parsed.problem === "not_a_number" || parsed.problem === "empty")) {
    return { ok: false, error: PRICE_NOT_NUMERIC };
  }
  if (!parsed.ok && parsed.problem === "not_positive") {
    return { ok: false, error: PRICE_NOT_POSITIVE };
  }
  return amountStep(text, shop); // decimals and size, worded as for any amount
}

function textStep(what: string, max: number): (text: string) => Parsed {
  return (text) => {
    const value = text.replace(/\s+/g, " ").trim();
    if (!value) return { ok: false, error: `Please send the ${what}.` };
    if (tooLong(value, max)) return { ok: false, error: tooLongMessage(what, max) };
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
  return keyboard.text("⏭ Skip", CALLBACKS.spendSkip.build(step));
}

const ENTRY_STEPS = ["item", "price", "vendor", "category"] as const;

export const spendFlow: Flow = defineFlow({
  command: "spend",
  usage: "/spend 12.50 | milk crates | Dairy Co | supplies",
  steps: [
    {
      key: "item",
      question: "🧾 What did the shop buy? (e.g. milk crates)",
      parse: textStep("item", LIMITS.item),
    },
    {
      key: "price",
      question: "💵 How much did it cost?",
      numeric: true,
      parse: (text, _ctx, member) => priceStep(text, member),
    },
    {
      key: "vendor",
      question: "🏪 Who did you buy it from? Type a name or tap a recent one.",
      optional: true,
      parse: textStep("vendor", LIMITS.vendor),
      buttons: (ctx) => recentChoices(ctx, "vendor"),
    },
    {
      key: "category",
      question: "🗂 Which category? (e.g. supplies, rent) Type one or tap a recent one.",
      optional: true,
      parse: textStep("category", LIMITS.category),
      buttons: (ctx) => recentChoices(ctx, "category"),
    },
  ],
  split: splitSpend,
  async run(ctx, params) {
    await withLoader(ctx, "Recording the expense…", async () => {
      const result = await ctx.services.ledger.spending.record({
        ...changeBy(ctx),
        item: String(params.item),
        price: Number(params.price),
        vendor: params.vendor === null ? null : String(params.vendor),
        category: params.category === null ? null : String(params.category),
      });
      const e = result.expense;
      const where = [e.vendor, e.category].filter(Boolean).map((x) => escapeHtml(x!)).join(" · ");
      return {
        text: [
          `✅ Spent ${bold(money(e.price, result.shop))} on ${bold(e.item)}${
            where ? ` — ${where}` : ""
          }.`,
          `Spent in ${monthName(result.month)} so far: ${
            bold(money(result.month_total, result.shop))
          }`,
          "<i>/undo if that was a mistake · /spending for the month</i>",
        ].join("\n"),
      };
    });
  },
});

/** `/spend milk crates` or `/spend 12.50 milk crates` (no bars): fill in what is given, ask the rest. */
async function beginSpend(ctx: PayContext): Promise<void> {
  const args = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (!args || args.includes("|")) return beginFlow(ctx, spendFlow);
  const member = await requireMember(ctx);
  if (!member) return;
  const [first, ...rest] = args.split(/\s+/);
  const raw: Record<string, string> = looksLikePrice(args)
    ? { price: args }
    : looksLikePrice(first)
    ? { price: first, item: rest.join(" ") }
    : { item: args };
  const params: Params = {};
  for (const step of spendFlow.steps) {
    if (raw[step.key] === undefined) continue;
    const parsed = await step.parse(raw[step.key], ctx, member, params);
    if (!parsed.ok) {
      ctx.session.pending = undefined;
      await say(ctx, `${parsed.error}\nExample: <code>${escapeHtml(spendFlow.usage)}</code>`);
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

function expenseLine(e: Expense, shop: Money): string {
  const extra = [e.vendor, e.category].filter(Boolean).map((x) => clipHtml(x!, 40));
  return `${dateTime(e.created_at)} — ${clipHtml(e.item, 80)} ${bold(money(e.price, shop))}` +
    (extra.length ? ` · ${extra.join(" · ")}` : "") +
    (e.recorded_by_name ? ` · <i>${clipHtml(e.recorded_by_name, 40)}</i>` : "");
}

/** The first {@link TOTALS_SHOWN} lines, then "…and N more" for the rest. */
function firstOf(lines: string[]): string[] {
  if (lines.length <= TOTALS_SHOWN) return lines;
  return [...lines.slice(0, TOTALS_SHOWN), `…and ${lines.length - TOTALS_SHOWN} more`];
}

/**
 * The /spending message: the latest expenses, then the month's totals, at most ten
 * categories and ten vendors ("…and N more"), long names cut, so it fits Telegram's limit.
 */
export function spendingText(list: ExpenseList, askedMonth: boolean): string {
  const month = monthName(list.month);
  if (list.recent.length === 0 && list.totals.count === 0) {
    return askedMonth
      ? `Nothing was spent in ${month}.`
      : "No spending recorded yet. Record the shop's first expense with /spend.";
  }
  const lines = [
    `💸 <b>Spending</b> — latest ${list.recent.length}${askedMonth ? ` in ${month}` : ""}`,
    ...list.recent.map((e) => expenseLine(e, list.shop)),
    "",
  ];
  if (list.totals.count === 0) {
    lines.push(`Nothing spent in ${month} yet.`);
  } else {
    const t = list.totals;
    lines.push(
      `<b>${month}</b>: ${bold(money(t.total, list.shop))} in ${t.count} expense${
        t.count === 1 ? "" : "s"
      }`,
      "By category:",
      ...firstOf(
        t.by_category.map((c) =>
          `• ${c.category ? clipHtml(c.category, 40) : "<i>uncategorised</i>"} — ${
            money(c.total, list.shop)
          } (${c.count})`
        ),
      ),
      "By vendor:",
      ...firstOf(
        t.by_vendor.map((v) =>
          `• ${v.vendor ? clipHtml(v.vendor, 40) : "<i>no vendor</i>"} — ${
            money(v.total, list.shop)
          } (${v.count})`
        ),
      ),
    );
  }
  const fitted = fitLines(lines, LIST_BUDGET);
  if (fitted.omitted) fitted.lines.push(`…and ${fitted.omitted} more lines`);
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
    menu: "Record a shop expense: price | item | vendor | category",
    summary: "Record something the shop bought: item, price, vendor, category.",
    examples: [
      "/spend 12.50 | milk crates | Dairy Co | supplies",
      "/spend milk crates",
      "/spend",
    ],
    details:
      "Without details I ask for the item, the price, the vendor and the category, one at a time, " +
      "offering recent vendors and categories as buttons (/skip leaves the vendor or category out). " +
      "/cancel in the middle asks before dropping the entry. /undo removes a wrong expense.",
  },
  spending: {
    area: "spending",
    role: "member",
    menu: "Latest expenses and this month's totals",
    summary: "The latest ten expenses and this month's totals per category and vendor.",
    examples: ["/spending", "/spending 2026-11"],
    details: "Give a month as YYYY-MM to see that month's expenses and totals.",
  },
});

spending.command(spendingCommands.spend.names, (ctx) => beginSpend(ctx));

spending.command(spendingCommands.spending.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const month = parseMonth(ctx.match);
  if (month === undefined) {
    await say(
      ctx,
      "Send a month as YYYY-MM, e.g. <code>/spending 2026-11</code> or " +
        "<code>/spending Nov 2026</code>.",
    );
    return;
  }
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.spending.list(ctx.from!.id, { month }),
  );
  if (!list) return;
  await say(ctx, spendingText(list, month !== null));
});

/** While an expense is being entered: /cancel asks first, /help explains only this step. */
const entering = spending.filter((ctx) => ctx.session.pending?.command === "spend");

entering.command("cancel", async (ctx) => {
  await say(
    ctx,
    "Cancel this entry? Nothing of it will be recorded.",
    new InlineKeyboard()
      .text("✅ Yes, cancel it", CALLBACKS.spendCancelYes.build())
      .text("✖️ No, continue", CALLBACKS.spendCancelNo.build()),
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
      `🧾 You are entering an expense — step ${
        index + 1
      } of ${ENTRY_STEPS.length}: the ${step.key}.`,
      step.question,
      "",
      "<b>What you can do now</b>",
      step.optional ? "Reply, tap a recent one, or /skip to leave it out." : "Reply with it.",
      "/cancel — drop this entry (I ask first)",
      "/help — this message",
    ].join("\n"),
  );
});

spending.callbackQuery(CALLBACKS.spendCancelYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (ctx.session.pending?.command !== "spend") {
    await cosmetic(() => ctx.editMessageText("There is no entry to cancel."));
    return;
  }
  ctx.session.pending = undefined;
  await cosmetic(() =>
    ctx.editMessageText("The entry was cancelled. Nothing was recorded. /spend to start again.")
  );
});

spending.callbackQuery(CALLBACKS.spendCancelNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: "Carrying on." }));
  const pending = ctx.session.pending;
  const step = pending?.command === "spend"
    ? spendFlow.steps.find((s) => s.key === pending.step)
    : undefined;
  if (!step) {
    await cosmetic(() => ctx.editMessageText("There is no entry in progress."));
    return;
  }
  await cosmetic(() => ctx.editMessageText("OK, let's carry on."));
  await say(ctx, questionOf(step), await step.buttons?.(ctx));
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
    await cosmetic(() =>
      ctx.answerCallbackQuery({ text: "This button is no longer valid. Please start again." })
    );
    return;
  }
  await cosmetic(() => ctx.answerCallbackQuery({ text: choice }));
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await answerStep(ctx, choice);
});

spending.callbackQuery(CALLBACKS.spendSkip.pattern, async (ctx) => {
  const pending = ctx.session.pending;
  if (pending?.command !== "spend" || pending.step !== ctx.match[1]) {
    await cosmetic(() =>
      ctx.answerCallbackQuery({ text: "This button is no longer valid. Please start again." })
    );
    return;
  }
  await cosmetic(() => ctx.answerCallbackQuery());
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await skipStep(ctx);
});
