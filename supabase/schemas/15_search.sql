-- PayTrack declarative schema: search.
-- Search: the word vocabulary, folding, fuzzy matching and /search.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Table search_words
-- ================================================================================================

create table public.search_words (
    shop_id bigint not null,
    word text not null collate pg_catalog."C"
);

alter table only public.search_words
    add constraint search_words_pkey primary key (shop_id, word);

alter table only public.search_words
    add constraint search_words_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

create index search_words_by_ending on public.search_words using btree (shop_id, reverse(word)) include (word);

alter table public.search_words enable row level security;

create policy "The bot's service role manages the search vocabulary" on public.search_words to service_role using (true) with check (true);

comment on table public.search_words is 'Every folded word of a shop''s customer names and nicknames, for fast fuzzy search. Kept by a trigger; a word may outlive the customers that had it.';

comment on column public.search_words.shop_id is 'The shop whose customers hold the word.';

comment on column public.search_words.word is 'One folded word of a customer''s name or nickname (see private.search_key), in byte order.';

comment on index public.search_words_by_ending is 'Vocabulary words by their reversed spelling: finds the words that end like a query word.';

grant select,insert,delete,update on table public.search_words to service_role;

-- ================================================================================================
-- Helpers
-- ================================================================================================

create function private.count_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_cap integer) returns bigint
    language plpgsql stable
    set search_path to ''
    as $_$
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
$_$;

comment on function private.count_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_cap integer) is 'How many of a shop''s active customers meet a condition (built from quoted literals), counting no further than p_cap; always filtered by the shop.';
revoke execute on function private.count_customers(bigint, text, boolean, integer) from public, anon, authenticated;

create function private.customers_add_search_words() returns trigger
    language plpgsql
    set search_path to ''
    as $$
begin
  insert into public.search_words (shop_id, word)
  select new.shop_id, w from unnest(new.search_words) as w
  on conflict do nothing;
  return null;
end;
$$;

comment on function private.customers_add_search_words() is 'Trigger: adds a customer''s words to the shop''s search vocabulary (public.search_words).';
revoke execute on function private.customers_add_search_words() from public, anon, authenticated;

create function private.customers_keep_search_words() returns trigger
    language plpgsql
    set search_path to ''
    as $$
begin
  new.search_words := array(
    select distinct w from unnest(string_to_array(new.search_text, ' ')) as w where w <> '' order by w);
  return new;
end;
$$;

comment on function private.customers_keep_search_words() is 'Trigger: keeps a customer''s search_words (the distinct words of search_text).';
revoke execute on function private.customers_keep_search_words() from public, anon, authenticated;

create function private.customers_list_json(p_ids bigint[], p_scores numeric[], p_top bigint) returns jsonb
    language plpgsql stable
    set search_path to ''
    as $$
begin
  -- One query for the page (each customer's last payment through a join, not a function
  -- call per row); rows keep the order of p_ids, with their score when given.
  -- The overdue badge (with the amount) reads private.purchase_dues only for a customer on
  -- the page who owes.
  return (
    select coalesce(jsonb_agg(
             jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                                'tags', to_jsonb(c.tags), 'balance', c.balance,
                                'badges', to_jsonb(private.customer_badges(c, p_top, paid.at)
                                                   || case when late.overdue > 0 then array['overdue'] else array[]::text[] end))
             || case when p.score is null then '{}'::jsonb else jsonb_build_object('score', p.score) end
             || case when late.overdue > 0 then jsonb_build_object('overdue', late.overdue, 'oldest_overdue_on', late.oldest)
                     else '{}'::jsonb end
             order by p.ord), '[]')
      from unnest(p_ids, p_scores) with ordinality as p(id, score, ord)
      join public.customers as c on c.id = p.id
      cross join lateral (select max(t.created_at) as at from public.transactions as t
                           where t.customer_id = c.id and t.kind = 'payment' and t.voided_at is null) as paid
      left join lateral (select sum(d.unpaid) as overdue, min(d.due_on) as oldest
                           from private.purchase_dues(c.id) as d
                          where d.unpaid > 0 and d.due_on < private.shop_today(c.shop_id)) as late on c.balance > 0
  );
end;
$$;

comment on function private.customers_list_json(p_ids bigint[], p_scores numeric[], p_top bigint) is 'Customers as lists show them (never with nicknames), in the given order, with badges (overdue, with overdue and oldest_overdue_on, for one who owes and is past a due date) and optional scores.';
revoke execute on function private.customers_list_json(bigint[], numeric[], bigint) from public, anon, authenticated;

create function private.digits_of(value text) returns text
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select nullif(regexp_replace(translate(coalesce(value, ''), '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789'), '[^0-9]', '', 'g'), '')
$$;

comment on function private.digits_of(value text) is 'The digits of a phone number (Arabic-Indic digits converted), or null.';
revoke execute on function private.digits_of(text) from public, anon, authenticated;

create function private.customers_keep_search_phones() returns trigger
    language plpgsql
    set search_path to ''
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

comment on function private.customers_keep_search_phones() is 'Trigger: keeps search_phones, the digits of every phone of the customer.';
revoke execute on function private.customers_keep_search_phones() from public, anon, authenticated;

create function private.phone_keys(p_shop_id bigint, p_digits text) returns text[]
    language sql immutable parallel safe
    set search_path to ''
    as $_$
  select coalesce(array_agg(distinct p_shop_id::text || ':' || substr(p_digits, i, 3)), '{}')
    from generate_series(1, char_length(p_digits) - 2) as i
   where substr(p_digits, i, 3) ~ '^[0-9]{3}$'
$_$;

comment on function private.phone_keys(p_shop_id bigint, p_digits text) is 'Every run of three digits in a customer''s phones (or a query), qualified by shop ("12:059"): a trigram index keyed by shop.';
revoke execute on function private.phone_keys(bigint, text) from public, anon, authenticated;

create function private.search_key(value text) returns text
    language sql immutable parallel safe
    set search_path to ''
    as $_$
  select btrim(regexp_replace(
    lower(translate(
      regexp_replace(
        normalize(coalesce(value, ''), NFD),
        '[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]',
        '', 'g'),
      'ةىیکٱ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
      'هييكا01234567890123456789')),
    '[\s\-.,;:!?()"''`_/|~%\\*+=<>@$^&{}\[\]]+', ' ', 'g'))
$_$;

comment on function private.search_key(value text) is 'Folds text for search: lower case, accents and Arabic tashkeel removed, أ/إ/آ→ا, ة→ه, ى→ي, Arabic-Indic digits→0-9, punctuation→space.';
revoke execute on function private.search_key(text) from public, anon, authenticated;

create function private.search_keys(p_shop_id bigint, p_words text[]) returns text[]
    language sql immutable parallel safe
    set search_path to ''
    as $$
  -- String functions, not unnest: cheap enough to evaluate on every row of a walk.
  select case when cardinality(p_words) > 0
              then string_to_array(p_shop_id::text || ':' || array_to_string(p_words, chr(31) || p_shop_id::text || ':'), chr(31))
              else '{}'::text[] end
$$;

comment on function private.search_keys(p_shop_id bigint, p_words text[]) is 'Words or tags qualified by shop ("12:omar"), so that an index lists one shop''s holders of a word.';
revoke execute on function private.search_keys(bigint, text[]) from public, anon, authenticated;

create function private.top_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_size integer) returns bigint[]
    language plpgsql stable
    set search_path to ''
    as $_$
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
$_$;

comment on function private.top_customers(p_shop_id bigint, p_condition text, p_keyed boolean, p_size integer) is 'The ids of the p_size largest debts among a shop''s active customers meeting a condition (built from quoted literals); always filtered by the shop.';
revoke execute on function private.top_customers(bigint, text, boolean, integer) from public, anon, authenticated;

create function private.customer_pool(p_shop_id bigint, p_walk text[], p_gather text[], p_keyed boolean, p_bounds real[], p_size integer, p_walk_rows integer default null::integer) returns bigint[]
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

comment on function private.customer_pool(p_shop_id bigint, p_walk text[], p_gather text[], p_keyed boolean, p_bounds real[], p_size integer, p_walk_rows integer) is 'The ids of at least the best p_size active customers of a shop over match classes (conditions with score lower bounds, best first).';
revoke execute on function private.customer_pool(bigint, text[], text[], boolean, real[], integer, integer) from public, anon, authenticated;

create function private.typos_allowed(p_word text) returns integer
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select case when char_length(p_word) <= 2 then 0 when char_length(p_word) <= 5 then 1 else 2 end
$$;

comment on function private.typos_allowed(p_word text) is 'How many typos (edits) a query word may have: none up to 2 letters, one up to 5, else two.';
revoke execute on function private.typos_allowed(text) from public, anon, authenticated;

create function private.vocabulary_matches(p_shop_id bigint, p_words text[]) returns table(n integer, word text, score real)
    language plpgsql stable
    set search_path to ''
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

comment on function private.vocabulary_matches(p_shop_id bigint, p_words text[]) is 'The shop''s vocabulary words near each folded query word (numbered from 1), with a score up to 1.';
revoke execute on function private.vocabulary_matches(bigint, text[]) from public, anon, authenticated;

create function private.word_match_score(p_query text, p_target text) returns real
    language sql immutable parallel safe
    set search_path to ''
    as $$
  -- For each query word, how close the nearest word of the target is (1 - edit distance
  -- / length), averaged: "jon smth" is nearer "john smith" (0.78) than "jon snow" (0.63).
  select coalesce(avg(best), 0)::real
    from (select max(1 - extensions.levenshtein(left(q, 255), left(t, 255))::real
                       / greatest(char_length(q), char_length(t), 1)) as best
            from unnest(string_to_array(p_query, ' ')) with ordinality as qw(q, n)
            cross join unnest(string_to_array(p_target, ' ')) as tw(t)
           group by qw.n) as per_word
$$;

comment on function private.word_match_score(p_query text, p_target text) is 'How well the words of a folded query match the words of a folded name (edit distance per word, 0 to 1).';
revoke execute on function private.word_match_score(text, text) from public, anon, authenticated;

-- ================================================================================================
-- RPCs (service_role only)
-- ================================================================================================

create function public.list_customers(p_actor bigint, p_query text default null::text, p_limit integer default 10, p_offset integer default 0) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    set max_parallel_workers_per_gather to '0'
    as $_$
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
$_$;

comment on function public.list_customers(p_actor bigint, p_query text, p_limit integer, p_offset integer) is 'Lists active customers, largest debt first; with a query searches by name/nickname (fuzzy through the shop''s word vocabulary, Arabic-aware), phone digits (3+, any of their phones), or #tag, best match first. A query with nothing searchable ("#", "##", punctuation) finds nothing. A search counts up to 100 matches (total_capped says there are more). Each row has its badges; nicknames are never returned.';
revoke execute on function public.list_customers(bigint, text, integer, integer) from public, anon, authenticated;
grant execute on function public.list_customers(bigint, text, integer, integer) to service_role;

-- ================================================================================================
-- On tables of earlier areas: foreign keys to this area's tables, and indexes on this area's functions
-- ================================================================================================

-- On customers: here, once the functions it uses exist.
create index customers_phone_keys on public.customers using gin (private.phone_keys(shop_id, search_phones));

-- On customers: here, once the functions it uses exist.
create index customers_search_keys on public.customers using gin (private.search_keys(shop_id, search_words));

-- On customers: here, once the functions it uses exist.
create index customers_tag_keys on public.customers using gin (private.search_keys(shop_id, tags));

-- ================================================================================================
-- Triggers
-- ================================================================================================

create trigger customers_add_search_words after insert or update of full_name, nicknames on public.customers for each row execute function private.customers_add_search_words();

create trigger customers_keep_search_phones before insert or update of phone, other_phones on public.customers for each row execute function private.customers_keep_search_phones();

create trigger customers_keep_search_words before insert or update of full_name, nicknames on public.customers for each row execute function private.customers_keep_search_words();

-- ================================================================================================
-- Archived customers and nickname matches (migration 20261202000300_history_search.sql)
-- ================================================================================================

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_restored', 'An archived customer was brought back into lists and search. Undo archives them again.', true, false, null);

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
