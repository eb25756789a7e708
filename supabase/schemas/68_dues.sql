-- PayTrack schema: due dates and ageing — credit terms, FIFO dues, a customer's own terms and
-- limit, a purchase's own due date. The state the migrations build; changes go in a new migration.
--
-- Payments settle the oldest purchases first (FIFO). private.purchase_dues is the one place that
-- says what is unpaid of each purchase and when it falls due; everything that shows due, overdue
-- or ageing figures (/summary, search, /overdue, the export, /balance, reminders) reads it.

-- ================================================================================================
-- Kinds of action
-- ================================================================================================

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_credit_set', 'A customer''s own credit terms or credit limit was set or cleared (back to the shop''s). Undo puts the old one back.', true, false, 'owner');
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('due_date_set', 'A purchase''s due date was set, changed or cleared (back to the credit terms). Undo puts the old one back.', true, false, null);

-- ================================================================================================
-- FIFO dues
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
