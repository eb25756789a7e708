/**
 * /history (latest actions with Undo buttons, page by page with ⬅️ Older; "Only <customer>"
 * for the selected customer's actions) and /undo (the last action, or `/undo H12`, after
 * Yes/No). History entries are labelled "H12" (transactions are "T12": text/history.ts). An undo that lowers what a customer owes (or repeats a PIN action) asks
 * for the shop PIN through the PIN gate first, naming what it undoes; the ledger checks
 * the same thing itself (undo_action refuses with pin_required).
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { ActionEntry, UndoResult } from "../../db/ledger.ts";
import { LedgerError } from "../../db/errors.ts";
import { balanceText, dateTime, type Money } from "../../text/format.ts";
import { actionSentence, historyLabel, parseHistoryLabel } from "../../text/history.ts";
import {
  clipHtml,
  fitLines,
  LIST_BUDGET,
  NOTE_IN_LIST,
  truncateHtml,
  visibleLength,
} from "../../text/fit.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { clip } from "../../text/fit.ts";
import { type Lang, langOf } from "../lang.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { advance, defineFlow, type Params } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { historyMember } from "../member_lookup.ts";

export const history = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const historyCommands = defineCommands({
  history: {
    area: "history",
    role: "member",
    menu: true,
  },
  undo: {
    area: "history",
    role: "member",
    menu: true,
  },
});

/** How many actions one /history page asks the ledger for (fewer are shown when long). */
const HISTORY_SIZE = 10;

/** The most one entry may show (visible characters): long names and notes are cut. */
const ENTRY_MAX = 600;

/** One history entry: label, time, the sentence, its note (capped), and whether it was undone. */
export function historyEntry(a: ActionEntry, shop: Money, lang: Lang): string {
  const undone = a.undone_at ? ` ${lang.t("history-undone")}` : "";
  const note = typeof a.info.description === "string" && a.info.description
    ? ` — <i>${clipHtml(a.info.description, NOTE_IN_LIST)}</i>`
    : "";
  const lock = a.undoable && a.undo_needs_pin ? " 🔒" : "";
  const entry = `${historyLabel(a.id, lang.t)} · ${dateTime(a.created_at, lang)}${lock}\n${
    actionSentence(a, shop, lang)
  }${note}${undone}`;
  return visibleLength(entry) > ENTRY_MAX ? truncateHtml(entry, ENTRY_MAX) : entry;
}

/** Whose history a page shows: the whole shop's, one member's, or one customer's. */
interface HistoryFilter {
  member?: { user_id: number; display_name: string };
  customer?: { id: number; name: string };
}

/** Sends one page of the history from `offset`, filtered to one member or one customer. */
async function showHistory(ctx: PayContext, offset: number, filter: HistoryFilter): Promise<void> {
  const lang = langOf(ctx);
  const { member: who, customer } = filter;
  const by = who
    ? ctx.t("history-by", { who: escapeHtml(who.display_name) })
    : customer
    ? ctx.t("history-for", { customer: bold(customer.name) })
    : "";
  const list = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.listActions(ctx.from!.id, {
        limit: HISTORY_SIZE,
        offset,
        member: who?.user_id,
        customer: customer?.id,
      }),
  );
  if (!list) return;
  if (list.actions.length === 0) {
    await say(
      ctx,
      offset > 0
        ? ctx.t("history-nothing-older")
        : who
        ? ctx.t("history-nothing-by", { who: escapeHtml(who.display_name) })
        : customer
        ? ctx.t("history-nothing-for", { customer: bold(customer.name) })
        : ctx.t("history-nothing-yet"),
    );
    return;
  }
  const entries = list.actions.map((a) => historyEntry(a, list.shop, lang));
  // Room for the header (counted below) and the page line.
  const header = (shown: number) =>
    offset > 0
      ? ctx.t("history-header-older", {
        filter: by,
        from: String(offset + 1),
        to: String(offset + shown),
        total: String(list.total),
      })
      : ctx.t("history-header-latest", {
        filter: by,
        shown: String(shown),
        total: String(list.total),
      });
  const budget = LIST_BUDGET - visibleLength(header(list.actions.length)) - 2;
  // Entries are separated by a blank line: each after the first starts with "\n" (fitLines
  // adds the other), so the gap counts.
  const fitted = fitLines(entries.map((e, i) => (i ? `\n${e}` : e)), budget);
  const shown = fitted.lines.length;
  const keyboard = new InlineKeyboard();
  for (const a of list.actions.slice(0, shown)) {
    if (a.undoable) {
      keyboard.text(
        ctx.t("history-button-undo", { label: historyLabel(a.id, ctx.t) }) +
          (a.undo_needs_pin ? " 🔒" : ""),
        CALLBACKS.undoAsk.build(a.id),
      )
        .row();
    }
  }
  if (offset + shown < list.total) {
    keyboard.text(
      ctx.t("history-button-older"),
      customer
        ? CALLBACKS.historyCustomer.build(offset + shown, customer.id)
        : CALLBACKS.historyPage.build(offset + shown, who?.user_id ?? 0),
    );
  }
  // The whole shop's first page offers the selected customer's actions alone, and back.
  const selected = ctx.session.selected;
  if (!who && !customer && offset === 0 && selected) {
    keyboard.row().text(
      ctx.t("history-button-only", { customer: clip(selected.name, 40) }),
      CALLBACKS.historyCustomer.build(0, selected.id),
    );
  } else if (customer && offset === 0) {
    keyboard.row().text(ctx.t("history-button-all"), CALLBACKS.historyPage.build(0, 0));
  }
  await say(ctx, `${header(shown)}\n\n${fitted.lines.join("\n")}`, keyboard);
}

history.command(historyCommands.history.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const who = await historyMember(ctx, ctx.match); // "/history Clerk": owners filter by member
  if (who === undefined) return;
  await showHistory(ctx, 0, who ? { member: who } : {});
});

/** "⬅️ Older": the next page of the history (of one member when the page was filtered). */
history.callbackQuery(CALLBACKS.historyPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const member = await requireMember(ctx);
  if (!member) return;
  const memberId = Number(ctx.match[2]);
  if (memberId && member.role !== "owner") {
    await say(ctx, ctx.t("history-filter-owner-only"));
    return;
  }
  await showHistory(
    ctx,
    Number(ctx.match[1]),
    memberId
      ? {
        member: {
          user_id: memberId,
          display_name: ctx.t("history-member-fallback", { id: String(memberId) }),
        },
      }
      : {},
  );
});

/** "Only <customer>" and its "⬅️ Older": the actions about one customer (the ledger checks the shop). */
history.callbackQuery(CALLBACKS.historyCustomer.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const id = Number(ctx.match[2]);
  const selected = ctx.session.selected;
  let name = selected?.id === id ? selected.name : undefined;
  if (name === undefined) {
    const summary = await readOrExplain(
      ctx,
      () => ctx.services.ledger.customerSummary(ctx.from!.id, id, 0),
    );
    if (!summary) return;
    name = summary.customer.full_name;
  }
  await showHistory(ctx, Number(ctx.match[1]), { customer: { id, name } });
});

function confirmation(
  a: ActionEntry,
  shop: Money,
  ctx: PayContext,
): { text: string; keyboard: InlineKeyboard } {
  const pin = a.undo_needs_pin ? `\n${ctx.t("undo-pin-note")}` : "";
  return {
    text: ctx.t("undo-ask", { entry: historyEntry(a, shop, langOf(ctx)), pin }),
    keyboard: new InlineKeyboard().text(ctx.t("undo-button-yes"), CALLBACKS.undoYes.build(a.id))
      .text(ctx.t("undo-button-no"), CALLBACKS.undoNo.build()),
  };
}

/** Asks Yes/No for one action (or says why it can't be undone now). */
async function askUndo(ctx: PayContext, id: number): Promise<void> {
  const action = await findAction(ctx, id);
  if (action === undefined) return;
  if (!action) {
    // Too old to show here, or not this shop's: let the ledger decide on Yes.
    await say(
      ctx,
      ctx.t("undo-ask-id", { label: historyLabel(id, ctx.t) }),
      new InlineKeyboard().text(ctx.t("undo-button-yes"), CALLBACKS.undoYes.build(id))
        .text(ctx.t("undo-button-no"), CALLBACKS.undoNo.build()),
    );
    return;
  }
  if (!action.entry.undoable) {
    const othersAsClerk = ctx.session.member?.role === "clerk" &&
      action.entry.actor_id !== ctx.from!.id;
    await say(
      ctx,
      action.entry.undone_at
        ? ctx.t("undo-already")
        : othersAsClerk
        ? ctx.t("undo-not-yours")
        : ctx.t("undo-not-now"),
    );
    return;
  }
  const ask = confirmation(action.entry, action.shop, ctx);
  await say(ctx, ask.text, ask.keyboard);
}

history.command(historyCommands.undo.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const typed = ctx.match.trim();
  if (typed) {
    // "/undo H12" (or the old "#12", "12"): that history entry.
    const id = parseHistoryLabel(typed);
    if (id === null) {
      await say(ctx, ctx.t("undo-not-a-label", { text: escapeHtml(clip(typed, 40)) }));
      return;
    }
    await askUndo(ctx, id);
    return;
  }
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listActions(ctx.from!.id, { limit: 20 }),
  );
  if (!list) return;
  const last = list.actions.find((a) => a.undoable);
  if (!last) {
    await say(ctx, ctx.t("undo-nothing"));
    return;
  }
  const ask = confirmation(last, list.shop, ctx);
  await say(ctx, ask.text, ask.keyboard);
});

/** An Undo button in /history: ask Yes/No first. */
history.callbackQuery(CALLBACKS.undoAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await askUndo(ctx, Number(ctx.match[1]));
});

/**
 * An action among the latest 100 with the shop's money format; null when it is not among
 * them, undefined after a refusal was explained.
 */
async function findAction(
  ctx: PayContext,
  id: number,
): Promise<{ entry: ActionEntry; shop: Money } | null | undefined> {
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listActions(ctx.from!.id, { limit: 100 }),
  );
  if (!list) return undefined;
  const entry = list.actions.find((a) => a.id === id);
  return entry ? { entry, shop: list.shop } : null;
}

history.callbackQuery(CALLBACKS.undoNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("undo-kept") }));
  await cosmetic(() => ctx.editMessageText(ctx.t("undo-nothing-undone")));
});

function undoneText(r: UndoResult, ctx: PayContext): string {
  const lang = langOf(ctx);
  const c = r.customer;
  const label = historyLabel(r.undone.id, ctx.t);
  if (!c) return ctx.t("undo-done", { label });
  const customer = bold(c.full_name);
  const balance = bold(balanceText(c.balance, r.shop, lang));
  switch (r.undone.action) {
    case "customer_added":
      return ctx.t("undo-done-added", { customer });
    case "customer_archived":
      return ctx.t("undo-done-archived", { customer, balance });
    case "customer_restored":
      return ctx.t("undo-done-restored", { customer });
    case "customers_merged":
      return ctx.t("undo-done-merged", {
        duplicate: bold(String(r.undone.info.duplicate_name ?? "")),
        customer,
        balance,
      });
    default:
      return ctx.t("undo-done-for", { label, customer, balance });
  }
}

/**
 * Undoing one action as a flow, so the PIN gate can ask for the PIN first (params: the
 * action id, whether its undo needs the PIN, and what it undoes for the PIN question, in
 * the member's words).
 */
export const undoFlow = defineFlow({
  command: "undo",
  usage: "/undo",
  noun: (t) => t("undo-noun"),
  steps: [],
  split: () => ({}),
  pin: (params) => params.pin === true,
  action: (params) => String(params.what ?? `undo H${params.action_id}`),
  run: runUndo,
});

async function runUndo(ctx: PayContext, params: Params): Promise<void> {
  let askPin = false;
  await withLoader(ctx, ctx.t("undo-loader"), async () => {
    try {
      const result = await ctx.services.ledger.undoAction({
        ...changeBy(ctx),
        actionId: Number(params.action_id),
      });
      return { text: undoneText(result, ctx) };
    } catch (error) {
      // The ledger knows best (an old button, a PIN set since): ask for the PIN once.
      if (error instanceof LedgerError && error.code === "pin_required" && params.pin !== true) {
        askPin = true;
        return { text: ctx.t("undo-needs-pin") };
      }
      throw error;
    }
  });
  if (askPin) await advance(ctx, undoFlow, { ...params, pin: true });
}

/** Yes: undo exactly that action (after the PIN when it needs one; the ledger refuses a second undo). */
history.callbackQuery(CALLBACKS.undoYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const id = Number(ctx.match[1]);
  const found = await findAction(ctx, id);
  if (found === undefined) return;
  const params: Params = { action_id: id, pin: found?.entry.undo_needs_pin ?? false };
  const label = historyLabel(id, ctx.t);
  params.what = ctx.t("undo-action", {
    what: found
      ? `${label}: ${truncateHtml(actionSentence(found.entry, found.shop, langOf(ctx)), 300)}`
      : label,
  });
  await advance(ctx, undoFlow, params);
});
