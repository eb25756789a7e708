-- PayTrack declarative schema: core.
-- Core: schemas, extensions, the shop, its members, sessions, the update prologue (documented
-- at the top of its section below), the action log and the undo dispatch. Each area's file holds
-- its tables, functions (each followed by its revoke/grant), triggers and the private.undo_<action>
-- functions of its kinds of action; public.undo_action, which calls them, is in 60_history.sql.
--
-- The state the database should be in; supabase/migrations/ is how it gets there (README,
-- "Changing the database"). tests/db/schemas_test.ts proves both agree.

-- ================================================================================================
-- Schemas and extensions
-- ================================================================================================

create schema if not exists extensions;

create schema if not exists private;

comment on schema private is 'PayTrack internals: helper functions the public RPCs use. Not exposed through the API.';

create extension if not exists btree_gin with schema extensions;

create extension if not exists fuzzystrmatch with schema extensions;

create extension if not exists pg_trgm with schema extensions;

create extension if not exists pgcrypto with schema extensions;

-- ================================================================================================
-- Type member_role
-- ================================================================================================

create type public.member_role as enum (
    'owner',
    'clerk'
);

comment on type public.member_role is 'owner: everything, including deleting, exporting, settings and the team. clerk: customers, purchases, payments, search.';

-- ================================================================================================
-- Type acting_member
-- ================================================================================================

create type private.acting_member as (
	shop_id bigint,
	user_id bigint,
	role public.member_role,
	display_name text,
	shop_name text,
	currency text,
	minor_unit smallint,
	language text,
	digits text,
	shop_language text,
	shop_digits text,
	timezone text
);

-- ================================================================================================
-- Table currencies
-- ================================================================================================

create table public.currencies (
    code text not null,
    minor_unit smallint not null,
    name text not null,
    constraint currency_code_is_iso_4217 check ((code ~ '^[A-Z]{3}$'::text)),
    constraint minor_unit_in_range check (((minor_unit >= 0) and (minor_unit <= 4)))
);

alter table only public.currencies
    add constraint currencies_pkey primary key (code);

alter table public.currencies enable row level security;

create policy "The bot's service role reads currencies" on public.currencies for select to service_role using (true);

comment on table public.currencies is 'ISO 4217 currencies a shop can keep its ledger in, with the number of decimals each allows.';

comment on column public.currencies.code is 'ISO 4217 code (three capital letters), e.g. ILS, JOD, JPY.';

comment on column public.currencies.minor_unit is 'Decimals of the currency: amounts are stored as whole minor units (ILS 2 = agorot, JOD 3 = fils, JPY 0).';

comment on column public.currencies.name is 'The currency''s English name, e.g. Jordanian dinar.';

grant select on table public.currencies to service_role;

-- Reference rows (supabase db diff does not see data: a change here needs its own migration).
insert into public.currencies (code, minor_unit, name) values ('AED', 2, 'UAE dirham');
insert into public.currencies (code, minor_unit, name) values ('AUD', 2, 'Australian dollar');
insert into public.currencies (code, minor_unit, name) values ('BDT', 2, 'Bangladeshi taka');
insert into public.currencies (code, minor_unit, name) values ('BHD', 3, 'Bahraini dinar');
insert into public.currencies (code, minor_unit, name) values ('BRL', 2, 'Brazilian real');
insert into public.currencies (code, minor_unit, name) values ('CAD', 2, 'Canadian dollar');
insert into public.currencies (code, minor_unit, name) values ('CHF', 2, 'Swiss franc');
insert into public.currencies (code, minor_unit, name) values ('CLP', 0, 'Chilean peso');
insert into public.currencies (code, minor_unit, name) values ('CNY', 2, 'Chinese yuan');
insert into public.currencies (code, minor_unit, name) values ('DZD', 2, 'Algerian dinar');
insert into public.currencies (code, minor_unit, name) values ('EGP', 2, 'Egyptian pound');
insert into public.currencies (code, minor_unit, name) values ('EUR', 2, 'Euro');
insert into public.currencies (code, minor_unit, name) values ('GBP', 2, 'Pound sterling');
insert into public.currencies (code, minor_unit, name) values ('IDR', 2, 'Indonesian rupiah');
insert into public.currencies (code, minor_unit, name) values ('ILS', 2, 'Israeli new shekel');
insert into public.currencies (code, minor_unit, name) values ('INR', 2, 'Indian rupee');
insert into public.currencies (code, minor_unit, name) values ('IQD', 3, 'Iraqi dinar');
insert into public.currencies (code, minor_unit, name) values ('ISK', 0, 'Icelandic krona');
insert into public.currencies (code, minor_unit, name) values ('JOD', 3, 'Jordanian dinar');
insert into public.currencies (code, minor_unit, name) values ('JPY', 0, 'Japanese yen');
insert into public.currencies (code, minor_unit, name) values ('KES', 2, 'Kenyan shilling');
insert into public.currencies (code, minor_unit, name) values ('KRW', 0, 'South Korean won');
insert into public.currencies (code, minor_unit, name) values ('KWD', 3, 'Kuwaiti dinar');
insert into public.currencies (code, minor_unit, name) values ('LBP', 2, 'Lebanese pound');
insert into public.currencies (code, minor_unit, name) values ('LYD', 3, 'Libyan dinar');
insert into public.currencies (code, minor_unit, name) values ('MAD', 2, 'Moroccan dirham');
insert into public.currencies (code, minor_unit, name) values ('MXN', 2, 'Mexican peso');
insert into public.currencies (code, minor_unit, name) values ('MYR', 2, 'Malaysian ringgit');
insert into public.currencies (code, minor_unit, name) values ('NGN', 2, 'Nigerian naira');
insert into public.currencies (code, minor_unit, name) values ('OMR', 3, 'Omani rial');
insert into public.currencies (code, minor_unit, name) values ('PKR', 2, 'Pakistani rupee');
insert into public.currencies (code, minor_unit, name) values ('QAR', 2, 'Qatari riyal');
insert into public.currencies (code, minor_unit, name) values ('RUB', 2, 'Russian ruble');
insert into public.currencies (code, minor_unit, name) values ('SAR', 2, 'Saudi riyal');
insert into public.currencies (code, minor_unit, name) values ('SDG', 2, 'Sudanese pound');
insert into public.currencies (code, minor_unit, name) values ('SYP', 2, 'Syrian pound');
insert into public.currencies (code, minor_unit, name) values ('TND', 3, 'Tunisian dinar');
insert into public.currencies (code, minor_unit, name) values ('TRY', 2, 'Turkish lira');
insert into public.currencies (code, minor_unit, name) values ('UAH', 2, 'Ukrainian hryvnia');
insert into public.currencies (code, minor_unit, name) values ('UGX', 0, 'Ugandan shilling');
insert into public.currencies (code, minor_unit, name) values ('USD', 2, 'US dollar');
insert into public.currencies (code, minor_unit, name) values ('VND', 0, 'Vietnamese dong');
insert into public.currencies (code, minor_unit, name) values ('XAF', 0, 'Central African CFA franc');
insert into public.currencies (code, minor_unit, name) values ('XOF', 0, 'West African CFA franc');
insert into public.currencies (code, minor_unit, name) values ('YER', 2, 'Yemeni rial');
insert into public.currencies (code, minor_unit, name) values ('ZAR', 2, 'South African rand');

-- ================================================================================================
-- Table shops
-- ================================================================================================

create table public.shops (
    id bigint not null,
    name text not null,
    currency text not null,
    created_by bigint not null,
    created_at timestamp with time zone default now() not null,
    archive_when_settled boolean default false not null,
    pin_hash text,
    pin_set_at timestamp with time zone,
    pin_reminded_at timestamp with time zone,
    active_customers integer default 0 not null,
    language text default 'en'::text not null,
    digits text default 'latn'::text not null,
    timezone text default 'UTC'::text not null,
    credit_days smallint constraint shop_credit_days_range check (credit_days between 0 and 365),
    credit_limit bigint constraint shop_credit_limit_positive check (credit_limit > 0 and credit_limit <= 1000000000000),
    credit_limit_mode text default 'warn' not null constraint shop_credit_limit_mode_known check (credit_limit_mode in ('warn', 'block')),
    reminders_auto boolean default false not null,
    remind_before_days smallint default 3 not null constraint shop_remind_before_days_range check (remind_before_days between 0 and 30),
    remind_every_days smallint default 7 not null constraint shop_remind_every_days_range check (remind_every_days between 1 and 90),
    quiet_from time without time zone default '21:00' constraint shop_quiet_hours_together check ((quiet_from is null) = (quiet_until is null)),
    quiet_until time without time zone default '09:00',
    digest boolean default false not null,
    backup text default 'off'::text not null constraint shop_backup_known check (backup in ('off', 'daily', 'weekly')),
    constraint shop_language_known check ((language = any (array['en'::text, 'ar'::text]))),
    constraint shop_digits_known check ((digits = any (array['latn'::text, 'arab'::text]))),
    constraint shop_timezone_length check (((char_length(timezone) >= 1) and (char_length(timezone) <= 64))),
    constraint shop_name_length check (((char_length(btrim(name)) >= 1) and (char_length(btrim(name)) <= 100)))
);

alter table public.shops alter column id add generated always as identity (
    sequence name public.shops_id_seq
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1
);

alter table only public.shops
    add constraint shops_pkey primary key (id);

alter table only public.shops
    add constraint shops_currency_fkey foreign key (currency) references public.currencies(code);

alter table public.shops enable row level security;

create policy "The bot's service role manages shops" on public.shops to service_role using (true) with check (true);

comment on table public.shops is 'A shop keeps one shared ledger. Every other row in PayTrack belongs to exactly one shop.';

comment on column public.shops.id is 'The shop (the tenant): every customer, transaction and action belongs to one.';

comment on column public.shops.name is 'The shop''s name as the bot shows it (1 to 100 characters).';

comment on column public.shops.currency is 'ISO 4217 code; decides how many decimals an amount may have.';
comment on column public.shops.language is 'The shop''s language (en or ar): the export, and members whose own language is not known.';
comment on column public.shops.digits is 'How the shop writes numbers by default: latn (0-9) or arab (Arabic-Indic ٠-٩).';
comment on column public.shops.timezone is 'The IANA time zone every time is shown and typed in (e.g. Asia/Hebron); stored times stay timestamptz.';

comment on column public.shops.created_by is 'Telegram user id of the member who opened the shop.';

comment on column public.shops.created_at is 'When the shop was opened.';

comment on column public.shops.archive_when_settled is 'Setting: a payment that brings a customer''s balance to zero archives them.';

comment on column public.shops.pin_hash is 'The shop PIN as a bcrypt hash (pgcrypto crypt with gen_salt(''bf'')); null until the owner sets one. The PIN itself is never stored.';

comment on column public.shops.pin_set_at is 'When the current PIN was set.';

comment on column public.shops.pin_reminded_at is 'When the owner was reminded to set a PIN (once, while none is set).';

comment on column public.shops.active_customers is 'How many customers of the shop are active (not archived). Kept by triggers on customers.';

comment on column public.shops.credit_days is 'Setting: the shop''s credit terms, days from a purchase to its due date (0 to 365); null: no terms, purchases have no due date unless one is typed.';

comment on column public.shops.credit_limit is 'Setting: the most a customer may owe (minor units) unless the customer has their own limit; null: no limit.';

comment on column public.shops.credit_limit_mode is 'Setting: what a purchase past the limit does: warn (the member confirms) or block (needs an owner, or the PIN).';

comment on column public.shops.reminders_auto is 'Setting: send linked customers payment reminders automatically (before the due date, on it, and while overdue). Off by default.';

comment on column public.shops.remind_before_days is 'Setting: how many days before a due date the automatic reminder goes (0: none before).';

comment on column public.shops.remind_every_days is 'Setting: while a customer is overdue, an automatic reminder every this many days.';

comment on column public.shops.quiet_from is 'Setting: quiet hours start (shop''s time zone); no automatic message is sent from then until quiet_until. Null with quiet_until: no quiet hours.';

comment on column public.shops.quiet_until is 'Setting: quiet hours end (shop''s time zone).';

comment on column public.shops.digest is 'Setting: every owner gets a daily digest (yesterday''s credit sales, collections, new overdue, open disputes).';

comment on column public.shops.backup is 'Setting: every owner gets the shop''s Excel workbook automatically: off, daily (yesterday''s) or weekly (on the shop''s Monday, the previous 7 days), when the quiet hours end (private.queue_backups).';

grant select,insert,delete,update on table public.shops to service_role;

grant usage on sequence public.shops_id_seq to service_role;

-- ================================================================================================
-- Table members
-- ================================================================================================

create table public.members (
    shop_id bigint not null,
    telegram_user_id bigint not null,
    role public.member_role not null,
    display_name text default ''::text not null,
    joined_at timestamp with time zone default now() not null,
    removed_at timestamp with time zone,
    language text,
    digits text,
    constraint member_language_known check ((language = any (array['en'::text, 'ar'::text]))),
    constraint member_digits_known check ((digits = any (array['latn'::text, 'arab'::text])))
);

alter table only public.members
    add constraint members_pkey primary key (shop_id, telegram_user_id);

alter table only public.members
    add constraint members_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

create unique index members_one_active_shop_per_user on public.members using btree (telegram_user_id) where (removed_at is null);

alter table public.members enable row level security;

create policy "The bot's service role manages members" on public.members to service_role using (true) with check (true);

comment on table public.members is 'Telegram users who may use a shop''s ledger, with their role. Removed members stay for the history.';

comment on column public.members.shop_id is 'The shop this Telegram user works in.';

comment on column public.members.telegram_user_id is 'The Telegram user id (from.id), not a username.';

comment on column public.members.role is 'owner (everything) or clerk (customers, purchases, payments, search).';
comment on column public.members.language is 'The language the bot speaks to this member (en or ar); null until known (then the Telegram app''s language).';
comment on column public.members.digits is 'The member''s digit style (latn or arab); null follows the shop''s.';

comment on column public.members.display_name is 'Name shown in the history; refreshed from Telegram on /start.';

comment on column public.members.joined_at is 'When the user became a member (opened the shop, was added, or redeemed an invite).';

comment on column public.members.removed_at is 'Set when the member left or was removed; they lose access at once.';

grant select,insert,delete,update on table public.members to service_role;

-- ================================================================================================
-- Table bot_sessions
-- ================================================================================================

create table public.bot_sessions (
    key text not null,
    value jsonb not null,
    updated_at timestamp with time zone default now() not null
);

alter table only public.bot_sessions
    add constraint bot_sessions_pkey primary key (key);

alter table public.bot_sessions enable row level security;

create policy "The bot's service role manages bot sessions" on public.bot_sessions to service_role using (true) with check (true);

comment on table public.bot_sessions is 'grammY session data per member (pending conversation step, selected customer). Survives cold starts.';

comment on column public.bot_sessions.key is 'grammY''s session key (per chat and member).';

comment on column public.bot_sessions.value is 'The session data as JSON (pending step, selected customer, cached membership); never a PIN.';

comment on column public.bot_sessions.updated_at is 'When the session was last written.';

grant select,insert,delete,update on table public.bot_sessions to service_role;

-- ================================================================================================
-- Table processed_updates
-- ================================================================================================

create table public.processed_updates (
    update_id bigint not null,
    operation text not null,
    actor_id bigint not null,
    result jsonb,
    processed_at timestamp with time zone default now() not null
);

alter table only public.processed_updates
    add constraint processed_updates_pkey primary key (update_id);

create index processed_updates_by_age on public.processed_updates using btree (processed_at);

alter table public.processed_updates enable row level security;

create policy "The bot's service role manages processed updates" on public.processed_updates to service_role using (true) with check (true);

comment on table public.processed_updates is 'Telegram update_ids whose change is committed, with the result returned. A redelivered update gets this result back and changes nothing. An id counts for update_key_lifetime() (2 days): an older row is an id Telegram recycled, which a new update takes over; expired rows are pruned a few at a time by each new update.';

comment on column public.processed_updates.update_id is 'The Telegram update_id: the idempotency key (for update_key_lifetime(), then reusable).';

comment on column public.processed_updates.operation is 'The RPC that claimed the update (e.g. record_purchase); the same id for another operation is refused.';

comment on column public.processed_updates.actor_id is 'Telegram user id that sent the update; the same update_id from anyone else is refused, never answered with this result.';

comment on column public.processed_updates.result is 'What the RPC returned, given back unchanged to a redelivery; null while the first delivery runs.';

comment on column public.processed_updates.processed_at is 'When the update was claimed. Older than update_key_lifetime(): expired, replaced by a new update with the same id, and pruned.';

comment on index public.processed_updates_by_age is 'Processed updates oldest first: pruning reads only the expired head of this index.';

grant select,insert,delete,update on table public.processed_updates to service_role;

-- ================================================================================================
-- Table action_kinds
-- ================================================================================================

create table public.action_kinds (
    action text not null,
    description text not null,
    undoable boolean not null,
    undo_needs_pin boolean default false not null,
    undo_needs_role public.member_role,
    constraint action_name_is_snake_case check ((action ~ '^[a-z][a-z_]*$'::text))
);

alter table only public.action_kinds
    add constraint action_kinds_pkey primary key (action);

alter table public.action_kinds enable row level security;

create policy "The bot's service role reads the kinds of action" on public.action_kinds for select to service_role using (true);

comment on table public.action_kinds is 'Every kind of change the action log records, and whether /undo can reverse it. Each kind that can be undone has a private.undo_<action>(public.actions) function.';

comment on column public.action_kinds.action is 'The kind of change, in snake_case (e.g. purchase_recorded); private.undo_<action> undoes it.';

comment on column public.action_kinds.description is 'What the kind of change is, and what undoing it does.';

comment on column public.action_kinds.undoable is 'Whether /undo can reverse actions of this kind.';

comment on column public.action_kinds.undo_needs_pin is 'Undoing this kind needs a recent right shop PIN (when the shop has one), like the direct action: it lowers what a customer owes, or repeats a PIN action. A PIN lockout blocks it.';

comment on column public.action_kinds.undo_needs_role is 'The role undoing this kind needs (owner), or null when the member who did it (or any owner) may.';

grant select on table public.action_kinds to service_role;

-- Reference rows (supabase db diff does not see data: a change here needs its own migration).
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('shop_opened', 'A shop was opened (or the bot claimed) by its first owner.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_added', 'A customer was added. Undo archives them.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('payment_recorded', 'A payment was recorded. Undo voids it and raises the balance back.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('action_undone', 'An earlier action was undone.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_archived', 'A customer was deleted (archived): out of lists and search, kept in history and export. Undo restores them.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('nickname_added', 'A hidden nickname was added to a customer. Undo removes it.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_tagged', 'Tags were added to a customer. Undo removes the tags it added.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_untagged', 'Tags were removed from a customer. Undo puts them back.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customers_linked', 'Two customers were linked into one household. Undo unlinks them as they were.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_unlinked', 'A customer left their household. Undo links them again.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('pin_set', 'The shop PIN was set or changed (the PIN is never logged). Not undoable: set it again instead.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('member_invited', 'An owner made a one-time invite link (for a clerk or a co-owner).', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('member_joined', 'Someone joined the shop with an invite link.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('member_role_changed', 'An owner changed a member''s role (owner or clerk).', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('member_removed', 'An owner removed a member; they lost access at once.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('member_left', 'A member left the shop (/leave).', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('expense_recorded', 'The shop recorded one of its own expenses (/spend). Undo voids it.', true, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('purchase_recorded', 'A purchase on credit was recorded. Undo voids it and lowers the balance back.', true, true, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customer_renamed', 'A customer''s name was changed. Undo puts the old name back.', true, true, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('customers_merged', 'A duplicate customer was merged into another. Undo splits them back exactly.', true, true, 'owner');
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('setting_changed', 'A shop setting was changed. Undo puts the old value back.', true, false, 'owner');
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('pin_reset_requested', 'An owner asked to remove the forgotten shop PIN; it goes 24 hours later unless an owner cancels. Not undoable: cancel it instead.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('pin_reset_cancelled', 'An owner cancelled a pending PIN reset: the PIN stays. Not undoable: ask again instead.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('pin_reset_applied', 'A PIN reset took effect 24 hours after it was asked for: the shop has no PIN until /setpin. Not undoable: set a PIN again.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('phone_changed', 'A customer''s phone was added, changed or removed (/phone). Undo puts the old one back.', true, false, null);

-- ================================================================================================
-- Table actions
-- ================================================================================================

create table public.actions (
    id bigint not null,
    shop_id bigint not null,
    action text not null,
    actor_id bigint not null,
    customer_id bigint,
    transaction_id bigint,
    action_info jsonb default '{}'::jsonb not null,
    update_id bigint,
    created_at timestamp with time zone default now() not null,
    undone_at timestamp with time zone,
    undone_by_action_id bigint,
    undoes_action_id bigint,
    actor_name text not null,
    actor_role public.member_role not null
);

alter table public.actions alter column id add generated always as identity (
    sequence name public.actions_id_seq
    start with 1
    increment by 1
    no minvalue
    no maxvalue
    cache 1
);

alter table only public.actions
    add constraint actions_pkey primary key (id);

alter table only public.actions
    add constraint actions_action_fkey foreign key (action) references public.action_kinds(action);

alter table only public.actions
    add constraint actions_shop_id_actor_id_fkey foreign key (shop_id, actor_id) references public.members(shop_id, telegram_user_id);

alter table only public.actions
    add constraint actions_shop_id_fkey foreign key (shop_id) references public.shops(id) on delete cascade;

alter table only public.actions
    add constraint actions_undoes_action_id_fkey foreign key (undoes_action_id) references public.actions(id);

alter table only public.actions
    add constraint actions_undone_by_action_id_fkey foreign key (undone_by_action_id) references public.actions(id);

create index actions_by_shop on public.actions using btree (shop_id, id desc);

create index actions_by_transaction on public.actions using btree (transaction_id) where (transaction_id is not null);

create index actions_by_customer on public.actions using btree (shop_id, customer_id, id desc) where (customer_id is not null);

create index actions_by_actor on public.actions using btree (shop_id, actor_id, id desc);

create index actions_by_undone_by on public.actions using btree (undone_by_action_id) where (undone_by_action_id is not null);

create index actions_by_undoes on public.actions using btree (undoes_action_id) where (undoes_action_id is not null);

alter table public.actions enable row level security;

create policy "The bot's service role manages the action log" on public.actions to service_role using (true) with check (true);

comment on table public.actions is 'The action log: one row for every change, by whom, for which customer, with what undo needs in action_info.';

comment on column public.actions.id is 'The action (its number in /history and on Undo buttons).';

comment on column public.actions.shop_id is 'The shop the change happened in.';

comment on column public.actions.action is 'What happened, e.g. customer_added, purchase_recorded, action_undone.';

comment on column public.actions.actor_id is 'Telegram user id of the member who did it (the seed''s admin_id).';

comment on column public.actions.customer_id is 'The customer the change concerns, when there is one.';

comment on column public.actions.transaction_id is 'The transaction the action recorded (purchases and payments).';

comment on column public.actions.action_info is 'Before/after values needed to show and to reverse the action.';

comment on column public.actions.update_id is 'The Telegram update that caused it.';

comment on column public.actions.created_at is 'When the change was made.';

comment on column public.actions.undone_at is 'Set when this action was undone; an action is undone at most once.';

comment on column public.actions.undone_by_action_id is 'The action_undone entry that undid this one; set together with undone_at.';

comment on column public.actions.undoes_action_id is 'For action_undone rows: the action it reversed.';

comment on column public.actions.actor_name is 'The actor''s display name when they acted (members.display_name then): later renames do not rewrite the history.';

comment on column public.actions.actor_role is 'The actor''s role (owner or clerk) when they acted.';

comment on index public.actions_by_transaction is 'The actions about a transaction (who recorded it, who undid it), for transaction lists and details.';

grant select,insert,delete,update on table public.actions to service_role;

grant usage on sequence public.actions_id_seq to service_role;

-- ================================================================================================
-- Errors
-- Domain errors leave SQL as P0001 with a stable code (hint paytrack).
-- ================================================================================================

create function private.fail(code text, detail text default null::text) returns void
    language plpgsql
    set search_path to ''
    as $$
begin
  raise exception using errcode = 'P0001', message = code, detail = coalesce(detail, ''), hint = 'paytrack';
end;
$$;

comment on function private.fail(code text, detail text) is 'Raises a PayTrack domain error: message is a stable code, detail a sentence, hint ''paytrack''.';
revoke execute on function private.fail(text, text) from public, anon, authenticated;

-- ================================================================================================
-- Text: cleaning what people type
-- Names, nicknames, tags and notes of every area go through private.clean_text; mixed_script_word
-- and look_alike_key guard against spoofed names (customers, members, history).
-- ================================================================================================

create function private.arabic_letters() returns text
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select '\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc'
$$;

comment on function private.arabic_letters() is 'A regular-expression bracket body for letters (and marks) of the Arabic script, used to keep ZWNJ/ZWJ inside Arabic and Persian words.';
revoke execute on function private.arabic_letters() from public, anon, authenticated;

create function private.clean_text(value text) returns text
    language sql immutable parallel safe
    set search_path to ''
    as $_$
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
$_$;

comment on function private.clean_text(value text) is 'Cleans typed text: NFC, unusual spaces to spaces, invisible and bidi-control characters (U+200B, U+200E/F, U+202A–U+202E, U+2060–U+206F, U+FEFF, soft hyphen, …) removed, ZWNJ/ZWJ kept only inside Arabic-script words (and ZWJ inside emoji sequences), white space trimmed and collapsed.';
revoke execute on function private.clean_text(text) from public, anon, authenticated;

create function private.look_alike_key(value text) returns text
    language sql immutable parallel safe
    set search_path to ''
    as $$
  select lower(translate(private.clean_text(value),
    'АаВЕеЁёНһІіЇїЈјКкМОоРрСсЅѕТУуХхԁԚԛԜԝӀӏΑαΒΕΖΗΙιΚκΜΝνΟοΡρΤΥυΧχϲϳ‐‑–—’‘ʼ',
    'aabeeëëhhiiïïjjkkmooppccsstyyxxdqqwwllaabezhiikkmnvoopptyuxxcj----'''''''))
$$;

comment on function private.look_alike_key(value text) is 'A name folded to how it looks (cleaned, Cyrillic/Greek look-alike letters as Latin, case ignored): two names with the same key look the same.';
revoke execute on function private.look_alike_key(text) from public, anon, authenticated;

create function private.mixed_script_word(value text) returns text
    language sql immutable parallel safe
    set search_path to ''
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

comment on function private.mixed_script_word(value text) is 'The first word of the text that mixes letters of two scripts (e.g. Latin and Cyrillic, as in a spoofed "Jоhn"), or null.';
revoke execute on function private.mixed_script_word(text) from public, anon, authenticated;

-- ================================================================================================
-- The update prologue: begin update, acting member, log, finish update
-- Every RPC that changes something runs the same steps, in one transaction:
--
-- 1. v_prior := private.begin_update(p_update_id, '<rpc name>', p_actor);
--    if v_prior is not null then return v_prior; end if;
--    Claims the Telegram update_id. A redelivered update (same id, operation and actor,
--    within update_key_lifetime(), 2 days) gets the first delivery's result back and
--    changes nothing; the same id for another operation or actor fails with
--    update_already_used; an older row is an id Telegram recycled, which this update takes
--    over. Each new update also prunes a few expired ids (prune_processed_updates).
-- 2. v := private.acting_member(p_actor[, 'owner']);
--    The caller's current membership (private.acting_member: shop, role, name, currency);
--    fails with not_a_member, or owner_only when the RPC needs an owner. Team changes use
--    private.lock_team (40_team.sql) instead, and PIN actions then call
--    private.require_pin(v) (30_pin.sql).
-- 3. The change itself, with the rows it touches locked (a customer's row while its
--    balance changes), and failures raised with private.fail(code, detail).
-- 4. One row in public.actions: insert into public.actions (shop_id, action, actor_id,
--    customer_id, …, action_info, update_id). action is a kind of public.action_kinds;
--    action_info holds what showing and undoing it need; the trigger
--    actions_remember_actor records the actor's name and role at that moment.
-- 5. return private.finish_update(p_update_id, <result jsonb>);
--    Stores the result on the claimed update_id (for redeliveries) and returns it.
--
-- Read-only RPCs do only step 2. Every function is security definer or a private helper,
-- with search_path '' (names are schema-qualified), and is followed by its revoke/grant:
-- public RPCs are executable by service_role only, private helpers by nobody.
-- ================================================================================================

create function private.update_key_lifetime() returns interval
    language sql immutable parallel safe
    set search_path to ''
    as $$ select interval '2 days' $$;

comment on function private.update_key_lifetime() is 'How long a processed Telegram update_id counts as taken: 2 days (Telegram keeps an undelivered update 24 h at most, and reuses ids only after a week without updates).';
revoke execute on function private.update_key_lifetime() from public, anon, authenticated;

create function private.prune_processed_updates(p_limit integer default 20) returns integer
    language plpgsql
    set search_path to ''
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

comment on function private.prune_processed_updates(p_limit integer) is 'Deletes up to p_limit processed updates older than update_key_lifetime(), oldest first; returns how many. Called by begin_update for each new update.';
revoke execute on function private.prune_processed_updates(integer) from public, anon, authenticated;

create function private.begin_update(p_update_id bigint, p_operation text, p_actor bigint) returns jsonb
    language plpgsql
    set search_path to ''
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

comment on function private.begin_update(p_update_id bigint, p_operation text, p_actor bigint) is 'Claims a Telegram update_id for an operation: null when new (or when the id was last used more than update_key_lifetime() ago: Telegram recycled it), else the first delivery''s result; update_already_used for another operation or actor.';
revoke execute on function private.begin_update(bigint, text, bigint) from public, anon, authenticated;

create function private.finish_update(p_update_id bigint, p_result jsonb) returns jsonb
    language sql
    set search_path to ''
    as $$
  update public.processed_updates set result = p_result where update_id = p_update_id;
  select p_result;
$$;

comment on function private.finish_update(p_update_id bigint, p_result jsonb) is 'Stores an RPC''s result on its claimed update_id (for redeliveries) and returns it.';
revoke execute on function private.finish_update(bigint, jsonb) from public, anon, authenticated;

create function private.acting_member(p_actor bigint, p_needs public.member_role default null::public.member_role) returns private.acting_member
    language plpgsql stable
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  select m.shop_id, m.telegram_user_id, m.role, m.display_name, s.name, s.currency, c.minor_unit,
         m.language, m.digits, s.language, s.digits, s.timezone
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

comment on function private.acting_member(p_actor bigint, p_needs public.member_role) is 'The shop membership of a Telegram user; fails with not_a_member, or owner_only when an owner is needed.';
revoke execute on function private.acting_member(bigint, public.member_role) from public, anon, authenticated;

create function private.member_json(v private.acting_member) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object('user_id', v.user_id, 'role', v.role, 'display_name', v.display_name,
                            'language', v.language, 'digits', v.digits)
$$;

comment on function private.member_json(v private.acting_member) is 'The acting member as the RPCs return them: user_id, role, display_name, language and digits (null: not chosen).';
revoke execute on function private.member_json(private.acting_member) from public, anon, authenticated;

create function private.shop_json(v private.acting_member) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object('id', v.shop_id, 'name', v.shop_name, 'currency', v.currency, 'minor_unit', v.minor_unit,
                            'language', v.shop_language, 'digits', v.shop_digits, 'timezone', v.timezone)
$$;

comment on function private.shop_json(v private.acting_member) is 'The member''s shop as the RPCs return it: id, name, currency, minor_unit, language, digits, timezone.';
revoke execute on function private.shop_json(private.acting_member) from public, anon, authenticated;

create function private.is_time_zone(p_zone text) returns boolean
    language sql stable
    set search_path to ''
    as $$
  select p_zone is not null and exists (select 1 from pg_catalog.pg_timezone_names where name = p_zone)
$$;

comment on function private.is_time_zone(p_zone text) is 'True for a time zone name PostgreSQL knows (IANA, e.g. Asia/Hebron).';
revoke execute on function private.is_time_zone(text) from public, anon, authenticated;

create function private.known_language(p_language text) returns text
    language sql immutable
    set search_path to ''
    as $$
  select case when p_language in ('en', 'ar') then p_language end
$$;

comment on function private.known_language(p_language text) is 'p_language when PayTrack speaks it (en, ar), else null.';
revoke execute on function private.known_language(text) from public, anon, authenticated;

create function private.current_actor() returns bigint
    language sql stable
    set search_path to ''
    as $$
  select nullif(current_setting('paytrack.actor', true), '')::bigint
$$;

comment on function private.current_actor() is 'The member running the current undo (the paytrack.actor setting), for undo functions that take only the action row.';
revoke execute on function private.current_actor() from public, anon, authenticated;

-- ================================================================================================
-- Members and owners
-- ================================================================================================

create function private.owner_ids(p_shop_id bigint) returns jsonb
    language sql stable
    set search_path to ''
    as $$
  select coalesce(jsonb_agg(m.telegram_user_id order by m.telegram_user_id), '[]'::jsonb)
    from public.members as m
   where m.shop_id = p_shop_id and m.role = 'owner' and m.removed_at is null
$$;

comment on function private.owner_ids(p_shop_id bigint) is 'The Telegram ids of the shop''s current owners, as a jsonb array.';
revoke execute on function private.owner_ids(bigint) from public, anon, authenticated;

create function private.active_owners(p_shop_id bigint) returns bigint
    language sql stable
    set search_path to ''
    as $$
  select count(*) from public.members where shop_id = p_shop_id and role = 'owner' and removed_at is null
$$;

comment on function private.active_owners(p_shop_id bigint) is 'How many owners a shop has now.';
revoke execute on function private.active_owners(bigint) from public, anon, authenticated;

create function private.member_name(p_shop_id bigint, p_user_id bigint) returns text
    language sql stable
    set search_path to ''
    as $$
  select m.display_name from public.members as m where m.shop_id = p_shop_id and m.telegram_user_id = p_user_id
$$;

comment on function private.member_name(p_shop_id bigint, p_user_id bigint) is 'A member''s display name in a shop, for showing who recorded or voided something.';
revoke execute on function private.member_name(bigint, bigint) from public, anon, authenticated;

create function private.actor_label(p_shop_id bigint, p_actor bigint, p_name text, p_role public.member_role) returns text
    language sql stable
    set search_path to ''
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

comment on function private.actor_label(p_shop_id bigint, p_actor bigint, p_name text, p_role public.member_role) is 'An actor as the history shows them: the name they had, plus "(role, id N)" when it could pass for another member''s name or for a role.';
revoke execute on function private.actor_label(bigint, bigint, text, public.member_role) from public, anon, authenticated;

create function public.start_user(p_actor bigint, p_update_id bigint, p_display_name text, p_may_open_shop boolean default false, p_claim_if_unclaimed boolean default false, p_shop_name text default null::text, p_currency text default 'USD'::text, p_language text default null::text, p_timezone text default null::text) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_prior jsonb;
  v_name text := left(private.clean_text(p_display_name), 64);
  v_language text := private.known_language(p_language);
  v_shop_id bigint;
  v_status text;
  v private.acting_member;
  v_result jsonb;
begin
  v_prior := private.begin_update(p_update_id, 'start_user', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;

  update public.members
     set display_name = case when v_name <> '' then v_name else display_name end,
         language = coalesce(language, v_language)
   where telegram_user_id = p_actor and removed_at is null
     and ((v_name <> '' and display_name is distinct from v_name) or (language is null and v_language is not null));

  if exists (select 1 from public.members where telegram_user_id = p_actor and removed_at is null) then
    v_status := 'member';
  else
    -- Serialise first-user claims so two strangers cannot both claim an empty bot.
    perform pg_advisory_xact_lock(hashtext('paytrack.claim_bot'));
    if p_may_open_shop or (p_claim_if_unclaimed and not exists (select 1 from public.shops)) then
      if not exists (select 1 from public.currencies where code = upper(p_currency)) then
        perform private.fail('unknown_currency', format('%s is not a currency PayTrack knows.', p_currency));
      end if;
      if p_timezone is not null and not private.is_time_zone(p_timezone) then
        perform private.fail('unknown_time_zone', format('%s is not a time zone PayTrack knows.', p_timezone));
      end if;
      insert into public.shops (name, currency, created_by, language, timezone)
        values (coalesce(nullif(left(private.clean_text(p_shop_name), 100), ''), nullif(v_name, ''), 'My shop'),
                upper(p_currency), p_actor, coalesce(v_language, 'en'), coalesce(p_timezone, 'UTC'))
        returning id into v_shop_id;
      insert into public.members (shop_id, telegram_user_id, role, display_name, language)
        values (v_shop_id, p_actor, 'owner', v_name, v_language);
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

comment on function public.start_user(p_actor bigint, p_update_id bigint, p_display_name text, p_may_open_shop boolean, p_claim_if_unclaimed boolean, p_shop_name text, p_currency text, p_language text, p_timezone text) is '/start: a member is greeted (status member, their language stored if not known yet); otherwise opens a shop when allowed (opened, in the opener''s language and p_timezone), claims an unclaimed bot (claimed), or reports a stranger.';
revoke execute on function public.start_user(bigint, bigint, text, boolean, boolean, text, text, text, text) from public, anon, authenticated;
grant execute on function public.start_user(bigint, bigint, text, boolean, boolean, text, text, text, text) to service_role;

create function public.member_info(p_actor bigint) returns jsonb
    language plpgsql stable security definer
    set search_path to ''
    as $$
declare
  v private.acting_member;
begin
  v := private.acting_member(p_actor);
  return jsonb_build_object('member', private.member_json(v), 'shop', private.shop_json(v));
end;
$$;

comment on function public.member_info(p_actor bigint) is 'The acting user''s membership and shop; fails with not_a_member.';
revoke execute on function public.member_info(bigint) from public, anon, authenticated;
grant execute on function public.member_info(bigint) to service_role;

-- ================================================================================================
-- Bot sessions (grammY storage)
-- ================================================================================================

create function private.forget_session(p_user bigint, p_everything boolean) returns void
    language sql
    set search_path to ''
    as $$
  delete from public.bot_sessions where key = 'member:' || p_user and p_everything;
  update public.bot_sessions set value = value - 'member' where key = 'member:' || p_user and not p_everything;
$$;

comment on function private.forget_session(p_user bigint, p_everything boolean) is 'Drops a member''s bot session (everything, on removal) or only its cached membership (on a role change), so the bot asks the ledger again.';
revoke execute on function private.forget_session(bigint, boolean) from public, anon, authenticated;

create function public.session_read(p_key text) returns jsonb
    language sql stable security definer
    set search_path to ''
    as $$
  select value from public.bot_sessions where key = p_key
$$;

comment on function public.session_read(p_key text) is 'grammY storage adapter: the session stored under a key, or null.';
revoke execute on function public.session_read(text) from public, anon, authenticated;
grant execute on function public.session_read(text) to service_role;

create function public.session_write(p_key text, p_value jsonb) returns void
    language sql security definer
    set search_path to ''
    as $$
  insert into public.bot_sessions (key, value, updated_at) values (p_key, p_value, now())
  on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
$$;

comment on function public.session_write(p_key text, p_value jsonb) is 'grammY storage adapter: stores a session.';
revoke execute on function public.session_write(text, jsonb) from public, anon, authenticated;
grant execute on function public.session_write(text, jsonb) to service_role;

create function public.session_delete(p_key text) returns void
    language sql security definer
    set search_path to ''
    as $$
  delete from public.bot_sessions where key = p_key
$$;

comment on function public.session_delete(p_key text) is 'grammY storage adapter: forgets a session.';
revoke execute on function public.session_delete(text) from public, anon, authenticated;
grant execute on function public.session_delete(text) to service_role;

-- ================================================================================================
-- The action log and undo dispatch
-- Each kind of action that can be undone has private.undo_<action>(public.actions), and may have
-- private.undo_blocker_<action>, in the file of its area; public.undo_action (60_history.sql) calls them.
-- ================================================================================================

create function private.actions_remember_actor() returns trigger
    language plpgsql
    set search_path to ''
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

comment on function private.actions_remember_actor() is 'Trigger: fills public.actions.actor_name and actor_role from the actor''s membership row, in the same transaction as the action.';
revoke execute on function private.actions_remember_actor() from public, anon, authenticated;

create function private.undo_blocker(a public.actions) returns text
    language plpgsql stable
    set search_path to ''
    as $_$
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
$_$;

comment on function private.undo_blocker(a public.actions) is 'Why this action cannot be undone now (an error code), or null; asks private.undo_blocker_<action> when it exists.';
revoke execute on function private.undo_blocker(public.actions) from public, anon, authenticated;

create function private.can_undo(a public.actions, v private.acting_member) returns boolean
    language sql stable
    set search_path to ''
    as $$
  select a.undone_at is null
     and k.undoable
     and (v.role = 'owner' or (a.actor_id = v.user_id and k.undo_needs_role is distinct from 'owner'))
     and private.undo_blocker(a) is null
    from public.action_kinds as k
   where k.action = a.action
$$;

comment on function private.can_undo(a public.actions, v private.acting_member) is 'Whether the member may undo the action now (kind undoable, not undone, their own or they are an owner, the role its undo needs, nothing blocking). The PIN is checked by undo_action.';
revoke execute on function private.can_undo(public.actions, private.acting_member) from public, anon, authenticated;

-- ================================================================================================
-- Triggers
-- ================================================================================================

create trigger actions_remember_actor before insert on public.actions for each row execute function private.actions_remember_actor();
