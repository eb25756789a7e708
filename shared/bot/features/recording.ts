/** /addtransaction (a purchase on credit) and /pay (a payment, or "all" to settle) for the selected customer. */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { LedgerError } from "../../db/errors.ts";
import type { TransactionResult } from "../../db/ledger.ts";
import { LIMITS, tooLong } from "../../domain/limits.ts";
import { isCurrencyWord } from "../../domain/money.ts";
import { balanceText, dayText, money, type Speech } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import {
  advance,
  beginFlow,
  type BoundCustomer,
  defineFlow,
  type Flow,
  type Member,
  type Params,
  type Parsed,
  splitPipes,
} from "../flows.ts";
import { cosmetic, say, withLoader } from "../replies.ts";
import { amountStep } from "../amount_input.ts";
import { CALLBACKS } from "../callbacks.ts";
import { requireMember } from "../membership.ts";
import { dueDatePart, type DueDateProblem, parseDueDate, todayIn } from "../../domain/due_dates.ts";
import type { Dues } from "../../db/ledger/types.ts";

/** An amount as the member's shop shows it, in their language ("$30.00", "30.00 US$"). */
function amountText(value: Params[string], member: Member): string {
  return money(Number(value), { currency: member.currency, minor_unit: member.minorUnit }, {
    locale: member.language ?? "en",
  });
}

/** A note: one line, at most {@link LIMITS.note} characters. */
function noteStep(text: string): Parsed {
  const note = text.replace(/\s+/g, " ").trim();
  if (tooLong(note, LIMITS.note)) {
    return {
      ok: false,
      error: (t) => t("recording-note-too-long", { max: String(LIMITS.note) }),
    };
  }
  return { ok: true, value: note };
}

const DUE_PROBLEMS: Record<DueDateProblem, string> = {
  not_a_date: "recording-due-not-a-date",
  past: "recording-due-past",
  too_far: "recording-due-too-far",
};

/** The shop's today (YYYY-MM-DD) for the member (their session keeps the shop's zone). */
function shopToday(member: Member): string {
  return todayIn(member.timeZone ?? "UTC");
}

/**
 * A purchase's note, with its own due date after a bar ("rice | due 2026-12-15", or only
 * "due +30"): the value is the note, or [note, YYYY-MM-DD] when a due date was given.
 */
function purchaseNoteStep(text: string, member: Member): Parsed {
  const parts = text.split("|").map((part) => part.trim());
  const dueAt = parts.findLastIndex((part) => dueDatePart(part) !== null);
  if (dueAt < 0) return noteStep(text);
  const due = parseDueDate(parts[dueAt], shopToday(member));
  if (!due.ok) {
    return { ok: false, error: (t) => t(DUE_PROBLEMS[due.problem]) };
  }
  parts.splice(dueAt, 1);
  const note = noteStep(parts.filter((part) => part).join(" | "));
  if (!note.ok) return note;
  return { ok: true, value: [String(note.value), due.dueOn!] };
}

/** The note and own due date a purchase's note step gathered. */
function noteAndDue(value: Params[string]): { note: string; dueOn: string | null } {
  if (Array.isArray(value)) return { note: value[0] ?? "", dueOn: value[1] ?? null };
  return { note: value === null || value === undefined ? "" : String(value), dueOn: null };
}

/**
 * "50 | groceries", or "50 groceries" without the bar; a currency written apart stays with
 * the amount ("12 NIS bread", "JD 3 rice"), so it is checked against the shop's.
 */
function splitAmountAndNote(args: string): Record<string, string> {
  if (args.includes("|")) {
    const [amount, note] = splitPipes(args, 2);
    return { amount, note };
  }
  const words = args.trim().split(/\s+/);
  const take = words.length > 1 && (isCurrencyWord(words[0]) || isCurrencyWord(words[1])) ? 2 : 1;
  return { amount: words.slice(0, take).join(" "), note: words.slice(take).join(" ") };
}

/** The first line of a result, without and with a note. */
const DONE = {
  purchase: ["recording-done-purchase", "recording-done-purchase-note"],
  payment: ["recording-done-payment", "recording-done-payment-note"],
  settled: ["recording-done-settled", "recording-done-settled-note"],
} as const;

/** "✅ Purchase of $50.00 for John Smith — groceries.", the new balance, tags, the undo hint. */
function resultText(
  kind: "purchase" | "payment" | "settled",
  r: TransactionResult,
  speech: Speech,
): string {
  const t = r.transaction;
  const args = {
    amount: bold(money(t.amount, r.shop, speech)),
    name: bold(r.customer.full_name),
    note: escapeHtml(t.description),
  };
  const lines = [
    speech.t(DONE[kind][t.description ? 1 : 0], args),
    speech.t("recording-new-balance", {
      balance: bold(balanceText(r.customer.balance, r.shop, speech)),
    }),
  ];
  if (t.tags.length) lines.push(`🏷 ${escapeHtml(t.tags.map((tag) => `#${tag}`).join(" "))}`);
  if (kind === "purchase" && t.due_on) {
    lines.push(speech.t("recording-due-on", { date: dayText(t.due_on, speech.locale) }));
  }
  lines.push(speech.t("recording-undo-hint"));
  return lines.join("\n");
}

/** A ledger refusal about the customer (when they are the selected one) clears the selection. */
function forgetStaleSelection(ctx: PayContext, error: unknown, customerId: number): never {
  if (
    error instanceof LedgerError &&
    (error.code === "customer_not_found" || error.code === "customer_archived") &&
    ctx.session.selected?.id === customerId
  ) {
    ctx.session.selected = undefined;
  }
  throw error;
}

export const purchaseFlow: Flow = defineFlow({
  command: "addtransaction",
  usage: "/addtransaction 50 | groceries",
  needsCustomer: true,
  steps: [
    {
      key: "amount",
      question: (t) => t("recording-purchase-amount-question"),
      ask: (c, _params, t) => t("recording-purchase-amount-ask", { name: bold(c.name) }),
      numeric: true,
      parse: (text, ctx, member) => amountStep(text, member, false, ctx && langOf(ctx)),
    },
    {
      key: "note",
      question: (t) => t("recording-purchase-note-question"),
      ask: (c, _params, t) => t("recording-purchase-note-ask", { name: bold(c.name) }),
      optional: true,
      parse: (text, _ctx, member) => purchaseNoteStep(text, member),
    },
  ],
  split: splitAmountAndNote,
  noun: (t) => t("recording-purchase-noun"),
  action: (params, c, member, t) =>
    t("recording-purchase-action", {
      amount: amountText(params.amount, member),
      name: c ? bold(c.name) : t("recording-them"),
    }),
  async run(ctx, params, customer) {
    const { note, dueOn } = noteAndDue(params.note);
    await recordPurchaseNow(ctx, customer!, {
      amount: Number(params.amount),
      note,
      dueOn,
      overLimit: false,
    });
  },
});

/** A purchase to record (the over-limit confirmation keeps it as its parameters). */
interface PurchaseInput {
  amount: number;
  note: string;
  dueOn: string | null;
  overLimit: boolean;
  /** The update that records it (the "Record anyway" press); default the current one. */
  updateId?: number;
  /** The PIN was asked for already (a second pin_required is explained, not asked again). */
  pinAsked?: boolean;
}

/** "This purchase takes the balance to N, past the credit limit of M (minor units)." */
export function overLimitFigures(detail: string): { balance: number; limit: number } | null {
  const m = detail.match(/balance to (-?\d{1,16}), past the credit limit of (\d{1,16})/);
  return m ? { balance: Number(m[1]), limit: Number(m[2]) } : null;
}

/** The "📅 Due date" button under a recorded purchase. */
function dueDateKeyboard(transactionId: number, t: PayContext["t"]): InlineKeyboard {
  return new InlineKeyboard().text(
    t("recording-due-button"),
    CALLBACKS.dueDateAsk.build(transactionId),
  );
}

/**
 * Records a purchase and replies with it (and the Due date button). Past the credit limit it
 * records nothing and asks whether to record it anyway (the over-limit flow).
 */
async function recordPurchaseNow(
  ctx: PayContext,
  selected: BoundCustomer,
  input: PurchaseInput,
): Promise<void> {
  const lang = langOf(ctx);
  let overLimit: LedgerError | undefined;
  let needsPin = false;
  await withLoader(ctx, ctx.t("recording-loader-purchase"), async () => {
    try {
      const result = await ctx.services.ledger.recordPurchase({
        ...changeBy(ctx),
        ...(input.updateId === undefined ? {} : { updateId: input.updateId }),
        customerId: selected.id,
        amount: input.amount,
        description: input.note,
        dueOn: input.dueOn,
        overLimit: input.overLimit,
      });
      return {
        text: resultText("purchase", result, lang),
        keyboard: dueDateKeyboard(result.transaction.id, ctx.t),
      };
    } catch (error) {
      if (error instanceof LedgerError && error.code === "over_credit_limit" && !input.overLimit) {
        overLimit = error;
        return { text: ctx.t("recording-over-limit-held") };
      }
      if (
        error instanceof LedgerError && error.code === "pin_required" && input.overLimit &&
        !input.pinAsked
      ) {
        needsPin = true;
        return { text: ctx.t("recording-over-limit-held") };
      }
      return forgetStaleSelection(ctx, error, selected.id);
    }
  });
  if (overLimit) {
    const member = await requireMember(ctx);
    if (!member) return;
    const figures = overLimitFigures(overLimit.detail);
    await advance(ctx, overLimitFlow, {
      amount: input.amount,
      note: input.note,
      due: input.dueOn,
      balance: figures ? amountText(figures.balance, member) : null,
      limit: figures ? amountText(figures.limit, member) : null,
      // The yes records under the purchase's own update id, still free (the refusal rolled its
      // claim back): two presses at once, or a press and a typed yes, record it once.
      origin: input.updateId ?? ctx.update.update_id,
    }, { customer: selected });
  } else if (needsPin) {
    // Block mode, a clerk: the PIN first, then the same purchase with the same press's id.
    await advance(ctx, overLimitFlow, {
      amount: input.amount,
      note: input.note,
      due: input.dueOn,
      confirm: input.updateId ?? ctx.update.update_id,
      pin: true,
    }, { customer: selected });
  }
}

/** Yes/no typed at the over-limit question (the buttons are the usual answer). */
const YES = /^(yes|y|ok|record|record anyway|نعم|أجل|سجل|سجّل|سجلها|سجّلها)$/iu;
const NO = /^(no|n|cancel|لا|إلغاء|الغاء)$/iu;

/**
 * Past the credit limit: "⚠️ This takes <name> to <balance>, past their credit limit of
 * <limit>. Record it anyway?" with [Record anyway] [Cancel]. It is recorded under `origin`,
 * the update id of the purchase that was held (so two presses at once, or a redelivered press,
 * record it once); in block mode a clerk gives the PIN first (`pin`), then the purchase is
 * recorded with the id in `confirm`.
 */
export const overLimitFlow: Flow = defineFlow({
  command: "overlimit",
  usage: "/addtransaction 50 | groceries",
  needsCustomer: true,
  steps: [
    {
      key: "confirm",
      question: (t) => t("recording-over-limit-question-plain", { name: t("recording-them") }),
      ask: (c, params, t) =>
        params.balance && params.limit
          ? t("recording-over-limit-question", {
            name: bold(c.name),
            balance: bold(String(params.balance)),
            limit: bold(String(params.limit)),
          })
          : t("recording-over-limit-question-plain", { name: bold(c.name) }),
      parse: (text, ctx) => {
        if (YES.test(text.trim())) return { ok: true, value: ctx.update.update_id };
        if (NO.test(text.trim())) return { ok: true, value: false };
        return { ok: false, error: (t) => t("recording-over-limit-press") };
      },
      buttons: (ctx) => {
        const id = ctx.session.pending?.customer?.id;
        if (id === undefined) return Promise.resolve(undefined);
        return Promise.resolve(
          new InlineKeyboard()
            .text(ctx.t("recording-over-limit-yes"), CALLBACKS.overLimitYes.build(id))
            .text(ctx.t("recording-over-limit-no"), CALLBACKS.overLimitNo.build(id)),
        );
      },
    },
  ],
  split: () => ({}),
  pin: (params) => params.pin === true,
  noun: (t) => t("recording-purchase-noun"),
  action: (params, c, member, t) =>
    t("recording-purchase-action", {
      amount: amountText(params.amount, member),
      name: c ? bold(c.name) : t("recording-them"),
    }),
  async run(ctx, params, customer) {
    if (typeof params.confirm !== "number") {
      await say(ctx, ctx.t("recording-over-limit-cancelled"));
      return;
    }
    await recordPurchaseNow(ctx, customer!, {
      amount: Number(params.amount),
      note: String(params.note ?? ""),
      dueOn: typeof params.due === "string" ? params.due : null,
      overLimit: true,
      updateId: typeof params.origin === "number" ? params.origin : params.confirm,
      pinAsked: params.pin === true,
    });
  },
});

export const paymentFlow: Flow = defineFlow({
  command: "pay",
  usage: "/pay 30 | cash   or   /pay all",
  needsCustomer: true,
  pin: true,
  steps: [
    {
      key: "amount",
      question: (t) => t("recording-payment-amount-question"),
      ask: (c, _params, t) => t("recording-payment-amount-ask", { name: bold(c.name) }),
      numeric: true,
      parse: (text, ctx, member) => amountStep(text, member, true, ctx && langOf(ctx)),
    },
    {
      key: "note",
      question: (t) => t("recording-payment-note-question"),
      ask: (c, _params, t) => t("recording-payment-note-ask", { name: bold(c.name) }),
      optional: true,
      parse: noteStep,
    },
  ],
  split: splitAmountAndNote,
  noun: (t) => t("recording-payment-noun"),
  action: (params, c, member, t) => {
    if (params.amount === "all") {
      return c
        ? t("recording-payment-action-all", { name: bold(c.name) })
        : t("recording-payment-action-all-them");
    }
    return t("recording-payment-action", {
      amount: amountText(params.amount, member),
      name: c ? bold(c.name) : t("recording-them"),
    });
  },
  async run(ctx, params, customer) {
    const selected = customer!;
    const lang = langOf(ctx);
    await withLoader(ctx, ctx.t("recording-loader-payment"), async () => {
      const settle = params.amount === "all";
      const result = await ctx.services.ledger.recordPayment({
        ...changeBy(ctx),
        customerId: selected.id,
        amount: settle ? null : Number(params.amount),
        settle,
        description: params.note === null ? "" : String(params.note),
      }).catch((error) => forgetStaleSelection(ctx, error, selected.id));
      let text = resultText(settle ? "settled" : "payment", result, lang);
      if (!settle && result.customer.balance < 0) {
        text += `\n${
          ctx.t("recording-advance", { amount: money(-result.customer.balance, result.shop, lang) })
        }`;
      }
      if (result.archived) {
        if (ctx.session.selected?.id === result.customer.id) ctx.session.selected = undefined;
        text += `\n${ctx.t("recording-archived", { name: bold(result.customer.full_name) })}`;
      }
      return { text };
    });
  },
});

export const recording = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const recordingCommands = defineCommands({
  addtransaction: {
    area: "recording",
    role: "member",
    menu: true,
  },
  pay: {
    area: "recording",
    role: "member",
    menu: true,
  },
});
recording.command(
  recordingCommands.addtransaction.names,
  (ctx) => beginFlow(ctx, purchaseFlow),
);
recording.command(recordingCommands.pay.names, (ctx) => beginFlow(ctx, paymentFlow));

// ----------------------------------------------------------------------------
// Past the credit limit: Record anyway / Cancel
// ----------------------------------------------------------------------------

/**
 * The over-limit question waiting for this customer, or null (answered already, cancelled by
 * another command, or another customer's): a stale button then says so and records nothing.
 */
function waitingOverLimit(ctx: PayContext, customerId: number) {
  const pending = ctx.session.pending;
  if (
    pending?.command !== overLimitFlow.command || pending.step !== "confirm" ||
    pending.customer?.id !== customerId
  ) return null;
  return pending;
}

/** Record anyway: records the held purchase past the limit (under its own update id). */
recording.callbackQuery(CALLBACKS.overLimitYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const pending = waitingOverLimit(ctx, Number(ctx.match[1]));
  if (!pending) {
    await say(ctx, ctx.t("recording-over-limit-stale"));
    return;
  }
  await advance(ctx, overLimitFlow, { ...pending.params, confirm: ctx.update.update_id }, {
    customer: pending.customer,
  });
});

/** Cancel: nothing is recorded. */
recording.callbackQuery(CALLBACKS.overLimitNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const pending = waitingOverLimit(ctx, Number(ctx.match[1]));
  if (!pending) {
    await say(ctx, ctx.t("recording-over-limit-stale"));
    return;
  }
  await advance(ctx, overLimitFlow, { ...pending.params, confirm: false }, {
    customer: pending.customer,
  });
});

// ----------------------------------------------------------------------------
// 📅 Due date under a recorded purchase
// ----------------------------------------------------------------------------

/** "Due $20.00 · overdue $5.00 · next $15.00 on 20 Dec 2026" (what is there to say). */
function duesText(dues: Dues, shop: Parameters<typeof money>[1], lang: Speech): string {
  const parts: string[] = [];
  if (dues.overdue > 0) {
    parts.push(lang.t("recording-dues-overdue", {
      amount: bold(money(dues.overdue, shop, lang)),
      date: dues.oldest_overdue_on ? dayText(dues.oldest_overdue_on, lang.locale) : "",
    }));
  }
  if (dues.due > dues.overdue) {
    parts.push(lang.t("recording-dues-due-today", {
      amount: bold(money(dues.due - dues.overdue, shop, lang)),
    }));
  }
  if (dues.next_due_on && dues.next_due_amount > 0) {
    parts.push(lang.t("recording-dues-next", {
      amount: bold(money(dues.next_due_amount, shop, lang)),
      date: dayText(dues.next_due_on, lang.locale),
    }));
  }
  if (dues.undated > 0) {
    parts.push(lang.t("recording-dues-undated", { amount: bold(money(dues.undated, shop, lang)) }));
  }
  return parts.length ? parts.join("\n") : lang.t("recording-dues-nothing");
}

/** When a purchase is due (params: transactionId, due): YYYY-MM-DD, or "none" (the terms). */
export const dueDateFlow: Flow = defineFlow({
  command: "duedate",
  usage: (t) => t("recording-due-usage"),
  noun: (t) => t("recording-due-noun"),
  steps: [{
    key: "due",
    question: (t) => t("recording-due-question"),
    parse: (text, _ctx, member) => {
      const due = parseDueDate(text, shopToday(member), true);
      if (!due.ok) return { ok: false, error: (t) => t(DUE_PROBLEMS[due.problem]) };
      return { ok: true, value: due.dueOn ?? "none" };
    },
  }],
  split: () => ({}),
  async run(ctx, params) {
    const lang = langOf(ctx);
    const dueOn = params.due === "none" ? null : String(params.due);
    await withLoader(ctx, ctx.t("recording-due-loader"), async () => {
      const r = await ctx.services.ledger.dues.setDueDate({
        ...changeBy(ctx),
        transactionId: Number(params.transactionId),
        dueOn,
      });
      const head = dueOn
        ? ctx.t("recording-due-set", {
          date: bold(dayText(dueOn, lang.locale)),
          amount: bold(money(r.transaction.amount, r.shop, lang)),
        })
        : ctx.t("recording-due-cleared", {
          amount: bold(money(r.transaction.amount, r.shop, lang)),
        });
      return {
        text: `${head}\n${duesText(r.dues, r.shop, lang)}\n${ctx.t("recording-undo-hint")}`,
      };
    });
  },
});

/** 📅 Due date: asks when the purchase is due. */
recording.callbackQuery(CALLBACKS.dueDateAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await advance(ctx, dueDateFlow, { transactionId: Number(ctx.match[1]) });
});
