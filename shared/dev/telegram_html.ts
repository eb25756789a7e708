/**
 * Telegram's HTML parse mode, as far as the local stand-ins need it: turns a message
 * the bot sends with `parse_mode: "HTML"` into the plain text a user would see, and
 * reports the error Telegram would answer for markup it rejects (an unknown tag or
 * attribute, an unescaped `<` or `&`, an unknown entity, a tag left open or closed out
 * of order). Used by the terminal chat and the fake Bot API.
 */

/** Tags the Bot API accepts in HTML mode, with the attributes each may carry. */
const TAGS: Record<string, readonly string[]> = {
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  ins: [],
  s: [],
  strike: [],
  del: [],
  span: ["class"],
  "tg-spoiler": [],
  a: ["href"],
  "tg-emoji": ["emoji-id"],
  "tg-time": ["unix", "format"],
  code: ["class"],
  pre: [],
  blockquote: ["expandable"],
};

/** The named entities Telegram decodes (case-sensitive); any other is refused. */
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** The visible text of an HTML message, or why Telegram would refuse it. */
export type HtmlResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Parses Telegram HTML as strictly as the Bot API documents it ("Formatting options",
 * HTML style): only the supported tags, each with only its attributes (`a href`,
 * `span class="tg-spoiler"`, `tg-emoji emoji-id`, `code class="language-…"` inside
 * `pre`, `blockquote expandable`, `tg-time unix format`), tags closed in order,
 * `blockquote` not nested, nothing inside `code`/`pre` but `pre > code`, every `<`
 * and `&` that is not markup escaped, and only `&lt;` `&gt;` `&amp;` `&quot;` and
 * numeric entities. On success `text` is what the chat shows. (The rules also ask for `>`
 * to be escaped, but Telegram's parser accepts a bare one, so this does too.)
 *
 * @example
 * parseTelegramHtml("<b>Tom &amp; Jerry</b>") // { ok: true, text: "Tom & Jerry" }
 * parseTelegramHtml("1 < 2")                  // { ok: false, error: "… can't parse entities: …" }
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
      const entity = /^&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{0,31});/.exec(
        html.slice(i, i + 40),
      );
      if (!entity) return fail("Character '&' is reserved and must be escaped as &amp;");
      const decoded = decodeEntity(entity[1]);
      if (decoded === undefined) return fail(`Unsupported HTML entity "${entity[0]}"`);
      text += decoded;
      i += entity[0].length;
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
    if (inside.includes("<")) return fail("Unclosed start tag");
    if (inside.startsWith("/")) {
      const name = inside.slice(1).trim().toLowerCase();
      const expected = open.at(-1);
      if (!name) return fail("Empty end tag name");
      if (expected === undefined) return fail(`Unexpected end tag "${name}"`);
      if (name !== expected) {
        return fail(`Unmatched end tag, expected "</${expected}>", found "</${name}>"`);
      }
      open.pop();
      i = end + 1;
      continue;
    }
    const name = /^[a-z][a-z0-9-]*/i.exec(inside)?.[0]?.toLowerCase();
    if (!name) return fail("Empty tag name");
    const allowed = TAGS[name];
    if (!allowed) return fail(`Unsupported start tag "${name}"`);
    const attributes = parseAttributes(inside.slice(name.length));
    if (typeof attributes === "string") return fail(attributes);
    for (const attribute of attributes.keys()) {
      if (!allowed.includes(attribute)) {
        return fail(`Unsupported attribute "${attribute}" in tag "${name}"`);
      }
    }
    const parent = open.at(-1);
    if (parent === "code" || (parent === "pre" && name !== "code")) {
      return fail(`Tag "${name}" can't be inside tag "${parent}"`);
    }
    if (open.includes("a") && (name === "a" || name === "code" || name === "pre")) {
      return fail(`Tag "${name}" can't be inside tag "a"`);
    }
    if (name === "blockquote" && open.includes("blockquote")) {
      return fail('Tag "blockquote" can\'t be inside tag "blockquote"');
    }
    if (name === "span" && attributes.get("class") !== "tg-spoiler") {
      return fail('Tag "span" must have class "tg-spoiler"');
    }
    if (name === "code" && attributes.has("class")) {
      if (parent !== "pre" || !/^language-\S+$/.test(attributes.get("class") ?? "")) {
        return fail('Tag "code" may have class "language-…" only inside tag "pre"');
      }
    }
    if (name === "tg-emoji" && !/^\d+$/.test(attributes.get("emoji-id") ?? "")) {
      return fail('Tag "tg-emoji" must have attribute "emoji-id"');
    }
    if (name === "tg-time" && !/^\d+$/.test(attributes.get("unix") ?? "")) {
      return fail('Tag "tg-time" must have attribute "unix"');
    }
    if (name === "blockquote" && (attributes.get("expandable") ?? "") !== "") {
      return fail('Attribute "expandable" of tag "blockquote" takes no value');
    }
    open.push(name);
    i = end + 1;
  }
  if (open.length) {
    return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]}"`);
  }
  return { ok: true, text };
}

/** A start tag's attributes (entities in values decoded), or why they are malformed. */
function parseAttributes(source: string): Map<string, string> | string {
  const attributes = new Map<string, string>();
  let rest = source;
  while (rest.trim() !== "") {
    if (!/^\s/.test(rest)) return "Expected whitespace before an attribute";
    rest = rest.trimStart();
    const m = /^([a-zA-Z][a-zA-Z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/
      .exec(rest);
    if (!m) return "Malformed attribute";
    const raw = m[2] ?? m[3] ?? m[4] ?? "";
    const value = raw.includes("&") ? parseTelegramHtml(raw) : { ok: true as const, text: raw };
    if (!value.ok) return "Bad entity in an attribute value";
    attributes.set(m[1].toLowerCase(), value.text);
    rest = rest.slice(m[0].length);
  }
  return attributes;
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
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    return code > 0 && code <= 0x10ffff && !surrogate ? String.fromCodePoint(code) : undefined;
  }
  return Object.hasOwn(NAMED, body) ? NAMED[body] : undefined;
}

function byteOffset(text: string, index: number): number {
  return new TextEncoder().encode(text.slice(0, index)).length;
}
