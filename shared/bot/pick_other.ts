/**
 * Picking a second customer (for /link and /merge): a search whose only result is taken
 * at once, or whose results are shown as buttons carrying the command's own data.
 */
import { InlineKeyboard } from "grammy";
import type { CustomerListItem } from "../db/ledger.ts";
import { customerButton, customerLine } from "../text/customers.ts";
import { escapeHtml } from "../text/html.ts";
import type { PayContext } from "./context.ts";
import { looksLikePin } from "./pin_gate.ts";
import { readOrExplain, say } from "./replies.ts";
import { matchCount, PAGE_SIZE } from "./selection.ts";

/**
 * Searches for `query` (name, nickname, phone or #tag). One match resolves to it; several
 * are shown as buttons whose callback data `data(customer)` makes, and resolve undefined,
 * as does no match (with a hint).
 */
export async function pickOther(
  ctx: PayContext,
  query: string,
  data: (c: CustomerListItem) => string,
  question: string,
): Promise<CustomerListItem | undefined> {
  const list = await readOrExplain(
    ctx,
    () => ctx.services.ledger.listCustomers(ctx.from!.id, { query, limit: PAGE_SIZE }),
  );
  if (!list) return undefined;
  if (list.total === 0) {
    await say(
      ctx,
      `No customer matches ${
        looksLikePin(query) ? "those digits" : `“${escapeHtml(query)}”`
      }. Try another spelling, a phone number or a #tag.`,
    );
    return undefined;
  }
  if (list.total === 1 && list.mode !== "all") return list.customers[0];
  const keyboard = new InlineKeyboard();
  for (const c of list.customers) keyboard.text(customerButton(c, list.shop), data(c)).row();
  const more = list.total > list.customers.length
    ? `\n<i>${
      matchCount(list)
    }; showing the best ${list.customers.length}. Send a closer spelling to narrow it.</i>`
    : "";
  await say(
    ctx,
    `${question}\n${
      list.customers.map((c) => `• ${customerLine(c, list.shop)}`).join("\n")
    }${more}`,
    keyboard,
  );
  return undefined;
}

/** "Who?": a non-empty search query for the other customer. */
export function parseQuery(
  text: string,
): { ok: true; value: string } | { ok: false; error: string } {
  const query = text.replace(/\s+/g, " ").trim().slice(0, 200);
  return query
    ? { ok: true, value: query }
    : { ok: false, error: "Send a name, phone or #tag to find the customer." };
}
