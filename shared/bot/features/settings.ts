/** /settings: the shop's settings, with an owner's toggle for archiving settled customers. */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { ShopSettings } from "../../db/ledger/settings.ts";
import { dateTime } from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";

function settingsView(s: ShopSettings): { text: string; keyboard: InlineKeyboard } {
  const owner = s.member.role === "owner";
  const lines = [
    `⚙️ <b>Settings of ${bold(s.shop.name)}</b>`,
    "",
    `🗄 Archive customers when their balance reaches zero: ${
      bold(s.archive_when_settled ? "on" : "off")
    }`,
    "<i>When on, a payment that settles a customer archives them (it says so; /undo brings them back).</i>",
    "",
    `🔐 Shop PIN: ${
      s.pin_set ? `set${s.pin_set_at ? ` (${dateTime(s.pin_set_at)})` : ""}` : "not set"
    }${owner ? ` — /setpin to ${s.pin_set ? "change" : "set"} it` : ""}`,
  ];
  if (s.pin_reset_due_at) {
    lines.push(
      `⏳ A PIN reset is pending: the PIN will be removed on ${
        dateTime(s.pin_reset_due_at)
      } (UTC).${owner ? " /resetpin cancel stops it." : ""}`,
    );
  }
  if (!owner) lines.push("", "<i>Only the shop owner can change settings.</i>");
  const keyboard = new InlineKeyboard();
  if (owner) {
    keyboard.text(
      s.archive_when_settled ? "🗄 Turn auto-archive off" : "🗄 Turn auto-archive on",
      CALLBACKS.archiveWhenSettled.build(s.archive_when_settled ? 0 : 1),
    );
  }
  return { text: lines.join("\n"), keyboard };
}

export const settings = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const settingsCommands = defineCommands({
  settings: {
    area: "settings",
    role: "member",
    menu: "Shop settings; /setpin sets the shop PIN",
    summary: "The shop's settings, e.g. archive customers when their balance reaches zero.",
    examples: ["/settings"],
    details: "The owner switches a setting with its button; /undo switches it back.",
  },
});

settings.command(settingsCommands.settings.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const s = await readOrExplain(ctx, () => ctx.services.ledger.settings.get(ctx.from!.id));
  if (!s) return;
  const view = settingsView(s);
  await say(ctx, view.text, view.keyboard);
});

/** The toggle: saves the setting (logged, undoable), then refreshes the settings message. */
settings.callbackQuery(CALLBACKS.archiveWhenSettled.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const enabled = ctx.match[1] === "1";
  await withLoader(ctx, "Saving the setting…", async () => {
    const r = await ctx.services.ledger.settings.setArchiveWhenSettled({
      ...changeBy(ctx),
      enabled,
    });
    const fresh = await ctx.services.ledger.settings.get(ctx.from!.id);
    const view = settingsView(fresh);
    await cosmetic(() =>
      ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard })
    );
    return {
      text: `✅ Archiving settled customers is now ${bold(r.archive_when_settled ? "on" : "off")}.${
        r.changed ? "\n<i>/undo switches it back.</i>" : ""
      }`,
    };
  });
});
