/**
 * A big shop for export benchmarks and tests, made with set-based SQL (generate_series),
 * not one RPC per row: 2,000 customers and 50,000 transactions take a second or two.
 *
 * The shop is consistent: every balance is the sum of its customer's non-voided
 * transactions, every transaction has its action-log row, every 97th transaction is
 * voided (and its action undone). Names and notes mix English and Arabic.
 */
import type { SqlClient } from "../../shared/db/sql_client.ts";

/** What to make. */
export interface ShopSize {
  customers: number;
  transactions: number;
  /** The shop's own expenses (default transactions / 50). */
  expenses?: number;
  /** Days the transactions are spread over, ending now (default 365). */
  days?: number;
}

/** The shop made: its id and its owner's and clerk's Telegram ids. */
export interface SeededShop {
  shopId: number;
  owner: number;
  clerk: number;
}

/**
 * Creates a shop owned by `owner` (a Telegram id not in any shop yet), with a clerk
 * `owner + 1`, in one transaction.
 */
export async function seedShop(
  client: SqlClient,
  size: ShopSize,
  owner = 1001,
  currency = "ILS",
): Promise<SeededShop> {
  const expenses = size.expenses ?? Math.floor(size.transactions / 50);
  const days = size.days ?? 365;
  const clerk = owner + 1;
  const [{ id }] = await client.query<{ id: number | string }>(
    `insert into public.shops (name, currency, created_by) values ($1, $2, $3) returning id`,
    [`Shop ${owner}`, currency, owner],
  );
  const shopId = Number(id);
  const script = `
    insert into public.members (shop_id, telegram_user_id, role, display_name)
      values (${shopId}, ${owner}, 'owner', 'Owner'), (${shopId}, ${clerk}, 'clerk', 'Clerk');

    insert into public.customers (shop_id, full_name, nicknames, phone, tags, created_by, created_at)
    select ${shopId},
           (array['John','Fatima','محمد','Zoë','Layla','أحمد','Sara','Omar','نور','Yusuf'])[1 + i % 10] || ' ' ||
           (array['Smith','Khalil','العلي','Ångström','Haddad','Nasser','سعيد','Doe'])[1 + i % 8] || ' ' || i,
           case when i % 7 = 0 then array['Abu ' || i] else '{}' end,
           '059' || lpad(i::text, 7, '0'),
           case when i % 5 = 0 then array['vip', 'neighbor'] when i % 3 = 0 then array['weekly'] else '{}' end,
           ${owner},
           now() - interval '${days + 1} days' + i * interval '1 second'
      from generate_series(1, ${size.customers}) as i;

    create temporary table seed_tx on commit drop as
    with ids as (
      select array_agg(id order by id) as a from public.customers where shop_id = ${shopId}
    ), raw as (
      select g,
             (select a from ids)[1 + (g::bigint * 7919) % ${size.customers}] as customer_id,
             case when g % 3 = 0 then 'payment' else 'purchase' end::public.transaction_kind as kind,
             100 + (g::bigint * 7717) % 20000 as amount,
             (array['groceries','bread #weekly','milk and eggs','خبز وحليب','','rice 5kg #bulk','cigarettes','household #monthly','سكر وشاي'])[1 + g % 9] as description,
             case when g % 2 = 0 then ${owner} else ${clerk} end as recorded_by,
             now() - interval '${days} days' + g * (interval '${days} days' / ${
    size.transactions + 1
  }) as created_at,
             g % 97 = 0 as voided
        from generate_series(1, ${size.transactions}) as g
    )
    select r.*,
           sum(case when r.voided then 0 when r.kind = 'purchase' then r.amount else -r.amount end)
             over (partition by r.customer_id order by r.g) as running
      from raw as r;

    insert into public.transactions (shop_id, customer_id, kind, amount, description, tags, recorded_by,
                                     balance_after, created_at, voided_at, voided_by)
    select ${shopId}, customer_id, kind, amount, description,
           case when description like '%#%' then array[split_part(description, '#', 2)] else '{}' end,
           recorded_by, running, created_at,
           case when voided then created_at + interval '1 hour' end,
           case when voided then ${owner} end
      from seed_tx order by g;

    update public.customers as c set balance = s.balance
      from (select customer_id, sum(case when voided_at is not null then 0
                                         when kind = 'purchase' then amount else -amount end) as balance
              from public.transactions where shop_id = ${shopId} group by customer_id) as s
     where c.id = s.customer_id;

    insert into public.actions (shop_id, action, actor_id, action_info, created_at)
      values (${shopId}, 'shop_opened', ${owner}, '{"claimed": false}', now() - interval '${
    days + 2
  } days');
    insert into public.actions (shop_id, action, actor_id, customer_id, action_info, created_at)
    select ${shopId}, 'customer_added', ${owner}, c.id,
           jsonb_build_object('full_name', c.full_name, 'phone', c.phone), c.created_at
      from public.customers as c where c.shop_id = ${shopId};
    insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, created_at, undone_at)
    select ${shopId}, t.kind || '_recorded', t.recorded_by, t.customer_id, t.id,
           jsonb_build_object('kind', t.kind, 'amount', t.amount, 'description', t.description,
                              'balance_after', t.balance_after),
           t.created_at, t.voided_at
      from public.transactions as t where t.shop_id = ${shopId};
    insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info,
                                created_at, undoes_action_id)
    select ${shopId}, 'action_undone', ${owner}, a.customer_id, a.transaction_id,
           jsonb_build_object('undone_action', a.action, 'undone_action_id', a.id), a.undone_at, a.id
      from public.actions as a where a.shop_id = ${shopId} and a.undone_at is not null;
    update public.actions as a set undone_by_action_id = u.id
      from public.actions as u where u.undoes_action_id = a.id and a.shop_id = ${shopId};

    insert into public.expenses (shop_id, item, price, vendor, category, recorded_by, created_at)
    select ${shopId},
           (array['milk crates','rent','electricity','أكياس','cleaning'])[1 + g % 5],
           500 + (g::bigint * 3331) % 50000,
           (array['Dairy Co','Landlord',null,'مورد الخبز','Market'])[1 + g % 5],
           (array['stock','rent','bills',null,'supplies'])[1 + g % 5],
           ${owner},
           now() - interval '${days} days' + g * (interval '${days} days' / ${expenses + 1})
      from generate_series(1, ${expenses}) as g;
    insert into public.actions (shop_id, action, actor_id, action_info, created_at)
    select ${shopId}, 'expense_recorded', e.recorded_by,
           jsonb_build_object('expense_id', e.id, 'item', e.item, 'price', e.price,
                              'vendor', e.vendor, 'category', e.category), e.created_at
      from public.expenses as e where e.shop_id = ${shopId};
    analyze;
  `;
  await client.execInTransaction(script);
  return { shopId, owner, clerk };
}
