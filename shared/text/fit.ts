/**
 * Making replies fit Telegram's limits. Telegram counts a message's length after it
 * parses the HTML (tags do not count, `&amp;` counts as one), in UTF-16 code units, and
 * refuses a text over 4,096. Lists are built by that visible length: {@link fitLines}
 * keeps the lines that fit and says how many were left out; {@link clip} caps what one
 * entry contributes; {@link truncateHtml} is the last line of defence for a whole reply.
 */
import { escapeHtml } from "./html.ts";

/** Telegram's limit on a message text, in UTF-16 code units after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/** The budget lists plan for: the limit less room for a header, a footer and a guard. */
export const LIST_BUDGET = 3500;

/** How long a note is shown in a list (visible characters, "…" included). */
export const NOTE_IN_LIST = 200;

/** How many tags one list entry shows before "+N". */
export const TAGS_IN_LIST = 6;

const ENTITY = /&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});/g;

/** How long `html` is as Telegram counts it: tags removed, entities as one character each. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(ENTITY, (e) => decodeEntity(e)).length;
}

/**
 * Plain text cut to at most `max` UTF-16 units, ending in "…" when cut; never splits a
 * surrogate pair. Escape the result afterwards (it is not HTML).
 *
 * @example clip("groceries for the week", 10) // "groceries…"
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // a high surrogate: keep the pair whole
  return `${text.slice(0, end).trimEnd()}…`;
}

/** `clip` then `escapeHtml`: a user's text, capped, ready for an HTML message. */
export function clipHtml(text: string, max: number): string {
  return escapeHtml(clip(text, max));
}

/** "#a #b #c +4": at most `max` tags, escaped, the rest counted. */
export function tagsText(tags: readonly string[], max = TAGS_IN_LIST): string {
  const shown = tags.slice(0, max).map((t) => `#${clip(t, 32)}`).join(" ");
  return escapeHtml(shown) + (tags.length > max ? ` +${tags.length - max}` : "");
}

/** What {@link fitLines} kept. */
export interface Fitted {
  /** The lines that fit, in order. */
  lines: string[];
  /** How many of the given lines were left out (from the end). */
  omitted: number;
}

/**
 * Keeps lines from the start while their visible length, with a newline between them,
 * stays within `budget`. A line longer than the whole budget is cut (HTML kept valid)
 * when it would be the first; later ones stop the list.
 *
 * @example
 * const { lines, omitted } = fitLines(rows, LIST_BUDGET - visibleLength(header));
 * if (omitted) lines.push(`…and ${omitted} more`);
 */
export function fitLines(lines: readonly string[], budget: number): Fitted {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const length = visibleLength(line) + (kept.length ? 1 : 0);
    if (used + length > budget) {
      if (kept.length === 0 && budget > 1) {
        kept.push(truncateHtml(line, budget));
        return { lines: kept, omitted: lines.length - 1 };
      }
      break;
    }
    kept.push(line);
    used += length;
  }
  return { lines: kept, omitted: lines.length - kept.length };
}

/**
 * HTML cut so that its visible text is at most `max` UTF-16 units, ending in "…" when
 * cut: never inside a tag or an entity, never between a surrogate pair, and every tag
 * left open is closed in order.
 */
export function truncateHtml(html: string, max = MESSAGE_LIMIT): string {
  if (visibleLength(html) <= max) return html;
  const open: string[] = [];
  let out = "";
  let used = 0;
  let i = 0;
  const room = max - 1; // for the "…"
  while (i < html.length) {
    if (html[i] === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) break;
      const tag = html.slice(i, end + 1);
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(tag)?.[1]?.toLowerCase();
      if (name && tag[1] === "/") open.pop();
      else if (name) open.push(name);
      out += tag;
      i = end + 1;
      continue;
    }
    let piece = html[i];
    if (piece === "&") {
      const sticky = new RegExp(ENTITY.source, "y");
      sticky.lastIndex = i;
      const entity = sticky.exec(html);
      if (entity) piece = entity[0];
    } else {
      const code = html.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < html.length) piece = html.slice(i, i + 2);
    }
    const length = piece[0] === "&" && piece.length > 1 ? decodeEntity(piece).length : piece.length;
    if (used + length > room) break;
    out += piece;
    used += length;
    i += piece.length;
  }
  out = out.replace(/<[^>]*$/, "");
  return `${out}…${open.reverse().map((name) => `</${name}>`).join("")}`;
}

function decodeEntity(entity: string): string {
  switch (entity) {
    case "&lt;":
      return "<";
    case "&gt;":
      return ">";
    case "&amp;":
      return "&";
    case "&quot;":
      return '"';
  }
  const body = entity.slice(2, -1);
  const code = body[0] === "x" || body[0] === "X" ? parseInt(body.slice(1), 16) : Number(body);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}
