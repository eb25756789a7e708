-- PayTrack: the seed's checklist — shop settings and the shop PIN, archiving,
-- renames, hidden nicknames, tags, linked households and merged duplicates.
--
-- This file adds columns and tables; the functions are in the next migration.

-- ============================================================================
-- Shops: settings and the PIN
-- ============================================================================

alter table public.shops
  add column archive_when_settled boolean not null default false,
  add column pin_hash text,
  add column pin_set_at timestamptz,
  add column pin_reminded_at timestamptz;
comment on column public.shops.archive_when_settled is
  'Setting: a payment that brings a customer''s balance to zero archives them.';
comment on column public.shops.pin_hash is
  'The shop PIN as a bcrypt hash (pgcrypto crypt with gen_salt(''bf'')); null until the owner sets one. The PIN itself is never stored.';
comment on column public.shops.pin_set_at is 'When the current PIN was set.';
comment on column public.shops.pin_reminded_at is 'When the owner was reminded to set a PIN (once, while none is set).';

-- ============================================================================
-- Members: PIN tries, lockout and the short-lived grant
-- ============================================================================

create table public.member_pins (
  shop_id bigint not null,
  telegram_user_id bigint not null,
  failures integer not null default 0 constraint failures_in_range check (failures between 0 and 5),
  locked_until timestamptz,
  valid_until timestamptz,
  last_update_id bigint,
  last_result jsonb,
  primary key (shop_id, telegram_user_id),
  foreign key (shop_id, telegram_user_id) references public.members (shop_id, telegram_user_id) on delete cascade
);
comment on table public.member_pins is
  'Per member: wrong PIN tries in a row, the lockout they cause, and until when a right PIN lets PIN actions through. Never the PIN.';
comment on column public.member_pins.failures is 'Wrong PINs in a row; the fifth locks PIN actions for 15 minutes.';
comment on column public.member_pins.locked_until is 'PIN actions are refused for this member until then.';
comment on column public.member_pins.valid_until is 'A right PIN lets this member''s PIN actions through until then (a few minutes).';
comment on column public.member_pins.last_update_id is 'The Telegram update of the last check, so a redelivered check is not counted twice.';
comment on column public.member_pins.last_result is 'What the last check answered (ok, tries left, lockout); never the PIN.';

-- ============================================================================
-- Customers: linked households, merges, more phones
-- ============================================================================

create sequence public.customer_link_groups;
comment on sequence public.customer_link_groups is 'Numbers for groups of linked customers (households, families).';

alter table public.customers
  add column link_group bigint,
  add column merged_into bigint,
  add column other_phones text[] not null default '{}',
  add constraint merged_into_same_shop foreign key (shop_id, merged_into) references public.customers (shop_id, id),
  add constraint not_merged_into_itself check (merged_into is distinct from id);
comment on column public.customers.link_group is
  'Customers with the same number are linked (a household or a family): the summary shows them together with the group''s total.';
comment on column public.customers.merged_into is 'For a duplicate merged into another customer: the customer that kept its records.';
comment on column public.customers.other_phones is 'More phone numbers, e.g. taken over from a merged duplicate; searchable like the phone.';

create index customers_by_link_group on public.customers (shop_id, link_group) where link_group is not null;

-- ============================================================================
-- The kinds of action this adds to the log
-- ============================================================================

insert into public.action_kinds (action, description, undoable) values
  ('customer_archived', 'A customer was deleted (archived): out of lists and search, kept in history and export. Undo restores them.', true),
  ('customer_renamed', 'A customer''s name was changed. Undo puts the old name back.', true),
  ('nickname_added', 'A hidden nickname was added to a customer. Undo removes it.', true),
  ('customer_tagged', 'Tags were added to a customer. Undo removes the tags it added.', true),
  ('customer_untagged', 'Tags were removed from a customer. Undo puts them back.', true),
  ('customers_linked', 'Two customers were linked into one household. Undo unlinks them as they were.', true),
  ('customer_unlinked', 'A customer left their household. Undo links them again.', true),
  ('customers_merged', 'A duplicate customer was merged into another. Undo splits them back exactly.', true),
  ('setting_changed', 'A shop setting was changed. Undo puts the old value back.', true),
  ('pin_set', 'The shop PIN was set or changed (the PIN is never logged). Not undoable: set it again instead.', false);
