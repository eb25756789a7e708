/** Finds a shop member by what an owner typed: `/history <who>` (history.ts). */
import { escapeHtml } from "../text/html.ts";
import type { PayContext } from "./context.ts";
import { readOrExplain, say } from "./replies.ts";

/**
 * Resolves `/history <who>` for an owner: a Telegram id, or a current or former member's
 * name (with or without @). Resolves null for no filter, the member for one match, or
 * undefined after explaining (not an owner, no match, several matches).
 */
export async function historyMember(
  ctx: PayContext,
  text: string,
): Promise<{ user_id: number; display_name: string } | null | undefined> {
  const query = text.trim().replace(/^@/, "");
  if (!query) return null;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.team.listMembers(ctx.from!.id));
  if (!list) return undefined;
  if (list.you.role !== "owner") {
    await say(ctx, ctx.t("history-filter-owner-only"));
    return undefined;
  }
  const everyone = [...list.members, ...list.former];
  const key = query.toLowerCase();
  const byId = /^\d{1,15}$/.test(query) ? everyone.filter((m) => m.user_id === Number(query)) : [];
  const exact = everyone.filter((m) => m.display_name.toLowerCase() === key);
  const partial = everyone.filter((m) => m.display_name.toLowerCase().includes(key));
  const matches = byId.length ? byId : exact.length ? exact : partial;
  const unique = [...new Map(matches.map((m) => [m.user_id, m])).values()];
  if (unique.length === 1) return unique[0];
  if (unique.length === 0) {
    await say(ctx, ctx.t("history-member-none", { query: escapeHtml(query) }));
  } else {
    const names = unique.map((m) => `${escapeHtml(m.display_name)} (<code>${m.user_id}</code>)`);
    await say(ctx, ctx.t("history-member-several", { names: names.join(", ") }));
  }
  return undefined;
}
