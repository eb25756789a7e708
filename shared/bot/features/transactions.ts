/**
 * /transactions: every purchase and payment of the selected customer with its details,
 * newest first, page by page; filters `#tag`, a month `2026-11`, a day `2026-11-05` or a
 * range `2026-11-01..2026-11-15` (dates in UTC, both ends included). /transaction 12 shows
 * one in full, with Undo when the member may undo it.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { TransactionDetail } from "../../db/ledger/transactions.ts";
import { HASH_TAG_PATTERN } from "../../domain/limits.ts";
import { westernDigits } from "../../domain/money.ts";
import { parsePeriod, periodBounds } from "../../domain/periods.ts";
import { balanceText, dateTime, type Money, money } from "../../text/format.ts";
import { bold, escapeHtml, italic } from "../../text/html.ts";
import {
  clip,
  clipHtml,
  fitLines,
  LIST_BUDGET,
  NOTE_IN_LIST,
  visibleLength,
} from "../../text/fit.ts";
import type { PayContext } from "../context.ts";
import { advance, beginFlow, defineFlow, type Flow, type Parsed } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say } from "../replies.ts";

/** Transactions per page. */
export const TX_PAGE_SIZE = 8;

/** A parsed /transactions filter: a note #tag and/or a time range [from, to). */
export interface TransactionFilterSpec {
  tag: string | null;
  from: string | null;
  to: string | null;
  /** How the filter reads, e.g. "#weekly, November 2026". */
  label: string;
}

const FILTER_HELP =
  "I understand a #tag, a month like 2026-11 or Nov 2026, a day like 2026-11-05, or dates like 2026-11-01..2026-11-15.";

/**
 * Parses what follows /transactions; empty text means every transaction. `#tag` words are
 * the tag; the rest is a period in the one grammar (shared/domain/periods.ts), in UTC.
 */
export function parseTransactionFilter(
  text: string,
): { ok: true; filter: TransactionFilterSpec } | { ok: false; error: string } {
  const filter: TransactionFilterSpec = { tag: null, from: null, to: null, label: "" };
  const labels: string[] = [];
  const rest: string[] = [];
  for (const token of westernDigits(text).trim().split(/\s+/).filter(Boolean)) {
    if (!token.startsWith("#")) {
      rest.push(token);
      continue;
    }
    const tag = token.match(HASH_TAG_PATTERN);
    if (!tag) {
      return {
        ok: false,
        error: `“${escapeHtml(token.slice(0, 40))}” isn't a filter. ${FILTER_HELP}`,
      };
    }
    if (filter.tag) return { ok: false, error: "One #tag at a time, please." };
    filter.tag = tag[1].toLowerCase();
    labels.push(`#${filter.tag}`);
  }
  const parsed = parsePeriod(rest.join(" "), "transactions");
  if (!parsed.ok) {
    return {
      ok: false,
      error: parsed.problem === "unreadable"
        ? `“${escapeHtml(rest.join(" ").slice(0, 40))}” isn't a filter. ${FILTER_HELP}`
        : escapeHtml(parsed.error),
    };
  }
  if (parsed.period.from || parsed.period.to) {
    Object.assign(filter, periodBounds(parsed.period));
    labels.push(parsed.label);
  }
  filter.label = labels.join(", ");
  return { ok: true, filter };
}

/** One transaction as a list shows it (two lines; a long note cut at 200 characters). */
export function transactionBlock(t: TransactionDetail, shop: Money): string {
  const kind = t.kind === "purchase" ? "🛒 Purchase" : "💵 Payment";
  const head = `#${t.id} · ${dateTime(t.created_at)} · ${kind} ${bold(money(t.amount, shop))}`;
  const by = `by ${clipHtml(t.recorded_by_name ?? String(t.recorded_by), 64)}`;
  const note = t.description ? `${clipHtml(t.description, NOTE_IN_LIST)} · ` : "";
  if (t.voided_at) {
    return `<s>${head}</s> ${italic("voided")}\n${note}${by}; voided by ${
      clipHtml(t.voided_by_name ?? String(t.voided_by), 64)
    }`;
  }
  return `${head} → ${balanceText(t.balance_after, shop)}\n${note}${by}`;
}

/** Shows one page of a customer's transactions (editing the list message for page buttons). */
async function showTransactions(
  ctx: PayContext,
  customerId: number,
  filterText: string | null,
  offset: number,
  edit = false,
): Promise<void> {
  const parsed = parseTransactionFilter(filterText ?? "");
  if (!parsed.ok) {
    await say(ctx, `${parsed.error}\nExample: <code>/transactions 2026-11</code>`);
    return;
  }
  const f = parsed.filter;
  const list = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.transactions.list(ctx.from!.id, customerId, {
        tag: f.tag,
        from: f.from,
        to: f.to,
        limit: TX_PAGE_SIZE,
        offset,
      }),
  );
  if (!list) return;
  ctx.session.lastTransactions = { customerId, filter: filterText };
  const who = bold(clip(list.customer.full_name, 80));
  const filtered = f.label ? ` (${escapeHtml(f.label)})` : "";
  if (list.total === 0) {
    await say(
      ctx,
      f.label
        ? `No transactions of ${who}${filtered}. /transactions shows them all.`
        : `${who} has no purchases or payments yet.`,
    );
    return;
  }
  if (list.transactions.length === 0) {
    await say(ctx, "That page is empty now. Send /transactions again.");
    return;
  }
  const from = offset + 1;
  const head = (to: number) => [
    `🧾 ${who} — ${balanceText(list.customer.balance, list.shop)}${
      list.customer.archived_at ? ` ${italic("(archived)")}` : ""
    }`,
    `Transactions ${from}–${to} of ${list.total}${filtered}, newest first:`,
    "",
  ];
  const footer = ["", "Tap a number for the details."];
  // As many as fit by visible length (a blank line between blocks); Next goes on from there.
  const fitted = fitLines(
    list.transactions.map((t) => transactionBlock(t, list.shop)),
    LIST_BUDGET - list.transactions.length -
      visibleLength([...head(offset + list.transactions.length), ...footer].join("\n")),
  );
  const shown = list.transactions.slice(0, Math.max(1, fitted.lines.length));
  const to = offset + shown.length;
  const lines = [...head(to), fitted.lines.join("\n\n"), ...footer];
  const keyboard = new InlineKeyboard();
  shown.forEach((t, i) => {
    keyboard.text(`🔍 #${t.id}`, CALLBACKS.transactionDetails.build(t.id));
    if (i % 4 === 3) keyboard.row();
  });
  keyboard.row();
  if (offset > 0) {
    keyboard.text(
      "◀ Previous",
      CALLBACKS.transactionsPage.build(Math.max(0, offset - TX_PAGE_SIZE)),
    );
  }
  if (to < list.total) keyboard.text("Next ▶", CALLBACKS.transactionsPage.build(to));
  const text = lines.join("\n");
  if (edit) {
    try {
      await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
      return;
    } catch { /* send it as a new message */ }
  }
  await say(ctx, text, keyboard);
}

/** One transaction in full. */
async function showTransaction(ctx: PayContext, id: number): Promise<void> {
  const d = await readOrExplain(
    ctx,
    () => ctx.services.ledger.transactions.details(ctx.from!.id, id),
  );
  if (!d) return;
  const t = d.transaction;
  const lines = [
    `🧾 <b>Transaction #${t.id}</b>`,
    `Customer: ${bold(d.customer.full_name)}${
      d.customer.archived_at ? ` ${italic("(archived)")}` : ""
    }`,
    `Kind: ${t.kind === "purchase" ? "🛒 purchase on credit" : "💵 payment"}`,
    `Amount: ${bold(money(t.amount, d.shop))}`,
    `Date and time: ${dateTime(t.created_at)} (UTC)`,
    `Note: ${t.description ? escapeHtml(t.description) : italic("none")}`,
    `Tags: ${
      t.tags.length ? escapeHtml(t.tags.map((tag) => `#${tag}`).join(" ")) : italic("none")
    }`,
    `Recorded by: ${escapeHtml(t.recorded_by_name ?? String(t.recorded_by))}`,
    `Balance after: ${balanceText(t.balance_after, d.shop)}`,
    t.voided_at
      ? `Status: ↩️ voided (undone) by ${escapeHtml(t.voided_by_name ?? String(t.voided_by))}, ${
        dateTime(t.voided_at)
      }`
      : "Status: ✅ counts in the balance",
  ];
  const keyboard = new InlineKeyboard();
  if (d.undoable && d.action_id) {
    keyboard.text("↩️ Undo this", CALLBACKS.undoAsk.build(d.action_id));
  }
  await say(ctx, lines.join("\n"), keyboard);
}

/** "12" or "#12": a transaction number. */
export function parseTransactionId(text: string): Parsed {
  const id = westernDigits(text.trim()).replace(/^#/, "");
  return /^[0-9]{1,15}$/.test(id) && Number(id) > 0
    ? { ok: true, value: Number(id) }
    : { ok: false, error: "A transaction number is a whole number, like 12 (/transactions)." };
}

export const transactionsListFlow: Flow = defineFlow({
  command: "transactions",
  usage: "/transactions #weekly 2026-11",
  needsCustomer: true,
  steps: [],
  split: () => ({}),
  run: (ctx, params, customer) =>
    showTransactions(
      ctx,
      Number((customer ?? ctx.session.selected!).id),
      params.filter === undefined || params.filter === null ? null : String(params.filter),
      0,
    ),
});

export const transactionFlow: Flow = defineFlow({
  command: "transaction",
  usage: "/transaction 12",
  steps: [{
    key: "id",
    question: "🧾 Which transaction number? (/transactions lists them)",
    numeric: true,
    parse: parseTransactionId,
  }],
  split: (args) => ({ id: args }),
  run: (ctx, params) => showTransaction(ctx, Number(params.id)),
});

export const transactions = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const transactionsCommands = defineCommands({
  transactions: {
    area: "transactions",
    role: "member",
    menu: "The selected customer's transactions: #tag, 2026-11",
    summary: "Every purchase and payment of the selected customer with its details, page by page.",
    examples: [
      "/transactions",
      "/transactions #weekly",
      "/transactions 2026-11",
      "/transactions 2026-11-01..2026-11-15",
    ],
    details: "Newest first: number, date and time, purchase or payment, amount, note, tags, who " +
      "recorded it, the balance after it, and whether it was undone. Filter by a #tag in the " +
      "note, a month, a day or a date range (UTC; both ends included), or both. Tap a number for " +
      "the details.",
  },
  transaction: {
    area: "transactions",
    role: "member",
    summary: "One transaction in full, with Undo when you may undo it.",
    examples: ["/transaction 12"],
  },
});

transactions.command(transactionsCommands.transactions.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const filter = ctx.match.trim() || null;
  const parsed = parseTransactionFilter(filter ?? "");
  if (!parsed.ok) {
    await say(ctx, `${parsed.error}\nExample: <code>${transactionsListFlow.usage}</code>`);
    return;
  }
  if (!ctx.session.selected) {
    ctx.session.pending = {
      command: "transactions",
      step: "",
      params: { filter },
      choosingCustomer: true,
    };
    await say(
      ctx,
      "Whose transactions? Send a name, phone or #tag to find the customer (or /cancel).",
    );
    return;
  }
  await advance(ctx, transactionsListFlow, { filter });
});

transactions.command(
  transactionsCommands.transaction.names,
  (ctx) => beginFlow(ctx, transactionFlow),
);

/** Previous / Next under a /transactions list. */
transactions.callbackQuery(CALLBACKS.transactionsPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const last = ctx.session.lastTransactions;
  if (!last) {
    await say(ctx, "That list has expired. Send /transactions again.");
    return;
  }
  await showTransactions(ctx, last.customerId, last.filter, Number(ctx.match[1]), true);
});

/** A transaction number under a list: the details. */
transactions.callbackQuery(CALLBACKS.transactionDetails.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await showTransaction(ctx, Number(ctx.match[1]));
});
