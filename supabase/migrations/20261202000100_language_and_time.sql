-- PayTrack: the shop's own language and time — each member has a language and a digit style,
-- each shop a default language, digit style and time zone.
--
-- A member's language is null until it is known: the bot then speaks the language of their
-- Telegram app (language_code "ar…" → Arabic, otherwise English) and stores it at first
-- contact (/start, joining with an invite). Null digits follow the shop's. The shop's own
-- settings are for what belongs to the shop: the export, and members whose language is not
-- known. A new shop takes the opener's language and the deployment's DEFAULT_TIMEZONE.
-- Stored times stay timestamptz; the zone is only how they are shown and typed.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ============================================================================
-- Columns
-- ============================================================================

alter table public.shops
  add column language text not null default 'en',
  add column digits text not null default 'latn',
  add column timezone text not null default 'UTC',
  add constraint shop_language_known check (language in ('en', 'ar')),
  add constraint shop_digits_known check (digits in ('latn', 'arab')),
  add constraint shop_timezone_length check (char_length(timezone) between 1 and 64);

comment on column public.shops.language is 'The shop''s language (en or ar): the export, and members whose own language is not known.';
comment on column public.shops.digits is 'How the shop writes numbers by default: latn (0-9) or arab (Arabic-Indic ٠-٩).';
comment on column public.shops.timezone is 'The IANA time zone every time is shown and typed in (e.g. Asia/Hebron); stored times stay timestamptz.';

alter table public.members
  add column language text,
  add column digits text,
  add constraint member_language_known check (language in ('en', 'ar')),
  add constraint member_digits_known check (digits in ('latn', 'arab'));

comment on column public.members.language is 'The language the bot speaks to this member (en or ar); null until known (then the Telegram app''s language).';
comment on column public.members.digits is 'The member''s digit style (latn or arab); null follows the shop''s.';

-- ============================================================================
-- Private helpers: the acting member carries the languages and the zone
-- ============================================================================

alter type private.acting_member
  add attribute language text,
  add attribute digits text,
  add attribute shop_language text,
  add attribute shop_digits text,
  add attribute timezone text;

create or replace function private.acting_member(p_actor bigint, p_needs public.member_role default null::public.member_role) returns private.acting_member
    language plpgsql stable
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  select m.shop_id, m.telegram_user_id, m.role, m.display_name, s.name, s.currency, c.minor_unit,
         m.language, m.digits, s.language, s.digits, s.timezone
    into v
    from public.members as m
    join public.shops as s on s.id = m.shop_id
    join public.currencies as c on c.code = s.currency
   where m.telegram_user_id = p_actor and m.removed_at is null;
  if not found then
    perform private.fail('not_a_member', 'This Telegram user is not a member of a shop.');
  end if;
  if p_needs = 'owner' and v.role <> 'owner' then
    perform private.fail('owner_only', 'Only a shop owner can do this.');
  end if;
  return v;
end;
$$;

create or replace function private.member_json(v private.acting_member) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object('user_id', v.user_id, 'role', v.role, 'display_name', v.display_name,
                            'language', v.language, 'digits', v.digits)
$$;

comment on function private.member_json(v private.acting_member) is 'The acting member as the RPCs return them: user_id, role, display_name, language and digits (null: not chosen).';

create or replace function private.shop_json(v private.acting_member) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object('id', v.shop_id, 'name', v.shop_name, 'currency', v.currency, 'minor_unit', v.minor_unit,
                            'language', v.shop_language, 'digits', v.shop_digits, 'timezone', v.timezone)
$$;

comment on function private.shop_json(v private.acting_member) is 'The member''s shop as the RPCs return it: id, name, currency, minor_unit, language, digits, timezone.';

create function private.is_time_zone(p_zone text) returns boolean
    language sql stable
    set search_path to ''
    as $$
  select p_zone is not null and exists (select 1 from pg_catalog.pg_timezone_names where name = p_zone)
$$;

comment on function private.is_time_zone(p_zone text) is 'True for a time zone name PostgreSQL knows (IANA, e.g. Asia/Hebron).';
revoke execute on function private.is_time_zone(text) from public, anon, authenticated;

create function private.known_language(p_language text) returns text
    language sql immutable
    set search_path to ''
    as $$
  select case when p_language in ('en', 'ar') then p_language end
$$;

comment on function private.known_language(p_language text) is 'p_language when PayTrack speaks it (en, ar), else null.';
revoke execute on function private.known_language(text) from public, anon, authenticated;

-- ============================================================================
-- First contact stores the language: /start and joining with an invite
-- ============================================================================

drop function public.start_user(bigint, bigint, text, boolean, boolean, text, text);

create function public.start_user(p_actor bigint, p_update_id bigint, p_display_name text, p_may_open_shop boolean default false, p_claim_if_unclaimed boolean default false, p_shop_name text default null::text, p_currency text default 'USD'::text, p_language text default null::text, p_timezone text default null::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v_name text := left(private.clean_text(p_display_name), 64);
  v_language text := private.known_language(p_language);
  v_shop_id bigint;
  v_status text;
  v private.acting_member;
  v_result jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'start_user', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;

  update public.members
     set display_name = case when v_name <> '' then v_name else display_name end,
         language = coalesce(language, v_language)
   where telegram_user_id = p_actor and removed_at is null
     and ((v_name <> '' and display_name is distinct from v_name) or (language is null and v_language is not null));

  if exists (select 1 from public.members where telegram_user_id = p_actor and removed_at is null) then
    v_status := 'member';
  else
    -- Serialise first-user claims so two strangers cannot both claim an empty bot.
    perform pg_advisory_xact_lock(hashtext('paytrack.claim_bot'));
    if p_may_open_shop or (p_claim_if_unclaimed and not exists (select 1 from public.shops)) then
      if not exists (select 1 from public.currencies where code = upper(p_currency)) then
        perform private.fail('unknown_currency', format('%s is not a currency PayTrack knows.', p_currency));
      end if;
      if p_timezone is not null and not private.is_time_zone(p_timezone) then
        perform private.fail('unknown_time_zone', format('%s is not a time zone PayTrack knows.', p_timezone));
      end if;
      insert into public.shops (name, currency, created_by, language, timezone)
        values (coalesce(nullif(left(private.clean_text(p_shop_name), 100), ''), nullif(v_name, ''), 'My shop'),
                upper(p_currency), p_actor, coalesce(v_language, 'en'), coalesce(p_timezone, 'UTC'))
        returning id into v_shop_id;
      insert into public.members (shop_id, telegram_user_id, role, display_name, language)
        values (v_shop_id, p_actor, 'owner', v_name, v_language);
      insert into public.actions (shop_id, action, actor_id, action_info, update_id)
        values (v_shop_id, 'shop_opened', p_actor, jsonb_build_object('claimed', not p_may_open_shop), p_update_id);
      v_status := case when p_may_open_shop then 'opened' else 'claimed' end;
    else
      -- Nothing changed: forget the update so strangers leave no rows behind.
      delete from public.processed_updates where update_id = p_update_id;
      return jsonb_build_object('status', 'stranger');
    end if;
  end if;

  v := private.acting_member(p_actor);
  v_result := jsonb_build_object('status', v_status, 'member', private.member_json(v), 'shop', private.shop_json(v));
  return private.finish_update(p_update_id, v_result);
end;
$$;

comment on function public.start_user(p_actor bigint, p_update_id bigint, p_display_name text, p_may_open_shop boolean, p_claim_if_unclaimed boolean, p_shop_name text, p_currency text, p_language text, p_timezone text) is '/start: a member is greeted (status member, their language stored if not known yet); otherwise opens a shop when allowed (opened, in the opener''s language and p_timezone), claims an unclaimed bot (claimed), or reports a stranger.';
revoke execute on function public.start_user(bigint, bigint, text, boolean, boolean, text, text, text, text) from public, anon, authenticated;
grant execute on function public.start_user(bigint, bigint, text, boolean, boolean, text, text, text, text) to service_role;

drop function public.redeem_invite(bigint, bigint, text, text);

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

comment on function public.redeem_invite(p_actor bigint, p_update_id bigint, p_code text, p_display_name text, p_language text) is '/start <code>: joins the shop of a valid invite (status joined, in the language of their Telegram app), or greets a member of that shop (already_member). Refuses invite_invalid, invite_used, invite_expired, already_in_a_shop.';
revoke execute on function public.redeem_invite(bigint, bigint, text, text, text) from public, anon, authenticated;
grant execute on function public.redeem_invite(bigint, bigint, text, text, text) to service_role;
