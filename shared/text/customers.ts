/** How a customer reads in a chat: a list line, a button, the card, the badges. */
import type { Badge } from "../db/ledger/types.ts";
import type { Customer, CustomerListItem } from "../db/ledger.ts";
import { bold, escapeHtml, italic } from "./html.ts";
import { clip, clipHtml, TAGS_IN_LIST, tagsText } from "./fit.ts";
import { translator } from "../i18n/i18n.ts";
import { balanceText, type Money, money, type Speech } from "./format.ts";

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

const BADGES: Record<Badge, string> = {
  top_debtor: "🏆 top debtor",
  no_payment_60_days: "⏰ no payment in 60 days",
  new_this_week: "🆕 new this week",
};

/** The catalog key of each badge (search area: badges show in search lists first). */
const BADGE_KEYS: Record<Badge, string> = {
  top_debtor: "search-badge-top-debtor",
  no_payment_60_days: "search-badge-no-payment",
  new_this_week: "search-badge-new",
};

/**
 * Badges as words, e.g. "🏆 top debtor · 🆕 new this week" (empty when none), in the
 * reader's language when `speech` is given.
 */
export function badgesText(badges: readonly string[] | undefined, speech?: Speech): string {
  return (badges ?? []).map((b) =>
    speech && BADGE_KEYS[b as Badge]
      ? speech.t(BADGE_KEYS[b as Badge])
      : BADGES[b as Badge] ?? escapeHtml(b)
  ).join(" · ");
}

/** How much of a name a list line shows (names may be 120 characters). */
const NAME_IN_LIST = 80;

/**
 * One line for a customer in a list: name, phone, tags, balance (never nicknames); at
 * most {@link TAGS_IN_LIST} tags ("+N" for the rest) and a long name cut, so a page fits.
 */
export function customerLine(c: CustomerListItem, shop: Money, speech?: Speech): string {
  const tags = c.tags.length ? ` ${tagsText(c.tags, TAGS_IN_LIST)}` : "";
  const phone = c.phone ? ` · ${clipHtml(c.phone, 40)}` : "";
  const badges = c.badges?.length ? ` · ${badgesText(c.badges, speech)}` : "";
  return `${bold(clip(c.full_name, NAME_IN_LIST))}${phone}${tags} — ${
    balanceText(c.balance, shop, speech)
  }${badges}`;
}

/** A button label for a customer: "John Smith · $30.00". */
export function customerButton(c: CustomerListItem, shop: Money, speech?: Speech): string {
  const settled = speech ? speech.t("balance-settled") : "settled";
  const label = `${c.full_name} · ${c.balance === 0 ? settled : money(c.balance, shop, speech)}`;
  return clip(label, 60);
}

/** At most `max` items of a list, each cut to `each` characters, escaped, "+N" for the rest. */
function someOf(items: readonly string[], max: number, each: number, comma = ", "): string {
  const shown = escapeHtml(items.slice(0, max).map((x) => clip(x, each)).join(comma));
  return items.length > max ? `${shown} +${items.length - max}` : shown;
}

/** What the card knows beyond the customer: whether they never bought or paid anything. */
export interface CardOptions {
  /** No purchase or payment counts yet: "no purchases yet" rather than "settled". */
  neverBought?: boolean;
}

/**
 * The customer card shown in /summary (nicknames only when given), in the reader's language.
 * Long lists are capped (10 nicknames, 5 phones, 30 tags, each with "+N") so it fits.
 */
export function customerCard(
  c: Customer,
  shop: Money,
  speech: Speech = ENGLISH,
  options: CardOptions = {},
): string {
  const t = speech.t;
  const comma = speech.locale === "ar" ? "، " : ", "; // the Arabic comma in an Arabic card
  const lines = [`👤 ${bold(c.full_name)}`];
  if (c.nicknames?.length) {
    lines.push(t("customers-card-aka", { nicknames: someOf(c.nicknames, 10, 60, comma) }));
  }
  const phones = [...(c.phone ? [c.phone] : []), ...(c.other_phones ?? [])];
  if (phones.length) lines.push(`📞 ${someOf(phones, 5, 40, comma)}`);
  if (c.tags.length) lines.push(`🏷 ${tagsText(c.tags, 30)}`);
  const balance = options.neverBought && c.balance === 0
    ? t("customers-card-no-purchases")
    : bold(balanceText(c.balance, shop, speech));
  lines.push(t("customers-card-balance", { balance }));
  if (c.badges?.length) lines.push(badgesText(c.badges, speech));
  if (c.archived_at) lines.push(italic(t("customers-card-archived")));
  return lines.join("\n");
}
