/** /search: list customers (largest debt first) or find one; buttons select and page. */
import { Composer } from "grammy";
import { CALLBACKS } from "../callbacks.ts";
import { defineCommands } from "../commands.ts";
import type { PayContext } from "../context.ts";
import { requireMember } from "../membership.ts";
import { looksLikePin } from "../pin_gate.ts";
import { cosmetic, readOrExplain, say } from "../replies.ts";
import { findAndPick, PAGE_SIZE, resultsPage, selectCustomer } from "../selection.ts";

export const search = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const searchCommands = defineCommands({
  search: {
    area: "search",
    role: "member",
    menu: "Find a customer (name, phone or #tag)",
    summary: "List customers (largest debt first) or find one by name, nickname, phone or #tag.",
    examples: ["/search", "/search jon smth", "/search 0590", "/search #vip"],
    details:
      "Typos, accents, Arabic spelling variants and tashkeel are forgiven. A single match is selected at once; " +
      "otherwise tap a name.",
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
    await say(ctx, "That customer is archived. Use /search to pick another.");
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
    await say(ctx, "That page is empty now. Send /search again.");
    return;
  }
  // A query that looks like a PIN is never quoted (pin_gate.ts).
  const page = resultsPage(looksLikePin(query) ? { ...list, query: "those digits" } : list, offset);
  try {
    await ctx.editMessageText(page.text, { parse_mode: "HTML", reply_markup: page.keyboard });
  } catch {
    await say(ctx, page.text, page.keyboard);
  }
});
