/** The `{actor, updateId}` every ledger change takes, built from the update that asks for it. */
import type { Context } from "grammy";
import type { Change } from "../db/ledger/types.ts";

/**
 * Who acts (the sender) and which Telegram update asked for the change: the update_id is
 * the idempotency key that makes a redelivered update a no-op.
 *
 * ```ts
 * await ctx.services.ledger.recordPayment({ ...changeBy(ctx), customerId, amount });
 * ```
 */
export function changeBy(ctx: Context): Change {
  const actor = ctx.from?.id;
  if (actor === undefined) throw new Error("a ledger change needs the update's sender (from)");
  return { actor, updateId: ctx.update.update_id };
}
