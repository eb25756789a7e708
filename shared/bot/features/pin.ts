/**
 * /setpin (owner): sets the shop PIN, or changes it after the current one. The PIN goes
 * only to the ledger (stored there as a bcrypt hash); the message carrying it is deleted
 * and it is never kept in the session. /pay, /rename, /merge and deleting a customer who
 * owes then ask for it (pin_gate.ts).
 */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { beginFlow, defineFlow, type Flow } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { parsePin, pinGate } from "../pin_gate.ts";
import { cosmetic, say, withLoader } from "../replies.ts";

export const setPinFlow: Flow = defineFlow({
  command: "setpin",
  usage: "/setpin 2468",
  steps: [{
    key: "pin",
    question: "🔐 Send the new shop PIN: 4 to 8 digits. I'll delete your message.",
    secret: true,
    parse: parsePin,
  }],
  split: (args) => ({ pin: args }),
  async run(ctx, params) {
    await withLoader(ctx, "Saving the PIN…", async () => {
      const r = await ctx.services.ledger.care.setPin({
        actor: ctx.from!.id,
        updateId: ctx.update.update_id,
        pin: String(params.pin),
      });
      return {
        text: `🔐 The shop PIN is ${r.replaced ? "changed" : "set"}.\n` +
          "/pay, /rename, /merge and deleting a customer who owes now ask for it; a right PIN " +
          "stays valid for 5 minutes, and 5 wrong tries lock PIN actions for 15 minutes.\n" +
          "<i>Only a hash of it is stored. Share it only with staff who take payments.</i>",
      };
    });
  },
});

export const pin = new Composer<PayContext>();

pin.command("setpin", async (ctx) => {
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
