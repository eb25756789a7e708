/** How ledger data reads in a chat: money, dates, customers, transactions, actions. */
import { formatMoney } from "../domain/money.ts";
import type { ActionEntry, Customer, CustomerListItem, Shop, Transaction } from "../db/ledger.ts";
import { bold, escapeHtml, italic } from "./html.ts";
import { badgesText, careActionSentence } from "./care_format.ts";
import { clip, clipHtml, NOTE_IN_LIST, TAGS_IN_LIST, tagsText } from "./fit.ts";

/** What formatting an amount needs: the shop currency and its decimals. */
export type Money = Pick<Shop, "currency" | "minor_unit">;

/** An amount in the shop's currency, e.g. "$1,250.50". */
export function money(minor: number, shop: Money): string {
  return formatMoney(minor, shop.currency, shop.minor_unit);
}

/** A balance with its meaning: "owes $30.00", "advance $5.00", "settled". */
export function balanceText(balance: number, shop: Money): string {
  if (balance > 0) return `owes ${money(balance, shop)}`;
  if (balance < 0) return `advance ${money(-balance, shop)}`;
  return "settled";
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** A timestamp as "21 Nov 2026, 14:05" in the given time zone. */
export function dateTime(iso: string, timeZone = "UTC"): string {
  let f = dateTimes.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
    dateTimes.set(timeZone, f);
  }
  return f.format(new Date(iso));
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

/** One transaction: "🛒 $50.00 groceries · 21 Nov 2026, 14:05 → owes $50.00". */
export function transactionLine(
  t: Transaction,
  shop: Money,
  timeZone?: string,
): string {
  const icon = t.kind === "purchase" ? "🛒" : "💵";
  const note = t.description ? ` ${clipHtml(t.description, NOTE_IN_LIST)}` : "";
  const line = `${icon} ${money(t.amount, shop)}${note} · ${dateTime(t.created_at, timeZone)}`;
  return t.voided_at
    ? `<s>${line}</s> ${italic("(undone)")}`
    : `${line} → ${balanceText(t.balance_after, shop)}`;
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

const ACTION_NAMES: Record<string, string> = {
  shop_opened: "opened the shop",
  customer_added: "added customer",
  purchase_recorded: "recorded a purchase",
  payment_recorded: "recorded a payment",
  action_undone: "undid",
  expense_recorded: "recorded an expense",
  member_invited: "made an invite link",
  member_joined: "joined the shop",
  member_role_changed: "changed the role of",
  member_removed: "removed",
  member_left: "left the shop",
};

/** What an action did, in words: "Owner recorded a purchase of $50.00 for John Smith". */
export function actionSentence(a: ActionEntry, shop: Money): string {
  const who = escapeHtml(a.actor_name || `user ${a.actor_id}`);
  const whom = a.customer_name ? ` ${bold(a.customer_name)}` : "";
  const info = a.info as Record<string, unknown>;
  switch (a.action) {
    case "purchase_recorded":
    case "payment_recorded":
      return `${who} ${ACTION_NAMES[a.action]} of ${money(Number(info.amount), shop)} for${whom}`;
    case "expense_recorded":
      return `${who} recorded an expense: ${escapeHtml(String(info.item ?? ""))} ${
        money(Number(info.price), shop)
      }`;
    case "member_invited":
    case "member_joined":
      return `${who} ${ACTION_NAMES[a.action]} (${info.role === "owner" ? "co-owner" : "clerk"})`;
    case "member_role_changed":
      return `${who} made ${bold(String(info.member_name ?? ""))} ${
        info.to === "owner" ? "an owner" : "a clerk"
      }`;
    case "member_removed":
      return `${who} removed ${bold(String(info.member_name ?? ""))} from the shop`;
    case "action_undone": {
      const undone = String(info.undone_action ?? "");
      const what = (ACTION_NAMES[undone] ?? undone).replace(/^(recorded|added) /, "");
      return `${who} undid #${info.undone_action_id} (${what})${whom ? ` for${whom}` : ""}`;
    }
    default:
      return careActionSentence(a, who, whom) ??
        `${who} ${ACTION_NAMES[a.action] ?? a.action}${whom}`;
  }
}
