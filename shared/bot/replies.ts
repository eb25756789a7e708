/**
 * Replying safely: the "⏳" loader that becomes the result once the database has
 * committed, HTML replies, and cosmetic calls that may fail without breaking anything.
 *
 * Every ledger refusal the bot answers goes through {@link explainRefusal}: withLoader,
 * readOrExplain, the PIN gate, membership and the bot's error boundary (create_bot.ts)
 * all call it, so a refusal code always reads the same and always drops the same stale
 * session state.
 */
import type { InlineKeyboard } from "grammy";
import { LedgerError, type LedgerErrorCode, LedgerUnavailable } from "../db/errors.ts";
import type { PayContext, SessionData } from "./context.ts";
import { friendlyError, strangerNotice } from "./friendly_errors.ts";
import { truncateHtml } from "../text/fit.ts";
import { type Translate, translator } from "../i18n/i18n.ts";

const english = translator("en");

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

/**
 * Shows a page: in place of the message whose button was pressed (`edit`), else (or when that
 * edit fails, e.g. the message is too old) as a new message.
 */
export async function showPage(
  ctx: PayContext,
  text: string,
  keyboard: InlineKeyboard | undefined,
  edit: boolean,
): Promise<void> {
  if (edit) {
    try {
      await ctx.editMessageText(truncateHtml(text), {
        parse_mode: "HTML",
        reply_markup: keyboard,
        link_preview_options: { is_disabled: true },
      });
      return;
    } catch { /* send it as a new message */ }
  }
  await say(ctx, text, keyboard);
}

/** Runs a Telegram call whose failure must not break the command (chat action, cleanup). */
export async function cosmetic(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch { /* cosmetic only */ }
}

/**
 * Refusals that say the cached membership is wrong: the member is gone, or their role is
 * not what the session thinks. The next update reloads it from the ledger.
 */
const MEMBERSHIP_REFUSALS: ReadonlySet<LedgerErrorCode> = new Set(["not_a_member", "owner_only"]);

/** Refusals that say the customer acted on is no longer there to act on. */
const CUSTOMER_REFUSALS: ReadonlySet<LedgerErrorCode> = new Set([
  "customer_not_found",
  "customer_archived",
]);

/** What a refusal was about, when the caller knows (a button or a bound command names its customer). */
export interface RefusalAbout {
  /** The customer the refused call acted on. */
  customerId?: number;
}

/** The session, or undefined for an update that has none (no sender, not a private chat). */
function sessionOf(ctx: PayContext): SessionData | undefined {
  let session: unknown;
  try {
    session = ctx.session;
  } catch {
    return undefined; // grammY throws when the session key is undefined
  }
  return typeof session === "object" && session !== null ? session as SessionData : undefined;
}

/** The member's translator (English before the i18n middleware ran). */
function translate(ctx: PayContext): Translate {
  return typeof ctx.t === "function" ? ctx.t : english;
}

/**
 * Drops what a refusal proves stale in the session, without replying:
 * - `not_a_member` or a role refusal (`owner_only`): the cached membership, so the next
 *   update reloads it from the ledger;
 * - `customer_not_found` or `customer_archived`: the selection, when it is the customer
 *   the call acted on (`about.customerId`; without it, a command acts on the selected
 *   customer, while a button names its own, so a button's refusal keeps the selection).
 */
export function forgetStale(ctx: PayContext, error: LedgerError, about: RefusalAbout = {}): void {
  const session = sessionOf(ctx);
  if (!session) return;
  if (MEMBERSHIP_REFUSALS.has(error.code) && session.member) session.member = undefined;
  if (CUSTOMER_REFUSALS.has(error.code) && session.selected) {
    const stale = about.customerId ?? (ctx.callbackQuery ? undefined : session.selected.id);
    if (stale === session.selected.id) session.selected = undefined;
  }
}

/**
 * The one place a ledger refusal becomes what the member reads: drops the stale session
 * state ({@link forgetStale}) and returns the text to show, the private-bot notice for a
 * non-member (with their id), else "⚠️ " and the code's friendly sentence.
 */
export function explainRefusal(
  ctx: PayContext,
  error: LedgerError,
  about: RefusalAbout = {},
): string {
  forgetStale(ctx, error, about);
  const t = translate(ctx);
  if (error.code === "not_a_member" && ctx.from) return strangerNotice(ctx.from.id, t);
  return `⚠️ ${friendlyError(error.code, t)}`;
}

/**
 * Shows `waiting` at once, runs `work` (the database change), then edits the loader into
 * the result. A ledger refusal becomes {@link explainRefusal}'s text; a database outage edits the
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
      result = { text: explainRefusal(ctx, error) };
    } else {
      if (loaderId !== undefined && error instanceof LedgerUnavailable) {
        const id = loaderId;
        await cosmetic(() =>
          ctx.api.editMessageText(
            ctx.chat!.id,
            id,
            translate(ctx)("reply-ledger-unreachable"),
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
 * Runs a read-only ledger call; a refusal is answered with {@link explainRefusal}'s text
 * and resolves to undefined, an outage propagates.
 */
export async function readOrExplain<T>(
  ctx: PayContext,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    await say(ctx, explainRefusal(ctx, error));
    return undefined;
  }
}
