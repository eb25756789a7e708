-- PayTrack: customers in the loop — the Telegram accounts customers link to their ledger
-- accounts (with consent), and the outbox that carries every message to them.
--
-- One Telegram account can be a member of one shop and, separately, the linked customer of
-- any number of shops: customer_accounts has one row per (customer, Telegram account) link,
-- ended links kept (ended_at) for the history. Messages to customers are written to the outbox
-- in the same transaction as the change they are about, and sent after the commit by a
-- drain, so a crash between commit and send loses nothing and a redelivered update never
-- writes a second row (the row's key includes the update that caused it).
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

-- ============================================================================
-- Linked customer accounts
-- ============================================================================

create table public.customer_accounts (
  id bigint generated always as identity primary key,
  shop_id bigint not null references public.shops (id) on delete cascade,
  customer_id bigint not null references public.customers (id) on delete cascade,
  telegram_user_id bigint not null,
  language text constraint customer_account_language_known check (language in ('en', 'ar')),
  receipts boolean not null default true,
  reminders boolean not null default true,
  linked_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by bigint,
  unreachable_at timestamptz
);
comment on table public.customer_accounts is
  'A customer''s Telegram account linked (with their consent) to their account in a shop: receipts, /balance, reminders. Ended links stay, with ended_at.';
comment on column public.customer_accounts.id is 'The link.';
comment on column public.customer_accounts.shop_id is 'The shop whose customer this is.';
comment on column public.customer_accounts.customer_id is 'The customer in that shop.';
comment on column public.customer_accounts.telegram_user_id is 'The customer''s Telegram user id (from.id).';
comment on column public.customer_accounts.language is 'The language the bot speaks to this customer (en or ar); null: their Telegram app''s, else the shop''s.';
comment on column public.customer_accounts.receipts is 'Whether the customer gets a receipt for each entry (/receipts off turns it off).';
comment on column public.customer_accounts.reminders is 'Whether the customer gets payment reminders.';
comment on column public.customer_accounts.linked_at is 'When the customer confirmed the link.';
comment on column public.customer_accounts.ended_at is 'When the link ended (the customer''s /disconnect or the owner''s button); null while linked.';
comment on column public.customer_accounts.ended_by is 'Who ended it (the customer''s or a member''s Telegram id).';
comment on column public.customer_accounts.unreachable_at is 'When Telegram last refused a message to them (403: they blocked the bot); null while reachable.';

create unique index customer_accounts_one_live_link on public.customer_accounts (customer_id)
  where ended_at is null;
create index customer_accounts_by_telegram_user on public.customer_accounts (telegram_user_id)
  where ended_at is null;
create index customer_accounts_shop_id on public.customer_accounts (shop_id);

alter table public.customer_accounts enable row level security;
create policy "The bot's service role manages linked customer accounts" on public.customer_accounts
  for all to service_role using (true) with check (true);
revoke all on table public.customer_accounts from public, anon, authenticated;
grant select, insert, update, delete on table public.customer_accounts to service_role;

-- ============================================================================
-- Outbox: messages to send after the commit
-- ============================================================================

create table public.outbox (
  id bigint generated always as identity primary key,
  shop_id bigint references public.shops (id) on delete cascade,
  chat_id bigint not null,
  kind text not null,
  payload jsonb not null,
  dedupe_key text not null unique,
  created_at timestamptz not null default now(),
  not_before timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  failed_at timestamptz
);
comment on table public.outbox is
  'Messages to customers (and members) written in the same transaction as the change they are about, delivered after the commit by the drain; dedupe_key makes a redelivered update write no second row.';
comment on column public.outbox.id is 'The message, in the order it was queued.';
comment on column public.outbox.shop_id is 'The shop it is about.';
comment on column public.outbox.chat_id is 'The Telegram chat to send it to (a private chat: the user id).';
comment on column public.outbox.kind is 'What it is: receipt, dispute, reminder, notice….';
comment on column public.outbox.payload is 'What the sender needs to write it in the recipient''s language (ids, amounts in minor units, names).';
comment on column public.outbox.dedupe_key is 'One message per cause, e.g. receipt:<transaction id>:<update id>; a second insert with the same key is ignored.';
comment on column public.outbox.created_at is 'When it was queued (the commit of its change).';
comment on column public.outbox.not_before is 'Not sent before this time (retries after a 429 or an outage, quiet hours).';
comment on column public.outbox.attempts is 'How many times sending was tried.';
comment on column public.outbox.last_error is 'What the last failed try answered (no message text).';
comment on column public.outbox.sent_at is 'When Telegram accepted it; null while waiting.';
comment on column public.outbox.failed_at is 'When it was given up (403: blocked, or too many tries); null otherwise.';

create index outbox_waiting on public.outbox (not_before, id) where sent_at is null and failed_at is null;
create index outbox_shop_id on public.outbox (shop_id);

alter table public.outbox enable row level security;
create policy "The bot's service role manages the outbox" on public.outbox
  for all to service_role using (true) with check (true);
revoke all on table public.outbox from public, anon, authenticated;
grant select, insert, update, delete on table public.outbox to service_role;
