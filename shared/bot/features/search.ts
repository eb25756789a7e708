/**
 * /search: list customers (largest debt first) or find one; buttons select and page. A
 * search names the archived customers it matches, with Restore buttons; /archived lists
 * every archived customer (or those a query matches), each with Restore.
 */
import { Composer, InlineKeyboard } from "grammy";
import { CALLBACKS } from "../callbacks.ts";
import { defineCommands } from "../commands.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { langOf } from "../lang.ts";
import { requireMember } from "../membership.ts";
import { looksLikePin } from "../pin_gate.ts";
import { cosmetic, readOrExplain, say, showPage, withLoader } from "../replies.ts";
import {
  findAndPick,
  nicknameMatches,
  PAGE_SIZE,
  restoreButtons,
  resultsPage,
  selectCustomer,
} from "../selection.ts";
import { balanceText, dateTime } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { clip, fitLines, LIST_BUDGET, visibleLength } from "../../text/fit.ts";

export const search = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const searchCommands = defineCommands({
  search: {
    area: "search",
    role: "member",
    menu: true,
  },
  archived: {
    // Listed with the customers' own commands (after /deletecustomer), not before /addcustomer.
    area: "customers",
    role: "member",
  },
});

search.command(searchCommands.search.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.replyWithChatAction("typing"));
  await findAndPick(ctx, ctx.match.trim());
});

/** A customer button: select them (the ledger checks the id belongs to this shop). */
search.callbackQuery(CALLBACKS.select.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const summary = await readOrExplain(
    ctx,
    () => ctx.services.ledger.customerSummary(ctx.from!.id, Number(ctx.match[1]), 0),
  );
  if (!summary) return;
  if (summary.customer.archived_at) {
    await say(
      ctx,
      ctx.t("search-customer-archived"),
      restoreButtons(new InlineKeyboard(), [summary.customer], ctx.t),
    );
    return;
  }
  await selectCustomer(ctx, summary.customer, summary.shop);
});

/** Previous / Next on a list: edits the list in place. */
search.callbackQuery(CALLBACKS.searchPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const offset = Number(ctx.match[1]);
  const query = ctx.session.lastQuery ?? "";
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listCustomers(ctx.from!.id, { query, limit: PAGE_SIZE, offset }),
  );
  if (!list) return;
  if (list.customers.length === 0) {
    await say(ctx, ctx.t("search-page-empty"));
    return;
  }
  const nicknameOnly = await nicknameMatches(ctx, list);
  // A query that looks like a PIN is never quoted (pin_gate.ts).
  const page = resultsPage(
    looksLikePin(query) ? { ...list, query: ctx.t("search-those-digits") } : list,
    offset,
    { lang: langOf(ctx), nicknameOnly },
  );
  try {
    await ctx.editMessageText(page.text, { parse_mode: "HTML", reply_markup: page.keyboard });
  } catch {
    await say(ctx, page.text, page.keyboard);
  }
});

/** Archived customers per /archived page. */
const ARCHIVED_PAGE = 8;

/** One page of /archived: the archived customers (latest first), each with Restore. */
async function showArchived(
  ctx: PayContext,
  query: string,
  offset: number,
  edit: boolean,
): Promise<void> {
  const lang = langOf(ctx);
  const list = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.search.archived(ctx.from!.id, {
        query,
        limit: ARCHIVED_PAGE,
        offset,
      }),
  );
  if (!list) return;
  if (list.customers.length === 0) {
    await say(
      ctx,
      offset > 0 ? ctx.t("search-page-empty") : list.query
        ? ctx.t("search-archived-none-match", {
          query: looksLikePin(list.query)
            ? ctx.t("search-those-digits")
            : ctx.t("search-quoted", { query: escapeHtml(clip(list.query, 100)) }),
        })
        : ctx.t("search-archived-none"),
    );
    return;
  }
  const heading = (to: number) =>
    ctx.t("search-archived-heading", {
      from: String(offset + 1),
      to: String(to),
      total: String(list.total),
    });
  const footer = `\n\n${ctx.t("search-archived-tap")}`;
  const fitted = fitLines(
    list.customers.map((c, i) =>
      ctx.t("search-archived-line", {
        n: String(offset + i + 1),
        customer: bold(clip(c.full_name, 80)),
        balance: balanceText(c.balance, list.shop, lang),
        when: c.archived_at ? dateTime(c.archived_at, lang) : "",
      })
    ),
    LIST_BUDGET - visibleLength(heading(offset + list.customers.length) + footer),
  );
  const shown = list.customers.slice(0, Math.max(1, fitted.lines.length));
  const to = offset + shown.length;
  const keyboard = restoreButtons(new InlineKeyboard(), shown, ctx.t).row();
  // Paging keeps no query: /archived <name> finds one in a page or two.
  if (!query && offset > 0) {
    keyboard.text(
      ctx.t("search-button-previous"),
      CALLBACKS.archivedPage.build(Math.max(0, offset - ARCHIVED_PAGE)),
    );
  }
  if (!query && to < list.total) {
    keyboard.text(ctx.t("search-button-next"), CALLBACKS.archivedPage.build(to));
  }
  const text = [heading(to), ...fitted.lines].join("\n") + footer;
  await showPage(ctx, text, keyboard, edit);
}

search.command(searchCommands.archived.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  await showArchived(ctx, ctx.match.trim(), 0, false);
});

/** Previous / Next under /archived. */
search.callbackQuery(CALLBACKS.archivedPage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await showArchived(ctx, "", Number(ctx.match[1]), true);
});

/** Restore: the customer is back in lists and search (logged; /undo archives them again), and selected. */
search.callbackQuery(CALLBACKS.restore.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const lang = langOf(ctx);
  let restored: { id: number; full_name: string; balance: number } | undefined;
  let shop: Parameters<typeof selectCustomer>[2] | undefined;
  await withLoader(ctx, ctx.t("search-restore-loader"), async () => {
    const r = await ctx.services.ledger.search.restore({
      ...changeBy(ctx),
      customerId: Number(ctx.match[1]),
    });
    restored = r.customer;
    shop = r.shop;
    const args = {
      customer: bold(r.customer.full_name),
      balance: balanceText(r.customer.balance, r.shop, lang),
    };
    return {
      text: r.restored
        ? ctx.t("search-restored", args)
        : ctx.t("search-restore-not-archived", args),
    };
  });
  if (restored && shop) await selectCustomer(ctx, restored, shop);
});
