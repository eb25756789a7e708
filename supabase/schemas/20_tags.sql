-- PayTrack declarative schema: tags.
-- Tags: customer tags and #tags in notes.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.array_minus(p_from text[], p_remove text[]) returns text[]
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select coalesce(array_agg(x order by n), '{}')
    from unnest(coalesce(p_from, '{}')) with ordinality as u(x, n)
   where not (x = any(coalesce(p_remove, '{}')))
$$;

comment on function private.array_minus(p_from text[], p_remove text[]) is 'The elements of p_from that are not in p_remove, in their order.';
revoke execute on function private.array_minus(text[], text[]) from public, anon, authenticated;

create function private.clean_tags(value text[]) returns text[]
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select coalesce(array_agg(distinct t order by t), '{}')
  from (select lower(btrim(private.clean_text(x), '# ')) as t from unnest(coalesce(value, '{}')) as x) as tags
  where t <> '' and char_length(t) <= 32
$$;

comment on function private.clean_tags(value text[]) is 'Cleans tags (invisible characters removed), lower-cases them, drops the #, empties and duplicates, and sorts them.';
revoke execute on function private.clean_tags(text[]) from public, anon, authenticated;

create function private.tags_in(value text) returns text[]
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select coalesce(array_agg(m[1]), '{}')
  from regexp_matches(coalesce(value, ''), '#([^\s#.,;:!?()"''`]+)', 'g') as m
$$;

comment on function private.tags_in(value text) is 'The #tags written in a text, without the #.';
revoke execute on function private.tags_in(text) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.list_tags(p_actor bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
  v_customer_tags jsonb;
  v_note_tags jsonb;
begin
  v := private.acting_member(p_actor);
  select coalesce(jsonb_agg(jsonb_build_object('tag', r.tag, 'customers', r.customers, 'owed', r.owed)
                            order by r.owed desc, r.customers desc, r.tag), '[]')
    into v_customer_tags
    from (select t.tag, count(*) as customers, coalesce(sum(greatest(c.balance, 0)), 0) as owed
            from public.customers as c, unnest(c.tags) as t(tag)
           where c.shop_id = v.shop_id and c.archived_at is null
           group by t.tag) as r;
  select coalesce(jsonb_agg(jsonb_build_object('tag', r.tag, 'transactions', r.n, 'amount', r.amount)
                            order by r.n desc, r.tag), '[]')
    into v_note_tags
    from (select t.tag, count(*) as n, sum(x.amount) as amount
            from public.transactions as x, unnest(x.tags) as t(tag)
           where x.shop_id = v.shop_id and x.voided_at is null
           group by t.tag
           order by count(*) desc, t.tag
           limit 30) as r;
  return jsonb_build_object('tags', v_customer_tags, 'note_tags', v_note_tags, 'shop', private.shop_json(v));
end;
$$;

comment on function public.list_tags(p_actor bigint) is 'The shop''s customer tags with how many active customers have each and what they owe together; and the #tags used in notes of purchases and payments.';
revoke execute on function public.list_tags(bigint) from public, anon, authenticated;
grant execute on function public.list_tags(bigint) to service_role;

create function public.tag_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_tags text[], p_remove boolean default false) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_tags text[] := private.clean_tags(p_tags);
  v_changed text[];
begin
  v_prior := private.begin_update(p_update_id, case when p_remove then 'untag_customer' else 'tag_customer' end, p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  if cardinality(v_tags) = 0 then
    perform private.fail('tags_required', 'Name at least one #tag (up to 32 characters).');
  end if;
  if coalesce(p_remove, false) then
    v_changed := array(select t from unnest(v_tags) as t where t = any(v_customer.tags) order by t);
    if cardinality(v_changed) = 0 then
      perform private.fail('tags_unchanged', 'The customer has none of those tags.');
    end if;
    update public.customers set tags = private.array_minus(tags, v_changed)
     where id = v_customer.id returning * into v_customer;
  else
    v_changed := private.array_minus(v_tags, v_customer.tags);
    if cardinality(v_changed) = 0 then
      perform private.fail('tags_unchanged', 'The customer already has those tags.');
    end if;
    if cardinality(v_customer.tags) + cardinality(v_changed) > 20 then
      perform private.fail('too_many_tags', 'A customer can have at most 20 tags.');
    end if;
    update public.customers set tags = tags || v_changed where id = v_customer.id returning * into v_customer;
  end if;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, case when p_remove then 'customer_untagged' else 'customer_tagged' end, p_actor,
            v_customer.id, jsonb_build_object('tags', to_jsonb(v_changed)), p_update_id);
  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer), 'changed', to_jsonb(v_changed), 'shop', private.shop_json(v)));
end;
$$;

comment on function public.tag_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_tags text[], p_remove boolean) is 'Adds tags to a customer (or removes them with p_remove); changed lists the tags that really changed. Undo reverses exactly those.';
revoke execute on function public.tag_customer(bigint, bigint, bigint, text[], boolean) from public, anon, authenticated;
grant execute on function public.tag_customer(bigint, bigint, bigint, text[], boolean) to service_role;

-- ================================================================================================
-- Undo
-- private.undo_<action> reverses one action; private.undo_blocker_<action> says why it cannot now.
-- ================================================================================================

create function private.undo_customer_tagged(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers
     set tags = private.array_minus(tags, array(select jsonb_array_elements_text(a.action_info->'tags')))
   where id = a.customer_id returning *
$$;

comment on function private.undo_customer_tagged(a public.actions) is 'Undoes tagging: removes the tags the action added.';
revoke execute on function private.undo_customer_tagged(public.actions) from public, anon, authenticated;

create function private.undo_customer_untagged(a public.actions) returns public.customers
    language sql
    set search_path to ''
    as $$
  update public.customers
     set tags = tags || array(select jsonb_array_elements_text(a.action_info->'tags'))
   where id = a.customer_id returning *
$$;

comment on function private.undo_customer_untagged(a public.actions) is 'Undoes untagging: puts back the tags the action removed.';
revoke execute on function private.undo_customer_untagged(public.actions) from public, anon, authenticated;
