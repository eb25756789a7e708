/**
 * Conversation mode: a command given without its parameters asks for them one at a
 * time, validating each answer with the command's own rules. The pending step lives in
 * the session (Postgres), so it survives cold starts.
 *
 * Three rules keep money where it belongs:
 * - Every answer is parsed with the member's membership loaded from the ledger when the
 *   session lost it (a role change drops it): parsers get it as an argument, so an
 *   amount is always read with the shop's real decimals, never a default.
 * - A command about "the selected customer" is bound to that customer (id and name) in
 *   `Pending.customer` when it starts, and acts on it. Selecting someone else meanwhile
 *   cancels it, naming both (see {@link cancelForNewSelection}).
 * - At a step that expects no number, a message of 4–8 bare digits is treated as a PIN
 *   typed in the wrong place (pin_gate.ts).
 */
import type { NextFunction } from "grammy";
import type { BoundCustomer, PayContext, Pending } from "./context.ts";
import type {
  AdvanceOptions,
  Flow,
  Member,
  Params,
  ParamValue,
  Parsed,
  Step,
} from "./flow_types.ts";
import { said } from "./flow_types.ts";
import type { Translate } from "../i18n/i18n.ts";
import { requireMember } from "./membership.ts";
import { cosmetic, say } from "./replies.ts";
import {
  answerPin,
  hidePinLike,
  looksLikePin,
  PIN_STEP,
  pinGate,
  pinLikeRefusal,
  pinStep,
  shopHasPin,
} from "./pin_gate.ts";
import { bold, escapeHtml } from "../text/html.ts";

export type { BoundCustomer } from "./context.ts";
export { said } from "./flow_types.ts";
export type {
  AdvanceOptions,
  Flow,
  Member,
  Params,
  ParamValue,
  Parsed,
  Step,
} from "./flow_types.ts";

const flows = new Map<string, Flow>();

/** Registers a flow so pending steps can find it after a cold start. */
export function defineFlow(flow: Flow): Flow {
  if (
    flow.steps.some((step, i) => step.secret && !step.conceal && i !== flow.steps.length - 1)
  ) {
    throw new Error(`/${flow.command}: a secret step before the last one must conceal its value`);
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

/** Parses one answer, then conceals a secret one that must be kept until the next step. */
async function parseAnswer(
  ctx: PayContext,
  step: Step,
  text: string,
  member: Member,
  params: Params,
): Promise<Parsed> {
  const parsed = await step.parse(text, ctx, member, params);
  if (parsed.ok && step.conceal && typeof parsed.value === "string") {
    return { ok: true, value: await step.conceal(parsed.value) };
  }
  return parsed;
}

/** "payment", "rename", … for cancellation notices. */
function nounOf(flow: Flow, t: Translate): string {
  return flow.noun ? said(flow.noun, t) : `/${flow.command}`;
}

/** Starts a flow from its command: parses the one-line form, or begins asking. */
export async function beginFlow(ctx: PayContext, flow: Flow): Promise<void> {
  const member = await requireMember(ctx);
  if (!member) return;
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
      const parsed = await parseAnswer(ctx, step, answer, member, params);
      if (!parsed.ok) {
        ctx.session.pending = undefined;
        await say(
          ctx,
          `${said(parsed.error, ctx.t)}\n${
            ctx.t("flow-example", { usage: `<code>${escapeHtml(said(flow.usage, ctx.t))}</code>` })
          }`,
        );
        return;
      }
      params[step.key] = parsed.value;
    }
  }
  // A new command binds to the customer selected now, never to an older pending step's;
  // with none selected, advance asks who it is for.
  const selected = flow.needsCustomer ? ctx.session.selected : undefined;
  if (flow.needsCustomer && !selected) ctx.session.pending = undefined;
  await advance(
    ctx,
    flow,
    params,
    selected ? { customer: { id: selected.id, name: selected.name } } : {},
  );
}

/** The parameters that may be kept in the session: no plain secret. */
function storable(flow: Flow, params: Params): Params {
  const kept = { ...params };
  for (const step of flow.steps) if (step.secret && !step.conceal) delete kept[step.key];
  return kept;
}

/**
 * Asks the next missing parameter, or runs the flow when it has them all (after the shop
 * PIN when the flow needs it; `pinChecked` when it was just given). A flow that needs a
 * customer stays bound to the one it started with (`options.customer`, else the one its
 * pending step holds, else the selected one; with none it asks who it is for).
 */
export async function advance(
  ctx: PayContext,
  flow: Flow,
  params: Params,
  options: boolean | AdvanceOptions = false,
): Promise<void> {
  const opts: AdvanceOptions = typeof options === "boolean" ? { pinChecked: options } : options;
  const member = await requireMember(ctx);
  if (!member) return;
  let customer = opts.customer;
  const pending = ctx.session.pending;
  if (!customer && pending?.command === flow.command) customer = pending.customer;
  if (!customer && flow.needsCustomer) {
    const selected = ctx.session.selected;
    if (!selected) {
      ctx.session.pending = { command: flow.command, step: "", params, choosingCustomer: true };
      const who = flow.whoQuestion ? said(flow.whoQuestion, ctx.t) : ctx.t("flow-who");
      await say(ctx, ctx.t("flow-who-find", { who }));
      return;
    }
    customer = { id: selected.id, name: selected.name };
  }
  const next = flow.steps.find((step) => !(step.key in params));
  if (next) {
    const waiting: Pending = {
      command: flow.command,
      step: next.key,
      params: storable(flow, params),
    };
    if (customer) waiting.customer = customer;
    await ask(ctx, next, waiting);
    return;
  }
  const needsPin = typeof flow.pin === "function" ? flow.pin(params) : flow.pin === true;
  if (needsPin && !opts.pinChecked && !(await pinGate(ctx, flow, params, customer))) return;
  ctx.session.pending = undefined;
  await flow.run(ctx, params, customer);
}

/** Makes `pending` the step waited for and asks its question (after `before`, when given). */
async function ask(ctx: PayContext, step: Step, pending: Pending, before?: string): Promise<void> {
  ctx.session.pending = pending;
  const question = questionOf(step, pending, ctx.t);
  await say(ctx, before ? `${before}\n${question}` : question, await step.buttons?.(ctx));
}

/**
 * Starts a flow over from its first step, forgetting what it gathered, after `message`
 * (e.g. "❌ The two PINs differ; nothing changed."). For a flow's `run` that finds its
 * answers disagree; the flow stays bound to the customer it acts on, if any.
 */
export async function restartFlow(
  ctx: PayContext,
  flow: Flow,
  message: string,
  customer?: BoundCustomer,
): Promise<void> {
  const first = flow.steps[0];
  if (!first) throw new Error(`/${flow.command} has no step to start over from`);
  const pending: Pending = { command: flow.command, step: first.key, params: {} };
  if (customer) pending.customer = customer;
  await ask(ctx, first, pending, message);
}

/** Ends whatever command is pending (/cancel, leaving the shop, …): nothing more is asked. */
export function endFlow(ctx: PayContext): void {
  ctx.session.pending = undefined;
}

/** A list parameter (e.g. a name and its nicknames); a plain string is a list of one. */
export function listParam(value: ParamValue | undefined): string[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [String(value)];
}

/** A step's question (naming the bound customer when there is one) with how to skip or cancel. */
export function questionOf(step: Step, pending: Pending | undefined, t: Translate): string {
  const question = pending?.customer && step.ask
    ? step.ask(pending.customer, pending.params, t)
    : said(step.question, t);
  return `${question}\n<i>${t(step.optional ? "flow-skip-or-cancel" : "flow-cancel")}</i>`;
}

/**
 * When the member selects `next` (or clears the selection) while a command bound to
 * another customer waits, that command is cancelled: it would otherwise act on someone
 * the latest reply doesn't name. Returns the notice to show, or "" when nothing waits.
 */
export function cancelForNewSelection(
  ctx: PayContext,
  next: { id: number; name: string } | undefined,
): string {
  const pending = ctx.session.pending;
  if (!pending?.customer || pending.choosingCustomer || pending.customer.id === next?.id) {
    return "";
  }
  const flow = flowNamed(pending.command);
  ctx.session.pending = undefined;
  const what = flow ? nounOf(flow, ctx.t) : `/${pending.command}`;
  const args = { what: escapeHtml(what), customer: bold(pending.customer.name) };
  return next
    ? ctx.t("flow-cancelled-selected", { ...args, selected: bold(next.name) })
    : ctx.t("flow-cancelled-none", args);
}

/** Handles a text answer to the pending step: validates it, then asks the next or runs. */
export async function answerStep(ctx: PayContext, text: string): Promise<void> {
  const pending = ctx.session.pending!;
  const flow = flowNamed(pending.command);
  const step = stepOf(flow, pending.step);
  if (flow && step === pinStep) {
    if (!(await requireMember(ctx))) return;
    if (await answerPin(ctx, text, flow, pending)) {
      await advance(ctx, flow, pending.params, { pinChecked: true, customer: pending.customer });
    }
    return;
  }
  if (step?.secret) await cosmetic(() => ctx.deleteMessage());
  if (!flow || !step) {
    ctx.session.pending = undefined;
    await say(ctx, ctx.t("flow-expired"));
    return;
  }
  // The membership first: a role change may have dropped it, and parsers need the shop's decimals.
  const member = await requireMember(ctx);
  if (!member) return;
  if (step.searches) await hidePinLike(ctx, text);
  else if (!step.numeric && !step.secret && looksLikePin(text)) {
    if (await shopHasPin(ctx)) await cosmetic(() => ctx.deleteMessage());
    await say(ctx, `${pinLikeRefusal(ctx.t)}\n${questionOf(step, pending, ctx.t)}`);
    return;
  }
  const parsed = await parseAnswer(ctx, step, text, member, pending.params);
  if (!parsed.ok) {
    await say(ctx, `${said(parsed.error, ctx.t)}\n${questionOf(step, pending, ctx.t)}`);
    return;
  }
  await advance(ctx, flow, { ...pending.params, [step.key]: parsed.value }, {
    customer: pending.customer,
  });
}

/** /skip on an optional step. */
export async function skipStep(ctx: PayContext): Promise<void> {
  const pending = ctx.session.pending;
  const flow = pending && flowNamed(pending.command);
  const step = pending && stepOf(flow, pending.step);
  if (!pending || !flow || !step || pending.choosingCustomer) {
    await say(ctx, ctx.t("flow-nothing-to-skip"));
    return;
  }
  if (!step.optional) {
    await say(ctx, `${ctx.t("flow-cannot-skip")}\n${questionOf(step, pending, ctx.t)}`);
    return;
  }
  await advance(ctx, flow, { ...pending.params, [step.key]: null }, {
    customer: pending.customer,
  });
}

/**
 * Commands that leave a pending step as it is: /help explains it (and says it still
 * waits), /cancel and /skip act on it, /start greets. While the step asks who a command is
 * for, /search answers that question; while it is bound to a customer, /search is a new
 * selection, which cancels it naming both, or keeps it for the same customer
 * ({@link cancelForNewSelection}).
 */
const KEEPS_STEP: ReadonlySet<string> = new Set(["help", "cancel", "skip", "start"]);
const SELECTS: ReadonlySet<string> = new Set(["search"]);

/** The command a message starts with (`/pay 30` → "pay"), lower-case, without any @bot. */
function commandOf(ctx: PayContext): string | undefined {
  const text = ctx.message?.text;
  const entity = ctx.message?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!text || !entity) return undefined;
  return text.slice(1, entity.length).split("@")[0].toLowerCase();
}

/**
 * When a new command interrupts a pending step, the step is dropped and the member is told
 * so first ("✖️ The payment for John Smith you were entering was dropped."), naming what and
 * for whom; /help, /cancel, /skip and /start keep it (see {@link KEEPS_STEP}). The one place
 * that decides: a middleware ahead of the command features.
 */
export async function stepInterruptions(ctx: PayContext, next: NextFunction): Promise<void> {
  const command = commandOf(ctx);
  const pending = command ? ctx.session.pending : undefined;
  if (
    !command || !pending || KEEPS_STEP.has(command) ||
    ((pending.choosingCustomer || pending.customer) && SELECTS.has(command))
  ) {
    return await next();
  }
  ctx.session.pending = undefined;
  const flow = flowNamed(pending.command);
  const what = escapeHtml(flow ? nounOf(flow, ctx.t) : `/${pending.command}`);
  await say(
    ctx,
    pending.customer
      ? ctx.t("flow-dropped", { what, customer: bold(pending.customer.name) })
      : ctx.t("flow-dropped-plain", { what }),
  );
  await next();
}
