/** The /help entries of the seed's checklist (help_text.ts lists them with the rest). */
import type { CommandHelp } from "./help_text.ts";

export const CARE_COMMANDS: CommandHelp[] = [
  {
    command: "transactions",
    group: "Looking things up",
    summary: "Every purchase and payment of the selected customer with its details, page by page.",
    examples: [
      "/transactions",
      "/transactions #weekly",
      "/transactions 2026-11",
      "/transactions 2026-11-01..2026-11-15",
    ],
    details: "Newest first: number, date and time, purchase or payment, amount, note, tags, who " +
      "recorded it, the balance after it, and whether it was undone. Filter by a #tag in the " +
      "note, a month, a day or a date range (UTC; both ends included), or both. Tap a number for " +
      "the details.",
  },
  {
    command: "transaction",
    group: "Looking things up",
    summary: "One transaction in full, with Undo when you may undo it.",
    examples: ["/transaction 12"],
  },
  {
    command: "deletecustomer",
    group: "Customers",
    summary: "Delete (archive) the selected customer, after a Yes/No question.",
    examples: ["/deletecustomer"],
    details: "They leave lists and search but stay in the history and the export; /undo brings " +
      "them back. A customer who still owes (or is owed) can only be deleted by the owner, with " +
      "the shop PIN. /settings can archive customers automatically when a payment settles them.",
  },
  {
    command: "rename",
    group: "Customers",
    summary: "Change the selected customer's name (asks for the shop PIN).",
    examples: ["/rename John A. Smith", "/rename"],
    details: "/undo puts the old name back.",
  },
  {
    command: "nickname",
    group: "Customers",
    summary: "Add a hidden nickname to the selected customer.",
    examples: ["/nickname Abu Ali"],
    details: "Search finds customers by their nicknames, but lists and search results never show " +
      "them: only /summary and the export do. You can also add one when adding a customer: " +
      "/addcustomer John Smith ~ Abu Ali. /undo removes it.",
  },
  {
    command: "tag",
    group: "Customers",
    summary: "Tag the selected customer, e.g. #vip #neighbor.",
    examples: ["/tag #vip #neighbor"],
    details:
      "Find tagged customers with /search #vip; see every tag with /tags. #tags written in " +
      "a purchase or payment note are kept on that entry. Customers also get automatic badges: " +
      "🏆 top debtor, ⏰ no payment in 60 days, 🆕 new this week.",
  },
  {
    command: "untag",
    group: "Customers",
    summary: "Remove tags from the selected customer.",
    examples: ["/untag #vip"],
  },
  {
    command: "tags",
    group: "Looking things up",
    summary: "The shop's tags: how many customers have each and what they owe, and #tags in notes.",
    examples: ["/tags"],
  },
  {
    command: "link",
    group: "Customers",
    summary: "Link the selected customer with another (a household or a family).",
    examples: ["/link Jane Smith"],
    details: "/summary then shows each linked account and the group's total. /unlink takes the " +
      "selected customer out again; /undo reverses either.",
  },
  {
    command: "unlink",
    group: "Customers",
    summary: "Take the selected customer out of their household.",
    examples: ["/unlink"],
  },
  {
    command: "merge",
    group: "Customers",
    summary: "Merge a duplicate into the selected customer (owner, with the shop PIN).",
    examples: ["/merge Jon Smyth"],
    details:
      "The duplicate's purchases, payments, balance, phones, nicknames and tags move to the " +
      "selected customer, and the duplicate is archived, pointing to them. Asks Yes/No first. " +
      "/undo splits them back exactly.",
  },
  {
    command: "settings",
    group: "Settings",
    summary: "The shop's settings, e.g. archive customers when their balance reaches zero.",
    examples: ["/settings"],
    details: "The owner switches a setting with its button; /undo switches it back.",
  },
  {
    command: "setpin",
    group: "Settings",
    summary: "Owner: set or change the shop PIN (4 to 8 digits).",
    examples: ["/setpin"],
    details: "With a PIN, /pay, /rename, /merge and deleting a customer who owes ask for it. The " +
      "bot deletes the message with the PIN; only a hash is stored. A right PIN stays valid for 5 " +
      "minutes; 5 wrong tries lock PIN actions for that person for 15 minutes. The new PIN is " +
      "asked twice (or /setpin 2468 2468). Changing the PIN asks for the current one first. " +
      "Forgot it? /resetpin.",
  },
];
