-- PayTrack: notices to another person in that person's language (issue 13).
--
-- A role change and a removal are told to the member concerned, and /resetpin (and its
-- cancellation) to every other owner: those messages were written in the sender's language.
-- change_member_role and remove_member now also return `recipient` and request_pin_reset and
-- cancel_pin_reset `recipients`: each person to tell with the language and digits to write in
-- (members.language/digits, else the shop's). Same signatures and privileges.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

create function private.notice_recipient(p_shop_id bigint, p_user_id bigint) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select jsonb_build_object('user_id', m.telegram_user_id,
                            'language', coalesce(m.language, s.language),
                            'digits', coalesce(m.digits, s.digits))
    from public.members as m
    join public.shops as s on s.id = m.shop_id
   where m.shop_id = p_shop_id and m.telegram_user_id = p_user_id
$$;

comment on function private.notice_recipient(p_shop_id bigint, p_user_id bigint) is 'A member the bot sends a notice to on someone else''s behalf: user_id, and the language and digits to write it in (theirs, else the shop''s).';
revoke execute on function private.notice_recipient(bigint, bigint) from public, anon, authenticated;

create function private.owner_recipients(p_shop_id bigint) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select coalesce(jsonb_agg(private.notice_recipient(m.shop_id, m.telegram_user_id)
                            order by m.telegram_user_id), '[]'::jsonb)
    from public.members as m
   where m.shop_id = p_shop_id and m.role = 'owner' and m.removed_at is null
$$;

comment on function private.owner_recipients(p_shop_id bigint) is 'The shop''s current owners as notice recipients (private.notice_recipient), as a jsonb array.';
revoke execute on function private.owner_recipients(bigint) from public, anon, authenticated;

create or replace function public.change_member_role(p_actor bigint, p_update_id bigint, p_member bigint, p_role text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_target public.members;
  v_from public.member_role;
begin
  v_prior := private.begin_update(p_update_id, 'change_member_role', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner'); -- refuse a clerk before waiting for the lock
  v := private.lock_team(p_actor, 'owner');
  select * into v_target from public.members
   where shop_id = v.shop_id and telegram_user_id = p_member and removed_at is null;
  if not found then
    perform private.fail('member_not_found', 'No such member in this shop.');
  end if;
  if p_role is null or p_role not in ('owner', 'clerk') then
    perform private.fail('role_invalid', 'A role is owner or clerk.');
  end if;
  if v_target.role = p_role::public.member_role then
    perform private.fail('role_unchanged', 'The member already has that role.');
  end if;
  if v_target.role = 'owner' and private.active_owners(v.shop_id) <= 1 then
    perform private.fail('last_owner', 'A shop needs at least one owner.');
  end if;
  v_from := v_target.role;
  update public.members set role = p_role::public.member_role
   where shop_id = v.shop_id and telegram_user_id = p_member
   returning * into v_target;
  perform private.forget_session(p_member, false);
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'member_role_changed', p_actor,
            jsonb_build_object('member_id', p_member, 'member_name', v_target.display_name, 'from', v_from, 'to', p_role),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'member', private.team_member_json(v_target), 'from', v_from, 'shop', private.shop_json(v),
    'recipient', private.notice_recipient(v.shop_id, p_member)));
end;
$$;

comment on function public.change_member_role(p_actor bigint, p_update_id bigint, p_member bigint, p_role text) is 'Owner: makes a member an owner or a clerk. Refuses to demote the last owner (last_owner). Returns the member to tell, with their language and digits (recipient).';

create or replace function public.remove_member(p_actor bigint, p_update_id bigint, p_member bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_target public.members;
begin
  v_prior := private.begin_update(p_update_id, 'remove_member', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner'); -- refuse a clerk before waiting for the lock
  v := private.lock_team(p_actor, 'owner');
  if p_member = p_actor then
    perform private.fail('cannot_remove_self', 'Use /leave to leave the shop yourself.');
  end if;
  update public.members set removed_at = now()
   where shop_id = v.shop_id and telegram_user_id = p_member and removed_at is null
   returning * into v_target;
  if not found then
    perform private.fail('member_not_found', 'No such member in this shop.');
  end if;
  perform private.forget_session(p_member, true);
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'member_removed', p_actor,
            jsonb_build_object('member_id', p_member, 'member_name', v_target.display_name, 'role', v_target.role),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'member', private.team_member_json(v_target), 'shop', private.shop_json(v),
    'recipient', private.notice_recipient(v.shop_id, p_member)));
end;
$$;

comment on function public.remove_member(p_actor bigint, p_update_id bigint, p_member bigint) is 'Owner: removes another member; they lose access at once (every RPC checks membership) and their bot session is dropped. Returns the member to tell, with their language and digits (recipient).';

create or replace function public.request_pin_reset(p_actor bigint, p_update_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_reset public.pin_resets;
  v_already boolean := false;
  v_name text;
begin
  v_prior := private.begin_update(p_update_id, 'request_pin_reset', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  perform private.apply_due_pin_reset(v.shop_id);
  perform 1 from public.shops as s where s.id = v.shop_id and s.pin_hash is not null for update;
  if not found then
    perform private.fail('pin_not_set', 'This shop has no PIN to reset.');
  end if;
  select * into v_reset from public.pin_resets as r where r.shop_id = v.shop_id;
  if found then
    v_already := true;  -- the first request's date stands
  else
    insert into public.pin_resets (shop_id, requested_by, update_id)
      values (v.shop_id, v.user_id, p_update_id)
      returning * into v_reset;
    insert into public.actions (shop_id, action, actor_id, action_info, update_id)
      values (v.shop_id, 'pin_reset_requested', p_actor,
              jsonb_build_object('due_at', v_reset.requested_at + private.pin_reset_delay()), p_update_id);
  end if;
  select m.display_name into v_name from public.members as m
   where m.shop_id = v.shop_id and m.telegram_user_id = v_reset.requested_by;
  return private.finish_update(p_update_id, jsonb_build_object(
    'already', v_already,
    'requested_at', v_reset.requested_at,
    'due_at', v_reset.requested_at + private.pin_reset_delay(),
    'requested_by_name', v_name,
    'owners', private.owner_ids(v.shop_id),
    'recipients', private.owner_recipients(v.shop_id),
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.request_pin_reset(p_actor bigint, p_update_id bigint) is 'Owner: schedules removing a forgotten shop PIN 24 hours from now (logged); a second request keeps the first date (already = true). Returns due_at and every owner''s Telegram id, to tell them, and each with their language and digits (recipients). Fails with pin_not_set when the shop has no PIN.';

create or replace function public.cancel_pin_reset(p_actor bigint, p_update_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_reset public.pin_resets;
  v_cancelled boolean;
begin
  v_prior := private.begin_update(p_update_id, 'cancel_pin_reset', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  perform private.apply_due_pin_reset(v.shop_id);  -- a reset that took effect can't be cancelled
  delete from public.pin_resets as r where r.shop_id = v.shop_id returning * into v_reset;
  v_cancelled := found;
  if v_cancelled then
    insert into public.actions (shop_id, action, actor_id, action_info, update_id)
      values (v.shop_id, 'pin_reset_cancelled', p_actor,
              jsonb_build_object('requested_by', v_reset.requested_by, 'requested_at', v_reset.requested_at),
              p_update_id);
  end if;
  return private.finish_update(p_update_id, jsonb_build_object(
    'cancelled', v_cancelled,
    'cancelled_by_name', v.display_name,
    'owners', private.owner_ids(v.shop_id),
    'recipients', private.owner_recipients(v.shop_id),
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.cancel_pin_reset(p_actor bigint, p_update_id bigint) is 'Owner: cancels the shop''s pending PIN reset (logged); cancelled = false when none was pending. Returns every owner''s Telegram id, to tell them, and each with their language and digits (recipients).';
