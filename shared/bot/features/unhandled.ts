/**
 * The last feature: whatever no other feature handled gets a short, friendly explanation; an
 * unknown command is answered with the closest known one from the command registry, and a
 * bare name sent with nothing pending is offered as a search ("🔎 Search Sara").
 */
import { Composer, InlineKeyboard } from "grammy";
import { CALLBACKS } from "../callbacks.ts";
import type { CommandRegistry } from "../commands.ts";
import { escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { flowNamed, questionOf, stepOf } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { hidePinLike } from "../pin_gate.ts";
import { cosmetic, say } from "../replies.ts";
import { findAndPick } from "../selection.ts";

/** The pending step's question again, if any. */
function pendingQuestion(ctx: PayContext): string {
  const pending = ctx.session.pending;
  if (!pending) return "";
  if (pending.choosingCustomer) return `\n${ctx.t("unhandled-find-customer")}`;
  const step = stepOf(flowNamed(pending.command), pending.step);
  return step ? `\n${questionOf(step, pending, ctx.t)}` : "";
}

/** A message that reads like a customer's name: letters (one to four words), no digits or signs. */
const NAME_LIKE = /^\p{L}[\p{L}\p{M}'.-]*(?: \p{L}[\p{L}\p{M}'.-]*){0,3}$/u;

/**
 * The search a bare name is offered: the whole name, or (when that is over the 64 bytes of
 * callback data, as a long Arabic name is) its first words that fit — search still finds them.
 */
function searchOffer(name: string): { data: string; query: string } | null {
  const words = name.split(" ");
  for (let n = words.length; n > 0; n--) {
    const query = words.slice(0, n).join(" ");
    const data = CALLBACKS.searchQuery.tryBuild(query);
    if (data) return { data, query };
  }
  return null;
}

/** The unhandled feature; `registry` answers "Did you mean /pay?". */
export function unhandledFeature(registry: CommandRegistry): Composer<PayContext> {
  const unhandled = new Composer<PayContext>();

  unhandled.on("edited_message", async (ctx) => {
    await say(ctx, ctx.t("unhandled-edited"));
  });

  unhandled.on("message:text", async (ctx) => {
    const text = ctx.msg.text;
    const command = text.match(/^\/([^\s@]+)/)?.[1];
    if (command) {
      // A known command lands here only when it was not for this bot (/start@other_bot).
      const nearest = registry.find(command) ? undefined : registry.nearest(command);
      const named = { command: `/${escapeHtml(command.slice(0, 32))}` };
      await say(
        ctx,
        `${
          nearest
            ? ctx.t("unhandled-unknown-command-near", { ...named, nearest: `/${nearest.command}` })
            : ctx.t("unhandled-unknown-command", named)
        }${pendingQuestion(ctx)}`,
      );
      return;
    }
    // A PIN typed with nothing pending: deleted when the shop has a PIN, never quoted (pin_gate.ts).
    if (await hidePinLike(ctx, text)) {
      await say(ctx, ctx.t("unhandled-not-sure"));
      return;
    }
    // A bare name with nothing pending: offer to search for it (a button, so nothing runs unasked).
    const name = text.trim().replace(/\s+/g, " ");
    const offer = !ctx.session.pending && NAME_LIKE.test(name) ? searchOffer(name) : null;
    if (offer) {
      const { data, query } = offer;
      // Only a member is offered a search (a stranger gets the private-bot notice).
      if (!(await requireMember(ctx))) return;
      const quoted = escapeHtml(name);
      await say(
        ctx,
        ctx.t("unhandled-offer-search", { name: `<b>${quoted}</b>` }),
        new InlineKeyboard().text(ctx.t("unhandled-search-button", { name: query }), data),
      );
      return;
    }
    await say(ctx, ctx.t("unhandled-not-sure"));
  });

  unhandled.on("message", async (ctx) => {
    await say(ctx, `${ctx.t("unhandled-text-only")}${pendingQuestion(ctx)}`);
  });

  // "🔎 Search Sara": the search the bare name was offered for.
  unhandled.callbackQuery(CALLBACKS.searchQuery.pattern, async (ctx) => {
    await cosmetic(() => ctx.answerCallbackQuery());
    await findAndPick(ctx, ctx.match[1]);
  });

  unhandled.on("callback_query", async (ctx) => {
    await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("unhandled-stale-button") }));
  });
  return unhandled;
}
