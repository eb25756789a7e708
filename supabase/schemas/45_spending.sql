-- PayTrack declarative schema: spending.
-- Spending: the shop's own expenses.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Table expenses
-- ================================================================================================

create table public.expenses (
    id bigint not null,
    shop_id bigint not null,
    item text not null,
    price bigint not null,
    vendor text,
    category text,
    recorded_by bigint not null,
    created_at timestamp with time zone default now() not null,
    voided_at timestamp with time zone,
    voided_by bigint,
    constraint expense_category_length check (((category is null) or ((char_length(btrim(category)) >= 1) and (char_length(btrim(category)) <= 60)))),
    constraint expense_item_length check (((char_length(btrim(item)) >= 1) and (char_length(btrim(item)) <= 200))),
    constraint expense_price_at_most_a_trillion_minor_units check ((price <= '1000000000000'::bigint)),
    constraint expense_price_positive check ((price > 0)),
    constraint expense_vendor_length check (((vendor is null) or ((char_length(btrim(vendor)) >= 1) and (char_length(btrim(vendor)) <= 100)))),
    constraint expense_voided_together check (((voided_at is null) = (voided_by is null)))
);

alter table public.expenses alter column id add generated always as identity (
    sequence name public.expenses_id_seq
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1
);

alter table only public.expenses
    add constraint expenses_pkey primary key (id);

alter table only public.expenses
    add constraint expenses_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

alter table only public.expenses
    add constraint expenses_shop_id_recorded_by_fkey foreign key (shop_id, recorded_by) references public.members(shop_id, telegram_user_id);

create index expenses_by_shop on public.expenses using btree (shop_id, created_at desc, id desc);

alter table public.expenses enable row level security;

create policy "The bot's service role manages expenses" on public.expenses to service_role using (true) with check (true);

comment on table public.expenses is 'The shop''s own spending (/spend): what it bought, for how much, from whom, under which category. Undo voids a row (voided_at); voided rows count in no total.';

comment on column public.expenses.id is 'Expense number.';

comment on column public.expenses.shop_id is 'The shop that spent the money.';

comment on column public.expenses.item is 'What was bought, as typed (e.g. "milk crates").';

comment on column public.expenses.price is 'What it cost, in minor units of the shop currency (public.shops.currency; decimals in public.currencies.minor_unit): 1250 = 12.50 USD. Always positive.';

comment on column public.expenses.vendor is 'Who it was bought from (e.g. "Dairy Co"), or null. Spelled as the shop first wrote it: a later "dairy co" reuses that spelling.';

comment on column public.expenses.category is 'What kind of spending it is (e.g. "supplies"), or null (uncategorised). Spelled as the shop first wrote it.';

comment on column public.expenses.recorded_by is 'Telegram user id of the member who recorded it (public.members.telegram_user_id).';

comment on column public.expenses.created_at is 'When it was recorded; it counts in the month that holds it in the shop''s time zone.';

comment on column public.expenses.voided_at is 'Set when the expense was undone; a voided expense counts in no total.';

comment on column public.expenses.voided_by is 'Telegram user id of the member who undid it.';

grant select,insert,delete,update on table public.expenses to service_role;

grant usage on sequence public.expenses_id_seq to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.expense_json(e public.expenses, p_recorded_by_name text default null::text) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object(
    'id', e.id, 'item', e.item, 'price', e.price, 'vendor', e.vendor, 'category', e.category,
    'recorded_by', e.recorded_by, 'recorded_by_name', p_recorded_by_name,
    'created_at', e.created_at, 'voided_at', e.voided_at)
$$;

comment on function private.expense_json(e public.expenses, p_recorded_by_name text) is 'An expense as the spending RPCs return it, with the recorder''s name when given.';
revoke execute on function private.expense_json(public.expenses, text) from public, anon, authenticated;

create function private.month_start(p_day timestamp with time zone, p_zone text) returns timestamp with time zone
    language sql stable
    set search_path to ''
    as $$
  select date_trunc('month', p_day at time zone p_zone) at time zone p_zone
$$;

comment on function private.month_start(p_day timestamp with time zone, p_zone text) is 'The first instant of the month that holds p_day on the calendar of the time zone p_zone (the shop''s).';
revoke execute on function private.month_start(timestamp with time zone, text) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.expense_suggestions(p_actor bigint, p_limit integer default 6) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_limit integer := least(greatest(coalesce(p_limit, 6), 1), 20);
begin
  v := private.acting_member(p_actor);
  return jsonb_build_object(
    'vendors', (select coalesce(jsonb_agg(g.vendor order by g.last_id desc), '[]')
                  from (select e.vendor, max(e.id) as last_id from public.expenses as e
                         where e.shop_id = v.shop_id and e.vendor is not null and e.voided_at is null
                         group by e.vendor order by max(e.id) desc limit v_limit) as g),
    'categories', (select coalesce(jsonb_agg(g.category order by g.last_id desc), '[]')
                     from (select e.category, max(e.id) as last_id from public.expenses as e
                            where e.shop_id = v.shop_id and e.category is not null and e.voided_at is null
                            group by e.category order by max(e.id) desc limit v_limit) as g));
end;
$$;

comment on function public.expense_suggestions(p_actor bigint, p_limit integer) is 'The shop''s most recently used vendors and categories, newest first, offered as buttons by /spend.';
revoke execute on function public.expense_suggestions(bigint, integer) from public, anon, authenticated;
grant execute on function public.expense_suggestions(bigint, integer) to service_role;

create function public.list_expenses(p_actor bigint, p_month date default null::date, p_limit integer default 10) returns jsonb
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
revoke execute on function public.list_expenses(bigint, date, integer) from public, anon, authenticated;
grant execute on function public.list_expenses(bigint, date, integer) to service_role;

create function public.record_expense(p_actor bigint, p_update_id bigint, p_item text, p_price bigint, p_vendor text default null::text, p_category text default null::text) returns jsonb
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

comment on function public.record_expense(p_actor bigint, p_update_id bigint, p_item text, p_price bigint, p_vendor text, p_category text) is '/spend: records one of the shop''s own expenses (price in minor units; vendor and category optional) and returns it with the month''s total so far.';
revoke execute on function public.record_expense(bigint, bigint, text, bigint, text, text) from public, anon, authenticated;
grant execute on function public.record_expense(bigint, bigint, text, bigint, text, text) to service_role;

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_expense_recorded(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
begin
  update public.expenses set voided_at = now(), voided_by = private.current_actor()
   where id = (a.action_info ->> 'expense_id')::bigint and shop_id = a.shop_id and voided_at is null;
  if not found then
    perform private.fail('already_undone', 'That expense was already voided.');
  end if;
  return null; -- about no customer
end;
$$;

comment on function private.undo_expense_recorded(a public.actions) is 'Undoes /spend: voids the expense.';
revoke execute on function private.undo_expense_recorded(public.actions) from public, anon, authenticated;
