-- PayTrack: due dates, credit limits and reminder settings — the columns and the FIFO core
-- (issue 14).
--
-- Credit terms: a shop default (shops.credit_days, null: none), a per-customer override
-- (customers.credit_days, null: the shop's) and a per-purchase due date (transactions.due_on,
-- /addtransaction 50 | rice | due 2026-12-15). Payments settle the oldest purchases first
-- (FIFO): private.purchase_dues says what is still unpaid of each purchase and when it is due;
-- private.customer_dues sums it up (due, overdue, oldest overdue date, next due date).
-- Credit limits (shops.credit_limit / credit_limit_mode, customers.credit_limit) and the
-- automatic reminder settings (reminders_auto, remind_before_days, remind_every_days, quiet
-- hours, the owner's daily digest) are stored here; what uses them comes with their features.
-- The shop's new settings go through set_shop_setting (logged, undoable) like the others;
-- a customer's own terms and limit through set_customer_credit (logged, undoable).
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ================================================================================================
-- Columns
-- ================================================================================================

alter table public.shops
  add column credit_days smallint constraint shop_credit_days_range check (credit_days between 0 and 365),
  add column credit_limit bigint constraint shop_credit_limit_positive check (credit_limit > 0 and credit_limit <= 1000000000000),
  add column credit_limit_mode text default 'warn' not null constraint shop_credit_limit_mode_known check (credit_limit_mode in ('warn', 'block')),
  add column reminders_auto boolean default false not null,
  add column remind_before_days smallint default 3 not null constraint shop_remind_before_days_range check (remind_before_days between 0 and 30),
  add column remind_every_days smallint default 7 not null constraint shop_remind_every_days_range check (remind_every_days between 1 and 90),
  add column quiet_from time without time zone default '21:00' constraint shop_quiet_hours_together check ((quiet_from is null) = (quiet_until is null)),
  add column quiet_until time without time zone default '09:00',
  add column digest boolean default false not null;
comment on column public.shops.credit_days is 'Setting: the shop''s credit terms, days from a purchase to its due date (0 to 365); null: no terms, purchases have no due date unless one is typed.';
comment on column public.shops.credit_limit is 'Setting: the most a customer may owe (minor units) unless the customer has their own limit; null: no limit.';
comment on column public.shops.credit_limit_mode is 'Setting: what a purchase past the limit does: warn (the member confirms) or block (needs an owner, or the PIN).';
comment on column public.shops.reminders_auto is 'Setting: send linked customers payment reminders automatically (before the due date, on it, and while overdue). Off by default.';
comment on column public.shops.remind_before_days is 'Setting: how many days before a due date the automatic reminder goes (0: none before).';
comment on column public.shops.remind_every_days is 'Setting: while a customer is overdue, an automatic reminder every this many days.';
comment on column public.shops.quiet_from is 'Setting: quiet hours start (shop''s time zone); no automatic message is sent from then until quiet_until. Null with quiet_until: no quiet hours.';
comment on column public.shops.quiet_until is 'Setting: quiet hours end (shop''s time zone).';
comment on column public.shops.digest is 'Setting: every owner gets a daily digest (yesterday''s credit sales, collections, new overdue, open disputes).';

alter table public.customers
  add column credit_days smallint constraint customer_credit_days_range check (credit_days between 0 and 365),
  add column credit_limit bigint constraint customer_credit_limit_positive check (credit_limit > 0 and credit_limit <= 1000000000000);
comment on column public.customers.credit_days is 'This customer''s own credit terms in days (0 to 365); null: the shop''s.';
comment on column public.customers.credit_limit is 'This customer''s own credit limit (minor units); null: the shop''s.';

alter table public.transactions
  add column due_on date;
comment on column public.transactions.due_on is 'A purchase''s own due date (typed with it, or set after); null: from the credit terms (customer''s, else the shop''s), or none.';

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.shop_today(p_shop_id bigint) returns date
    language sql stable
    set search_path to ''
    as $$
  select (now() at time zone s.timezone)::date from public.shops as s where s.id = p_shop_id
$$;

comment on function private.shop_today(p_shop_id bigint) is 'Today''s date in the shop''s time zone.';
revoke execute on function private.shop_today(bigint) from public, anon, authenticated;

create function private.purchase_dues(p_customer_id bigint) returns table (transaction_id bigint, created_at timestamp with time zone, amount bigint, unpaid bigint, due_on date)
    language plpgsql stable
    set search_path to ''
    as $$
begin
  -- plpgsql, not sql: its plan is cached for the session, where a nested sql function would be
  -- planned again on every call (what the reminders benchmark measured).
  return query
  with counted as (
    select t.id, t.kind, t.amount, t.created_at, t.due_on
      from public.transactions as t
     where t.customer_id = p_customer_id and t.voided_at is null
  ), paid as (
    select coalesce(sum(k.amount) filter (where k.kind = 'payment'), 0) as total from counted as k
  ), purchases as (
    select p.*, sum(p.amount) over (order by p.created_at, p.id rows unbounded preceding) as upto
      from counted as p where p.kind = 'purchase'
  )
  select p.id, p.created_at, p.amount,
         greatest(0, least(p.amount, p.upto - paid.total))::bigint,
         coalesce(p.due_on, (p.created_at at time zone s.timezone)::date + coalesce(c.credit_days, s.credit_days)::integer)
    from purchases as p
   cross join paid
    join public.customers as c on c.id = p_customer_id
    join public.shops as s on s.id = c.shop_id
   order by p.created_at, p.id;
end;
$$;

comment on function private.purchase_dues(p_customer_id bigint) is 'FIFO: each counted purchase of the customer, oldest first, with what is still unpaid of it (payments settle the oldest purchases first) and its due date (its own, else the purchase day in the shop''s zone plus the customer''s or shop''s credit days; null: none).';
revoke execute on function private.purchase_dues(bigint) from public, anon, authenticated;

create function private.customer_dues(p_customer_id bigint, p_today date) returns jsonb
    language plpgsql stable
    set search_path to ''
    as $$
declare
  v_dues jsonb;
begin
  with owed as (
    select d.unpaid, d.due_on from private.purchase_dues(p_customer_id) as d where d.unpaid > 0
  ), next as (
    select min(o.due_on) as due_on from owed as o where o.due_on >= p_today
  )
  select jsonb_build_object(
    'due', coalesce(sum(o.unpaid) filter (where o.due_on <= p_today), 0),
    'overdue', coalesce(sum(o.unpaid) filter (where o.due_on < p_today), 0),
    'oldest_overdue_on', min(o.due_on) filter (where o.due_on < p_today),
    'next_due_on', min(n.due_on),
    'next_due_amount', coalesce(sum(o.unpaid) filter (where o.due_on = n.due_on), 0),
    'undated', coalesce(sum(o.unpaid) filter (where o.due_on is null), 0))
    into v_dues
    from owed as o cross join next as n;
  return v_dues;
end;
$$;

comment on function private.customer_dues(p_customer_id bigint, p_today date) is 'What the customer owes by due date on p_today: due (due on or before today), overdue (due before today), oldest_overdue_on, next_due_on and next_due_amount (the next date something falls due), undated (owed with no due date). Amounts in minor units.';
revoke execute on function private.customer_dues(bigint, date) from public, anon, authenticated;

-- ================================================================================================
-- Kinds of action
-- ================================================================================================

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_credit_set', 'A customer''s own credit terms or credit limit was set or cleared (back to the shop''s). Undo puts the old one back.', true, false, 'owner');
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('due_date_set', 'A purchase''s due date was set, changed or cleared (back to the credit terms). Undo puts the old one back.', true, false, null);

-- ================================================================================================
-- Recording: a purchase's own due date and the credit limit
-- ================================================================================================

drop function public.record_purchase(bigint, bigint, bigint, bigint, text);
drop function private.record_transaction(bigint, bigint, public.transaction_kind, bigint, bigint, boolean, text);

create function private.record_transaction(p_actor bigint, p_update_id bigint, p_kind public.transaction_kind, p_customer_id bigint, p_amount bigint, p_settle boolean, p_description text, p_due_on date default null::date, p_over_limit boolean default false) returns jsonb
    language plpgsql
    set search_path to ''
    as $$
declare
  v_operation text := case p_kind when 'purchase' then 'record_purchase' else 'record_payment' end;
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_amount bigint := p_amount;
  v_balance_before bigint;
  v_delta bigint;
  v_description text := private.clean_text(p_description);
  v_tx public.transactions;
  v_limit bigint;
  v_limit_mode text;
  v_has_pin boolean;
begin
  v_prior := private.begin_update(p_update_id, v_operation, p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);

  -- The row lock serialises concurrent recordings against one customer.
  select * into v_customer from public.customers
   where id = p_customer_id and shop_id = v.shop_id
   for update;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_customer.archived_at is not null then
    perform private.fail('customer_archived', 'This customer is archived.');
  end if;

  if p_settle then
    if v_customer.balance <= 0 then
      perform private.fail('nothing_to_settle', 'This customer owes nothing.');
    end if;
    v_amount := v_customer.balance;
  end if;
  if v_amount is null or v_amount <= 0 then
    perform private.fail('amount_not_positive', 'The amount must be more than zero.');
  end if;
  if v_amount > 1000000000000 then
    perform private.fail('amount_too_large', 'The amount is larger than PayTrack accepts.');
  end if;
  if char_length(v_description) > 500 then
    perform private.fail('description_too_long', 'A description can have at most 500 characters.');
  end if;
  if p_due_on is not null then
    if p_kind <> 'purchase' then
      perform private.fail('rejected', 'Only a purchase has a due date.');
    end if;
    if p_due_on < private.shop_today(v.shop_id) then
      perform private.fail('due_date_in_past', 'A due date cannot be before today.');
    end if;
    if p_due_on > private.shop_today(v.shop_id) + 3660 then
      perform private.fail('due_date_too_far', 'A due date can be at most ten years ahead.');
    end if;
  end if;

  v_balance_before := v_customer.balance;
  v_delta := case p_kind when 'purchase' then v_amount else -v_amount end;
  if abs(v_balance_before + v_delta) > 1000000000000000 then
    perform private.fail('balance_out_of_range', 'The balance would be larger than PayTrack accepts.');
  end if;
  -- The credit limit (the customer's, else the shop's): warn asks the member first (p_over_limit),
  -- block also needs an owner or a recent right PIN (an owner alone when the shop has no PIN).
  if p_kind = 'purchase' then
    select coalesce(v_customer.credit_limit, s.credit_limit), s.credit_limit_mode, s.pin_hash is not null
      into v_limit, v_limit_mode, v_has_pin
      from public.shops as s where s.id = v.shop_id;
    if v_limit is not null and v_balance_before + v_delta > v_limit then
      if not coalesce(p_over_limit, false) then
        perform private.fail('over_credit_limit', format(
          'This purchase takes the balance to %s, past the credit limit of %s (minor units).',
          v_balance_before + v_delta, v_limit));
      end if;
      if v_limit_mode = 'block' and v.role <> 'owner' then
        if not v_has_pin then
          perform private.fail('credit_limit_owner_only', 'Past the credit limit, only an owner can record this purchase.');
        end if;
        perform private.require_pin(v);
      end if;
    end if;
  end if;

  update public.customers set balance = balance + v_delta
   where id = v_customer.id
   returning * into v_customer;
  insert into public.transactions (shop_id, customer_id, kind, amount, description, tags, recorded_by, balance_after, due_on)
    values (v.shop_id, v_customer.id, p_kind, v_amount, v_description, private.clean_tags(private.tags_in(v_description)),
            p_actor, v_customer.balance, p_due_on)
    returning * into v_tx;
  insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, update_id)
    values (v.shop_id, p_kind || '_recorded', p_actor, v_customer.id, v_tx.id,
            jsonb_build_object('kind', p_kind, 'amount', v_amount, 'description', v_description,
                               'balance_before', v_balance_before, 'balance_after', v_customer.balance)
              || case when p_due_on is null then '{}'::jsonb else jsonb_build_object('due_on', p_due_on) end
              || case when v_limit is not null and v_customer.balance > v_limit
                      then jsonb_build_object('over_limit', v_limit) else '{}'::jsonb end,
            p_update_id);

  return private.finish_update(p_update_id, jsonb_build_object(
    'transaction', private.transaction_json(v_tx),
    'customer', private.customer_json(v_customer),
    'shop', private.shop_json(v)));
end;
$$;

comment on function private.record_transaction(p_actor bigint, p_update_id bigint, p_kind public.transaction_kind, p_customer_id bigint, p_amount bigint, p_settle boolean, p_description text, p_due_on date, p_over_limit boolean) is 'Records a purchase or payment under the customer''s row lock: checks, balance, transaction, action and update_id in one go. A purchase may have its own due date (today or later in the shop''s zone). p_over_limit: the member confirmed going past the credit limit (over_credit_limit without it; with block, a clerk also needs the PIN, or credit_limit_owner_only when the shop has none).';
revoke execute on function private.record_transaction(bigint, bigint, public.transaction_kind, bigint, bigint, boolean, text, date, boolean) from public, anon, authenticated;

create function public.record_purchase(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_amount bigint, p_description text default ''::text, p_due_on date default null::date, p_over_limit boolean default false) returns jsonb
    language sql security definer
    set search_path to ''
    as $$
  select private.record_transaction(p_actor, p_update_id, 'purchase', p_customer_id, p_amount, false, p_description,
                                    p_due_on, coalesce(p_over_limit, false))
$$;

comment on function public.record_purchase(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_amount bigint, p_description text, p_due_on date, p_over_limit boolean) is 'Records a purchase on credit (amount in minor units) and raises the customer''s balance; #tags in the description become tags. p_due_on: its own due date (else the credit terms decide); p_over_limit: the member confirmed going past the credit limit.';
revoke execute on function public.record_purchase(bigint, bigint, bigint, bigint, text, date, boolean) from public, anon, authenticated;
grant execute on function public.record_purchase(bigint, bigint, bigint, bigint, text, date, boolean) to service_role;

create or replace function private.transaction_json(t public.transactions) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object(
    'id', t.id, 'customer_id', t.customer_id, 'kind', t.kind, 'amount', t.amount,
    'description', t.description, 'tags', to_jsonb(t.tags), 'recorded_by', t.recorded_by,
    'balance_after', t.balance_after, 'created_at', t.created_at, 'voided_at', t.voided_at,
    'dispute', t.dispute, 'due_on', t.due_on)
$$;

comment on function private.transaction_json(t public.transactions) is 'A transaction as the RPCs return it, with balance_after, voided_at, its dispute''s status (null: none) and its own due date (null: from the terms).';
revoke execute on function private.transaction_json(public.transactions) from public, anon, authenticated;

-- ================================================================================================
-- Settings: credit terms and limit, automatic reminders, the digest
-- ================================================================================================

create or replace function private.shop_setting(p_shop bigint, p_setting text) returns text
    language sql stable
    set search_path to ''
    as $$
  select case p_setting
           when 'archive_when_settled' then s.archive_when_settled::text
           when 'name' then s.name
           when 'timezone' then s.timezone
           when 'language' then s.language
           when 'digits' then s.digits
           when 'currency' then s.currency
           when 'credit_days' then s.credit_days::text
           when 'credit_limit' then s.credit_limit::text
           when 'credit_limit_mode' then s.credit_limit_mode
           when 'reminders_auto' then s.reminders_auto::text
           when 'remind_before_days' then s.remind_before_days::text
           when 'remind_every_days' then s.remind_every_days::text
           when 'quiet_hours' then to_char(s.quiet_from, 'HH24:MI') || '-' || to_char(s.quiet_until, 'HH24:MI')
           when 'digest' then s.digest::text
         end
    from public.shops as s where s.id = p_shop
$$;

comment on function private.shop_setting(p_shop bigint, p_setting text) is 'The current value of one shop setting as text (archive_when_settled, name, timezone, language, digits, currency, credit_days, credit_limit, credit_limit_mode, reminders_auto, remind_before_days, remind_every_days, quiet_hours as HH:MM-HH:MM, digest); null: none.';
revoke execute on function private.shop_setting(bigint, text) from public, anon, authenticated;

create or replace function private.put_shop_setting(p_shop bigint, p_setting text, p_value text) returns void
    language plpgsql
    set search_path to ''
    as $$
begin
  if p_setting = 'archive_when_settled' then
    update public.shops set archive_when_settled = p_value::boolean where id = p_shop;
  elsif p_setting = 'name' then
    update public.shops set name = p_value where id = p_shop;
  elsif p_setting = 'timezone' then
    update public.shops set timezone = p_value where id = p_shop;
  elsif p_setting = 'language' then
    update public.shops set language = p_value where id = p_shop;
  elsif p_setting = 'digits' then
    update public.shops set digits = p_value where id = p_shop;
  elsif p_setting = 'currency' then
    update public.shops set currency = p_value where id = p_shop;
  elsif p_setting = 'credit_days' then
    update public.shops set credit_days = p_value::smallint where id = p_shop;
  elsif p_setting = 'credit_limit' then
    update public.shops set credit_limit = p_value::bigint where id = p_shop;
  elsif p_setting = 'credit_limit_mode' then
    update public.shops set credit_limit_mode = p_value where id = p_shop;
  elsif p_setting = 'reminders_auto' then
    update public.shops set reminders_auto = p_value::boolean where id = p_shop;
  elsif p_setting = 'remind_before_days' then
    update public.shops set remind_before_days = p_value::smallint where id = p_shop;
  elsif p_setting = 'remind_every_days' then
    update public.shops set remind_every_days = p_value::smallint where id = p_shop;
  elsif p_setting = 'quiet_hours' then
    update public.shops set quiet_from = split_part(p_value, '-', 1)::time, quiet_until = split_part(p_value, '-', 2)::time
     where id = p_shop;
  elsif p_setting = 'digest' then
    update public.shops set digest = p_value::boolean where id = p_shop;
  else
    perform private.fail('rejected', format('%s is not a shop setting.', p_setting));
  end if;
  -- Every member's cached membership (shop name, currency, zone, language) is stale now.
  update public.bot_sessions set value = value - 'member'
   where key in (select 'member:' || m.telegram_user_id from public.members as m where m.shop_id = p_shop)
     and value ? 'member';
end;
$$;

comment on function private.put_shop_setting(p_shop bigint, p_setting text, p_value text) is 'Stores one shop setting (validated by the caller) and drops every member''s cached membership from their bot session, so each member''s next update sees the new name, zone, language or currency.';
revoke execute on function private.put_shop_setting(bigint, text, text) from public, anon, authenticated;

create or replace function public.set_shop_setting(p_actor bigint, p_update_id bigint, p_setting text, p_value text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_value text;
  v_old text;
begin
  v_prior := private.begin_update(p_update_id, 'set_shop_setting', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  perform 1 from public.shops where id = v.shop_id for update;
  case p_setting
    when 'name' then
      v_value := left(private.clean_text(p_value), 100);
      if v_value is null or v_value = '' then
        perform private.fail('name_required', 'Say the shop''s new name.');
      end if;
    when 'timezone' then
      v_value := btrim(p_value);
      if not private.is_time_zone(v_value) then
        perform private.fail('unknown_time_zone', format('%s is not a time zone PayTrack knows.', p_value));
      end if;
    when 'language' then
      v_value := private.known_language(p_value);
      if v_value is null then
        perform private.fail('rejected', 'A language is en or ar.');
      end if;
    when 'digits' then
      v_value := p_value;
      if v_value is null or v_value not in ('latn', 'arab') then
        perform private.fail('rejected', 'A digit style is latn or arab.');
      end if;
    when 'currency' then
      v_value := upper(btrim(p_value));
      if not exists (select 1 from public.currencies where code = v_value) then
        perform private.fail('unknown_currency', format('%s is not a currency PayTrack knows.', p_value));
      end if;
      if private.shop_has_money(v.shop_id) then
        perform private.fail('shop_has_transactions', 'The currency can change only while the shop has no transactions.');
      end if;
    when 'credit_days' then
      v_value := case when lower(btrim(p_value)) in ('none', 'off', '') then null else btrim(p_value) end;
      if v_value is not null and (v_value !~ '^[0-9]{1,3}$' or v_value::integer > 365) then
        perform private.fail('rejected', 'Credit terms are 0 to 365 days, or none.');
      end if;
      v_value := v_value::integer::text;
    when 'credit_limit' then
      v_value := case when lower(btrim(p_value)) in ('none', 'off', '') then null else btrim(p_value) end;
      if v_value is not null and (v_value !~ '^[0-9]{1,13}$' or v_value::bigint <= 0 or v_value::bigint > 1000000000000) then
        perform private.fail('rejected', 'A credit limit is an amount more than zero, or none.');
      end if;
      v_value := v_value::bigint::text;
    when 'credit_limit_mode' then
      v_value := lower(btrim(p_value));
      if v_value is null or v_value not in ('warn', 'block') then
        perform private.fail('rejected', 'A credit limit either warns or blocks.');
      end if;
    when 'reminders_auto', 'digest' then
      v_value := case when lower(btrim(p_value)) in ('true', 'on', 'yes', '1') then 'true'
                      when lower(btrim(p_value)) in ('false', 'off', 'no', '0') then 'false' end;
      if v_value is null then
        perform private.fail('rejected', 'This setting is on or off.');
      end if;
    when 'remind_before_days' then
      v_value := btrim(p_value);
      if v_value is null or v_value !~ '^[0-9]{1,2}$' or v_value::integer > 30 then
        perform private.fail('rejected', 'Reminders go 0 to 30 days before the due date.');
      end if;
      v_value := v_value::integer::text;
    when 'remind_every_days' then
      v_value := btrim(p_value);
      if v_value is null or v_value !~ '^[0-9]{1,2}$' or v_value::integer not between 1 and 90 then
        perform private.fail('rejected', 'Overdue reminders repeat every 1 to 90 days.');
      end if;
      v_value := v_value::integer::text;
    when 'quiet_hours' then
      v_value := case when lower(btrim(p_value)) in ('none', 'off', '') then null
                      else regexp_replace(btrim(p_value), '\s*[-–]\s*', '-') end;
      if v_value is not null then
        if v_value !~ '^([01]?[0-9]|2[0-3]):[0-5][0-9]-([01]?[0-9]|2[0-3]):[0-5][0-9]$' then
          perform private.fail('rejected', 'Quiet hours are like 21:00-09:00, or none.');
        end if;
        v_value := to_char(split_part(v_value, '-', 1)::time, 'HH24:MI') || '-' || to_char(split_part(v_value, '-', 2)::time, 'HH24:MI');
        if split_part(v_value, '-', 1) = split_part(v_value, '-', 2) then
          perform private.fail('rejected', 'Quiet hours start and end at different times.');
        end if;
      end if;
    else
      perform private.fail('rejected', 'A setting is name, timezone, language, digits, currency, credit_days, credit_limit, credit_limit_mode, reminders_auto, remind_before_days, remind_every_days, quiet_hours or digest.');
  end case;
  v_old := private.shop_setting(v.shop_id, p_setting);
  if v_old is distinct from v_value then
    perform private.put_shop_setting(v.shop_id, p_setting, v_value);
    insert into public.actions (shop_id, action, actor_id, action_info, update_id)
      values (v.shop_id, 'setting_changed', p_actor,
              jsonb_build_object('setting', p_setting, 'old', v_old, 'new', v_value), p_update_id);
  end if;
  v := private.acting_member(p_actor);
  return private.finish_update(p_update_id, jsonb_build_object(
    'setting', p_setting, 'old', v_old, 'new', v_value, 'changed', v_old is distinct from v_value,
    'member', private.member_json(v), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.set_shop_setting(p_actor bigint, p_update_id bigint, p_setting text, p_value text) is 'Owner: changes the shop''s name, timezone (an IANA name), default language (en, ar), digit style (latn, arab), currency (only while the shop has no transactions: shop_has_transactions), credit terms (credit_days: 0-365 or none), credit limit (credit_limit in minor units or none; credit_limit_mode warn or block), automatic reminders (reminders_auto on/off, remind_before_days 0-30, remind_every_days 1-90, quiet_hours HH:MM-HH:MM or none) or the owners'' daily digest (digest on/off). Logged as setting_changed and undoable.';
revoke execute on function public.set_shop_setting(bigint, bigint, text, text) from public, anon, authenticated;
grant execute on function public.set_shop_setting(bigint, bigint, text, text) to service_role;

create or replace function public.shop_settings(p_actor bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_shop public.shops;
begin
  v := private.acting_member(p_actor);
  perform private.apply_due_pin_reset(v.shop_id);
  select * into v_shop from public.shops where id = v.shop_id;
  return jsonb_build_object(
    'archive_when_settled', v_shop.archive_when_settled,
    'pin_set', v_shop.pin_hash is not null,
    'pin_set_at', v_shop.pin_set_at,
    'pin_reset_due_at', private.pin_reset_due_at(v.shop_id),
    'currency_locked', private.shop_has_money(v.shop_id),
    'credit_days', v_shop.credit_days,
    'credit_limit', v_shop.credit_limit,
    'credit_limit_mode', v_shop.credit_limit_mode,
    'reminders_auto', v_shop.reminders_auto,
    'remind_before_days', v_shop.remind_before_days,
    'remind_every_days', v_shop.remind_every_days,
    'quiet_hours', private.shop_setting(v.shop_id, 'quiet_hours'),
    'digest', v_shop.digest,
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.shop_settings(p_actor bigint) is 'The shop''s settings: archive_when_settled, whether a PIN is set (a due /resetpin applied first) and when a pending reset takes effect, whether the currency is locked (the shop has transactions), the credit terms and limit, the automatic reminder settings and the digest, and the shop (name, currency, language, digits, timezone).';
revoke execute on function public.shop_settings(bigint) from public, anon, authenticated;
grant execute on function public.shop_settings(bigint) to service_role;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.set_customer_credit(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_setting text, p_value text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_value text := nullif(lower(btrim(coalesce(p_value, ''))), '');
  v_old text;
begin
  v_prior := private.begin_update(p_update_id, 'set_customer_credit', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  v_customer := private.active_customer(v, p_customer_id);
  if v_value in ('default', 'shop') then
    v_value := null;
  end if;
  case p_setting
    when 'credit_days' then
      if v_value is not null and (v_value !~ '^[0-9]{1,3}$' or v_value::integer > 365) then
        perform private.fail('rejected', 'Credit terms are 0 to 365 days, or the shop''s.');
      end if;
      v_value := v_value::integer::text;
      v_old := v_customer.credit_days::text;
      update public.customers set credit_days = v_value::smallint where id = v_customer.id returning * into v_customer;
    when 'credit_limit' then
      if v_value is not null and (v_value !~ '^[0-9]{1,13}$' or v_value::bigint <= 0 or v_value::bigint > 1000000000000) then
        perform private.fail('rejected', 'A credit limit is an amount more than zero, or the shop''s.');
      end if;
      v_value := v_value::bigint::text;
      v_old := v_customer.credit_limit::text;
      update public.customers set credit_limit = v_value::bigint where id = v_customer.id returning * into v_customer;
    else
      perform private.fail('rejected', 'A customer''s credit setting is credit_days or credit_limit.');
  end case;
  if v_old is distinct from v_value then
    insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
      values (v.shop_id, 'customer_credit_set', p_actor, v_customer.id,
              jsonb_build_object('setting', p_setting, 'old', v_old, 'new', v_value), p_update_id);
  end if;
  return private.finish_update(p_update_id, jsonb_build_object(
    'setting', p_setting, 'old', v_old, 'new', v_value, 'changed', v_old is distinct from v_value,
    'customer', private.customer_json(v_customer), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.set_customer_credit(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_setting text, p_value text) is 'Owner: a customer''s own credit terms (credit_days, 0-365) or credit limit (credit_limit, minor units); p_value null, default or shop goes back to the shop''s. Logged as customer_credit_set (undoable) when it changes.';
revoke execute on function public.set_customer_credit(bigint, bigint, bigint, text, text) from public, anon, authenticated;
grant execute on function public.set_customer_credit(bigint, bigint, bigint, text, text) to service_role;

create function public.set_due_date(p_actor bigint, p_update_id bigint, p_transaction_id bigint, p_due_on date) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_tx public.transactions;
  v_old date;
begin
  v_prior := private.begin_update(p_update_id, 'set_due_date', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  select * into v_tx from public.transactions as t
   where t.id = p_transaction_id and t.shop_id = v.shop_id
   for update;
  if not found then
    perform private.fail('transaction_not_found', 'No such transaction in this shop.');
  end if;
  if v_tx.kind <> 'purchase' then
    perform private.fail('rejected', 'Only a purchase has a due date.');
  end if;
  if v_tx.voided_at is not null then
    perform private.fail('already_undone', 'That purchase was undone.');
  end if;
  if p_due_on < private.shop_today(v.shop_id) then
    perform private.fail('due_date_in_past', 'A due date cannot be before today.');
  end if;
  if p_due_on > private.shop_today(v.shop_id) + 3660 then
    perform private.fail('due_date_too_far', 'A due date can be at most ten years ahead.');
  end if;
  v_old := v_tx.due_on;
  if v_old is distinct from p_due_on then
    update public.transactions set due_on = p_due_on where id = v_tx.id returning * into v_tx;
    insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, update_id)
      values (v.shop_id, 'due_date_set', p_actor, v_tx.customer_id, v_tx.id,
              jsonb_build_object('old', v_old, 'new', p_due_on, 'amount', v_tx.amount), p_update_id);
  end if;
  return private.finish_update(p_update_id, jsonb_build_object(
    'transaction', private.transaction_json(v_tx), 'old', v_old, 'changed', v_old is distinct from p_due_on,
    'dues', private.customer_dues(v_tx.customer_id, private.shop_today(v.shop_id)),
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.set_due_date(p_actor bigint, p_update_id bigint, p_transaction_id bigint, p_due_on date) is 'A purchase''s own due date (today or later in the shop''s zone; null: back to the credit terms). Logged as due_date_set (undoable) when it changes; returns the customer''s dues after it.';
revoke execute on function public.set_due_date(bigint, bigint, bigint, date) from public, anon, authenticated;
grant execute on function public.set_due_date(bigint, bigint, bigint, date) to service_role;

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_blocker_customer_credit_set(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id
     and case a.action_info->>'setting'
           when 'credit_days' then c.credit_days::text
           else c.credit_limit::text end is distinct from a.action_info->>'new'
$$;

comment on function private.undo_blocker_customer_credit_set(a public.actions) is 'changed_since when the customer''s terms or limit changed again since, else null.';
revoke execute on function private.undo_blocker_customer_credit_set(public.actions) from public, anon, authenticated;

create function private.undo_customer_credit_set(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers
     set credit_days = case when a.action_info->>'setting' = 'credit_days' then (a.action_info->>'old')::smallint else credit_days end,
         credit_limit = case when a.action_info->>'setting' = 'credit_limit' then (a.action_info->>'old')::bigint else credit_limit end
   where id = a.customer_id returning *
$$;

comment on function private.undo_customer_credit_set(a public.actions) is 'Undoes a customer''s own terms or limit: puts the old one back (null: the shop''s).';
revoke execute on function private.undo_customer_credit_set(public.actions) from public, anon, authenticated;

create function private.undo_blocker_due_date_set(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.transactions as t
   where t.id = a.transaction_id and t.due_on::text is distinct from a.action_info->>'new'
$$;

comment on function private.undo_blocker_due_date_set(a public.actions) is 'changed_since when the purchase''s due date changed again since, else null.';
revoke execute on function private.undo_blocker_due_date_set(public.actions) from public, anon, authenticated;

create function private.undo_due_date_set(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
declare
  v_customer public.customers;
begin
  update public.transactions set due_on = (a.action_info->>'old')::date where id = a.transaction_id;
  select * into v_customer from public.customers where id = a.customer_id;
  return v_customer;
end;
$$;

comment on function private.undo_due_date_set(a public.actions) is 'Undoes a due date: puts the purchase''s old one back (null: from the terms).';
revoke execute on function private.undo_due_date_set(public.actions) from public, anon, authenticated;

-- ================================================================================================
-- Automatic reminders: the function the schedule runs (its body comes with the reminders)
-- ================================================================================================

create function private.queue_auto_reminders(p_now timestamp with time zone) returns integer
    language plpgsql
    set search_path to ''
    as $$
begin
  -- Filled in by the reminders migration.
  return 0 * extract(epoch from p_now)::integer;
end;
$$;

comment on function private.queue_auto_reminders(p_now timestamp with time zone) is 'Queues the automatic reminders due at p_now in every shop that has them on; returns how many.';
revoke execute on function private.queue_auto_reminders(timestamp with time zone) from public, anon, authenticated;
