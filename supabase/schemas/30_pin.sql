-- PayTrack declarative schema: pin.
-- PIN: the shop PIN, tries and lockouts, grants, and /resetpin.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Table member_pins
-- ================================================================================================

create table public.member_pins (
    shop_id bigint not null,
    telegram_user_id bigint not null,
    failures integer default 0 not null,
    locked_until timestamp with time zone,
    valid_until timestamp with time zone,
    last_update_id bigint,
    last_result jsonb,
    constraint failures_in_range check (((failures >= 0) and (failures <= 5)))
);

alter table only public.member_pins
    add constraint member_pins_pkey primary key (shop_id, telegram_user_id);

alter table only public.member_pins
    add constraint member_pins_shop_id_telegram_user_id_fkey foreign key (shop_id, telegram_user_id) references public.members(shop_id, telegram_user_id) on delete cascade;

alter table public.member_pins enable row level security;

create policy "The bot's service role manages PIN tries and grants" on public.member_pins to service_role using (true) with check (true);

comment on table public.member_pins is 'Per member: wrong PIN tries in a row, the lockout they cause, and until when a right PIN lets PIN actions through. Never the PIN.';

comment on column public.member_pins.shop_id is 'The shop whose PIN these checks are for.';

comment on column public.member_pins.telegram_user_id is 'The member whose PIN checks (failures, lock, grant) these are.';

comment on column public.member_pins.failures is 'Wrong PINs in a row; the fifth locks PIN actions for 15 minutes.';

comment on column public.member_pins.locked_until is 'PIN actions are refused for this member until then.';

comment on column public.member_pins.valid_until is 'A right PIN lets this member''s PIN actions through until then (a few minutes).';

comment on column public.member_pins.last_update_id is 'The Telegram update of the last check, so a redelivered check is not counted twice.';

comment on column public.member_pins.last_result is 'What the last check answered (ok, tries left, lockout); never the PIN.';

grant select,insert,delete,update on table public.member_pins to service_role;

-- ================================================================================================
-- Table pin_resets
-- ================================================================================================

create table public.pin_resets (
    shop_id bigint not null,
    requested_by bigint not null,
    requested_at timestamp with time zone default now() not null,
    update_id bigint
);

alter table only public.pin_resets
    add constraint pin_resets_pkey primary key (shop_id);

alter table only public.pin_resets
    add constraint pin_resets_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

alter table only public.pin_resets
    add constraint pin_resets_shop_id_requested_by_fkey foreign key (shop_id, requested_by) references public.members(shop_id, telegram_user_id);

alter table public.pin_resets enable row level security;

create policy "The bot's service role manages pending PIN resets" on public.pin_resets to service_role using (true) with check (true);

comment on table public.pin_resets is 'A pending /resetpin per shop: the shop PIN is removed 24 hours after requested_at unless an owner cancels it (the row is then deleted).';

comment on column public.pin_resets.shop_id is 'The shop whose PIN is to be removed (one pending reset per shop).';

comment on column public.pin_resets.requested_by is 'The owner who asked for the reset.';

comment on column public.pin_resets.requested_at is 'When the reset was asked for; it takes effect 24 hours later.';

comment on column public.pin_resets.update_id is 'The Telegram update that asked for it.';

grant select,insert,delete,update on table public.pin_resets to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.pin_grant_interval() returns interval
    language sql immutable
    set search_path to ''
    as $$ select interval '5 minutes' $$;

comment on function private.pin_grant_interval() is 'How long a right PIN stays valid for its member: 5 minutes.';
revoke execute on function private.pin_grant_interval() from public, anon, authenticated;

create function private.pin_lock_interval() returns interval
    language sql immutable
    set search_path to ''
    as $$ select interval '15 minutes' $$;

comment on function private.pin_lock_interval() is 'How long PIN actions stay locked after too many wrong PINs: 15 minutes.';
revoke execute on function private.pin_lock_interval() from public, anon, authenticated;

create function private.pin_max_failures() returns integer
    language sql immutable
    set search_path to ''
    as $$ select 5 $$;

comment on function private.pin_max_failures() is 'Wrong PINs in a row that lock PIN actions: 5.';
revoke execute on function private.pin_max_failures() from public, anon, authenticated;

create function private.pin_reset_delay() returns interval
    language sql immutable
    set search_path to ''
    as $$ select interval '24 hours' $$;

comment on function private.pin_reset_delay() is 'How long after /resetpin the shop PIN is removed.';
revoke execute on function private.pin_reset_delay() from public, anon, authenticated;

create function private.apply_due_pin_reset(p_shop_id bigint) returns boolean
    language plpgsql
    set search_path to ''
    as $$
declare
  v_reset public.pin_resets;
begin
  delete from public.pin_resets as r
   where r.shop_id = p_shop_id and r.requested_at <= now() - private.pin_reset_delay()
  returning * into v_reset;
  if not found then
    return false;
  end if;
  update public.shops set pin_hash = null, pin_set_at = null where id = p_shop_id;
  update public.member_pins set valid_until = null, failures = 0, locked_until = null
   where shop_id = p_shop_id;
  insert into public.actions (shop_id, action, actor_id, action_info)
    values (p_shop_id, 'pin_reset_applied', v_reset.requested_by,
            jsonb_build_object('requested_at', v_reset.requested_at));
  return true;
end;
$$;

comment on function private.apply_due_pin_reset(p_shop_id bigint) is 'Removes the shop PIN when its /resetpin is 24 hours old (ends grants and lockouts, logs pin_reset_applied); true when it did.';
revoke execute on function private.apply_due_pin_reset(bigint) from public, anon, authenticated;

create function private.pin_reset_due_at(p_shop_id bigint) returns timestamp with time zone
    language sql stable
    set search_path to ''
    as $$
  select r.requested_at + private.pin_reset_delay() from public.pin_resets as r where r.shop_id = p_shop_id
$$;

comment on function private.pin_reset_due_at(p_shop_id bigint) is 'When the shop''s pending PIN reset takes effect (null: none pending).';
revoke execute on function private.pin_reset_due_at(bigint) from public, anon, authenticated;

create function private.require_pin(v private.acting_member) returns void
    language plpgsql
    set search_path to ''
    as $$
declare
  v_state public.member_pins;
begin
  perform private.apply_due_pin_reset(v.shop_id);
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

comment on function private.require_pin(v private.acting_member) is 'Fails with pin_required (no recent right PIN) or pin_locked, unless the shop has no PIN (a due /resetpin is applied first).';
revoke execute on function private.require_pin(private.acting_member) from public, anon, authenticated;

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

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.cancel_pin_reset(p_actor bigint, p_update_id bigint) returns jsonb
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
revoke execute on function public.cancel_pin_reset(bigint, bigint) from public, anon, authenticated;
grant execute on function public.cancel_pin_reset(bigint, bigint) to service_role;

create function public.pin_gate(p_actor bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_pin_set boolean;
  v_state public.member_pins;
  v_remind boolean := false;
begin
  v := private.acting_member(p_actor);
  perform private.apply_due_pin_reset(v.shop_id);
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
    'remind', v_remind)
    -- Only while a reset is pending: when it takes effect.
    || case when private.pin_reset_due_at(v.shop_id) is not null
            then jsonb_build_object('reset_due_at', private.pin_reset_due_at(v.shop_id))
            else '{}'::jsonb end;
end;
$$;

comment on function public.pin_gate(p_actor bigint) is 'Before a PIN action: whether the shop has a PIN (a due /resetpin applied first), until when the member''s last right PIN lets them through, any lockout, when a pending reset takes effect, and (once, for an owner while no PIN is set) remind = true.';
revoke execute on function public.pin_gate(bigint) from public, anon, authenticated;
grant execute on function public.pin_gate(bigint) to service_role;

create function public.request_pin_reset(p_actor bigint, p_update_id bigint) returns jsonb
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
revoke execute on function public.request_pin_reset(bigint, bigint) from public, anon, authenticated;
grant execute on function public.request_pin_reset(bigint, bigint) to service_role;

create function public.set_pin(p_actor bigint, p_update_id bigint, p_pin text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $_$
declare
  v_prior jsonb;
  v private.acting_member;
  v_replaced boolean;
  v_dropped_reset boolean;
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
  perform private.apply_due_pin_reset(v.shop_id);
  select s.pin_hash is not null into v_replaced from public.shops as s where s.id = v.shop_id for update;
  if v_replaced then
    perform private.require_pin(v);  -- changing the PIN needs the current one
  end if;

  update public.shops
     set pin_hash = extensions.crypt(p_pin, extensions.gen_salt('bf')), pin_set_at = now()
   where id = v.shop_id;
  -- A new PIN replaces the one a pending reset was about: the reset has nothing left to do.
  delete from public.pin_resets where shop_id = v.shop_id;
  v_dropped_reset := found;
  -- Grants given for the old PIN end; the owner who just typed the new one holds one.
  update public.member_pins set valid_until = null where shop_id = v.shop_id;
  insert into public.member_pins (shop_id, telegram_user_id, valid_until)
    values (v.shop_id, v.user_id, v_valid_until)
    on conflict (shop_id, telegram_user_id)
    do update set valid_until = excluded.valid_until, failures = 0, locked_until = null;
  insert into public.actions (shop_id, action, actor_id, action_info, update_id)
    values (v.shop_id, 'pin_set', p_actor,
            jsonb_build_object('replaced', v_replaced)
              || case when v_dropped_reset then '{"dropped_reset": true}'::jsonb else '{}'::jsonb end,
            p_update_id);

  return private.finish_update(p_update_id, jsonb_build_object(
    'replaced', v_replaced, 'valid_until', v_valid_until, 'shop', private.shop_json(v)));
end;
$_$;

comment on function public.set_pin(p_actor bigint, p_update_id bigint, p_pin text) is 'Owner: sets the shop PIN (4–8 digits), stored only as a bcrypt hash; changing it needs the current PIN. Ends every member''s PIN grant and drops a pending /resetpin.';
revoke execute on function public.set_pin(bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.set_pin(bigint, bigint, text) to service_role;

create function public.verify_pin(p_actor bigint, p_update_id bigint, p_pin text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $_$
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
  perform private.apply_due_pin_reset(v.shop_id);
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
$_$;

comment on function public.verify_pin(p_actor bigint, p_update_id bigint, p_pin text) is 'Checks the shop PIN for a member (a due /resetpin applied first): right → PIN actions allowed for 5 minutes; wrong → one try fewer, the fifth locks PIN actions for 15 minutes. Returns ok, attempts_left, locked_until, valid_until; a redelivered update gets the same answer.';
revoke execute on function public.verify_pin(bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.verify_pin(bigint, bigint, text) to service_role;
