/** /addtransaction (a purchase on credit) and /pay (a payment, or "all" to settle) for the selected customer. */
import { Composer } from "grammy";
import { defineCommands } from "../commands.ts";
import { LedgerError } from "../../db/errors.ts";
import type { TransactionResult } from "../../db/ledger.ts";
import { LIMITS, tooLong, tooLongMessage } from "../../domain/limits.ts";
import { balanceText, money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
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

/** An amount as the member's shop shows it ("$30.00"), or "everything owed" for "all". */
function amountText(value: Params[string], member: Member): string {
  if (value === "all") return "everything owed";
  return money(Number(value), { currency: member.currency, minor_unit: member.minorUnit });
}

function noteStep(text: string): Parsed {
  const note = text.replace(/\s+/g, " ").trim();
  if (tooLong(note, LIMITS.note)) {
    return { ok: false, error: tooLongMessage("note", LIMITS.note) };
  }
  return { ok: true, value: note };
}

/** "50 | groceries", or "50 groceries" without the bar. */
function splitAmountAndNote(args: string): Record<string, string> {
  if (args.includes("|")) {
    const [amount, note] = splitPipes(args, 2);
    return { amount, note };
  }
  const [amount, ...rest] = args.trim().split(/\s+/);
  return { amount, note: rest.join(" ") };
}

function resultText(verb: string, r: TransactionResult): string {
  const t = r.transaction;
  const lines = [
    `✅ ${verb} ${bold(money(t.amount, r.shop))} for ${bold(r.customer.full_name)}${
      t.description ? ` — ${escapeHtml(t.description)}` : ""
    }.`,
    `New balance: ${bold(balanceText(r.customer.balance, r.shop))}`,
  ];
  if (t.tags.length) lines.push(`🏷 ${escapeHtml(t.tags.map((tag) => `#${tag}`).join(" "))}`);
  lines.push("<i>/undo if that was a mistake.</i>");
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
      question: "🛒 How much did they buy on credit?",
      ask: (c) => `🛒 How much did ${bold(c.name)} buy on credit?`,
      numeric: true,
      parse: (text, _ctx, member) => amountStep(text, member),
    },
    {
      key: "note",
      question: "📝 A note? (what was bought; #tags welcome)",
      ask: (c) => `📝 A note for the purchase of ${bold(c.name)}? (what was bought; #tags welcome)`,
      optional: true,
      parse: noteStep,
    },
  ],
  split: splitAmountAndNote,
  noun: "purchase",
  action: (params, c, member) =>
    `record a purchase of ${amountText(params.amount, member)} for ${bold(c?.name ?? "them")}`,
  async run(ctx, params, customer) {
    const selected = customer!;
    await withLoader(ctx, "Recording the purchase…", async () => {
      const result = await ctx.services.ledger.recordPurchase({
        ...changeBy(ctx),
        customerId: selected.id,
        amount: Number(params.amount),
        description: params.note === null ? "" : String(params.note),
      }).catch((error) => forgetStaleSelection(ctx, error, selected.id));
      return { text: resultText("Purchase of", result) };
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
      question: "💵 How much did they pay? (or “all” to settle)",
      ask: (c) => `💵 How much did ${bold(c.name)} pay? (or “all” to settle)`,
      numeric: true,
      parse: (text, _ctx, member) => amountStep(text, member, true),
    },
    {
      key: "note",
      question: "📝 A note? (e.g. cash, transfer)",
      ask: (c) => `📝 A note for the payment of ${bold(c.name)}? (e.g. cash, transfer)`,
      optional: true,
      parse: noteStep,
    },
  ],
  split: splitAmountAndNote,
  noun: "payment",
  action: (params, c, member) =>
    params.amount === "all"
      ? `settle everything ${bold(c?.name ?? "they")} owe${c ? "s" : ""}`
      : `record a payment of ${amountText(params.amount, member)} for ${bold(c?.name ?? "them")}`,
  async run(ctx, params, customer) {
    const selected = customer!;
    await withLoader(ctx, "Recording the payment…", async () => {
      const settle = params.amount === "all";
      const result = await ctx.services.ledger.recordPayment({
        ...changeBy(ctx),
        customerId: selected.id,
        amount: settle ? null : Number(params.amount),
        settle,
        description: params.note === null ? "" : String(params.note),
      }).catch((error) => forgetStaleSelection(ctx, error, selected.id));
      let text = resultText("Payment of", result);
      if (settle) text = text.replace("✅", "✅ Settled in full:");
      else if (result.customer.balance < 0) {
        text += `\n💡 They paid more than they owed: ${
          money(-result.customer.balance, result.shop)
        } is kept as an advance.`;
      }
      if (result.archived) {
        if (ctx.session.selected?.id === result.customer.id) ctx.session.selected = undefined;
        text += `\n🗄 ${
          bold(result.customer.full_name)
        } is settled, so they were archived (shop setting, see /settings). /undo brings them back.`;
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
    menu: "Record a purchase on credit: amount | note",
    summary: "Record a purchase on credit for the selected customer.",
    examples: [
      "/addtransaction 50 | groceries",
      "/addtransaction 12.50 | bread #weekly",
      "/addtransaction",
    ],
    details: "#tags in the note are kept as tags. Amounts may use Arabic digits (٥٠) and 1,250.50.",
  },
  pay: {
    area: "recording",
    role: "member",
    menu: "Record a payment: amount | note, or: all",
    summary: "Record a payment from the selected customer.",
    examples: ["/pay 30 | cash", "/pay all"],
    details: "“all” settles the whole balance. Paying more than is owed leaves an advance.",
  },
});
recording.command(
  recordingCommands.addtransaction.names,
  (ctx) => beginFlow(ctx, purchaseFlow),
);
recording.command(recordingCommands.pay.names, (ctx) => beginFlow(ctx, paymentFlow));
