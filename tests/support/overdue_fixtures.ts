/** Bot-test fixtures for due dates and ageing: shop terms, and old purchases by SQL. */
import type { ChatHarness } from "./chat.ts";

/** Shop terms (days; 0: due the same day; null: none). */
export async function terms(h: ChatHarness, days: number | null): Promise<void> {
  await h.sql("update public.shops set credit_days = $1", [days]);
}

/** Moves a customer's transactions back `days` days (an old debt, for ageing). */
export async function age(h: ChatHarness, name: string, days: number): Promise<void> {
  await h.sql(
    `update public.transactions set created_at = created_at - make_interval(days => $2)
      where customer_id = (select id from public.customers where full_name = $1)`,
    [name, days],
  );
}
