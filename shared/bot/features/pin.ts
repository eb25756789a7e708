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
import { LIMITS } from "../../domain/limits.ts";
import { dateTime } from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import { langOf } from "../lang.ts";
import type { Translate } from "../../i18n/i18n.ts";
import type { Shop } from "../../db/ledger/types.ts";
import type { NoticeRecipient } from "../../db/ledger/team.ts";
import { inDigits, noticeLang } from "../lang.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { beginFlow, defineFlow, type Flow, restartFlow } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { concealPin, matchesConcealed, parsePin, pinGate } from "../pin_gate.ts";
import { cosmetic, explainRefusal, say, withLoader } from "../replies.ts";

/** /setpin's steps: the new PIN, then the same again; set only when both agree. */
export const setPinFlow: Flow = defineFlow({
  command: "setpin",
  usage: "/setpin 2468 2468",
  noun: (t) => t("pin-noun"),
  steps: [
    {
      key: "pin",
      question: (t) => t("pin-new-question", { min: LIMITS.pinMin, max: LIMITS.pinMax }),
      secret: true,
      numeric: true,
      parse: parsePin,
      // Kept until the second entry only as a salted PBKDF2 hash, never in plain text.
      conceal: concealPin,
    },
    {
      key: "confirm",
      question: (t) => t("pin-again-question"),
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
      await restartFlow(ctx, setPinFlow, ctx.t("pin-differ"));
      return;
    }
    await withLoader(ctx, ctx.t("pin-saving"), async () => {
      const r = await ctx.services.ledger.pin.set({
        ...changeBy(ctx),
        pin,
      });
      return {
        text: `${ctx.t(r.replaced ? "pin-saved-changed" : "pin-saved-set")}\n${
          ctx.t("pin-saved-details")
        }`,
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
  },
  resetpin: {
    area: "pin",
    role: "owner",
    menu: true,
  },
});

pin.command(pinCommands.setpin.names, async (ctx) => {
  // A PIN typed after the command must not stay in the chat, whatever happens next.
  if (ctx.match.trim()) await cosmetic(() => ctx.deleteMessage());
  const member = await requireMember(ctx);
  if (!member) return;
  if (member.role !== "owner") {
    await say(ctx, ctx.t("pin-set-owner-only"));
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

const cancelButton = (ctx: PayContext | { t: Translate }) =>
  new InlineKeyboard().text(ctx.t("pin-reset-button"), CALLBACKS.pinResetCancel.build());

/** The owners to tell, each with their language (an answer stored before 20261202000700 has only ids). */
function ownersToTell(r: { owners: number[]; recipients?: NoticeRecipient[] }): NoticeRecipient[] {
  const known = new Map((r.recipients ?? []).map((o) => [o.user_id, o]));
  return r.owners.map((id) => known.get(id) ?? { user_id: id } as NoticeRecipient);
}

/**
 * Sends each owner but `except` the notice `write` makes in their language (else the
 * shop's), with their digits; resolves how many could not be reached.
 */
async function tellOwners(
  ctx: PayContext,
  r: { owners: number[]; recipients?: NoticeRecipient[]; shop: Shop },
  except: number,
  write: (theirs: ReturnType<typeof noticeLang>) => { text: string; keyboard?: InlineKeyboard },
): Promise<number> {
  let unreachable = 0;
  for (const owner of ownersToTell(r)) {
    if (owner.user_id === except) continue;
    const theirs = noticeLang(owner, r.shop);
    const { text, keyboard } = write(theirs);
    try {
      // An owner who never started the bot (or blocked it) can't be messaged: skip them.
      await ctx.api.sendMessage(owner.user_id, inDigits(text, theirs.digits), {
        parse_mode: "HTML",
        reply_markup: keyboard,
      });
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
      error.code === "pin_not_set" ? ctx.t("pin-reset-no-pin") : explainRefusal(ctx, error),
    );
    return;
  }
  const lang = langOf(ctx);
  const when = { due: dateTime(r.due_at, lang), zone: lang.timeZone };
  if (r.already) {
    const name = bold(r.requested_by_name ?? ctx.t("pin-an-owner"));
    await say(ctx, ctx.t("pin-reset-already", { name, ...when }), cancelButton(ctx));
    return;
  }
  // Each other owner reads it in their own language (else the shop's), times in the shop's zone.
  const unreachable = await tellOwners(ctx, r, ctx.from!.id, (theirs) => ({
    text: theirs.t("pin-reset-notice", {
      name: bold(r.requested_by_name ?? theirs.t("pin-an-owner-subject")),
      shop: bold(r.shop.name),
      due: dateTime(r.due_at, theirs),
      zone: theirs.timeZone,
    }),
    keyboard: cancelButton(theirs),
  }));
  const others = r.owners.filter((o) => o !== ctx.from!.id).length;
  const told = others === 0
    ? ctx.t("pin-reset-only-owner")
    : unreachable
    ? ctx.t("pin-reset-told-unreachable", { others, unreachable })
    : ctx.t("pin-reset-told", { others });
  await say(ctx, ctx.t("pin-reset-requested", { ...when, told }), cancelButton(ctx));
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
    await say(ctx, ctx.t("pin-reset-none"));
    return;
  }
  await tellOwners(ctx, r, ctx.from!.id, (theirs) => ({
    text: theirs.t("pin-reset-cancelled-by", {
      name: bold(r.cancelled_by_name ?? theirs.t("pin-an-owner-subject")),
    }),
  }));
  await say(ctx, ctx.t("pin-reset-cancelled"));
}

pin.command(pinCommands.resetpin.names, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  if (member.role !== "owner") {
    await say(ctx, ctx.t("pin-reset-owner-only"));
    return;
  }
  const arg = ctx.match.trim().toLowerCase();
  if (["cancel", "stop", "إلغاء", "الغاء", "إيقاف", "ايقاف"].includes(arg)) await cancelReset(ctx);
  else if (arg === "") await requestReset(ctx);
  else await say(ctx, ctx.t("pin-reset-usage"));
});

pin.callbackQuery(CALLBACKS.pinResetCancel.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const member = await requireMember(ctx);
  if (!member) return;
  if (member.role !== "owner") {
    await say(ctx, ctx.t("pin-reset-cancel-owner-only"));
    return;
  }
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await cancelReset(ctx);
});
