/** How the seed's checklist reads in a chat: badges, and the action-log sentences it adds. */
import type { Badge } from "../db/ledger_types.ts";
import type { ActionEntry } from "../db/ledger.ts";
import { bold, escapeHtml } from "./html.ts";

const BADGES: Record<Badge, string> = {
  top_debtor: "🏆 top debtor",
  no_payment_60_days: "⏰ no payment in 60 days",
  new_this_week: "🆕 new this week",
};

/** Badges as words, e.g. "🏆 top debtor · 🆕 new this week" (empty when none). */
export function badgesText(badges: readonly string[] | undefined): string {
  return (badges ?? []).map((b) => BADGES[b as Badge] ?? escapeHtml(b)).join(" · ");
}

const hashtags = (value: unknown) =>
  escapeHtml((Array.isArray(value) ? value : []).map((t) => `#${t}`).join(" "));

/**
 * The sentence for an action this checklist added ("Owner renamed Jon to John"), or
 * undefined for any other kind. `who` and `whom` are already HTML (whom: " <b>Name</b>").
 */
export function careActionSentence(a: ActionEntry, who: string, whom: string): string | undefined {
  const info = a.info as Record<string, unknown>;
  switch (a.action) {
    case "customer_archived":
      return `${who} deleted (archived)${whom}`;
    case "customer_renamed":
      return `${who} renamed ${bold(String(info.old_name ?? ""))} to ${
        bold(String(info.new_name ?? ""))
      }`;
    case "nickname_added":
      return `${who} added a hidden nickname to${whom}`;
    case "customer_tagged":
      return `${who} tagged${whom} ${hashtags(info.tags)}`;
    case "customer_untagged":
      return `${who} removed ${hashtags(info.tags)} from${whom}`;
    case "customers_linked":
      return `${who} linked${whom} with ${bold(String(info.other_name ?? ""))}`;
    case "customer_unlinked":
      return `${who} unlinked${whom} from their household`;
    case "customers_merged":
      return `${who} merged ${bold(String(info.duplicate_name ?? ""))} into${whom}`;
    case "setting_changed":
      return `${who} turned archiving settled customers ${info.new ? "on" : "off"}`;
    case "pin_set":
      return `${who} ${info.replaced ? "changed" : "set"} the shop PIN`;
    default:
      return undefined;
  }
}
