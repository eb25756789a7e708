/**
 * The last feature: whatever no other feature handled gets a short, friendly explanation; an
 * unknown command is answered with the closest known one from the command registry.
 */
import { Composer } from "grammy";
import type { CommandRegistry } from "../commands.ts";
import { escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { flowNamed, questionOf, stepOf } from "../flows.ts";
import { hidePinLike } from "../pin_gate.ts";
import { cosmetic, say } from "../replies.ts";

/** The pending step's question again, if any. */
function pendingQuestion(ctx: PayContext): string {
  const pending = ctx.session.pending;
  if (!pending) return "";
  if (pending.choosingCustomer) {
    return "\nSend a name, phone or #tag to find the customer, or /cancel.";
  }
  const step = stepOf(flowNamed(pending.command), pending.step);
  return step ? `\n${questionOf(step, pending)}` : "";
}

/** The unhandled feature; `registry` answers "Did you mean /pay?". */
export function unhandledFeature(registry: CommandRegistry): Composer<PayContext> {
  const unhandled = new Composer<PayContext>();

  unhandled.on("edited_message", async (ctx) => {
    await say(
      ctx,
      "✏️ Editing a message doesn't change the ledger. Send a new message, or /undo the last action.",
    );
  });

  unhandled.on("message:text", async (ctx) => {
    const text = ctx.msg.text;
    const command = text.match(/^\/([^\s@]+)/)?.[1];
    if (command) {
      // A known command lands here only when it was not for this bot (/start@other_bot).
      const nearest = registry.find(command) ? undefined : registry.nearest(command);
      await say(
        ctx,
        `I don't know /${escapeHtml(command.slice(0, 32))}.${
          nearest ? ` Did you mean /${nearest.command}?` : ""
        } /help lists what I can do.${pendingQuestion(ctx)}`,
      );
      return;
    }
    // A PIN typed with nothing pending: deleted when the shop has a PIN, never quoted (pin_gate.ts).
    await hidePinLike(ctx, text);
    await say(
      ctx,
      "I'm not sure what to do with that. Try /search <i>name</i> to find a customer, or /help.",
    );
  });

  unhandled.on("message", async (ctx) => {
    await say(ctx, `Sorry, I only understand text here.${pendingQuestion(ctx)}`);
  });

  unhandled.on("callback_query", async (ctx) => {
    await cosmetic(() =>
      ctx.answerCallbackQuery({ text: "This button is no longer valid. Please start again." })
    );
  });
  return unhandled;
}
