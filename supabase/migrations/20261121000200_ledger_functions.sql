-- PayTrack: the ledger's functions.
--
-- One public function per operation. Each is security definer with an empty
-- search_path and fully qualified names; it checks that the acting Telegram user
-- is a member of a shop with the right role, does its work, writes one row to the
-- action log and records the Telegram update_id, all in the caller's transaction:
-- everything commits together or nothing does.
--
-- Domain errors leave with SQLSTATE P0001, a stable snake_case code as the
-- message, a human sentence as the detail, and the hint 'paytrack'.

-- ============================================================================
-- Private helpers: errors and text folding
-- ============================================================================

create function private.fail(code text, detail text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = code, detail = coalesce(detail, ''), hint = 'paytrack';
end;
$$;
comment on function private.fail(text, text) is
  'Raises a PayTrack domain error: message is a stable code, detail a sentence, hint ''paytrack''.';

create function private.search_key(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select btrim(regexp_replace(
    lower(translate(
      regexp_replace(
        normalize(coalesce(value, ''), NFD),
        '[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]',
        '', 'g'),
      'ةىیکٱ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
      'هييكا01234567890123456789')),
    '[\s\-.,;:!?()"''`_/|~%\\*+=<>@$^&{}\[\]]+', ' ', 'g'))
$$;
comment on function private.search_key(text) is
  'Folds text for search: lower case, accents and Arabic tashkeel removed, أ/إ/آ→ا, ة→ه, ى→ي, Arabic-Indic digits→0-9, punctuation→space.';

create function private.word_match_score(p_query text, p_target text)
returns real
language sql
immutable
parallel safe
set search_path = ''
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
comment on function private.word_match_score(text, text) is
  'How well the words of a folded query match the words of a folded name (edit distance per word, 0 to 1).';

create function private.digits_of(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select nullif(regexp_replace(translate(coalesce(value, ''), '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789'), '[^0-9]', '', 'g'), '')
$$;
comment on function private.digits_of(text) is 'The digits of a phone number (Arabic-Indic digits converted), or null.';

create function private.clean_text(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select btrim(regexp_replace(coalesce(value, ''), '\s+', ' ', 'g'))
$$;
comment on function private.clean_text(text) is 'Trims and collapses white space.';

create function private.clean_tags(value text[])
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(distinct t order by t), '{}')
  from (select lower(btrim(btrim(x), '#')) as t from unnest(coalesce(value, '{}')) as x) as tags
  where t <> '' and char_length(t) <= 32
$$;
comment on function private.clean_tags(text[]) is 'Lower-cases tags, drops the #, empties and duplicates, and sorts them.';

create function private.tags_in(value text)
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(m[1]), '{}')
  from regexp_matches(coalesce(value, ''), '#([^\s#.,;:!?()"''`]+)', 'g') as m
$$;
comment on function private.tags_in(text) is 'The #tags written in a text, without the #.';

-- Keeps the derived search columns of a customer in step with what was typed.
create function private.customers_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.search_text := private.search_key(new.full_name || ' ' || array_to_string(new.nicknames, ' '));
  new.phone_digits := private.digits_of(new.phone);
  new.tags := private.clean_tags(new.tags);
  return new;
end;
$$;

create trigger customers_keep_search_fields
  before insert or update of full_name, nicknames, phone, tags on public.customers
  for each row execute function private.customers_before_write();

-- ============================================================================
-- Private helpers: membership, idempotency, JSON shapes
-- ============================================================================

create type private.acting_member as (
  shop_id bigint,
  user_id bigint,
  role public.member_role,
  display_name text,
  shop_name text,
  currency text,
  minor_unit smallint
);

create function private.acting_member(p_actor bigint, p_needs public.member_role default null)
returns private.acting_member
language plpgsql
stable
set search_path = ''
as $$
declare
  v private.acting_member;
begin
  select m.shop_id, m.telegram_user_id, m.role, m.display_name, s.name, s.currency, c.minor_unit
    into v
    from public.members as m
    join public.shops as s on s.id = m.shop_id
    join public.currencies as c on c.code = s.currency
   where m.telegram_user_id = p_actor and m.removed_at is null;
  if not found then
    perform private.fail('not_a_member', 'This Telegram user is not a member of a shop.');
  end if;
  if p_needs = 'owner' and v.role <> 'owner' then
    perform private.fail('owner_only', 'Only a shop owner can do this.');
  end if;
  return v;
end;
$$;
comment on function private.acting_member(bigint, public.member_role) is
  'The shop membership of a Telegram user; fails with not_a_member, or owner_only when an owner is needed.';

-- Claims an update_id for an operation by an actor. Returns null when the update is new,
-- or the result stored by the first delivery. A concurrent duplicate waits for the first
-- to commit (or roll back) on the primary key. The same update_id from another actor, or
-- for another operation, is refused: it is never answered with someone else's result.
create function private.begin_update(p_update_id bigint, p_operation text, p_actor bigint)
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
  insert into public.processed_updates (update_id, operation, actor_id) values (p_update_id, p_operation, p_actor)
    on conflict (update_id) do nothing;
  if found then
    return null;
  end if;
  select * into v_prior from public.processed_updates where update_id = p_update_id;
  if v_prior.operation <> p_operation or v_prior.actor_id is distinct from p_actor then
    perform private.fail('update_already_used', 'This update was already used for another operation.');
  end if;
  return v_prior.result;
end;
$$;

create function private.finish_update(p_update_id bigint, p_result jsonb)
returns jsonb
language sql
set search_path = ''
as $$
  update public.processed_updates set result = p_result where update_id = p_update_id;
  select p_result;
$$;

create function private.shop_json(v private.acting_member)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('id', v.shop_id, 'name', v.shop_name, 'currency', v.currency, 'minor_unit', v.minor_unit)
$$;

create function private.member_json(v private.acting_member)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('user_id', v.user_id, 'role', v.role, 'display_name', v.display_name)
$$;

create function private.customer_json(c public.customers, p_with_nicknames boolean default false)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id, 'full_name', c.full_name, 'phone', c.phone, 'tags', to_jsonb(c.tags),
    'balance', c.balance, 'created_at', c.created_at, 'archived_at', c.archived_at)
    || case when p_with_nicknames then jsonb_build_object('nicknames', to_jsonb(c.nicknames)) else '{}'::jsonb end
$$;

create function private.transaction_json(t public.transactions)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', t.id, 'customer_id', t.customer_id, 'kind', t.kind, 'amount', t.amount,
    'description', t.description, 'tags', to_jsonb(t.tags), 'recorded_by', t.recorded_by,
    'balance_after', t.balance_after, 'created_at', t.created_at, 'voided_at', t.voided_at)
$$;

-- ============================================================================
-- Members: /start
-- ============================================================================

create function public.start_user(
  p_actor bigint,
  p_update_id bigint,
  p_display_name text,
  p_may_open_shop boolean default false,
  p_claim_if_unclaimed boolean default false,
  p_shop_name text default null,
  p_currency text default 'USD'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v_name text := left(private.clean_text(p_display_name), 64);
  v_shop_id bigint;
  v_status text;
  v private.acting_member;
  v_result jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'start_user', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;

  update public.members set display_name = v_name
   where telegram_user_id = p_actor and removed_at is null and v_name <> '' and display_name is distinct from v_name;

  if exists (select 1 from public.members where telegram_user_id = p_actor and removed_at is null) then
    v_status := 'member';
  else
    -- Serialise first-user claims so two strangers cannot both claim an empty bot.
    perform pg_advisory_xact_lock(hashtext('paytrack.claim_bot'));
    if p_may_open_shop or (p_claim_if_unclaimed and not exists (select 1 from public.shops)) then
      if not exists (select 1 from public.currencies where code = upper(p_currency)) then
        perform private.fail('unknown_currency', format('%s is not a currency PayTrack knows.', p_currency));
      end if;
      insert into public.shops (name, currency, created_by)
        values (coalesce(nullif(left(private.clean_text(p_shop_name), 100), ''), nullif(v_name, ''), 'My shop'),
                upper(p_currency), p_actor)
        returning id into v_shop_id;
      insert into public.members (shop_id, telegram_user_id, role, display_name)
        values (v_shop_id, p_actor, 'owner', v_name);
      insert into public.actions (shop_id, action, actor_id, action_info, update_id)
        values (v_shop_id, 'shop_opened', p_actor, jsonb_build_object('claimed', not p_may_open_shop), p_update_id);
      v_status := case when p_may_open_shop then 'opened' else 'claimed' end;
    else
      -- Nothing changed: forget the update so strangers leave no rows behind.
      delete from public.processed_updates where update_id = p_update_id;
      return jsonb_build_object('status', 'stranger');
    end if;
  end if;

  v := private.acting_member(p_actor);
  v_result := jsonb_build_object('status', v_status, 'member', private.member_json(v), 'shop', private.shop_json(v));
  return private.finish_update(p_update_id, v_result);
end;
$$;
comment on function public.start_user(bigint, bigint, text, boolean, boolean, text, text) is
  '/start: a member is greeted (status member); otherwise opens a shop when allowed (opened), claims an unclaimed bot (claimed), or reports a stranger.';

create function public.member_info(p_actor bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
begin
  v := private.acting_member(p_actor);
  return jsonb_build_object('member', private.member_json(v), 'shop', private.shop_json(v));
end;
$$;
comment on function public.member_info(bigint) is 'The acting user''s membership and shop; fails with not_a_member.';

-- ============================================================================
-- Customers
-- ============================================================================

create function public.add_customer(
  p_actor bigint,
  p_update_id bigint,
  p_full_name text,
  p_phone text default null,
  p_nicknames text[] default '{}',
  p_tags text[] default '{}'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_name text := private.clean_text(p_full_name);
  v_phone text := nullif(private.clean_text(p_phone), '');
  v_digits text := private.digits_of(p_phone);
  v_nicknames text[];
  v_same_phone jsonb;
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

  insert into public.customers (shop_id, full_name, nicknames, phone, tags, created_by)
    values (v.shop_id, v_name, v_nicknames, v_phone, coalesce(p_tags, '{}'), p_actor)
    returning * into v_customer;
  insert into public.actions (shop_id, action, actor_id, customer_id, action_info, update_id)
    values (v.shop_id, 'customer_added', p_actor, v_customer.id,
            jsonb_build_object('full_name', v_customer.full_name, 'phone', v_customer.phone), p_update_id);

  return private.finish_update(p_update_id, jsonb_build_object(
    'customer', private.customer_json(v_customer, true),
    'same_phone', v_same_phone,
    'shop', private.shop_json(v)));
end;
$$;
comment on function public.add_customer(bigint, bigint, text, text, text[], text[]) is
  'Adds a customer (name, optional phone, hidden nicknames, tags); reports another customer with the same phone in same_phone.';

-- ============================================================================
-- Purchases and payments
-- ============================================================================

create function private.record_transaction(
  p_actor bigint,
  p_update_id bigint,
  p_kind public.transaction_kind,
  p_customer_id bigint,
  p_amount bigint,
  p_settle boolean,
  p_description text
)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_operation text := case p_kind when 'purchase' then 'record_purchase' else 'record_payment' end;
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_amount bigint := p_amount;
  v_balance_before bigint;
  v_delta bigint;
  v_description text := private.clean_text(p_description);
  v_tx public.transactions;
begin
  v_prior := private.begin_update(p_update_id, v_operation, p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);

  -- The row lock serialises concurrent recordings against one customer.
  select * into v_customer from public.customers
   where id = p_customer_id and shop_id = v.shop_id
   for update;
  if not found then
    perform private.fail('customer_not_found', 'No such customer in this shop.');
  end if;
  if v_customer.archived_at is not null then
    perform private.fail('customer_archived', 'This customer is archived.');
  end if;

  if p_settle then
    if v_customer.balance <= 0 then
      perform private.fail('nothing_to_settle', 'This customer owes nothing.');
    end if;
    v_amount := v_customer.balance;
  end if;
  if v_amount is null or v_amount <= 0 then
    perform private.fail('amount_not_positive', 'The amount must be more than zero.');
  end if;
  if v_amount > 1000000000000 then
    perform private.fail('amount_too_large', 'The amount is larger than PayTrack accepts.');
  end if;
  if char_length(v_description) > 500 then
    perform private.fail('description_too_long', 'A description can have at most 500 characters.');
  end if;

  v_balance_before := v_customer.balance;
  v_delta := case p_kind when 'purchase' then v_amount else -v_amount end;
  if abs(v_balance_before + v_delta) > 1000000000000000 then
    perform private.fail('balance_out_of_range', 'The balance would be larger than PayTrack accepts.');
  end if;

  update public.customers set balance = balance + v_delta
   where id = v_customer.id
   returning * into v_customer;
  insert into public.transactions (shop_id, customer_id, kind, amount, description, tags, recorded_by, balance_after)
    values (v.shop_id, v_customer.id, p_kind, v_amount, v_description, private.clean_tags(private.tags_in(v_description)),
            p_actor, v_customer.balance)
    returning * into v_tx;
  insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, update_id)
    values (v.shop_id, p_kind || '_recorded', p_actor, v_customer.id, v_tx.id,
            jsonb_build_object('kind', p_kind, 'amount', v_amount, 'description', v_description,
                               'balance_before', v_balance_before, 'balance_after', v_customer.balance),
            p_update_id);

  return private.finish_update(p_update_id, jsonb_build_object(
    'transaction', private.transaction_json(v_tx),
    'customer', private.customer_json(v_customer),
    'shop', private.shop_json(v)));
end;
$$;

create function public.record_purchase(
  p_actor bigint,
  p_update_id bigint,
  p_customer_id bigint,
  p_amount bigint,
  p_description text default ''
)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.record_transaction(p_actor, p_update_id, 'purchase', p_customer_id, p_amount, false, p_description)
$$;
comment on function public.record_purchase(bigint, bigint, bigint, bigint, text) is
  'Records a purchase on credit (amount in minor units) and raises the customer''s balance; #tags in the description become tags.';

create function public.record_payment(
  p_actor bigint,
  p_update_id bigint,
  p_customer_id bigint,
  p_amount bigint default null,
  p_description text default '',
  p_settle boolean default false
)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select private.record_transaction(p_actor, p_update_id, 'payment', p_customer_id, p_amount, coalesce(p_settle, false), p_description)
$$;
comment on function public.record_payment(bigint, bigint, bigint, bigint, text, boolean) is
  'Records a payment and lowers the balance; p_settle pays exactly the whole balance. Overpaying leaves an advance (negative balance).';

-- ============================================================================
-- Reading: summary, list and search, history
-- ============================================================================

create function public.customer_summary(p_actor bigint, p_customer_id bigint, p_recent integer default 5)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
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
    'customer', private.customer_json(v_customer, true),
    'totals', v_totals,
    'recent', v_recent,
    'shop', private.shop_json(v));
end;
$$;
comment on function public.customer_summary(bigint, bigint, integer) is
  'A customer''s details (with hidden nicknames), totals of non-voided purchases and payments, and the latest transactions.';

create function public.list_customers(
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
  v private.acting_member;
  v_query text := private.clean_text(left(p_query, 200));
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 100);
  v_offset integer := least(greatest(coalesce(p_offset, 0), 0), 1000000);
  v_mode text;
  v_key text;
  v_tags text[];
  v_digits text;
  v_total bigint;
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);

  if v_query = '' then
    v_mode := 'all';
    select count(*) into v_total from public.customers as c where c.shop_id = v.shop_id and c.archived_at is null;
    select coalesce(jsonb_agg(r.j order by r.balance desc, r.id), '[]') into v_rows
      from (select c.id, c.balance, jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                     'tags', to_jsonb(c.tags), 'balance', c.balance) as j
              from public.customers as c
             where c.shop_id = v.shop_id and c.archived_at is null
             order by c.balance desc, c.id
             limit v_limit offset v_offset) as r;
  elsif v_query like '#%' then
    v_mode := 'tag';
    v_tags := private.clean_tags(regexp_split_to_array(v_query, '[\s,]+'));
    select count(*) into v_total from public.customers as c
     where c.shop_id = v.shop_id and c.archived_at is null and c.tags @> v_tags;
    select coalesce(jsonb_agg(r.j order by r.balance desc, r.id), '[]') into v_rows
      from (select c.id, c.balance, jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                     'tags', to_jsonb(c.tags), 'balance', c.balance) as j
              from public.customers as c
             where c.shop_id = v.shop_id and c.archived_at is null and c.tags @> v_tags
             order by c.balance desc, c.id
             limit v_limit offset v_offset) as r;
  elsif v_query ~ '^[\s0-9٠-٩۰-۹+()\-.]+$' and char_length(coalesce(private.digits_of(v_query), '')) >= 3 then
    v_mode := 'phone';
    v_digits := private.digits_of(v_query);
    select count(*) into v_total from public.customers as c
     where c.shop_id = v.shop_id and c.archived_at is null and c.phone_digits like '%' || v_digits || '%';
    select coalesce(jsonb_agg(r.j order by r.starts desc, r.balance desc, r.id), '[]') into v_rows
      from (select c.id, c.balance, (c.phone_digits like v_digits || '%') as starts,
                   jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone,
                     'tags', to_jsonb(c.tags), 'balance', c.balance) as j
              from public.customers as c
             where c.shop_id = v.shop_id and c.archived_at is null and c.phone_digits like '%' || v_digits || '%'
             order by starts desc, c.balance desc, c.id
             limit v_limit offset v_offset) as r;
  else
    v_mode := 'name';
    v_key := private.search_key(v_query);
    if v_key = '' then
      return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', 0, 'customers', '[]'::jsonb,
                                'shop', private.shop_json(v));
    end if;
    perform set_config('pg_trgm.similarity_threshold', '0.3', true);
    perform set_config('pg_trgm.word_similarity_threshold', '0.3', true);
    -- Rows are found with the trigram index, then ranked by how closely each query word
    -- matches a word of the name or a nickname (edit distance): "Jon Smth" ranks "John
    -- Smith" above "Jon Snow" and "Tom Jones". Exact and prefix matches come first.
    with matches as (
      select c.id, c.full_name, c.phone, c.tags, c.balance,
             greatest(private.word_match_score(v_key, c.search_text),
                      case when c.search_text like v_key || '%' then 1.0
                           when c.search_text like '%' || v_key || '%' then 0.95
                           else 0 end) as score
        from public.customers as c
       where c.shop_id = v.shop_id and c.archived_at is null
         and (c.search_text operator(extensions.%) v_key
              or v_key operator(extensions.<%) c.search_text
              or c.search_text like '%' || v_key || '%')
    )
    select (select count(*) from matches),
           coalesce((select jsonb_agg(jsonb_build_object('id', m.id, 'full_name', m.full_name, 'phone', m.phone,
                                        'tags', to_jsonb(m.tags), 'balance', m.balance, 'score', round(m.score::numeric, 3))
                                      order by m.score desc, m.balance desc, m.id)
                       from (select * from matches order by score desc, balance desc, id
                              limit v_limit offset v_offset) as m), '[]')
      into v_total, v_rows;
  end if;

  return jsonb_build_object('mode', v_mode, 'query', v_query, 'total', v_total, 'customers', v_rows,
                            'shop', private.shop_json(v));
end;
$$;
comment on function public.list_customers(bigint, text, integer, integer) is
  'Lists active customers, largest debt first; with a query searches by name/nickname (fuzzy, Arabic-aware), phone digits (3+), or #tag, best match first. Nicknames are never returned.';

create function public.list_actions(
  p_actor bigint,
  p_limit integer default 10,
  p_offset integer default 0,
  p_member bigint default null
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_limit integer := least(greatest(coalesce(p_limit, 10), 1), 100);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
  v_total bigint;
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);
  select count(*) into v_total from public.actions as a
   where a.shop_id = v.shop_id and (p_member is null or a.actor_id = p_member);
  select coalesce(jsonb_agg(r.j order by r.id desc), '[]') into v_rows
    from (select a.id, jsonb_build_object(
                   'id', a.id, 'action', a.action, 'created_at', a.created_at,
                   'actor_id', a.actor_id, 'actor_name', m.display_name,
                   'customer_id', a.customer_id, 'customer_name', c.full_name,
                   'transaction_id', a.transaction_id, 'info', a.action_info,
                   'undone_at', a.undone_at, 'undoes_action_id', a.undoes_action_id,
                   'undoable', private.can_undo(a, v)) as j
            from public.actions as a
            join public.members as m on m.shop_id = a.shop_id and m.telegram_user_id = a.actor_id
            left join public.customers as c on c.id = a.customer_id
           where a.shop_id = v.shop_id and (p_member is null or a.actor_id = p_member)
           order by a.id desc
           limit v_limit offset v_offset) as r;
  return jsonb_build_object('total', v_total, 'actions', v_rows, 'shop', private.shop_json(v));
end;
$$;
comment on function public.list_actions(bigint, integer, integer, bigint) is
  'The shop''s action log, newest first: who did what, for whom, and whether it can still be undone.';

-- ============================================================================
-- Undo
-- ============================================================================
--
-- Each kind of action that can be undone (public.action_kinds.undoable) has
--   private.undo_<action>(public.actions) returns public.customers
-- which reverses it and returns the customer as it is afterwards, and may have
--   private.undo_blocker_<action>(public.actions) returns text
-- which names (as an error code) why it cannot be undone right now, or returns null.
-- Later migrations add kinds by adding a row and these functions; nothing here changes.

-- The member running the current undo (undo functions take only the action row).
create function private.current_actor()
returns bigint
language sql
stable
set search_path = ''
as $$
  select nullif(current_setting('paytrack.actor', true), '')::bigint
$$;

create function private.undo_blocker(a public.actions)
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_fn regprocedure := to_regprocedure(format('private.%I(public.actions)', 'undo_blocker_' || a.action));
  v_blocker text;
begin
  if v_fn is null then
    return null;
  end if;
  execute format('select %s($1)', v_fn::oid::regproc) into v_blocker using a;
  return v_blocker;
end;
$$;
comment on function private.undo_blocker(public.actions) is
  'Why this action cannot be undone now (an error code), or null; asks private.undo_blocker_<action> when it exists.';

-- Whether a member may undo an action now: an undoable kind, not undone yet, their own
-- unless they are an owner, and nothing blocking it.
create function private.can_undo(a public.actions, v private.acting_member)
returns boolean
language sql
stable
set search_path = ''
as $$
  select a.undone_at is null
     and (select k.undoable from public.action_kinds as k where k.action = a.action)
     and (v.role = 'owner' or a.actor_id = v.user_id)
     and private.undo_blocker(a) is null
$$;

create function private.undo_blocker_customer_added(a public.actions)
returns text
language sql
stable
set search_path = ''
as $$
  select 'customer_has_transactions'
   where exists (select 1 from public.transactions as t where t.customer_id = a.customer_id and t.voided_at is null)
$$;

create function private.undo_customer_added(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  update public.customers set archived_at = coalesce(archived_at, now())
   where id = a.customer_id
  returning *
$$;

-- Voids the transaction an action recorded and moves the balance back.
create function private.void_recorded_transaction(a public.actions, p_undone_by bigint)
returns public.customers
language plpgsql
set search_path = ''
as $$
declare
  v_tx public.transactions;
  v_customer public.customers;
begin
  update public.transactions set voided_at = now(), voided_by = p_undone_by
   where id = a.transaction_id and voided_at is null
   returning * into v_tx;
  if not found then
    perform private.fail('already_undone', 'That transaction was already voided.');
  end if;
  update public.customers
     set balance = balance + case v_tx.kind when 'purchase' then -v_tx.amount else v_tx.amount end
   where id = v_tx.customer_id
   returning * into v_customer;
  return v_customer;
end;
$$;

create function private.undo_purchase_recorded(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  select * from private.void_recorded_transaction(a, private.current_actor())
$$;

create function private.undo_payment_recorded(a public.actions)
returns public.customers
language sql
set search_path = ''
as $$
  select * from private.void_recorded_transaction(a, private.current_actor())
$$;

create function public.undo_action(p_actor bigint, p_update_id bigint, p_action_id bigint default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_target public.actions;
  v_kind public.action_kinds;
  v_blocker text;
  v_customer public.customers;
  v_undo_id bigint;
begin
  v_prior := private.begin_update(p_update_id, 'undo_action', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);

  if p_action_id is null then
    select * into v_target from public.actions as a
     where a.shop_id = v.shop_id and private.can_undo(a, v)
     order by a.id desc limit 1
     for update;
    if not found then
      perform private.fail('nothing_to_undo', 'There is nothing left to undo.');
    end if;
  else
    select * into v_target from public.actions as a
     where a.id = p_action_id and a.shop_id = v.shop_id
     for update;
    if not found then
      perform private.fail('action_not_found', 'No such action in this shop.');
    end if;
  end if;

  select * into v_kind from public.action_kinds where action = v_target.action;
  if v_target.undone_at is not null then
    perform private.fail('already_undone', 'That action was already undone.');
  end if;
  if not v_kind.undoable then
    perform private.fail('not_undoable', 'That action cannot be undone.');
  end if;
  if v.role <> 'owner' and v_target.actor_id <> p_actor then
    perform private.fail('owner_only', 'A clerk can undo only their own actions.');
  end if;

  -- Lock the customer first, as recording does, so undo and recording never deadlock.
  perform 1 from public.customers where id = v_target.customer_id for update;
  v_blocker := private.undo_blocker(v_target);
  if v_blocker is not null then
    perform private.fail(v_blocker, 'That action cannot be undone now.');
  end if;

  perform set_config('paytrack.actor', p_actor::text, true);
  -- "select * from f()" calls f once; "(f()).*" would call it once per column.
  execute format('select * from private.%I($1)', 'undo_' || v_target.action) into v_customer using v_target;

  insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, update_id, undoes_action_id)
    values (v.shop_id, 'action_undone', p_actor, v_target.customer_id, v_target.transaction_id,
            jsonb_build_object('undone_action', v_target.action, 'undone_action_id', v_target.id,
                               'undone_info', v_target.action_info, 'balance_after', v_customer.balance),
            p_update_id, v_target.id)
    returning id into v_undo_id;
  update public.actions set undone_at = now(), undone_by_action_id = v_undo_id where id = v_target.id;

  return private.finish_update(p_update_id, jsonb_build_object(
    'undone', jsonb_build_object('id', v_target.id, 'action', v_target.action, 'info', v_target.action_info,
                                 'created_at', v_target.created_at),
    'undo_action_id', v_undo_id,
    'customer', case when v_customer.id is null then null else private.customer_json(v_customer) end,
    'shop', private.shop_json(v)));
end;
$$;
comment on function public.undo_action(bigint, bigint, bigint) is
  'Undoes one action (the latest one the member may undo when p_action_id is null) through private.undo_<action>. Refuses to undo twice; logs action_undone.';

-- ============================================================================
-- Bot sessions (grammY storage adapter)
-- ============================================================================

create function public.session_read(p_key text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select value from public.bot_sessions where key = p_key
$$;
comment on function public.session_read(text) is 'grammY storage adapter: the session stored under a key, or null.';

create function public.session_write(p_key text, p_value jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.bot_sessions (key, value, updated_at) values (p_key, p_value, now())
  on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
$$;
comment on function public.session_write(text, jsonb) is 'grammY storage adapter: stores a session.';

create function public.session_delete(p_key text)
returns void
language sql
security definer
set search_path = ''
as $$
  delete from public.bot_sessions where key = p_key
$$;
comment on function public.session_delete(text) is 'grammY storage adapter: forgets a session.';
