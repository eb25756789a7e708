/** The /help guide: every command, grouped, with examples. */
import { CARE_COMMANDS } from "./care_help.ts";

/** One command's entry in the guide. */
export interface CommandHelp {
  command: string;
  group:
    | "Customers"
    | "Money"
    | "Looking things up"
    | "Mistakes"
    | "Shop spending"
    | "Team"
    | "Settings"
    | "Getting around";
  summary: string;
  examples: string[];
  details?: string;
}

export const COMMANDS: CommandHelp[] = [
  ...CARE_COMMANDS,
  {
    command: "resetpin",
    group: "Settings",
    summary: "Owner: forgot the PIN? Remove it 24 hours from now (or /resetpin cancel).",
    examples: ["/resetpin", "/resetpin cancel"],
    details: "Every owner is told at once and can cancel it (a button, or /resetpin cancel). " +
      "Until the 24 hours pass the current PIN is still needed; then the shop has no PIN and " +
      "/setpin sets a new one without the old. Requests, cancellations and the reset are in /history.",
  },
  {
    command: "addcustomer",
    group: "Customers",
    summary: "Add a customer and select them.",
    examples: [
      "/addcustomer John Smith | 0590000000",
      "/addcustomer John Smith ~ Abu Ali | 059…",
      "/addcustomer",
    ],
    details:
      "The phone is optional. Text after ~ is a hidden nickname: search finds it, lists never show it. " +
      "Without parameters I ask for the name, then the phone (/skip to leave it out).",
  },
  {
    command: "search",
    group: "Customers",
    summary: "List customers (largest debt first) or find one by name, nickname, phone or #tag.",
    examples: ["/search", "/search jon smth", "/search 0590", "/search #vip"],
    details:
      "Typos, accents, Arabic spelling variants and tashkeel are forgiven. A single match is selected at once; " +
      "otherwise tap a name.",
  },
  {
    command: "summary",
    group: "Looking things up",
    summary: "The selected customer: phone, tags, balance, totals and latest entries.",
    examples: ["/summary"],
  },
  {
    command: "addtransaction",
    group: "Money",
    summary: "Record a purchase on credit for the selected customer.",
    examples: [
      "/addtransaction 50 | groceries",
      "/addtransaction 12.50 | bread #weekly",
      "/addtransaction",
    ],
    details: "#tags in the note are kept as tags. Amounts may use Arabic digits (٥٠) and 1,250.50.",
  },
  {
    command: "pay",
    group: "Money",
    summary: "Record a payment from the selected customer.",
    examples: ["/pay 30 | cash", "/pay all"],
    details: "“all” settles the whole balance. Paying more than is owed leaves an advance.",
  },
  {
    command: "history",
    group: "Looking things up",
    summary: "The latest actions in the shop: who did what, for whom, with Undo buttons.",
    examples: ["/history", "/history Sara"],
    details:
      "Owners can see one member's actions: /history with their name or Telegram id (see /members).",
  },
  {
    command: "export",
    group: "Looking things up",
    summary: "An Excel file (owner only): the whole shop, or the selected customer's statement.",
    examples: ["/export", "/export 2026-11", "/export 2026-11-01..2026-11-15", "/export shop"],
    details:
      "The shop file has Summary, Customers, Transactions, Spending and Action history sheets; " +
      "amounts are real numbers in the shop currency, dates are real dates (UTC). With a customer " +
      "selected you can pick their statement instead: their purchases and payments with a running " +
      "balance, to show them. A period limits it to a month or a range of days. A shop too large " +
      "for one file is offered month by month.",
  },
  {
    command: "undo",
    group: "Mistakes",
    summary: "Undo the last action (asks Yes/No first).",
    examples: ["/undo"],
    details: "A clerk can undo only their own actions. Use /history to undo an older one.",
  },
  {
    command: "spend",
    group: "Shop spending",
    summary: "Record something the shop bought: item, price, vendor, category.",
    examples: [
      "/spend 12.50 | milk crates | Dairy Co | supplies",
      "/spend milk crates",
      "/spend",
    ],
    details:
      "Without details I ask for the item, the price, the vendor and the category, one at a time, " +
      "offering recent vendors and categories as buttons (/skip leaves the vendor or category out). " +
      "/cancel in the middle asks before dropping the entry. /undo removes a wrong expense.",
  },
  {
    command: "spending",
    group: "Shop spending",
    summary: "The latest ten expenses and this month's totals per category and vendor.",
    examples: ["/spending", "/spending 2026-11"],
    details: "Give a month as YYYY-MM to see that month's expenses and totals.",
  },
  {
    command: "members",
    group: "Team",
    summary:
      "Who works in the shop, and their roles. Owners tap someone to change their role or remove them.",
    examples: ["/members"],
    details:
      "An owner can do everything; a clerk adds customers, records purchases, payments and spending, " +
      "searches and views. Deleting, merging, exporting, settings and the team are for owners.",
  },
  {
    command: "invite",
    group: "Team",
    summary: "Owners: a one-time link that makes whoever opens it a clerk (or a co-owner).",
    examples: ["/invite", "/invite owner"],
    details: "The link works once, for 24 hours. Send it only to the person you want to add.",
  },
  {
    command: "leave",
    group: "Team",
    summary:
      "Leave the shop (asks Yes/No first). The last owner must make someone else an owner first.",
    examples: ["/leave"],
  },
  {
    command: "cancel",
    group: "Getting around",
    summary: "Leave the current step.",
    examples: ["/cancel"],
  },
  {
    command: "help",
    group: "Getting around",
    summary: "This guide, or one command in detail.",
    examples: ["/help", "/help pay"],
  },
];

const GROUPS: CommandHelp["group"][] = [
  "Customers",
  "Money",
  "Looking things up",
  "Mistakes",
  "Shop spending",
  "Team",
  "Settings",
  "Getting around",
];

/** The whole guide, grouped. */
export function guide(): string {
  const sections = GROUPS.map((group) => {
    const lines = COMMANDS.filter((c) => c.group === group)
      .map((c) => `/${c.command} — ${c.summary}\n   e.g. <code>${c.examples[0]}</code>`);
    return `<b>${group}</b>\n${lines.join("\n")}`;
  });
  return [
    "📒 <b>PayTrack</b> keeps your shop's credit ledger: who bought on credit, who paid, who owes what.",
    ...sections,
    "Give any command without details and I will ask for them one at a time. /help <i>command</i> for more.",
  ].join("\n\n");
}

/** One command in detail, or undefined when unknown. */
export function commandHelp(name: string): string | undefined {
  const c = COMMANDS.find((entry) => entry.command === name.replace(/^\//, "").toLowerCase());
  if (!c) return undefined;
  const examples = c.examples.map((e) => `<code>${e}</code>`).join("\n");
  return [`/${c.command} — ${c.summary}`, c.details ?? "", `Examples:\n${examples}`].filter(Boolean)
    .join("\n\n");
}
