-- PayTrack: the seed's checklist — who may reach what it added.
-- As everywhere: row-level security on, nothing for anon and authenticated, every
-- function granted to service_role only, private helpers to nobody.

-- ============================================================================
-- Tables and sequences
-- ============================================================================

alter table public.member_pins enable row level security;
create policy "The bot's service role manages PIN tries and grants" on public.member_pins
  for all to service_role using (true) with check (true);
revoke all on table public.member_pins from public, anon, authenticated;
grant select, insert, update, delete on table public.member_pins to service_role;

revoke all on sequence public.customer_link_groups from public, anon, authenticated;
grant usage on sequence public.customer_link_groups to service_role;

-- ============================================================================
-- Functions
-- ============================================================================

revoke execute on all functions in schema private from public, anon, authenticated, service_role;

revoke execute on function
  public.list_transactions(bigint, bigint, text, timestamptz, timestamptz, integer, integer),
  public.transaction_details(bigint, bigint),
  public.pin_gate(bigint),
  public.verify_pin(bigint, bigint, text),
  public.set_pin(bigint, bigint, text),
  public.shop_settings(bigint),
  public.set_archive_when_settled(bigint, bigint, boolean),
  public.archive_customer(bigint, bigint, bigint),
  public.rename_customer(bigint, bigint, bigint, text),
  public.add_nickname(bigint, bigint, bigint, text),
  public.tag_customer(bigint, bigint, bigint, text[], boolean),
  public.list_tags(bigint),
  public.link_customers(bigint, bigint, bigint, bigint),
  public.unlink_customer(bigint, bigint, bigint),
  public.merge_customers(bigint, bigint, bigint, bigint)
  from public, anon, authenticated;

grant execute on function
  public.list_transactions(bigint, bigint, text, timestamptz, timestamptz, integer, integer),
  public.transaction_details(bigint, bigint),
  public.pin_gate(bigint),
  public.verify_pin(bigint, bigint, text),
  public.set_pin(bigint, bigint, text),
  public.shop_settings(bigint),
  public.set_archive_when_settled(bigint, bigint, boolean),
  public.archive_customer(bigint, bigint, bigint),
  public.rename_customer(bigint, bigint, bigint, text),
  public.add_nickname(bigint, bigint, bigint, text),
  public.tag_customer(bigint, bigint, bigint, text[], boolean),
  public.list_tags(bigint),
  public.link_customers(bigint, bigint, bigint, bigint),
  public.unlink_customer(bigint, bigint, bigint),
  public.merge_customers(bigint, bigint, bigint, bigint)
  to service_role;
