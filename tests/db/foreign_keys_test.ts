/**
 * Supabase's database advisor (lint unindexed_foreign_keys): every foreign key of the public
 * schema has an index whose leading columns are its columns, or is listed here with the reason
 * it needs none. A new foreign key fails this test until it gets one or the other; /history
 * for one customer uses its index on a shop with many actions.
 */
import assert from "node:assert/strict";
import { engines, freshDatabase } from "../support/databases.ts";

/** Foreign keys left without an index on purpose, and why. */
const NO_INDEX_NEEDED: Record<string, string> = {
  "actions.actions_action_fkey":
    "action_kinds are reference rows, never deleted or renamed; no query selects actions by kind alone",
  "expenses.expenses_shop_id_recorded_by_fkey":
    "members are never deleted (removal sets removed_at); a deleted shop takes both with it",
  "invites.invites_shop_id_created_by_fkey":
    "members are never deleted (removal sets removed_at); a deleted shop takes both with it",
  "pin_resets.pin_resets_shop_id_requested_by_fkey":
    "members are never deleted (removal sets removed_at); a deleted shop takes both with it",
  "transactions.transactions_shop_id_recorded_by_fkey":
    "members are never deleted (removal sets removed_at); a deleted shop takes both with it",
  "shops.shops_currency_fkey": "currencies are reference rows, never deleted",
  "transactions.transactions_shop_id_customer_id_fkey":
    "customers are never deleted; customer ids are unique across shops, so transactions_by_customer (customer_id, …) serves every per-customer read",
};

const UNINDEXED = `
  select c.conrelid::regclass::text || '.' || c.conname as fk
    from pg_constraint as c
   where c.contype = 'f' and c.connamespace = 'public'::regnamespace
     and not exists (
       select 1 from pg_index as i
        where i.indrelid = c.conrelid
          and (select array_agg(x order by x) from unnest(c.conkey) as x) =
              (select array_agg(x order by x)
                 from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) as x))
   order by 1`;

for (const engine of await engines()) {
  Deno.test(`every foreign key is indexed, or listed with its reason [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      const rows = await db.client.query<{ fk: string }>(UNINDEXED);
      const found = rows.map((r) => r.fk.replace(/^public\./, ""));
      assert.deepEqual(found, Object.keys(NO_INDEX_NEEDED).sort());
    } finally {
      await db.close();
    }
  });

  Deno.test(`/history for one customer reads actions through actions_by_customer [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      await db.client.execInTransaction(`
        insert into public.shops (name, currency, created_by) values ('Big', 'USD', 1);
        insert into public.members (shop_id, telegram_user_id, role, display_name)
          select id, 1, 'owner', 'Owner' from public.shops;
        insert into public.customers (shop_id, full_name, created_by)
          select s.id, 'Customer ' || g, 1 from public.shops as s, generate_series(1, 2000) as g;
        insert into public.actions (shop_id, action, actor_id, customer_id, actor_name)
          select c.shop_id, 'customer_added', 1, c.id, 'Owner'
            from public.customers as c, generate_series(1, 10);
        analyze public.actions;`);
      const [{ id }] = await db.client.query<{ id: number }>(
        "select id from public.customers order by id desc limit 1",
      );
      const plan = await db.client.query<{ "QUERY PLAN": string }>(
        `explain select * from public.actions
          where shop_id = (select shop_id from public.customers where id = ${id})
            and customer_id = ${id} order by id desc limit 10`,
      );
      assert.match(plan.map((r) => r["QUERY PLAN"]).join("\n"), /actions_by_customer/);
    } finally {
      await db.close();
    }
  });
}
