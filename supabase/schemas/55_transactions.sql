-- PayTrack declarative schema: transactions.
-- Transactions: a customer's transactions, listed and in detail.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.transaction_json(t public.transactions) returns jsonb
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

create function private.transaction_detail_json(t public.transactions) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select private.transaction_json(t) || jsonb_build_object(
    'recorded_by_name',
      coalesce((select private.actor_label(a.shop_id, a.actor_id, a.actor_name, a.actor_role)
                  from public.actions as a
                 where a.transaction_id = t.id and a.action in ('purchase_recorded', 'payment_recorded')
                 order by a.id limit 1),
               private.member_name(t.shop_id, t.recorded_by)),
    'voided_by', t.voided_by,
    'voided_by_name',
      case when t.voided_by is null then null else
        coalesce((select private.actor_label(a.shop_id, a.actor_id, a.actor_name, a.actor_role)
                    from public.actions as a
                   where a.transaction_id = t.id and a.action = 'action_undone' and a.actor_id = t.voided_by
                   order by a.id desc limit 1),
                 private.member_name(t.shop_id, t.voided_by)) end)
$$;

comment on function private.transaction_detail_json(t public.transactions) is 'A transaction with who recorded and who voided it, named as they were when they did it (private.actor_label).';
revoke execute on function private.transaction_detail_json(public.transactions) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.list_transactions(p_actor bigint, p_customer_id bigint, p_tag text default null::text, p_from timestamp with time zone default null::timestamp with time zone, p_to timestamp with time zone default null::timestamp with time zone, p_limit integer default 10, p_offset integer default 0) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
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

comment on function public.list_transactions(p_actor bigint, p_customer_id bigint, p_tag text, p_from timestamp with time zone, p_to timestamp with time zone, p_limit integer, p_offset integer) is 'A customer''s transactions (voided ones too), newest first, optionally only those with a #tag and from p_from (inclusive) to p_to (exclusive); with who recorded and who voided each.';
revoke execute on function public.list_transactions(bigint, bigint, text, timestamp with time zone, timestamp with time zone, integer, integer) from public, anon, authenticated;
grant execute on function public.list_transactions(bigint, bigint, text, timestamp with time zone, timestamp with time zone, integer, integer) to service_role;

create function public.transaction_details(p_actor bigint, p_transaction_id bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
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

comment on function public.transaction_details(p_actor bigint, p_transaction_id bigint) is 'One transaction of the shop in full: customer, amounts, tags, who recorded and voided it, the action that recorded it and whether the member may undo it.';
revoke execute on function public.transaction_details(bigint, bigint) from public, anon, authenticated;
grant execute on function public.transaction_details(bigint, bigint) to service_role;
