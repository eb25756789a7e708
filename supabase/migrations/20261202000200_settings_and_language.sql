-- PayTrack: /settings for the shop's name, time zone, default language, digit style and (while
-- the shop has no transactions) currency; /language for a member's own language and digits;
-- unused invite links listed and withdrawn from /members.
--
-- Shop settings are logged as setting_changed (action_info: setting, old, new), the kind the
-- archive_when_settled toggle already uses, and undone through the same private functions,
-- now for every setting. A change drops every member's cached membership from their bot
-- session, so each member's next update sees the new zone, name and currency.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ============================================================================
-- Invites can be withdrawn
-- ============================================================================

alter table public.invites
  add column revoked_at timestamp with time zone,
  add column revoked_by bigint,
  add constraint invite_revoked_together check ((revoked_at is null) = (revoked_by is null));

comment on column public.invites.revoked_at is 'When an owner withdrew the unused link (/members); opening it then says it was withdrawn.';
comment on column public.invites.revoked_by is 'Telegram user id of the owner who withdrew the link.';

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('invite_revoked', 'An owner withdrew an unused invite link; opening it then says so.', false, false, null);

-- ============================================================================
-- Settings and language
-- ============================================================================

create function public.set_member_language(p_actor bigint, p_update_id bigint, p_language text default null::text, p_digits text default null::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
begin
  v_prior := private.begin_update(p_update_id, 'set_member_language', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  if p_language is not null and private.known_language(p_language) is null then
    perform private.fail('rejected', 'A language is en or ar.');
  end if;
  if p_digits is not null and p_digits not in ('latn', 'arab') then
    perform private.fail('rejected', 'A digit style is latn or arab.');
  end if;
  update public.members
     set language = coalesce(p_language, language), digits = coalesce(p_digits, digits)
   where shop_id = v.shop_id and telegram_user_id = p_actor;
  v := private.acting_member(p_actor);
  return private.finish_update(p_update_id, jsonb_build_object(
    'member', private.member_json(v), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.set_member_language(p_actor bigint, p_update_id bigint, p_language text, p_digits text) is '/language: the member''s own language (en, ar) and/or digit style (latn, arab); null keeps the current one. Not logged: it changes only how the bot speaks to them.';
revoke execute on function public.set_member_language(bigint, bigint, text, text) from public, anon, authenticated;
grant execute on function public.set_member_language(bigint, bigint, text, text) to service_role;

create function private.shop_has_money(p_shop bigint) returns boolean
    language plpgsql stable
    set search_path to ''
    as $$
begin
  -- PL/pgSQL: public.expenses is created by a later schema file (45_spending.sql).
  return exists (select 1 from public.transactions as t where t.shop_id = p_shop)
      or exists (select 1 from public.expenses as e where e.shop_id = p_shop);
end;
$$;

comment on function private.shop_has_money(p_shop bigint) is 'True once the shop recorded any purchase, payment or expense (voided ones count): its currency can no longer change.';
revoke execute on function private.shop_has_money(bigint) from public, anon, authenticated;

create function private.shop_setting(p_shop bigint, p_setting text) returns text
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
         end
    from public.shops as s where s.id = p_shop
$$;

comment on function private.shop_setting(p_shop bigint, p_setting text) is 'The current value of one shop setting as text (archive_when_settled, name, timezone, language, digits, currency).';
revoke execute on function private.shop_setting(bigint, text) from public, anon, authenticated;

create function private.put_shop_setting(p_shop bigint, p_setting text, p_value text) returns void
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

create function public.set_shop_setting(p_actor bigint, p_update_id bigint, p_setting text, p_value text) returns jsonb
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
    else
      perform private.fail('rejected', 'A setting is name, timezone, language, digits or currency.');
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

comment on function public.set_shop_setting(p_actor bigint, p_update_id bigint, p_setting text, p_value text) is 'Owner: changes the shop''s name, timezone (an IANA name), default language (en, ar), digit style (latn, arab) or currency (only while the shop has no transactions: shop_has_transactions). Logged as setting_changed and undoable.';
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
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.shop_settings(p_actor bigint) is 'The shop''s settings: archive_when_settled, whether a PIN is set (a due /resetpin applied first) and when a pending reset takes effect, whether the currency is locked (the shop has transactions), and the shop (name, currency, language, digits, timezone).';

create or replace function private.undo_blocker_setting_changed(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select case
           when private.shop_setting(a.shop_id, coalesce(a.action_info->>'setting', 'archive_when_settled'))
                is distinct from a.action_info->>'new' then 'changed_since'
           when a.action_info->>'setting' = 'currency' and private.shop_has_money(a.shop_id) then 'shop_has_transactions'
         end
$$;

comment on function private.undo_blocker_setting_changed(a public.actions) is 'changed_since when the setting has changed again since; shop_has_transactions for a currency once the shop has transactions; else null.';

create or replace function private.undo_setting_changed(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
begin
  perform private.put_shop_setting(a.shop_id, coalesce(a.action_info->>'setting', 'archive_when_settled'),
                                   a.action_info->>'old');
  return null;
end;
$$;

comment on function private.undo_setting_changed(a public.actions) is 'Undoes a settings change: puts the old value back (and drops the members'' cached membership).';

-- ============================================================================
-- Team: open invites, withdrawing one
-- ============================================================================

create or replace function public.create_invite(p_actor bigint, p_update_id bigint, p_role text default 'clerk'::text) returns jsonb
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

create or replace function public.list_members(p_actor bigint) returns jsonb
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

create or replace function public.redeem_invite(p_actor bigint, p_update_id bigint, p_code text, p_display_name text default ''::text, p_language text default null::text) returns jsonb
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

comment on function public.redeem_invite(p_actor bigint, p_update_id bigint, p_code text, p_display_name text, p_language text) is '/start <code>: joins the shop of a valid invite (status joined, in the language of their Telegram app), or greets a member of that shop (already_member). Refuses invite_invalid, invite_withdrawn (an owner withdrew it), invite_used, invite_expired, already_in_a_shop.';
