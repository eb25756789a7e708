-- PayTrack declarative schema: history.
-- History: the action log as /history shows it, and /undo (public.undo_action).
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.list_actions(p_actor bigint, p_limit integer default 10, p_offset integer default 0, p_member bigint default null::bigint, p_customer bigint default null::bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 100);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
  v_pin_set boolean;
  v_total bigint;
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);
  select s.pin_hash is not null into v_pin_set from public.shops as s where s.id = v.shop_id;
  select count(*) into v_total from public.actions as a
   where a.shop_id = v.shop_id and (p_member is null or a.actor_id = p_member)
     and (p_customer is null or a.customer_id = p_customer);
  select coalesce(jsonb_agg(r.j order by r.id desc), '[]') into v_rows
    from (select a.id, jsonb_build_object(
                   'id', a.id, 'action', a.action, 'created_at', a.created_at,
                   'actor_id', a.actor_id,
                   'actor_name', private.actor_label(a.shop_id, a.actor_id, a.actor_name, a.actor_role),
                   'actor_role', a.actor_role,
                   'customer_id', a.customer_id, 'customer_name', c.full_name,
                   'transaction_id', a.transaction_id, 'info', a.action_info,
                   'undone_at', a.undone_at, 'undoes_action_id', a.undoes_action_id,
                   'undoable', private.can_undo(a, v),
                   'undo_needs_pin', k.undo_needs_pin and v_pin_set) as j
            from public.actions as a
            join public.action_kinds as k on k.action = a.action
            left join public.customers as c on c.id = a.customer_id
           where a.shop_id = v.shop_id and (p_member is null or a.actor_id = p_member)
             and (p_customer is null or a.customer_id = p_customer)
           order by a.id desc
           limit v_limit offset v_offset) as r;
  return jsonb_build_object('total', v_total, 'actions', v_rows, 'shop', private.shop_json(v));
end;
$$;

comment on function public.list_actions(p_actor bigint, p_limit integer, p_offset integer, p_member bigint, p_customer bigint) is 'The shop''s action log, newest first, optionally only one member''s (p_member) or about one customer (p_customer): who did what (named as they were, with role and id when the name could deceive), for whom, whether the member can still undo it and whether that undo asks for the PIN.';
revoke execute on function public.list_actions(bigint, integer, integer, bigint, bigint) from public, anon, authenticated;
grant execute on function public.list_actions(bigint, integer, integer, bigint, bigint) to service_role;

-- supabase db lint (plpgsql_check) warns here: "cannot determinate a result of dynamic SQL".
-- The dispatch is dynamic on purpose: private.undo_<action> is chosen by the action's kind
-- (each lives with its area), and every one returns public.customers, which v_customer is.
-- The undo tests (tests/db/undo_test.ts) run every kind through it.
create function public.undo_action(p_actor bigint, p_update_id bigint, p_action_id bigint default null::bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $_$
declare
  v_prior jsonb;
  v private.acting_member;
  v_target public.actions;
  v_kind public.action_kinds;
  v_blocker text;
  v_customer public.customers;
  v_undo_id bigint;
begin
  v_prior := private.begin_update(p_update_id, 'undo_action', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);

  if p_action_id is null then
    select * into v_target from public.actions as a
     where a.shop_id = v.shop_id and private.can_undo(a, v)
     order by a.id desc limit 1
     for update;
    if not found then
      perform private.fail('nothing_to_undo', 'There is nothing left to undo.');
    end if;
  else
    select * into v_target from public.actions as a
     where a.id = p_action_id and a.shop_id = v.shop_id
     for update;
    if not found then
      perform private.fail('action_not_found', 'No such action in this shop.');
    end if;
  end if;

  select * into v_kind from public.action_kinds where action = v_target.action;
  if v_target.undone_at is not null then
    perform private.fail('already_undone', 'That action was already undone.');
  end if;
  if not v_kind.undoable then
    perform private.fail('not_undoable', 'That action cannot be undone.');
  end if;
  if v.role <> 'owner' and v_target.actor_id <> p_actor then
    perform private.fail('owner_only', 'A clerk can undo only their own actions.');
  end if;
  if v_kind.undo_needs_role = 'owner' and v.role <> 'owner' then
    perform private.fail('owner_only', 'Only a shop owner can undo this.');
  end if;
  -- An undo that lowers what a customer owes is a payment: the same PIN check (and lockout).
  if v_kind.undo_needs_pin then
    perform private.require_pin(v);
  end if;

  -- Lock the customer first, as recording does, so undo and recording never deadlock.
  perform 1 from public.customers where id = v_target.customer_id for update;
  v_blocker := private.undo_blocker(v_target);
  if v_blocker is not null then
    perform private.fail(v_blocker, 'That action cannot be undone now.');
  end if;

  perform set_config('paytrack.actor', p_actor::text, true);
  -- "select * from f()" calls f once; "(f()).*" would call it once per column.
  execute format('select * from private.%I($1)', 'undo_' || v_target.action) into v_customer using v_target;

  insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, update_id, undoes_action_id)
    values (v.shop_id, 'action_undone', p_actor, v_target.customer_id, v_target.transaction_id,
            jsonb_build_object('undone_action', v_target.action, 'undone_action_id', v_target.id,
                               'undone_info', v_target.action_info, 'balance_after', v_customer.balance),
            p_update_id, v_target.id)
    returning id into v_undo_id;
  update public.actions set undone_at = now(), undone_by_action_id = v_undo_id where id = v_target.id;

  return private.finish_update(p_update_id, jsonb_build_object(
    'undone', jsonb_build_object('id', v_target.id, 'action', v_target.action, 'info', v_target.action_info,
                                 'created_at', v_target.created_at),
    'undo_action_id', v_undo_id,
    'customer', case when v_customer.id is null then null else private.customer_json(v_customer) end,
    'shop', private.shop_json(v)));
end;
$_$;

comment on function public.undo_action(p_actor bigint, p_update_id bigint, p_action_id bigint) is 'Undoes one action (the latest one the member may undo when p_action_id is null) through private.undo_<action>. Refuses to undo twice; needs the owner and/or a recent right PIN where the kind''s undo does (pin_required, pin_locked, owner_only); logs action_undone.';
revoke execute on function public.undo_action(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.undo_action(bigint, bigint, bigint) to service_role;
