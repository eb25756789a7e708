-- Issue 13, spending: /spending's months and /spend's "spent in November so far" are the
-- shop's calendar months (its time zone, daylight-saving changes included), no longer UTC's.
-- private.month_start takes the zone; list_expenses and record_expense pass the shop's.

drop function private.month_start(timestamp with time zone);

create function private.month_start(p_day timestamp with time zone, p_zone text) returns timestamp with time zone
    language sql stable
    set search_path to ''
    as $$
  select date_trunc('month', p_day at time zone p_zone) at time zone p_zone
$$;

comment on function private.month_start(p_day timestamp with time zone, p_zone text) is 'The first instant of the month that holds p_day on the calendar of the time zone p_zone (the shop''s).';
revoke execute on function private.month_start(timestamp with time zone, text) from public, anon, authenticated;

create or replace function public.list_expenses(p_actor bigint, p_month date default null::date, p_limit integer default 10) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 50);
  v_from timestamptz;
  v_to timestamptz;
  v_recent jsonb;
  v_totals jsonb;
begin
  v := private.acting_member(p_actor);
  -- Months are the shop's calendar months (its time zone), daylight-saving changes included.
  v_from := private.month_start(coalesce(p_month::timestamp at time zone v.timezone, now()), v.timezone);
  v_to := (((v_from at time zone v.timezone) + interval '1 month') at time zone v.timezone);
  -- Without a month: the latest expenses whenever they were, and this month's totals.
  select coalesce(jsonb_agg(private.expense_json(r.e, r.name) order by (r.e).created_at desc, (r.e).id desc), '[]')
    into v_recent
    from (select e, m.display_name as name
            from public.expenses as e
            join public.members as m on m.shop_id = e.shop_id and m.telegram_user_id = e.recorded_by
           where e.shop_id = v.shop_id and e.voided_at is null
             and (p_month is null or (e.created_at >= v_from and e.created_at < v_to))
           order by e.created_at desc, e.id desc
           limit v_limit) as r;
  with month as (
    select e.* from public.expenses as e
     where e.shop_id = v.shop_id and e.voided_at is null and e.created_at >= v_from and e.created_at < v_to
  )
  select jsonb_build_object(
    'total', (select coalesce(sum(price), 0) from month),
    'count', (select count(*) from month),
    'by_category', (select coalesce(jsonb_agg(jsonb_build_object('category', g.category, 'total', g.total, 'count', g.n)
                                              order by g.total desc, g.category nulls last), '[]')
                      from (select category, sum(price) as total, count(*) as n from month group by category) as g),
    'by_vendor', (select coalesce(jsonb_agg(jsonb_build_object('vendor', g.vendor, 'total', g.total, 'count', g.n)
                                            order by g.total desc, g.vendor nulls last), '[]')
                    from (select vendor, sum(price) as total, count(*) as n from month group by vendor) as g))
    into v_totals;
  return jsonb_build_object(
    'month', to_char(v_from at time zone v.timezone, 'YYYY-MM'),
    'recent', v_recent,
    'totals', v_totals,
    'shop', private.shop_json(v));
end;
$$;

comment on function public.list_expenses(p_actor bigint, p_month date, p_limit integer) is '/spending: the latest expenses (of p_month when given) and the month''s totals per category and per vendor (this month when p_month is null), months in the shop''s time zone. Voided expenses count nowhere.';

create or replace function public.record_expense(p_actor bigint, p_update_id bigint, p_item text, p_price bigint, p_vendor text default null::text, p_category text default null::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_item text := private.clean_text(p_item);
  v_vendor text := nullif(private.clean_text(p_vendor), '');
  v_category text := nullif(private.clean_text(p_category), '');
  v_expense public.expenses;
  v_month timestamptz;
  v_month_total bigint;
begin
  v_prior := private.begin_update(p_update_id, 'record_expense', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);

  if v_item = '' then
    perform private.fail('item_required', 'An expense needs the item that was bought.');
  end if;
  if char_length(v_item) > 200 then
    perform private.fail('item_too_long', 'An item can have at most 200 characters.');
  end if;
  if p_price is null or p_price <= 0 then
    perform private.fail('amount_not_positive', 'The price must be more than zero.');
  end if;
  if p_price > 1000000000000 then
    perform private.fail('amount_too_large', 'The price is larger than PayTrack accepts.');
  end if;
  if char_length(v_vendor) > 100 then
    perform private.fail('vendor_too_long', 'A vendor can have at most 100 characters.');
  end if;
  if char_length(v_category) > 60 then
    perform private.fail('category_too_long', 'A category can have at most 60 characters.');
  end if;

  -- One spelling per vendor and per category: "dairy co" files under an earlier "Dairy Co".
  v_vendor := coalesce((select e.vendor from public.expenses as e
                         where e.shop_id = v.shop_id and lower(e.vendor) = lower(v_vendor)
                         order by e.id limit 1), v_vendor);
  v_category := coalesce((select e.category from public.expenses as e
                           where e.shop_id = v.shop_id and lower(e.category) = lower(v_category)
                           order by e.id limit 1), v_category);

  insert into public.expenses (shop_id, item, price, vendor, category, recorded_by)
    values (v.shop_id, v_item, p_price, v_vendor, v_category, p_actor)
    returning * into v_expense;
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'expense_recorded', p_actor,
            jsonb_build_object('expense_id', v_expense.id, 'item', v_expense.item, 'price', v_expense.price,
                               'vendor', v_expense.vendor, 'category', v_expense.category),
            p_update_id);

  v_month := private.month_start(v_expense.created_at, v.timezone);
  select coalesce(sum(e.price), 0) into v_month_total from public.expenses as e
   where e.shop_id = v.shop_id and e.voided_at is null
     and e.created_at >= v_month
     and e.created_at < (((v_month at time zone v.timezone) + interval '1 month') at time zone v.timezone);

  return private.finish_update(p_update_id, jsonb_build_object(
    'expense', private.expense_json(v_expense, v.display_name),
    'month', to_char(v_month at time zone v.timezone, 'YYYY-MM'),
    'month_total', v_month_total,
    'shop', private.shop_json(v)));
end;
$$;

comment on column public.expenses.created_at is 'When it was recorded; it counts in the month that holds it in the shop''s time zone.';
