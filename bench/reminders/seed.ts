/**
 * Shops for the reminders benchmark, made with set-based SQL (generate_series), not one RPC
 * per row: `shops` shops (Asia/Hebron, automatic reminders every day while overdue, 3 days
 * before due, the digest on, no quiet hours), each with an owner and `perShop` customers who
 * owe one purchase of 50.00 made 40 days ago. Which customers are overdue and linked is
 * `roleSql` of the customer's number k in its shop (1-based).
 */
import type { SqlClient } from "../../shared/db/sql_client.ts";

/** overdue_linked: due yesterday, linked; before_linked: due in 3 days, linked; others unlinked. */
export type Role = "overdue_linked" | "before_linked" | "overdue_unlinked" | "not_due";

/** What to make. */
export interface Layout {
  shops: number;
  perShop: number;
  /** A SQL expression of r.k (the customer's number in its shop) giving its Role. */
  roleSql: string;
}

/** One shop of 10,000 customers, 1,000 of them overdue and linked. */
export const ONE_BIG_SHOP: Layout = {
  shops: 1,
  perShop: 10_000,
  roleSql: "case when r.k % 10 = 1 then 'overdue_linked' else 'not_due' end",
};

/** 10,000 shops of 3 customers: one overdue and linked, one due in 3 days and linked, one unlinked. */
export const MANY_SHOPS: Layout = {
  shops: 10_000,
  perShop: 3,
  roleSql:
    "case r.k when 1 then 'overdue_linked' when 2 then 'before_linked' else 'overdue_unlinked' end",
};

/** Seeds the layout (owners from `firstOwner` on) in one transaction, then analyzes. */
export async function seedReminders(
  client: SqlClient,
  layout: Layout,
  firstOwner = 5_000_000,
): Promise<void> {
  await client.execInTransaction(`
    insert into public.shops (name, currency, created_by, timezone, reminders_auto,
                              remind_before_days, remind_every_days, quiet_from, quiet_until, digest)
    select 'Bench shop ' || g, 'ILS', ${firstOwner} + g, 'Asia/Hebron', true, 3, 1, null, null, true
      from generate_series(1, ${layout.shops}) as g;

    insert into public.members (shop_id, telegram_user_id, role, display_name)
    select id, created_by, 'owner', 'Owner ' || created_by
      from public.shops where created_by > ${firstOwner} and created_by <= ${
    firstOwner + layout.shops
  };

    insert into public.customers (shop_id, full_name, created_by, balance, created_at)
    select s.id, 'Customer ' || s.id || '-' || k, s.created_by, 5000, now() - interval '41 days'
      from public.shops as s cross join generate_series(1, ${layout.perShop}) as k
     where s.created_by > ${firstOwner} and s.created_by <= ${firstOwner + layout.shops};

    create temporary table bench_customers on commit drop as
    select c.id, c.shop_id, c.created_by,
           (${layout.roleSql}) as role
      from public.customers as c
      join (select id, row_number() over (partition by shop_id order by id) as k
              from public.customers
             where created_by > ${firstOwner} and created_by <= ${
    firstOwner + layout.shops
  }) as r on r.id = c.id;

    insert into public.transactions (shop_id, customer_id, kind, amount, recorded_by, balance_after,
                                     created_at, due_on)
    select b.shop_id, b.id, 'purchase', 5000, b.created_by, 5000, now() - interval '40 days',
           (now() at time zone 'Asia/Hebron')::date + case b.role
             when 'overdue_linked' then -1 when 'overdue_unlinked' then -5
             when 'before_linked' then 3 else 20 end
      from bench_customers as b;

    insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
    select b.shop_id, b.id, 1000000000 + b.id
      from bench_customers as b where b.role in ('overdue_linked', 'before_linked');
    analyze;
  `);
}
