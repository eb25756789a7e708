/** How the action log reads in a chat: one sentence per action, of every area. */
import type { ActionEntry } from "../db/ledger.ts";
import { bold, escapeHtml } from "./html.ts";
import { type Money, money } from "./format.ts";

const hashtags = (value: unknown) =>
  escapeHtml((Array.isArray(value) ? value : []).map((t) => `#${t}`).join(" "));

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
      return `${who} ${ACTION_NAMES[a.action] ?? a.action}${whom}`;
  }
}
