/**
 * The bot's front door, before sessions and features: every string of the incoming
 * update is cleaned of what Postgres cannot store (U+0000, lone UTF-16 surrogates), and
 * updates PayTrack cannot act on are dropped quietly (no database call, no reply), so the
 * webhook answers 200 and long polling moves on. Supported: a message or an edited
 * message that has a sender (`from`), and a button press on a message (`message` set).
 * A press on an inline message (only `inline_message_id`) is answered with a notice.
 */
import { Composer } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { PayContext } from "../context.ts";
import { localeOf } from "../lang.ts";
import { translator } from "../../i18n/i18n.ts";

/** Characters Postgres rejects in text or jsonb: NUL and unpaired surrogates. */
// deno-lint-ignore no-control-regex -- matching U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The entity list that describes each text field (offsets count UTF-16 code units). */
const ENTITIES_OF: Record<string, string> = {
  text: "entities",
  caption: "caption_entities",
  question: "question_entities",
  explanation: "explanation_entities",
};

/** `text` without the characters Postgres cannot store (the same string when clean). */
export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, "");
}

/**
 * Cleans every string inside `value` in place (objects and arrays, any depth) and
 * shifts the entities of a cleaned `text`/`caption` so they still cover the same
 * characters. Returns `value`.
 */
export function cleanUpdateStrings<T>(value: T): T {
  walk(value, 0);
  return value;
}

function walk(value: unknown, depth: number): void {
  if (depth > 32 || typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] === "string") value[i] = cleanText(value[i]);
      else walk(value[i], depth + 1);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if (typeof field === "string") {
      const removed = removedPositions(field);
      if (removed.length === 0) continue;
      record[key] = cleanText(field);
      const entities = record[ENTITIES_OF[key] ?? ""];
      if (Array.isArray(entities)) shiftEntities(entities as MessageEntity[], removed);
    } else {
      walk(field, depth + 1);
    }
  }
}

/** The UTF-16 indexes of the characters {@link cleanText} removes, ascending. */
function removedPositions(text: string): number[] {
  const positions: number[] = [];
  for (const match of text.matchAll(UNSTORABLE)) positions.push(match.index);
  return positions;
}

function shiftEntities(entities: MessageEntity[], removed: number[]): void {
  const before = (index: number) => removed.filter((position) => position < index).length;
  for (const entity of entities) {
    if (typeof entity?.offset !== "number" || typeof entity.length !== "number") continue;
    const start = entity.offset - before(entity.offset);
    const end = entity.offset + entity.length - before(entity.offset + entity.length);
    entity.offset = start;
    entity.length = Math.max(0, end - start);
  }
}

/**
 * Commands are matched as typed (grammY is case-sensitive): `/SUMMARY` and `/Search sara`
 * become `/summary` and `/search sara`. Only the command's own ASCII name is lowered (an
 * `@bot` after it keeps its case: grammY compares it without case), so the text keeps its
 * length and every entity offset stays valid.
 */
export function lowerCommand(message: { text?: string; entities?: MessageEntity[] }): void {
  const text = message.text;
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!text || !entity) return;
  const command = text.slice(0, entity.length);
  const at = command.indexOf("@");
  const name = at === -1 ? command : command.slice(0, at);
  if (!/^\/[A-Za-z0-9_]+$/.test(name) || name === name.toLowerCase()) return;
  message.text = name.toLowerCase() + text.slice(name.length);
}

/** The bot a message's command names after @ (`/summary@otherbot`), lower-case, if any. */
function commandTarget(message: { text?: string; entities?: MessageEntity[] }): string | undefined {
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!message.text || !entity) return undefined;
  const command = message.text.slice(0, entity.length);
  const at = command.indexOf("@");
  return at === -1 ? undefined : command.slice(at + 1).toLowerCase();
}

/** Whether a command is addressed to another bot (`/summary@otherbot`): ignored, no reply. */
function forAnotherBot(ctx: PayContext): boolean {
  const message = ctx.update.message;
  const target = message && commandTarget(message);
  if (!target) return false;
  let me: string | undefined;
  try {
    me = ctx.me.username?.toLowerCase();
  } catch {
    return false; // no botInfo yet: let the features decide
  }
  return target !== me;
}

/** Whether PayTrack can act on this update at all. */
function supported(ctx: PayContext): boolean {
  const update = ctx.update;
  if (update.message) return update.message.from !== undefined;
  if (update.edited_message) return update.edited_message.from !== undefined;
  if (update.callback_query) return update.callback_query.message !== undefined;
  return false;
}

/** Cleans the update's strings, then lets only the updates PayTrack handles go on. */
export const unsupportedUpdates = new Composer<PayContext>();

unsupportedUpdates.use(async (ctx, next) => {
  cleanUpdateStrings(ctx.update);
  if (ctx.update.message) lowerCommand(ctx.update.message);
  if (supported(ctx)) {
    if (forAnotherBot(ctx)) return;
    return await next();
  }
  const query = ctx.update.callback_query;
  if (query?.inline_message_id !== undefined) {
    // Answering is only courtesy (it stops the button's spinner); a failure changes nothing.
    await ctx.answerCallbackQuery({ text: translator(localeOf(ctx))("private-only") })
      .catch(() => {});
  }
});
