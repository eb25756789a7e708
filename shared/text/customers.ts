/** How a customer reads in a chat: a list line, a button, the card, the badges. */
import type { Badge } from "../db/ledger/types.ts";
import type { Customer, CustomerListItem } from "../db/ledger.ts";
import { bold, escapeHtml, italic } from "./html.ts";
import { clip, clipHtml, TAGS_IN_LIST, tagsText } from "./fit.ts";
import { balanceText, type Money, money } from "./format.ts";

const BADGES: Record<Badge, string> = {
  top_debtor: "🏆 top debtor",
  no_payment_60_days: "⏰ no payment in 60 days",
  new_this_week: "🆕 new this week",
};

/** Badges as words, e.g. "🏆 top debtor · 🆕 new this week" (empty when none). */
export function badgesText(badges: readonly string[] | undefined): string {
  return (badges ?? []).map((b) => BADGES[b as Badge] ?? escapeHtml(b)).join(" · ");
}

/** How much of a name a list line shows (names may be 120 characters). */
const NAME_IN_LIST = 80;

/**
 * One line for a customer in a list: name, phone, tags, balance (never nicknames); at
 * most {@link TAGS_IN_LIST} tags ("+N" for the rest) and a long name cut, so a page fits.
 */
export function customerLine(c: CustomerListItem, shop: Money): string {
  const tags = c.tags.length ? ` ${tagsText(c.tags, TAGS_IN_LIST)}` : "";
  const phone = c.phone ? ` · ${clipHtml(c.phone, 40)}` : "";
  const badges = c.badges?.length ? ` · ${badgesText(c.badges)}` : "";
  return `${bold(clip(c.full_name, NAME_IN_LIST))}${phone}${tags} — ${
    balanceText(c.balance, shop)
  }${badges}`;
}

/** A button label for a customer: "John Smith · $30.00". */
export function customerButton(c: CustomerListItem, shop: Money): string {
  const label = `${c.full_name} · ${c.balance === 0 ? "settled" : money(c.balance, shop)}`;
  return clip(label, 60);
}

/** At most `max` items of a list, each cut to `each` characters, escaped, "+N" for the rest. */
function someOf(items: readonly string[], max: number, each: number): string {
  const shown = escapeHtml(items.slice(0, max).map((x) => clip(x, each)).join(", "));
  return items.length > max ? `${shown} +${items.length - max}` : shown;
}

/**
 * The customer card shown after selecting and in /summary (nicknames only when given).
 * Long lists are capped (10 nicknames, 5 phones, 30 tags, each with "+N") so it fits.
 */
export function customerCard(c: Customer, shop: Money): string {
  const lines = [`👤 ${bold(c.full_name)}`];
  if (c.nicknames?.length) lines.push(`aka ${someOf(c.nicknames, 10, 60)} ${italic("(hidden)")}`);
  if (c.phone) lines.push(`📞 ${someOf([c.phone, ...(c.other_phones ?? [])], 5, 40)}`);
  if (c.tags.length) lines.push(`🏷 ${tagsText(c.tags, 30)}`);
  lines.push(`Balance: ${bold(balanceText(c.balance, shop))}`);
  if (c.badges?.length) lines.push(badgesText(c.badges));
  if (c.archived_at) lines.push(italic("archived"));
  return lines.join("\n");
}
