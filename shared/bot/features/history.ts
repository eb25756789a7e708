/** /history (latest actions with Undo buttons) and /undo (the last action, after Yes/No). */
import { Composer, InlineKeyboard } from "grammy";
import type { ActionEntry, UndoResult } from "../../db/ledger.ts";
import { actionSentence, balanceText, dateTime, type Money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { historyMember } from "./team.ts";

export const history = new Composer<PayContext>();

const HISTORY_SIZE = 10;

history.command("history", async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const who = await historyMember(ctx, ctx.match); // "/history Clerk": owners filter by member
  if (who === undefined) return;
  const by = who ? ` by ${escapeHtml(who.display_name)}` : "";
  const list = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.listActions(ctx.from!.id, { limit: HISTORY_SIZE, member: who?.user_id }),
  );
  if (!list) return;
  if (list.actions.length === 0) {
    await say(ctx, who ? `Nothing${by} yet.` : "Nothing has happened in the shop yet.");
    return;
  }
  const keyboard = new InlineKeyboard();
  const lines = list.actions.map((a) => {
    if (a.undoable) keyboard.text(`↩️ Undo #${a.id}`, `undoask:${a.id}`).row();
    const undone = a.undone_at ? " <i>(undone)</i>" : "";
    return `#${a.id} · ${dateTime(a.created_at)}\n${actionSentence(a, list.shop)}${undone}`;
  });
  await say(
    ctx,
    [`🕘 <b>Latest actions</b>${by} (${list.actions.length} of ${list.total})`, ...lines].join(
      "\n\n",
    ),
    keyboard,
  );
});

function confirmation(
  a: ActionEntry,
  shop: Money,
): { text: string; keyboard: InlineKeyboard } {
  return {
    text: `Undo this?\n#${a.id} · ${dateTime(a.created_at)}\n${actionSentence(a, shop)}`,
    keyboard: new InlineKeyboard().text("✅ Yes, undo", `undo:${a.id}`).text("✖️ No", "undo:no"),
  };
}

history.command("undo", async (ctx) => {
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
history.callbackQuery(/^undoask:(\d{1,15})$/, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const id = Number(ctx.match[1]);
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listActions(ctx.from!.id, { limit: 100 }),
  );
  if (!list) return;
  const action = list.actions.find((a) => a.id === id);
  if (!action) {
    // Too old to show here, or not this shop's: let the ledger decide on Yes.
    await say(
      ctx,
      `Undo action #${id}?`,
      new InlineKeyboard().text("✅ Yes, undo", `undo:${id}`).text("✖️ No", "undo:no"),
    );
    return;
  }
  if (!action.undoable) {
    const othersAsClerk = ctx.session.member?.role === "clerk" && action.actor_id !== ctx.from!.id;
    await say(
      ctx,
      action.undone_at
        ? "That was already undone."
        : othersAsClerk
        ? "🔒 Undoing someone else's action needs the owner role: a clerk can undo only their own."
        : "You can't undo that one.",
    );
    return;
  }
  const ask = confirmation(action, list.shop);
  await say(ctx, ask.text, ask.keyboard);
});

history.callbackQuery("undo:no", async (ctx) => {
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

/** Yes: undo exactly that action (the ledger refuses a second undo). */
history.callbackQuery(/^undo:(\d{1,15})$/, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await withLoader(ctx, "Undoing…", async () => {
    const result = await ctx.services.ledger.undoAction({
      actor: ctx.from!.id,
      updateId: ctx.update.update_id,
      actionId: Number(ctx.match[1]),
    });
    return { text: undoneText(result) };
  });
});
