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
-- 1 - edits / length and (from four letters) 0.9 × (1 - edits / length) against the
-- word's beginning.
-- One query per query word, so each range is read through its index. A query word
-- expands to its 20 nearest words at most (as a fuzzy query's max_expansions).
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
               -- Against the word's beginning only from four letters: "jon" would begin too much.
               case when char_length(v_w) >= 4
                    then extensions.levenshtein_less_equal(left(v_w, 255), left(c.word, char_length(v_w)), v_typos)
                    when starts_with(c.word, v_w) then 0
                    else v_typos + 1 end as start
          from candidates as c
      )
      select i, s.word, s.score
        from (select m.word::text as word,
                     greatest(case when m.whole <= v_typos
                                   then 1 - m.whole::real / greatest(char_length(v_w), char_length(m.word), 1)
                                   else 0 end,
                              0.9 * (1 - m.start::real / greatest(char_length(v_w), 1)))::real as score
                from measured as m
               where m.whole <= v_typos or m.start <= v_typos) as s
       order by s.score desc, s.word
       limit 20;
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
create index customers_by_search_text on public.customers (shop_id, search_text collate "C");
comment on index public.customers_by_search_text is
  'Folded names in byte order per shop: finds the names that start with a search query.';

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
-- How many active customers each shop has
-- ============================================================================

-- The full list says "of 100,000": counting them on every /search took 10 ms in such a shop.
alter table public.shops add column active_customers integer not null default 0;
comment on column public.shops.active_customers is
  'How many customers of the shop are active (not archived). Kept by triggers on customers.';

create function private.shops_count_added_customers()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.shops as s set active_customers = s.active_customers + d.n
    from (select shop_id, count(*) as n from added where archived_at is null group by shop_id) as d
   where s.id = d.shop_id;
  return null;
end;
$$;

create function private.shops_count_removed_customers()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.shops as s set active_customers = s.active_customers - d.n
    from (select shop_id, count(*) as n from removed where archived_at is null group by shop_id) as d
   where s.id = d.shop_id;
  return null;
end;
$$;

create function private.shops_count_archived_customer()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.shops set active_customers = active_customers + case when new.archived_at is null then 1 else -1 end
   where id = new.shop_id;
  return null;
end;
$$;

-- Once per statement for inserts and deletes (a bulk import is one update of the shop);
-- once per archive or restore, which is rare.
create trigger customers_count_added
  after insert on public.customers
  referencing new table as added
  for each statement execute function private.shops_count_added_customers();
create trigger customers_count_removed
  after delete on public.customers
  referencing old table as removed
  for each statement execute function private.shops_count_removed_customers();
create trigger customers_count_archived
  after update of archived_at on public.customers
  for each row when ((old.archived_at is null) <> (new.archived_at is null))
  execute function private.shops_count_archived_customer();

update public.shops as s
   set active_customers = (select count(*) from public.customers as c where c.shop_id = s.id and c.archived_at is null);

-- ============================================================================
-- Fetching a page of the best matches
-- ============================================================================

create function private.customer_pool(
  p_shop_id bigint,
  p_walk text[],
  p_gather text[],
  p_keyed boolean,
  p_bounds real[],
  p_size integer,
  p_walk_rows integer default null
)
returns bigint[]
language plpgsql
stable
set search_path = ''
as $$
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
  v_ids bigint[] := '{}';
  v_bounds real[] := '{}';
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
$$;
comment on function private.customer_pool(bigint, text[], text[], boolean, real[], integer, integer) is
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
-- A page of customers as lists show them
-- ============================================================================

create function private.customer_badges(c public.customers, p_top bigint, p_last_payment timestamptz)
returns text[]
language sql
stable
set search_path = ''
as $$
  select array_remove(array[
    case when c.archived_at is null and c.balance > 0 and c.balance = p_top then 'top_debtor' end,
    case when c.balance > 0 and greatest(c.created_at, p_last_payment) < now() - interval '60 days'
         then 'no_payment_60_days' end,
    case when c.created_at > now() - interval '7 days' then 'new_this_week' end
  ], null)
$$;
comment on function private.customer_badges(public.customers, bigint, timestamptz) is
  'Automatic badges, given the customer''s last payment: top_debtor (largest balance owed in the shop), no_payment_60_days (owes, and no payment for 60 days), new_this_week.';

-- The one-customer form now asks for the last payment and applies the same rules.
create or replace function private.customer_badges(c public.customers, p_top bigint)
returns text[]
language sql
stable
set search_path = ''
as $$
  select private.customer_badges(c, p_top,
    (select max(t.created_at) from public.transactions as t
      where t.customer_id = c.id and t.kind = 'payment' and t.voided_at is null))
$$;

create function private.customers_list_json(p_ids bigint[], p_scores numeric[], p_top bigint)
returns jsonb
language sql
stable
set search_path = ''
as $$
  -- One query for the page (each customer's last payment through a join, not a function
  -- call per row); rows keep the order of p_ids, with their score when given.
  select coalesce(jsonb_agg(
           jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                              'tags', to_jsonb(c.tags), 'balance', c.balance,
                              'badges', to_jsonb(private.customer_badges(c, p_top, paid.at)))
           || case when p.score is null then '{}'::jsonb else jsonb_build_object('score', p.score) end
           order by p.ord), '[]')
    from unnest(p_ids, p_scores) with ordinality as p(id, score, ord)
    join public.customers as c on c.id = p.id
    cross join lateral (select max(t.created_at) as at from public.transactions as t
                         where t.customer_id = c.id and t.kind = 'payment' and t.voided_at is null) as paid
$$;
comment on function private.customers_list_json(bigint[], numeric[], bigint) is
  'Customers as lists show them (never with nicknames), in the given order, with badges and optional scores.';

-- Replaced by customers_list_json.
drop function private.customer_list_json(public.customers, bigint);

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
  'Lists active customers, largest debt first; with a query searches by name/nickname (fuzzy through the shop''s word vocabulary, Arabic-aware), phone digits (3+, any of their phones), or #tag, best match first. A search counts up to 100 matches (total_capped says there are more). Each row has its badges; nicknames are never returned.';
