-- PayTrack: /overdue and the due figures where customers are shown (issue 14).
--
-- public.overdue_report: the shop's ageing today in its time zone (not yet due, 1-30, 31-60,
-- 61-90, 90+ days past due, no due date), totals and customer counts, and one bucket's
-- customers, each under their oldest unpaid bucket. customer_summary gains dues and the
-- effective credit terms and limit (and where they come from); list and search rows gain the
-- overdue badge with the amount; a linked customer's /balance and /statement gain the dues
-- and their reminder setting. All of it reads private.purchase_dues (the one FIFO).
-- customers_list_json and customer_account_json become plpgsql so the schema files (15, 66)
-- may call functions 68_dues.sql defines later.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ================================================================================================
-- Ageing
-- ================================================================================================

create function private.overdue_report_json(p_shop_id bigint, p_today date, p_bucket text, p_limit integer, p_offset integer) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  -- Each unpaid purchase of an active customer who owes, in its bucket by days past due on
  -- p_today; each customer listed under their oldest (worst) bucket.
  with unpaid as (
    select c.id as customer_id, d.unpaid, d.due_on,
           case when d.due_on is null then 'undated'
                when p_today - d.due_on <= 0 then 'not_due'
                when p_today - d.due_on <= 30 then '1_30'
                when p_today - d.due_on <= 60 then '31_60'
                when p_today - d.due_on <= 90 then '61_90'
                else '90_plus' end as bucket
      from public.customers as c
     cross join lateral private.purchase_dues(c.id) as d
     where c.shop_id = p_shop_id and c.balance > 0 and c.archived_at is null and c.merged_into is null
       and d.unpaid > 0
  ), buckets(bucket, rank) as (
    values ('90_plus', 1), ('61_90', 2), ('31_60', 3), ('1_30', 4), ('not_due', 5), ('undated', 6)
  ), per_customer as (
    select u.customer_id,
           (array_agg(u.bucket order by b.rank))[1] as bucket,
           min(b.rank) as rank,
           sum(u.unpaid) filter (where u.due_on < p_today) as overdue,
           min(u.due_on) filter (where u.due_on < p_today) as oldest_overdue_on,
           min(u.due_on) filter (where u.due_on >= p_today) as next_due_on,
           sum(u.unpaid) as owed
      from unpaid as u join buckets as b on b.bucket = u.bucket
     group by u.customer_id
  ), totals as (
    select b.bucket, b.rank,
           coalesce((select sum(u.unpaid) from unpaid as u where u.bucket = b.bucket), 0) as total,
           (select count(distinct u.customer_id) from unpaid as u where u.bucket = b.bucket) as customers,
           (select count(*) from per_customer as p where p.bucket = b.bucket) as listed
      from buckets as b
  ), chosen as (
    select coalesce(
      (select t.bucket from totals as t where t.bucket = p_bucket),
      (select t.bucket from totals as t where t.listed > 0 order by t.rank limit 1)) as bucket
  ), page as (
    select p.*, c.full_name, c.balance
      from per_customer as p
      join public.customers as c on c.id = p.customer_id
     where p.bucket = (select bucket from chosen)
     order by p.oldest_overdue_on nulls last, p.next_due_on nulls last, p.owed desc, p.customer_id
     limit least(greatest(coalesce(p_limit, 10), 1), 50) offset greatest(coalesce(p_offset, 0), 0)
  )
  select jsonb_build_object(
    'today', p_today,
    'buckets', (select jsonb_agg(jsonb_build_object('bucket', t.bucket, 'total', t.total,
                                                    'customers', t.customers, 'listed', t.listed)
                                 order by t.rank) from totals as t),
    'overdue', coalesce((select sum(u.unpaid) from unpaid as u where u.due_on < p_today), 0),
    'overdue_customers', (select count(*) from per_customer as p where p.overdue > 0),
    'owed', coalesce((select sum(u.unpaid) from unpaid as u), 0),
    'bucket', (select bucket from chosen),
    'total', coalesce((select t.listed from totals as t where t.bucket = (select bucket from chosen)), 0),
    'offset', greatest(coalesce(p_offset, 0), 0),
    'customers', coalesce((select jsonb_agg(jsonb_build_object(
                             'id', p.customer_id, 'full_name', p.full_name, 'balance', p.balance,
                             'overdue', coalesce(p.overdue, 0), 'oldest_overdue_on', p.oldest_overdue_on,
                             'next_due_on', p.next_due_on,
                             'days_overdue', p_today - p.oldest_overdue_on)
                           order by p.oldest_overdue_on nulls last, p.next_due_on nulls last, p.owed desc, p.customer_id)
                             from page as p), '[]'::jsonb))
$$;

comment on function private.overdue_report_json(p_shop_id bigint, p_today date, p_bucket text, p_limit integer, p_offset integer) is 'The shop''s ageing on p_today (from private.purchase_dues, active customers who owe): per bucket (90_plus, 61_90, 31_60, 1_30 days past due, not_due: due today or later, undated: no due date) the total unpaid, how many customers have money in it and how many are listed under it (their oldest bucket); the overdue total and count; and one page of the customers listed under p_bucket (null or unknown: the worst bucket with anyone), oldest overdue first, each with overdue amount, oldest overdue date and days, next due date.';
revoke execute on function private.overdue_report_json(bigint, date, text, integer, integer) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.overdue_report(p_actor bigint, p_bucket text default null::text, p_limit integer default 10, p_offset integer default 0) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  v := private.acting_member(p_actor);
  return private.overdue_report_json(v.shop_id, private.shop_today(v.shop_id), p_bucket, p_limit, p_offset)
         || jsonb_build_object('shop', private.shop_json(v));
end;
$$;

comment on function public.overdue_report(p_actor bigint, p_bucket text, p_limit integer, p_offset integer) is '/overdue (any member): the shop''s ageing buckets today in its time zone, with totals and customer counts, and one page of the customers in p_bucket (null: the worst bucket with anyone), each under their oldest unpaid bucket. See private.overdue_report_json.';
revoke execute on function public.overdue_report(bigint, text, integer, integer) from public, anon, authenticated;
grant execute on function public.overdue_report(bigint, text, integer, integer) to service_role;

-- ================================================================================================
-- Due figures where customers are shown
-- ================================================================================================

create or replace function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer default 5) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_customer public.customers;
  v_totals jsonb;
  v_recent jsonb;
begin
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  select jsonb_build_object(
           'purchases', coalesce(sum(t.amount) filter (where t.kind = 'purchase'), 0),
           'payments', coalesce(sum(t.amount) filter (where t.kind = 'payment'), 0),
           'count', count(*),
           'last_purchase_at', max(t.created_at) filter (where t.kind = 'purchase'),
           'last_payment_at', max(t.created_at) filter (where t.kind = 'payment'))
    into v_totals
    from public.transactions as t
   where t.customer_id = v_customer.id and t.voided_at is null;
  select coalesce(jsonb_agg(private.transaction_json(r) order by r.created_at desc, r.id desc), '[]')
    into v_recent
    from (select * from public.transactions as t
           where t.customer_id = v_customer.id
           order by t.created_at desc, t.id desc
           limit least(greatest(coalesce(p_recent, 5), 0), 50)) as r;
  return jsonb_build_object(
    'customer', private.customer_json(v_customer, true)
                || jsonb_build_object('other_phones', to_jsonb(v_customer.other_phones),
                                      'badges', to_jsonb(private.customer_badges(v_customer, private.top_balance(v.shop_id)))),
    'totals', v_totals,
    'recent', v_recent,
    'links', private.links_json(v_customer),
    'merged_into', (select jsonb_build_object('id', s.id, 'full_name', s.full_name)
                      from public.customers as s where s.id = v_customer.merged_into),
    'telegram_linked', exists (select 1 from public.customer_accounts as a
                                where a.customer_id = v_customer.id and a.ended_at is null),
    'dues', private.customer_dues(v_customer.id, private.shop_today(v.shop_id)),
    'credit', (select jsonb_build_object(
                 'days', coalesce(v_customer.credit_days, s.credit_days),
                 'days_from', case when v_customer.credit_days is not null then 'customer'
                                   when s.credit_days is not null then 'shop' end,
                 'limit', coalesce(v_customer.credit_limit, s.credit_limit),
                 'limit_from', case when v_customer.credit_limit is not null then 'customer'
                                    when s.credit_limit is not null then 'shop' end,
                 'limit_mode', s.credit_limit_mode)
                 from public.shops as s where s.id = v.shop_id),
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer) is 'A customer''s details (with hidden nicknames, other phones and badges), totals of non-voided purchases and payments, the latest transactions, their linked accounts with the group total, whom a merged duplicate went into, whether the customer''s Telegram is linked (/connect), their dues by due date today in the shop''s zone (private.customer_dues), their effective credit terms and limit with where each comes from (customer, shop or null: none) and the acting member (their role).';
revoke execute on function public.customer_summary(bigint, bigint, integer) from public, anon, authenticated;
grant execute on function public.customer_summary(bigint, bigint, integer) to service_role;

create or replace function private.customers_list_json(p_ids bigint[], p_scores numeric[], p_top bigint) returns jsonb
    language plpgsql stable
    set search_path to ''
    as $$
begin
  -- One query for the page (each customer's last payment through a join, not a function
  -- call per row); rows keep the order of p_ids, with their score when given.
  -- The overdue badge (with the amount) reads private.purchase_dues only for a customer on
  -- the page who owes.
  return (
    select coalesce(jsonb_agg(
             jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                                'tags', to_jsonb(c.tags), 'balance', c.balance,
                                'badges', to_jsonb(private.customer_badges(c, p_top, paid.at)
                                                   || case when late.overdue > 0 then array['overdue'] else array[]::text[] end))
             || case when p.score is null then '{}'::jsonb else jsonb_build_object('score', p.score) end
             || case when late.overdue > 0 then jsonb_build_object('overdue', late.overdue, 'oldest_overdue_on', late.oldest)
                     else '{}'::jsonb end
             order by p.ord), '[]')
      from unnest(p_ids, p_scores) with ordinality as p(id, score, ord)
      join public.customers as c on c.id = p.id
      cross join lateral (select max(t.created_at) as at from public.transactions as t
                           where t.customer_id = c.id and t.kind = 'payment' and t.voided_at is null) as paid
      left join lateral (select sum(d.unpaid) as overdue, min(d.due_on) as oldest
                           from private.purchase_dues(c.id) as d
                          where d.unpaid > 0 and d.due_on < private.shop_today(c.shop_id)) as late on c.balance > 0
  );
end;
$$;

comment on function private.customers_list_json(p_ids bigint[], p_scores numeric[], p_top bigint) is 'Customers as lists show them (never with nicknames), in the given order, with badges (overdue, with overdue and oldest_overdue_on, for one who owes and is past a due date) and optional scores.';
revoke execute on function private.customers_list_json(bigint[], numeric[], bigint) from public, anon, authenticated;

create or replace function private.customer_account_json(a public.customer_accounts, p_entries integer) returns jsonb
    language plpgsql stable
    set search_path to ''
    as $$
begin
  return (
    select jsonb_build_object(
      'account_id', a.id, 'language', a.language, 'linked_at', a.linked_at,
      'shop', private.customer_shop_json(a.shop_id),
      'customer', jsonb_build_object('id', c.id, 'full_name', c.full_name, 'balance', c.balance),
      'dues', private.customer_dues(c.id, private.shop_today(a.shop_id)),
      'reminders', a.reminders,
      'entries', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'kind', t.kind, 'amount', t.amount,
                                                               'description', t.description, 'created_at', t.created_at,
                                                               'balance_after', t.balance_after)
                                            order by t.created_at desc, t.id desc)
                             from (select * from public.transactions as x
                                    where x.customer_id = a.customer_id and x.voided_at is null
                                    order by x.created_at desc, x.id desc
                                    limit greatest(p_entries, 0)) as t), '[]'::jsonb))
      from public.customers as c
     where c.id = a.customer_id
  );
end;
$$;

comment on function private.customer_account_json(a public.customer_accounts, p_entries integer) is 'A linked account as its customer sees it: the shop, their name and balance, their dues by due date today in the shop''s zone (private.customer_dues), whether reminders are on, and their p_entries latest entries (undone ones left out).';
revoke execute on function private.customer_account_json(public.customer_accounts, integer) from public, anon, authenticated;
