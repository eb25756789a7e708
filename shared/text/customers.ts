/** How a customer reads in a chat: a list line, a button, the card, the badges. */
import type { Badge, CreditTerms, Dues } from "../db/ledger/types.ts";
import type { Customer, CustomerListItem } from "../db/ledger.ts";
import { bold, escapeHtml, italic } from "./html.ts";
import { clip, clipHtml, TAGS_IN_LIST, tagsText } from "./fit.ts";
import { translator } from "../i18n/i18n.ts";
import { balanceText, dayText, type Money, money, type Speech } from "./format.ts";
import { daysBetween } from "../domain/due_dates.ts";

const ENGLISH: Speech = { locale: "en", timeZone: "UTC", t: translator("en") };

const BADGES: Record<Badge, string> = {
  top_debtor: "🏆 top debtor",
  no_payment_60_days: "⏰ no payment in 60 days",
  new_this_week: "🆕 new this week",
  overdue: "⏳ overdue",
};

/** The catalog key of each badge (search area: badges show in search lists first). */
const BADGE_KEYS: Record<Badge, string> = {
  top_debtor: "search-badge-top-debtor",
  no_payment_60_days: "search-badge-no-payment",
  new_this_week: "search-badge-new",
  overdue: "search-badge-overdue",
};

/**
 * Badges as words, e.g. "🏆 top debtor · 🆕 new this week" (empty when none), in the
 * reader's language when `speech` is given.
 */
export function badgesText(
  badges: readonly string[] | undefined,
  speech?: Speech,
  overdue?: { amount: number; shop: Money },
): string {
  return (badges ?? []).map((b) =>
    b === "overdue" && overdue
      ? (speech ?? ENGLISH).t("search-badge-overdue-amount", {
        amount: money(overdue.amount, overdue.shop, speech ?? ENGLISH),
      })
      : speech && BADGE_KEYS[b as Badge]
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
  const overdue = c.overdue ? { amount: c.overdue, shop } : undefined;
  const badges = c.badges?.length ? ` · ${badgesText(c.badges, speech, overdue)}` : "";
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

/**
 * The card's due lines (/summary), only those that say something: overdue since a date (N
 * days), due now, the next due amount and date, the credit terms and the limit (⚠️ past it).
 */
export function duesLines(
  balance: number,
  dues: Dues | undefined,
  credit: CreditTerms | undefined,
  today: string,
  shop: Money,
  speech: Speech = ENGLISH,
): string[] {
  const t = speech.t;
  const lines: string[] = [];
  if (dues && balance > 0) {
    if (dues.overdue > 0 && dues.oldest_overdue_on) {
      lines.push(t("customers-card-overdue", {
        amount: bold(money(dues.overdue, shop, speech)),
        date: dayText(dues.oldest_overdue_on, speech),
        days: daysBetween(dues.oldest_overdue_on, today),
      }));
    }
    const dueToday = dues.due - dues.overdue;
    if (dueToday > 0) {
      lines.push(t("customers-card-due-now", { amount: bold(money(dueToday, shop, speech)) }));
    }
    if (dues.next_due_on && dues.next_due_on > today && dues.next_due_amount > 0) {
      lines.push(t("customers-card-next-due", {
        amount: money(dues.next_due_amount, shop, speech),
        date: dayText(dues.next_due_on, speech),
      }));
    }
  }
  if (credit?.days !== null && credit?.days !== undefined) {
    lines.push(t("customers-card-terms", {
      days: credit.days,
      from: credit.days_from === "customer" ? "customer" : "shop",
    }));
  }
  if (credit?.limit !== null && credit?.limit !== undefined) {
    lines.push(t("customers-card-limit", {
      limit: money(credit.limit, shop, speech),
      from: credit.limit_from === "customer" ? "customer" : "shop",
      over: balance > credit.limit ? "yes" : "no",
    }));
  }
  return lines;
}
