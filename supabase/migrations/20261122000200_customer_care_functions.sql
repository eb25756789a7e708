-- PayTrack: the seed's checklist — functions.
--
-- The shop PIN is checked in SQL only: verify_pin compares it with the bcrypt hash,
-- counts wrong tries per member (the member's row is locked, so concurrent guesses
-- cannot pass the limit), locks PIN actions for 15 minutes after the fifth, and on a
-- right PIN stores "valid until now() + 5 minutes" for that member. PIN-protected
-- functions (record_payment, rename_customer, merge_customers, archive_customer of a
-- customer who owes) take no PIN: they check that grant.
--
-- Every change here follows the ledger's rules: security definer, empty search_path,
-- one action-log row with what undo needs, idempotent on the Telegram update_id.

-- ============================================================================
-- Private helpers
-- ============================================================================

create function private.array_minus(p_from text[], p_remove text[])
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(x order by n), '{}')
    from unnest(coalesce(p_from, '{}')) with ordinality as u(x, n)
   where not (x = any(coalesce(p_remove, '{}')))
$$;
comment on function private.array_minus(text[], text[]) is 'The elements of p_from that are not in p_remove, in their order.';

-- How long a right PIN lets PIN actions through, how many wrong tries lock, for how long.
create function private.pin_grant_interval() returns interval language sql immutable set search_path = '' as $$ select interval '5 minutes' $$;
create function private.pin_max_failures() returns integer language sql immutable set search_path = '' as $$ select 5 $$;
create function private.pin_lock_interval() returns interval language sql immutable set search_path = '' as $$ select interval '15 minutes' $$;

-- Refuses unless the member may do a PIN action now: the shop has no PIN, or the member
-- gave the right PIN a few minutes ago and is not locked out.
create function private.require_pin(v private.acting_member)
returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  v_state public.member_pins;
begin
  if (select s.pin_hash from public.shops as s where s.id = v.shop_id) is null then
    return;
  end if;
  select * into v_state from public.member_pins as p
   where p.shop_id = v.shop_id and p.telegram_user_id = v.user_id;
  if v_state.locked_until > now() then
    perform private.fail('pin_locked', format('Too many wrong PINs: PIN actions are locked until %s.', v_state.locked_until));
  end if;
  if v_state.valid_until is null or v_state.valid_until <= now() then
    perform private.fail('pin_required', 'This needs the shop PIN.');
  end if;
end;
$$;
comment on function private.require_pin(private.acting_member) is
  'Fails with pin_required (no recent right PIN) or pin_locked, unless the shop has no PIN.';

-- A customer of the member's shop, locked for update; refuses unknown and archived ones.
create function private.active_customer(v private.acting_member, p_customer_id bigint)
returns public.customers
language plpgsql
set search_path = ''
as $$
declare
  v_customer public.customers;
begin
  select * into v_customer from public.customers
   where id = p_customer_id and shop_id = v.shop_id
   for update;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_customer.archived_at is not null then
    perform private.fail('customer_archived', 'This customer is archived.');
  end if;
  return v_customer;
end;
$$;

-- Two active customers of the member's shop, locked in id order (as everywhere, so two
-- operations on the same pair never deadlock). Refuses the same customer twice.
create function private.active_pair(v private.acting_member, p_first bigint, p_second bigint)
returns setof public.customers
language plpgsql
set search_path = ''
as $$
declare
  v_rows public.customers[];
begin
  if p_first = p_second then
    perform private.fail('same_customer', 'That is the same customer twice.');
  end if;
  select coalesce(array_agg(c order by c.id), '{}') into v_rows
    from (select * from public.customers
           where id in (p_first, p_second) and shop_id = v.shop_id
           order by id
           for update) as c;
  if cardinality(v_rows) <> 2 then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_rows[1].archived_at is not null or v_rows[2].archived_at is not null then
    perform private.fail('customer_archived', 'One of these customers is archived.');
  end if;
  return query select * from unnest(v_rows) as r where r.id = p_first
               union all select * from unnest(v_rows) as r where r.id = p_second;
end;
$$;

-- Badges computed from the ledger: the shop's top debtor, no payment in 60 days, new
-- this week. p_top is the largest balance among the shop's active customers.
create function private.customer_badges(c public.customers, p_top bigint)
returns text[]
language sql
stable
set search_path = ''
as $$
  select array_remove(array[
    case when c.archived_at is null and c.balance > 0 and c.balance = p_top then 'top_debtor' end,
    case when c.balance > 0
          and greatest(c.created_at,
                       (select max(t.created_at) from public.transactions as t
                         where t.customer_id = c.id and t.kind = 'payment' and t.voided_at is null))
              < now() - interval '60 days'
         then 'no_payment_60_days' end,
    case when c.created_at > now() - interval '7 days' then 'new_this_week' end
  ], null)
$$;
comment on function private.customer_badges(public.customers, bigint) is
  'Automatic badges: top_debtor (largest balance owed in the shop), no_payment_60_days (owes, and no payment for 60 days), new_this_week.';

create function private.top_balance(p_shop_id bigint)
returns bigint
language sql
stable
set search_path = ''
as $$
  select max(balance) from public.customers where shop_id = p_shop_id and archived_at is null
$$;

-- A customer as lists show them: never with nicknames.
create function private.customer_list_json(c public.customers, p_top bigint)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                            'tags', to_jsonb(c.tags), 'balance', c.balance,
                            'badges', to_jsonb(private.customer_badges(c, p_top)))
$$;

-- The members of a customer's household other than the customer, and the group's total.
create function private.links_json(c public.customers)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select case when c.link_group is null then null else (
    select jsonb_build_object(
             'group', c.link_group,
             'customers', coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'full_name', o.full_name,
                                                                'balance', o.balance)
                                             order by o.full_name, o.id) filter (where o.id <> c.id), '[]'),
             'total', coalesce(sum(o.balance), 0))
      from public.customers as o
     where o.shop_id = c.shop_id and o.link_group = c.link_group
       and (o.archived_at is null or o.id = c.id)) end
$$;
comment on function private.links_json(public.customers) is
  'The customer''s linked accounts (active ones) with their balances, and the total of the group including the customer.';

-- Names of members, for showing who recorded or voided a transaction.
create function private.member_name(p_shop_id bigint, p_user_id bigint)
returns text
language sql
stable
set search_path = ''
as $$
  select m.display_name from public.members as m where m.shop_id = p_shop_id and m.telegram_user_id = p_user_id
$$;

create function private.transaction_detail_json(t public.transactions)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select private.transaction_json(t) || jsonb_build_object(
    'recorded_by_name', private.member_name(t.shop_id, t.recorded_by),
    'voided_by', t.voided_by,
    'voided_by_name', case when t.voided_by is null then null else private.member_name(t.shop_id, t.voided_by) end)
$$;

-- ============================================================================
-- Reading: lists and search with badges and more phones; summary with links
-- ============================================================================

-- public.list_customers (with badges, other phones and the word-vocabulary name search)
-- is defined in 20261125000100_search_vocabulary.sql.

create or replace function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer default 5)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
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
    'shop', private.shop_json(v));
end;
$$;
comment on function public.customer_summary(bigint, bigint, integer) is
  'A customer''s details (with hidden nicknames, other phones and badges), totals of non-voided purchases and payments, the latest transactions, their linked accounts with the group total, and whom a merged duplicate went into.';

-- ============================================================================
-- Transactions: the list with filters, one in full
-- ============================================================================

create function public.list_transactions(
  p_actor bigint,
  p_customer_id bigint,
  p_tag text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_limit integer default 10,
  p_offset integer default 0
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_customer public.customers;
  v_tag text := nullif(lower(btrim(coalesce(p_tag, ''), '# ')), '');
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 100);
  v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 1000000);
  v_total bigint;
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  select count(*) into v_total from public.transactions as t
   where t.customer_id = v_customer.id
     and (v_tag is null or v_tag = any(t.tags))
     and (p_from is null or t.created_at >= p_from)
     and (p_to is null or t.created_at < p_to);
  select coalesce(jsonb_agg(private.transaction_detail_json(r) order by r.created_at desc, r.id desc), '[]')
    into v_rows
    from (select * from public.transactions as t
           where t.customer_id = v_customer.id
             and (v_tag is null or v_tag = any(t.tags))
             and (p_from is null or t.created_at >= p_from)
             and (p_to is null or t.created_at < p_to)
           order by t.created_at desc, t.id desc
           limit v_limit offset v_offset) as r;
  return jsonb_build_object(
    'customer', jsonb_build_object('id', v_customer.id, 'full_name', v_customer.full_name,
                                   'balance', v_customer.balance, 'archived_at', v_customer.archived_at),
    'total', v_total,
    'transactions', v_rows,
    'shop', private.shop_json(v));
end;
$$;
comment on function public.list_transactions(bigint, bigint, text, timestamptz, timestamptz, integer, integer) is
  'A customer''s transactions (voided ones too), newest first, optionally only those with a #tag and from p_from (inclusive) to p_to (exclusive); with who recorded and who voided each.';

create function public.transaction_details(p_actor bigint, p_transaction_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_tx public.transactions;
  v_customer public.customers;
  v_action public.actions;
begin
  v := private.acting_member(p_actor);
  select * into v_tx from public.transactions where id = p_transaction_id and shop_id = v.shop_id;
  if not found then
    perform private.fail('transaction_not_found', 'No such transaction in this shop.');
  end if;
  select * into v_customer from public.customers where id = v_tx.customer_id;
  select * into v_action from public.actions as a
   where a.transaction_id = v_tx.id and a.action in ('purchase_recorded', 'payment_recorded');
  return jsonb_build_object(
    'transaction', private.transaction_detail_json(v_tx),
    'customer', jsonb_build_object('id', v_customer.id, 'full_name', v_customer.full_name,
                                   'balance', v_customer.balance, 'archived_at', v_customer.archived_at),
    'action_id', v_action.id,
    'undoable', coalesce(private.can_undo(v_action, v), false),
    'shop', private.shop_json(v));
end;
$$;
comment on function public.transaction_details(bigint, bigint) is
  'One transaction of the shop in full: customer, amounts, tags, who recorded and voided it, the action that recorded it and whether the member may undo it.';

-- ============================================================================
-- The shop PIN
-- ============================================================================

create function public.pin_gate(p_actor bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_pin_set boolean;
  v_state public.member_pins;
  v_remind boolean := false;
begin
  v := private.acting_member(p_actor);
  select s.pin_hash is not null into v_pin_set from public.shops as s where s.id = v.shop_id;
  select * into v_state from public.member_pins as p
   where p.shop_id = v.shop_id and p.telegram_user_id = v.user_id;
  if not v_pin_set and v.role = 'owner' then
    -- The owner is reminded once, while no PIN is set.
    update public.shops set pin_reminded_at = now()
     where id = v.shop_id and pin_hash is null and pin_reminded_at is null;
    v_remind := found;
  end if;
  return jsonb_build_object(
    'pin_set', v_pin_set,
    'valid_until', case when v_pin_set and v_state.valid_until > now()
                         and not coalesce(v_state.locked_until > now(), false) then v_state.valid_until end,
    'locked_until', case when v_state.locked_until > now() then v_state.locked_until end,
    'remind', v_remind);
end;
$$;
comment on function public.pin_gate(bigint) is
  'Before a PIN action: whether the shop has a PIN, until when the member''s last right PIN lets them through, any lockout, and (once, for an owner while no PIN is set) remind = true.';

create function public.verify_pin(p_actor bigint, p_update_id bigint, p_pin text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_hash text;
  v_state public.member_pins;
  v_result jsonb;
begin
  v := private.acting_member(p_actor);
  if p_update_id is null then
    perform private.fail('update_id_required', 'Every check needs the Telegram update_id that asked for it.');
  end if;
  if p_pin is null or p_pin !~ '^[0-9]{4,8}$' then
    perform private.fail('pin_invalid', 'A PIN is 4 to 8 digits.');
  end if;
  select s.pin_hash into v_hash from public.shops as s where s.id = v.shop_id;
  if v_hash is null then
    perform private.fail('pin_not_set', 'This shop has no PIN yet.');
  end if;

  -- One row per member, locked: concurrent tries are counted one after another.
  insert into public.member_pins (shop_id, telegram_user_id) values (v.shop_id, v.user_id)
    on conflict do nothing;
  select * into v_state from public.member_pins
   where shop_id = v.shop_id and telegram_user_id = v.user_id
   for update;
  if v_state.last_update_id = p_update_id then
    return v_state.last_result;  -- a redelivered update is not counted twice
  end if;

  if v_state.locked_until > now() then
    v_result := jsonb_build_object('ok', false, 'attempts_left', 0, 'locked_until', v_state.locked_until);
  else
    if v_state.locked_until is not null then
      v_state.failures := 0;  -- the lockout has passed: a fresh start
      v_state.locked_until := null;
    end if;
    if extensions.crypt(p_pin, v_hash) = v_hash then
      v_state.failures := 0;
      v_state.valid_until := now() + private.pin_grant_interval();
      v_result := jsonb_build_object('ok', true, 'valid_until', v_state.valid_until);
    else
      v_state.failures := v_state.failures + 1;
      v_state.valid_until := null;
      if v_state.failures >= private.pin_max_failures() then
        v_state.locked_until := now() + private.pin_lock_interval();
      end if;
      v_result := jsonb_build_object('ok', false,
                                     'attempts_left', private.pin_max_failures() - v_state.failures,
                                     'locked_until', v_state.locked_until);
    end if;
  end if;

  update public.member_pins
     set failures = v_state.failures, locked_until = v_state.locked_until, valid_until = v_state.valid_until,
         last_update_id = p_update_id, last_result = v_result
   where shop_id = v.shop_id and telegram_user_id = v.user_id;
  return v_result;
end;
$$;
comment on function public.verify_pin(bigint, bigint, text) is
  'Checks the shop PIN for a member: right → PIN actions allowed for 5 minutes; wrong → one try fewer, the fifth locks PIN actions for 15 minutes. Returns ok, attempts_left, locked_until, valid_until; a redelivered update gets the same answer.';

create function public.set_pin(p_actor bigint, p_update_id bigint, p_pin text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_replaced boolean;
  v_valid_until timestamptz := now() + private.pin_grant_interval();
begin
  v_prior := private.begin_update(p_update_id, 'set_pin', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  if p_pin is null or p_pin !~ '^[0-9]{4,8}$' then
    perform private.fail('pin_invalid', 'A PIN is 4 to 8 digits.');
  end if;
  select s.pin_hash is not null into v_replaced from public.shops as s where s.id = v.shop_id for update;
  if v_replaced then
    perform private.require_pin(v);  -- changing the PIN needs the current one
  end if;

  update public.shops
     set pin_hash = extensions.crypt(p_pin, extensions.gen_salt('bf')), pin_set_at = now()
   where id = v.shop_id;
  -- Grants given for the old PIN end; the owner who just typed the new one holds one.
  update public.member_pins set valid_until = null where shop_id = v.shop_id;
  insert into public.member_pins (shop_id, telegram_user_id, valid_until)
    values (v.shop_id, v.user_id, v_valid_until)
    on conflict (shop_id, telegram_user_id)
    do update set valid_until = excluded.valid_until, failures = 0, locked_until = null;
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'pin_set', p_actor, jsonb_build_object('replaced', v_replaced), p_update_id);

  return private.finish_update(p_update_id, jsonb_build_object(
    'replaced', v_replaced, 'valid_until', v_valid_until, 'shop', private.shop_json(v)));
end;
$$;
comment on function public.set_pin(bigint, bigint, text) is
  'Owner: sets the shop PIN (4–8 digits), stored only as a bcrypt hash; changing it needs the current PIN. Ends every member''s PIN grant.';

-- ============================================================================
-- Shop settings
-- ============================================================================

create function public.shop_settings(p_actor bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_shop public.shops;
begin
  v := private.acting_member(p_actor);
  select * into v_shop from public.shops where id = v.shop_id;
  return jsonb_build_object(
    'archive_when_settled', v_shop.archive_when_settled,
    'pin_set', v_shop.pin_hash is not null,
    'pin_set_at', v_shop.pin_set_at,
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;
comment on function public.shop_settings(bigint) is 'The shop''s settings: archive_when_settled, whether a PIN is set.';

create function public.set_archive_when_settled(p_actor bigint, p_update_id bigint, p_enabled boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_old boolean;
begin
  v_prior := private.begin_update(p_update_id, 'set_archive_when_settled', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  if p_enabled is null then
    perform private.fail('rejected', 'Say on or off.');
  end if;
  select archive_when_settled into v_old from public.shops where id = v.shop_id for update;
  if v_old <> p_enabled then
    update public.shops set archive_when_settled = p_enabled where id = v.shop_id;
    insert into public.actions (shop_id, action, actor_id, action_info, update_id)
      values (v.shop_id, 'setting_changed', p_actor,
              jsonb_build_object('setting', 'archive_when_settled', 'old', v_old, 'new', p_enabled), p_update_id);
  end if;
  return private.finish_update(p_update_id, jsonb_build_object(
    'archive_when_settled', p_enabled, 'changed', v_old <> p_enabled, 'shop', private.shop_json(v)));
end;
$$;
comment on function public.set_archive_when_settled(bigint, bigint, boolean) is
  'Owner: turns the setting "archive customers when their balance reaches zero" on or off (logged, undoable).';

create function private.undo_blocker_setting_changed(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select 'changed_since' from public.shops as s
   where s.id = a.shop_id and s.archive_when_settled is distinct from (a.action_info->>'new')::boolean
$$;

create function private.undo_setting_changed(a public.actions)
returns public.customers
language plpgsql
set search_path = ''
as $$
begin
  update public.shops set archive_when_settled = (a.action_info->>'old')::boolean where id = a.shop_id;
  return null;
end;
$$;

-- ============================================================================
-- Payments: the PIN, and archiving a customer the payment settles
-- ============================================================================

create or replace function public.record_payment(
  p_actor bigint,
  p_update_id bigint,
  p_customer_id bigint,
  p_amount bigint default null,
  p_description text default '',
  p_settle boolean default false
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_result jsonb;
  v_customer public.customers;
begin
  -- Claim the update first: a redelivery gets its stored answer even once the PIN grant is gone.
  -- record_transaction's own claim then sees this (unfinished) claim and goes on.
  v_prior := private.begin_update(p_update_id, 'record_payment', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  perform private.require_pin(v);
  v_result := private.record_transaction(p_actor, p_update_id, 'payment', p_customer_id, p_amount,
                                         coalesce(p_settle, false), p_description);

  if (v_result->'customer'->>'balance')::bigint = 0
     and (select s.archive_when_settled from public.shops as s where s.id = v.shop_id) then
    update public.customers set archived_at = now()
     where id = (v_result->'customer'->>'id')::bigint and archived_at is null
     returning * into v_customer;
    update public.actions set action_info = action_info || jsonb_build_object('auto_archived', true)
     where transaction_id = (v_result->'transaction'->>'id')::bigint and action = 'payment_recorded';
    v_result := private.finish_update(p_update_id,
      v_result || jsonb_build_object('customer', private.customer_json(v_customer), 'archived', true));
  end if;
  return v_result;
end;
$$;
comment on function public.record_payment(bigint, bigint, bigint, bigint, text, boolean) is
  'Records a payment and lowers the balance; p_settle pays exactly the whole balance. Overpaying leaves an advance (negative balance). Needs a recent right PIN when the shop has one. With the shop setting archive_when_settled, a payment that brings the balance to zero archives the customer (archived: true).';

-- Undoing a payment that archived the customer brings them back too.
create or replace function private.undo_payment_recorded(a public.actions)
returns public.customers
language plpgsql
set search_path = ''
as $$
declare
  v_customer public.customers;
begin
  select * into v_customer from private.void_recorded_transaction(a, private.current_actor());
  if coalesce((a.action_info->>'auto_archived')::boolean, false) then
    update public.customers set archived_at = null
     where id = v_customer.id and merged_into is null
     returning * into v_customer;
  end if;
  return v_customer;
end;
$$;

-- A merged duplicate's "added" cannot be undone while it is merged (undo the merge first).
create or replace function private.undo_blocker_customer_added(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when exists (select 1 from public.customers as c where c.id = a.customer_id and c.merged_into is not null)
      then 'customer_merged'
    when exists (select 1 from public.transactions as t where t.customer_id = a.customer_id and t.voided_at is null)
      then 'customer_has_transactions'
  end
$$;

-- ============================================================================
-- Deleting (archiving) a customer
-- ============================================================================

create function public.archive_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
begin
  v_prior := private.begin_update(p_update_id, 'archive_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_customer.balance <> 0 then
    if v.role <> 'owner' then
      perform private.fail('owner_only', 'Only an owner can delete a customer whose balance is not zero.');
    end if;
    perform private.require_pin(v);
  end if;
  update public.customers set archived_at = now() where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_archived', p_actor, v_customer.id,
            jsonb_build_object('full_name', v_customer.full_name, 'phone', v_customer.phone,
                               'balance', v_customer.balance, 'created_at', v_customer.created_at),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'shop', private.shop_json(v)));
end;
$$;
comment on function public.archive_customer(bigint, bigint, bigint) is
  'Deletes a customer by archiving them: out of lists and search, kept in history and export. A balance other than zero needs an owner and a recent right PIN. Undo restores them.';

create function private.undo_blocker_customer_archived(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id and (c.archived_at is null or c.merged_into is not null)
$$;

create function private.undo_customer_archived(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers set archived_at = null where id = a.customer_id returning *
$$;

-- ============================================================================
-- Renaming
-- ============================================================================

create function public.rename_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_full_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_old text;
  v_name text := private.clean_text(p_full_name);
begin
  v_prior := private.begin_update(p_update_id, 'rename_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_name = '' then
    perform private.fail('name_required', 'A customer needs a name.');
  end if;
  if char_length(v_name) > 120 then
    perform private.fail('name_too_long', 'A name can have at most 120 characters.');
  end if;
  if v_name = v_customer.full_name then
    perform private.fail('name_unchanged', 'That is already the customer''s name.');
  end if;
  perform private.require_pin(v);
  v_old := v_customer.full_name;
  update public.customers set full_name = v_name where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_renamed', p_actor, v_customer.id,
            jsonb_build_object('old_name', v_old, 'new_name', v_name), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'old_name', v_old, 'shop', private.shop_json(v)));
end;
$$;
comment on function public.rename_customer(bigint, bigint, bigint, text) is
  'Changes a customer''s name (needs a recent right PIN when the shop has one). Undo puts the old name back.';

create function private.undo_blocker_customer_renamed(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id and c.full_name is distinct from a.action_info->>'new_name'
$$;

create function private.undo_customer_renamed(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers set full_name = a.action_info->>'old_name' where id = a.customer_id returning *
$$;

-- ============================================================================
-- Hidden nicknames
-- ============================================================================

create function public.add_nickname(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_nickname text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_nick text := private.clean_text(p_nickname);
begin
  v_prior := private.begin_update(p_update_id, 'add_nickname', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_nick = '' then
    perform private.fail('nickname_required', 'A nickname can''t be empty.');
  end if;
  if char_length(v_nick) > 60 then
    perform private.fail('nickname_too_long', 'A nickname can have at most 60 characters.');
  end if;
  if exists (select 1 from unnest(v_customer.nicknames || v_customer.full_name) as n
              where private.search_key(n) = private.search_key(v_nick)) then
    perform private.fail('nickname_exists', 'The customer already has that name or nickname.');
  end if;
  if cardinality(v_customer.nicknames) >= 20 then
    perform private.fail('too_many_nicknames', 'A customer can have at most 20 nicknames.');
  end if;
  update public.customers set nicknames = nicknames || v_nick where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'nickname_added', p_actor, v_customer.id, jsonb_build_object('nickname', v_nick), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer, true), 'nickname', v_nick, 'shop', private.shop_json(v)));
end;
$$;
comment on function public.add_nickname(bigint, bigint, bigint, text) is
  'Adds a hidden nickname to a customer (searchable, shown only in the summary and the export). Undo removes it.';

create function private.undo_nickname_added(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers set nicknames = array_remove(nicknames, a.action_info->>'nickname')
   where id = a.customer_id returning *
$$;

-- ============================================================================
-- Tags
-- ============================================================================

create function public.tag_customer(
  p_actor bigint,
  p_update_id bigint,
  p_customer_id bigint,
  p_tags text[],
  p_remove boolean default false
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_tags text[] := private.clean_tags(p_tags);
  v_changed text[];
begin
  v_prior := private.begin_update(p_update_id, case when p_remove then 'untag_customer' else 'tag_customer' end, p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if cardinality(v_tags) = 0 then
    perform private.fail('tags_required', 'Name at least one #tag (up to 32 characters).');
  end if;
  if coalesce(p_remove, false) then
    v_changed := array(select t from unnest(v_tags) as t where t = any(v_customer.tags) order by t);
    if cardinality(v_changed) = 0 then
      perform private.fail('tags_unchanged', 'The customer has none of those tags.');
    end if;
    update public.customers set tags = private.array_minus(tags, v_changed)
     where id = v_customer.id returning * into v_customer;
  else
    v_changed := private.array_minus(v_tags, v_customer.tags);
    if cardinality(v_changed) = 0 then
      perform private.fail('tags_unchanged', 'The customer already has those tags.');
    end if;
    if cardinality(v_customer.tags) + cardinality(v_changed) > 20 then
      perform private.fail('too_many_tags', 'A customer can have at most 20 tags.');
    end if;
    update public.customers set tags = tags || v_changed where id = v_customer.id returning * into v_customer;
  end if;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, case when p_remove then 'customer_untagged' else 'customer_tagged' end, p_actor,
            v_customer.id, jsonb_build_object('tags', to_jsonb(v_changed)), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'changed', to_jsonb(v_changed), 'shop', private.shop_json(v)));
end;
$$;
comment on function public.tag_customer(bigint, bigint, bigint, text[], boolean) is
  'Adds tags to a customer (or removes them with p_remove); changed lists the tags that really changed. Undo reverses exactly those.';

create function private.undo_customer_tagged(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers
     set tags = private.array_minus(tags, array(select jsonb_array_elements_text(a.action_info->'tags')))
   where id = a.customer_id returning *
$$;

create function private.undo_customer_untagged(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers
     set tags = tags || array(select jsonb_array_elements_text(a.action_info->'tags'))
   where id = a.customer_id returning *
$$;

create function public.list_tags(p_actor bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_customer_tags jsonb;
  v_note_tags jsonb;
begin
  v := private.acting_member(p_actor);
  select coalesce(jsonb_agg(jsonb_build_object('tag', r.tag, 'customers', r.customers, 'owed', r.owed)
                            order by r.owed desc, r.customers desc, r.tag), '[]')
    into v_customer_tags
    from (select t.tag, count(*) as customers, coalesce(sum(greatest(c.balance, 0)), 0) as owed
            from public.customers as c, unnest(c.tags) as t(tag)
           where c.shop_id = v.shop_id and c.archived_at is null
           group by t.tag) as r;
  select coalesce(jsonb_agg(jsonb_build_object('tag', r.tag, 'transactions', r.n, 'amount', r.amount)
                            order by r.n desc, r.tag), '[]')
    into v_note_tags
    from (select t.tag, count(*) as n, sum(x.amount) as amount
            from public.transactions as x, unnest(x.tags) as t(tag)
           where x.shop_id = v.shop_id and x.voided_at is null
           group by t.tag
           order by count(*) desc, t.tag
           limit 30) as r;
  return jsonb_build_object('tags', v_customer_tags, 'note_tags', v_note_tags, 'shop', private.shop_json(v));
end;
$$;
comment on function public.list_tags(bigint) is
  'The shop''s customer tags with how many active customers have each and what they owe together; and the #tags used in notes of purchases and payments.';

-- ============================================================================
-- Linked accounts (households)
-- ============================================================================

create function public.link_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_other_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_one public.customers;
  v_other public.customers;
  v_group bigint;
  v_moved jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'link_customers', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  select * into v_one from private.active_pair(v, p_customer_id, p_other_id) as c where c.id = p_customer_id;
  select * into v_other from public.customers where id = p_other_id;
  if v_one.link_group is not null and v_one.link_group = v_other.link_group then
    perform private.fail('already_linked', 'These customers are already linked.');
  end if;

  if v_one.link_group is null and v_other.link_group is null then
    v_group := nextval('public.customer_link_groups');
  else
    v_group := coalesce(v_one.link_group, v_other.link_group);
  end if;
  -- Everyone who changes group, with the group they had: one or both, or the other's whole group.
  with moving as (
    select c.id, c.link_group from public.customers as c
     where c.shop_id = v.shop_id
       and (c.id in (v_one.id, v_other.id) or (v_other.link_group is not null and c.link_group = v_other.link_group))
       and c.link_group is distinct from v_group
     for update
  ), moved as (
    update public.customers as c set link_group = v_group from moving as m where c.id = m.id
    returning m.id, m.link_group as was
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'from', was) order by id), '[]') into v_moved from moved;

  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customers_linked', p_actor, v_one.id,
            jsonb_build_object('group', v_group, 'other_id', v_other.id, 'other_name', v_other.full_name,
                               'moved', v_moved), p_update_id);
  select * into v_one from public.customers where id = v_one.id;
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_one), 'other', private.customer_json(v_other),
    'links', private.links_json(v_one), 'shop', private.shop_json(v)));
end;
$$;
comment on function public.link_customers(bigint, bigint, bigint, bigint) is
  'Links two customers (a household or a family): the other joins the customer''s group, or their groups join. Refuses linking twice. Undo puts every moved customer back in the group they had.';

create function private.undo_blocker_customers_linked(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select 'changed_since'
   where exists (select 1 from jsonb_array_elements(a.action_info->'moved') as m
                   join public.customers as c on c.id = (m->>'id')::bigint
                  where c.link_group is distinct from (a.action_info->>'group')::bigint)
$$;

create function private.undo_customers_linked(a public.actions)
returns public.customers
language plpgsql
set search_path = ''
as $$
declare
  v_customer public.customers;
begin
  update public.customers as c set link_group = (m->>'from')::bigint
    from jsonb_array_elements(a.action_info->'moved') as m
   where c.id = (m->>'id')::bigint;
  select * into v_customer from public.customers where id = a.customer_id;
  return v_customer;
end;
$$;

create function public.unlink_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_links jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'unlink_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  v_links := private.links_json(v_customer);
  if v_customer.link_group is null or jsonb_array_length(v_links->'customers') = 0 then
    perform private.fail('not_linked', 'This customer is not linked to anyone.');
  end if;
  update public.customers set link_group = null where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_unlinked', p_actor, v_customer.id,
            jsonb_build_object('group', v_links->'group', 'was_with', v_links->'customers'), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'was_with', v_links->'customers', 'shop', private.shop_json(v)));
end;
$$;
comment on function public.unlink_customer(bigint, bigint, bigint) is
  'Takes a customer out of their household (linked accounts). Undo links them back.';

create function private.undo_blocker_customer_unlinked(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select 'changed_since' from public.customers as c where c.id = a.customer_id and c.link_group is not null
$$;

create function private.undo_customer_unlinked(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers set link_group = (a.action_info->>'group')::bigint where id = a.customer_id returning *
$$;

-- ============================================================================
-- Merging a duplicate into a customer
-- ============================================================================

create function public.merge_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_duplicate_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_keep public.customers;
  v_dup public.customers;
  v_moved bigint[];
  v_phone text;
  v_phones_added text[] := '{}';
  v_known_digits text[];
  v_candidate text;
  v_nicks_added text[] := '{}';
  v_tags_added text[];
  v_group_taken bigint;
  v_phone_before text;
begin
  v_prior := private.begin_update(p_update_id, 'merge_customers', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  select * into v_keep from private.active_pair(v, p_customer_id, p_duplicate_id) as c where c.id = p_customer_id;
  select * into v_dup from public.customers where id = p_duplicate_id;
  perform private.require_pin(v);
  if abs(v_keep.balance + v_dup.balance) > 1000000000000000 then
    perform private.fail('balance_out_of_range', 'The balance would be larger than PayTrack accepts.');
  end if;

  -- Transactions move with their amounts, voided ones too: balances stay the sums of their rows.
  with moved as (
    update public.transactions set customer_id = v_keep.id where customer_id = v_dup.id returning id
  )
  select coalesce(array_agg(id order by id), '{}') into v_moved from moved;

  -- Phones: the duplicate's become the survivor's phone (when it has none) or other phones.
  v_phone_before := v_keep.phone;
  v_phone := v_keep.phone;
  v_known_digits := array_remove(array[private.digits_of(v_keep.phone)]
                                   || array(select private.digits_of(p) from unnest(v_keep.other_phones) as p), null);
  foreach v_candidate in array array_remove(array[v_dup.phone] || v_dup.other_phones, null) loop
    continue when private.digits_of(v_candidate) is null or private.digits_of(v_candidate) = any(v_known_digits);
    if v_phone is null then
      v_phone := v_candidate;
    else
      v_phones_added := v_phones_added || v_candidate;
    end if;
    v_known_digits := v_known_digits || private.digits_of(v_candidate);
  end loop;

  -- Nicknames: the duplicate's, and its name when it differs, stay searchable on the survivor.
  select coalesce(array_agg(n order by o), '{}') into v_nicks_added
    from (select distinct on (private.search_key(n)) n, o
            from unnest(v_dup.nicknames || v_dup.full_name) with ordinality as x(n, o)
           where private.search_key(n) <> all(array(select private.search_key(k)
                                                      from unnest(v_keep.nicknames || v_keep.full_name) as k))
           order by private.search_key(n), o) as d;
  v_tags_added := private.array_minus(v_dup.tags, v_keep.tags);
  if v_keep.link_group is null and v_dup.link_group is not null then
    v_group_taken := v_dup.link_group;
  end if;

  update public.customers
     set balance = balance + v_dup.balance,
         phone = v_phone,
         other_phones = other_phones || v_phones_added,
         nicknames = nicknames || v_nicks_added,
         tags = tags || v_tags_added,
         link_group = coalesce(link_group, v_group_taken)
   where id = v_keep.id
   returning * into v_keep;
  update public.customers set balance = 0, archived_at = now(), merged_into = v_keep.id
   where id = v_dup.id;

  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customers_merged', p_actor, v_keep.id,
            jsonb_build_object('duplicate_id', v_dup.id, 'duplicate_name', v_dup.full_name,
                               'moved_transaction_ids', to_jsonb(v_moved), 'moved_balance', v_dup.balance,
                               'phone_taken', case when v_phone_before is null then v_phone end,
                               'phones_added', to_jsonb(v_phones_added),
                               'nicknames_added', to_jsonb(v_nicks_added),
                               'tags_added', to_jsonb(v_tags_added),
                               'link_group_taken', v_group_taken),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_keep, true),
    'duplicate', jsonb_build_object('id', v_dup.id, 'full_name', v_dup.full_name),
    'moved_transactions', cardinality(v_moved), 'moved_balance', v_dup.balance,
    'shop', private.shop_json(v)));
end;
$$;
comment on function public.merge_customers(bigint, bigint, bigint, bigint) is
  'Owner, with a recent right PIN: moves a duplicate''s transactions (with their amounts), balance, phones, nicknames (and its name as one) and tags into the customer, and archives the duplicate pointing to them. Undo splits them back exactly.';

create function private.undo_blocker_customers_merged(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when exists (select 1 from public.customers as c
                  where c.id = a.customer_id and c.archived_at is not null)
      then 'changed_since'
    when not exists (select 1 from public.customers as d
                      where d.id = (a.action_info->>'duplicate_id')::bigint and d.merged_into = a.customer_id)
      then 'changed_since'
    when exists (select 1 from public.transactions as t
                  where t.id in (select jsonb_array_elements_text(a.action_info->'moved_transaction_ids')::bigint)
                    and t.customer_id <> a.customer_id)
      then 'changed_since'
  end
$$;

-- Moves the moved transactions back with what they still count for (one may have been
-- voided since), and takes off the survivor only what the merge gave it.
create function private.undo_customers_merged(a public.actions)
returns public.customers
language plpgsql
set search_path = ''
as $$
declare
  v_dup_id bigint := (a.action_info->>'duplicate_id')::bigint;
  v_ids bigint[] := array(select jsonb_array_elements_text(a.action_info->'moved_transaction_ids')::bigint);
  v_sum bigint;
  v_customer public.customers;
begin
  perform 1 from public.customers where id = v_dup_id for update;
  select coalesce(sum(case t.kind when 'purchase' then t.amount else -t.amount end)
                    filter (where t.voided_at is null), 0)
    into v_sum
    from public.transactions as t where t.id = any(v_ids);
  update public.transactions set customer_id = v_dup_id where id = any(v_ids);
  update public.customers as c
     set balance = c.balance - v_sum,
         phone = case when c.phone is not distinct from a.action_info->>'phone_taken'
                       and a.action_info->>'phone_taken' is not null then null else c.phone end,
         other_phones = private.array_minus(c.other_phones,
                          array(select jsonb_array_elements_text(a.action_info->'phones_added'))),
         nicknames = private.array_minus(c.nicknames,
                       array(select jsonb_array_elements_text(a.action_info->'nicknames_added'))),
         tags = private.array_minus(c.tags, array(select jsonb_array_elements_text(a.action_info->'tags_added'))),
         link_group = case when c.link_group is not distinct from (a.action_info->>'link_group_taken')::bigint
                           then null else c.link_group end
   where c.id = a.customer_id
   returning * into v_customer;
  update public.customers set balance = balance + v_sum, archived_at = null, merged_into = null
   where id = v_dup_id;
  return v_customer;
end;
$$;
