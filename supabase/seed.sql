-- Seed data for `supabase db reset` on a local Supabase stack.
--
-- Intentionally empty: a shop, its members and its customers are created through
-- the bot (/start, /addcustomer), which keeps the action log and idempotency keys
-- consistent. Reference data (currencies) lives in the migrations.
select 1;
