-- PayTrack schema: /overdue — what the shop's customers owe by due date, in ageing buckets in
-- the shop's time zone. The state the migrations build; changes go in a new migration.
--
-- Everything here reads private.purchase_dues (68_dues.sql), the one FIFO.

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
