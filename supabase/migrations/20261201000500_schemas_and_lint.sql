-- Issue 12: one place for each thing. Brings the database in line with supabase/schemas/.
--
-- 1. Seven private helpers added by 20261201000200 kept PostgreSQL's default EXECUTE for
--    PUBLIC (every other function revokes it). They are internals (triggers and helpers of
--    security definer RPCs), so nobody calls them directly: revoke it, as for the others.
-- 2. `supabase db lint` (plpgsql_check) warnings, fixed without changing behaviour:
--    an untyped '{}' initialising an array variable is now typed ('{}'::bigint[], …), and
--    private.active_pair aggregates whole rows of public.customers (not anonymous records).
--    The one warning left (public.undo_action's dynamic dispatch) is explained next to the
--    function in supabase/schemas/60_history.sql.

revoke execute on function private.actions_remember_actor() from public, anon, authenticated;
revoke execute on function private.actor_label(bigint, bigint, text, public.member_role) from public, anon, authenticated;
revoke execute on function private.look_alike_key(text) from public, anon, authenticated;
revoke execute on function private.look_alike(bigint, text, bigint) from public, anon, authenticated;
revoke execute on function private.mixed_script_word(text) from public, anon, authenticated;
revoke execute on function private.customers_clean_names() from public, anon, authenticated;
revoke execute on function private.arabic_letters() from public, anon, authenticated;

create or replace function private.customer_pool(p_shop_id bigint, p_walk text[], p_gather text[], p_keyed boolean, p_bounds real[], p_size integer, p_walk_rows integer default null::integer) returns bigint[]
    language plpgsql stable
    set search_path to ''
    as $_$
-- Match classes, best first, the last one implied by all others: p_walk[i] is the class's
-- condition on customers "c" on their own columns, p_gather[i] the same condition written
-- for an index, both built by the caller from quoted literals only; when p_keyed, the
-- index is keyed by shop and the gather condition implies the shop. p_bounds[i] is the
-- lowest score a customer of the class can have.
-- One walk over the shop's largest debts finds each common class's page within a few
-- hundred rows; a class the walk leaves short reads on in debt order or, when it is rare,
-- is gathered through its index.
-- Classes stop once p_size customers are known to rank above anything a later class
-- could add. The result holds the best p_size customers by (score, balance, id), and a
-- few more: the caller ranks them. p_walk_rows overrides the walk's length (for tests).
declare
  v_classes integer := coalesce(cardinality(p_walk), 0);
  v_walk integer := coalesce(p_walk_rows, least(greatest(60 * p_size, 500), 6000));
  v_walked integer;
  v_hits jsonb;
  v_ids bigint[] := '{}'::bigint[];
  v_bounds real[] := '{}'::real[];
  v_found bigint[];
  v_hit integer;
  v_more integer;
  v_more_found bigint[];
  v_read integer;
  v_done boolean;
  v_shop_size integer;
  -- The shop's active customers in debt order, rows $2 + 1 to $2 + $3: what walks read.
  c_in_debt_order constant text :=
    'select c.id, c.balance, c.search_words, c.search_text, c.search_phones, c.tags
       from public.customers as c
      where c.shop_id = $1 and c.archived_at is null
      order by c.balance desc, c.id
     offset $2 limit $3';
begin
  if v_classes = 0 then
    return v_ids;
  end if;
  select s.active_customers into v_shop_size from public.shops as s where s.id = p_shop_id;
  -- The last class is the loosest (every other implies it): test it once per row, and
  -- the others only on the rows it lets through ("offset 0" keeps the planner from
  -- copying that test into every class).
  execute format(
    'select count(*), jsonb_build_array(%s)
       from (select c.*, (%s) as hit from (%s) as c offset 0) as c',
    (select string_agg(format('coalesce((array_agg(c.id order by c.balance desc, c.id) filter (where c.hit and %s))[1:$4], ''{}'')',
                              case when i = v_classes then 'true' else w end), ', ' order by i)
       from unnest(p_walk) with ordinality as t(w, i)),
    p_walk[v_classes], c_in_debt_order)
    into v_walked, v_hits using p_shop_id, 0, v_walk, p_size;

  for i in 1 .. v_classes loop
    exit when (select count(*) from unnest(v_bounds) as b where b > p_bounds[i]) >= p_size;
    v_found := array(select jsonb_array_elements_text(v_hits -> (i - 1))::bigint);
    if cardinality(v_found) < p_size and v_walked = v_walk then
      -- Short: read on in debt order (twice the rows the walk's hit rate says are needed)
      -- when that is cheaper than gathering the class (a gathered row costs about two
      -- read ones: its heap page is random); if that comes back short too, gather.
      v_hit := cardinality(v_found);
      v_done := false;
      v_more := ceil(2.0 * (p_size - v_hit) * v_walk / greatest(v_hit, 1));
      if v_hit > 0 and v_more <= 2.0 * v_hit * v_shop_size / v_walk then
        execute format(
          'select coalesce((array_agg(c.id order by c.balance desc, c.id) filter (where %s))[1:$4], ''{}''), count(*)
             from (%s) as c', p_walk[i], c_in_debt_order)
          into v_more_found, v_read using p_shop_id, v_walk, v_more, p_size - v_hit;
        v_found := v_found || v_more_found;
        v_done := cardinality(v_found) >= p_size or v_read < v_more;
      end if;
      if not v_done then
        v_found := private.top_customers(p_shop_id, p_gather[i], p_keyed, p_size);
      end if;
    end if;
    select v_ids || coalesce(array_agg(f), '{}'),
           v_bounds || coalesce(array_agg(p_bounds[i]), '{}')
      into v_ids, v_bounds
      from unnest(v_found) as f
     where f <> all(v_ids);
  end loop;
  return v_ids;
end;
$_$;

create or replace function private.active_pair(v private.acting_member, p_first bigint, p_second bigint) returns setof public.customers
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


create or replace function public.merge_customers(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_duplicate_id bigint) returns jsonb
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

