-- PayTrack: archived customers are not lost, and a nickname match says so.
--
-- A search also looks among the shop's archived customers (deleted, or archived when a
-- payment settled them), so the bot can say "1 archived customer matches: Layla Nasser"
-- with a Restore button; /archived lists them all. Restoring is an action of its own
-- (customer_restored, undone by archiving again). A name search can tell which of its
-- matches it found only through a hidden nickname, without returning the nickname. The
-- action log can be read for one customer (list_actions' p_customer).
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ============================================================================
-- Reference rows
-- ============================================================================

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_restored', 'An archived customer was brought back into lists and search. Undo archives them again.', true, false, null);

-- ============================================================================
-- Functions
-- ============================================================================

create function private.matching_archived(p_shop_id bigint, p_query text) returns setof public.customers
    language plpgsql stable
    set search_path to ''
    as $_$
-- The shop's archived customers (not merged duplicates: those live on in the customer they
-- were merged into) that match a search query as list_customers would match an active one:
-- a #tag, phone digits (3+), or every query word near a word of the name or a nickname
-- (through the shop's vocabulary). An empty query matches every archived customer.
declare
  v_query text := private.clean_text(left(p_query, 200));
  v_tags text[];
  v_digits text;
  v_words text[];
  v_count integer;
begin
  if v_query = '' then
    return query select c.* from public.customers as c
                  where c.shop_id = p_shop_id and c.archived_at is not null and c.merged_into is null;
    return;
  end if;
  if v_query like '#%' then
    v_tags := private.clean_tags(regexp_split_to_array(v_query, '[\s,]+'));
    if cardinality(v_tags) = 0 then
      return;
    end if;
    return query select c.* from public.customers as c
                  where c.shop_id = p_shop_id and c.archived_at is not null and c.merged_into is null
                    and c.tags @> v_tags;
    return;
  end if;
  if v_query ~ '^[\s0-9٠-٩۰-۹+()\-.]+$' and char_length(coalesce(private.digits_of(v_query), '')) >= 3 then
    v_digits := private.digits_of(v_query);
    return query select c.* from public.customers as c
                  where c.shop_id = p_shop_id and c.archived_at is not null and c.merged_into is null
                    and c.search_phones like '%' || v_digits || '%';
    return;
  end if;
  v_words := array(select distinct w from unnest(string_to_array(private.search_key(v_query), ' ')) as w
                    where w <> '' limit 6);
  v_count := cardinality(v_words);
  if v_count = 0 then
    return;
  end if;
  return query
    with near as (
      select m.n, array_agg(m.word) as words from private.vocabulary_matches(p_shop_id, v_words) as m group by m.n
    )
    select c.* from public.customers as c
     where c.shop_id = p_shop_id and c.archived_at is not null and c.merged_into is null
       and (select count(*) from near where c.search_words && near.words) = v_count;
end;
$_$;

comment on function private.matching_archived(p_shop_id bigint, p_query text) is 'The shop''s archived customers (not merged duplicates) matching a search query by #tag, phone digits or near words of the name or a nickname; every one for an empty query.';
revoke execute on function private.matching_archived(bigint, text) from public, anon, authenticated;

create function public.list_archived_customers(p_actor bigint, p_query text default null::text, p_limit integer default 10, p_offset integer default 0) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 100);
  v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 1000000);
  v_total bigint;
  v_page jsonb;
begin
  v := private.acting_member(p_actor);
  select count(*) into v_total from private.matching_archived(v.shop_id, p_query);
  select coalesce(jsonb_agg(private.customer_json(c) order by c.archived_at desc, c.id desc), '[]')
    into v_page
    from (select * from private.matching_archived(v.shop_id, p_query) as m
           order by m.archived_at desc, m.id desc limit v_limit offset v_offset) as c;
  return jsonb_build_object('query', private.clean_text(left(p_query, 200)), 'total', v_total,
                            'customers', v_page, 'shop', private.shop_json(v));
end;
$$;

comment on function public.list_archived_customers(p_actor bigint, p_query text, p_limit integer, p_offset integer) is 'The shop''s archived customers (deleted or archived when settled; not merged duplicates), latest archived first; with a query only those it matches as a search would (#tag, phone digits, name or nickname). Nicknames are never returned.';
revoke execute on function public.list_archived_customers(bigint, text, integer, integer) from public, anon, authenticated;
grant execute on function public.list_archived_customers(bigint, text, integer, integer) to service_role;

create function public.nickname_only_matches(p_actor bigint, p_query text, p_ids bigint[]) returns bigint[]
    language plpgsql stable security definer
    set search_path to ''
    as $$
-- Which of the given customers a name search found only through a hidden nickname: some
-- query word is near no word of the full name. Phone and #tag searches never go through a
-- nickname. The nicknames themselves are not returned.
declare
  v private.acting_member;
  v_query text := private.clean_text(left(p_query, 200));
  v_words text[];
  v_count integer;
begin
  v := private.acting_member(p_actor);
  if v_query = '' or v_query like '#%' or coalesce(cardinality(p_ids), 0) not between 1 and 100
     or (v_query ~ '^[\s0-9٠-٩۰-۹+()\-.]+$' and char_length(coalesce(private.digits_of(v_query), '')) >= 3) then
    return '{}'::bigint[];
  end if;
  v_words := array(select distinct w from unnest(string_to_array(private.search_key(v_query), ' ')) as w
                    where w <> '' limit 6);
  v_count := cardinality(v_words);
  if v_count = 0 then
    return '{}'::bigint[];
  end if;
  return array(
    with near as (
      select m.n, array_agg(m.word) as words from private.vocabulary_matches(v.shop_id, v_words) as m group by m.n
    )
    select c.id from public.customers as c
     where c.id = any(p_ids) and c.shop_id = v.shop_id and cardinality(c.nicknames) > 0
       and (select count(*) from near
             where string_to_array(private.search_key(c.full_name), ' ') && near.words) < v_count
       and not starts_with(private.search_key(c.full_name), private.search_key(v_query))
     order by c.id);
end;
$$;

comment on function public.nickname_only_matches(p_actor bigint, p_query text, p_ids bigint[]) is 'Of the given customers (at most 100) of the member''s shop, those a name search for p_query matched only through a hidden nickname (some query word is near no word of the full name); never the nicknames themselves.';
revoke execute on function public.nickname_only_matches(bigint, text, bigint[]) from public, anon, authenticated;
grant execute on function public.nickname_only_matches(bigint, text, bigint[]) to service_role;

create function public.restore_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
begin
  v_prior := private.begin_update(p_update_id, 'restore_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  select * into v_customer from public.customers
   where id = p_customer_id and shop_id = v.shop_id
   for update;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_customer.merged_into is not null then
    perform private.fail('customer_merged', 'This customer was merged into another; undo the merge to split them.');
  end if;
  if v_customer.archived_at is null then
    return private.finish_update(p_update_id, jsonb_build_object(
      'customer', private.customer_json(v_customer), 'restored', false, 'shop', private.shop_json(v)));
  end if;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_restored', p_actor, v_customer.id,
            jsonb_build_object('full_name', v_customer.full_name, 'archived_at', v_customer.archived_at,
                               'balance', v_customer.balance),
            p_update_id);
  update public.customers set archived_at = null where id = v_customer.id returning * into v_customer;
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'restored', true, 'shop', private.shop_json(v)));
end;
$$;

comment on function public.restore_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) is 'Brings an archived customer back into lists and search (logged as customer_restored; undo archives them again). A merged duplicate is refused (customer_merged: undo the merge instead); an active customer is returned as it is (restored: false).';
revoke execute on function public.restore_customer(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.restore_customer(bigint, bigint, bigint) to service_role;

create function private.undo_blocker_customer_restored(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c
   where c.id = a.customer_id and (c.archived_at is not null or c.merged_into is not null)
$$;

comment on function private.undo_blocker_customer_restored(a public.actions) is 'changed_since when the restored customer was archived or merged again since, else null.';
revoke execute on function private.undo_blocker_customer_restored(public.actions) from public, anon, authenticated;

create function private.undo_customer_restored(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set archived_at = coalesce(archived_at, now())
   where id = a.customer_id
  returning *
$$;

comment on function private.undo_customer_restored(a public.actions) is 'Undoes restoring a customer: archives them again.';
revoke execute on function private.undo_customer_restored(public.actions) from public, anon, authenticated;

-- list_actions gains p_customer: the log about one customer (/history's "Only <customer>").
drop function public.list_actions(bigint, integer, integer, bigint);

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
