-- PayTrack declarative schema: settings.
-- Settings: the shop settings (/settings) and a member's own language (/language).
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
           when 'credit_days' then s.credit_days::text
           when 'credit_limit' then s.credit_limit::text
           when 'credit_limit_mode' then s.credit_limit_mode
           when 'reminders_auto' then s.reminders_auto::text
           when 'remind_before_days' then s.remind_before_days::text
           when 'remind_every_days' then s.remind_every_days::text
           when 'quiet_hours' then to_char(s.quiet_from, 'HH24:MI') || '-' || to_char(s.quiet_until, 'HH24:MI')
           when 'digest' then s.digest::text
           when 'backup' then s.backup
         end
    from public.shops as s where s.id = p_shop
$$;

comment on function private.shop_setting(p_shop bigint, p_setting text) is 'The current value of one shop setting as text (archive_when_settled, name, timezone, language, digits, currency, credit_days, credit_limit, credit_limit_mode, reminders_auto, remind_before_days, remind_every_days, quiet_hours as HH:MM-HH:MM, digest, backup); null: none.';
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
  elsif p_setting = 'credit_days' then
    update public.shops set credit_days = p_value::smallint where id = p_shop;
  elsif p_setting = 'credit_limit' then
    update public.shops set credit_limit = p_value::bigint where id = p_shop;
  elsif p_setting = 'credit_limit_mode' then
    update public.shops set credit_limit_mode = p_value where id = p_shop;
  elsif p_setting = 'reminders_auto' then
    update public.shops set reminders_auto = p_value::boolean where id = p_shop;
  elsif p_setting = 'remind_before_days' then
    update public.shops set remind_before_days = p_value::smallint where id = p_shop;
  elsif p_setting = 'remind_every_days' then
    update public.shops set remind_every_days = p_value::smallint where id = p_shop;
  elsif p_setting = 'quiet_hours' then
    update public.shops set quiet_from = split_part(p_value, '-', 1)::time, quiet_until = split_part(p_value, '-', 2)::time
     where id = p_shop;
  elsif p_setting = 'digest' then
    update public.shops set digest = p_value::boolean where id = p_shop;
  elsif p_setting = 'backup' then
    update public.shops set backup = p_value where id = p_shop;
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
    when 'credit_days' then
      v_value := case when lower(btrim(p_value)) in ('none', 'off', '') then null else btrim(p_value) end;
      if v_value is not null and (v_value !~ '^[0-9]{1,3}$' or v_value::integer > 365) then
        perform private.fail('rejected', 'Credit terms are 0 to 365 days, or none.');
      end if;
      v_value := v_value::integer::text;
    when 'credit_limit' then
      v_value := case when lower(btrim(p_value)) in ('none', 'off', '') then null else btrim(p_value) end;
      if v_value is not null and (v_value !~ '^[0-9]{1,13}$' or v_value::bigint <= 0 or v_value::bigint > 1000000000000) then
        perform private.fail('rejected', 'A credit limit is an amount more than zero, or none.');
      end if;
      v_value := v_value::bigint::text;
    when 'credit_limit_mode' then
      v_value := lower(btrim(p_value));
      if v_value is null or v_value not in ('warn', 'block') then
        perform private.fail('rejected', 'A credit limit either warns or blocks.');
      end if;
    when 'reminders_auto', 'digest' then
      v_value := case when lower(btrim(p_value)) in ('true', 'on', 'yes', '1') then 'true'
                      when lower(btrim(p_value)) in ('false', 'off', 'no', '0') then 'false' end;
      if v_value is null then
        perform private.fail('rejected', 'This setting is on or off.');
      end if;
    when 'remind_before_days' then
      v_value := btrim(p_value);
      if v_value is null or v_value !~ '^[0-9]{1,2}$' or v_value::integer > 30 then
        perform private.fail('rejected', 'Reminders go 0 to 30 days before the due date.');
      end if;
      v_value := v_value::integer::text;
    when 'remind_every_days' then
      v_value := btrim(p_value);
      if v_value is null or v_value !~ '^[0-9]{1,2}$' or v_value::integer not between 1 and 90 then
        perform private.fail('rejected', 'Overdue reminders repeat every 1 to 90 days.');
      end if;
      v_value := v_value::integer::text;
    when 'backup' then
      -- The automatic backup: off, daily or weekly (private.queue_backups sends it).
      v_value := lower(btrim(p_value));
      if v_value is null or v_value not in ('off', 'daily', 'weekly') then
        perform private.fail('rejected', 'A backup is off, daily or weekly.');
      end if;
    when 'quiet_hours' then
      v_value := case when lower(btrim(p_value)) in ('none', 'off', '') then null
                      else regexp_replace(btrim(p_value), '\s*[-–]\s*', '-') end;
      if v_value is not null then
        if v_value !~ '^([01]?[0-9]|2[0-3]):[0-5][0-9]-([01]?[0-9]|2[0-3]):[0-5][0-9]$' then
          perform private.fail('rejected', 'Quiet hours are like 21:00-09:00, or none.');
        end if;
        v_value := to_char(split_part(v_value, '-', 1)::time, 'HH24:MI') || '-' || to_char(split_part(v_value, '-', 2)::time, 'HH24:MI');
        if split_part(v_value, '-', 1) = split_part(v_value, '-', 2) then
          perform private.fail('rejected', 'Quiet hours start and end at different times.');
        end if;
      end if;
    else
      perform private.fail('rejected', 'A setting is name, timezone, language, digits, currency, credit_days, credit_limit, credit_limit_mode, reminders_auto, remind_before_days, remind_every_days, quiet_hours, digest or backup.');
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

comment on function public.set_shop_setting(p_actor bigint, p_update_id bigint, p_setting text, p_value text) is 'Owner: changes the shop''s name, timezone (an IANA name), default language (en, ar), digit style (latn, arab), currency (only while the shop has no transactions: shop_has_transactions), credit terms (credit_days: 0-365 or none), credit limit (credit_limit in minor units or none; credit_limit_mode warn or block), automatic reminders (reminders_auto on/off, remind_before_days 0-30, remind_every_days 1-90, quiet_hours HH:MM-HH:MM or none), the owners'' daily digest (digest on/off) or the automatic backup (backup off, daily or weekly). Logged as setting_changed and undoable.';
revoke execute on function public.set_shop_setting(bigint, bigint, text, text) from public, anon, authenticated;
grant execute on function public.set_shop_setting(bigint, bigint, text, text) to service_role;

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
    'currency_locked', private.shop_has_money(v.shop_id),
    'credit_days', v_shop.credit_days,
    'credit_limit', v_shop.credit_limit,
    'credit_limit_mode', v_shop.credit_limit_mode,
    'reminders_auto', v_shop.reminders_auto,
    'remind_before_days', v_shop.remind_before_days,
    'remind_every_days', v_shop.remind_every_days,
    'quiet_hours', private.shop_setting(v.shop_id, 'quiet_hours'),
    'digest', v_shop.digest,
    'backup', v_shop.backup,
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.shop_settings(p_actor bigint) is 'The shop''s settings: archive_when_settled, whether a PIN is set (a due /resetpin applied first) and when a pending reset takes effect, whether the currency is locked (the shop has transactions), the credit terms and limit, the automatic reminder settings, the digest and the automatic backup (off, daily, weekly), and the shop (name, currency, language, digits, timezone).';
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
  select case
           when private.shop_setting(a.shop_id, coalesce(a.action_info->>'setting', 'archive_when_settled'))
                is distinct from a.action_info->>'new' then 'changed_since'
           when a.action_info->>'setting' = 'currency' and private.shop_has_money(a.shop_id) then 'shop_has_transactions'
         end
$$;

comment on function private.undo_blocker_setting_changed(a public.actions) is 'changed_since when the setting has changed again since; shop_has_transactions for a currency once the shop has transactions; else null.';
revoke execute on function private.undo_blocker_setting_changed(public.actions) from public, anon, authenticated;

create function private.undo_setting_changed(a public.actions) returns public.customers
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
revoke execute on function private.undo_setting_changed(public.actions) from public, anon, authenticated;
