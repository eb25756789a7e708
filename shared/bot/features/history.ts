/**
 * /history (latest actions with Undo buttons, page by page) and /undo (the last action,
 * after Yes/No). An undo that lowers what a customer owes (or repeats a PIN action) asks
 * for the shop PIN through the PIN gate first, naming what it undoes; the ledger checks
 * the same thing itself (undo_action refuses with pin_required).
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { ActionEntry, UndoResult } from "../../db/ledger.ts";
import { LedgerError } from "../../db/errors.ts";
import { balanceText, dateTime, type Money } from "../../text/format.ts";
import { actionSentence } from "../../text/history.ts";
import {
  clipHtml,
  fitLines,
  LIST_BUDGET,
  NOTE_IN_LIST,
  truncateHtml,
  visibleLength,
} from "../../text/fit.ts";
import { bold, escapeHtml } from "../../text/html.ts";
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
    menu: "Latest actions in the shop, with Undo",
    summary: "The latest actions in the shop: who did what, for whom, with Undo buttons.",
    examples: ["/history", "/history Sara"],
    details:
      "Owners can see one member's actions: /history with their name or Telegram id (see /members).",
  },
  undo: {
    area: "history",
    role: "member",
    menu: "Undo the last action",
    summary: "Undo the last action (asks Yes/No first).",
    examples: ["/undo"],
    details: "A clerk can undo only their own actions. Use /history to undo an older one.",
  },
});

/** How many actions one /history page asks the ledger for (fewer are shown when long). */
const HISTORY_SIZE = 10;

/** The most one entry may show (visible characters): long names and notes are cut. */
const ENTRY_MAX = 600;

/** One history entry: number, time, the sentence, its note (capped), and whether it was undone. */
export function historyEntry(a: ActionEntry, shop: Money): string {
  const undone = a.undone_at ? " <i>(undone)</i>" : "";
  const note = typeof a.info.description === "string" && a.info.description
    ? ` — <i>${clipHtml(a.info.description, NOTE_IN_LIST)}</i>`
    : "";
  const lock = a.undoable && a.undo_needs_pin ? " 🔒" : "";
  const entry = `#${a.id} · ${dateTime(a.created_at)}${lock}\n${
    actionSentence(a, shop)
  }${note}${undone}`;
  return visibleLength(entry) > ENTRY_MAX ? truncateHtml(entry, ENTRY_MAX) : entry;
}

/** Sends one page of the history from `offset`, filtered to one member when `member` is set. */
async function showHistory(
  ctx: PayContext,
  offset: number,
  who: { user_id: number; display_name: string } | null,
): Promise<void> {
  const by = who ? ` by ${escapeHtml(who.display_name)}` : "";
  const list = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.listActions(ctx.from!.id, {
        limit: HISTORY_SIZE,
        offset,
        member: who?.user_id,
      }),
  );
  if (!list) return;
  if (list.actions.length === 0) {
    await say(
      ctx,
      offset > 0
        ? "There is nothing older."
        : who
        ? `Nothing${by} yet.`
        : "Nothing has happened in the shop yet.",
    );
    return;
  }
  const entries = list.actions.map((a) => historyEntry(a, list.shop));
  // Room for the header (counted below) and the page line.
  const header = (shown: number) =>
    offset > 0
      ? `🕘 <b>Older actions</b>${by} (${offset + 1}–${offset + shown} of ${list.total})`
      : `🕘 <b>Latest actions</b>${by} (${shown} of ${list.total})`;
  const budget = LIST_BUDGET - visibleLength(header(list.actions.length)) - 2;
  // Entries are separated by a blank line: each after the first starts with "\n" (fitLines
  // adds the other), so the gap counts.
  const fitted = fitLines(entries.map((e, i) => (i ? `\n${e}` : e)), budget);
  const shown = fitted.lines.length;
  const keyboard = new InlineKeyboard();
  for (const a of list.actions.slice(0, shown)) {
    if (a.undoable) {
      keyboard.text(
        `↩️ Undo #${a.id}${a.undo_needs_pin ? " 🔒" : ""}`,
        CALLBACKS.undoAsk.build(a.id),
      )
        .row();
    }
  }
  if (offset + shown < list.total) {
    keyboard.text("⬅️ Older", CALLBACKS.historyPage.build(offset + shown, who?.user_id ?? 0));
  }
  await say(ctx, `${header(shown)}\n\n${fitted.lines.join("\n")}`, keyboard);
}

history.command(historyCommands.history.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const who = await historyMember(ctx, ctx.match); // "/history Clerk": owners filter by member
  if (who === undefined) return;
  await showHistory(ctx, 0, who);
});

/** "⬅️ Older": the next page of the history (of one member when the page was filtered). */
history.callbackQuery(CALLBACKS.historyPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const member = await requireMember(ctx);
  if (!member) return;
  const memberId = Number(ctx.match[2]);
  if (memberId && member.role !== "owner") {
    await say(
      ctx,
      "🔒 Filtering the history by member needs the owner role. /history shows everything.",
    );
    return;
  }
  await showHistory(
    ctx,
    Number(ctx.match[1]),
    memberId ? { user_id: memberId, display_name: `member ${memberId}` } : null,
  );
});

function confirmation(
  a: ActionEntry,
  shop: Money,
): { text: string; keyboard: InlineKeyboard } {
  const pin = a.undo_needs_pin
    ? "\n🔒 This lowers what the customer owes (or repeats a PIN action), so it needs the shop PIN."
    : "";
  return {
    text: `Undo this?\n${historyEntry(a, shop)}${pin}`,
    keyboard: new InlineKeyboard().text("✅ Yes, undo", CALLBACKS.undoYes.build(a.id))
      .text("✖️ No", CALLBACKS.undoNo.build()),
  };
}

history.command(historyCommands.undo.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listActions(ctx.from!.id, { limit: 20 }),
  );
  if (!list) return;
  const last = list.actions.find((a) => a.undoable);
  if (!last) {
    await say(ctx, "There is nothing left for you to undo.");
    return;
  }
  const ask = confirmation(last, list.shop);
  await say(ctx, ask.text, ask.keyboard);
});

/** An Undo button in /history: ask Yes/No first. */
history.callbackQuery(CALLBACKS.undoAsk.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const id = Number(ctx.match[1]);
  const action = await findAction(ctx, id);
  if (action === undefined) return;
  if (!action) {
    // Too old to show here, or not this shop's: let the ledger decide on Yes.
    await say(
      ctx,
      `Undo action #${id}?`,
      new InlineKeyboard().text("✅ Yes, undo", CALLBACKS.undoYes.build(id))
        .text("✖️ No", CALLBACKS.undoNo.build()),
    );
    return;
  }
  if (!action.entry.undoable) {
    const othersAsClerk = ctx.session.member?.role === "clerk" &&
      action.entry.actor_id !== ctx.from!.id;
    await say(
      ctx,
      action.entry.undone_at
        ? "That was already undone."
        : othersAsClerk
        ? "🔒 Undoing someone else's action needs the owner role: a clerk can undo only their own."
        : "You can't undo that one now (an owner may; or a later change must be undone first).",
    );
    return;
  }
  const ask = confirmation(action.entry, action.shop);
  await say(ctx, ask.text, ask.keyboard);
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
  await cosmetic(() => ctx.answerCallbackQuery({ text: "Kept as it is." }));
  await cosmetic(() => ctx.editMessageText("Nothing was undone."));
});

function undoneText(r: UndoResult): string {
  const c = r.customer;
  if (!c) return `↩️ Undid #${r.undone.id}.`;
  if (r.undone.action === "customer_added") {
    return `↩️ Removed ${bold(c.full_name)} again (archived).`;
  }
  if (r.undone.action === "customer_archived") {
    return `↩️ ${bold(c.full_name)} is back in lists and search. Balance: ${
      bold(balanceText(c.balance, r.shop))
    }`;
  }
  if (r.undone.action === "customers_merged") {
    return `↩️ Split ${bold(String(r.undone.info.duplicate_name ?? ""))} from ${
      bold(c.full_name)
    } again. ${bold(c.full_name)}: ${bold(balanceText(c.balance, r.shop))}`;
  }
  return `↩️ Undid #${r.undone.id} for ${bold(c.full_name)}. Balance now: ${
    bold(balanceText(c.balance, r.shop))
  }`;
}

/**
 * Undoing one action as a flow, so the PIN gate can ask for the PIN first (params: the
 * action id, whether its undo needs the PIN, and what it undoes for the PIN question).
 */
export const undoFlow = defineFlow({
  command: "undo",
  usage: "/undo",
  noun: "undo",
  steps: [],
  split: () => ({}),
  pin: (params) => params.pin === true,
  action: (params) => `undo ${String(params.what ?? `#${params.action_id}`)}`,
  run: runUndo,
});

async function runUndo(ctx: PayContext, params: Params): Promise<void> {
  let askPin = false;
  await withLoader(ctx, "Undoing…", async () => {
    try {
      const result = await ctx.services.ledger.undoAction({
        ...changeBy(ctx),
        actionId: Number(params.action_id),
      });
      return { text: undoneText(result) };
    } catch (error) {
      // The ledger knows best (an old button, a PIN set since): ask for the PIN once.
      if (error instanceof LedgerError && error.code === "pin_required" && params.pin !== true) {
        askPin = true;
        return { text: "🔒 Undoing this needs the shop PIN." };
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
  if (found) {
    params.what = `#${id}: ${truncateHtml(actionSentence(found.entry, found.shop), 300)}`;
  }
  await advance(ctx, undoFlow, params);
});
