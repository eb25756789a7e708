-- PayTrack declarative schema: team.
-- Team: invites and managing members.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Table invites
-- ================================================================================================

create table public.invites (
    id bigint not null,
    shop_id bigint not null,
    code_hash bytea not null,
    role public.member_role not null,
    created_by bigint not null,
    created_at timestamp with time zone default now() not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone,
    used_by bigint,
    revoked_at timestamp with time zone,
    revoked_by bigint,
    constraint invite_code_hash_is_sha256 check ((octet_length(code_hash) = 32)),
    constraint invite_used_together check (((used_at is null) = (used_by is null))),
    constraint invite_revoked_together check (((revoked_at is null) = (revoked_by is null)))
);

alter table public.invites alter column id add generated always as identity (
    sequence name public.invites_id_seq
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1
);

alter table only public.invites
    add constraint invites_code_hash_key unique (code_hash);

alter table only public.invites
    add constraint invites_pkey primary key (id);

alter table only public.invites
    add constraint invites_shop_id_created_by_fkey foreign key (shop_id, created_by) references public.members(shop_id, telegram_user_id);

alter table only public.invites
    add constraint invites_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

create index invites_by_shop on public.invites using btree (shop_id, created_at desc);

alter table public.invites enable row level security;

create policy "The bot's service role manages invites" on public.invites to service_role using (true) with check (true);

comment on table public.invites is 'One-time invite links an owner made (/invite). Whoever opens one first, within 24 hours, joins the shop with its role.';

comment on column public.invites.id is 'The invite (its link carries a secret code; only the code''s SHA-256 is stored).';

comment on column public.invites.shop_id is 'The shop the invite admits to.';

comment on column public.invites.code_hash is 'SHA-256 of the code in the link (t.me/<bot>?start=<code>). The code itself is never stored.';

comment on column public.invites.role is 'The role the person who opens the link gets: clerk, or owner for a co-owner.';

comment on column public.invites.created_by is 'Telegram user id of the owner who made the link; it stops working if they are no longer an owner.';

comment on column public.invites.created_at is 'When the owner created the invite.';

comment on column public.invites.expires_at is 'The link works until then (24 hours after it was made).';

comment on column public.invites.used_at is 'When the link was used; a used link never works again.';

comment on column public.invites.used_by is 'Telegram user id of the person who joined with it.';

comment on column public.invites.revoked_at is 'When an owner withdrew the unused link (/members); opening it then says it was withdrawn.';

comment on column public.invites.revoked_by is 'Telegram user id of the owner who withdrew the link.';

grant select,insert,delete,update on table public.invites to service_role;

grant usage on sequence public.invites_id_seq to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.invite_code_hash(p_code text) returns bytea
    language sql immutable
    set search_path to ''
    as $$
  -- PostgreSQL's own sha256(): pgcrypto's OpenSSL digest fails now and then inside PGlite.
  select pg_catalog.sha256(convert_to(p_code, 'UTF8'))
$$;

comment on function private.invite_code_hash(p_code text) is 'The SHA-256 under which an invite code is stored.';
revoke execute on function private.invite_code_hash(text) from public, anon, authenticated;

create function private.lock_team(p_actor bigint, p_needs public.member_role default null::public.member_role) returns private.acting_member
    language plpgsql
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  v := private.acting_member(p_actor, p_needs);
  perform pg_advisory_xact_lock(hashtextextended('paytrack.team:' || v.shop_id, 0));
  return private.acting_member(p_actor, p_needs);
end;
$$;

comment on function private.lock_team(p_actor bigint, p_needs public.member_role) is 'Locks the team of the actor''s shop for this transaction and returns the actor''s membership as it is now.';
revoke execute on function private.lock_team(bigint, public.member_role) from public, anon, authenticated;

create function private.new_invite_code() returns text
    language sql
    set search_path to ''
    as $$
  -- 18 random bytes = 24 URL-safe characters, as a Telegram deep-link payload allows.
  select translate(encode(extensions.gen_random_bytes(18), 'base64'), '+/', '-_')
$$;

comment on function private.new_invite_code() is 'A fresh random invite code: 144 bits, 24 characters of A-Z a-z 0-9 - _.';
revoke execute on function private.new_invite_code() from public, anon, authenticated;

create function private.team_member_json(m public.members) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object('user_id', m.telegram_user_id, 'role', m.role, 'display_name', m.display_name,
                            'joined_at', m.joined_at)
$$;

comment on function private.team_member_json(m public.members) is 'A member as /members shows them: user_id, role, display_name, joined_at.';
revoke execute on function private.team_member_json(public.members) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.change_member_role(p_actor bigint, p_update_id bigint, p_member bigint, p_role text) returns jsonb
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
revoke execute on function public.change_member_role(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.change_member_role(bigint, bigint, bigint, text) to service_role;

create function public.create_invite(p_actor bigint, p_update_id bigint, p_role text default 'clerk'::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_code text := private.new_invite_code();
  v_invite public.invites;
  v_result jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'create_invite', p_actor);
  if v_prior is not null then
    -- The code is not stored, so a redelivered /invite gets a fresh code for the same
    -- invite (the earlier one stops working), or no code once it was used or expired.
    v := private.acting_member(p_actor, 'owner');
    update public.invites set code_hash = private.invite_code_hash(v_code)
     where id = (v_prior #>> '{invite,id}')::bigint and used_at is null and revoked_at is null and expires_at > now();
    return v_prior || case when found then jsonb_build_object('code', v_code) else '{}'::jsonb end;
  end if;
  v := private.acting_member(p_actor, 'owner');
  if coalesce(p_role, 'clerk') not in ('owner', 'clerk') then
    perform private.fail('role_invalid', 'A role is owner or clerk.');
  end if;

  insert into public.invites (shop_id, code_hash, role, created_by, expires_at)
    values (v.shop_id, private.invite_code_hash(v_code), coalesce(p_role, 'clerk')::public.member_role, p_actor, now() + interval '24 hours')
    returning * into v_invite;
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'member_invited', p_actor,
            jsonb_build_object('invite_id', v_invite.id, 'role', v_invite.role, 'expires_at', v_invite.expires_at),
            p_update_id);

  v_result := private.finish_update(p_update_id, jsonb_build_object(
    'invite', jsonb_build_object('id', v_invite.id, 'role', v_invite.role, 'expires_at', v_invite.expires_at),
    'shop', private.shop_json(v)));
  return v_result || jsonb_build_object('code', v_code);
end;
$$;

comment on function public.create_invite(p_actor bigint, p_update_id bigint, p_role text) is '/invite (owner): a one-time code for a deep link that makes whoever opens it a member with p_role, valid 24 hours. Only its hash is stored.';
revoke execute on function public.create_invite(bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.create_invite(bigint, bigint, text) to service_role;

create function public.leave_shop(p_actor bigint, p_update_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
begin
  v_prior := private.begin_update(p_update_id, 'leave_shop', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.lock_team(p_actor);
  if v.role = 'owner' and private.active_owners(v.shop_id) <= 1 then
    perform private.fail('last_owner', 'The last owner cannot leave; make someone else an owner first.');
  end if;
  update public.members set removed_at = now()
   where shop_id = v.shop_id and telegram_user_id = p_actor;
  perform private.forget_session(p_actor, true);
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'member_left', p_actor, jsonb_build_object('role', v.role), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'member', private.member_json(v), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.leave_shop(p_actor bigint, p_update_id bigint) is '/leave: the member leaves the shop and loses access at once. The last owner is refused (last_owner).';
revoke execute on function public.leave_shop(bigint, bigint) from public, anon, authenticated;
grant execute on function public.leave_shop(bigint, bigint) to service_role;

create function public.list_members(p_actor bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  v := private.acting_member(p_actor);
  return jsonb_build_object(
    'you', private.member_json(v),
    'members', (select coalesce(jsonb_agg(private.team_member_json(m)
                                           order by m.role, m.joined_at, m.telegram_user_id), '[]')
                  from public.members as m
                 where m.shop_id = v.shop_id and m.removed_at is null),
    'former', (select coalesce(jsonb_agg(private.team_member_json(m) || jsonb_build_object('removed_at', m.removed_at)
                                          order by m.removed_at desc, m.telegram_user_id), '[]')
                 from public.members as m
                where m.shop_id = v.shop_id and m.removed_at is not null),
    'open_invites', (select count(*) from public.invites as i
                      where i.shop_id = v.shop_id and i.used_at is null and i.revoked_at is null and i.expires_at > now()),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.list_members(p_actor bigint) is 'The shop''s current members with their roles (owners first), former members (removed or left, for the history), the acting member as you, and how many invite links are still open.';
revoke execute on function public.list_members(bigint) from public, anon, authenticated;
grant execute on function public.list_members(bigint) to service_role;

create function public.redeem_invite(p_actor bigint, p_update_id bigint, p_code text, p_display_name text default ''::text, p_language text default null::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $_$
declare
  v_prior jsonb;
  v_name text := left(private.clean_text(p_display_name), 64);
  v_invite public.invites;
  v_current public.members;
  v_inviter public.members;
  v private.acting_member;
  v_language text := private.known_language(p_language);
begin
  v_prior := private.begin_update(p_update_id, 'redeem_invite', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  if p_code is null or p_code !~ '^[A-Za-z0-9_-]{1,64}$' then
    perform private.fail('invite_invalid', 'That invite code does not exist.');
  end if;
  select * into v_invite from public.invites where code_hash = private.invite_code_hash(p_code) for update;
  if not found then
    perform private.fail('invite_invalid', 'That invite code does not exist.');
  end if;
  perform pg_advisory_xact_lock(hashtextextended('paytrack.team:' || v_invite.shop_id, 0));

  select * into v_current from public.members where telegram_user_id = p_actor and removed_at is null;
  if found and v_current.shop_id = v_invite.shop_id then
    -- Opening a link to one's own shop greets and leaves the link for whom it was meant.
    v := private.acting_member(p_actor);
    return private.finish_update(p_update_id, jsonb_build_object(
      'status', 'already_member', 'member', private.member_json(v), 'shop', private.shop_json(v)));
  end if;
  if v_invite.revoked_at is not null then
    perform private.fail('invite_withdrawn', 'That invite link was withdrawn by the shop.');
  end if;
  if v_invite.used_at is not null then
    perform private.fail('invite_used', 'That invite link was already used.');
  end if;
  if v_invite.expires_at <= now() then
    perform private.fail('invite_expired', 'That invite link has expired.');
  end if;
  -- A link made by someone who is no longer an owner no longer works.
  select * into v_inviter from public.members
   where shop_id = v_invite.shop_id and telegram_user_id = v_invite.created_by
     and removed_at is null and role = 'owner';
  if not found then
    perform private.fail('invite_invalid', 'That invite link was withdrawn.');
  end if;
  if v_current.shop_id is not null then
    perform private.fail('already_in_a_shop', 'This Telegram user is already a member of another shop.');
  end if;

  insert into public.members (shop_id, telegram_user_id, role, display_name, language)
    values (v_invite.shop_id, p_actor, v_invite.role, coalesce(nullif(v_name, ''), 'user ' || p_actor), v_language)
    on conflict (shop_id, telegram_user_id) do update
      set role = excluded.role, display_name = excluded.display_name, joined_at = now(), removed_at = null,
          language = coalesce(excluded.language, public.members.language);
  update public.invites set used_at = now(), used_by = p_actor where id = v_invite.id;
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v_invite.shop_id, 'member_joined', p_actor,
            jsonb_build_object('role', v_invite.role, 'invite_id', v_invite.id, 'invited_by', v_inviter.telegram_user_id,
                               'invited_by_name', v_inviter.display_name),
            p_update_id);

  v := private.acting_member(p_actor);
  return private.finish_update(p_update_id, jsonb_build_object(
    'status', 'joined', 'member', private.member_json(v), 'shop', private.shop_json(v)));
end;
$_$;

comment on function public.redeem_invite(p_actor bigint, p_update_id bigint, p_code text, p_display_name text, p_language text) is '/start <code>: joins the shop of a valid invite (status joined, in the language of their Telegram app), or greets a member of that shop (already_member). Refuses invite_invalid, invite_withdrawn (an owner withdrew it), invite_used, invite_expired, already_in_a_shop.';
revoke execute on function public.redeem_invite(bigint, bigint, text, text, text) from public, anon, authenticated;
grant execute on function public.redeem_invite(bigint, bigint, text, text, text) to service_role;

create function public.remove_member(p_actor bigint, p_update_id bigint, p_member bigint) returns jsonb
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
revoke execute on function public.remove_member(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.remove_member(bigint, bigint, bigint) to service_role;

create function public.list_invites(p_actor bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  v := private.acting_member(p_actor, 'owner');
  return jsonb_build_object(
    'invites', (select coalesce(jsonb_agg(jsonb_build_object(
                          'id', i.id, 'role', i.role, 'created_at', i.created_at, 'expires_at', i.expires_at,
                          'created_by', i.created_by, 'created_by_name', m.display_name)
                        order by i.created_at, i.id), '[]')
                  from public.invites as i
                  join public.members as m on m.shop_id = i.shop_id and m.telegram_user_id = i.created_by
                 where i.shop_id = v.shop_id and i.used_at is null and i.revoked_at is null
                   and i.expires_at > now()),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.list_invites(p_actor bigint) is 'Owner: the shop''s invite links not used, withdrawn or expired yet (id, role, who made it and when, when it expires).';
revoke execute on function public.list_invites(bigint) from public, anon, authenticated;
grant execute on function public.list_invites(bigint) to service_role;

create function public.revoke_invite(p_actor bigint, p_update_id bigint, p_invite_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_invite public.invites;
begin
  v_prior := private.begin_update(p_update_id, 'revoke_invite', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.lock_team(p_actor, 'owner');
  select * into v_invite from public.invites where id = p_invite_id and shop_id = v.shop_id for update;
  if not found then
    perform private.fail('invite_invalid', 'No such invite in this shop.');
  end if;
  if v_invite.revoked_at is not null then
    perform private.fail('invite_withdrawn', 'That invite link was already withdrawn.');
  end if;
  if v_invite.used_at is not null then
    perform private.fail('invite_used', 'That invite link was already used.');
  end if;
  if v_invite.expires_at <= now() then
    perform private.fail('invite_expired', 'That invite link has expired.');
  end if;
  update public.invites set revoked_at = now(), revoked_by = p_actor where id = v_invite.id;
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'invite_revoked', p_actor,
            jsonb_build_object('invite_id', v_invite.id, 'role', v_invite.role, 'created_by', v_invite.created_by),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'invite', jsonb_build_object('id', v_invite.id, 'role', v_invite.role, 'created_at', v_invite.created_at,
                                 'expires_at', v_invite.expires_at),
    'open_invites', (select count(*) from public.invites as i
                      where i.shop_id = v.shop_id and i.used_at is null and i.revoked_at is null and i.expires_at > now()),
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.revoke_invite(p_actor bigint, p_update_id bigint, p_invite_id bigint) is 'Owner: withdraws an unused invite link (logged as invite_revoked); opening it then is refused with invite_withdrawn. Refuses invite_invalid, invite_used, invite_expired, invite_withdrawn.';
revoke execute on function public.revoke_invite(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.revoke_invite(bigint, bigint, bigint) to service_role;

-- The kind of action this area adds (00_core.sql lists the earlier ones).
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('invite_revoked', 'An owner withdrew an unused invite link; opening it then says so.', false, false, null);
