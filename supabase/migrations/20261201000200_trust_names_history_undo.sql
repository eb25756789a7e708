-- PayTrack: trust — names that cannot deceive, a history that names its actors stably,
-- and an undo that is as protected as the action it reverses.
--
-- 1. Text cleaning at the SQL boundary. private.clean_text (used by every RPC for names,
--    nicknames, phones, notes, expense texts, shop and member names) now also drops
--    invisible and bidi-control characters, so "John<U+200B> Smith" or "<U+202E>John
--    Smith" is stored as "John Smith". A trigger on public.customers cleans names,
--    nicknames and tags whatever path writes them, and refuses a name or nickname that
--    mixes scripts inside one word ("Jоhn" with a Cyrillic о): name_mixed_scripts,
--    nickname_mixed_scripts. add_customer and rename_customer report (look_alike) an
--    active customer of the shop whose name looks the same after the cleaning, a fold of
--    Cyrillic and Greek look-alike letters and case.
-- 2. public.actions remembers the actor as they were (actor_name, actor_role), filled by a
--    trigger from public.members in the same transaction; list_actions and transaction
--    details show that, with the role and id added when the name could pass for another
--    member's or for a role.
-- 3. public.action_kinds says what an undo needs: undo_needs_pin (it lowers what a
--    customer owes, or repeats a PIN action) and undo_needs_role. undo_action checks them
--    with the same private.require_pin the PIN actions use (so a lockout blocks them too).
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ============================================================================
-- Text cleaning: invisible and bidi-control characters
-- ============================================================================

-- Letters of the Arabic script (with Persian and Urdu extensions): ZWNJ/ZWJ between two
-- of them are real spelling (Persian "می‌خواهم"), kept; anywhere else they are dropped.
create function private.arabic_letters()
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select '\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc'
$$;
comment on function private.arabic_letters() is
  'A regular-expression bracket body for letters (and marks) of the Arabic script, used to keep ZWNJ/ZWJ inside Arabic and Persian words.';

create or replace function private.clean_text(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select btrim(regexp_replace(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          normalize(coalesce(value, ''), NFC),
          -- unusual spaces become a plain space
          '[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]', ' ', 'g'),
        -- control characters, soft hyphen, combining grapheme joiner, Arabic letter mark,
        -- Hangul fillers, Khmer/Mongolian invisibles, zero-width space, LRM/RLM, bidi
        -- embeddings/overrides/isolates, word joiner and invisible operators, BOM,
        -- interlinear annotation marks
        '[\u0001-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]',
        '', 'g'),
      -- ZWNJ / ZWJ survive only between two Arabic-script letters; a ZWJ also between two
      -- emoji, where it joins a sequence (👨‍👩‍👧)
      format('(?<![%1$s%2$s])\u200d|\u200d(?![%1$s%2$s])|(?<![%1$s])\u200c|\u200c(?![%1$s])',
             private.arabic_letters(), '\u2600-\u27bf\ufe0f\U0001f000-\U0001faff'), '', 'g'),
    '\s+', ' ', 'g'))
$$;
comment on function private.clean_text(text) is
  'Cleans typed text: NFC, unusual spaces to spaces, invisible and bidi-control characters (U+200B, U+200E/F, U+202A–U+202E, U+2060–U+206F, U+FEFF, soft hyphen, …) removed, ZWNJ/ZWJ kept only inside Arabic-script words (and ZWJ inside emoji sequences), white space trimmed and collapsed.';

-- ============================================================================
-- Text cleaning: scripts mixed inside one word, and look-alike names
-- ============================================================================

-- The first word of a name that mixes letters of two scripts (Latin, Cyrillic, Greek,
-- Arabic, Hebrew, Armenian), or null. Digits, marks and punctuation belong to no script;
-- words are split at spaces and common punctuation, so "Ali علي" and "Jean-Иван" pass.
create function private.mixed_script_word(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select w
    from regexp_split_to_table(coalesce(value, ''), '[\s\-‐‑–—''’‘ʼ.,;:!?()"/&_+،؛؟]+') as w
   where (w ~ '[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\uff21-\uff3a\uff41-\uff5a]')::int
       + (w ~ '[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]')::int
       + (w ~ '[\u0370-\u03ff\u1f00-\u1fff]')::int
       + (w ~ format('[%s]', private.arabic_letters()))::int
       + (w ~ '[\u05d0-\u05ea\u05f0-\u05f2\ufb1d-\ufb4f]')::int
       + (w ~ '[\u0531-\u0556\u0561-\u0587]')::int > 1
   limit 1
$$;
comment on function private.mixed_script_word(text) is
  'The first word of the text that mixes letters of two scripts (e.g. Latin and Cyrillic, as in a spoofed "Jоhn"), or null.';

-- Folds a name to how it looks: cleaned, Cyrillic and Greek letters that look like Latin
-- ones replaced by them, dashes and apostrophes unified, lower case.
create function private.look_alike_key(value text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select lower(translate(private.clean_text(value),
    'АаВЕеЁёНһІіЇїЈјКкМОоРрСсЅѕТУуХхԁԚԛԜԝӀӏΑαΒΕΖΗΙιΚκΜΝνΟοΡρΤΥυΧχϲϳ‐‑–—’‘ʼ',
    'aabeeëëhhiiïïjjkkmooppccsstyyxxdqqwwllaabezhiikkmnvoopptyuxxcj----'''''''))
$$;
comment on function private.look_alike_key(text) is
  'A name folded to how it looks (cleaned, Cyrillic/Greek look-alike letters as Latin, case ignored): two names with the same key look the same.';

-- An active customer of the shop (other than p_except) whose name looks the same.
create function private.look_alike(p_shop_id bigint, p_name text, p_except bigint default null)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object('id', c.id, 'full_name', c.full_name, 'balance', c.balance)
    from public.customers as c
   where c.shop_id = p_shop_id and c.archived_at is null and c.id is distinct from p_except
     and private.look_alike_key(c.full_name) = private.look_alike_key(p_name)
   order by c.id
   limit 1
$$;
comment on function private.look_alike(bigint, text, bigint) is
  'The shop''s first active customer (not p_except) whose name looks the same as p_name, as {id, full_name, balance}, or null.';

create index customers_by_look_alike_name on public.customers (shop_id, private.look_alike_key(full_name))
  where archived_at is null;
comment on index public.customers_by_look_alike_name is
  'Finds a shop''s customers whose names look the same (private.look_alike_key). Rebuild it if that function changes.';

-- Every path that writes a customer's names or tags goes through here: names, nicknames
-- and tags are cleaned, and a new name or nickname mixing scripts in a word is refused.
create function private.customers_clean_names()
returns trigger
language plpgsql
set search_path = ''
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
comment on function private.customers_clean_names() is
  'Trigger: cleans a customer''s name, nicknames and tags (private.clean_text) and refuses a new name or nickname that mixes scripts in one word (name_mixed_scripts, nickname_mixed_scripts).';

-- Named to fire before customers_keep_search_fields (triggers fire in name order), so the
-- search text is built from the cleaned names.
create trigger customers_clean_names
  before insert or update of full_name, nicknames, tags on public.customers
  for each row execute function private.customers_clean_names();

-- ============================================================================
-- Customers: adding and renaming report a look-alike name
-- ============================================================================

create or replace function public.add_customer(
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
comment on function public.add_customer(bigint, bigint, text, text, text[], text[]) is
  'Adds a customer (name, optional phone, hidden nicknames, tags; cleaned of invisible characters, a word mixing scripts refused); reports another customer with the same phone in same_phone and one whose name looks the same in look_alike.';
revoke execute on function public.add_customer(bigint, bigint, text, text, text[], text[]) from public, anon, authenticated;
grant execute on function public.add_customer(bigint, bigint, text, text, text[], text[]) to service_role;

create or replace function public.rename_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint, p_full_name text)
returns jsonb
language plpgsql
security definer
set search_path = ''
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
comment on function public.rename_customer(bigint, bigint, bigint, text) is
  'Changes a customer''s name (needs a recent right PIN when the shop has one; cleaned, a word mixing scripts refused); look_alike names another customer whose name looks the same. Undo puts the old name back.';
revoke execute on function public.rename_customer(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.rename_customer(bigint, bigint, bigint, text) to service_role;

-- ============================================================================
-- The action log remembers who acted, as they were
-- ============================================================================

alter table public.actions
  add column actor_name text,
  add column actor_role public.member_role;
comment on column public.actions.actor_name is
  'The actor''s display name when they acted (members.display_name then): later renames do not rewrite the history.';
comment on column public.actions.actor_role is 'The actor''s role (owner or clerk) when they acted.';

create function private.actions_remember_actor()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_name text;
  v_role public.member_role;
begin
  select m.display_name, m.role into v_name, v_role
    from public.members as m
   where m.shop_id = new.shop_id and m.telegram_user_id = new.actor_id;
  new.actor_name := coalesce(new.actor_name, v_name, '');
  new.actor_role := coalesce(new.actor_role, v_role, 'clerk');
  return new;
end;
$$;
comment on function private.actions_remember_actor() is
  'Trigger: fills public.actions.actor_name and actor_role from the actor''s membership row, in the same transaction as the action.';

create trigger actions_remember_actor
  before insert on public.actions
  for each row execute function private.actions_remember_actor();

-- Rows logged before: the member's current name and role are the best we know.
update public.actions as a
   set actor_name = m.display_name, actor_role = m.role
  from public.members as m
 where m.shop_id = a.shop_id and m.telegram_user_id = a.actor_id;
update public.actions set actor_name = coalesce(actor_name, ''), actor_role = coalesce(actor_role, 'clerk')
 where actor_name is null or actor_role is null;
alter table public.actions
  alter column actor_name set not null,
  alter column actor_role set not null;

create index actions_by_transaction on public.actions (transaction_id) where transaction_id is not null;
comment on index public.actions_by_transaction is
  'The actions about a transaction (who recorded it, who undid it), for transaction lists and details.';

-- How an actor is shown: their name at the time, with the role and the Telegram id when
-- the name could pass for someone else: another member of the shop has a name that looks
-- the same, the name is a role word that is not their role ("Owner" on a clerk), or it
-- is no name at all.
create function private.actor_label(p_shop_id bigint, p_actor bigint, p_name text, p_role public.member_role)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when private.clean_text(p_name) = '' then format('Member %s (%s)', p_actor, p_role)
    when exists (select 1 from public.members as m
                  where m.shop_id = p_shop_id and m.telegram_user_id <> p_actor
                    and private.look_alike_key(m.display_name) = private.look_alike_key(p_name))
      or (w.word in ('owner', 'theowner', 'shopowner', 'boss', 'manager', 'admin', 'administrator')
          and p_role <> 'owner')
      or (w.word in ('clerk', 'theclerk', 'staff', 'cashier') and p_role <> 'clerk')
      or w.word in ('paytrack', 'bot', 'system', 'member', 'nobody', 'deleted')
      then format('%s (%s, id %s)', p_name, p_role, p_actor)
    else p_name
  end
  from (select regexp_replace(private.look_alike_key(p_name), '[^a-z]', '', 'g') as word) as w
$$;
comment on function private.actor_label(bigint, bigint, text, public.member_role) is
  'An actor as the history shows them: the name they had, plus "(role, id N)" when it could pass for another member''s name or for a role.';

-- Who recorded and who voided a transaction, as they were.
create or replace function private.transaction_detail_json(t public.transactions)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select private.transaction_json(t) || jsonb_build_object(
    'recorded_by_name',
      coalesce((select private.actor_label(a.shop_id, a.actor_id, a.actor_name, a.actor_role)
                  from public.actions as a
                 where a.transaction_id = t.id and a.action in ('purchase_recorded', 'payment_recorded')
                 order by a.id limit 1),
               private.member_name(t.shop_id, t.recorded_by)),
    'voided_by', t.voided_by,
    'voided_by_name',
      case when t.voided_by is null then null else
        coalesce((select private.actor_label(a.shop_id, a.actor_id, a.actor_name, a.actor_role)
                    from public.actions as a
                   where a.transaction_id = t.id and a.action = 'action_undone' and a.actor_id = t.voided_by
                   order by a.id desc limit 1),
                 private.member_name(t.shop_id, t.voided_by)) end)
$$;
comment on function private.transaction_detail_json(public.transactions) is
  'A transaction with who recorded and who voided it, named as they were when they did it (private.actor_label).';

-- ============================================================================
-- Undo is as protected as the action it reverses
-- ============================================================================
--
-- Per kind of action (public.action_kinds):
--   purchase_recorded  undo lowers what the customer owes, like a payment      → PIN
--   payment_recorded   undo raises it back                                      → nothing
--   customer_added     undo archives; only possible with no live transactions,
--                      so the balance is zero                                   → nothing
--   customer_archived  undo brings the customer back with their balance         → nothing
--   customer_renamed   undo is a rename                                         → PIN
--   nickname_added, customer_tagged, customer_untagged, customers_linked,
--   customer_unlinked  undo changes no money and needs no role                  → nothing
--   customers_merged   undo takes the moved debt off the survivor; merging
--                      needs the owner and the PIN                              → owner + PIN
--   setting_changed    shop settings are the owner's                            → owner
--   expense_recorded   the shop's own spending, not a customer's debt           → nothing

alter table public.action_kinds
  add column undo_needs_pin boolean not null default false,
  add column undo_needs_role public.member_role;
comment on column public.action_kinds.undo_needs_pin is
  'Undoing this kind needs a recent right shop PIN (when the shop has one), like the direct action: it lowers what a customer owes, or repeats a PIN action. A PIN lockout blocks it.';
comment on column public.action_kinds.undo_needs_role is
  'The role undoing this kind needs (owner), or null when the member who did it (or any owner) may.';

update public.action_kinds set undo_needs_pin = true
 where action in ('purchase_recorded', 'customer_renamed', 'customers_merged');
update public.action_kinds set undo_needs_role = 'owner'
 where action in ('customers_merged', 'setting_changed');

-- Whether a member may undo an action now: an undoable kind, not undone yet, their own
-- unless they are an owner, the role the kind's undo needs, and nothing blocking it. (The
-- PIN is asked for interactively, so it is not part of this.)
create or replace function private.can_undo(a public.actions, v private.acting_member)
returns boolean
language sql
stable
set search_path = ''
as $$
  select a.undone_at is null
     and k.undoable
     and (v.role = 'owner' or (a.actor_id = v.user_id and k.undo_needs_role is distinct from 'owner'))
     and private.undo_blocker(a) is null
    from public.action_kinds as k
   where k.action = a.action
$$;
comment on function private.can_undo(public.actions, private.acting_member) is
  'Whether the member may undo the action now (kind undoable, not undone, their own or they are an owner, the role its undo needs, nothing blocking). The PIN is checked by undo_action.';

create or replace function public.undo_action(p_actor bigint, p_update_id bigint, p_action_id bigint default null)
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
  if v_kind.undo_needs_role = 'owner' and v.role <> 'owner' then
    perform private.fail('owner_only', 'Only a shop owner can undo this.');
  end if;
  -- An undo that lowers what a customer owes is a payment: the same PIN check (and lockout).
  if v_kind.undo_needs_pin then
    perform private.require_pin(v);
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
  'Undoes one action (the latest one the member may undo when p_action_id is null) through private.undo_<action>. Refuses to undo twice; needs the owner and/or a recent right PIN where the kind''s undo does (pin_required, pin_locked, owner_only); logs action_undone.';
revoke execute on function public.undo_action(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.undo_action(bigint, bigint, bigint) to service_role;

create or replace function public.list_actions(
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
  v_pin_set boolean;
  v_total bigint;
  v_rows jsonb;
begin
  v := private.acting_member(p_actor);
  select s.pin_hash is not null into v_pin_set from public.shops as s where s.id = v.shop_id;
  select count(*) into v_total from public.actions as a
   where a.shop_id = v.shop_id and (p_member is null or a.actor_id = p_member);
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
           order by a.id desc
           limit v_limit offset v_offset) as r;
  return jsonb_build_object('total', v_total, 'actions', v_rows, 'shop', private.shop_json(v));
end;
$$;
comment on function public.list_actions(bigint, integer, integer, bigint) is
  'The shop''s action log, newest first: who did what (named as they were, with role and id when the name could deceive), for whom, whether the member can still undo it and whether that undo asks for the PIN.';
revoke execute on function public.list_actions(bigint, integer, integer, bigint) from public, anon, authenticated;
grant execute on function public.list_actions(bigint, integer, integer, bigint) to service_role;

-- ============================================================================
-- Tags are cleaned like every other text
-- ============================================================================

create or replace function private.clean_tags(value text[])
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(distinct t order by t), '{}')
  from (select lower(btrim(private.clean_text(x), '# ')) as t from unnest(coalesce(value, '{}')) as x) as tags
  where t <> '' and char_length(t) <= 32
$$;
comment on function private.clean_tags(text[]) is
  'Cleans tags (invisible characters removed), lower-cases them, drops the #, empties and duplicates, and sorts them.';


-- ============================================================================
-- /export: the Action history names each actor as they were
-- ============================================================================

-- As in 20261124000100_export.sql, with one more element per action row: the actor as
-- they were when they acted (the members list still gives today's names for the rest).
create or replace function public.export_workbook(
  p_actor bigint,
  p_from date default null,
  p_to date default null,
  p_customer_id bigint default null,
  p_max_rows integer default 150000
)
returns json
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v private.acting_member;
  v_from timestamptz := p_from::timestamp at time zone 'UTC';
  v_to timestamptz := (p_to + 1)::timestamp at time zone 'UTC';
  v_this_month timestamptz := date_trunc('month', now() at time zone 'UTC') at time zone 'UTC';
  v_last_month timestamptz := (date_trunc('month', now() at time zone 'UTC') - interval '1 month') at time zone 'UTC';
  v_max integer := greatest(coalesce(p_max_rows, 150000), 1);
  v_customer public.customers;
  v_counts json;
  v_rows bigint;
  v_head json;
  v_result json;
begin
  v := private.acting_member(p_actor, 'owner');
  if p_from is not null and p_to is not null and p_to < p_from then
    perform private.fail('period_invalid', 'The period ends before it starts.');
  end if;
  -- What every answer starts with. The answer is json, not jsonb: built as text, it
  -- goes to the client without a binary round trip.
  v_head := json_build_object(
    'shop', private.shop_json(v),
    'period', json_build_object('from', p_from, 'to', p_to),
    'generated_at', floor(date_part('epoch', now()))::bigint,
    'max_rows', v_max);

  -- --------------------------------------------------------------------------
  -- One customer's statement: their transactions with a running balance.
  -- --------------------------------------------------------------------------
  if p_customer_id is not null then
    select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
    if not found then
      perform private.fail('customer_not_found', 'No such customer in this shop.');
    end if;
    select count(*) into v_rows from public.transactions as t
     where t.customer_id = v_customer.id and t.voided_at is null
       and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to);
    if v_rows > v_max then
      return json_build_object(
        'head', v_head,
        'kind', 'statement', 'too_large', true, 'rows', v_rows,
        'customer', json_build_object('id', v_customer.id, 'full_name', v_customer.full_name),
        'months', (select coalesce(json_agg(json_build_array(m.month, m.n) order by m.month desc), '[]')
                     from (select to_char(t.created_at at time zone 'UTC', 'YYYY-MM') as month, count(*) as n
                             from public.transactions as t
                            where t.customer_id = v_customer.id and t.voided_at is null
                              and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)
                            group by 1) as m));
    end if;
    with signed as (
      select t.id, t.created_at, t.kind, t.amount, t.description, t.recorded_by,
             case t.kind when 'purchase' then t.amount else -t.amount end as delta
        from public.transactions as t
       where t.customer_id = v_customer.id and t.voided_at is null
    ), opening as (
      select coalesce(sum(s.delta) filter (where v_from is not null and s.created_at < v_from), 0) as balance
        from signed as s
    ), inside as (
      select s.*, (select balance from opening)
                  + sum(s.delta) over (order by s.created_at, s.id) as running
        from signed as s
       where (v_from is null or s.created_at >= v_from) and (v_to is null or s.created_at < v_to)
    )
    select json_build_object(
      'head', v_head,
      'kind', 'statement',
      'too_large', false,
      'customer', json_build_object(
        'id', v_customer.id, 'full_name', v_customer.full_name, 'phone', v_customer.phone,
        'tags', array_to_string(v_customer.tags, ', '), 'balance', v_customer.balance,
        'archived_at', floor(date_part('epoch', v_customer.archived_at))::bigint),
      'opening_balance', (select balance from opening),
      'closing_balance', coalesce((select i.running from inside as i order by i.created_at desc, i.id desc limit 1),
                                  (select balance from opening)),
      'members', (select coalesce(json_agg(json_build_array(m.telegram_user_id, m.display_name, m.role)), '[]')
                    from public.members as m where m.shop_id = v.shop_id),
      -- [id, at, kind, amount, description, recorded_by, running balance]
      'rows', (select coalesce(json_agg(json_build_array(i.id, floor(date_part('epoch', i.created_at))::bigint,
                                                         i.kind, i.amount, i.description, i.recorded_by, i.running)
                                        order by i.created_at, i.id), '[]')
                 from inside as i))
      into v_result;
    return v_result;
  end if;

  -- --------------------------------------------------------------------------
  -- The whole shop: count first, then send the rows only when they fit.
  -- --------------------------------------------------------------------------
  select json_build_object(
    'customers', (select count(*) from public.customers as c where c.shop_id = v.shop_id),
    'transactions', (select count(*) from public.transactions as t where t.shop_id = v.shop_id
                       and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)),
    'actions', (select count(*) from public.actions as a where a.shop_id = v.shop_id
                  and (v_from is null or a.created_at >= v_from) and (v_to is null or a.created_at < v_to)),
    'expenses', (select count(*) from public.expenses as e where e.shop_id = v.shop_id
                   and (v_from is null or e.created_at >= v_from) and (v_to is null or e.created_at < v_to)))
    into v_counts;
  v_rows := (v_counts ->> 'customers')::bigint + (v_counts ->> 'transactions')::bigint
          + (v_counts ->> 'actions')::bigint + (v_counts ->> 'expenses')::bigint;
  if v_rows > v_max then
    return json_build_object(
      'head', v_head,
      'kind', 'shop', 'too_large', true, 'rows', v_rows, 'counts', v_counts,
      -- [month, rows that month (transactions + actions + expenses)], newest first
      'months', (select coalesce(json_agg(json_build_array(m.month, m.n) order by m.month desc), '[]')
                   from (select to_char(x.created_at at time zone 'UTC', 'YYYY-MM') as month, count(*) as n
                           from (select t.created_at from public.transactions as t where t.shop_id = v.shop_id
                                 union all
                                 select a.created_at from public.actions as a where a.shop_id = v.shop_id
                                 union all
                                 select e.created_at from public.expenses as e where e.shop_id = v.shop_id) as x
                          where (v_from is null or x.created_at >= v_from) and (v_to is null or x.created_at < v_to)
                          group by 1) as m));
  end if;

  with per_customer as (
    select t.customer_id,
           max(t.created_at) filter (where t.kind = 'purchase') as last_purchase,
           max(t.created_at) filter (where t.kind = 'payment') as last_payment,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase'
             and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)), 0) as bought,
           coalesce(sum(t.amount) filter (where t.kind = 'payment'
             and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)), 0) as paid
      from public.transactions as t
     where t.shop_id = v.shop_id and t.voided_at is null
     group by t.customer_id
  ), tx as (
    -- The running balance counts every non-voided row of the customer, also before the period.
    select t.*, sum(case when t.voided_at is not null then 0 when t.kind = 'purchase' then t.amount else -t.amount end)
                  over (partition by t.customer_id order by t.created_at, t.id) as running
      from public.transactions as t
     where t.shop_id = v.shop_id and (v_to is null or t.created_at < v_to)
  ), money as (
    select coalesce(sum(t.amount) filter (where t.kind = 'purchase' and t.created_at >= v_this_month), 0) as sold_this_month,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and t.created_at >= v_this_month), 0) as collected_this_month,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase' and t.created_at >= v_last_month
                                            and t.created_at < v_this_month), 0) as sold_last_month,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and t.created_at >= v_last_month
                                            and t.created_at < v_this_month), 0) as collected_last_month,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase' and (v_from is null or t.created_at >= v_from)
                                            and (v_to is null or t.created_at < v_to)), 0) as sold_in_period,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and (v_from is null or t.created_at >= v_from)
                                            and (v_to is null or t.created_at < v_to)), 0) as collected_in_period
      from public.transactions as t
     where t.shop_id = v.shop_id and t.voided_at is null
  ), spent as (
    select coalesce(sum(e.price) filter (where e.created_at >= v_this_month), 0) as spent_this_month,
           coalesce(sum(e.price) filter (where e.created_at >= v_last_month and e.created_at < v_this_month), 0)
             as spent_last_month,
           coalesce(sum(e.price) filter (where (v_from is null or e.created_at >= v_from)
                                           and (v_to is null or e.created_at < v_to)), 0) as spent_in_period
      from public.expenses as e
     where e.shop_id = v.shop_id and e.voided_at is null
  ), owed as (
    select count(*) filter (where c.archived_at is null and c.merged_into is null) as active,
           count(*) filter (where c.archived_at is not null or c.merged_into is not null) as archived,
           count(*) filter (where c.balance > 0) as in_debt,
           coalesce(sum(c.balance) filter (where c.balance > 0), 0) as owed,
           coalesce(-sum(c.balance) filter (where c.balance < 0), 0) as advances,
           coalesce(sum(c.balance), 0) as net
      from public.customers as c
     where c.shop_id = v.shop_id
  )
  select json_build_object(
    'head', v_head,
    'kind', 'shop',
    'too_large', false,
    'counts', v_counts,
    'totals', (select row_to_json(x) from (select o.*, m.*, s.* from owed as o, money as m, spent as s) as x),
    -- [customer id, balance], largest debt first
    'top_debtors', (select coalesce(json_agg(json_build_array(d.id, d.balance) order by d.balance desc, d.id), '[]')
                      from (select c.id, c.balance from public.customers as c
                             where c.shop_id = v.shop_id and c.balance > 0
                             order by c.balance desc, c.id limit 10) as d),
    -- [telegram id, display name, role]
    'members', (select coalesce(json_agg(json_build_array(m.telegram_user_id, m.display_name, m.role)), '[]')
                  from public.members as m where m.shop_id = v.shop_id),
    -- [id, name, phone, tags, nicknames, balance, last purchase, last payment, linked with,
    --  archived at, merged into, bought in period, paid in period], by name
    'customers', (select coalesce(json_agg(json_build_array(
                           c.id, c.full_name, c.phone, array_to_string(c.tags, ', '),
                           array_to_string(c.nicknames, ', '), c.balance,
                           floor(date_part('epoch', p.last_purchase))::bigint,
                           floor(date_part('epoch', p.last_payment))::bigint,
                           case when c.link_group is not null then
                             (select string_agg(o.full_name, ', ' order by o.id) from public.customers as o
                               where o.shop_id = c.shop_id and o.link_group = c.link_group and o.id <> c.id
                                 and o.merged_into is null) end,
                           floor(date_part('epoch', c.archived_at))::bigint,
                           (select o.full_name from public.customers as o where o.id = c.merged_into),
                           coalesce(p.bought, 0), coalesce(p.paid, 0))
                         order by c.full_name, c.id), '[]')
                    from public.customers as c
                    left join per_customer as p on p.customer_id = c.id
                   where c.shop_id = v.shop_id),
    -- [id, at, customer id, kind, amount, description, tags, recorded by, balance after, voided at],
    -- oldest first. (Times inline as floor(date_part(...)): a helper function with its own
    -- search_path would not be inlined, and 150,000 calls cost a second.)
    'transactions', (select coalesce(json_agg(json_build_array(
                              t.id, floor(date_part('epoch', t.created_at))::bigint, t.customer_id, t.kind,
                              t.amount, t.description, array_to_string(t.tags, ', '), t.recorded_by, t.running,
                              floor(date_part('epoch', t.voided_at))::bigint)
                            order by t.created_at, t.id), '[]')
                       from tx as t
                      where v_from is null or t.created_at >= v_from),
    -- [id, at, actor, action, customer id, amount, details, undone at, actor as they were],
    -- oldest first. The last is the actor's name when they acted, with "(role, id N)" when it
    -- could pass for another member's (private.actor_label, computed once per name and role).
    'actions', (select coalesce(json_agg(json_build_array(
                         a.id, floor(date_part('epoch', a.created_at))::bigint, a.actor_id, a.action,
                         a.customer_id, a.amount, a.details, floor(date_part('epoch', a.undone_at))::bigint,
                         l.label)
                       order by a.id), '[]')
                  from (select x.id, x.created_at, x.actor_id, x.actor_name, x.actor_role, x.action,
                               x.customer_id, x.undone_at,
                               -- the money it moved: amount (purchases, payments) or price (expenses)
                               case when jsonb_typeof(x.action_info -> 'amount') = 'number'
                                      then (x.action_info ->> 'amount')::numeric::bigint
                                    when jsonb_typeof(x.action_info -> 'price') = 'number'
                                      then (x.action_info ->> 'price')::numeric::bigint
                               end as amount,
                               -- what it was about, in a few words
                               case when x.action = 'action_undone' then
                                      format('undid #%s (%s)', x.action_info ->> 'undone_action_id',
                                             replace(coalesce(x.action_info ->> 'undone_action', ''), '_', ' '))
                                    when x.action_info ? 'description' then x.action_info ->> 'description'
                                    when x.action_info ? 'item' then
                                      concat_ws(' · ', x.action_info ->> 'item', x.action_info ->> 'vendor',
                                                x.action_info ->> 'category')
                                    else (select string_agg(format('%s: %s', replace(e.key, '_', ' '), e.value), ', '
                                                            order by e.key)
                                            from jsonb_each_text(x.action_info) as e
                                           where e.key !~ '(^id$|_id$|^balance_|_hash$|^pin)' and e.value is not null)
                               end as details
                          from public.actions as x
                         where x.shop_id = v.shop_id
                           and (v_from is null or x.created_at >= v_from) and (v_to is null or x.created_at < v_to))
                       as a
                  join (select d.actor_id, d.actor_name, d.actor_role,
                               private.actor_label(v.shop_id, d.actor_id, d.actor_name, d.actor_role) as label
                          from (select distinct y.actor_id, y.actor_name, y.actor_role
                                  from public.actions as y where y.shop_id = v.shop_id) as d) as l
                    on l.actor_id = a.actor_id and l.actor_name = a.actor_name and l.actor_role = a.actor_role),
    -- [id, at, item, price, vendor, category, recorded by, voided at], oldest first
    'expenses', (select coalesce(json_agg(json_build_array(
                          e.id, floor(date_part('epoch', e.created_at))::bigint, e.item, e.price, e.vendor,
                          e.category, e.recorded_by, floor(date_part('epoch', e.voided_at))::bigint)
                        order by e.created_at, e.id), '[]')
                   from public.expenses as e
                  where e.shop_id = v.shop_id
                    and (v_from is null or e.created_at >= v_from) and (v_to is null or e.created_at < v_to)))
    into v_result;
  return v_result;
end;
$$;
comment on function public.export_workbook(bigint, date, date, bigint, integer) is
  '/export (owners only): everything the Excel workbook needs for a period (p_from..p_to, UTC days, inclusive; null = open) as compact row arrays, or one customer''s statement (p_customer_id) with a running balance; action rows name the actor as they were. Over p_max_rows rows it answers too_large with the rows per month instead of the rows.';
revoke execute on function public.export_workbook(bigint, date, date, bigint, integer)
  from public, anon, authenticated;
grant execute on function public.export_workbook(bigint, date, date, bigint, integer) to service_role;
