/** /addtransaction (a purchase on credit) and /pay (a payment, or "all" to settle) for the selected customer. */
import { Composer } from "grammy";
import { defineCommands } from "../commands.ts";
import { LedgerError } from "../../db/errors.ts";
import type { TransactionResult } from "../../db/ledger.ts";
import { LIMITS, tooLong } from "../../domain/limits.ts";
import { isCurrencyWord } from "../../domain/money.ts";
import { balanceText, money, type Speech } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import {
  beginFlow,
  defineFlow,
  type Flow,
  type Member,
  type Params,
  type Parsed,
  splitPipes,
} from "../flows.ts";
import { withLoader } from "../replies.ts";
import { amountStep } from "../amount_input.ts";

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
      parse: noteStep,
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
    const selected = customer!;
    const lang = langOf(ctx);
    await withLoader(ctx, ctx.t("recording-loader-purchase"), async () => {
      const result = await ctx.services.ledger.recordPurchase({
        ...changeBy(ctx),
        customerId: selected.id,
        amount: Number(params.amount),
        description: params.note === null ? "" : String(params.note),
      }).catch((error) => forgetStaleSelection(ctx, error, selected.id));
      return { text: resultText("purchase", result, lang) };
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
