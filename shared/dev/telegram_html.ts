/**
 * Telegram's HTML parse mode, as far as the local stand-ins need it: turns a message
 * the bot sends with `parse_mode: "HTML"` into the plain text a user would see, and
 * reports the error Telegram would answer for markup it rejects (an unknown tag, an
 * unescaped `<`, a tag left open). Used by the terminal chat and the fake Bot API.
 */

/** Tags the Bot API accepts in HTML mode. */
const TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "tg-emoji",
  "tg-time",
  "code",
  "pre",
  "blockquote",
]);

/** The named entities Telegram decodes; any other `&` is kept as it is. */
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** The visible text of an HTML message, or why Telegram would refuse it. */
export type HtmlResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Parses Telegram HTML. On success `text` is what the chat shows: tags removed,
 * `&lt;` `&gt;` `&amp;` `&quot;` and numeric entities decoded.
 *
 * @example
 * parseTelegramHtml("<b>Tom &amp; Jerry</b>") // { ok: true, text: "Tom & Jerry" }
 * parseTelegramHtml("1 < 2")                  // { ok: false, error: "can't parse entities: …" }
 */
export function parseTelegramHtml(html: string): HtmlResult {
  const open: string[] = [];
  let text = "";
  let i = 0;
  const fail = (why: string): HtmlResult => ({
    ok: false,
    error: `Bad Request: can't parse entities: ${why} at byte offset ${byteOffset(html, i)}`,
  });
  while (i < html.length) {
    const ch = html[i];
    if (ch === "&") {
      const entity = /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/i.exec(html.slice(i, i + 12));
      const decoded = entity ? decodeEntity(entity[1]) : undefined;
      if (entity && decoded !== undefined) {
        text += decoded;
        i += entity[0].length;
        continue;
      }
      text += ch;
      i++;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const end = html.indexOf(">", i);
    if (end < 0) return fail("Unclosed start tag");
    const inside = html.slice(i + 1, end);
    if (inside.startsWith("/")) {
      const name = inside.slice(1).trim().toLowerCase();
      const expected = open.pop();
      if (expected === undefined) return fail(`Unexpected end tag "${name}"`);
      if (name !== expected && name !== "") {
        return fail(`Unmatched end tag, expected "</${expected}>", found "</${name}>"`);
      }
    } else {
      const name = /^[a-z][a-z0-9-]*/i.exec(inside)?.[0]?.toLowerCase();
      if (!name) return fail("Empty tag name");
      if (!TAGS.has(name)) return fail(`Unsupported start tag "${name}"`);
      const attributes = inside.slice(name.length);
      if (name === "span" && !/class\s*=\s*["']?tg-spoiler/.test(attributes)) {
        return fail('Tag "span" must have class "tg-spoiler"');
      }
      open.push(name);
    }
    i = end + 1;
  }
  if (open.length) {
    return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]}"`);
  }
  return { ok: true, text };
}

/**
 * Telegram's MarkdownV2, loosely: drops the formatting marks and backslash escapes.
 * (PayTrack sends HTML; this only keeps the terminal readable if that ever changes.)
 */
export function stripMarkdownV2(text: string): string {
  return text.replace(/\\([\\_*\[\]()~`>#+\-=|{}.!])|[*_~`]|\|\|/g, (_, escaped) => escaped ?? "");
}

/** The visible text for a given parse_mode, or why Telegram would refuse it. */
export function visibleText(text: string, parseMode: unknown): HtmlResult {
  if (parseMode === "HTML") return parseTelegramHtml(text);
  if (parseMode === "MarkdownV2" || parseMode === "Markdown") {
    return { ok: true, text: stripMarkdownV2(text) };
  }
  return { ok: true, text };
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith("#")) {
    const code = body[1] === "x" || body[1] === "X"
      ? parseInt(body.slice(2), 16)
      : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[body.toLowerCase()];
}

function byteOffset(text: string, index: number): number {
  return new TextEncoder().encode(text.slice(0, index)).length;
}
