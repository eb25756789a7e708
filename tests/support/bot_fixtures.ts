/**
 * Shared steps for the bot's end-to-end tests (tests/bot/<area>_test.ts): a shop with John
 * Smith, the clerk added, the shop PIN set through the bot, grants expired, and small reads
 * of the database behind the chat.
 *
 * ```ts
 * Deno.test("/pay lowers the balance", async () => {
 *   await using h = await shopWithJohn();
 *   await h.owner.says("/pay 20");
 *   assert.equal(await balanceOf(h, "John Smith"), 3000);
 * });
 * ```
 */
import assert from "node:assert/strict";
import { type ChatHarness, CLERK, openChat, OWNER } from "./chat.ts";

/** The shop PIN the bot tests set (8 digits, so never mistaken for an amount). */
export const PIN = "97531864";

/** One value from raw SQL: the column `v` of the first row. */
export async function scalar(
  h: ChatHarness,
  text: string,
  params: unknown[] = [],
): Promise<unknown> {
  const [row] = await h.sql<{ v: unknown }>(text, params);
  return row?.v;
}

/** Rows in a public table. */
export async function count(h: ChatHarness, table: string): Promise<number> {
  const [row] = await h.sql<{ n: number }>(`select count(*)::int as n from public.${table}`);
  return row.n;
}

/** The balance (minor units) of the first customer of that name. */
export async function balanceOf(h: ChatHarness, name: string): Promise<number> {
  return Number(
    await scalar(
      h,
      "select balance::text as v from public.customers where full_name = $1 order by id limit 1",
      [name],
    ),
  );
}

/** The id of the first customer of that name. */
export async function idOf(h: ChatHarness, name: string): Promise<number> {
  return Number(
    await scalar(h, "select id as v from public.customers where full_name = $1 order by id", [
      name,
    ]),
  );
}

/** Whether the first customer of that name is archived (deleted). */
export async function archived(h: ChatHarness, name: string): Promise<boolean> {
  return Boolean(
    await scalar(
      h,
      "select archived_at is not null as v from public.customers where full_name = $1 order by id limit 1",
      [name],
    ),
  );
}

/** A shop whose owner started and added John Smith (owes 50.00 for "groceries #weekly", selected). */
export async function shopWithJohn(
  options: Parameters<typeof openChat>[0] = {},
): Promise<ChatHarness> {
  const h = await openChat(options);
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith ~ Abu Ali | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries #weekly");
  return h;
}

/** Adds the clerk to the owner's shop (by SQL: how invites work is the team tests' concern). */
export async function addClerk(h: ChatHarness): Promise<void> {
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
}

/** Sets the shop PIN through the bot (/setpin asks twice). */
export async function setPin(h: ChatHarness, pin = PIN): Promise<void> {
  await h.owner.says(`/setpin ${pin}`);
  assert.match(h.owner.lastReply(), /same PIN again/);
  await h.owner.says(pin); // /setpin asks twice
  assert.match(h.owner.lastReply(), /shop PIN is (set|changed)/);
}

/** Ends a member's PIN grant (the owner's by default), as five minutes passing would. */
export async function expireGrant(h: ChatHarness, userId = OWNER.id): Promise<void> {
  await h.sql(
    "update public.member_pins set valid_until = now() - interval '1 second' where telegram_user_id = $1",
    [userId],
  );
}
