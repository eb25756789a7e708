-- PayTrack declarative schema: settings.
-- Settings: the shop settings.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.set_archive_when_settled(p_actor bigint, p_update_id bigint, p_enabled boolean) returns jsonb
    language plpgsql security definer
    set search_path to ''
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

comment on function public.set_archive_when_settled(p_actor bigint, p_update_id bigint, p_enabled boolean) is 'Owner: turns the setting "archive customers when their balance reaches zero" on or off (logged, undoable).';
revoke execute on function public.set_archive_when_settled(bigint, bigint, boolean) from public, anon, authenticated;
grant execute on function public.set_archive_when_settled(bigint, bigint, boolean) to service_role;

create function public.shop_settings(p_actor bigint) returns jsonb
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
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.shop_settings(p_actor bigint) is 'The shop''s settings: archive_when_settled, whether a PIN is set (a due /resetpin applied first) and when a pending reset takes effect.';
revoke execute on function public.shop_settings(bigint) from public, anon, authenticated;
grant execute on function public.shop_settings(bigint) to service_role;

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_blocker_setting_changed(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.shops as s
   where s.id = a.shop_id and s.archive_when_settled is distinct from (a.action_info->>'new')::boolean
$$;

comment on function private.undo_blocker_setting_changed(a public.actions) is 'changed_since when the setting has changed again since, else null.';
revoke execute on function private.undo_blocker_setting_changed(public.actions) from public, anon, authenticated;

create function private.undo_setting_changed(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
begin
  update public.shops set archive_when_settled = (a.action_info->>'old')::boolean where id = a.shop_id;
  return null;
end;
$$;

comment on function private.undo_setting_changed(a public.actions) is 'Undoes a settings change: puts the old value back.';
revoke execute on function private.undo_setting_changed(public.actions) from public, anon, authenticated;
