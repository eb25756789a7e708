-- PayTrack: the ledger's tables.
--
-- A shop is the tenant. Its members are Telegram users (owner or clerk). It keeps
-- customers with running balances, their credit purchases and payments, and an
-- action log from which any change can be undone. Every mutating function records
-- the Telegram update_id it served, so a redelivered update has no second effect.
--
-- Money is bigint minor units (cents, fils, yen) everywhere; never float.
-- SQL here is valid on PostgreSQL 15 and newer.

-- ============================================================================
-- Schemas and extensions
-- ============================================================================

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists fuzzystrmatch with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
comment on schema private is
  'PayTrack internals: helper functions the public RPCs use. Not exposed through the API.';

-- ============================================================================
-- Types
-- ============================================================================

create type public.member_role as enum ('owner', 'clerk');
comment on type public.member_role is
  'owner: everything, including deleting, exporting, settings and the team. clerk: customers, purchases, payments, search.';

create type public.transaction_kind as enum ('purchase', 'payment');
comment on type public.transaction_kind is
  'purchase: bought on credit, raises what the customer owes. payment: money received, lowers it.';

-- ============================================================================
-- Currencies
-- ============================================================================

create table public.currencies (
  code text primary key constraint currency_code_is_iso_4217 check (code ~ '^[A-Z]{3}$'),
  minor_unit smallint not null constraint minor_unit_in_range check (minor_unit between 0 and 4),
  name text not null
);
comment on table public.currencies is
  'ISO 4217 currencies a shop can keep its ledger in, with the number of decimals each allows.';
comment on column public.currencies.minor_unit is
  'Decimals of the currency: amounts are stored as whole minor units (ILS 2 = agorot, JOD 3 = fils, JPY 0).';

insert into public.currencies (code, minor_unit, name) values
  ('AED', 2, 'UAE dirham'), ('AUD', 2, 'Australian dollar'), ('BDT', 2, 'Bangladeshi taka'),
  ('BHD', 3, 'Bahraini dinar'), ('BRL', 2, 'Brazilian real'), ('CAD', 2, 'Canadian dollar'),
  ('CHF', 2, 'Swiss franc'), ('CLP', 0, 'Chilean peso'), ('CNY', 2, 'Chinese yuan'),
  ('DZD', 2, 'Algerian dinar'), ('EGP', 2, 'Egyptian pound'), ('EUR', 2, 'Euro'),
  ('GBP', 2, 'Pound sterling'), ('IDR', 2, 'Indonesian rupiah'), ('ILS', 2, 'Israeli new shekel'),
  ('INR', 2, 'Indian rupee'), ('IQD', 3, 'Iraqi dinar'), ('ISK', 0, 'Icelandic krona'),
  ('JOD', 3, 'Jordanian dinar'), ('JPY', 0, 'Japanese yen'), ('KES', 2, 'Kenyan shilling'),
  ('KRW', 0, 'South Korean won'), ('KWD', 3, 'Kuwaiti dinar'), ('LBP', 2, 'Lebanese pound'),
  ('LYD', 3, 'Libyan dinar'), ('MAD', 2, 'Moroccan dirham'), ('MXN', 2, 'Mexican peso'),
  ('MYR', 2, 'Malaysian ringgit'), ('NGN', 2, 'Nigerian naira'), ('OMR', 3, 'Omani rial'),
  ('PKR', 2, 'Pakistani rupee'), ('QAR', 2, 'Qatari riyal'), ('RUB', 2, 'Russian ruble'),
  ('SAR', 2, 'Saudi riyal'), ('SDG', 2, 'Sudanese pound'), ('SYP', 2, 'Syrian pound'),
  ('TND', 3, 'Tunisian dinar'), ('TRY', 2, 'Turkish lira'), ('UAH', 2, 'Ukrainian hryvnia'),
  ('UGX', 0, 'Ugandan shilling'), ('USD', 2, 'US dollar'), ('VND', 0, 'Vietnamese dong'),
  ('XAF', 0, 'Central African CFA franc'), ('XOF', 0, 'West African CFA franc'),
  ('YER', 2, 'Yemeni rial'), ('ZAR', 2, 'South African rand');

-- ============================================================================
-- Shops and members
-- ============================================================================

create table public.shops (
  id bigint generated always as identity primary key,
  name text not null constraint shop_name_length check (char_length(btrim(name)) between 1 and 100),
  currency text not null references public.currencies (code),
  created_by bigint not null,
  created_at timestamptz not null default now()
);
comment on table public.shops is
  'A shop keeps one shared ledger. Every other row in PayTrack belongs to exactly one shop.';
comment on column public.shops.currency is 'ISO 4217 code; decides how many decimals an amount may have.';
comment on column public.shops.created_by is 'Telegram user id of the member who opened the shop.';

create table public.members (
  shop_id bigint not null references public.shops (id) on delete cascade,
  telegram_user_id bigint not null,
  role public.member_role not null,
  display_name text not null default '',
  joined_at timestamptz not null default now(),
  removed_at timestamptz,
  primary key (shop_id, telegram_user_id)
);
comment on table public.members is
  'Telegram users who may use a shop''s ledger, with their role. Removed members stay for the history.';
comment on column public.members.telegram_user_id is 'The Telegram user id (from.id), not a username.';
comment on column public.members.display_name is 'Name shown in the history; refreshed from Telegram on /start.';
comment on column public.members.removed_at is 'Set when the member left or was removed; they lose access at once.';

-- A Telegram user acts for one shop at a time.
create unique index members_one_active_shop_per_user
  on public.members (telegram_user_id) where removed_at is null;

-- ============================================================================
-- Customers
-- ============================================================================

create table public.customers (
  id bigint generated always as identity primary key,
  shop_id bigint not null references public.shops (id) on delete cascade,
  full_name text not null constraint customer_name_length check (char_length(btrim(full_name)) between 1 and 120),
  nicknames text[] not null default '{}',
  phone text,
  phone_digits text,
  tags text[] not null default '{}',
  balance bigint not null default 0
    constraint balance_in_range check (balance between -1000000000000000 and 1000000000000000),
  search_text text not null default '',
  created_by bigint not null,
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  unique (shop_id, id),
  constraint phone_length check (phone is null or char_length(phone) <= 40),
  constraint phone_digits_only check (phone_digits is null or phone_digits ~ '^[0-9]{3,20}$')
);
comment on table public.customers is
  'People who buy on credit. balance = purchases minus payments (non-voided), in minor units; positive means they owe the shop.';
comment on column public.customers.nicknames is
  'Hidden nicknames: searchable, never shown in lists; shown only in the summary and the export.';
comment on column public.customers.phone is 'The phone number as it was typed.';
comment on column public.customers.phone_digits is 'The phone number as digits only (Arabic-Indic digits converted); used for search.';
comment on column public.customers.tags is 'Lower-case tags without the #, e.g. {vip,neighbor}.';
comment on column public.customers.balance is
  'What the customer owes, in minor units of the shop currency. Negative is an advance paid to the shop.';
comment on column public.customers.search_text is
  'Name and nicknames folded for fuzzy search (lower case, no accents or tashkeel, Arabic letter variants unified). Kept by a trigger.';
comment on column public.customers.archived_at is 'Set when the customer is archived; archived customers leave lists and search.';

create index customers_by_shop_and_balance on public.customers (shop_id, balance desc, id)
  where archived_at is null;
create index customers_search_text_trgm on public.customers using gin (search_text extensions.gin_trgm_ops);
create index customers_phone_digits_trgm on public.customers using gin (phone_digits extensions.gin_trgm_ops);
create index customers_tags on public.customers using gin (tags);

-- ============================================================================
-- Transactions
-- ============================================================================

create table public.transactions (
  id bigint generated always as identity primary key,
  shop_id bigint not null,
  customer_id bigint not null,
  kind public.transaction_kind not null,
  amount bigint not null
    constraint amount_positive check (amount > 0)
    constraint amount_at_most_a_trillion_minor_units check (amount <= 1000000000000),
  description text not null default ''
    constraint description_length check (char_length(description) <= 500),
  tags text[] not null default '{}',
  recorded_by bigint not null,
  balance_after bigint not null,
  created_at timestamptz not null default now(),
  voided_at timestamptz,
  voided_by bigint,
  foreign key (shop_id, customer_id) references public.customers (shop_id, id),
  foreign key (shop_id, recorded_by) references public.members (shop_id, telegram_user_id),
  constraint voided_together check ((voided_at is null) = (voided_by is null))
);
comment on table public.transactions is
  'Every purchase on credit and every payment. Undo voids a row (voided_at) instead of deleting it.';
comment on column public.transactions.amount is 'Always positive, in minor units; kind says which way it moves the balance.';
comment on column public.transactions.tags is 'Tags written as #words in the description, lower case, without the #.';
comment on column public.transactions.recorded_by is 'Telegram user id of the member who recorded it.';
comment on column public.transactions.balance_after is 'The customer''s balance right after this row was recorded.';
comment on column public.transactions.voided_at is 'Set when the row was undone; voided rows no longer count in the balance.';

create index transactions_by_customer on public.transactions (customer_id, created_at desc, id desc);
create index transactions_by_shop on public.transactions (shop_id, created_at desc);

-- ============================================================================
-- Action log
-- ============================================================================

create table public.action_kinds (
  action text primary key constraint action_name_is_snake_case check (action ~ '^[a-z][a-z_]*$'),
  description text not null,
  undoable boolean not null
);
comment on table public.action_kinds is
  'Every kind of change the action log records, and whether /undo can reverse it. Each kind that can be undone has a private.undo_<action>(public.actions) function.';

insert into public.action_kinds (action, description, undoable) values
  ('shop_opened', 'A shop was opened (or the bot claimed) by its first owner.', false),
  ('customer_added', 'A customer was added. Undo archives them.', true),
  ('purchase_recorded', 'A purchase on credit was recorded. Undo voids it and lowers the balance back.', true),
  ('payment_recorded', 'A payment was recorded. Undo voids it and raises the balance back.', true),
  ('action_undone', 'An earlier action was undone.', false);

create table public.actions (
  id bigint generated always as identity primary key,
  shop_id bigint not null references public.shops (id) on delete cascade,
  action text not null references public.action_kinds (action),
  actor_id bigint not null,
  customer_id bigint,
  transaction_id bigint references public.transactions (id),
  action_info jsonb not null default '{}',
  update_id bigint,
  created_at timestamptz not null default now(),
  undone_at timestamptz,
  undone_by_action_id bigint references public.actions (id),
  undoes_action_id bigint references public.actions (id),
  foreign key (shop_id, customer_id) references public.customers (shop_id, id),
  foreign key (shop_id, actor_id) references public.members (shop_id, telegram_user_id)
);
comment on table public.actions is
  'The action log: one row for every change, by whom, for which customer, with what undo needs in action_info.';
comment on column public.actions.action is 'What happened, e.g. customer_added, purchase_recorded, action_undone.';
comment on column public.actions.actor_id is 'Telegram user id of the member who did it (the seed''s admin_id).';
comment on column public.actions.action_info is 'Before/after values needed to show and to reverse the action.';
comment on column public.actions.update_id is 'The Telegram update that caused it.';
comment on column public.actions.undone_at is 'Set when this action was undone; an action is undone at most once.';
comment on column public.actions.undoes_action_id is 'For action_undone rows: the action it reversed.';

create index actions_by_shop on public.actions (shop_id, id desc);

-- ============================================================================
-- Processed updates (idempotency)
-- ============================================================================

create table public.processed_updates (
  update_id bigint primary key,
  operation text not null,
  actor_id bigint not null,
  result jsonb,
  processed_at timestamptz not null default now()
);
comment on table public.processed_updates is
  'Telegram update_ids whose change is committed, with the result returned. A redelivered update gets this result back and changes nothing. Rows older than a few days may be deleted.';
comment on column public.processed_updates.actor_id is
  'Telegram user id that sent the update; the same update_id from anyone else is refused, never answered with this result.';

-- ============================================================================
-- Bot sessions
-- ============================================================================

create table public.bot_sessions (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
comment on table public.bot_sessions is
  'grammY session data per member (pending conversation step, selected customer). Survives cold starts.';
