-- PayTrack declarative schema: connect.
-- Linking a customer's Telegram account (with consent) and customer self-service.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ============================================================================
-- Table customer_link_codes: the one-time links a member makes with /connect
-- ============================================================================

create table public.customer_link_codes (
  id bigint generated always as identity primary key,
  shop_id bigint not null references public.shops (id) on delete cascade,
  customer_id bigint not null references public.customers (id) on delete cascade,
  code_hash bytea not null unique,
  created_by bigint not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  opened_by bigint,
  used_at timestamptz,
  used_by bigint,
  constraint customer_link_code_hash_is_sha256 check (octet_length(code_hash) = 32),
  constraint customer_link_code_used_together check ((used_at is null) = (used_by is null))
);
comment on table public.customer_link_codes is
  'One-time links a member made with /connect for a customer (t.me/<bot>?start=c_<code>). Whoever opens one within 7 days and says Yes becomes that customer''s linked Telegram account. Only the code''s SHA-256 is stored.';
comment on column public.customer_link_codes.id is 'The link (its Yes/No buttons carry this id; only the Telegram account that opened the code may answer them).';
comment on column public.customer_link_codes.shop_id is 'The shop whose customer the link is for.';
comment on column public.customer_link_codes.customer_id is 'The customer the Telegram account will be linked to.';
comment on column public.customer_link_codes.code_hash is 'SHA-256 of the code in the link (private.invite_code_hash). The code itself is never stored.';
comment on column public.customer_link_codes.created_by is 'Telegram user id of the member who made the link.';
comment on column public.customer_link_codes.created_at is 'When the member made the link.';
comment on column public.customer_link_codes.expires_at is 'The link works until then (7 days after it was made).';
comment on column public.customer_link_codes.opened_by is 'Telegram user id of the last person who opened the link; only they can answer its Yes/No question.';
comment on column public.customer_link_codes.used_at is 'When the customer said Yes; a used link never works again.';
comment on column public.customer_link_codes.used_by is 'Telegram user id of the customer who said Yes.';

create index customer_link_codes_customer_id on public.customer_link_codes (customer_id);
create index customer_link_codes_shop_id on public.customer_link_codes (shop_id);

alter table public.customer_link_codes enable row level security;
create policy "The bot's service role manages customer link codes" on public.customer_link_codes
  for all to service_role using (true) with check (true);
revoke all on table public.customer_link_codes from public, anon, authenticated;
grant select, insert, update, delete on table public.customer_link_codes to service_role;

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values
  ('customer_link_created', 'A member made a one-time link (and QR code) for a customer to link their Telegram account (/connect).', false, false, null),
  ('customer_linked', 'A customer linked their Telegram account to their account in the shop (they said Yes to a /connect link).', false, false, null),
  ('customer_link_ended', 'A customer''s Telegram account was unlinked (the customer''s /disconnect or an owner''s Unlink). Not undoable: make a new /connect link.', false, false, null);

-- ============================================================================
-- Helpers
-- ============================================================================

create function private.customer_shop_json(p_shop_id bigint) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select jsonb_build_object('id', s.id, 'name', s.name, 'currency', s.currency, 'minor_unit', c.minor_unit,
                            'language', s.language, 'digits', s.digits, 'timezone', s.timezone)
    from public.shops as s
    join public.currencies as c on c.code = s.currency
   where s.id = p_shop_id
$$;
comment on function private.customer_shop_json(p_shop_id bigint) is 'A shop as a customer sees it (the same shape as private.shop_json): id, name, currency, minor_unit, language, digits, timezone.';
revoke execute on function private.customer_shop_json(bigint) from public, anon, authenticated;

create function private.customer_account_json(a public.customer_accounts, p_entries integer) returns jsonb
    language plpgsql stable
    set search_path to ''
    as $$
begin
  return (
    select jsonb_build_object(
      'account_id', a.id, 'language', a.language, 'linked_at', a.linked_at,
      'shop', private.customer_shop_json(a.shop_id),
      'customer', jsonb_build_object('id', c.id, 'full_name', c.full_name, 'balance', c.balance),
      'dues', private.customer_dues(c.id, private.shop_today(a.shop_id)),
      'reminders', a.reminders,
      'entries', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'kind', t.kind, 'amount', t.amount,
                                                               'description', t.description, 'created_at', t.created_at,
                                                               'balance_after', t.balance_after)
                                            order by t.created_at desc, t.id desc)
                             from (select * from public.transactions as x
                                    where x.customer_id = a.customer_id and x.voided_at is null
                                    order by x.created_at desc, x.id desc
                                    limit greatest(p_entries, 0)) as t), '[]'::jsonb))
      from public.customers as c
     where c.id = a.customer_id
  );
end;
$$;
comment on function private.customer_account_json(a public.customer_accounts, p_entries integer) is 'A linked account as its customer sees it: the shop, their name and balance, their dues by due date today in the shop''s zone (private.customer_dues), whether reminders are on, and their p_entries latest entries (undone ones left out).';
revoke execute on function private.customer_account_json(public.customer_accounts, integer) from public, anon, authenticated;

create function private.end_customer_account(a public.customer_accounts, p_by bigint, p_update_id bigint, p_by_customer boolean) returns void
    language plpgsql
    set search_path to ''
    as $$
declare
  v_actor bigint := p_by;
begin
  update public.customer_accounts set ended_at = now(), ended_by = p_by where id = a.id;
  if p_by_customer then
    -- The action log's actor is a member: for the customer's own /disconnect, the member who
    -- made the link they had accepted (info.by_customer says who ended it).
    select l.created_by into v_actor from public.customer_link_codes as l
     where l.customer_id = a.customer_id and l.used_by = a.telegram_user_id
     order by l.used_at desc, l.id desc limit 1;
  end if;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (a.shop_id, 'customer_link_ended', v_actor, a.customer_id,
            jsonb_build_object('account_id', a.id, 'by_customer', p_by_customer,
                               'telegram_user_id', a.telegram_user_id),
            p_update_id);
end;
$$;
comment on function private.end_customer_account(a public.customer_accounts, p_by bigint, p_update_id bigint, p_by_customer boolean) is 'Ends a live link (ended_at, ended_by) and logs customer_link_ended (actor: the member, or for the customer''s own /disconnect the member who made their link; info.by_customer).';
revoke execute on function private.end_customer_account(public.customer_accounts, bigint, bigint, boolean) from public, anon, authenticated;

-- ============================================================================
-- RPCs (service_role only)
-- ============================================================================

create function public.create_customer_link(p_actor bigint, p_update_id bigint, p_customer_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_code text := private.new_invite_code();
  v_customer public.customers;
  v_link public.customer_link_codes;
begin
  v_prior := private.begin_update(p_update_id, 'create_customer_link', p_actor);
  if v_prior is not null then
    -- The code is not stored: a redelivered /connect gets a fresh code for the same link.
    v := private.acting_member(p_actor);
    update public.customer_link_codes set code_hash = private.invite_code_hash(v_code)
     where id = (v_prior #>> '{link,id}')::bigint and shop_id = v.shop_id and used_at is null and expires_at > now();
    return v_prior || case when found then jsonb_build_object('code', v_code) else '{}'::jsonb end;
  end if;
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers
   where id = p_customer_id and shop_id = v.shop_id and archived_at is null;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if exists (select 1 from public.customer_accounts where customer_id = v_customer.id and ended_at is null) then
    perform private.fail('customer_already_linked', 'This customer''s account is already linked to a Telegram account.');
  end if;
  insert into public.customer_link_codes (shop_id, customer_id, code_hash, created_by, expires_at)
    values (v.shop_id, v_customer.id, private.invite_code_hash(v_code), p_actor, now() + interval '7 days')
    returning * into v_link;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_link_created', p_actor, v_customer.id,
            jsonb_build_object('link_id', v_link.id, 'expires_at', v_link.expires_at), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'link', jsonb_build_object('id', v_link.id, 'expires_at', v_link.expires_at),
    'customer', private.customer_json(v_customer), 'shop', private.shop_json(v)))
    || jsonb_build_object('code', v_code);
end;
$$;
comment on function public.create_customer_link(p_actor bigint, p_update_id bigint, p_customer_id bigint) is '/connect (member): a one-time code for t.me/<bot>?start=c_<code> that lets the customer link their Telegram account, valid 7 days; only its hash is stored (logged: customer_link_created). Refuses customer_not_found, customer_already_linked.';
revoke execute on function public.create_customer_link(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.create_customer_link(bigint, bigint, bigint) to service_role;

create function public.open_customer_link(p_actor bigint, p_code text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_link public.customer_link_codes;
  v_customer public.customers;
begin
  if p_code is null or p_code !~ '^[A-Za-z0-9_-]{1,64}$' then
    perform private.fail('customer_link_invalid', 'That link does not exist.');
  end if;
  select * into v_link from public.customer_link_codes where code_hash = private.invite_code_hash(p_code) for update;
  if not found then
    perform private.fail('customer_link_invalid', 'That link does not exist.');
  end if;
  if v_link.used_at is not null then
    perform private.fail('customer_link_used', 'That link was already used.');
  end if;
  if v_link.expires_at <= now() then
    perform private.fail('customer_link_expired', 'That link has expired.');
  end if;
  select * into v_customer from public.customers where id = v_link.customer_id and archived_at is null;
  if not found then
    perform private.fail('customer_link_invalid', 'That link no longer works.');
  end if;
  update public.customer_link_codes set opened_by = p_actor where id = v_link.id;
  return jsonb_build_object(
    'link', jsonb_build_object('id', v_link.id, 'expires_at', v_link.expires_at),
    'customer', jsonb_build_object('id', v_customer.id, 'full_name', v_customer.full_name),
    'shop', private.customer_shop_json(v_link.shop_id));
end;
$$;
comment on function public.open_customer_link(p_actor bigint, p_code text) is '/start c_<code>: the shop and customer a valid link is for, to ask the person who opened it (who alone may then answer: opened_by). Refuses customer_link_invalid, customer_link_used, customer_link_expired, naming nothing.';
revoke execute on function public.open_customer_link(bigint, text) from public, anon, authenticated;
grant execute on function public.open_customer_link(bigint, text) to service_role;

create function public.accept_customer_link(p_actor bigint, p_update_id bigint, p_link_id bigint, p_language text default null::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v_link public.customer_link_codes;
  v_customer public.customers;
  v_account public.customer_accounts;
begin
  v_prior := private.begin_update(p_update_id, 'accept_customer_link', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  select * into v_link from public.customer_link_codes where id = p_link_id for update;
  -- Only the person who opened the link may answer it: forged data for another link is refused.
  if not found or v_link.opened_by is distinct from p_actor then
    perform private.fail('customer_link_invalid', 'That link does not exist.');
  end if;
  if v_link.used_at is not null then
    perform private.fail('customer_link_used', 'That link was already used.');
  end if;
  if v_link.expires_at <= now() then
    perform private.fail('customer_link_expired', 'That link has expired.');
  end if;
  select * into v_customer from public.customers where id = v_link.customer_id and archived_at is null for update;
  if not found then
    perform private.fail('customer_link_invalid', 'That link no longer works.');
  end if;
  if exists (select 1 from public.customer_accounts where customer_id = v_customer.id and ended_at is null) then
    perform private.fail('customer_already_linked', 'This customer''s account is already linked to a Telegram account.');
  end if;
  insert into public.customer_accounts (shop_id, customer_id, telegram_user_id, language)
    values (v_link.shop_id, v_customer.id, p_actor, private.known_language(p_language))
    returning * into v_account;
  update public.customer_link_codes set used_at = now(), used_by = p_actor where id = v_link.id;
  -- The action log's actor is a member: the one who made the link the customer accepted.
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v_link.shop_id, 'customer_linked', v_link.created_by, v_customer.id,
            jsonb_build_object('account_id', v_account.id, 'link_id', v_link.id, 'telegram_user_id', p_actor),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'account', private.customer_account_json(v_account, 0),
    'owners', private.owner_recipients(v_link.shop_id)));
end;
$$;
comment on function public.accept_customer_link(p_actor bigint, p_update_id bigint, p_link_id bigint, p_language text) is 'Yes on a /connect link: links the Telegram account that opened it to the customer (one live link per customer), logged customer_linked; returns the account and the owners to tell. Refuses customer_link_invalid (not opened by p_actor), customer_link_used, customer_link_expired, customer_already_linked.';
revoke execute on function public.accept_customer_link(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.accept_customer_link(bigint, bigint, bigint, text) to service_role;

create function public.disconnect_customer_account(p_actor bigint, p_update_id bigint, p_account_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v_account public.customer_accounts;
begin
  v_prior := private.begin_update(p_update_id, 'disconnect_customer_account', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  select * into v_account from public.customer_accounts
   where id = p_account_id and telegram_user_id = p_actor and ended_at is null for update;
  if not found then
    perform private.fail('customer_account_not_found', 'No such linked account.');
  end if;
  perform private.end_customer_account(v_account, p_actor, p_update_id, true);
  return private.finish_update(p_update_id, jsonb_build_object(
    'account', private.customer_account_json(v_account, 0),
    'owners', private.owner_recipients(v_account.shop_id)));
end;
$$;
comment on function public.disconnect_customer_account(p_actor bigint, p_update_id bigint, p_account_id bigint) is '/disconnect (the linked customer): ends their own link p_account_id, logged customer_link_ended. Refuses customer_account_not_found for any account that is not theirs and live.';
revoke execute on function public.disconnect_customer_account(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.disconnect_customer_account(bigint, bigint, bigint) to service_role;

create function public.unlink_customer_account(p_actor bigint, p_update_id bigint, p_customer_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_account public.customer_accounts;
begin
  v_prior := private.begin_update(p_update_id, 'unlink_customer_account', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  select * into v_account from public.customer_accounts
   where customer_id = p_customer_id and shop_id = v.shop_id and ended_at is null for update;
  if not found then
    perform private.fail('customer_account_not_found', 'This customer has no linked Telegram account.');
  end if;
  perform private.end_customer_account(v_account, p_actor, p_update_id, false);
  return private.finish_update(p_update_id, jsonb_build_object(
    'account', private.customer_account_json(v_account, 0), 'shop', private.shop_json(v)));
end;
$$;
comment on function public.unlink_customer_account(p_actor bigint, p_update_id bigint, p_customer_id bigint) is 'Owner: ends the live link of a customer of their shop (the Unlink button on /summary), logged customer_link_ended. Refuses owner_only, customer_account_not_found.';
revoke execute on function public.unlink_customer_account(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.unlink_customer_account(bigint, bigint, bigint) to service_role;

create function public.customer_home(p_actor bigint, p_entries integer default 3) returns jsonb
    language sql stable security definer
    set search_path to ''
    as $$
  select jsonb_build_object(
    'member', exists (select 1 from public.members as m
                       where m.telegram_user_id = p_actor and m.removed_at is null),
    'accounts', coalesce((select jsonb_agg(private.customer_account_json(a, least(greatest(p_entries, 0), 10))
                                           order by a.linked_at, a.id)
                            from public.customer_accounts as a
                           where a.telegram_user_id = p_actor and a.ended_at is null), '[]'::jsonb))
$$;
comment on function public.customer_home(p_actor bigint, p_entries integer) is '/balance: every live linked account of this Telegram user (their own only: shop, name, balance, latest entries), and whether they are a member of a shop.';
revoke execute on function public.customer_home(bigint, integer) from public, anon, authenticated;
grant execute on function public.customer_home(bigint, integer) to service_role;

create function public.customer_statement(p_actor bigint, p_account_id bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v_account public.customer_accounts;
begin
  select * into v_account from public.customer_accounts
   where id = p_account_id and telegram_user_id = p_actor and ended_at is null;
  if not found then
    perform private.fail('customer_account_not_found', 'No such linked account.');
  end if;
  return private.customer_account_json(v_account, 30);
end;
$$;
comment on function public.customer_statement(p_actor bigint, p_account_id bigint) is '/statement: one of the user''s own live linked accounts with its 30 latest entries. Refuses customer_account_not_found for any other account.';
revoke execute on function public.customer_statement(bigint, bigint) from public, anon, authenticated;
grant execute on function public.customer_statement(bigint, bigint) to service_role;
