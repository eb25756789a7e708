/**
 * /transactions: every purchase and payment of the selected customer with its details,
 * newest first, page by page; filters `#tag`, a month `2026-11`, a day `2026-11-05` or a
 * range `2026-11-01..2026-11-15` (dates in the shop's time zone, both ends included).
 * /transaction 12 shows one in full, with Undo when the member may undo it.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { TransactionDetail } from "../../db/ledger/transactions.ts";
import { HASH_TAG_PATTERN } from "../../domain/limits.ts";
import { westernDigits } from "../../domain/money.ts";
import { parsePeriod, periodBounds } from "../../domain/periods.ts";
import { translator } from "../../i18n/i18n.ts";
import { balanceText, dateTime, type Money, money, type Speech } from "../../text/format.ts";
import { bold, escapeHtml, italic } from "../../text/html.ts";
import { disputeMark } from "../../text/transactions.ts";
import {
  clip,
  clipHtml,
  fitLines,
  LIST_BUDGET,
  NOTE_IN_LIST,
  visibleLength,
} from "../../text/fit.ts";
import type { PayContext } from "../context.ts";
import { langOf } from "../lang.ts";
import { advance, beginFlow, defineFlow, type Flow, type Parsed, said } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, showPage } from "../replies.ts";

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

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

/**
 * Parses what follows /transactions; empty text means every transaction. `#tag` words are
 * the tag; the rest is a period in the one grammar (shared/domain/periods.ts), its days in
 * the shop's time zone. `where` is that zone (English words), or the reader's
 * {@link Speech}: refusals and the label in their language, days in the shop's zone.
 */
export function parseTransactionFilter(
  text: string,
  where: string | Speech = ENGLISH,
): { ok: true; filter: TransactionFilterSpec } | { ok: false; error: string } {
  const lang: Speech = typeof where === "string" ? { ...ENGLISH, timeZone: where } : where;
  const timeZone = lang.timeZone;
  const t = lang.t;
  const notAFilter = (what: string) =>
    t("transactions-not-a-filter", { text: escapeHtml(what.slice(0, 40)) });
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
      return { ok: false, error: notAFilter(token) };
    }
    if (filter.tag) return { ok: false, error: t("transactions-one-tag") };
    filter.tag = tag[1].toLowerCase();
    labels.push(`#${filter.tag}`);
  }
  const parsed = parsePeriod(rest.join(" "), "transactions", { t, locale: lang.locale });
  if (!parsed.ok) {
    return {
      ok: false,
      error: parsed.problem === "unreadable"
        ? notAFilter(rest.join(" "))
        : escapeHtml(parsed.error),
    };
  }
  if (parsed.period.from || parsed.period.to) {
    // The days are the shop's: they start at midnight in its time zone.
    Object.assign(filter, periodBounds(parsed.period, timeZone));
    labels.push(parsed.label);
  }
  filter.label = labels.join(lang.locale === "ar" ? "، " : ", ");
  return { ok: true, filter };
}

/** One transaction as a list shows it (two lines; a long note cut at 200 characters). */
export function transactionBlock(
  t: TransactionDetail,
  shop: Money,
  lang: Speech = ENGLISH,
): string {
  const kind = lang.t(t.kind === "purchase" ? "transactions-purchase" : "transactions-payment");
  const head = `#${t.id} · ${dateTime(t.created_at, lang)} · ${kind} ${
    bold(money(t.amount, shop, lang))
  }`;
  // A disputed entry (❗ Not mine on the customer's receipt) says so on its first line.
  const mark = disputeMark(t, lang);
  const by = lang.t("transactions-by", {
    name: clipHtml(t.recorded_by_name ?? String(t.recorded_by), 64),
  });
  const note = t.description ? `${clipHtml(t.description, NOTE_IN_LIST)} · ` : "";
  if (t.voided_at) {
    return `<s>${head}</s> ${italic(lang.t("transactions-voided"))}${mark}\n${note}${by}; ${
      lang.t("transactions-voided-by", {
        name: clipHtml(t.voided_by_name ?? String(t.voided_by), 64),
      })
    }`;
  }
  return `${head} → ${balanceText(t.balance_after, shop, lang)}${mark}\n${note}${by}`;
}

/** Shows one page of a customer's transactions (editing the list message for page buttons). */
async function showTransactions(
  ctx: PayContext,
  customerId: number,
  filterText: string | null,
  offset: number,
  edit = false,
): Promise<void> {
  const lang = langOf(ctx);
  const parsed = parseTransactionFilter(filterText ?? "", lang);
  if (!parsed.ok) {
    await say(
      ctx,
      `${parsed.error}\n${ctx.t("flow-example", { usage: "<code>/transactions 2026-11</code>" })}`,
    );
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
  if (list.total === 0) {
    await say(
      ctx,
      f.label
        ? ctx.t("transactions-none-filtered", { who, filter: escapeHtml(f.label) })
        : ctx.t("transactions-none", { who }),
    );
    return;
  }
  if (list.transactions.length === 0) {
    await say(ctx, ctx.t("transactions-page-empty"));
    return;
  }
  const from = offset + 1;
  const head = (to: number) => [
    `🧾 ${who} — ${balanceText(list.customer.balance, list.shop, lang)}${
      list.customer.archived_at ? ` ${italic(ctx.t("transactions-archived"))}` : ""
    }`,
    f.label
      ? ctx.t("transactions-range-filtered", {
        from: String(from),
        to: String(to),
        total: String(list.total),
        filter: escapeHtml(f.label),
      })
      : ctx.t("transactions-range", {
        from: String(from),
        to: String(to),
        total: String(list.total),
      }),
    "",
  ];
  const footer = ["", ctx.t("transactions-tap")];
  // As many as fit by visible length (a blank line between blocks); Next goes on from there.
  const fitted = fitLines(
    list.transactions.map((t) => transactionBlock(t, list.shop, lang)),
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
      ctx.t("transactions-previous"),
      CALLBACKS.transactionsPage.build(Math.max(0, offset - TX_PAGE_SIZE)),
    );
  }
  if (to < list.total) {
    keyboard.text(ctx.t("transactions-next"), CALLBACKS.transactionsPage.build(to));
  }
  const text = lines.join("\n");
  await showPage(ctx, text, keyboard, edit);
}

/** One transaction in full. */
async function showTransaction(ctx: PayContext, id: number): Promise<void> {
  const d = await readOrExplain(
    ctx,
    () => ctx.services.ledger.transactions.details(ctx.from!.id, id),
  );
  if (!d) return;
  const lang = langOf(ctx);
  const t = d.transaction;
  const none = italic(ctx.t("transactions-none-value"));
  const lines = [
    ctx.t("transactions-detail-title", { id: `#${t.id}` }) + disputeMark(t, lang),
    ctx.t("transactions-detail-customer", { name: bold(d.customer.full_name) }) +
    (d.customer.archived_at ? ` ${italic(ctx.t("transactions-archived"))}` : ""),
    ctx.t(
      t.kind === "purchase"
        ? "transactions-detail-kind-purchase"
        : "transactions-detail-kind-payment",
    ),
    ctx.t("transactions-detail-amount", { amount: bold(money(t.amount, d.shop, lang)) }),
    ctx.t("transactions-detail-when", {
      when: dateTime(t.created_at, lang),
      zone: escapeHtml(lang.timeZone),
    }),
    ctx.t("transactions-detail-note", {
      note: t.description ? escapeHtml(t.description) : none,
    }),
    ctx.t("transactions-detail-tags", {
      tags: t.tags.length ? escapeHtml(t.tags.map((tag) => `#${tag}`).join(" ")) : none,
    }),
    ctx.t("transactions-detail-by", {
      name: escapeHtml(t.recorded_by_name ?? String(t.recorded_by)),
    }),
    ctx.t("transactions-detail-balance", {
      balance: balanceText(t.balance_after, d.shop, lang),
    }),
    t.voided_at
      ? ctx.t("transactions-detail-voided", {
        name: escapeHtml(t.voided_by_name ?? String(t.voided_by)),
        when: dateTime(t.voided_at, lang),
      })
      : ctx.t("transactions-detail-counts"),
  ];
  const keyboard = new InlineKeyboard();
  if (d.undoable && d.action_id) {
    keyboard.text(ctx.t("transactions-undo-this"), CALLBACKS.undoAsk.build(d.action_id));
  }
  await say(ctx, lines.join("\n"), keyboard);
}

/** "12" or "#12": a transaction number. */
export function parseTransactionId(text: string): Parsed {
  const id = westernDigits(text.trim()).replace(/^#/, "");
  return /^[0-9]{1,15}$/.test(id) && Number(id) > 0
    ? { ok: true, value: Number(id) }
    : { ok: false, error: (t) => t("transactions-id-invalid") };
}

export const transactionsListFlow: Flow = defineFlow({
  command: "transactions",
  usage: (t) => t("transactions-usage"),
  needsCustomer: true,
  whoQuestion: (t) => t("transactions-who"),
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
    question: (t) => t("transactions-step-id"),
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
    menu: true,
  },
  transaction: {
    area: "transactions",
    role: "member",
  },
});

transactions.command(transactionsCommands.transactions.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const filter = ctx.match.trim() || null;
  const parsed = parseTransactionFilter(filter ?? "", langOf(ctx));
  if (!parsed.ok) {
    await say(
      ctx,
      `${parsed.error}\n${
        ctx.t("flow-example", {
          usage: `<code>${escapeHtml(said(transactionsListFlow.usage, ctx.t))}</code>`,
        })
      }`,
    );
    return;
  }
  // With no customer selected, the engine asks "Whose transactions?" and keeps the filter.
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
    await say(ctx, ctx.t("transactions-expired"));
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
