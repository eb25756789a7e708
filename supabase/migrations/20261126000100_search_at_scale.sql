-- PayTrack: search that stays fast in a shop with a hundred thousand customers.
--
-- The vocabulary search (20261125000100) fetched every matching customer to count and rank
-- them, and compared each query word with every word of the shop's vocabulary: with a
-- realistic vocabulary (ten thousand distinct words in a big shop) that took 200-1000 ms.
-- Here:
--   * a query word is compared only with vocabulary words that could be near it (words
--     it begins, words sharing its first letter or its last two letters, read through
--     btree indexes), and "near" is the usual fuzzy-search rule: no typo in words of one
--     or two letters, one in words of three to five, two in longer words (as a prefix
--     too, for names typed half-way);
--   * customers are fetched best match class first, each class in debt order, stopping
--     once a page is certain (the threshold algorithm): a common name costs a page, not
--     its thousands of holders;
--   * the word index is keyed by shop, so a name common in other shops costs nothing;
--   * a search counts its matches up to 100 and then says "100+" (a list shows 8 at a
--     time; past a hundred, typing more of the name is the way).

-- ============================================================================
-- Vocabulary lookups by beginning and by ending
-- ============================================================================

-- Byte order ("C") so that "words beginning with x" is a range of the primary key.
alter table public.search_words alter column word type text collate "C";

create index search_words_by_ending on public.search_words (shop_id, reverse(word)) include (word);
comment on index public.search_words_by_ending is
  'Vocabulary words by their reversed spelling: finds the words that end like a query word.';

create function private.typos_allowed(p_word text)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case when char_length(p_word) <= 2 then 0 when char_length(p_word) <= 5 then 1 else 2 end
$$;
comment on function private.typos_allowed(text) is
  'How many typos (edits) a query word may have: none up to 2 letters, one up to 5, else two.';

create function private.vocabulary_matches(p_shop_id bigint, p_words text[])
returns table (n integer, word text, score real)
language plpgsql
stable
set search_path = ''
as $$
#variable_conflict use_column
-- Score: 1 for the same word, 0.9 for a word the query word begins, else the better of
-- 1 - edits / length and 0.9 × (1 - edits / length) against the word's beginning.
-- One query per query word, so each range is read through its index.
declare
  v_w text collate "C";
  v_typos integer;
begin
  for i in 1 .. coalesce(cardinality(p_words), 0) loop
    v_w := p_words[i];
    v_typos := private.typos_allowed(v_w);
    return query
      with candidates as (
        select sw.word from public.search_words as sw
         where sw.shop_id = p_shop_id and sw.word >= v_w and sw.word < v_w || chr(1114111)
        union
        select sw.word from public.search_words as sw
         where v_typos > 0 and sw.shop_id = p_shop_id
           and sw.word >= left(v_w, 1) and sw.word < left(v_w, 1) || chr(1114111)
        union
        select sw.word from public.search_words as sw
         where v_typos > 0 and sw.shop_id = p_shop_id
           and reverse(sw.word) >= reverse(right(v_w, 2)) and reverse(sw.word) < reverse(right(v_w, 2)) || chr(1114111)
      ), measured as (
        select c.word,
               extensions.levenshtein_less_equal(left(v_w, 255), left(c.word, 255), v_typos) as whole,
               extensions.levenshtein_less_equal(left(v_w, 255), left(c.word, char_length(v_w)), v_typos) as start
          from candidates as c
      )
      select i, m.word::text,
             greatest(case when m.whole <= v_typos
                           then 1 - m.whole::real / greatest(char_length(v_w), char_length(m.word), 1) else 0 end,
                      0.9 * (1 - m.start::real / greatest(char_length(v_w), 1)))::real
        from measured as m
       where m.whole <= v_typos or m.start <= v_typos;
  end loop;
end;
$$;
comment on function private.vocabulary_matches(bigint, text[]) is
  'The shop''s vocabulary words near each folded query word (numbered from 1), with a score up to 1.';

-- ============================================================================
-- The word index, keyed by shop
-- ============================================================================

create function private.search_keys(p_shop_id bigint, p_words text[])
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  -- String functions, not unnest: cheap enough to evaluate on every row of a walk.
  select case when cardinality(p_words) > 0
              then string_to_array(p_shop_id::text || ':' || array_to_string(p_words, chr(31) || p_shop_id::text || ':'), chr(31))
              else '{}'::text[] end
$$;
comment on function private.search_keys(bigint, text[]) is
  'Words or tags qualified by shop ("12:omar"), so that an index lists one shop''s holders of a word.';

-- These replace indexes spanning every shop: a word or tag common in other shops made
-- the old ones read long lists. Search no longer matches search_text or phone_digits by
-- trigram (words and search_phones do), and a phone is looked up whole by the btree.
drop index public.customers_search_words;
drop index public.customers_tags;
drop index public.customers_search_text_trgm;
drop index public.customers_phone_digits_trgm;
create index customers_search_keys on public.customers
  using gin (private.search_keys(shop_id, search_words));
create index customers_tag_keys on public.customers
  using gin (private.search_keys(shop_id, tags));
create index customers_by_phone on public.customers (shop_id, phone_digits);

-- ============================================================================
-- Every phone's digits in one searchable column
-- ============================================================================

alter table public.customers add column search_phones text not null default '';
comment on column public.customers.search_phones is
  'The digits of every phone of the customer (main and others), each after a space. Kept by a trigger; indexed for search.';

create function private.customers_keep_search_phones()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.search_phones := coalesce(
    (select string_agg(' ' || d, '' order by o)
       from unnest(array[new.phone] || new.other_phones) with ordinality as p(phone, o),
            private.digits_of(p.phone) as d
      where d is not null), '');
  return new;
end;
$$;

create trigger customers_keep_search_phones
  before insert or update of phone, other_phones on public.customers
  for each row execute function private.customers_keep_search_phones();

update public.customers set phone = phone;

create function private.phone_keys(p_shop_id bigint, p_digits text)
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(distinct p_shop_id::text || ':' || substr(p_digits, i, 3)), '{}')
    from generate_series(1, char_length(p_digits) - 2) as i
   where substr(p_digits, i, 3) ~ '^[0-9]{3}$'
$$;
comment on function private.phone_keys(bigint, text) is
  'Every run of three digits in a customer''s phones (or a query), qualified by shop ("12:059"): a trigram index keyed by shop.';

-- Not pg_trgm: every phone of a country shares its first digits, so those trigrams list
-- every customer of every shop; keyed by shop, they list one shop's.
create index customers_phone_keys on public.customers
  using gin (private.phone_keys(shop_id, search_phones));

-- ============================================================================
-- Fetching a page of the best matches
-- ============================================================================

create function private.customer_pool(
  p_shop_id bigint,
  p_walk text[],
  p_gather text[],
  p_keyed boolean,
  p_bounds real[],
  p_size integer
)
returns bigint[]
language plpgsql
stable
set search_path = ''
as $$
-- Match classes, best first: p_walk[i] is the class's condition on customers "c" on their
-- own columns, p_gather[i] the same condition written for an index, both built by the
-- caller from quoted literals only; when p_keyed, the index is keyed by shop and the
-- gather condition implies the shop. p_bounds[i] is the lowest score a customer of the
-- class can have.
-- One walk over the shop's largest debts finds each common class's page within a few
-- hundred rows; a class the walk leaves short is rare, and is gathered through its index.
-- Classes stop once p_size customers are known to rank above anything a later class
-- could add. The result holds the best p_size customers by (score, balance, id), and a
-- few more: the caller ranks them.
declare
  v_classes integer := coalesce(cardinality(p_walk), 0);
  v_walk integer := least(greatest(60 * p_size, 500), 6000);
  v_walked integer;
  v_hits jsonb;
  v_ids bigint[] := '{}';
  v_bounds real[] := '{}';
  v_found bigint[];
begin
  if v_classes = 0 then
    return v_ids;
  end if;
  execute format(
    'select count(*), jsonb_build_array(%s)
       from (select * from public.customers as c
              where c.shop_id = $1 and c.archived_at is null
              order by c.balance desc, c.id
              limit $2) as c',
    (select string_agg(format('coalesce((array_agg(c.id order by c.balance desc, c.id) filter (where %s))[1:$3], ''{}'')',
                              w), ', ' order by i)
       from unnest(p_walk) with ordinality as t(w, i)))
    into v_walked, v_hits using p_shop_id, v_walk, p_size;

  for i in 1 .. v_classes loop
    exit when (select count(*) from unnest(v_bounds) as b where b > p_bounds[i]) >= p_size;
    v_found := array(select jsonb_array_elements_text(v_hits -> (i - 1))::bigint);
    if cardinality(v_found) < p_size and v_walked = v_walk then
      v_found := private.top_customers(p_shop_id, p_gather[i], p_keyed, p_size);
    end if;
    select v_ids || coalesce(array_agg(f), '{}'),
           v_bounds || coalesce(array_agg(p_bounds[i]), '{}')
      into v_ids, v_bounds
      from unnest(v_found) as f
     where f <> all(v_ids);
  end loop;
  return v_ids;
end;
$$;
comment on function private.customer_pool(bigint, text[], text[], boolean, real[], integer) is
  'The ids of at least the best p_size active customers of a shop over match classes (conditions with score lower bounds, best first).';

create function private.top_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_size integer)
returns bigint[]
language plpgsql
stable
set search_path = ''
as $$
-- p_condition is built from quoted literals only. Keyed by shop, the index lists this
-- shop's holders alone: gather them all (materialized, so planned for every match) and
-- sort. Otherwise the planner chooses between the index and a walk in debt order.
declare
  v_found bigint[];
begin
  if p_keyed then
    execute format(
      'with class as materialized (
         select c.id, c.balance from public.customers as c where c.archived_at is null and (%s))
       select coalesce(array_agg(top.id), ''{}'')
         from (select id from class order by balance desc, id limit $1) as top', p_condition)
      into v_found using p_size;
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
  'The ids of the p_size largest debts among a shop''s active customers meeting a condition (built from quoted literals).';

create function private.count_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_cap integer)
returns bigint
language plpgsql
stable
set search_path = ''
as $$
-- As top_customers, counting no further than the cap.
declare
  v_count bigint;
begin
  if p_keyed then
    execute format(
      'with found as materialized (
         select c.id from public.customers as c where c.archived_at is null and (%s))
       select count(*) from (select from found limit $1) as capped', p_condition)
      into v_count using p_cap;
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
  'How many of a shop''s active customers meet a condition (built from quoted literals), counting no further than p_cap.';

revoke execute on all functions in schema private from public, anon, authenticated, service_role;

-- ============================================================================
-- list_customers: pages of the best matches, counts capped at 100
-- ============================================================================

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
  v_rows jsonb;
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
    select count(*) into v_total from public.customers as c where c.shop_id = v.shop_id and c.archived_at is null;
    select coalesce(jsonb_agg(private.customer_list_json(r, v_top) order by r.balance desc, r.id), '[]') into v_rows
      from (select * from public.customers as c
             where c.shop_id = v.shop_id and c.archived_at is null
             order by c.balance desc, c.id
             limit v_limit offset v_offset) as r;
    return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', v_total, 'total_capped', false,
                              'customers', v_rows, 'shop', private.shop_json(v));
  end if;

  -- A search pages through its first hundred matches.
  v_offset := least(v_offset, c_cap - 1);

  if v_query like '#%' then
    v_mode := 'tag';
    v_tags := private.clean_tags(regexp_split_to_array(v_query, '[\s,]+'));
    v_match := format('private.search_keys(c.shop_id, c.tags) @> %L::text[]', private.search_keys(v.shop_id, v_tags));
    v_keyed := true;
    v_pool := private.customer_pool(v.shop_id, array[format('c.tags @> %L::text[]', v_tags)], array[v_match],
                                    v_keyed, array[1]::real[], v_offset + v_limit);
    select coalesce(jsonb_agg(private.customer_list_json(r, v_top) order by r.balance desc, r.id), '[]') into v_rows
      from (select * from public.customers as c
             where c.id = any(v_pool)
             order by c.balance desc, c.id
             limit v_limit offset v_offset) as r;
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
    select coalesce(jsonb_agg(private.customer_list_json(r.customer, v_top)
                              order by r.starts desc, r.balance desc, r.id), '[]')
      into v_rows
      from (select c as customer, c.id, c.balance, c.search_phones like '% ' || v_digits || '%' as starts
              from public.customers as c
             where c.id = any(v_pool)
             order by starts desc, c.balance desc, c.id
             limit v_limit offset v_offset) as r;
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
    -- mean of its best per query word, raised to 1 when its name starts with the whole
    -- query and to 0.95 when the name holds it.
    -- Match classes: one score level per query word (each word's four best levels; the
    -- 24 best combinations), the whole-query classes, and last any match.
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
             a.gather || format(' and starts_with(c.search_text, %L)', v_key)
        from conditions as a where a.bound is null
      union all
      select 0.95::real, a.walk || format(' and strpos(c.search_text, %L) > 0', v_key),
             a.gather || format(' and strpos(c.search_text, %L) > 0', v_key)
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
      select c as customer, c.id, c.balance,
             greatest(
               (select avg(b.best)
                  from (select max(g.score) as best
                          from unnest(v_g_n, v_g_word, v_g_score) as g(n, word, score)
                         where g.word = any(c.search_words)
                         group by g.n) as b),
               case when starts_with(c.search_text, v_key) then 1.0
                    when strpos(c.search_text, v_key) > 0 then 0.95
                    else 0 end) as score
        from public.customers as c
       where c.id = any(v_pool)
    )
    select coalesce(jsonb_agg(private.customer_list_json(r.customer, v_top)
                                || jsonb_build_object('score', round(r.score::numeric, 3))
                              order by r.score desc, r.balance desc, r.id), '[]')
      into v_rows
      from (select * from scored order by score desc, balance desc, id
             limit v_limit offset v_offset) as r;
  end if;

  v_total := private.count_customers(v.shop_id, v_match, v_keyed, c_cap + 1);
  if v_total > c_cap then
    v_total := c_cap;
    v_capped := true;
  end if;
  return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', v_total, 'total_capped', v_capped,
                            'customers', v_rows, 'shop', private.shop_json(v));
end;
$$;

comment on function public.list_customers(bigint, text, integer, integer) is
  'Lists active customers, largest debt first; with a query searches by name/nickname (fuzzy through the shop''s word vocabulary, Arabic-aware), phone digits (3+, any of their phones), or #tag, best match first. A search counts up to 100 matches (total_capped says there are more). Each row has its badges; nicknames are never returned.';
