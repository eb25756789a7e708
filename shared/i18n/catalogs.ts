/**
 * Every catalog, by language and area, as Fluent source bundled into the code: the edge
 * function reads no file at run time. A new area adds one file per language here.
 */
import type { Locale } from "../domain/language.ts";
import en_core from "./en/core.ts";
import en_help from "./en/help.ts";
import en_access from "./en/access.ts";
import en_customers from "./en/customers.ts";
import en_recording from "./en/recording.ts";
import en_search from "./en/search.ts";
import en_history from "./en/history.ts";
import en_transactions from "./en/transactions.ts";
import en_tags from "./en/tags.ts";
import en_links from "./en/links.ts";
import en_pin from "./en/pin.ts";
import en_settings from "./en/settings.ts";
import en_team from "./en/team.ts";
import en_spending from "./en/spending.ts";
import en_export from "./en/export.ts";
import en_connect from "./en/connect.ts";
import en_receipts from "./en/receipts.ts";
import en_credit from "./en/credit.ts";
import en_overdue from "./en/overdue.ts";
import en_reminders from "./en/reminders.ts";
import en_digest from "./en/digest.ts";
import ar_core from "./ar/core.ts";
import ar_help from "./ar/help.ts";
import ar_access from "./ar/access.ts";
import ar_customers from "./ar/customers.ts";
import ar_recording from "./ar/recording.ts";
import ar_search from "./ar/search.ts";
import ar_history from "./ar/history.ts";
import ar_transactions from "./ar/transactions.ts";
import ar_tags from "./ar/tags.ts";
import ar_links from "./ar/links.ts";
import ar_pin from "./ar/pin.ts";
import ar_settings from "./ar/settings.ts";
import ar_team from "./ar/team.ts";
import ar_spending from "./ar/spending.ts";
import ar_export from "./ar/export.ts";
import ar_connect from "./ar/connect.ts";
import ar_receipts from "./ar/receipts.ts";
import ar_credit from "./ar/credit.ts";
import ar_overdue from "./ar/overdue.ts";
import ar_reminders from "./ar/reminders.ts";
import ar_digest from "./ar/digest.ts";

/** The Fluent source of each area, per language (the same areas in every language). */
export const CATALOGS: Record<Locale, Record<string, string>> = {
  en: {
    core: en_core,
    help: en_help,
    access: en_access,
    customers: en_customers,
    recording: en_recording,
    search: en_search,
    history: en_history,
    transactions: en_transactions,
    tags: en_tags,
    links: en_links,
    pin: en_pin,
    settings: en_settings,
    team: en_team,
    spending: en_spending,
    export: en_export,
    connect: en_connect,
    receipts: en_receipts,
    credit: en_credit,
    overdue: en_overdue,
    reminders: en_reminders,
    digest: en_digest,
  },
  ar: {
    core: ar_core,
    help: ar_help,
    access: ar_access,
    customers: ar_customers,
    recording: ar_recording,
    search: ar_search,
    history: ar_history,
    transactions: ar_transactions,
    tags: ar_tags,
    links: ar_links,
    pin: ar_pin,
    settings: ar_settings,
    team: ar_team,
    spending: ar_spending,
    export: ar_export,
    connect: ar_connect,
    receipts: ar_receipts,
    credit: ar_credit,
    overdue: ar_overdue,
    reminders: ar_reminders,
    digest: ar_digest,
  },
};
