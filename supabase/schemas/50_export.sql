-- PayTrack declarative schema: export.
-- Export: everything /export needs in one RPC.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.export_workbook(p_actor bigint, p_from date default null::date, p_to date default null::date, p_customer_id bigint default null::bigint, p_max_rows integer default 150000) returns json
    language plpgsql stable security definer
    set search_path to ''
    as $_$
declare
  v private.acting_member;
  v_zone text;
  v_from timestamptz;
  v_to timestamptz;
  v_this_month timestamptz;
  v_last_month timestamptz;
  v_max integer := greatest(coalesce(p_max_rows, 150000), 1);
  v_customer public.customers;
  v_counts json;
  v_rows bigint;
  v_head json;
  v_result json;
  v_today date;
begin
  v := private.acting_member(p_actor, 'owner');
  -- Days and months are the shop's: they start at midnight in its time zone (DST included).
  v_zone := coalesce(v.timezone, 'UTC');
  v_today := private.shop_today(v.shop_id);
  v_from := p_from::timestamp at time zone v_zone;
  v_to := (p_to + 1)::timestamp at time zone v_zone;
  v_this_month := date_trunc('month', now() at time zone v_zone) at time zone v_zone;
  v_last_month := (date_trunc('month', now() at time zone v_zone) - interval '1 month') at time zone v_zone;
  if p_from is not null and p_to is not null and p_to < p_from then
    perform private.fail('period_invalid', 'The period ends before it starts.');
  end if;
  -- What every answer starts with. The answer is json, not jsonb: built as text, it
  -- goes to the client without a binary round trip.
  v_head := json_build_object(
    'shop', private.shop_json(v),
    'period', json_build_object('from', p_from, 'to', p_to),
    'generated_at', floor(date_part('epoch', now()))::bigint,
    'max_rows', v_max);

  -- --------------------------------------------------------------------------
  -- One customer's statement: their transactions with a running balance.
  -- --------------------------------------------------------------------------
  if p_customer_id is not null then
    select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
    if not found then
      perform private.fail('customer_not_found', 'No such customer in this shop.');
    end if;
    select count(*) into v_rows from public.transactions as t
     where t.customer_id = v_customer.id and t.voided_at is null
       and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to);
    if v_rows > v_max then
      return json_build_object(
        'head', v_head,
        'kind', 'statement', 'too_large', true, 'rows', v_rows,
        'customer', json_build_object('id', v_customer.id, 'full_name', v_customer.full_name),
        'months', (select coalesce(json_agg(json_build_array(m.month, m.n) order by m.month desc), '[]')
                     from (select to_char(t.created_at at time zone v_zone, 'YYYY-MM') as month, count(*) as n
                             from public.transactions as t
                            where t.customer_id = v_customer.id and t.voided_at is null
                              and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)
                            group by 1) as m));
    end if;
    with signed as (
      select t.id, t.created_at, t.kind, t.amount, t.description, t.recorded_by,
             case t.kind when 'purchase' then t.amount else -t.amount end as delta
        from public.transactions as t
       where t.customer_id = v_customer.id and t.voided_at is null
    ), opening as (
      select coalesce(sum(s.delta) filter (where v_from is not null and s.created_at < v_from), 0) as balance
        from signed as s
    ), inside as (
      select s.*, (select balance from opening)
                  + sum(s.delta) over (order by s.created_at, s.id) as running
        from signed as s
       where (v_from is null or s.created_at >= v_from) and (v_to is null or s.created_at < v_to)
    )
    select json_build_object(
      'head', v_head,
      'kind', 'statement',
      'too_large', false,
      'customer', json_build_object(
        'id', v_customer.id, 'full_name', v_customer.full_name, 'phone', v_customer.phone,
        'tags', array_to_string(v_customer.tags, ', '), 'balance', v_customer.balance,
        'archived_at', floor(date_part('epoch', v_customer.archived_at))::bigint),
      'opening_balance', (select balance from opening),
      'closing_balance', coalesce((select i.running from inside as i order by i.created_at desc, i.id desc limit 1),
                                  (select balance from opening)),
      'members', (select coalesce(json_agg(json_build_array(m.telegram_user_id, m.display_name, m.role)), '[]')
                    from public.members as m where m.shop_id = v.shop_id),
      -- [id, at, kind, amount, description, recorded_by, running balance]
      'rows', (select coalesce(json_agg(json_build_array(i.id, floor(date_part('epoch', i.created_at))::bigint,
                                                         i.kind, i.amount, i.description, i.recorded_by, i.running)
                                        order by i.created_at, i.id), '[]')
                 from inside as i))
      into v_result;
    return v_result;
  end if;

  -- --------------------------------------------------------------------------
  -- The whole shop: count first, then send the rows only when they fit.
  -- --------------------------------------------------------------------------
  select json_build_object(
    'customers', (select count(*) from public.customers as c where c.shop_id = v.shop_id),
    'transactions', (select count(*) from public.transactions as t where t.shop_id = v.shop_id
                       and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)),
    'actions', (select count(*) from public.actions as a where a.shop_id = v.shop_id
                  and (v_from is null or a.created_at >= v_from) and (v_to is null or a.created_at < v_to)),
    'expenses', (select count(*) from public.expenses as e where e.shop_id = v.shop_id
                   and (v_from is null or e.created_at >= v_from) and (v_to is null or e.created_at < v_to)))
    into v_counts;
  v_rows := (v_counts ->> 'customers')::bigint + (v_counts ->> 'transactions')::bigint
          + (v_counts ->> 'actions')::bigint + (v_counts ->> 'expenses')::bigint;
  if v_rows > v_max then
    return json_build_object(
      'head', v_head,
      'kind', 'shop', 'too_large', true, 'rows', v_rows, 'counts', v_counts,
      -- [month, rows that month (transactions + actions + expenses)], newest first
      'months', (select coalesce(json_agg(json_build_array(m.month, m.n) order by m.month desc), '[]')
                   from (select to_char(x.created_at at time zone v_zone, 'YYYY-MM') as month, count(*) as n
                           from (select t.created_at from public.transactions as t where t.shop_id = v.shop_id
                                 union all
                                 select a.created_at from public.actions as a where a.shop_id = v.shop_id
                                 union all
                                 select e.created_at from public.expenses as e where e.shop_id = v.shop_id) as x
                          where (v_from is null or x.created_at >= v_from) and (v_to is null or x.created_at < v_to)
                          group by 1) as m));
  end if;

  with per_customer as (
    select t.customer_id,
           max(t.created_at) filter (where t.kind = 'purchase') as last_purchase,
           max(t.created_at) filter (where t.kind = 'payment') as last_payment,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase'
             and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)), 0) as bought,
           coalesce(sum(t.amount) filter (where t.kind = 'payment'
             and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)), 0) as paid
      from public.transactions as t
     where t.shop_id = v.shop_id and t.voided_at is null
     group by t.customer_id
  ), tx as (
    -- The running balance counts every non-voided row of the customer, also before the period.
    select t.*, sum(case when t.voided_at is not null then 0 when t.kind = 'purchase' then t.amount else -t.amount end)
                  over (partition by t.customer_id order by t.created_at, t.id) as running
      from public.transactions as t
     where t.shop_id = v.shop_id and (v_to is null or t.created_at < v_to)
  ), money as (
    select coalesce(sum(t.amount) filter (where t.kind = 'purchase' and t.created_at >= v_this_month), 0) as sold_this_month,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and t.created_at >= v_this_month), 0) as collected_this_month,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase' and t.created_at >= v_last_month
                                            and t.created_at < v_this_month), 0) as sold_last_month,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and t.created_at >= v_last_month
                                            and t.created_at < v_this_month), 0) as collected_last_month,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase' and (v_from is null or t.created_at >= v_from)
                                            and (v_to is null or t.created_at < v_to)), 0) as sold_in_period,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and (v_from is null or t.created_at >= v_from)
                                            and (v_to is null or t.created_at < v_to)), 0) as collected_in_period
      from public.transactions as t
     where t.shop_id = v.shop_id and t.voided_at is null
  ), spent as (
    select coalesce(sum(e.price) filter (where e.created_at >= v_this_month), 0) as spent_this_month,
           coalesce(sum(e.price) filter (where e.created_at >= v_last_month and e.created_at < v_this_month), 0)
             as spent_last_month,
           coalesce(sum(e.price) filter (where (v_from is null or e.created_at >= v_from)
                                           and (v_to is null or e.created_at < v_to)), 0) as spent_in_period
      from public.expenses as e
     where e.shop_id = v.shop_id and e.voided_at is null
  ), due_days as (
    -- Each counted purchase's due date (its own, else from the terms): private.purchase_dues, the FIFO.
    select d.transaction_id, d.due_on
      from public.customers as c
     cross join lateral private.purchase_dues(c.id) as d
     where c.shop_id = v.shop_id and d.due_on is not null
  ), dues as (
    -- What each customer owing something has due and overdue on the shop's today.
    select c.id as customer_id, private.customer_dues(c.id, v_today) as d
      from public.customers as c
     where c.shop_id = v.shop_id and c.balance > 0
  ), owed as (
    select count(*) filter (where c.archived_at is null and c.merged_into is null) as active,
           count(*) filter (where c.archived_at is not null or c.merged_into is not null) as archived,
           count(*) filter (where c.balance > 0) as in_debt,
           coalesce(sum(c.balance) filter (where c.balance > 0), 0) as owed,
           coalesce(-sum(c.balance) filter (where c.balance < 0), 0) as advances,
           coalesce(sum(c.balance), 0) as net
      from public.customers as c
     where c.shop_id = v.shop_id
  )
  select json_build_object(
    'head', v_head,
    'kind', 'shop',
    'too_large', false,
    'counts', v_counts,
    'totals', (select row_to_json(x) from (select o.*, m.*, s.* from owed as o, money as m, spent as s) as x),
    -- [customer id, balance], largest debt first
    'top_debtors', (select coalesce(json_agg(json_build_array(d.id, d.balance) order by d.balance desc, d.id), '[]')
                      from (select c.id, c.balance from public.customers as c
                             where c.shop_id = v.shop_id and c.balance > 0
                             order by c.balance desc, c.id limit 10) as d),
    -- [telegram id, display name, role]
    'members', (select coalesce(json_agg(json_build_array(m.telegram_user_id, m.display_name, m.role)), '[]')
                  from public.members as m where m.shop_id = v.shop_id),
    -- [id, name, phone, tags, nicknames, balance, last purchase, last payment, linked with,
    --  archived at, merged into, bought in period, paid in period, due, overdue, oldest overdue
    --  (YYYY-MM-DD)], by name; due and overdue on the shop's today (private.customer_dues)
    'customers', (select coalesce(json_agg(json_build_array(
                           c.id, c.full_name, c.phone, array_to_string(c.tags, ', '),
                           array_to_string(c.nicknames, ', '), c.balance,
                           floor(date_part('epoch', p.last_purchase))::bigint,
                           floor(date_part('epoch', p.last_payment))::bigint,
                           case when c.link_group is not null then
                             (select string_agg(o.full_name, ', ' order by o.id) from public.customers as o
                               where o.shop_id = c.shop_id and o.link_group = c.link_group and o.id <> c.id
                                 and o.merged_into is null) end,
                           floor(date_part('epoch', c.archived_at))::bigint,
                           (select o.full_name from public.customers as o where o.id = c.merged_into),
                           coalesce(p.bought, 0), coalesce(p.paid, 0),
                           coalesce((du.d ->> 'due')::bigint, 0), coalesce((du.d ->> 'overdue')::bigint, 0),
                           du.d ->> 'oldest_overdue_on')
                         order by c.full_name, c.id), '[]')
                    from public.customers as c
                    left join per_customer as p on p.customer_id = c.id
                    left join dues as du on du.customer_id = c.id
                   where c.shop_id = v.shop_id),
    -- [id, at, customer id, kind, amount, description, tags, recorded by, balance after, voided at,
    -- dispute (open, undone, upheld or null), due date (YYYY-MM-DD: a purchase's own or from the terms,
    -- private.purchase_dues; an undone one's own only)], oldest first. (Times inline as floor(date_part(...)): a helper function with its own
    -- search_path would not be inlined, and 150,000 calls cost a second.)
    'transactions', (select coalesce(json_agg(json_build_array(
                              t.id, floor(date_part('epoch', t.created_at))::bigint, t.customer_id, t.kind,
                              t.amount, t.description, array_to_string(t.tags, ', '), t.recorded_by, t.running,
                              floor(date_part('epoch', t.voided_at))::bigint, t.dispute,
                              coalesce(dd.due_on, t.due_on)::text)
                            order by t.created_at, t.id), '[]')
                       from tx as t
                       left join due_days as dd on dd.transaction_id = t.id
                      where v_from is null or t.created_at >= v_from),
    -- [id, at, actor, action, customer id, amount, details (a note, or the action's info), undone
    -- at, actor as they were], oldest first. The last is the actor's name when they acted, with "(role, id N)" when it
    -- could pass for another member's (private.actor_label, computed once per name and role).
    'actions', (select coalesce(json_agg(json_build_array(
                         a.id, floor(date_part('epoch', a.created_at))::bigint, a.actor_id, a.action,
                         a.customer_id, a.amount, a.details, floor(date_part('epoch', a.undone_at))::bigint,
                         l.label)
                       order by a.id), '[]')
                  from (select x.id, x.created_at, x.actor_id, x.actor_name, x.actor_role, x.action,
                               x.customer_id, x.undone_at,
                               -- the money it moved: amount (purchases, payments) or price (expenses)
                               case when jsonb_typeof(x.action_info -> 'amount') = 'number'
                                      then (x.action_info ->> 'amount')::numeric::bigint
                                    when jsonb_typeof(x.action_info -> 'price') = 'number'
                                      then (x.action_info ->> 'price')::numeric::bigint
                               end as amount,
                               -- what it was about: a purchase's or payment's note (the other columns say
                               -- the rest), else the action's info for the workbook's sentence, without
                               -- secrets or what no sentence needs
                               case when x.action in ('purchase_recorded', 'payment_recorded')
                                      then to_jsonb(x.action_info ->> 'description')
                                    else x.action_info - array['pin_hash', 'hash', 'salt', 'pin', 'balance_before',
                                                                'balance_after', 'moved_transaction_ids']
                               end as details
                          from public.actions as x
                         where x.shop_id = v.shop_id
                           and (v_from is null or x.created_at >= v_from) and (v_to is null or x.created_at < v_to))
                       as a
                  join (select d.actor_id, d.actor_name, d.actor_role,
                               private.actor_label(v.shop_id, d.actor_id, d.actor_name, d.actor_role) as label
                          from (select distinct y.actor_id, y.actor_name, y.actor_role
                                  from public.actions as y where y.shop_id = v.shop_id) as d) as l
                    on l.actor_id = a.actor_id and l.actor_name = a.actor_name and l.actor_role = a.actor_role),
    -- [id, at, item, price, vendor, category, recorded by, voided at], oldest first
    'expenses', (select coalesce(json_agg(json_build_array(
                          e.id, floor(date_part('epoch', e.created_at))::bigint, e.item, e.price, e.vendor,
                          e.category, e.recorded_by, floor(date_part('epoch', e.voided_at))::bigint)
                        order by e.created_at, e.id), '[]')
                   from public.expenses as e
                  where e.shop_id = v.shop_id
                    and (v_from is null or e.created_at >= v_from) and (v_to is null or e.created_at < v_to)))
    into v_result;
  return v_result;
end;
$_$;

comment on function public.export_workbook(p_actor bigint, p_from date, p_to date, p_customer_id bigint, p_max_rows integer) is '/export (owners only): everything the Excel workbook needs for a period (p_from..p_to, days in the shop''s time zone, inclusive; null = open; months too are the shop''s) as compact row arrays (customers with what is due and overdue on the shop''s today, purchases with their due date), or one customer''s statement (p_customer_id) with a running balance; action rows name the actor as they were and carry the note of a purchase or payment, or the action''s info (without secrets) for the sentence the workbook writes. Over p_max_rows rows it answers too_large with the rows per month instead of the rows.';
revoke execute on function public.export_workbook(bigint, date, date, bigint, integer) from public, anon, authenticated;
grant execute on function public.export_workbook(bigint, date, date, bigint, integer) to service_role;
