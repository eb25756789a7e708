-- PayTrack: who may reach the ledger, and the views the Supabase dashboard shows.
--
-- Only the bot reaches the ledger: it calls the public RPC functions with the
-- service_role key. anon and authenticated (the public API keys) can read or write
-- nothing: no grants, row-level security on every table, no policy for them.

-- ============================================================================
-- Views for the dashboard
-- ============================================================================

create view public.customer_balances with (security_invoker = true) as
select c.id as customer_id,
       s.name as shop,
       c.full_name as customer,
       c.phone,
       array_to_string(c.tags, ', ') as tags,
       round(c.balance::numeric / power(10::numeric, cur.minor_unit), cur.minor_unit) as balance,
       s.currency,
       case when c.balance > 0 then 'owes' when c.balance < 0 then 'advance' else 'settled' end as status,
       (select max(t.created_at) from public.transactions as t
         where t.customer_id = c.id and t.voided_at is null) as last_activity,
       c.created_at as customer_since,
       c.archived_at
  from public.customers as c
  join public.shops as s on s.id = c.shop_id
  join public.currencies as cur on cur.code = s.currency;
comment on view public.customer_balances is
  'Every customer with what they owe in the shop currency (e.g. 12.50), largest debts easy to sort. Read-only.';
comment on column public.customer_balances.balance is 'What the customer owes, in the shop currency; negative is an advance.';
comment on column public.customer_balances.status is 'owes, advance or settled.';

-- ============================================================================
-- Row-level security: on for every table
-- ============================================================================

alter table public.currencies enable row level security;
alter table public.shops enable row level security;
alter table public.members enable row level security;
alter table public.customers enable row level security;
alter table public.transactions enable row level security;
alter table public.action_kinds enable row level security;
alter table public.actions enable row level security;
alter table public.processed_updates enable row level security;
alter table public.bot_sessions enable row level security;

create policy "The bot's service role reads currencies" on public.currencies
  for select to service_role using (true);
create policy "The bot's service role manages shops" on public.shops
  for all to service_role using (true) with check (true);
create policy "The bot's service role manages members" on public.members
  for all to service_role using (true) with check (true);
create policy "The bot's service role manages customers" on public.customers
  for all to service_role using (true) with check (true);
create policy "The bot's service role manages transactions" on public.transactions
  for all to service_role using (true) with check (true);
create policy "The bot's service role reads the kinds of action" on public.action_kinds
  for select to service_role using (true);
create policy "The bot's service role manages the action log" on public.actions
  for all to service_role using (true) with check (true);
create policy "The bot's service role manages processed updates" on public.processed_updates
  for all to service_role using (true) with check (true);
create policy "The bot's service role manages bot sessions" on public.bot_sessions
  for all to service_role using (true) with check (true);

-- ============================================================================
-- Table privileges: nothing for the public API roles
-- ============================================================================

revoke all on table public.currencies, public.action_kinds, public.shops, public.members, public.customers, public.transactions,
  public.actions, public.processed_updates, public.bot_sessions, public.customer_balances
  from public, anon, authenticated;
grant select, insert, update, delete on table public.shops, public.members, public.customers,
  public.transactions, public.actions, public.processed_updates, public.bot_sessions to service_role;
grant select on table public.currencies, public.action_kinds, public.customer_balances to service_role;
grant usage on all sequences in schema public to service_role;
revoke all on all sequences in schema public from anon, authenticated;

-- ============================================================================
-- Function privileges: revoked first, granted per function to service_role
-- ============================================================================

revoke all on schema private from anon, authenticated, service_role;
revoke execute on all functions in schema private from public, anon, authenticated, service_role;

revoke execute on function
  public.start_user(bigint, bigint, text, boolean, boolean, text, text),
  public.member_info(bigint),
  public.add_customer(bigint, bigint, text, text, text[], text[]),
  public.record_purchase(bigint, bigint, bigint, bigint, text),
  public.record_payment(bigint, bigint, bigint, bigint, text, boolean),
  public.customer_summary(bigint, bigint, integer),
  public.list_customers(bigint, text, integer, integer),
  public.list_actions(bigint, integer, integer, bigint),
  public.undo_action(bigint, bigint, bigint),
  public.session_read(text),
  public.session_write(text, jsonb),
  public.session_delete(text)
  from public, anon, authenticated;

grant execute on function
  public.start_user(bigint, bigint, text, boolean, boolean, text, text),
  public.member_info(bigint),
  public.add_customer(bigint, bigint, text, text, text[], text[]),
  public.record_purchase(bigint, bigint, bigint, bigint, text),
  public.record_payment(bigint, bigint, bigint, bigint, text, boolean),
  public.customer_summary(bigint, bigint, integer),
  public.list_customers(bigint, text, integer, integer),
  public.list_actions(bigint, integer, integer, bigint),
  public.undo_action(bigint, bigint, bigint),
  public.session_read(text),
  public.session_write(text, jsonb),
  public.session_delete(text)
  to service_role;
