-- PayTrack declarative schema: recording.
-- Recording: purchases and payments (the transactions table), and what reads a customer's
-- transactions as SQL functions: the badges (private.customer_badges) and the blocker of
-- undoing customer_added (language sql bodies are checked when created, so they follow the table).
-- The customer_balances view is here for the same reason.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Type transaction_kind
-- ================================================================================================

create type public.transaction_kind as enum (
    'purchase',
    'payment'
);

comment on type public.transaction_kind is 'purchase: bought on credit, raises what the customer owes. payment: money received, lowers it.';

-- ================================================================================================
-- Table transactions
-- ================================================================================================

create table public.transactions (
    id bigint not null,
    shop_id bigint not null,
    customer_id bigint not null,
    kind public.transaction_kind not null,
    amount bigint not null,
    description text default ''::text not null,
    tags text[] default '{}'::text[] not null,
    recorded_by bigint not null,
    balance_after bigint not null,
    created_at timestamp with time zone default now() not null,
    voided_at timestamp with time zone,
    voided_by bigint,
    dispute text constraint transaction_dispute_known check (dispute in ('open', 'undone', 'upheld')),
    due_on date,
    constraint amount_at_most_a_trillion_minor_units check ((amount <= '1000000000000'::bigint)),
    constraint amount_positive check ((amount > 0)),
    constraint description_length check ((char_length(description) <= 500)),
    constraint voided_together check (((voided_at is null) = (voided_by is null)))
);

alter table public.transactions alter column id add generated always as identity (
    sequence name public.transactions_id_seq
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1
);

alter table only public.transactions
    add constraint transactions_pkey primary key (id);

alter table only public.transactions
    add constraint transactions_shop_id_customer_id_fkey foreign key (shop_id, customer_id) references public.customers(shop_id, id);

alter table only public.transactions
    add constraint transactions_shop_id_recorded_by_fkey foreign key (shop_id, recorded_by) references public.members(shop_id, telegram_user_id);

create index transactions_by_customer on public.transactions using btree (customer_id, created_at desc, id desc);

create index transactions_by_shop on public.transactions using btree (shop_id, created_at desc);

alter table public.transactions enable row level security;

create policy "The bot's service role manages transactions" on public.transactions to service_role using (true) with check (true);

comment on table public.transactions is 'Every purchase on credit and every payment. Undo voids a row (voided_at) instead of deleting it.';

comment on column public.transactions.id is 'The transaction (its number in /transaction 12); taken under the customer''s row lock, so a customer''s ids follow the commit order.';

comment on column public.transactions.shop_id is 'The shop of the customer (checked by a foreign key with customer_id).';

comment on column public.transactions.customer_id is 'The customer whose balance this purchase or payment changes.';

comment on column public.transactions.kind is 'purchase (raises the balance) or payment (lowers it).';

comment on column public.transactions.amount is 'Always positive, in minor units; kind says which way it moves the balance.';

comment on column public.transactions.description is 'The note typed with the amount (up to 500 characters); its #tags are in tags.';

comment on column public.transactions.tags is 'Tags written as #words in the description, lower case, without the #.';

comment on column public.transactions.recorded_by is 'Telegram user id of the member who recorded it.';

comment on column public.transactions.balance_after is 'The customer''s balance right after this row was recorded.';

comment on column public.transactions.created_at is 'When it was recorded.';

comment on column public.transactions.voided_at is 'Set when the row was undone; voided rows no longer count in the balance.';

comment on column public.transactions.voided_by is 'Telegram user id of the member whose undo voided it; set together with voided_at.';

comment on column public.transactions.dispute is 'Its dispute (❗ Not mine on the receipt, public.disputes): open, undone or upheld; null when never disputed. The mark /transactions, /summary and the export show.';

comment on column public.transactions.due_on is 'A purchase''s own due date (typed with it, or set after); null: from the credit terms (customer''s, else the shop''s), or none.';

grant select,insert,delete,update on table public.transactions to service_role;

grant usage on sequence public.transactions_id_seq to service_role;


--
--

-- ================================================================================================
-- View customer_balances
-- ================================================================================================

create view public.customer_balances with (security_invoker='true') as
 select c.id as customer_id,
    s.name as shop,
    c.full_name as customer,
    c.phone,
    array_to_string(c.tags, ', '::text) as tags,
    round(((c.balance)::numeric / power((10)::numeric, (cur.minor_unit)::numeric)), (cur.minor_unit)::integer) as balance,
    s.currency,
        case
            when (c.balance > 0) then 'owes'::text
            when (c.balance < 0) then 'advance'::text
            else 'settled'::text
        end as status,
    ( select max(t.created_at) as max
           from public.transactions t
          where ((t.customer_id = c.id) and (t.voided_at is null))) as last_activity,
    c.created_at as customer_since,
    c.archived_at
   from ((public.customers c
     join public.shops s on ((s.id = c.shop_id)))
     join public.currencies cur on ((cur.code = s.currency)));

comment on view public.customer_balances is 'Every customer with what they owe in the shop currency (e.g. 12.50), largest debts easy to sort. Read-only.';

comment on column public.customer_balances.customer_id is 'The customer''s id (public.customers.id).';

comment on column public.customer_balances.shop is 'The shop''s name.';

comment on column public.customer_balances.customer is 'The customer''s full name.';

comment on column public.customer_balances.phone is 'The main phone as typed.';

comment on column public.customer_balances.tags is 'The customer''s tags, comma separated.';

comment on column public.customer_balances.balance is 'What the customer owes, in the shop currency; negative is an advance.';

comment on column public.customer_balances.currency is 'The shop''s currency (ISO 4217).';

comment on column public.customer_balances.status is 'owes, advance or settled.';

comment on column public.customer_balances.last_activity is 'The latest purchase or payment still counting (not undone).';

comment on column public.customer_balances.customer_since is 'When the customer was added.';

comment on column public.customer_balances.archived_at is 'When the customer was deleted (archived), or null while active.';

grant select on table public.customer_balances to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.customer_badges(c public.customers, p_top bigint, p_last_payment timestamp with time zone) returns text[]
    language sql stable
    set search_path to ''
    as $$
  select array_remove(array[
    case when c.archived_at is null and c.balance > 0 and c.balance = p_top then 'top_debtor' end,
    case when c.balance > 0 and greatest(c.created_at, p_last_payment) < now() - interval '60 days'
         then 'no_payment_60_days' end,
    case when c.created_at > now() - interval '7 days' then 'new_this_week' end
  ], null)
$$;

comment on function private.customer_badges(c public.customers, p_top bigint, p_last_payment timestamp with time zone) is 'Automatic badges, given the customer''s last payment: top_debtor (largest balance owed in the shop), no_payment_60_days (owes, and no payment for 60 days), new_this_week.';
revoke execute on function private.customer_badges(public.customers, bigint, timestamp with time zone) from public, anon, authenticated;

create function private.customer_badges(c public.customers, p_top bigint) returns text[]
    language sql stable
    set search_path to ''
    as $$
  select private.customer_badges(c, p_top,
    (select max(t.created_at) from public.transactions as t
      where t.customer_id = c.id and t.kind = 'payment' and t.voided_at is null))
$$;

comment on function private.customer_badges(c public.customers, p_top bigint) is 'Automatic badges: top_debtor (largest balance owed in the shop), no_payment_60_days (owes, and no payment for 60 days), new_this_week.';
revoke execute on function private.customer_badges(public.customers, bigint) from public, anon, authenticated;

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

create function private.void_recorded_transaction(a public.actions, p_undone_by bigint) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
declare
  v_tx public.transactions;
  v_customer public.customers;
begin
  update public.transactions set voided_at = now(), voided_by = p_undone_by
   where id = a.transaction_id and voided_at is null
   returning * into v_tx;
  if not found then
    perform private.fail('already_undone', 'That transaction was already voided.');
  end if;
  update public.customers
     set balance = balance + case v_tx.kind when 'purchase' then -v_tx.amount else v_tx.amount end
   where id = v_tx.customer_id
   returning * into v_customer;
  return v_customer;
end;
$$;

comment on function private.void_recorded_transaction(a public.actions, p_undone_by bigint) is 'Voids the transaction an action recorded and moves the customer''s balance back.';
revoke execute on function private.void_recorded_transaction(public.actions, bigint) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.record_payment(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_amount bigint default null::bigint, p_description text default ''::text, p_settle boolean default false) returns jsonb
    language plpgsql security definer
    set search_path to ''
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

comment on function public.record_payment(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_amount bigint, p_description text, p_settle boolean) is 'Records a payment and lowers the balance; p_settle pays exactly the whole balance. Overpaying leaves an advance (negative balance). Needs a recent right PIN when the shop has one. With the shop setting archive_when_settled, a payment that brings the balance to zero archives the customer (archived: true).';
revoke execute on function public.record_payment(bigint, bigint, bigint, bigint, text, boolean) from public, anon, authenticated;
grant execute on function public.record_payment(bigint, bigint, bigint, bigint, text, boolean) to service_role;

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

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_blocker_customer_added(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select case
    when exists (select 1 from public.customers as c where c.id = a.customer_id and c.merged_into is not null)
      then 'customer_merged'
    when exists (select 1 from public.transactions as t where t.customer_id = a.customer_id and t.voided_at is null)
      then 'customer_has_transactions'
  end
$$;

comment on function private.undo_blocker_customer_added(a public.actions) is 'Why adding a customer cannot be undone now (customer_has_transactions, or merged), or null.';
revoke execute on function private.undo_blocker_customer_added(public.actions) from public, anon, authenticated;

create function private.undo_payment_recorded(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
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

comment on function private.undo_payment_recorded(a public.actions) is 'Undoes a payment: voids it, raises the balance back, and restores a customer it archived.';
revoke execute on function private.undo_payment_recorded(public.actions) from public, anon, authenticated;

create function private.undo_purchase_recorded(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  select * from private.void_recorded_transaction(a, private.current_actor())
$$;

comment on function private.undo_purchase_recorded(a public.actions) is 'Undoes a purchase: voids it and lowers the balance back.';
revoke execute on function private.undo_purchase_recorded(public.actions) from public, anon, authenticated;

-- ================================================================================================
-- On tables of earlier areas: foreign keys to this area's tables, and indexes on this area's functions
-- ================================================================================================

-- actions → transactions: here, once transactions exists.
alter table only public.actions
    add constraint actions_transaction_id_fkey foreign key (transaction_id) references public.transactions(id);
