/**
 * Picking a second customer (for /link and /merge): a search whose only result is taken
 * at once, or whose results are shown as buttons carrying the command's own data. The
 * customer the command acts on is never offered as the other one (`exclude`).
 */
import { InlineKeyboard } from "grammy";
import type { CustomerListItem } from "../db/ledger.ts";
import { customerButton, customerLine } from "../text/customers.ts";
import { escapeHtml } from "../text/html.ts";
import { langOf } from "./lang.ts";
import type { PayContext } from "./context.ts";
import type { Parsed } from "./flow_types.ts";
import { looksLikePin } from "./pin_gate.ts";
import { readOrExplain, say } from "./replies.ts";
import { matchCount, nicknameMatches, PAGE_SIZE } from "./selection.ts";

/**
 * Searches for `query` (name, nickname, phone or #tag). One match resolves to it; several
 * are shown as buttons whose callback data `data(customer)` makes, and resolve undefined,
 * as does no match (with a hint). `exclude` (the customer the command acts on) is left
 * out of the matches: it is never "the other one".
 */
export async function pickOther(
  ctx: PayContext,
  query: string,
  data: (c: CustomerListItem) => string,
  question: string,
  exclude?: number,
): Promise<CustomerListItem | undefined> {
  const lang = langOf(ctx);
  const found = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listCustomers(ctx.from!.id, { query, limit: PAGE_SIZE + 1 }),
  );
  if (!found) return undefined;
  const self = found.customers.some((c) => c.id === exclude);
  const others = found.customers.filter((c) => c.id !== exclude).slice(0, PAGE_SIZE);
  const list = {
    ...found,
    customers: others,
    total: Math.max(0, found.total - (self ? 1 : 0)),
  };
  if (list.total === 0) {
    const quoted = looksLikePin(query)
      ? ctx.t("search-those-digits")
      : ctx.t("search-quoted", { query: escapeHtml(query) });
    await say(
      ctx,
      self ? ctx.t("links-only-self", { query: quoted }) : ctx.t("search-no-match-other", {
        query: quoted,
      }),
    );
    return undefined;
  }
  if (list.total === 1 && list.mode !== "all") return list.customers[0];
  const nicknames = await nicknameMatches(ctx, list);
  const keyboard = new InlineKeyboard();
  for (const c of list.customers) keyboard.text(customerButton(c, list.shop, lang), data(c)).row();
  const more = list.total > list.customers.length
    ? `\n<i>${
      ctx.t("links-showing-best", {
        matches: matchCount(list, ctx.t),
        shown: list.customers.length,
      })
    }</i>`
    : "";
  const nickname = ` ${ctx.t("search-matched-nickname")}`;
  await say(
    ctx,
    `${question}\n${
      list.customers.map((c) =>
        `• ${customerLine(c, list.shop, lang)}${nicknames.has(c.id) ? nickname : ""}`
      ).join("\n")
    }${more}`,
    keyboard,
  );
  return undefined;
}

/** "Who?": a non-empty search query for the other customer. */
export function parseQuery(text: string): Parsed {
  const query = text.replace(/\s+/g, " ").trim().slice(0, 200);
  return query ? { ok: true, value: query } : { ok: false, error: (t) => t("links-query-empty") };
}
