/** /help (grouped guide, or one command; inside a pending step it explains that step), /cancel and /skip. */
import { Composer } from "grammy";
import { escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { flowNamed, questionOf, skipStep, stepOf } from "../flows.ts";
import { commandHelp, guide } from "../help_text.ts";
import { say } from "../replies.ts";

export const help = new Composer<PayContext>();

help.command("help", async (ctx) => {
  const topic = ctx.match.trim();
  if (topic) {
    await say(
      ctx,
      commandHelp(topic) ?? `I don't know /${escapeHtml(topic)}. /help lists every command.`,
    );
    return;
  }
  const pending = ctx.session.pending;
  if (pending) {
    const flow = flowNamed(pending.command);
    const step = stepOf(flow, pending.step);
    const now = pending.choosingCustomer
      ? "I'm waiting for you to pick a customer: send a name, phone or #tag and tap the right one."
      : step
      ? `I'm waiting for an answer for /${pending.command}.\n${questionOf(step, pending)}`
      : "";
    await say(
      ctx,
      `${now}\n\n/cancel leaves this step. ${commandHelp(pending.command) ?? ""}`.trim(),
    );
    return;
  }
  await say(ctx, guide());
});

help.command("cancel", async (ctx) => {
  if (!ctx.session.pending) {
    await say(ctx, "Nothing to cancel. /help shows what I can do.");
    return;
  }
  ctx.session.pending = undefined;
  await say(ctx, "Cancelled. Nothing was changed.");
});

help.command("skip", (ctx) => skipStep(ctx));
