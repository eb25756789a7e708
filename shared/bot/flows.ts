/**
 * Conversation mode: a command given without its parameters asks for them one at a
 * time, validating each answer with the command's own rules. The pending step lives in
 * the session (Postgres), so it survives cold starts.
 */
import type { InlineKeyboard } from "grammy";
import type { PayContext } from "./context.ts";
import { requireMember } from "./membership.ts";
import { cosmetic, say } from "./replies.ts";
import { answerPin, PIN_STEP, pinGate, pinStep } from "./pin_gate.ts";
import { escapeHtml } from "../text/html.ts";

export type Params = Record<string, string | number | boolean | null>;
export type Parsed = { ok: true; value: string | number | boolean | null } | {
  ok: false;
  error: string;
};

/** One parameter a command asks for. */
export interface Step {
  key: string;
  /** The question, e.g. "What's the customer's name?". */
  question: string;
  /** May be skipped with /skip. */
  optional?: boolean;
  /** Validates an answer. */
  parse(text: string, ctx: PayContext): Parsed;
  /**
   * A secret (a new PIN): its message is deleted and it is never kept in the session,
   * so it must be the last step.
   */
  secret?: boolean;
  /** Buttons shown with the question (e.g. recent answers); called once the step is pending. */
  buttons?(ctx: PayContext): Promise<InlineKeyboard | undefined>;
}

/** A command that gathers parameters, then runs. */
export interface Flow {
  command: string;
  /** Usage shown when the one-line form is wrong, e.g. "/pay 30 | cash". */
  usage: string;
  /** Works on the selected customer: asks to pick one first when none is selected. */
  needsCustomer?: boolean;
  steps: Step[];
  /** Splits the one-line form ("/pay 30 | cash") into raw answers per step key. */
  split(args: string): Record<string, string>;
  /**
   * PIN-protected: when the shop has a PIN and the member gave none in the last minutes,
   * ask for it before running (a function decides per run, e.g. only once confirmed).
   */
  pin?: boolean | ((params: Params) => boolean);
  run(ctx: PayContext, params: Params): Promise<void>;
}

const flows = new Map<string, Flow>();

/** Registers a flow so pending steps can find it after a cold start. */
export function defineFlow(flow: Flow): Flow {
  if (flow.steps.some((step, i) => step.secret && i !== flow.steps.length - 1)) {
    throw new Error(`/${flow.command}: a secret step must be the last one`);
  }
  flows.set(flow.command, flow);
  return flow;
}

/** The flow of a pending command. */
export function flowNamed(command: string): Flow | undefined {
  return flows.get(command);
}

/** The step a pending command waits for (the shop PIN included). */
export function stepOf(flow: Flow | undefined, key: string): Step | undefined {
  if (!flow) return undefined;
  return key === PIN_STEP ? pinStep : flow.steps.find((step) => step.key === key);
}

/** Splits "a | b | c" into trimmed parts (at most `max`; the rest stays in the last). */
export function splitPipes(args: string, max: number): string[] {
  const parts = args.split("|");
  if (parts.length > max) parts.splice(max - 1, parts.length, parts.slice(max - 1).join("|"));
  return parts.map((part) => part.trim());
}

/** Starts a flow from its command: parses the one-line form, or begins asking. */
export async function beginFlow(ctx: PayContext, flow: Flow): Promise<void> {
  if (!(await requireMember(ctx))) return;
  const args = typeof ctx.match === "string" ? ctx.match.trim() : "";
  const params: Params = {};
  if (args) {
    // One-line form: validate every part given; optional parts not given are skipped.
    const raw = flow.split(args);
    for (const step of flow.steps) {
      const answer = raw[step.key];
      if (answer === undefined || answer === "") {
        if (step.optional) params[step.key] = null;
        continue;
      }
      const parsed = step.parse(answer, ctx);
      if (!parsed.ok) {
        ctx.session.pending = undefined;
        await say(ctx, `${parsed.error}\nExample: <code>${escapeHtml(flow.usage)}</code>`);
        return;
      }
      params[step.key] = parsed.value;
    }
  }
  if (flow.needsCustomer && !ctx.session.selected) {
    ctx.session.pending = { command: flow.command, step: "", params, choosingCustomer: true };
    await say(ctx, "Who is it for? Send a name, phone or #tag to find the customer (or /cancel).");
    return;
  }
  await advance(ctx, flow, params);
}

/**
 * Asks the next missing parameter, or runs the flow when it has them all (after the shop
 * PIN when the flow needs it; `pinChecked` when it was just given).
 */
export async function advance(
  ctx: PayContext,
  flow: Flow,
  params: Params,
  pinChecked = false,
): Promise<void> {
  const next = flow.steps.find((step) => !(step.key in params));
  if (next) {
    ctx.session.pending = { command: flow.command, step: next.key, params };
    await say(ctx, questionOf(next), await next.buttons?.(ctx));
    return;
  }
  const needsPin = typeof flow.pin === "function" ? flow.pin(params) : flow.pin === true;
  if (needsPin && !pinChecked && !(await pinGate(ctx, flow, params))) return;
  ctx.session.pending = undefined;
  await flow.run(ctx, params);
}

/** A step's question with how to skip or cancel. */
export function questionOf(step: Step): string {
  return `${step.question}\n<i>${
    step.optional ? "/skip to leave it out, " : ""
  }/cancel to stop.</i>`;
}

/** Handles a text answer to the pending step: validates it, then asks the next or runs. */
export async function answerStep(ctx: PayContext, text: string): Promise<void> {
  const pending = ctx.session.pending!;
  const flow = flowNamed(pending.command);
  const step = stepOf(flow, pending.step);
  if (flow && step === pinStep) {
    if (await answerPin(ctx, text)) await advance(ctx, flow, pending.params, true);
    return;
  }
  if (step?.secret) await cosmetic(() => ctx.deleteMessage());
  if (!flow || !step) {
    ctx.session.pending = undefined;
    await say(ctx, "That step has expired. Please start the command again.");
    return;
  }
  const parsed = step.parse(text, ctx);
  if (!parsed.ok) {
    await say(ctx, `${parsed.error}\n${questionOf(step)}`);
    return;
  }
  await advance(ctx, flow, { ...pending.params, [step.key]: parsed.value });
}

/** /skip on an optional step. */
export async function skipStep(ctx: PayContext): Promise<void> {
  const pending = ctx.session.pending;
  const flow = pending && flowNamed(pending.command);
  const step = pending && stepOf(flow, pending.step);
  if (!pending || !flow || !step || pending.choosingCustomer) {
    await say(ctx, "There is nothing to skip right now.");
    return;
  }
  if (!step.optional) {
    await say(ctx, `This one can't be skipped.\n${questionOf(step)}`);
    return;
  }
  await advance(ctx, flow, { ...pending.params, [step.key]: null });
}
