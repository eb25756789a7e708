-- PayTrack: indexes on the foreign keys that queries and undo walk (issue 16, begun).
--
-- Supabase's database advisor (lint unindexed_foreign_keys) listed 12 foreign keys without a
-- covering index. These four are walked: /history for one customer and for one member (and the
-- undo of a customer's actions), the chain of undos (undo_action follows undone_by_action_id and
-- undoes_action_id) and a merged customer's duplicates. The other eight point at rows that are
-- never deleted or re-keyed (members are removed with removed_at, currencies and kinds of action
-- are reference rows, customer ids are unique across shops and transactions_by_customer serves
-- per-customer reads): tests/db/foreign_keys_test.ts lists each with its reason.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

create index actions_by_customer on public.actions using btree (shop_id, customer_id, id desc) where (customer_id is not null);
create index actions_by_actor on public.actions using btree (shop_id, actor_id, id desc);
create index actions_by_undone_by on public.actions using btree (undone_by_action_id) where (undone_by_action_id is not null);
create index actions_by_undoes on public.actions using btree (undoes_action_id) where (undoes_action_id is not null);
create index customers_by_merged_into on public.customers using btree (shop_id, merged_into) where (merged_into is not null);
