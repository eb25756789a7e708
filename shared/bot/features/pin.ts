/**
 * /setpin (owner): sets the shop PIN, or changes it after the current one. The new PIN is
 * asked twice and set only when both entries agree. The PIN goes only to the ledger
 * (stored there as a bcrypt hash); the messages carrying it are deleted; the session
 * keeps only a salted slow hash of the first entry until the second arrives
 * (pin_gate.ts, concealPin). /pay, /rename, /merge and deleting a customer who owes then
 * ask for it (pin_gate.ts).
 *
 * /resetpin (owner) clears a forgotten PIN without SQL, in a way someone holding an
 * owner's unlocked phone for a minute cannot abuse: it only schedules the removal 24
 * hours later, every owner is told at once (with a button to cancel it), any owner can
 * cancel it (`/resetpin cancel`), and until then the current PIN is still needed. The
 * ledger applies a due reset lazily, at the next PIN check, and logs it.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LedgerError } from "../../db/errors.ts";
import { PIN_DIGITS } from "../../domain/limits.ts";
import { dateTime } from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { beginFlow, defineFlow, type Flow, questionOf } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { concealPin, matchesConcealed, parsePin, pinGate } from "../pin_gate.ts";
import { cosmetic, explainRefusal, say, withLoader } from "../replies.ts";

/** /setpin's steps: the new PIN, then the same again; set only when both agree. */
export const setPinFlow: Flow = defineFlow({
  command: "setpin",
  usage: "/setpin 2468 2468",
  noun: "new PIN",
  steps: [
    {
      key: "pin",
      question: `🔐 Send the new shop PIN: ${PIN_DIGITS}. I'll delete your message.`,
      secret: true,
      numeric: true,
      parse: parsePin,
      // Kept until the second entry only as a salted PBKDF2 hash, never in plain text.
      conceal: concealPin,
    },
    {
      key: "confirm",
      question: "🔐 Send the same PIN again, to be sure. I'll delete this one too.",
      secret: true,
      numeric: true,
      parse: parsePin,
    },
  ],
  split: (args) => {
    const [pin = "", confirm = ""] = args.split(/[\s|]+/).filter(Boolean);
    return { pin, confirm };
  },
  async run(ctx, params) {
    const pin = String(params.confirm);
    if (!(await matchesConcealed(pin, String(params.pin)))) {
      // Ask again from the first entry.
      const first = setPinFlow.steps[0];
      ctx.session.pending = { command: setPinFlow.command, step: first.key, params: {} };
      await say(ctx, `❌ The two PINs differ; nothing changed.\n${questionOf(first)}`);
      return;
    }
    await withLoader(ctx, "Saving the PIN…", async () => {
      const r = await ctx.services.ledger.pin.set({
        ...changeBy(ctx),
        pin,
      });
      return {
        text: `🔐 The shop PIN is ${r.replaced ? "changed" : "set"}.\n` +
          "/pay, /rename, /merge and deleting a customer who owes now ask for it; a right PIN " +
          "stays valid for 5 minutes, and 5 wrong tries lock PIN actions for 15 minutes.\n" +
          "<i>Only a hash of it is stored. Share it only with staff who take payments. " +
          "Forgot it? /resetpin.</i>",
      };
    });
  },
});

/** /setpin, /resetpin and the reset's Cancel button. */
export const pin = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const pinCommands = defineCommands({
  setpin: {
    area: "pin",
    role: "owner",
    summary: "Owner: set or change the shop PIN (4 to 8 digits).",
    examples: ["/setpin"],
    details: "With a PIN, /pay, /rename, /merge and deleting a customer who owes ask for it. The " +
      "bot deletes the message with the PIN; only a hash is stored. A right PIN stays valid for 5 " +
      "minutes; 5 wrong tries lock PIN actions for that person for 15 minutes. The new PIN is " +
      "asked twice (or /setpin 2468 2468). Changing the PIN asks for the current one first. " +
      "Forgot it? /resetpin.",
  },
  resetpin: {
    area: "pin",
    role: "owner",
    menu: "Forgot the PIN? Remove it in 24 hours (owners)",
    summary: "Owner: forgot the PIN? Remove it 24 hours from now (or /resetpin cancel).",
    examples: ["/resetpin", "/resetpin cancel"],
    details: "Every owner is told at once and can cancel it (a button, or /resetpin cancel). " +
      "Until the 24 hours pass the current PIN is still needed; then the shop has no PIN and " +
      "/setpin sets a new one without the old. Requests, cancellations and the reset are in /history.",
  },
});

pin.command(pinCommands.setpin.names, async (ctx) => {
  // A PIN typed after the command must not stay in the chat, whatever happens next.
  if (ctx.match.trim()) await cosmetic(() => ctx.deleteMessage());
  const member = await requireMember(ctx);
  if (!member) return;
  if (member.role !== "owner") {
    await say(ctx, "🔒 Only the shop owner can set the PIN.");
    return;
  }
  // Changing the PIN needs the current one: ask it first, then the new one (set_pin checks
  // the grant too). The gate passes at once while the shop has no PIN.
  if (!(await pinGate(ctx, setPinFlow, {}))) return;
  await beginFlow(ctx, setPinFlow);
});

// ----------------------------------------------------------------------------
// /resetpin
// ----------------------------------------------------------------------------

const cancelButton = () =>
  new InlineKeyboard().text("❌ Cancel the PIN reset", CALLBACKS.pinResetCancel.build());

/** Sends `text` to each owner but `except`; resolves how many could not be reached. */
async function tellOwners(
  ctx: PayContext,
  owners: number[],
  except: number,
  text: string,
  keyboard?: InlineKeyboard,
): Promise<number> {
  let unreachable = 0;
  for (const owner of owners) {
    if (owner === except) continue;
    try {
      // An owner who never started the bot (or blocked it) can't be messaged: skip them.
      await ctx.api.sendMessage(owner, text, { parse_mode: "HTML", reply_markup: keyboard });
    } catch {
      unreachable++;
    }
  }
  return unreachable;
}

async function requestReset(ctx: PayContext): Promise<void> {
  let r;
  try {
    r = await ctx.services.ledger.pin.requestReset({
      ...changeBy(ctx),
    });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    await say(
      ctx,
      error.code === "pin_not_set"
        ? "This shop has no PIN to reset. Set one with /setpin."
        : explainRefusal(ctx, error),
    );
    return;
  }
  const due = dateTime(r.due_at);
  if (r.already) {
    await say(
      ctx,
      `⏳ A PIN reset is already pending (asked by ${bold(r.requested_by_name ?? "an owner")}): ` +
        `the PIN will be removed on ${due} (UTC). /resetpin cancel stops it.`,
      cancelButton(),
    );
    return;
  }
  const unreachable = await tellOwners(
    ctx,
    r.owners,
    ctx.from!.id,
    `⚠️ ${bold(r.requested_by_name ?? "An owner")} asked to remove the shop PIN of ${
      bold(r.shop.name)
    }. It will be removed on ${due} (UTC), 24 hours after the request; until then the ` +
      "current PIN is still needed.\nIf this wasn't agreed, cancel it now.",
    cancelButton(),
  );
  const others = r.owners.filter((o) => o !== ctx.from!.id).length;
  const told = others === 0
    ? "You are the only owner."
    : `I told the other owner${others === 1 ? "" : "s"}${
      unreachable
        ? ` (${unreachable} owner${
          unreachable === 1 ? "" : "s"
        } couldn't be reached: they never started the bot)`
        : ""
    }.`;
  await say(
    ctx,
    `⏳ The shop PIN will be removed on ${due} (UTC) (in 24 hours). Until then the current ` +
      `PIN is still needed; afterwards /setpin sets a new one without it. ${told}\n` +
      "<i>Any owner can stop it: /resetpin cancel.</i>",
    cancelButton(),
  );
}

async function cancelReset(ctx: PayContext): Promise<void> {
  let r;
  try {
    r = await ctx.services.ledger.pin.cancelReset({
      ...changeBy(ctx),
    });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    await say(ctx, explainRefusal(ctx, error));
    return;
  }
  if (!r.cancelled) {
    await say(ctx, "No PIN reset is pending: the shop PIN stays as it is.");
    return;
  }
  await tellOwners(
    ctx,
    r.owners,
    ctx.from!.id,
    `✅ ${bold(r.cancelled_by_name ?? "An owner")} cancelled the PIN reset: the shop PIN stays.`,
  );
  await say(ctx, "✅ The PIN reset is cancelled: the shop PIN stays as it is.");
}

pin.command(pinCommands.resetpin.names, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  if (member.role !== "owner") {
    await say(ctx, "🔒 Only a shop owner can reset the PIN. Ask an owner.");
    return;
  }
  const arg = ctx.match.trim().toLowerCase();
  if (arg === "cancel" || arg === "stop") await cancelReset(ctx);
  else if (arg === "") await requestReset(ctx);
  else {await say(
      ctx,
      "Send /resetpin to reset a forgotten PIN, or /resetpin cancel to stop a reset.",
    );}
});

pin.callbackQuery(CALLBACKS.pinResetCancel.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const member = await requireMember(ctx);
  if (!member) return;
  if (member.role !== "owner") {
    await say(ctx, "🔒 Only a shop owner can cancel a PIN reset.");
    return;
  }
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await cancelReset(ctx);
});
