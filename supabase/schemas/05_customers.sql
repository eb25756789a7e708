-- PayTrack declarative schema: customers.
-- Customers: the customers table and its triggers, look-alike names, add/archive/rename/nickname
-- and the summary (text cleaning is in 00_core.sql, the badges in 10_recording.sql).
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Table customers
-- ================================================================================================

create table public.customers (
    id bigint not null,
    shop_id bigint not null,
    full_name text not null,
    nicknames text[] default '{}'::text[] not null,
    phone text,
    phone_digits text,
    tags text[] default '{}'::text[] not null,
    balance bigint default 0 not null,
    search_text text default ''::text not null,
    created_by bigint not null,
    created_at timestamp with time zone default now() not null,
    archived_at timestamp with time zone,
    link_group bigint,
    merged_into bigint,
    other_phones text[] default '{}'::text[] not null,
    search_words text[] default '{}'::text[] not null,
    search_phones text default ''::text not null,
    credit_days smallint constraint customer_credit_days_range check (credit_days between 0 and 365),
    credit_limit bigint constraint customer_credit_limit_positive check (credit_limit > 0 and credit_limit <= 1000000000000),
    constraint balance_in_range check (((balance >= '-1000000000000000'::bigint) and (balance <= '1000000000000000'::bigint))),
    constraint customer_name_length check (((char_length(btrim(full_name)) >= 1) and (char_length(btrim(full_name)) <= 120))),
    constraint not_merged_into_itself check ((merged_into is distinct from id)),
    constraint phone_digits_only check (((phone_digits is null) or (phone_digits ~ '^[0-9]{3,20}$'::text))),
    constraint phone_length check (((phone is null) or (char_length(phone) <= 40)))
);

alter table public.customers alter column id add generated always as identity (
    sequence name public.customers_id_seq
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1
);

alter table only public.customers
    add constraint customers_pkey primary key (id);

alter table only public.customers
    add constraint customers_shop_id_id_key unique (shop_id, id);

alter table only public.customers
    add constraint customers_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

alter table only public.customers
    add constraint merged_into_same_shop foreign key (shop_id, merged_into) references public.customers(shop_id, id);

create index customers_by_link_group on public.customers using btree (shop_id, link_group) where (link_group is not null);

create index customers_by_merged_into on public.customers using btree (shop_id, merged_into) where (merged_into is not null);

create index customers_by_look_alike_name on public.customers using btree (shop_id, private.look_alike_key(full_name)) where (archived_at is null);

create index customers_by_phone on public.customers using btree (shop_id, phone_digits);

create index customers_by_search_text on public.customers using btree (shop_id, search_text collate "C");

create index customers_by_shop_and_balance on public.customers using btree (shop_id, balance desc, id) where (archived_at is null);

alter table public.customers enable row level security;

create policy "The bot's service role manages customers" on public.customers to service_role using (true) with check (true);

comment on table public.customers is 'People who buy on credit. balance = purchases minus payments (non-voided), in minor units; positive means they owe the shop.';

comment on column public.customers.id is 'The customer; ids are global, every lookup also checks the shop.';

comment on column public.customers.shop_id is 'The shop the customer buys from; a customer never moves between shops.';

comment on column public.customers.full_name is 'The name as typed (1 to 120 characters), shown in lists, search results and the export.';

comment on column public.customers.nicknames is 'Hidden nicknames: searchable, never shown in lists; shown only in the summary and the export.';

comment on column public.customers.phone is 'The phone number as it was typed.';

comment on column public.customers.phone_digits is 'The phone number as digits only (Arabic-Indic digits converted); used for search.';

comment on column public.customers.tags is 'Lower-case tags without the #, e.g. {vip,neighbor}.';

comment on column public.customers.balance is 'What the customer owes, in minor units of the shop currency. Negative is an advance paid to the shop.';

comment on column public.customers.search_text is 'Name and nicknames folded for fuzzy search (lower case, no accents or tashkeel, Arabic letter variants unified). Kept by a trigger.';

comment on column public.customers.created_by is 'Telegram user id of the member who added the customer.';

comment on column public.customers.created_at is 'When the customer was added (the "new this week" badge).';

comment on column public.customers.archived_at is 'Set when the customer is archived; archived customers leave lists and search.';

comment on column public.customers.link_group is 'Customers with the same number are linked (a household or a family): the summary shows them together with the group''s total.';

comment on column public.customers.merged_into is 'For a duplicate merged into another customer: the customer that kept its records.';

comment on column public.customers.other_phones is 'More phone numbers, e.g. taken over from a merged duplicate; searchable like the phone.';

comment on column public.customers.search_words is 'The distinct words of search_text (name and nicknames, folded). Kept by a trigger; indexed for search.';

comment on column public.customers.search_phones is 'The digits of every phone of the customer (main and others), each after a space. Kept by a trigger; indexed for search.';

comment on column public.customers.credit_days is 'This customer''s own credit terms in days (0 to 365); null: the shop''s.';

comment on column public.customers.credit_limit is 'This customer''s own credit limit (minor units); null: the shop''s.';

comment on index public.customers_by_look_alike_name is 'Finds a shop''s customers whose names look the same (private.look_alike_key). Rebuild it if that function changes.';

comment on index public.customers_by_search_text is 'Folded names in byte order per shop: finds the names that start with a search query.';

grant select,insert,delete,update on table public.customers to service_role;

grant usage on sequence public.customers_id_seq to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.active_customer(v private.acting_member, p_customer_id bigint) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
declare
  v_customer public.customers;
begin
  select * into v_customer from public.customers
   where id = p_customer_id and shop_id = v.shop_id
   for update;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_customer.archived_at is not null then
    perform private.fail('customer_archived', 'This customer is archived.');
  end if;
  return v_customer;
end;
$$;

comment on function private.active_customer(v private.acting_member, p_customer_id bigint) is 'A customer of the member''s shop, locked for update; fails with customer_not_found or customer_archived.';
revoke execute on function private.active_customer(private.acting_member, bigint) from public, anon, authenticated;

create function private.customer_json(c public.customers, p_with_nicknames boolean default false) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object(
    'id', c.id, 'full_name', c.full_name, 'phone', c.phone, 'tags', to_jsonb(c.tags),
    'balance', c.balance, 'created_at', c.created_at, 'archived_at', c.archived_at)
    || case when p_with_nicknames then jsonb_build_object('nicknames', to_jsonb(c.nicknames)) else '{}'::jsonb end
$$;

comment on function private.customer_json(c public.customers, p_with_nicknames boolean) is 'A customer as the RPCs return it; nicknames only when asked (never in lists or search).';
revoke execute on function private.customer_json(public.customers, boolean) from public, anon, authenticated;

create function private.customers_before_write() returns trigger
    language plpgsql
    set search_path to ''
    as $$
begin
  new.search_text := private.search_key(new.full_name || ' ' || array_to_string(new.nicknames, ' '));
  new.phone_digits := private.digits_of(new.phone);
  new.tags := private.clean_tags(new.tags);
  return new;
end;
$$;

comment on function private.customers_before_write() is 'Trigger: keeps a customer''s search_text, phone_digits and cleaned tags in step with what was typed.';
revoke execute on function private.customers_before_write() from public, anon, authenticated;

create function private.customers_clean_names() returns trigger
    language plpgsql
    set search_path to ''
    as $$
declare
  v_word text;
begin
  new.full_name := private.clean_text(new.full_name);
  new.nicknames := array(select n from (select private.clean_text(x) as n, o
                                          from unnest(coalesce(new.nicknames, '{}')) with ordinality as u(x, o)) as s
                          where n <> '' order by o);
  new.tags := array(select private.clean_text(x) from unnest(coalesce(new.tags, '{}')) as x);
  if tg_op = 'INSERT' or new.full_name is distinct from old.full_name then
    v_word := private.mixed_script_word(new.full_name);
    if v_word is not null then
      perform private.fail('name_mixed_scripts',
        format('"%s" mixes letters of different scripts (e.g. Latin and Cyrillic) in one word.', v_word));
    end if;
  end if;
  select private.mixed_script_word(n) into v_word
    from unnest(new.nicknames) as n
   where (tg_op = 'INSERT' or not (n = any(old.nicknames))) and private.mixed_script_word(n) is not null
   limit 1;
  if v_word is not null then
    perform private.fail('nickname_mixed_scripts',
      format('"%s" mixes letters of different scripts (e.g. Latin and Cyrillic) in one word.', v_word));
  end if;
  return new;
end;
$$;

comment on function private.customers_clean_names() is 'Trigger: cleans a customer''s name, nicknames and tags (private.clean_text) and refuses a new name or nickname that mixes scripts in one word (name_mixed_scripts, nickname_mixed_scripts).';
revoke execute on function private.customers_clean_names() from public, anon, authenticated;

create function private.look_alike(p_shop_id bigint, p_name text, p_except bigint default null::bigint) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select jsonb_build_object('id', c.id, 'full_name', c.full_name, 'balance', c.balance)
    from public.customers as c
   where c.shop_id = p_shop_id and c.archived_at is null and c.id is distinct from p_except
     and private.look_alike_key(c.full_name) = private.look_alike_key(p_name)
   order by c.id
   limit 1
$$;

comment on function private.look_alike(p_shop_id bigint, p_name text, p_except bigint) is 'The shop''s first active customer (not p_except) whose name looks the same as p_name, as {id, full_name, balance}, or null.';
revoke execute on function private.look_alike(bigint, text, bigint) from public, anon, authenticated;

create function private.shops_count_added_customers() returns trigger
    language plpgsql
    set search_path to ''
    as $$
begin
  update public.shops as s set active_customers = s.active_customers + d.n
    from (select shop_id, count(*) as n from added where archived_at is null group by shop_id) as d
   where s.id = d.shop_id;
  return null;
end;
$$;

comment on function private.shops_count_added_customers() is 'Statement trigger: adds inserted active customers to their shop''s active_customers.';
revoke execute on function private.shops_count_added_customers() from public, anon, authenticated;

create function private.shops_count_archived_customer() returns trigger
    language plpgsql
    set search_path to ''
    as $$
begin
  update public.shops set active_customers = active_customers + case when new.archived_at is null then 1 else -1 end
   where id = new.shop_id;
  return null;
end;
$$;

comment on function private.shops_count_archived_customer() is 'Trigger: moves a shop''s active_customers by one when a customer is archived or restored.';
revoke execute on function private.shops_count_archived_customer() from public, anon, authenticated;

create function private.shops_count_removed_customers() returns trigger
    language plpgsql
    set search_path to ''
    as $$
begin
  update public.shops as s set active_customers = s.active_customers - d.n
    from (select shop_id, count(*) as n from removed where archived_at is null group by shop_id) as d
   where s.id = d.shop_id;
  return null;
end;
$$;

comment on function private.shops_count_removed_customers() is 'Statement trigger: takes deleted active customers off their shop''s active_customers.';
revoke execute on function private.shops_count_removed_customers() from public, anon, authenticated;

create function private.top_balance(p_shop_id bigint) returns bigint
    language sql stable
    set search_path to ''
    as $$
  select max(balance) from public.customers where shop_id = p_shop_id and archived_at is null
$$;

comment on function private.top_balance(p_shop_id bigint) is 'The largest balance among the shop''s active customers (the top debtor badge).';
revoke execute on function private.top_balance(bigint) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.add_customer(p_actor bigint, p_update_id bigint, p_full_name text, p_phone text default null::text, p_nicknames text[] default '{}'::text[], p_tags text[] default '{}'::text[]) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_name text := private.clean_text(p_full_name);
  v_phone text := nullif(private.clean_text(p_phone), '');
  v_digits text := private.digits_of(p_phone);
  v_nicknames text[];
  v_same_phone jsonb;
  v_look_alike jsonb;
  v_customer public.customers;
begin
  v_prior := private.begin_update(p_update_id, 'add_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);

  if v_name = '' then
    perform private.fail('name_required', 'A customer needs a name.');
  end if;
  if char_length(v_name) > 120 then
    perform private.fail('name_too_long', 'A name can have at most 120 characters.');
  end if;
  if v_phone is not null and (v_digits is null or char_length(v_digits) not between 3 and 20 or char_length(v_phone) > 40) then
    perform private.fail('phone_invalid', 'A phone number needs 3 to 20 digits.');
  end if;
  select coalesce(array_agg(distinct n), '{}') into v_nicknames
    from (select private.clean_text(x) as n from unnest(coalesce(p_nicknames, '{}')) as x) as s
   where n <> '';
  if exists (select 1 from unnest(v_nicknames) as n where char_length(n) > 60) then
    perform private.fail('nickname_too_long', 'A nickname can have at most 60 characters.');
  end if;

  if v_digits is not null then
    select jsonb_build_object('id', c.id, 'full_name', c.full_name) into v_same_phone
      from public.customers as c
     where c.shop_id = v.shop_id and c.phone_digits = v_digits and c.archived_at is null
     order by c.id limit 1;
  end if;
  v_look_alike := private.look_alike(v.shop_id, v_name);

  insert into public.customers (shop_id, full_name, nicknames, phone, tags, created_by)
    values (v.shop_id, v_name, v_nicknames, v_phone, coalesce(p_tags, '{}'), p_actor)
    returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_added', p_actor, v_customer.id,
            jsonb_build_object('full_name', v_customer.full_name, 'phone', v_customer.phone), p_update_id);

  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer, true),
    'same_phone', v_same_phone,
    'look_alike', v_look_alike,
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.add_customer(p_actor bigint, p_update_id bigint, p_full_name text, p_phone text, p_nicknames text[], p_tags text[]) is 'Adds a customer (name, optional phone, hidden nicknames, tags; cleaned of invisible characters, a word mixing scripts refused); reports another customer with the same phone in same_phone and one whose name looks the same in look_alike.';
revoke execute on function public.add_customer(bigint, bigint, text, text, text[], text[]) from public, anon, authenticated;
grant execute on function public.add_customer(bigint, bigint, text, text, text[], text[]) to service_role;

create function public.add_nickname(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_nickname text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_nick text := private.clean_text(p_nickname);
begin
  v_prior := private.begin_update(p_update_id, 'add_nickname', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_nick = '' then
    perform private.fail('nickname_required', 'A nickname can''t be empty.');
  end if;
  if char_length(v_nick) > 60 then
    perform private.fail('nickname_too_long', 'A nickname can have at most 60 characters.');
  end if;
  if exists (select 1 from unnest(v_customer.nicknames || v_customer.full_name) as n
              where private.search_key(n) = private.search_key(v_nick)) then
    perform private.fail('nickname_exists', 'The customer already has that name or nickname.');
  end if;
  if cardinality(v_customer.nicknames) >= 20 then
    perform private.fail('too_many_nicknames', 'A customer can have at most 20 nicknames.');
  end if;
  update public.customers set nicknames = nicknames || v_nick where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'nickname_added', p_actor, v_customer.id, jsonb_build_object('nickname', v_nick), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer, true), 'nickname', v_nick, 'shop', private.shop_json(v)));
end;
$$;

comment on function public.add_nickname(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_nickname text) is 'Adds a hidden nickname to a customer (searchable, shown only in the summary and the export). Undo removes it.';
revoke execute on function public.add_nickname(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.add_nickname(bigint, bigint, bigint, text) to service_role;

create function public.archive_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
begin
  v_prior := private.begin_update(p_update_id, 'archive_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_customer.balance <> 0 then
    if v.role <> 'owner' then
      perform private.fail('owner_only', 'Only an owner can delete a customer whose balance is not zero.');
    end if;
    perform private.require_pin(v);
  end if;
  update public.customers set archived_at = now() where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_archived', p_actor, v_customer.id,
            jsonb_build_object('full_name', v_customer.full_name, 'phone', v_customer.phone,
                               'balance', v_customer.balance, 'created_at', v_customer.created_at),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.archive_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) is 'Deletes a customer by archiving them: out of lists and search, kept in history and export. A balance other than zero needs an owner and a recent right PIN. Undo restores them.';
revoke execute on function public.archive_customer(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.archive_customer(bigint, bigint, bigint) to service_role;

create function public.customer_duplicates(p_actor bigint, p_full_name text, p_phone text default null::text) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_key text := private.look_alike_key(p_full_name);
  v_digits text := private.digits_of(p_phone);
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);
  select coalesce(jsonb_agg(r.j order by r.archived, r.same_name desc, r.id), '[]') into v_rows
    from (select c.id, c.archived_at is not null as archived,
                 private.look_alike_key(c.full_name) = v_key as same_name,
                 jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                   'balance', c.balance, 'archived_at', c.archived_at,
                   'same_name', private.look_alike_key(c.full_name) = v_key,
                   'same_phone', v_digits is not null
                                 and (c.phone_digits = v_digits or (c.search_phones || ' ') like '% ' || v_digits || ' %')) as j
            from public.customers as c
           where c.shop_id = v.shop_id and c.merged_into is null
             and (private.look_alike_key(c.full_name) = v_key
                  or (v_digits is not null and char_length(v_digits) >= 3
                      and (c.phone_digits = v_digits or (c.search_phones || ' ') like '% ' || v_digits || ' %')))
           order by c.archived_at is not null, c.id
           limit 3) as r;
  return jsonb_build_object('customers', v_rows, 'shop', private.shop_json(v));
end;
$$;

comment on function public.customer_duplicates(p_actor bigint, p_full_name text, p_phone text) is 'Before adding a customer: up to 3 customers of the shop, active first, then archived (not merged ones), whose name looks the same as p_full_name or who have the phone p_phone, each with same_name and same_phone.';
revoke execute on function public.customer_duplicates(bigint, text, text) from public, anon, authenticated;
grant execute on function public.customer_duplicates(bigint, text, text) to service_role;

create function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer default 5) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_customer public.customers;
  v_totals jsonb;
  v_recent jsonb;
begin
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  select jsonb_build_object(
           'purchases', coalesce(sum(t.amount) filter (where t.kind = 'purchase'), 0),
           'payments', coalesce(sum(t.amount) filter (where t.kind = 'payment'), 0),
           'count', count(*),
           'last_purchase_at', max(t.created_at) filter (where t.kind = 'purchase'),
           'last_payment_at', max(t.created_at) filter (where t.kind = 'payment'))
    into v_totals
    from public.transactions as t
   where t.customer_id = v_customer.id and t.voided_at is null;
  select coalesce(jsonb_agg(private.transaction_json(r) order by r.created_at desc, r.id desc), '[]')
    into v_recent
    from (select * from public.transactions as t
           where t.customer_id = v_customer.id
           order by t.created_at desc, t.id desc
           limit least(greatest(coalesce(p_recent, 5), 0), 50)) as r;
  return jsonb_build_object(
    'customer', private.customer_json(v_customer, true)
                || jsonb_build_object('other_phones', to_jsonb(v_customer.other_phones),
                                      'badges', to_jsonb(private.customer_badges(v_customer, private.top_balance(v.shop_id)))),
    'totals', v_totals,
    'recent', v_recent,
    'links', private.links_json(v_customer),
    'merged_into', (select jsonb_build_object('id', s.id, 'full_name', s.full_name)
                      from public.customers as s where s.id = v_customer.merged_into),
    'telegram_linked', exists (select 1 from public.customer_accounts as a
                                where a.customer_id = v_customer.id and a.ended_at is null),
    'dues', private.customer_dues(v_customer.id, private.shop_today(v.shop_id)),
    'credit', (select jsonb_build_object(
                 'days', coalesce(v_customer.credit_days, s.credit_days),
                 'days_from', case when v_customer.credit_days is not null then 'customer'
                                   when s.credit_days is not null then 'shop' end,
                 'limit', coalesce(v_customer.credit_limit, s.credit_limit),
                 'limit_from', case when v_customer.credit_limit is not null then 'customer'
                                    when s.credit_limit is not null then 'shop' end,
                 'limit_mode', s.credit_limit_mode)
                 from public.shops as s where s.id = v.shop_id),
    'member', private.member_json(v),
    'shop', private.shop_json(v));
end;
$$;

comment on function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer) is 'A customer''s details (with hidden nicknames, other phones and badges), totals of non-voided purchases and payments, the latest transactions, their linked accounts with the group total, whom a merged duplicate went into, whether the customer''s Telegram is linked (/connect), their dues by due date today in the shop''s zone (private.customer_dues), their effective credit terms and limit with where each comes from (customer, shop or null: none) and the acting member (their role).';
revoke execute on function public.customer_summary(bigint, bigint, integer) from public, anon, authenticated;
grant execute on function public.customer_summary(bigint, bigint, integer) to service_role;

create function public.rename_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_full_name text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_old text;
  v_name text := private.clean_text(p_full_name);
begin
  v_prior := private.begin_update(p_update_id, 'rename_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_name = '' then
    perform private.fail('name_required', 'A customer needs a name.');
  end if;
  if char_length(v_name) > 120 then
    perform private.fail('name_too_long', 'A name can have at most 120 characters.');
  end if;
  if v_name = v_customer.full_name then
    perform private.fail('name_unchanged', 'That is already the customer''s name.');
  end if;
  perform private.require_pin(v);
  v_old := v_customer.full_name;
  update public.customers set full_name = v_name where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_renamed', p_actor, v_customer.id,
            jsonb_build_object('old_name', v_old, 'new_name', v_name), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'old_name', v_old,
    'look_alike', private.look_alike(v.shop_id, v_name, v_customer.id),
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.rename_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_full_name text) is 'Changes a customer''s name (needs a recent right PIN when the shop has one; cleaned, a word mixing scripts refused); look_alike names another customer whose name looks the same. Undo puts the old name back.';
revoke execute on function public.rename_customer(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.rename_customer(bigint, bigint, bigint, text) to service_role;

create function public.set_customer_phone(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_phone text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_old text;
  v_phone text := nullif(private.clean_text(p_phone), '');
  v_digits text := private.digits_of(p_phone);
  v_same_phone jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'set_customer_phone', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if v_phone is not null and (v_digits is null or char_length(v_digits) not between 3 and 20 or char_length(v_phone) > 40) then
    perform private.fail('phone_invalid', 'A phone number needs 3 to 20 digits.');
  end if;
  if v_phone is null and v_customer.phone is null then
    perform private.fail('phone_missing', 'The customer has no phone to remove.');
  end if;
  if v_phone is not distinct from v_customer.phone then
    perform private.fail('phone_unchanged', 'That is already the customer''s phone.');
  end if;
  if v_digits is not null then
    select jsonb_build_object('id', c.id, 'full_name', c.full_name) into v_same_phone
      from public.customers as c
     where c.shop_id = v.shop_id and c.phone_digits = v_digits and c.archived_at is null and c.id <> v_customer.id
     order by c.id limit 1;
  end if;
  v_old := v_customer.phone;
  update public.customers set phone = v_phone where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'phone_changed', p_actor, v_customer.id,
            jsonb_build_object('old_phone', v_old, 'new_phone', v_phone), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'old_phone', v_old,
    'same_phone', v_same_phone, 'shop', private.shop_json(v)));
end;
$$;

comment on function public.set_customer_phone(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_phone text) is 'Adds, changes or (p_phone null or empty) removes a customer''s phone (phone_invalid, phone_missing, phone_unchanged); same_phone names another active customer with that phone. Logged as phone_changed; undo puts the old phone back.';
revoke execute on function public.set_customer_phone(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.set_customer_phone(bigint, bigint, bigint, text) to service_role;

create function public.edit_customer_phones(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_op text, p_phone text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_before public.customers;
  v_phone text := nullif(private.clean_text(p_phone), '');
  v_digits text := private.digits_of(p_phone);
  v_match text;
  v_others text[];
  v_old text;
  v_new text;
  v_same_phone jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'edit_customer_phones', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  v_before := v_customer;
  if p_op not in ('add', 'remove', 'main') then
    perform private.fail('phone_invalid', 'The phone operation is add, remove or main.');
  end if;
  if v_phone is null or v_digits is null or char_length(v_digits) not between 3 and 20 or char_length(v_phone) > 40 then
    perform private.fail('phone_invalid', 'A phone number needs 3 to 20 digits.');
  end if;
  -- The customer's phone with the same digits, if any (main first).
  select p into v_match
    from unnest(array[v_customer.phone] || v_customer.other_phones) with ordinality as x(p, o)
   where p is not null and private.digits_of(p) = v_digits
   order by o limit 1;
  v_others := v_customer.other_phones;
  if p_op = 'add' then
    if v_match is not null then
      perform private.fail('phone_unchanged', 'That is already one of the customer''s phones.');
    end if;
    if v_customer.phone is null then
      update public.customers set phone = v_phone where id = v_customer.id returning * into v_customer;
    else
      update public.customers set other_phones = v_others || v_phone where id = v_customer.id returning * into v_customer;
    end if;
    v_old := null;
    v_new := v_phone;
    select jsonb_build_object('id', c.id, 'full_name', c.full_name) into v_same_phone
      from public.customers as c
     where c.shop_id = v.shop_id and c.archived_at is null and c.id <> v_customer.id
       and (c.phone_digits = v_digits or (c.search_phones || ' ') like '% ' || v_digits || ' %')
     order by c.id limit 1;
  elsif p_op = 'remove' then
    if v_match is null then
      perform private.fail('phone_not_theirs', 'That phone is not one of the customer''s phones.');
    end if;
    if v_match is not distinct from v_customer.phone then
      -- The main phone goes: the first other phone (if any) becomes the main one.
      update public.customers set phone = v_others[1], other_phones = v_others[2:]
       where id = v_customer.id returning * into v_customer;
    else
      update public.customers set other_phones = array_remove(v_others, v_match)
       where id = v_customer.id returning * into v_customer;
    end if;
    v_old := v_match;
    v_new := null;
  else
    if v_match is null then
      perform private.fail('phone_not_theirs', 'That phone is not one of the customer''s phones.');
    end if;
    if v_match is not distinct from v_customer.phone then
      perform private.fail('phone_unchanged', 'That is already the customer''s main phone.');
    end if;
    update public.customers
       set phone = v_match,
           other_phones = array_remove(v_others, v_match) || case when v_customer.phone is null then '{}'::text[] else array[v_customer.phone] end
     where id = v_customer.id returning * into v_customer;
    v_old := v_before.phone;
    v_new := v_match;
  end if;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'phone_changed', p_actor, v_customer.id,
            jsonb_build_object('op', p_op, 'old_phone', v_old, 'new_phone', v_new,
              'before', jsonb_build_object('phone', v_before.phone, 'other_phones', to_jsonb(v_before.other_phones)),
              'after', jsonb_build_object('phone', v_customer.phone, 'other_phones', to_jsonb(v_customer.other_phones))),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer) || jsonb_build_object('other_phones', to_jsonb(v_customer.other_phones)),
    'op', p_op, 'phone', coalesce(v_match, v_phone), 'old_main', v_before.phone,
    'same_phone', v_same_phone, 'shop', private.shop_json(v)));
end;
$$;

comment on function public.edit_customer_phones(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_op text, p_phone text) is 'The customer''s phones beyond the main one: p_op add (the main phone when there is none; phone_unchanged when already theirs), remove (a phone matched by its digits, the main one too, the first other phone then becoming main) or main (makes one of their other phones the main one, the old main kept as another); phone_not_theirs when the phone is not theirs. Logged as phone_changed with the phones before and after; undo puts them back.';
revoke execute on function public.edit_customer_phones(bigint, bigint, bigint, text, text) from public, anon, authenticated;
grant execute on function public.edit_customer_phones(bigint, bigint, bigint, text, text) to service_role;

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_blocker_customer_archived(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id and (c.archived_at is null or c.merged_into is not null)
$$;

comment on function private.undo_blocker_customer_archived(a public.actions) is 'changed_since when the customer was restored or merged since, else null.';
revoke execute on function private.undo_blocker_customer_archived(public.actions) from public, anon, authenticated;

create function private.undo_blocker_customer_renamed(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id and c.full_name is distinct from a.action_info->>'new_name'
$$;

comment on function private.undo_blocker_customer_renamed(a public.actions) is 'changed_since when the customer was renamed again since, else null.';
revoke execute on function private.undo_blocker_customer_renamed(public.actions) from public, anon, authenticated;

create function private.undo_blocker_phone_changed(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id
     and case when a.action_info ? 'after'
              then c.phone is distinct from a.action_info->'after'->>'phone'
                   or to_jsonb(c.other_phones) is distinct from a.action_info->'after'->'other_phones'
              else c.phone is distinct from a.action_info->>'new_phone' end
$$;

comment on function private.undo_blocker_phone_changed(a public.actions) is 'changed_since when the customer''s phones were changed again since (the main phone, and the other phones for a /phone add, remove or main), else null.';
revoke execute on function private.undo_blocker_phone_changed(public.actions) from public, anon, authenticated;

create function private.undo_customer_added(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set archived_at = coalesce(archived_at, now())
   where id = a.customer_id
  returning *
$$;

comment on function private.undo_customer_added(a public.actions) is 'Undoes adding a customer: archives them.';
revoke execute on function private.undo_customer_added(public.actions) from public, anon, authenticated;

create function private.undo_customer_archived(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set archived_at = null where id = a.customer_id returning *
$$;

comment on function private.undo_customer_archived(a public.actions) is 'Undoes deleting a customer: brings them back.';
revoke execute on function private.undo_customer_archived(public.actions) from public, anon, authenticated;

create function private.undo_customer_renamed(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set full_name = a.action_info->>'old_name' where id = a.customer_id returning *
$$;

comment on function private.undo_customer_renamed(a public.actions) is 'Undoes a rename: puts the old name back.';
revoke execute on function private.undo_customer_renamed(public.actions) from public, anon, authenticated;

create function private.undo_nickname_added(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set nicknames = array_remove(nicknames, a.action_info->>'nickname')
   where id = a.customer_id returning *
$$;

comment on function private.undo_nickname_added(a public.actions) is 'Undoes adding a nickname: removes it.';
revoke execute on function private.undo_nickname_added(public.actions) from public, anon, authenticated;

create function private.undo_phone_changed(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers
     set phone = case when a.action_info ? 'before' then a.action_info->'before'->>'phone'
                      else a.action_info->>'old_phone' end,
         other_phones = case when a.action_info ? 'before'
                             then array(select jsonb_array_elements_text(a.action_info->'before'->'other_phones'))
                             else other_phones end
   where id = a.customer_id returning *
$$;

comment on function private.undo_phone_changed(a public.actions) is 'Undoes /phone: puts the old phone back (or none), and the other phones as they were for a /phone add, remove or main.';
revoke execute on function private.undo_phone_changed(public.actions) from public, anon, authenticated;

-- ================================================================================================
-- On tables of earlier areas: foreign keys to this area's tables, and indexes on this area's functions
-- ================================================================================================

-- actions → customers: here, once customers exists.
alter table only public.actions
    add constraint actions_shop_id_customer_id_fkey foreign key (shop_id, customer_id) references public.customers(shop_id, id);

-- ================================================================================================
-- Triggers
-- ================================================================================================

create trigger customers_clean_names before insert or update of full_name, nicknames, tags on public.customers for each row execute function private.customers_clean_names();

create trigger customers_count_added after insert on public.customers referencing new table as added for each statement execute function private.shops_count_added_customers();

create trigger customers_count_archived after update of archived_at on public.customers for each row when (((old.archived_at is null) <> (new.archived_at is null))) execute function private.shops_count_archived_customer();

create trigger customers_count_removed after delete on public.customers referencing old table as removed for each statement execute function private.shops_count_removed_customers();

create trigger customers_keep_search_fields before insert or update of full_name, nicknames, phone, tags on public.customers for each row execute function private.customers_before_write();
