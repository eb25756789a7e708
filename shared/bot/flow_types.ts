/**
 * The shapes of conversation mode: a {@link Flow} (a command that gathers parameters,
 * then runs) and its {@link Step}s. flows.ts (the engine) and pin_gate.ts (the PIN step)
 * both import them from here, so neither imports the other back.
 */
import type { InlineKeyboard } from "grammy";
import type { Translate } from "../i18n/i18n.ts";
import type { BoundCustomer, ParamValue, PayContext, SessionData } from "./context.ts";

export type { ParamValue } from "./context.ts";
/** What a flow has gathered, by step key (plain JSON: it is kept in the session). */
export type Params = Record<string, ParamValue>;
/** A step's answer, parsed: a value (a list too, e.g. a name and its nicknames) or why not. */
export type Parsed = { ok: true; value: ParamValue } | {
  ok: false;
  error: Text;
};

/**
 * Words a flow shows: a function of the member's translator (`(t) => t("customers-step-name")`),
 * or a plain string (HTML) already in the right language. {@link said} turns either into text.
 */
export type Text = string | ((t: Translate) => string);

/** The text of a {@link Text} in the language of `t`. */
export function said(text: Text, t: Translate): string {
  return typeof text === "function" ? text(t) : text;
}
/** The member as the session caches it (role, shop, currency and its decimals). */
export type Member = NonNullable<SessionData["member"]>;

/** One parameter a command asks for. */
export interface Step {
  key: string;
  /** The question, e.g. "What's the customer's name?". */
  question: Text;
  /** The question once the command is bound to a customer, naming them. */
  ask?(customer: BoundCustomer, params: Params, t: Translate): string;
  /** May be skipped with /skip. */
  optional?: boolean;
  /**
   * Validates an answer. `member` is always loaded (the engine reloads it from the ledger
   * when the session dropped it), so amounts are parsed with the shop's real decimals.
   */
  parse(text: string, ctx: PayContext, member: Member, params: Params): Parsed | Promise<Parsed>;
  /**
   * A secret (a new PIN): its message is deleted and its plain value is never kept in the
   * session. A secret step that is not the last one must `conceal` its value: only what
   * conceal returns (e.g. a salted slow hash) is kept until the next step.
   */
  secret?: boolean;
  /** Turns a secret answer into what may be kept in the session until the flow runs. */
  conceal?(value: string): Promise<string>;
  /**
   * Expects a number (an amount, a phone, a PIN): 4–8 bare digits are a fair answer here.
   * Elsewhere they look like a PIN typed in the wrong place and are refused unread.
   */
  numeric?: boolean;
  /**
   * A search for a customer (by name, phone or #tag): 4–8 bare digits are searched (a
   * phone), but never quoted in a reply, and deleted when the shop has a PIN.
   */
  searches?: boolean;
  /** Buttons shown with the question (e.g. recent answers); called once the step is pending. */
  buttons?(ctx: PayContext): Promise<InlineKeyboard | undefined>;
}

/** A command that gathers parameters, then runs. */
export interface Flow {
  command: string;
  /** Usage shown when the one-line form is wrong, e.g. "/pay 30 | cash". */
  usage: Text;
  /** Works on the selected customer: asks to pick one first when none is selected. */
  needsCustomer?: boolean;
  /**
   * How to ask for the customer when none is selected (default "Who is it for?"), e.g.
   * "Whose transactions?". The engine adds how to find one.
   */
  whoQuestion?: Text;
  steps: Step[];
  /** Splits the one-line form ("/pay 30 | cash") into raw answers per step key. */
  split(args: string): Record<string, string>;
  /**
   * PIN-protected: when the shop has a PIN and the member gave none in the last minutes,
   * ask for it before running (a function decides per run, e.g. only once confirmed).
   */
  pin?: boolean | ((params: Params) => boolean);
  /**
   * What running it will do, for the PIN prompt: "record a payment of $30.00 for John
   * Smith" ("🔒 PIN to record a payment of $30.00 for John Smith").
   */
  action?(
    params: Params,
    customer: BoundCustomer | undefined,
    member: Member,
    t: Translate,
  ): string;
  /** The command as a noun, for "The payment for John Smith was cancelled…" (default /command). */
  noun?: Text;
  /** Runs it; a flow that needs a customer gets the one it is bound to. */
  run(ctx: PayContext, params: Params, customer?: BoundCustomer): Promise<void>;
}

/** How {@link advance} goes on. */
export interface AdvanceOptions {
  /** The shop PIN was just given for this run. */
  pinChecked?: boolean;
  /** The customer the command acts on (else the pending one of the same command, else the selected one). */
  customer?: BoundCustomer;
}
