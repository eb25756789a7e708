-- PayTrack: trust. Recycled Telegram update_ids, and search that never leaves its shop.
--
-- 1. Idempotency keys expire. Telegram numbers updates in sequence, but after a week
--    without updates it may start again at a random value, so an update_id processed
--    long ago can come back on a brand-new message. begin_update used to replay the
--    old result and drop the new purchase. A processed update_id now counts for
--    private.update_key_lifetime() (2 days): Telegram keeps an undelivered update for
--    24 hours at most, so every true redelivery is younger than that, and a recycled id
--    (a week of silence at least) is always older. Expired rows are replaced by the new
--    update, and pruned a few at a time by the writes that insert new ones.
-- 2. An empty #tag ("/search #") matched every customer of every shop in its count; it
--    matches nothing now, and the gather and count paths of search recheck the shop
--    even though their shop-keyed conditions already imply it.

-- ============================================================================
-- Idempotency keys expire
-- ============================================================================

create function private.update_key_lifetime()
returns interval
language sql
immutable
parallel safe
set search_path = ''
as $$ select interval '2 days' $$;
comment on function private.update_key_lifetime() is
  'How long a processed Telegram update_id counts as taken: 2 days (Telegram keeps an undelivered update 24 h at most, and reuses ids only after a week without updates).';
revoke execute on function private.update_key_lifetime() from public, anon, authenticated, service_role;

create index processed_updates_by_age on public.processed_updates (processed_at);
comment on index public.processed_updates_by_age is
  'Processed updates oldest first: pruning reads only the expired head of this index.';

create function private.prune_processed_updates(p_limit integer default 20)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
-- Oldest first through processed_updates_by_age, at most p_limit rows, skipping rows
-- another transaction holds (a concurrent write replacing or pruning them): with no
-- expired row this is one index probe, and a backlog drains p_limit rows per write.
-- PL/pgSQL, not SQL: its plan is cached per session (a SQL function with a writing CTE
-- is planned on every call, which cost 0.4 ms, twenty times the claim itself).
declare
  v_pruned integer;
begin
  with expired as (
    select p.update_id
      from public.processed_updates as p
     where p.processed_at < now() - private.update_key_lifetime()
     order by p.processed_at
     limit greatest(coalesce(p_limit, 20), 0)
       for update skip locked
  )
  delete from public.processed_updates as p
   using expired as e
   where p.update_id = e.update_id;
  get diagnostics v_pruned = row_count;
  return v_pruned;
end;
$$;
comment on function private.prune_processed_updates(integer) is
  'Deletes up to p_limit processed updates older than update_key_lifetime(), oldest first; returns how many. Called by begin_update for each new update.';
revoke execute on function private.prune_processed_updates(integer) from public, anon, authenticated, service_role;

-- Claims an update_id for an operation by an actor. Returns null when the update is new,
-- or the result stored by the first delivery. A concurrent duplicate waits for the first
-- to commit (or roll back) on the primary key. The same update_id from another actor, or
-- for another operation, is refused: it is never answered with someone else's result.
--
-- A row older than update_key_lifetime() is not a delivery of this update but an id
-- Telegram recycled: the new update takes the row over (and is then idempotent itself).
--
-- Why not key on the message as well (chat id + message date)? Every RPC takes only
-- p_update_id, so that would change the signature of every RPC, the gateway and the
-- generated types, for no gain: a recycled id follows at least a week without any update,
-- so the row it meets is always past the 2-day window, while a true redelivery (within
-- 24 h) always finds its row inside it. The window alone tells the two apart.
create or replace function private.begin_update(p_update_id bigint, p_operation text, p_actor bigint)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_prior public.processed_updates;
begin
  if p_update_id is null then
    perform private.fail('update_id_required', 'Every change needs the Telegram update_id that asked for it.');
  end if;
  insert into public.processed_updates as p (update_id, operation, actor_id, processed_at)
    values (p_update_id, p_operation, p_actor, now())
    on conflict (update_id) do update
      set operation = excluded.operation, actor_id = excluded.actor_id, result = null,
          processed_at = excluded.processed_at
      where p.processed_at < now() - private.update_key_lifetime();
  if found then
    perform private.prune_processed_updates();
    return null;
  end if;
  select * into v_prior from public.processed_updates where update_id = p_update_id;
  if v_prior.operation <> p_operation or v_prior.actor_id is distinct from p_actor then
    perform private.fail('update_already_used', 'This update was already used for another operation.');
  end if;
  return v_prior.result;
end;
$$;
comment on function private.begin_update(bigint, text, bigint) is
  'Claims a Telegram update_id for an operation: null when new (or when the id was last used more than update_key_lifetime() ago: Telegram recycled it), else the first delivery''s result; update_already_used for another operation or actor.';
revoke execute on function private.begin_update(bigint, text, bigint) from public, anon, authenticated, service_role;

-- Rows past the window are history: drop them once, then writes keep up.
delete from public.processed_updates where processed_at < now() - private.update_key_lifetime();

comment on table public.processed_updates is
  'Telegram update_ids whose change is committed, with the result returned. A redelivered update gets this result back and changes nothing. An id counts for update_key_lifetime() (2 days): an older row is an id Telegram recycled, which a new update takes over; expired rows are pruned a few at a time by each new update.';
comment on column public.processed_updates.processed_at is
  'When the update was claimed. Older than update_key_lifetime(): expired, replaced by a new update with the same id, and pruned.';

-- ============================================================================
-- Search: empty tags match nothing; gather and count recheck the shop
-- ============================================================================

create or replace function private.top_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_size integer)
returns bigint[]
language plpgsql
stable
set search_path = ''
as $$
-- p_condition is built from quoted literals only. Keyed by shop, the index lists this
-- shop's holders alone: gather them all (materialized, so planned for every match) and
-- sort. Otherwise the planner chooses between the index and a walk in debt order.
-- The keyed form rechecks the shop too, so a condition that did not imply it can never
-- read another shop ("+ 0": a filter on the gathered rows, not an index condition that
-- could tempt the planner into scanning the shop's whole btree range).
declare
  v_found bigint[];
begin
  if p_keyed then
    execute format(
      'with class as materialized (
         select c.id, c.balance from public.customers as c
          where c.archived_at is null and (%s) and c.shop_id + 0 = $2)
       select coalesce(array_agg(top.id), ''{}'')
         from (select id from class order by balance desc, id limit $1) as top', p_condition)
      into v_found using p_size, p_shop_id;
  else
    execute format(
      'select coalesce(array_agg(top.id), ''{}'')
         from (select c.id from public.customers as c
                where c.shop_id = $1 and c.archived_at is null and (%s)
                order by c.balance desc, c.id limit $2) as top', p_condition)
      into v_found using p_shop_id, p_size;
  end if;
  return v_found;
end;
$$;
comment on function private.top_customers(bigint, text, boolean, integer) is
  'The ids of the p_size largest debts among a shop''s active customers meeting a condition (built from quoted literals); always filtered by the shop.';
revoke execute on function private.top_customers(bigint, text, boolean, integer) from public, anon, authenticated, service_role;

create or replace function private.count_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_cap integer)
returns bigint
language plpgsql
stable
set search_path = ''
as $$
-- As top_customers, counting no further than the cap, and rechecking the shop.
declare
  v_count bigint;
begin
  if p_keyed then
    execute format(
      'with found as materialized (
         select c.id from public.customers as c
          where c.archived_at is null and (%s) and c.shop_id + 0 = $2)
       select count(*) from (select from found limit $1) as capped', p_condition)
      into v_count using p_cap, p_shop_id;
  else
    execute format(
      'select count(*) from (select from public.customers as c
                              where c.shop_id = $1 and c.archived_at is null and (%s)
                              order by c.balance desc, c.id limit $2) as capped', p_condition)
      into v_count using p_shop_id, p_cap;
  end if;
  return v_count;
end;
$$;
comment on function private.count_customers(bigint, text, boolean, integer) is
  'How many of a shop''s active customers meet a condition (built from quoted literals), counting no further than p_cap; always filtered by the shop.';
revoke execute on function private.count_customers(bigint, text, boolean, integer) from public, anon, authenticated, service_role;

-- As in 20261126000100, with one change: a tag query with no tag left after cleaning
-- ("#", "# ", "##") finds nothing.
create or replace function public.list_customers(
  p_actor bigint,
  p_query text default null,
  p_limit integer default 10,
  p_offset integer default 0
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
-- A page is a few milliseconds of work: starting parallel workers would cost more.
set max_parallel_workers_per_gather = 0
as $$
declare
  c_cap constant integer := 100;
  v private.acting_member;
  v_query text := private.clean_text(left(p_query, 200));
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 100);
  v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 1000000);
  v_mode text;
  v_key text;
  v_words text[];
  v_tags text[];
  v_digits text;
  v_top bigint;
  v_total bigint;
  v_capped boolean := false;
  v_page bigint[];
  v_scores numeric[];
  v_match text;
  v_g_n integer[];
  v_g_word text[];
  v_g_score real[];
  v_conditions text[];
  v_gather text[];
  v_bounds real[];
  v_pool bigint[];
  v_keyed boolean;
begin
  v := private.acting_member(p_actor);
  v_top := private.top_balance(v.shop_id);

  if v_query = '' then
    v_mode := 'all';
    select s.active_customers into v_total from public.shops as s where s.id = v.shop_id;
    v_page := array(select c.id from public.customers as c
                     where c.shop_id = v.shop_id and c.archived_at is null
                     order by c.balance desc, c.id
                     limit v_limit offset v_offset);
    return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', v_total, 'total_capped', false,
                              'customers', private.customers_list_json(v_page, null, v_top),
                              'shop', private.shop_json(v));
  end if;

  -- A search pages through its first hundred matches.
  v_offset := least(v_offset, c_cap - 1);

  if v_query like '#%' then
    v_mode := 'tag';
    v_tags := private.clean_tags(regexp_split_to_array(v_query, '[\s,]+'));
    if cardinality(v_tags) = 0 then
      -- "#", "# ", "##": no tag is left after cleaning. An empty tag list is contained in
      -- every customer's tags (and its shop-keyed form in every shop's), so it would
      -- match everyone: it matches no one.
      return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', 0, 'total_capped', false,
                                'customers', '[]'::jsonb, 'shop', private.shop_json(v));
    end if;
    v_match := format('private.search_keys(c.shop_id, c.tags) @> %L::text[]', private.search_keys(v.shop_id, v_tags));
    v_keyed := true;
    v_pool := private.customer_pool(v.shop_id, array[format('c.tags @> %L::text[]', v_tags)], array[v_match],
                                    v_keyed, array[1]::real[], v_offset + v_limit);
    v_page := array(select c.id from public.customers as c
                     where c.id = any(v_pool)
                     order by c.balance desc, c.id
                     limit v_limit offset v_offset);
  elsif v_query ~ '^[\s0-9٠-٩۰-۹+()\-.]+$' and char_length(coalesce(private.digits_of(v_query), '')) >= 3 then
    v_mode := 'phone';
    v_digits := private.digits_of(v_query);
    -- Phones that start with the digits first, then phones that hold them elsewhere.
    v_conditions := array[format('c.search_phones like %L', '% ' || v_digits || '%'),
                          format('c.search_phones like %L', '%' || v_digits || '%')];
    v_match := format('private.phone_keys(c.shop_id, c.search_phones) @> %L::text[] and %s',
                      private.phone_keys(v.shop_id, v_digits), v_conditions[2]);
    v_keyed := true;
    v_pool := private.customer_pool(
      v.shop_id, v_conditions,
      array[format('private.phone_keys(c.shop_id, c.search_phones) @> %L::text[] and %s',
                   private.phone_keys(v.shop_id, v_digits), v_conditions[1]), v_match],
      v_keyed, array[1, 0]::real[], v_offset + v_limit);
    v_page := array(select c.id from public.customers as c
                     where c.id = any(v_pool)
                     order by c.search_phones like '% ' || v_digits || '%' desc, c.balance desc, c.id
                     limit v_limit offset v_offset);
  else
    v_mode := 'name';
    v_key := private.search_key(v_query);
    v_words := array(select distinct w from unnest(string_to_array(v_key, ' ')) as w where w <> '' limit 6);
    select array_agg(m.n), array_agg(m.word), array_agg(m.score)
      into v_g_n, v_g_word, v_g_score
      from private.vocabulary_matches(v.shop_id, v_words) as m;
    if cardinality(v_words) = 0
       or (select count(distinct g) from unnest(v_g_n) as g) < cardinality(v_words) then
      return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', 0, 'total_capped', false,
                                'customers', '[]'::jsonb, 'shop', private.shop_json(v));
    end if;

    -- A customer matches when it holds a near word for every query word; its score is the
    -- mean of its best per query word, raised to 1 when its name (or nickname) starts with
    -- the whole query ("ahma" puts Ahmad Saleh before Ali Ahmad).
    -- Match classes: one score level per query word (each word's four best levels; the
    -- 24 best combinations), the names starting with the query, and last any match.
    with recursive levels as (
      select g.n, g.score, array_agg(g.word order by g.word) as words,
             row_number() over (partition by g.n order by g.score desc) as rank
        from unnest(v_g_n, v_g_word, v_g_score) as g(n, word, score)
       group by g.n, g.score
    ), combos(n, ranks, total) as (
      select 1, array[l.rank], l.score::real from levels as l where l.n = 1 and l.rank <= 4
      union all
      select c.n + 1, c.ranks || l.rank, (c.total + l.score)::real
        from combos as c join levels as l on l.n = c.n + 1 and l.rank <= 4
    ), best as (
      select c.ranks, c.total / cardinality(v_words) as bound
        from combos as c where c.n = cardinality(v_words)
       order by c.total desc limit 24
    ), conditions as (
      -- Per class, each query word's word set, as a walk and as a gather condition.
      select b.bound,
             string_agg(format('c.search_words && %L::text[]', l.words), ' and ' order by l.n) as walk,
             string_agg(format('private.search_keys(c.shop_id, c.search_words) && %L::text[]',
                               private.search_keys(v.shop_id, l.words)), ' and ' order by l.n) as gather
        from best as b
        cross join lateral unnest(b.ranks) with ordinality as r(rank, n)
        join levels as l on l.n = r.n and l.rank = r.rank
       group by b.ranks, b.bound
      union all
      select null,
             string_agg(format('c.search_words && %L::text[]', x.words), ' and ' order by x.n),
             string_agg(format('private.search_keys(c.shop_id, c.search_words) && %L::text[]',
                               private.search_keys(v.shop_id, x.words)), ' and ' order by x.n)
        from (select g.n, array_agg(g.word) as words
                from unnest(v_g_n, v_g_word) as g(n, word) group by g.n) as x
    ), classes as (
      select c.bound, c.walk, c.gather from conditions as c where c.bound is not null
      union all
      select 1::real, a.walk || format(' and starts_with(c.search_text, %L)', v_key),
             a.gather || format(' and c.shop_id = %s and c.search_text collate "C" >= %L'
                                || ' and c.search_text collate "C" < %L', v.shop_id, v_key, v_key || chr(1114111))
        from conditions as a where a.bound is null
      union all
      select 0::real, a.walk, a.gather from conditions as a where a.bound is null
    )
    select array_agg(k.walk order by k.bound desc), array_agg(k.gather order by k.bound desc),
           array_agg(k.bound order by k.bound desc),
           (select a.gather from conditions as a where a.bound is null)
      into v_conditions, v_gather, v_bounds, v_match
      from classes as k;

    v_keyed := true;
    v_pool := private.customer_pool(v.shop_id, v_conditions, v_gather, v_keyed, v_bounds, v_offset + v_limit);

    with scored as (
      select c.id, c.balance,
             greatest(
               (select avg(b.best)
                  from (select max(g.score) as best
                          from unnest(v_g_n, v_g_word, v_g_score) as g(n, word, score)
                         where g.word = any(c.search_words)
                         group by g.n) as b),
               case when starts_with(c.search_text, v_key) then 1.0 else 0 end) as score
        from public.customers as c
       where c.id = any(v_pool)
    )
    select array_agg(r.id order by r.score desc, r.balance desc, r.id),
           array_agg(round(r.score::numeric, 3) order by r.score desc, r.balance desc, r.id)
      into v_page, v_scores
      from (select * from scored order by score desc, balance desc, id
             limit v_limit offset v_offset) as r;
  end if;

  v_total := private.count_customers(v.shop_id, v_match, v_keyed, c_cap + 1);
  if v_total > c_cap then
    v_total := c_cap;
    v_capped := true;
  end if;
  return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', v_total, 'total_capped', v_capped,
                            'customers', private.customers_list_json(v_page, v_scores, v_top),
                            'shop', private.shop_json(v));
end;
$$;
comment on function public.list_customers(bigint, text, integer, integer) is
  'Lists active customers, largest debt first; with a query searches by name/nickname (fuzzy through the shop''s word vocabulary, Arabic-aware), phone digits (3+, any of their phones), or #tag, best match first. A query with nothing searchable ("#", "##", punctuation) finds nothing. A search counts up to 100 matches (total_capped says there are more). Each row has its badges; nicknames are never returned.';
revoke execute on function public.list_customers(bigint, text, integer, integer) from public, anon, authenticated;
grant execute on function public.list_customers(bigint, text, integer, integer) to service_role;
