/**
 * Picking a customer: a search that selects its only result, or shows results as
 * buttons; selecting continues a command that was waiting for a customer. A search also
 * names the archived customers it matches (with Restore buttons), and says which matches
 * it found only through a hidden nickname (never showing the nickname).
 */
import { InlineKeyboard } from "grammy";
import { CALLBACKS } from "./callbacks.ts";
import type { CustomerList } from "../db/ledger.ts";
import type { ArchivedList } from "../db/ledger/search.ts";
import { balanceText, type Money } from "../text/format.ts";
import { customerButton, customerLine } from "../text/customers.ts";
import { bold, escapeHtml } from "../text/html.ts";
import { clip, fitLines, LIST_BUDGET, visibleLength } from "../text/fit.ts";
import { type Translate, translator } from "../i18n/i18n.ts";
import type { PayContext } from "./context.ts";
import { advance, cancelForNewSelection, flowNamed } from "./flows.ts";
import { type Lang, langOf } from "./lang.ts";
import { hidePinLike } from "./pin_gate.ts";
import { readOrExplain, say } from "./replies.ts";

/** Results per page. */
export const PAGE_SIZE = 8;

/** How many archived matches a search names (the rest: /archived). */
const ARCHIVED_NAMED = 3;

const ENGLISH: Lang = {
  locale: "en",
  digits: "latn",
  timeZone: "UTC",
  t: translator("en"),
};

/**
 * Selects a customer for the member's next commands, and resumes a waiting command
 * (bound to this customer). A command still waiting for another customer is cancelled,
 * and the reply says so, naming both. `nickname`: the search found them only through a
 * hidden nickname (the reply says so, without the nickname).
 */
export async function selectCustomer(
  ctx: PayContext,
  customer: { id: number; full_name: string; balance: number },
  shop: Money,
  nickname = false,
): Promise<void> {
  const lang = langOf(ctx);
  const bound = { id: customer.id, name: customer.full_name };
  const cancelled = cancelForNewSelection(ctx, bound);
  ctx.session.selected = bound;
  const pending = ctx.session.pending;
  const args = {
    customer: bold(customer.full_name),
    balance: balanceText(customer.balance, shop, lang),
    note: nickname ? ` ${ctx.t("search-matched-nickname")}` : "",
  };
  if (pending?.choosingCustomer) {
    const flow = flowNamed(pending.command);
    if (flow) {
      await say(ctx, ctx.t("search-selected-short", args));
      await advance(ctx, flow, pending.params, { customer: bound });
      return;
    }
    ctx.session.pending = undefined;
  }
  await say(ctx, `${cancelled ? `${cancelled}\n` : ""}${ctx.t("search-selected", args)}`);
}

/** "1 match", "37 matches", or "100+ matches" when the search stopped counting. */
export function matchCount(list: CustomerList, t: Translate = ENGLISH.t): string {
  return t("search-match-count", {
    capped: list.total_capped ? "yes" : "no",
    count: list.total,
    total: String(list.total),
  });
}

/** What a page of results may add: the reader's language, and the nickname-only matches. */
export interface PageExtras {
  lang?: Lang;
  /** Ids of customers the search found only through a hidden nickname. */
  nicknameOnly?: ReadonlySet<number>;
}

/**
 * The message and buttons for one page of a customer list or search. The page holds the
 * customers whose lines fit Telegram's limit (by visible length); Next continues after
 * the last one shown.
 */
export function resultsPage(
  list: CustomerList,
  offset: number,
  extras: PageExtras = {},
): { text: string; keyboard: InlineKeyboard } {
  const lang = extras.lang ?? ENGLISH;
  const t = lang.t;
  const from = offset + 1;
  const heading = (to: number) =>
    list.mode === "all"
      ? t("search-heading-all", {
        from: String(from),
        to: String(to),
        total: String(list.total),
      })
      : t("search-heading-query", {
        matches: matchCount(list, t),
        query: escapeHtml(clip(list.query, 100)),
        from: String(from),
        to: String(to),
      });
  const footer = `\n\n${t("search-tap-a-name")}`;
  const nickname = ` ${t("search-matched-nickname")}`;
  const fitted = fitLines(
    list.customers.map((c, i) =>
      `${from + i}. ${customerLine(c, list.shop, lang)}${
        extras.nicknameOnly?.has(c.id) ? nickname : ""
      }`
    ),
    LIST_BUDGET - visibleLength(heading(offset + list.customers.length) + footer),
  );
  const shown = list.customers.slice(0, Math.max(1, fitted.lines.length));
  const to = offset + shown.length;
  const keyboard = new InlineKeyboard();
  for (const c of shown) {
    keyboard.text(customerButton(c, list.shop, lang), CALLBACKS.select.build(c.id)).row();
  }
  const hasPrev = offset > 0;
  const hasNext = to < list.total;
  if (hasPrev) {
    keyboard.text(
      t("search-button-previous"),
      CALLBACKS.searchPage.build(Math.max(0, offset - PAGE_SIZE)),
    );
  }
  if (hasNext) keyboard.text(t("search-button-next"), CALLBACKS.searchPage.build(to));
  return { text: [heading(to), ...fitted.lines].join("\n") + footer, keyboard };
}

/** Adds a Restore button per customer to `keyboard`, one per row. */
export function restoreButtons(
  keyboard: InlineKeyboard,
  customers: readonly { id: number; full_name: string }[],
  t: Translate,
): InlineKeyboard {
  for (const c of customers) {
    keyboard.row().text(
      t("search-button-restore", { customer: clip(c.full_name, 40) }),
      CALLBACKS.restore.build(c.id),
    );
  }
  return keyboard;
}

/** "🗄 1 archived customer matches: Layla Nasser" (the first few named, "and N more"). */
export function archivedNote(archived: ArchivedList, t: Translate): string {
  const named = archived.customers.slice(0, ARCHIVED_NAMED);
  const more = archived.total - named.length;
  return t("search-archived-match", {
    count: archived.total,
    names: named.map((c) => bold(clip(c.full_name, 80))).join(", "),
  }) + (more > 0 ? t("search-archived-more", { more }) : "");
}

/** The archived customers a search matches (none for the list of everyone). */
async function archivedMatches(
  ctx: PayContext,
  list: CustomerList,
): Promise<ArchivedList | undefined> {
  if (list.mode === "all") return undefined;
  const archived = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.search.archived(ctx.from!.id, {
        query: list.query,
        limit: ARCHIVED_NAMED,
      }),
  );
  return archived && archived.total > 0 ? archived : undefined;
}

/** The ids on this page a name search found only through a hidden nickname. */
export async function nicknameMatches(
  ctx: PayContext,
  list: CustomerList,
): Promise<Set<number>> {
  if (list.mode !== "name" || list.customers.length === 0) return new Set();
  const ids = await readOrExplain(
    ctx,
    () =>
      ctx.services.ledger.search.nicknameOnly(
        ctx.from!.id,
        list.query,
        list.customers.map((c) => c.id),
      ),
  );
  return new Set(ids ?? []);
}

/**
 * Searches (or lists, for an empty query) and answers: the only match is selected at
 * once; several found by a query are shown as buttons and clear the selection (a later
 * command on "the selected customer" then asks who it is for, instead of acting on
 * someone this reply doesn't name), while the overview of every customer (an empty
 * query) keeps it and says "Still selected: …"; none gets a hint. Archived customers the
 * query matches are named with Restore buttons. A query that looks like a PIN (4–8 bare
 * digits) is still searched, but never quoted, and its message is deleted when the shop
 * has a PIN.
 */
export async function findAndPick(ctx: PayContext, query: string, offset = 0): Promise<void> {
  const lang = langOf(ctx);
  const pinLike = await hidePinLike(ctx, query);
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listCustomers(ctx.from!.id, { query, limit: PAGE_SIZE, offset }),
  );
  if (!list) return;
  ctx.session.lastQuery = query;
  const archived = offset === 0 ? await archivedMatches(ctx, list) : undefined;
  const quoted = pinLike
    ? ctx.t("search-those-digits")
    : ctx.t("search-quoted", { query: escapeHtml(list.query) });
  if (list.total === 0) {
    if (list.mode === "all") {
      await say(ctx, ctx.t("search-none-yet"));
    } else if (archived) {
      await say(
        ctx,
        `${ctx.t("search-no-active-match", { query: quoted })}\n${archivedNote(archived, ctx.t)}`,
        restoreButtons(new InlineKeyboard(), archived.customers.slice(0, ARCHIVED_NAMED), ctx.t),
      );
    } else {
      await say(ctx, ctx.t("search-no-match", { query: quoted }));
    }
    return;
  }
  const nicknames = await nicknameMatches(ctx, list);
  if (list.total === 1 && list.mode !== "all" && offset === 0) {
    const only = list.customers[0];
    await selectCustomer(ctx, only, list.shop, nicknames.has(only.id));
    if (archived) {
      await say(
        ctx,
        archivedNote(archived, ctx.t),
        restoreButtons(new InlineKeyboard(), archived.customers.slice(0, ARCHIVED_NAMED), ctx.t),
      );
    }
    return;
  }
  const page = resultsPage(
    pinLike ? { ...list, query: ctx.t("search-those-digits") } : list,
    offset,
    { lang, nicknameOnly: nicknames },
  );
  const lines = [page.text];
  const was = ctx.session.selected;
  if (list.mode === "all") {
    // The overview of every customer keeps the selection, and says whose it is.
    if (was) lines.push(ctx.t("search-still-selected", { customer: bold(was.name) }));
  } else {
    // A search that found several selected none of them: nobody stays selected.
    const cancelled = cancelForNewSelection(ctx, undefined);
    ctx.session.selected = undefined;
    if (was) lines.push(ctx.t("search-none-selected", { customer: bold(was.name) }));
    if (cancelled) lines.push(cancelled);
  }
  if (archived) {
    lines.push("", archivedNote(archived, ctx.t));
    restoreButtons(page.keyboard, archived.customers.slice(0, ARCHIVED_NAMED), ctx.t);
  }
  await say(ctx, lines.join("\n"), page.keyboard);
}
