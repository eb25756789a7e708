/**
 * Small steps the ledger's area tests (tests/db/<area>_test.ts) share: setting and checking
 * the shop PIN, expiring grants, the latest action of a kind, and undoing it.
 */
import type { LedgerContext, ShopFixture } from "./ledger_fixtures.ts";

/** Sets the shop PIN as its owner (who then holds a grant). */
export async function withPin(
  t: LedgerContext,
  shop: ShopFixture,
  pin = "4321",
): Promise<void> {
  await t.ledger.pin.set({ actor: shop.owner, updateId: t.updateId(), pin });
}

/** Ends every grant of a member, as five minutes passing would. */
export async function expire(t: LedgerContext, userId: number): Promise<void> {
  await t.sql(
    `update public.member_pins set valid_until = now() - interval '1 second' where telegram_user_id = $1`,
    [userId],
  );
}

/** Checks a member's PIN (a redelivery when given the same update id). */
export function verify(t: LedgerContext, actor: number, pin: string, updateId = t.updateId()) {
  return t.ledger.pin.verify({ actor, updateId, pin });
}

/** The latest action of a kind, for undo. */
export function latest(t: LedgerContext, shopId: number, action: string): Promise<number> {
  return t.scalar(
    `select max(id) as value from public.actions where shop_id = $1 and action = $2`,
    [shopId, action],
  );
}

/** Undoes an action as `actor`. */
export async function undo(t: LedgerContext, actor: number, actionId: number) {
  return await t.ledger.undoAction({ actor, updateId: t.updateId(), actionId });
}
