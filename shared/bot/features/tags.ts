/**
 * /tag #vip #neighbor and /untag #vip on the selected customer; /tags lists the shop's
 * tags with how many customers have each and what they owe together, and the #tags
 * written in notes. `/search #vip` finds tagged customers (search.ts).
 */
import { Composer, InlineKeyboard } from "grammy";
import { money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { beginFlow, defineFlow, type Flow, type Parsed } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";
import { findAndPick } from "../selection.ts";

const TAG = /^#?([\p{L}\p{N}_-]{1,32})$/u;

/** "#vip #neighbor" (or "vip, neighbor"): lower-case tags without the #, space-separated. */
export function parseTags(text: string): Parsed {
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return { ok: false, error: "Name at least one tag, like #vip." };
  const tags: string[] = [];
  for (const word of words) {
    const m = word.match(TAG);
    if (!m) {
      return {
        ok: false,
        error: `“${
          escapeHtml(word.slice(0, 40))
        }” isn't a tag: use letters, digits, _ or - (up to 32), like #vip.`,
      };
    }
    const tag = m[1].toLowerCase();
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > 20) return { ok: false, error: "At most 20 tags at a time." };
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
      question: remove ? "🏷 Which tags should go? e.g. #vip" : "🏷 Which tags? e.g. #vip #neighbor",
      parse: parseTags,
    }],
    split: (args) => ({ tags: args }),
    async run(ctx, params) {
      const customerId = Number(ctx.session.selected!.id);
      await withLoader(ctx, remove ? "Removing tags…" : "Tagging…", async () => {
        const r = await ctx.services.ledger.care.tagCustomer({
          actor: ctx.from!.id,
          updateId: ctx.update.update_id,
          customerId,
          tags: String(params.tags).split(" "),
          remove,
        });
        const now = r.customer.tags.length ? hashtags(r.customer.tags) : "no tags";
        return {
          text: `🏷 ${remove ? "Removed" : "Added"} ${hashtags(r.changed)} ${
            remove ? "from" : "to"
          } ${bold(r.customer.full_name)}. Tags now: ${now}.\n<i>/undo ${
            remove ? "puts them back" : "removes them"
          }.</i>`,
        };
      });
    },
  });
}

export const tagCustomerFlow = tagFlow(false);
export const untagCustomerFlow = tagFlow(true);

export const tags = new Composer<PayContext>();
tags.command("tag", (ctx) => beginFlow(ctx, tagCustomerFlow));
tags.command("untag", (ctx) => beginFlow(ctx, untagCustomerFlow));

tags.command("tags", async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.care.listTags(ctx.from!.id));
  if (!list) return;
  if (list.tags.length === 0 && list.note_tags.length === 0) {
    await say(
      ctx,
      "No tags yet. Tag the selected customer with /tag <i>#vip #neighbor</i>, or write #tags in a note.",
    );
    return;
  }
  const keyboard = new InlineKeyboard();
  let buttons = 0;
  const lines = ["🏷 <b>Tags</b>"];
  if (list.tags.length === 0) lines.push("No customer has a tag yet (/tag #vip).");
  for (const t of list.tags) {
    lines.push(
      `#${escapeHtml(t.tag)} — ${t.customers} customer${t.customers === 1 ? "" : "s"}, owe ${
        money(t.owed, list.shop)
      }`,
    );
    const data = `tagq:${t.tag}`;
    if (new TextEncoder().encode(data).length > 64) continue;
    keyboard.text(`#${t.tag}`, data);
    if (++buttons % 3 === 0) keyboard.row();
  }
  if (list.note_tags.length) {
    lines.push("", "<b>In notes</b>");
    for (const t of list.note_tags) {
      lines.push(
        `#${escapeHtml(t.tag)} — ${t.transactions} entr${t.transactions === 1 ? "y" : "ies"}, ${
          money(t.amount, list.shop)
        }`,
      );
    }
  }
  lines.push("", "Tap a tag to list its customers, or /search <i>#tag</i>.");
  await say(ctx, lines.join("\n"), keyboard);
});

/** A tag button under /tags: the customers with that tag. */
tags.callbackQuery(/^tagq:([\p{L}\p{N}_-]{1,32})$/u, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await findAndPick(ctx, `#${ctx.match[1]}`);
});
