/**
 * /help (the guide grouped by area, or one command; inside a pending step it explains that
 * step), /cancel and /skip. The guide comes from the command registry, which create_bot.ts
 * hands to {@link helpFeature}: this module imports no other feature.
 */
import { Composer } from "grammy";
import { type CommandRegistry, defineCommands } from "../commands.ts";
import { escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { flowNamed, questionOf, skipStep, stepOf } from "../flows.ts";
import { say } from "../replies.ts";

/** The commands this feature owns (the registry: /help, the menu, README). */
export const helpCommands = defineCommands({
  help: {
    area: "help",
    role: "anyone",
    menu: "How to use PayTrack",
    summary: "This guide, or one command in detail.",
    examples: ["/help", "/help pay"],
    details: "Inside a pending step, /help explains that step.",
  },
  cancel: {
    area: "help",
    role: "anyone",
    menu: "Leave the current step",
    summary: "Leave the current step.",
    examples: ["/cancel"],
  },
  skip: {
    area: "help",
    role: "anyone",
    summary: "Leave out an optional answer (a phone, a vendor, a category).",
    examples: ["/skip"],
  },
});

/** The help feature, reading every command from `registry`. */
export function helpFeature(registry: CommandRegistry): Composer<PayContext> {
  const help = new Composer<PayContext>();
  help.command(helpCommands.help.names, async (ctx) => {
    const topic = ctx.match.trim();
    if (topic) {
      const nearest = registry.nearest(topic.split(/\s/)[0]);
      await say(
        ctx,
        registry.help(topic) ??
          `I don't know /${escapeHtml(topic)}.${
            nearest ? ` Did you mean /${nearest.command}?` : ""
          } /help lists every command.`,
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
        `${now}\n\n/cancel leaves this step. ${registry.help(pending.command) ?? ""}`.trim(),
      );
      return;
    }
    await say(ctx, registry.guide());
  });

  help.command(helpCommands.cancel.names, async (ctx) => {
    if (!ctx.session.pending) {
      await say(ctx, "Nothing to cancel. /help shows what I can do.");
      return;
    }
    ctx.session.pending = undefined;
    await say(ctx, "Cancelled. Nothing was changed.");
  });

  help.command(helpCommands.skip.names, (ctx) => skipStep(ctx));
  return help;
}
