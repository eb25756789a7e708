-- PayTrack declarative schema: links.
-- Links: households (linked accounts) and merging duplicates.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Sequence customer_link_groups
-- ================================================================================================

create sequence public.customer_link_groups
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1;

comment on sequence public.customer_link_groups is 'Numbers for groups of linked customers (households, families).';

grant usage on sequence public.customer_link_groups to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.active_pair(v private.acting_member, p_first bigint, p_second bigint) returns setof public.customers
    language plpgsql
    set search_path to ''
    as $$
declare
  v_rows public.customers[];
begin
  if p_first = p_second then
    perform private.fail('same_customer', 'That is the same customer twice.');
  end if;
  select coalesce(array_agg(locked.c order by (locked.c).id), '{}'::public.customers[]) into v_rows
    from (select c from public.customers as c
           where c.id in (p_first, p_second) and c.shop_id = v.shop_id
           order by c.id
           for update) as locked;
  if cardinality(v_rows) <> 2 then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_rows[1].archived_at is not null or v_rows[2].archived_at is not null then
    perform private.fail('customer_archived', 'One of these customers is archived.');
  end if;
  return query select * from unnest(v_rows) as r where r.id = p_first
               union all select * from unnest(v_rows) as r where r.id = p_second;
end;
$$;

comment on function private.active_pair(v private.acting_member, p_first bigint, p_second bigint) is 'Two active customers of the member''s shop, locked in id order (no deadlocks); fails on the same customer twice.';
revoke execute on function private.active_pair(private.acting_member, bigint, bigint) from public, anon, authenticated;

create function private.links_json(c public.customers) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select case when c.link_group is null then null else (
    select jsonb_build_object(
             'group', c.link_group,
             'customers', coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'full_name', o.full_name,
                                                                'balance', o.balance)
                                             order by o.full_name, o.id) filter (where o.id <> c.id), '[]'),
             'total', coalesce(sum(o.balance), 0))
      from public.customers as o
     where o.shop_id = c.shop_id and o.link_group = c.link_group
       and (o.archived_at is null or o.id = c.id)) end
$$;

comment on function private.links_json(c public.customers) is 'The customer''s linked accounts (active ones) with their balances, and the total of the group including the customer.';
revoke execute on function private.links_json(public.customers) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.link_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_other_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_one public.customers;
  v_other public.customers;
  v_group bigint;
  v_moved jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'link_customers', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  select * into v_one from private.active_pair(v, p_customer_id, p_other_id) as c where c.id = p_customer_id;
  select * into v_other from public.customers where id = p_other_id;
  if v_one.link_group is not null and v_one.link_group = v_other.link_group then
    perform private.fail('already_linked', 'These customers are already linked.');
  end if;

  if v_one.link_group is null and v_other.link_group is null then
    v_group := nextval('public.customer_link_groups');
  else
    v_group := coalesce(v_one.link_group, v_other.link_group);
  end if;
  -- Everyone who changes group, with the group they had: one or both, or the other's whole group.
  with moving as (
    select c.id, c.link_group from public.customers as c
     where c.shop_id = v.shop_id
       and (c.id in (v_one.id, v_other.id) or (v_other.link_group is not null and c.link_group = v_other.link_group))
       and c.link_group is distinct from v_group
     for update
  ), moved as (
    update public.customers as c set link_group = v_group from moving as m where c.id = m.id
    returning m.id, m.link_group as was
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'from', was) order by id), '[]') into v_moved from moved;

  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customers_linked', p_actor, v_one.id,
            jsonb_build_object('group', v_group, 'other_id', v_other.id, 'other_name', v_other.full_name,
                               'moved', v_moved), p_update_id);
  select * into v_one from public.customers where id = v_one.id;
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_one), 'other', private.customer_json(v_other),
    'links', private.links_json(v_one), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.link_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_other_id bigint) is 'Links two customers (a household or a family): the other joins the customer''s group, or their groups join. Refuses linking twice. Undo puts every moved customer back in the group they had.';
revoke execute on function public.link_customers(bigint, bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.link_customers(bigint, bigint, bigint, bigint) to service_role;

create function public.merge_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_duplicate_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_keep public.customers;
  v_dup public.customers;
  v_moved bigint[];
  v_phone text;
  v_phones_added text[] := '{}'::text[];
  v_known_digits text[];
  v_candidate text;
  v_nicks_added text[] := '{}'::text[];
  v_tags_added text[];
  v_group_taken bigint;
  v_phone_before text;
begin
  v_prior := private.begin_update(p_update_id, 'merge_customers', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor, 'owner');
  select * into v_keep from private.active_pair(v, p_customer_id, p_duplicate_id) as c where c.id = p_customer_id;
  select * into v_dup from public.customers where id = p_duplicate_id;
  perform private.require_pin(v);
  if abs(v_keep.balance + v_dup.balance) > 1000000000000000 then
    perform private.fail('balance_out_of_range', 'The balance would be larger than PayTrack accepts.');
  end if;

  -- Transactions move with their amounts, voided ones too: balances stay the sums of their rows.
  with moved as (
    update public.transactions set customer_id = v_keep.id where customer_id = v_dup.id returning id
  )
  select coalesce(array_agg(id order by id), '{}') into v_moved from moved;

  -- Phones: the duplicate's become the survivor's phone (when it has none) or other phones.
  v_phone_before := v_keep.phone;
  v_phone := v_keep.phone;
  v_known_digits := array_remove(array[private.digits_of(v_keep.phone)]
                                   || array(select private.digits_of(p) from unnest(v_keep.other_phones) as p), null);
  foreach v_candidate in array array_remove(array[v_dup.phone] || v_dup.other_phones, null) loop
    continue when private.digits_of(v_candidate) is null or private.digits_of(v_candidate) = any(v_known_digits);
    if v_phone is null then
      v_phone := v_candidate;
    else
      v_phones_added := v_phones_added || v_candidate;
    end if;
    v_known_digits := v_known_digits || private.digits_of(v_candidate);
  end loop;

  -- Nicknames: the duplicate's, and its name when it differs, stay searchable on the survivor.
  select coalesce(array_agg(n order by o), '{}') into v_nicks_added
    from (select distinct on (private.search_key(n)) n, o
            from unnest(v_dup.nicknames || v_dup.full_name) with ordinality as x(n, o)
           where private.search_key(n) <> all(array(select private.search_key(k)
                                                      from unnest(v_keep.nicknames || v_keep.full_name) as k))
           order by private.search_key(n), o) as d;
  v_tags_added := private.array_minus(v_dup.tags, v_keep.tags);
  if v_keep.link_group is null and v_dup.link_group is not null then
    v_group_taken := v_dup.link_group;
  end if;

  update public.customers
     set balance = balance + v_dup.balance,
         phone = v_phone,
         other_phones = other_phones || v_phones_added,
         nicknames = nicknames || v_nicks_added,
         tags = tags || v_tags_added,
         link_group = coalesce(link_group, v_group_taken)
   where id = v_keep.id
   returning * into v_keep;
  update public.customers set balance = 0, archived_at = now(), merged_into = v_keep.id
   where id = v_dup.id;

  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customers_merged', p_actor, v_keep.id,
            jsonb_build_object('duplicate_id', v_dup.id, 'duplicate_name', v_dup.full_name,
                               'moved_transaction_ids', to_jsonb(v_moved), 'moved_balance', v_dup.balance,
                               'phone_taken', case when v_phone_before is null then v_phone end,
                               'phones_added', to_jsonb(v_phones_added),
                               'nicknames_added', to_jsonb(v_nicks_added),
                               'tags_added', to_jsonb(v_tags_added),
                               'link_group_taken', v_group_taken),
            p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_keep, true),
    'duplicate', jsonb_build_object('id', v_dup.id, 'full_name', v_dup.full_name),
    'moved_transactions', cardinality(v_moved), 'moved_balance', v_dup.balance,
    'shop', private.shop_json(v)));
end;
$$;

comment on function public.merge_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_duplicate_id bigint) is 'Owner, with a recent right PIN: moves a duplicate''s transactions (with their amounts), balance, phones, nicknames (and its name as one) and tags into the customer, and archives the duplicate pointing to them. Undo splits them back exactly.';
revoke execute on function public.merge_customers(bigint, bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.merge_customers(bigint, bigint, bigint, bigint) to service_role;

create function public.unlink_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_links jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'unlink_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  v_links := private.links_json(v_customer);
  if v_customer.link_group is null or jsonb_array_length(v_links->'customers') = 0 then
    perform private.fail('not_linked', 'This customer is not linked to anyone.');
  end if;
  update public.customers set link_group = null where id = v_customer.id returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_unlinked', p_actor, v_customer.id,
            jsonb_build_object('group', v_links->'group', 'was_with', v_links->'customers'), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'was_with', v_links->'customers', 'shop', private.shop_json(v)));
end;
$$;

comment on function public.unlink_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) is 'Takes a customer out of their household (linked accounts). Undo links them back.';
revoke execute on function public.unlink_customer(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.unlink_customer(bigint, bigint, bigint) to service_role;

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_blocker_customer_unlinked(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since' from public.customers as c where c.id = a.customer_id and c.link_group is not null
$$;

comment on function private.undo_blocker_customer_unlinked(a public.actions) is 'changed_since when the customer has been linked again since, else null.';
revoke execute on function private.undo_blocker_customer_unlinked(public.actions) from public, anon, authenticated;

create function private.undo_blocker_customers_linked(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select 'changed_since'
   where exists (select 1 from jsonb_array_elements(a.action_info->'moved') as m
                   join public.customers as c on c.id = (m->>'id')::bigint
                  where c.link_group is distinct from (a.action_info->>'group')::bigint)
$$;

comment on function private.undo_blocker_customers_linked(a public.actions) is 'changed_since when a customer the link moved has changed group since, else null.';
revoke execute on function private.undo_blocker_customers_linked(public.actions) from public, anon, authenticated;

create function private.undo_blocker_customers_merged(a public.actions) returns text
    language sql stable
    set search_path to ''
    as $$
  select case
    when exists (select 1 from public.customers as c
                  where c.id = a.customer_id and c.archived_at is not null)
      then 'changed_since'
    when not exists (select 1 from public.customers as d
                      where d.id = (a.action_info->>'duplicate_id')::bigint and d.merged_into = a.customer_id)
      then 'changed_since'
    when exists (select 1 from public.transactions as t
                  where t.id in (select jsonb_array_elements_text(a.action_info->'moved_transaction_ids')::bigint)
                    and t.customer_id <> a.customer_id)
      then 'changed_since'
  end
$$;

comment on function private.undo_blocker_customers_merged(a public.actions) is 'changed_since when the survivor was archived or the duplicate is no longer merged into it, else null.';
revoke execute on function private.undo_blocker_customers_merged(public.actions) from public, anon, authenticated;

create function private.undo_customer_unlinked(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers set link_group = (a.action_info->>'group')::bigint where id = a.customer_id returning *
$$;

comment on function private.undo_customer_unlinked(a public.actions) is 'Undoes an unlink: puts the customer back in its group.';
revoke execute on function private.undo_customer_unlinked(public.actions) from public, anon, authenticated;

create function private.undo_customers_linked(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
declare
  v_customer public.customers;
begin
  update public.customers as c set link_group = (m->>'from')::bigint
    from jsonb_array_elements(a.action_info->'moved') as m
   where c.id = (m->>'id')::bigint;
  select * into v_customer from public.customers where id = a.customer_id;
  return v_customer;
end;
$$;

comment on function private.undo_customers_linked(a public.actions) is 'Undoes a link: puts the linked customers back in their former groups.';
revoke execute on function private.undo_customers_linked(public.actions) from public, anon, authenticated;

create function private.undo_customers_merged(a public.actions) returns public.customers
    language plpgsql
    set search_path to ''
    as $$
declare
  v_dup_id bigint := (a.action_info->>'duplicate_id')::bigint;
  v_ids bigint[] := array(select jsonb_array_elements_text(a.action_info->'moved_transaction_ids')::bigint);
  v_sum bigint;
  v_customer public.customers;
begin
  perform 1 from public.customers where id = v_dup_id for update;
  select coalesce(sum(case t.kind when 'purchase' then t.amount else -t.amount end)
                    filter (where t.voided_at is null), 0)
    into v_sum
    from public.transactions as t where t.id = any(v_ids);
  update public.transactions set customer_id = v_dup_id where id = any(v_ids);
  update public.customers as c
     set balance = c.balance - v_sum,
         phone = case when c.phone is not distinct from a.action_info->>'phone_taken'
                       and a.action_info->>'phone_taken' is not null then null else c.phone end,
         other_phones = private.array_minus(c.other_phones,
                          array(select jsonb_array_elements_text(a.action_info->'phones_added'))),
         nicknames = private.array_minus(c.nicknames,
                       array(select jsonb_array_elements_text(a.action_info->'nicknames_added'))),
         tags = private.array_minus(c.tags, array(select jsonb_array_elements_text(a.action_info->'tags_added'))),
         link_group = case when c.link_group is not distinct from (a.action_info->>'link_group_taken')::bigint
                           then null else c.link_group end
   where c.id = a.customer_id
   returning * into v_customer;
  update public.customers set balance = balance + v_sum, archived_at = null, merged_into = null
   where id = v_dup_id;
  return v_customer;
end;
$$;

comment on function private.undo_customers_merged(a public.actions) is 'Undoes a merge: moves the duplicate''s transactions and balance back and restores it.';
revoke execute on function private.undo_customers_merged(public.actions) from public, anon, authenticated;
