-- PayTrack: the schema documents itself.
--
-- The README says every table and column has a comment; 51 public columns and 44
-- functions had none. tests/db/schema_comments_test.ts keeps it true: every table,
-- view and column of public, and every function of public and private, has a comment.
-- Comments only: nothing here changes data or behaviour.

-- ============================================================================
-- Columns: currencies, shops, members
-- ============================================================================

comment on column public.currencies.code is 'ISO 4217 code (three capital letters), e.g. ILS, JOD, JPY.';
comment on column public.currencies.name is 'The currency''s English name, e.g. Jordanian dinar.';

comment on column public.shops.id is 'The shop (the tenant): every customer, transaction and action belongs to one.';
comment on column public.shops.name is 'The shop''s name as the bot shows it (1 to 100 characters).';
comment on column public.shops.created_at is 'When the shop was opened.';

comment on column public.members.shop_id is 'The shop this Telegram user works in.';
comment on column public.members.role is 'owner (everything) or clerk (customers, purchases, payments, search).';
comment on column public.members.joined_at is 'When the user became a member (opened the shop, was added, or redeemed an invite).';

comment on column public.member_pins.shop_id is 'The shop whose PIN these checks are for.';
comment on column public.member_pins.telegram_user_id is 'The member whose PIN checks (failures, lock, grant) these are.';

comment on column public.invites.id is 'The invite (its link carries a secret code; only the code''s SHA-256 is stored).';
comment on column public.invites.shop_id is 'The shop the invite admits to.';
comment on column public.invites.created_at is 'When the owner created the invite.';

-- ============================================================================
-- Columns: customers and the search vocabulary
-- ============================================================================

comment on column public.customers.id is 'The customer; ids are global, every lookup also checks the shop.';
comment on column public.customers.shop_id is 'The shop the customer buys from; a customer never moves between shops.';
comment on column public.customers.full_name is 'The name as typed (1 to 120 characters), shown in lists, search results and the export.';
comment on column public.customers.created_by is 'Telegram user id of the member who added the customer.';
comment on column public.customers.created_at is 'When the customer was added (the "new this week" badge).';

comment on column public.search_words.shop_id is 'The shop whose customers hold the word.';
comment on column public.search_words.word is 'One folded word of a customer''s name or nickname (see private.search_key), in byte order.';

-- ============================================================================
-- Columns: transactions and the action log
-- ============================================================================

comment on column public.transactions.id is 'The transaction (its number in /transaction 12); taken under the customer''s row lock, so a customer''s ids follow the commit order.';
comment on column public.transactions.shop_id is 'The shop of the customer (checked by a foreign key with customer_id).';
comment on column public.transactions.customer_id is 'The customer whose balance this purchase or payment changes.';
comment on column public.transactions.kind is 'purchase (raises the balance) or payment (lowers it).';
comment on column public.transactions.description is 'The note typed with the amount (up to 500 characters); its #tags are in tags.';
comment on column public.transactions.created_at is 'When it was recorded.';
comment on column public.transactions.voided_by is 'Telegram user id of the member whose undo voided it; set together with voided_at.';

comment on column public.action_kinds.action is 'The kind of change, in snake_case (e.g. purchase_recorded); private.undo_<action> undoes it.';
comment on column public.action_kinds.description is 'What the kind of change is, and what undoing it does.';
comment on column public.action_kinds.undoable is 'Whether /undo can reverse actions of this kind.';

comment on column public.actions.id is 'The action (its number in /history and on Undo buttons).';
comment on column public.actions.shop_id is 'The shop the change happened in.';
comment on column public.actions.customer_id is 'The customer the change concerns, when there is one.';
comment on column public.actions.transaction_id is 'The transaction the action recorded (purchases and payments).';
comment on column public.actions.created_at is 'When the change was made.';
comment on column public.actions.undone_by_action_id is 'The action_undone entry that undid this one; set together with undone_at.';

-- ============================================================================
-- Columns: idempotency and bot sessions
-- ============================================================================

comment on column public.processed_updates.update_id is 'The Telegram update_id: the idempotency key (for update_key_lifetime(), then reusable).';
comment on column public.processed_updates.operation is 'The RPC that claimed the update (e.g. record_purchase); the same id for another operation is refused.';
comment on column public.processed_updates.result is 'What the RPC returned, given back unchanged to a redelivery; null while the first delivery runs.';

comment on column public.bot_sessions.key is 'grammY''s session key (per chat and member).';
comment on column public.bot_sessions.value is 'The session data as JSON (pending step, selected customer, cached membership); never a PIN.';
comment on column public.bot_sessions.updated_at is 'When the session was last written.';

-- ============================================================================
-- Columns: the customer_balances view
-- ============================================================================

comment on column public.customer_balances.customer_id is 'The customer''s id (public.customers.id).';
comment on column public.customer_balances.shop is 'The shop''s name.';
comment on column public.customer_balances.customer is 'The customer''s full name.';
comment on column public.customer_balances.phone is 'The main phone as typed.';
comment on column public.customer_balances.tags is 'The customer''s tags, comma separated.';
comment on column public.customer_balances.currency is 'The shop''s currency (ISO 4217).';
comment on column public.customer_balances.last_activity is 'The latest purchase or payment still counting (not undone).';
comment on column public.customer_balances.customer_since is 'When the customer was added.';
comment on column public.customer_balances.archived_at is 'When the customer was deleted (archived), or null while active.';

-- ============================================================================
-- Functions: shapes, lookups and triggers
-- ============================================================================

comment on function private.shop_json(private.acting_member) is 'The member''s shop as the RPCs return it: id, name, currency, minor_unit.';
comment on function private.member_json(private.acting_member) is 'The acting member as the RPCs return them: user_id, role, display_name.';
comment on function private.customer_json(public.customers, boolean) is 'A customer as the RPCs return it; nicknames only when asked (never in lists or search).';
comment on function private.transaction_json(public.transactions) is 'A transaction as the RPCs return it, with balance_after and voided_at.';
comment on function private.team_member_json(public.members) is 'A member as /members shows them: user_id, role, display_name, joined_at.';
comment on function private.expense_json(public.expenses, text) is 'An expense as the spending RPCs return it, with the recorder''s name when given.';
comment on function private.finish_update(bigint, jsonb) is 'Stores an RPC''s result on its claimed update_id (for redeliveries) and returns it.';
comment on function private.member_name(bigint, bigint) is 'A member''s display name in a shop, for showing who recorded or voided something.';
comment on function private.month_start(timestamptz) is 'The first instant (UTC) of the month that holds p_day.';
comment on function private.top_balance(bigint) is 'The largest balance among the shop''s active customers (the top debtor badge).';
comment on function private.active_customer(private.acting_member, bigint) is 'A customer of the member''s shop, locked for update; fails with customer_not_found or customer_archived.';
comment on function private.active_pair(private.acting_member, bigint, bigint) is 'Two active customers of the member''s shop, locked in id order (no deadlocks); fails on the same customer twice.';
comment on function private.record_transaction(bigint, bigint, public.transaction_kind, bigint, bigint, boolean, text) is 'Records a purchase or payment under the customer''s row lock: checks, balance, transaction, action and update_id in one go.';
comment on function private.pin_grant_interval() is 'How long a right PIN stays valid for its member: 5 minutes.';
comment on function private.pin_max_failures() is 'Wrong PINs in a row that lock PIN actions: 5.';
comment on function private.pin_lock_interval() is 'How long PIN actions stay locked after too many wrong PINs: 15 minutes.';
comment on function private.customers_before_write() is 'Trigger: keeps a customer''s search_text, phone_digits and cleaned tags in step with what was typed.';
comment on function private.customers_keep_search_words() is 'Trigger: keeps a customer''s search_words (the distinct words of search_text).';
comment on function private.customers_add_search_words() is 'Trigger: adds a customer''s words to the shop''s search vocabulary (public.search_words).';
comment on function private.customers_keep_search_phones() is 'Trigger: keeps search_phones, the digits of every phone of the customer.';
comment on function private.shops_count_added_customers() is 'Statement trigger: adds inserted active customers to their shop''s active_customers.';
comment on function private.shops_count_removed_customers() is 'Statement trigger: takes deleted active customers off their shop''s active_customers.';
comment on function private.shops_count_archived_customer() is 'Trigger: moves a shop''s active_customers by one when a customer is archived or restored.';

-- ============================================================================
-- Functions: undo, one blocker and one undo per kind
-- ============================================================================

comment on function private.current_actor() is 'The member running the current undo (the paytrack.actor setting), for undo functions that take only the action row.';
comment on function private.void_recorded_transaction(public.actions, bigint) is 'Voids the transaction an action recorded and moves the customer''s balance back.';
comment on function private.undo_purchase_recorded(public.actions) is 'Undoes a purchase: voids it and lowers the balance back.';
comment on function private.undo_payment_recorded(public.actions) is 'Undoes a payment: voids it, raises the balance back, and restores a customer it archived.';
comment on function private.undo_customer_added(public.actions) is 'Undoes adding a customer: archives them.';
comment on function private.undo_blocker_customer_added(public.actions) is 'Why adding a customer cannot be undone now (customer_has_transactions, or merged), or null.';
comment on function private.undo_customer_archived(public.actions) is 'Undoes deleting a customer: brings them back.';
comment on function private.undo_blocker_customer_archived(public.actions) is 'changed_since when the customer was restored or merged since, else null.';
comment on function private.undo_customer_renamed(public.actions) is 'Undoes a rename: puts the old name back.';
comment on function private.undo_blocker_customer_renamed(public.actions) is 'changed_since when the customer was renamed again since, else null.';
comment on function private.undo_nickname_added(public.actions) is 'Undoes adding a nickname: removes it.';
comment on function private.undo_customer_tagged(public.actions) is 'Undoes tagging: removes the tags the action added.';
comment on function private.undo_customer_untagged(public.actions) is 'Undoes untagging: puts back the tags the action removed.';
comment on function private.undo_customers_linked(public.actions) is 'Undoes a link: puts the linked customers back in their former groups.';
comment on function private.undo_blocker_customers_linked(public.actions) is 'changed_since when a customer the link moved has changed group since, else null.';
comment on function private.undo_customer_unlinked(public.actions) is 'Undoes an unlink: puts the customer back in its group.';
comment on function private.undo_blocker_customer_unlinked(public.actions) is 'changed_since when the customer has been linked again since, else null.';
comment on function private.undo_customers_merged(public.actions) is 'Undoes a merge: moves the duplicate''s transactions and balance back and restores it.';
comment on function private.undo_blocker_customers_merged(public.actions) is 'changed_since when the survivor was archived or the duplicate is no longer merged into it, else null.';
comment on function private.undo_setting_changed(public.actions) is 'Undoes a settings change: puts the old value back.';
comment on function private.undo_blocker_setting_changed(public.actions) is 'changed_since when the setting has changed again since, else null.';
