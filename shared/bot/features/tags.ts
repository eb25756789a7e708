/**
 * /tag #vip #neighbor and /untag #vip on the selected customer; /tags lists the shop's
 * tags with how many customers have each and what they owe together, and the #tags
 * written in notes. `/search #vip` finds tagged customers (search.ts).
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LIMITS, TAG_PATTERN } from "../../domain/limits.ts";
import { money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { fitLines, LIST_BUDGET, visibleLength } from "../../text/fit.ts";
import type { TagList } from "../../db/ledger/tags.ts";
import type { PayContext } from "../context.ts";
import { type Lang, langOf } from "../lang.ts";
import { translator } from "../../i18n/i18n.ts";
import { changeBy } from "../change.ts";
import { beginFlow, defineFlow, type Flow, type Parsed } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { findAndPick } from "../selection.ts";

/** "#vip #neighbor" (or "vip, neighbor"): lower-case tags without the #, space-separated. */
export function parseTags(text: string): Parsed {
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return { ok: false, error: (t) => t("tags-none-named") };
  const tags: string[] = [];
  for (const word of words) {
    const m = word.match(TAG_PATTERN);
    if (!m) {
      const bad = escapeHtml(word.slice(0, 40));
      return {
        ok: false,
        error: (t) => t("tags-not-a-tag", { word: bad, max: String(LIMITS.tag) }),
      };
    }
    const tag = m[1].toLowerCase();
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > LIMITS.tagsPerCustomer) {
    return {
      ok: false,
      error: (t) => t("tags-too-many", { max: String(LIMITS.tagsPerCustomer) }),
    };
  }
  return { ok: true, value: tags.join(" ") };
}

const hashtags = (tags: string[]) => escapeHtml(tags.map((t) => `#${t}`).join(" "));

function tagFlow(remove: boolean): Flow {
  return defineFlow({
    command: remove ? "untag" : "tag",
    usage: remove ? "/untag #vip" : "/tag #vip #neighbor",
    needsCustomer: true,
    steps: [{
      key: "tags",
      question: (t) => t(remove ? "tags-step-remove" : "tags-step-add"),
      ask: (c, _params, t) =>
        t(remove ? "tags-step-remove-for" : "tags-step-add-for", { customer: bold(c.name) }),
      parse: parseTags,
    }],
    split: (args) => ({ tags: args }),
    noun: (t) => t(remove ? "tags-noun-untag" : "tags-noun-tag"),
    async run(ctx, params, customer) {
      const customerId = customer!.id;
      await withLoader(ctx, ctx.t(remove ? "tags-loader-remove" : "tags-loader-add"), async () => {
        const r = await ctx.services.ledger.tags.tag({
          ...changeBy(ctx),
          customerId,
          tags: String(params.tags).split(" "),
          remove,
        });
        const now = r.customer.tags.length ? hashtags(r.customer.tags) : ctx.t("tags-no-tags");
        return {
          text: ctx.t(remove ? "tags-removed" : "tags-added", {
            tags: hashtags(r.changed),
            customer: bold(r.customer.full_name),
            now,
          }),
        };
      });
    },
  });
}

export const tagCustomerFlow = tagFlow(false);
export const untagCustomerFlow = tagFlow(true);

export const tags = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const tagsCommands = defineCommands({
  tag: {
    area: "tags",
    role: "member",
    menu: true,
  },
  untag: {
    area: "tags",
    role: "member",
  },
  tags: {
    area: "tags",
    role: "member",
  },
});
tags.command(tagsCommands.tag.names, (ctx) => beginFlow(ctx, tagCustomerFlow));
tags.command(tagsCommands.untag.names, (ctx) => beginFlow(ctx, untagCustomerFlow));

const ENGLISH: Lang = { locale: "en", digits: "latn", timeZone: "UTC", t: translator("en") };

/** Tags on one /tags page (each customer tag is a button; 30 stays well under 100). */
export const TAGS_PAGE_SIZE = 30;

/**
 * One page of /tags: customer tags (with buttons) then the #tags of notes, at most
 * {@link TAGS_PAGE_SIZE} entries and within Telegram's limit by visible length, with
 * Previous / Next buttons (`tagp:<offset>`) for the rest.
 */
export function tagsPage(
  list: TagList,
  offset: number,
  lang: Lang = ENGLISH,
): { text: string; keyboard: InlineKeyboard } {
  const t = lang.t;
  const entries: { line: string; tag?: string; inNotes: boolean }[] = [
    ...list.tags.map((x) => ({
      line: t("tags-line-customers", {
        tag: escapeHtml(x.tag),
        count: x.customers,
        n: String(x.customers),
        amount: money(x.owed, list.shop, lang),
      }),
      tag: x.tag,
      inNotes: false,
    })),
    ...list.note_tags.map((x) => ({
      line: t("tags-line-notes", {
        tag: escapeHtml(x.tag),
        count: x.transactions,
        n: String(x.transactions),
        amount: money(x.amount, list.shop, lang),
      }),
      inNotes: true,
    })),
  ];
  const start = Math.min(offset, Math.max(0, entries.length - 1));
  const page = entries.slice(start, start + TAGS_PAGE_SIZE);
  const paged = entries.length > TAGS_PAGE_SIZE;
  const heading = paged
    ? t("tags-heading-paged", {
      from: String(start + 1),
      to: String(start + page.length),
      total: String(entries.length),
    })
    : t("tags-heading");
  const footer = ["", t("tags-footer")];
  const body: string[] = [];
  /** For each body line, the page entry it shows (undefined for a heading). */
  const entryOf: (number | undefined)[] = [];
  const push = (line: string, entry?: number) => {
    body.push(line);
    entryOf.push(entry);
  };
  if (start === 0 && list.tags.length === 0) push(t("tags-none-on-customers"));
  page.forEach((e, i) => {
    if (e.inNotes && (i === 0 ? start === list.tags.length : !page[i - 1].inNotes)) {
      push("");
      push(t("tags-in-notes"));
    }
    push(e.line, i);
  });
  const fitted = fitLines(body, LIST_BUDGET - visibleLength([heading, ...footer].join("\n")));
  const shown = page.filter((_, i) => entryOf.slice(0, fitted.lines.length).includes(i));
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  for (const e of shown) {
    if (e.tag === undefined) continue;
    const data = CALLBACKS.tagSearch.tryBuild(e.tag);
    if (!data) continue; // over Telegram's 64 bytes: /search #tag still finds them
    keyboard.text(`#${e.tag}`, data);
    if (++buttons % 3 === 0) keyboard.row();
  }
  const next = start + Math.max(1, shown.length);
  keyboard.row();
  if (start > 0) {
    keyboard.text(
      t("tags-button-previous"),
      CALLBACKS.tagsPage.build(Math.max(0, start - TAGS_PAGE_SIZE)),
    );
  }
  if (next < entries.length) keyboard.text(t("tags-button-next"), CALLBACKS.tagsPage.build(next));
  return { text: [heading, ...fitted.lines, ...footer].join("\n"), keyboard };
}

tags.command(tagsCommands.tags.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.tags.list(ctx.from!.id));
  if (!list) return;
  if (list.tags.length === 0 && list.note_tags.length === 0) {
    await say(ctx, ctx.t("tags-none-yet"));
    return;
  }
  const page = tagsPage(list, 0, langOf(ctx));
  await say(ctx, page.text, page.keyboard);
});

/** Previous / Next under /tags: edits the list in place. */
tags.callbackQuery(CALLBACKS.tagsPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.tags.list(ctx.from!.id));
  if (!list) return;
  const page = tagsPage(list, Number(ctx.match[1]), langOf(ctx));
  try {
    await ctx.editMessageText(page.text, { parse_mode: "HTML", reply_markup: page.keyboard });
  } catch {
    await say(ctx, page.text, page.keyboard);
  }
});

/** A tag button under /tags: the customers with that tag. */
tags.callbackQuery(CALLBACKS.tagSearch.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await findAndPick(ctx, `#${ctx.match[1]}`);
});
