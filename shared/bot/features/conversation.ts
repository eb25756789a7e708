/** Text answers to a pending step (conversation mode), and the customer search it may be waiting for. */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { answerStep } from "../flows.ts";
import { findAndPick } from "../selection.ts";

export const conversation = new Composer<PayContext>();

conversation.on("message:text").filter((ctx) =>
  ctx.session.pending !== undefined && !ctx.msg.text.startsWith("/")
)
  .use(async (ctx) => {
    const text = ctx.msg.text;
    if (ctx.session.pending!.choosingCustomer) {
      await findAndPick(ctx, text.slice(0, 200));
      return;
    }
    await answerStep(ctx, text);
  });
