/**
 * Replying safely: the "⏳" loader that becomes the result once the database has
 * committed, HTML replies, and cosmetic calls that may fail without breaking anything.
 */
import type { InlineKeyboard } from "grammy";
import { LedgerError, LedgerUnavailable } from "../db/errors.ts";
import type { PayContext } from "./context.ts";
import { friendlyError } from "./friendly_errors.ts";
import { truncateHtml } from "../text/fit.ts";

/** A message to send: HTML text and optional buttons. */
export interface Reply {
  text: string;
  keyboard?: InlineKeyboard;
}

/**
 * Sends an HTML reply (no link previews). A text over Telegram's 4,096 visible characters
 * is cut (HTML kept valid) as a last line of defence: lists fit themselves (text/fit.ts).
 */
export async function say(ctx: PayContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await ctx.reply(truncateHtml(text), {
    parse_mode: "HTML",
    reply_markup: keyboard,
    link_preview_options: { is_disabled: true },
  });
}

/** Runs a Telegram call whose failure must not break the command (chat action, cleanup). */
export async function cosmetic(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch { /* cosmetic only */ }
}

/**
 * Shows `waiting` at once, runs `work` (the database change), then edits the loader into
 * the result. A ledger refusal becomes a friendly message; a database outage edits the
 * loader into a notice and rethrows so the webhook answers non-2xx and Telegram retries.
 * Like {@link say}, it never sends a text over Telegram's limit.
 */
export async function withLoader(
  ctx: PayContext,
  waiting: string,
  work: () => Promise<Reply>,
): Promise<void> {
  let loaderId: number | undefined;
  try {
    loaderId = (await ctx.reply(`⏳ ${waiting}`)).message_id;
  } catch { /* the loader is cosmetic; the result is sent as a new message */ }
  let result: Reply;
  try {
    result = await work();
  } catch (error) {
    if (error instanceof LedgerError) {
      if (error.code === "not_a_member") ctx.session.member = undefined;
      result = { text: `⚠️ ${friendlyError(error.code)}` };
    } else {
      if (loaderId !== undefined && error instanceof LedgerUnavailable) {
        const id = loaderId;
        await cosmetic(() =>
          ctx.api.editMessageText(
            ctx.chat!.id,
            id,
            "⚠️ The ledger is not reachable right now; trying again shortly.",
          )
        );
      }
      throw error;
    }
  }
  if (loaderId !== undefined) {
    try {
      await ctx.api.editMessageText(ctx.chat!.id, loaderId, truncateHtml(result.text), {
        parse_mode: "HTML",
        reply_markup: result.keyboard,
        link_preview_options: { is_disabled: true },
      });
      return;
    } catch { /* fall through: send the result as a new message */ }
  }
  await say(ctx, result.text, result.keyboard);
}

/**
 * Runs a read-only ledger call; a refusal is answered with a friendly message and
 * resolves to undefined, an outage propagates.
 */
export async function readOrExplain<T>(
  ctx: PayContext,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    if (error.code === "not_a_member") ctx.session.member = undefined;
    await say(ctx, `⚠️ ${friendlyError(error.code)}`);
    return undefined;
  }
}
