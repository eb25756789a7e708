/** Who is talking: the member's role and shop, cached in the session, checked by the ledger. */
import { LedgerError } from "../db/errors.ts";
import type { MemberInfo } from "../db/ledger.ts";
import type { PayContext, SessionData } from "./context.ts";
import { localeFromTelegram } from "../domain/language.ts";
import { explainRefusal, say } from "./replies.ts";

export { strangerNotice } from "./friendly_errors.ts";

/** Stores what a ledger result says about the member and shop in the session. */
export function rememberMember(
  ctx: PayContext,
  info: MemberInfo,
): NonNullable<SessionData["member"]> {
  const member: NonNullable<SessionData["member"]> = {
    role: info.member.role,
    shopName: info.shop.name,
    currency: info.shop.currency,
    minorUnit: info.shop.minor_unit,
    language: info.member.language ?? localeFromTelegram(ctx.from?.language_code) ??
      info.shop.language ?? "en",
    digits: info.member.digits ?? info.shop.digits ?? "latn",
    timeZone: info.shop.timezone ?? "UTC",
  };
  ctx.session.member = member;
  // Speak the member's language from here on in this update.
  ctx.i18n?.useLocale(member.language!);
  return member;
}

/**
 * The member behind this update, from the session or (once) from the ledger. Replies
 * with the private-bot notice (through explainRefusal, like every refusal) and resolves
 * to undefined for a non-member.
 */
export async function requireMember(
  ctx: PayContext,
): Promise<NonNullable<SessionData["member"]> | undefined> {
  if (ctx.session.member) return ctx.session.member;
  try {
    return rememberMember(ctx, await ctx.services.ledger.memberInfo(ctx.from!.id));
  } catch (error) {
    if (error instanceof LedgerError && error.code === "not_a_member") {
      await say(ctx, explainRefusal(ctx, error));
      return undefined;
    }
    throw error;
  }
}
