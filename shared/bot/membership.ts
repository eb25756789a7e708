/** Who is talking: the member's role and shop, cached in the session, checked by the ledger. */
import { LedgerError } from "../db/errors.ts";
import type { MemberInfo } from "../db/ledger.ts";
import type { PayContext, SessionData } from "./context.ts";
import { say } from "./replies.ts";

/** The private-bot notice a non-member gets (with their id, so an owner can add them). */
export function strangerNotice(userId: number): string {
  return [
    "🔒 PayTrack is private: it keeps a shop's credit ledger, and only the shop's members can use it.",
    "If you work at this shop, ask an owner for an invite link (they make one with /invite).",
    `Your Telegram id is <code>${userId}</code>.`,
  ].join("\n");
}

/** Stores what a ledger result says about the member and shop in the session. */
export function rememberMember(
  ctx: PayContext,
  info: MemberInfo,
): NonNullable<SessionData["member"]> {
  const member = {
    role: info.member.role,
    shopName: info.shop.name,
    currency: info.shop.currency,
    minorUnit: info.shop.minor_unit,
  };
  ctx.session.member = member;
  return member;
}

/**
 * The member behind this update, from the session or (once) from the ledger. Replies
 * with the private-bot notice and resolves to undefined for a non-member.
 */
export async function requireMember(
  ctx: PayContext,
): Promise<NonNullable<SessionData["member"]> | undefined> {
  if (ctx.session.member) return ctx.session.member;
  try {
    return rememberMember(ctx, await ctx.services.ledger.memberInfo(ctx.from!.id));
  } catch (error) {
    if (error instanceof LedgerError && error.code === "not_a_member") {
      await say(ctx, strangerNotice(ctx.from!.id));
      return undefined;
    }
    throw error;
  }
}
