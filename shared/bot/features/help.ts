/**
 * /help (the guide grouped by area, or one command; inside a pending step it explains that
 * step), /cancel and /skip. The guide comes from the command registry, which create_bot.ts
 * hands to {@link helpFeature}: this module imports no other feature.
 */
import { Composer } from "grammy";
import { type CommandRegistry, defineCommands } from "../commands.ts";
import { escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { endFlow, flowNamed, questionOf, skipStep, stepOf } from "../flows.ts";
import { say } from "../replies.ts";
import { localeOf } from "../lang.ts";

/** The commands this feature owns (the registry: /help, the menu, README). */
export const helpCommands = defineCommands({
  help: {
    area: "help",
    role: "anyone",
    menu: true,
  },
  cancel: {
    area: "help",
    role: "anyone",
    menu: true,
  },
  skip: {
    area: "help",
    role: "anyone",
  },
});

/** The help feature, reading every command from `registry`. */
export function helpFeature(registry: CommandRegistry): Composer<PayContext> {
  const help = new Composer<PayContext>();
  help.command(helpCommands.help.names, async (ctx) => {
    const topic = ctx.match.trim();
    const locale = localeOf(ctx);
    if (topic) {
      const nearest = registry.nearest(topic.split(/\s/)[0]);
      await say(
        ctx,
        registry.help(topic, ctx.t, locale) ??
          ctx.t("help-unknown", {
            topic: escapeHtml(topic),
            nearest: nearest ? ctx.t("help-did-you-mean", { command: nearest.command }) : "",
          }),
      );
      return;
    }
    const pending = ctx.session.pending;
    if (pending) {
      const flow = flowNamed(pending.command);
      const step = stepOf(flow, pending.step);
      const now = pending.choosingCustomer
        ? ctx.t("help-waiting-customer")
        : step
        ? ctx.t("help-waiting-step", {
          command: pending.command,
          question: questionOf(step, pending, ctx.t),
        })
        : "";
      await say(
        ctx,
        `${now}\n\n${ctx.t("help-leave-step")} ${
          registry.help(pending.command, ctx.t, locale) ?? ""
        }`.trim(),
      );
      return;
    }
    for (const page of registry.guide(ctx.t)) await say(ctx, page);
  });

  help.command(helpCommands.cancel.names, async (ctx) => {
    if (!ctx.session.pending) {
      await say(ctx, ctx.t("cancel-nothing"));
      return;
    }
    endFlow(ctx);
    await say(ctx, ctx.t("cancel-done"));
  });

  help.command(helpCommands.skip.names, (ctx) => skipStep(ctx));
  return help;
}
