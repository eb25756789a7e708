/** The context every PayTrack handler receives: grammY's, plus the session and the ledger. */
import type { Context, SessionFlavor } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Digits, Locale } from "../domain/language.ts";
import type { Ledger, MemberRole } from "../db/ledger.ts";

/** The customer a pending command acts on, captured when it started. */
export interface BoundCustomer {
  id: number;
  /** Their name when the command started, for prompts and notices. */
  name: string;
}

/** A command waiting for more input (conversation mode). */
/** One parameter of a pending command: plain JSON, a list of strings included. */
export type ParamValue = string | number | boolean | null | string[];

export interface Pending {
  /** The command being completed, e.g. "addcustomer". */
  command: string;
  /** The parameter being asked for. */
  step: string;
  /** Parameters gathered so far (plain JSON). */
  params: Record<string, ParamValue>;
  /** True while we wait for the user to pick a customer before continuing. */
  choosingCustomer?: boolean;
  /**
   * The customer the command was started for (commands on "the selected customer"): it
   * acts on them, and is cancelled when the member selects someone else meanwhile.
   */
  customer?: BoundCustomer;
}

/** What PayTrack remembers per member between updates (stored in Postgres). */
export interface SessionData {
  /**
   * Cached membership: role, the shop's currency, and how to speak to the member (their
   * language and digits, the shop's time zone). The ledger re-checks the role on every call.
   */
  member?: {
    role: MemberRole;
    shopName: string;
    currency: string;
    minorUnit: number;
    /** The language spoken to them: their own, else their Telegram app's, else the shop's. */
    language?: Locale;
    digits?: Digits;
    /** The shop's IANA time zone. */
    timeZone?: string;
  };
  /** The customer commands act on. */
  selected?: { id: number; name: string };
  pending?: Pending;
  /** The last /search query, for its page buttons. */
  lastQuery?: string;
  /** A customer /addcustomer holds back until the member answers its duplicate warning (customers.ts). */
  heldCustomer?: { fullName: string; nicknames: string[]; phone: string | null };
  /** The last /transactions list (customer and filter), for its page buttons. */
  lastTransactions?: { customerId: number; filter: string | null };
}

/** Dependencies handlers reach through the context. */
export interface BotServices {
  ledger: Ledger;
  /** Telegram ids allowed to open their own shop (OWNER_TELEGRAM_IDS); empty = first /start claims the bot. */
  ownerIds: readonly number[];
  /** ISO 4217 code for new shops. */
  defaultCurrency: string;
  /** IANA time zone for new shops (DEFAULT_TIMEZONE). */
  defaultTimeZone: string;
}

export type PayContext = Context & SessionFlavor<SessionData> & I18nFlavor & {
  services: BotServices;
};
