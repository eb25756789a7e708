-- PayTrack schema: receipts to linked customers (queued by a trigger on the action log), the
-- answers to them, and the outbox drain's claim and finish. The state the migrations build;
-- changes go in a new migration.

-- ================================================================================================
-- Answers to receipts (✅ OK / ❗ Not mine)
-- ================================================================================================

create table public.receipt_answers (
  outbox_id bigint primary key references public.outbox (id) on delete cascade,
  shop_id bigint references public.shops (id) on delete cascade,
  telegram_user_id bigint not null,
  answer text not null constraint receipt_answer_known check (answer in ('ok', 'not_mine')),
  answered_at timestamptz not null default now()
);
comment on table public.receipt_answers is
  'What a customer answered on a receipt: ok, or not_mine (which opens a dispute on an entry''s receipt: public.disputes). The latest answer per receipt.';
comment on column public.receipt_answers.outbox_id is 'The receipt (its outbox row).';
comment on column public.receipt_answers.shop_id is 'The shop the receipt is from.';
comment on column public.receipt_answers.telegram_user_id is 'The customer who answered (the receipt''s chat).';
comment on column public.receipt_answers.answer is 'ok (✅ OK) or not_mine (❗ Not mine / wrong).';
comment on column public.receipt_answers.answered_at is 'When they last pressed a button on it.';

create index receipt_answers_shop_id on public.receipt_answers (shop_id);

alter table public.receipt_answers enable row level security;
create policy "The bot's service role manages receipt answers" on public.receipt_answers
  for all to service_role using (true) with check (true);
revoke all on table public.receipt_answers from public, anon, authenticated;
grant select, insert, update, delete on table public.receipt_answers to service_role;

-- ================================================================================================
-- Disputes (❗ Not mine on a receipt)
-- ================================================================================================

create table public.disputes (
  id bigint generated always as identity primary key,
  shop_id bigint not null references public.shops (id) on delete cascade,
  transaction_id bigint not null references public.transactions (id) on delete cascade,
  customer_id bigint not null references public.customers (id) on delete cascade,
  outbox_id bigint references public.outbox (id) on delete set null,
  opened_at timestamptz not null default now(),
  opened_by bigint not null,
  status text not null default 'open'
    constraint dispute_status_known check (status in ('open', 'undone', 'upheld')),
  resolved_at timestamptz,
  resolved_by bigint,
  note text constraint dispute_note_length check (char_length(note) <= 200),
  constraint dispute_resolved_together check ((status = 'open') = (resolved_at is null))
);
comment on table public.disputes is
  'A customer''s ❗ Not mine on a receipt of a purchase or payment: open until an owner undoes the entry (undone; any undo of it resolves the dispute) or says it is correct (upheld, with an optional note). One dispute per transaction.';
comment on column public.disputes.id is 'The dispute.';
comment on column public.disputes.shop_id is 'The shop of the entry.';
comment on column public.disputes.transaction_id is 'The disputed entry.';
comment on column public.disputes.customer_id is 'The customer whose account the entry is on.';
comment on column public.disputes.outbox_id is 'The receipt the customer answered (its outbox row).';
comment on column public.disputes.opened_at is 'When the customer pressed ❗ Not mine.';
comment on column public.disputes.opened_by is 'The customer''s Telegram user id (the receipt''s chat): told the outcome.';
comment on column public.disputes.status is 'open, undone (the entry was undone) or upheld (an owner said it is correct).';
comment on column public.disputes.resolved_at is 'When it was resolved; null while open.';
comment on column public.disputes.resolved_by is 'The member (Telegram user id) who resolved it: the owner who said it is correct, or whoever undid the entry.';
comment on column public.disputes.note is 'The owner''s short note on an upheld dispute (null without one).';

create unique index disputes_one_per_transaction on public.disputes (transaction_id);
comment on index public.disputes_one_per_transaction is
  'One dispute per entry: a second ❗ Not mine finds it (open, or how it was resolved).';
create index disputes_shop_id on public.disputes (shop_id);
create index disputes_customer_id on public.disputes (customer_id);
create index disputes_outbox_id on public.disputes (outbox_id);

alter table public.disputes enable row level security;
create policy "The bot's service role manages disputes" on public.disputes
  for all to service_role using (true) with check (true);
revoke all on table public.disputes from public, anon, authenticated;
grant select, insert, update, delete on table public.disputes to service_role;

insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('dispute_opened', 'A linked customer pressed ❗ Not mine on the receipt of an entry (the actor is the member who recorded it; info.telegram_user_id is the customer): the owners were asked. Not undoable: an owner resolves it.', false, false, null);
insert into public.action_kinds (action, description, undoable, undo_needs_pin, undo_needs_role) values ('dispute_resolved', 'A dispute was resolved: the entry undone, or an owner said it is correct (with an optional note); the customer is told. Not undoable.', false, false, null);

-- ================================================================================================
-- Queuing receipts
-- ================================================================================================

create function private.queue_receipt(
  p_shop_id bigint, p_customer_id bigint, p_dedupe_key text, p_payload jsonb
) returns void
  language sql
  set search_path = ''
as $$
  insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
  select p_shop_id, ca.telegram_user_id, 'receipt',
         p_payload || jsonb_build_object(
           'customer_account_id', ca.id,
           'customer_name', c.full_name,
           'shop_name', s.name, 'currency', s.currency, 'minor_unit', cur.minor_unit,
           'timezone', s.timezone),
         p_dedupe_key || case when p_dedupe_key like 'receipt-merge%' then ':' || ca.telegram_user_id else '' end
    from public.customer_accounts as ca
    join public.customers as c on c.id = ca.customer_id
    join public.shops as s on s.id = ca.shop_id
    join public.currencies as cur on cur.code = s.currency
   where ca.customer_id = p_customer_id and ca.shop_id = p_shop_id
     and ca.ended_at is null and ca.receipts
  on conflict (dedupe_key) do nothing
$$;
comment on function private.queue_receipt(p_shop_id bigint, p_customer_id bigint, p_dedupe_key text, p_payload jsonb) is
  'Queues a receipt for the customer''s live link when their receipts are on (nothing otherwise): the payload plus the customer''s and shop''s names and the currency; a key already queued is ignored.';
revoke execute on function private.queue_receipt(bigint, bigint, text, jsonb) from public, anon, authenticated;

create function private.receipt_on_action() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_tx public.transactions;
  v_undone text := new.action_info->>'undone_action';
  v_who text := private.member_name(new.shop_id, new.actor_id);
begin
  if new.action in ('purchase_recorded', 'payment_recorded')
     or (new.action = 'action_undone' and v_undone in ('purchase_recorded', 'payment_recorded')) then
    select * into v_tx from public.transactions where id = new.transaction_id;
    perform private.queue_receipt(new.shop_id, v_tx.customer_id,
      case when new.action = 'action_undone' then 'receipt-undo:' else 'receipt:' end || v_tx.id,
      jsonb_build_object(
        'event', case when new.action = 'action_undone' then 'undone' else 'recorded' end,
        'transaction_id', v_tx.id, 'kind', v_tx.kind, 'amount', v_tx.amount, 'note', v_tx.description,
        'recorded_by', v_who, 'balance', (new.action_info->>'balance_after')::bigint,
        'at', new.created_at));
  elsif new.action = 'customers_merged'
        or (new.action = 'action_undone' and v_undone = 'customers_merged') then
    -- The kept customer (new.customer_id) and the duplicate: each live link hears of it.
    perform private.queue_receipt(new.shop_id, c.id,
      'receipt-merge' || case when new.action = 'action_undone' then '-undo:' else ':' end || new.id,
      jsonb_build_object(
        'event', case when new.action = 'action_undone' then 'unmerged' else 'merged' end,
        'kept_name', k.full_name,
        'duplicate_name', coalesce(new.action_info->>'duplicate_name',
                                   new.action_info->'undone_info'->>'duplicate_name'),
        'recorded_by', v_who, 'balance', c.balance, 'at', new.created_at))
      from public.customers as c
      join public.customers as k on k.id = new.customer_id
     where c.id in (new.customer_id,
                    coalesce((new.action_info->>'duplicate_id')::bigint,
                             (new.action_info->'undone_info'->>'duplicate_id')::bigint));
  end if;
  return null;
end;
$$;
comment on function private.receipt_on_action() is
  'Trigger on public.actions: queues the receipts of a purchase, payment, merge or their undo for linked customers (private.queue_receipt), in the transaction of the change.';
revoke execute on function private.receipt_on_action() from public, anon, authenticated;

create trigger actions_queue_receipts
  after insert on public.actions
  for each row
  when (new.action in ('purchase_recorded', 'payment_recorded', 'customers_merged', 'action_undone'))
  execute function private.receipt_on_action();
comment on trigger actions_queue_receipts on public.actions is
  'Receipts for linked customers are queued in the same transaction as the entry (private.receipt_on_action).';

-- ================================================================================================
-- The drain: claim, then finish
-- ================================================================================================

create function public.claim_outbox(p_limit integer default 50) returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_rows jsonb;
  v_ids bigint[];
begin
  -- Receipts whose link ended or whose receipts were turned off since are not sent.
  update public.outbox as o
     set failed_at = now(),
         last_error = case when ca.ended_at is not null then 'link ended' else 'receipts off' end
    from public.customer_accounts as ca
   where o.kind = 'receipt' and o.sent_at is null and o.failed_at is null and o.not_before <= now()
     and ca.id = (o.payload->>'customer_account_id')::bigint
     and (ca.ended_at is not null or not ca.receipts);

  select coalesce(array_agg(d.id), '{}') into v_ids from (
    select o.id from public.outbox as o
     where o.sent_at is null and o.failed_at is null and o.not_before <= now()
     order by o.not_before, o.id
     limit greatest(coalesce(p_limit, 50), 0)
     for update skip locked
  ) as d;

  -- Reminders are checked again now: their figures are refreshed (the text is current)...
  update public.outbox as o
     set payload = o.payload || private.reminder_figures(c.id, private.shop_today(c.shop_id))
    from public.customers as c
   where o.id = any (v_ids) and o.kind = 'reminder'
     and c.id = (o.payload->>'customer_id')::bigint;

  -- ...one whose customer owes nothing due now (they just paid), whose link ended, who turned
  -- reminders off or blocked the bot is given up, saying why...
  with given_up as (
    update public.outbox as o
       set failed_at = now(),
           last_error = case when ca.ended_at is not null then 'link ended'
                             when not ca.reminders then 'reminders off'
                             when ca.unreachable_at is not null then 'unreachable'
                             else 'nothing due' end
      from public.customer_accounts as ca
     where o.id = any (v_ids) and o.kind = 'reminder'
       and ca.id = (o.payload->>'customer_account_id')::bigint
       and (ca.ended_at is not null or not ca.reminders or ca.unreachable_at is not null
            or (o.payload->>'balance')::bigint <= 0
            or (o.payload->>'reminder_kind' in ('overdue', 'due_today')
                and (o.payload->>'due')::bigint <= 0))
    returning o.id
  )
  select coalesce(array_agg(i), '{}') into v_ids
    from unnest(v_ids) as i where i not in (select id from given_up);

  -- ...and an automatic one inside the shop's quiet hours waits for their end (not tried).
  with waiting as (
    update public.outbox as o
       set not_before = private.quiet_hours_end(s.quiet_until, s.timezone, now())
      from public.shops as s
     where o.id = any (v_ids) and o.kind = 'reminder' and (o.payload->>'auto')::boolean
       and s.id = o.shop_id
       and private.in_quiet_hours(s.quiet_from, s.quiet_until, s.timezone, now())
    returning o.id
  )
  select coalesce(array_agg(i), '{}') into v_ids
    from unnest(v_ids) as i where i not in (select id from waiting);

  with claimed as (
    update public.outbox as o
       set attempts = o.attempts + 1, not_before = now() + interval '1 minute'
     where o.id = any (v_ids)
    returning o.*
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', c.id, 'chat_id', c.chat_id, 'kind', c.kind, 'payload', c.payload,
           'attempts', c.attempts,
           -- A member's notice (a dispute) carries its owner's language and digits.
           'locale', coalesce(c.payload->>'locale', ca.language, s.language, 'en'),
           'digits', coalesce(c.payload->>'digits',
                       case when coalesce(ca.language, s.language) = s.language then s.digits
                            when ca.language = 'ar' then 'arab' else 'latn' end))
           order by c.id), '[]'::jsonb)
    into v_rows
    from claimed as c
    left join public.shops as s on s.id = c.shop_id
    left join public.customer_accounts as ca on ca.id = (c.payload->>'customer_account_id')::bigint;
  return v_rows;
end;
$$;
comment on function public.claim_outbox(p_limit integer) is
  'The drain''s claim: up to p_limit due messages (FOR UPDATE SKIP LOCKED, so two drains never take the same row), each tried once more (attempts + 1) and leased for a minute (not_before moves on, so a crash mid-send retries later), with the recipient''s language and digits (a member''s notice carries its own, payload locale and digits). Receipts for an ended link or with receipts off are given up first. Reminders are checked again: an automatic one in the shop''s quiet hours waits for their end; the figures are refreshed; one whose customer owes nothing due now, whose link ended, with reminders off or unreachable is given up (last_error says which).';
revoke execute on function public.claim_outbox(integer) from public, anon, authenticated;
grant execute on function public.claim_outbox(integer) to service_role;

create function public.finish_outbox(p_results jsonb) returns integer
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_result jsonb;
  v_row public.outbox;
  v_count integer := 0;
  v_max_attempts constant integer := 8;
begin
  for v_result in select * from jsonb_array_elements(coalesce(p_results, '[]'::jsonb)) loop
    select * into v_row from public.outbox
     where id = (v_result->>'id')::bigint and sent_at is null and failed_at is null
     for update;
    continue when not found;
    v_count := v_count + 1;
    case v_result->>'status'
      when 'sent' then
        update public.outbox set sent_at = now(), last_error = null where id = v_row.id;
        -- Telegram took a message: whoever had blocked the bot has unblocked it.
        update public.customer_accounts set unreachable_at = null
         where telegram_user_id = v_row.chat_id and unreachable_at is not null;
      when 'blocked' then
        update public.outbox set failed_at = now(), last_error = left(v_result->>'error', 200)
         where id = v_row.id;
        update public.customer_accounts set unreachable_at = now()
         where telegram_user_id = v_row.chat_id and ended_at is null;
      when 'retry' then
        if v_row.attempts >= v_max_attempts then
          update public.outbox set failed_at = now(), last_error = left(v_result->>'error', 200)
           where id = v_row.id;
        else
          -- retry_after (a 429) when Telegram said how long; else 10 s, 20 s, 40 s… up to an hour.
          update public.outbox
             set not_before = now() + make_interval(secs => coalesce(
                   (v_result->>'retry_after')::integer,
                   least(10 * power(2, greatest(v_row.attempts - 1, 0)), 3600))),
                 last_error = left(v_result->>'error', 200)
           where id = v_row.id;
        end if;
      else
        update public.outbox set failed_at = now(), last_error = left(v_result->>'error', 200)
         where id = v_row.id;
    end case;
  end loop;
  return v_count;
end;
$$;
comment on function public.finish_outbox(p_results jsonb) is
  'The drain''s report, one call for a batch: [{id, status, retry_after?, error?}]. sent: sent_at (and the recipient reachable again); blocked (403): given up and the recipient''s links marked unreachable; retry: not_before = now + retry_after (429) or a backoff (5xx, network), given up after 8 tries; failed: given up. Rows already finished are skipped; returns how many changed.';
revoke execute on function public.finish_outbox(jsonb) from public, anon, authenticated;
grant execute on function public.finish_outbox(jsonb) to service_role;

-- ================================================================================================
-- The customer's side: /receipts on|off, and the receipt's buttons
-- ================================================================================================

create function public.set_customer_receipts(p_actor bigint, p_on boolean) returns jsonb
  language sql security definer
  set search_path = ''
as $$
  with changed as (
    update public.customer_accounts set receipts = coalesce(p_on, receipts)
     where telegram_user_id = p_actor and ended_at is null
    returning language, receipts
  )
  select jsonb_build_object('accounts', count(*), 'receipts', coalesce(bool_and(receipts), false),
                            'language', min(language))
    from changed
$$;
comment on function public.set_customer_receipts(p_actor bigint, p_on boolean) is
  '/receipts on|off: turns receipts on or off for every live link of this Telegram account (p_on null: changes nothing, only reports). accounts: how many live links (0: not a linked customer); receipts: whether all of them get receipts; language: the one they chose, if any.';
revoke execute on function public.set_customer_receipts(bigint, boolean) from public, anon, authenticated;
grant execute on function public.set_customer_receipts(bigint, boolean) to service_role;

create function public.answer_receipt(p_actor bigint, p_outbox_id bigint, p_answer text)
  returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.outbox;
  v_tx public.transactions;
  v_dispute public.disputes;
  v_state text;
begin
  -- Only the receipt's own recipient may answer it: forged callback data finds nothing.
  select * into v_row from public.outbox
   where id = p_outbox_id and kind = 'receipt' and chat_id = p_actor;
  if not found or p_answer not in ('ok', 'not_mine') then
    return jsonb_build_object('found', false);
  end if;
  insert into public.receipt_answers as r (outbox_id, shop_id, telegram_user_id, answer)
    values (v_row.id, v_row.shop_id, p_actor, p_answer)
    on conflict (outbox_id) do update set answer = excluded.answer, answered_at = now();
  -- ❗ Not mine on an entry's receipt opens its dispute (a merge's receipt only records it).
  if p_answer = 'not_mine' and v_row.payload ? 'transaction_id' then
    select * into v_tx from public.transactions
     where id = (v_row.payload->>'transaction_id')::bigint
     for update;
    select * into v_dispute from public.disputes where transaction_id = v_tx.id;
    if found then
      -- A double press, a redelivered update, another receipt of the same entry.
      v_state := case v_dispute.status when 'open' then 'already_open'
                                       when 'undone' then 'already_undone'
                                       else 'already_upheld' end;
    elsif v_tx.voided_at is not null then
      v_state := 'already_undone';
    else
      insert into public.disputes (shop_id, transaction_id, customer_id, outbox_id, opened_by)
        values (v_tx.shop_id, v_tx.id, v_tx.customer_id, v_row.id, p_actor)
        returning * into v_dispute;
      update public.transactions set dispute = 'open' where id = v_tx.id;
      -- The action log's actor is a member: the one who recorded the entry (info.by_customer
      -- and info.telegram_user_id say the customer opened it).
      insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info)
        values (v_tx.shop_id, 'dispute_opened', v_tx.recorded_by, v_tx.customer_id, v_tx.id,
                jsonb_build_object('dispute_id', v_dispute.id, 'kind', v_tx.kind, 'amount', v_tx.amount,
                                   'by_customer', true, 'telegram_user_id', p_actor));
      perform private.queue_dispute_notices(v_dispute);
      v_state := 'opened';
    end if;
  end if;
  return jsonb_build_object('found', true, 'answer', p_answer,
    'shop_name', v_row.payload->>'shop_name', 'dispute', v_state,
    'language', (select ca.language from public.customer_accounts as ca
                  where ca.id = (v_row.payload->>'customer_account_id')::bigint));
end;
$$;
comment on function public.answer_receipt(p_actor bigint, p_outbox_id bigint, p_answer text) is
  'A customer''s ✅ OK or ❗ Not mine on a receipt: recorded in receipt_answers when the receipt was sent to them (found: false otherwise, also for forged ids). Not mine on an entry''s receipt opens its dispute (dispute: opened; the owners are notified, dispute_opened logged) or says why not (already_open, already_undone, already_upheld); null for OK and merge receipts.';
revoke execute on function public.answer_receipt(bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.answer_receipt(bigint, bigint, text) to service_role;

-- ================================================================================================
-- Resolving disputes: the owners' Undo it / It is correct
-- ================================================================================================

create function private.queue_dispute_notices(d public.disputes) returns void
  language sql
  set search_path = ''
as $$
  -- Every current owner, in their language (members.language, else the shop's).
  insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
  select d.shop_id, m.telegram_user_id, 'dispute',
         jsonb_build_object(
           'dispute_id', d.id, 'transaction_id', t.id, 'kind', t.kind, 'amount', t.amount,
           'note', t.description, 'at', t.created_at, 'customer_name', c.full_name,
           'shop_name', s.name, 'currency', s.currency, 'minor_unit', cur.minor_unit,
           'timezone', s.timezone, 'locale', coalesce(m.language, s.language),
           'digits', coalesce(m.digits, s.digits)),
         'dispute:' || d.id || ':' || m.telegram_user_id
    from public.members as m
    join public.shops as s on s.id = m.shop_id
    join public.currencies as cur on cur.code = s.currency
    join public.transactions as t on t.id = d.transaction_id
    join public.customers as c on c.id = d.customer_id
   where m.shop_id = d.shop_id and m.role = 'owner' and m.removed_at is null
  on conflict (dedupe_key) do nothing
$$;
comment on function private.queue_dispute_notices(d public.disputes) is
  'Queues the notice of a new dispute to every current owner of its shop (kind dispute, one per dispute and owner), in each owner''s language, with the Undo it / It is correct buttons'' dispute id.';
revoke execute on function private.queue_dispute_notices(public.disputes) from public, anon, authenticated;

create function private.dispute_resolved(d public.disputes, p_update_id bigint) returns void
  language plpgsql
  set search_path = ''
as $$
begin
  update public.transactions set dispute = d.status where id = d.transaction_id;
  insert into public.actions (shop_id, action, actor_id, customer_id, transaction_id, action_info, update_id)
    values (d.shop_id, 'dispute_resolved', d.resolved_by, d.customer_id, d.transaction_id,
            jsonb_build_object('dispute_id', d.id, 'status', d.status, 'note', d.note), p_update_id);
  -- The customer hears the outcome on the link they disputed from, while it lives.
  insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
  select d.shop_id, d.opened_by, 'dispute_outcome',
         jsonb_build_object(
           'dispute_id', d.id, 'status', d.status, 'resolution_note', d.note,
           'transaction_id', t.id, 'kind', t.kind, 'amount', t.amount, 'at', t.created_at,
           'customer_account_id', ca.id, 'customer_name', c.full_name, 'balance', c.balance,
           'shop_name', s.name, 'currency', s.currency, 'minor_unit', cur.minor_unit,
           'timezone', s.timezone),
         'dispute-outcome:' || d.id
    from public.customer_accounts as ca
    join public.customers as c on c.id = ca.customer_id
    join public.shops as s on s.id = ca.shop_id
    join public.currencies as cur on cur.code = s.currency
    join public.transactions as t on t.id = d.transaction_id
   where ca.customer_id = d.customer_id and ca.telegram_user_id = d.opened_by
     and ca.ended_at is null
  on conflict (dedupe_key) do nothing;
end;
$$;
comment on function private.dispute_resolved(d public.disputes, p_update_id bigint) is
  'After a dispute was resolved: marks its entry (transactions.dispute), logs dispute_resolved and queues the outcome to the customer (kind dispute_outcome, once per dispute) while their link lives.';
revoke execute on function private.dispute_resolved(public.disputes, bigint) from public, anon, authenticated;

create function private.dispute_on_undo() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_dispute public.disputes;
begin
  -- Any undo of a disputed entry resolves its dispute (the owner's Undo it, or /undo).
  update public.disputes
     set status = 'undone', resolved_at = now(), resolved_by = new.actor_id
   where transaction_id = new.transaction_id and status = 'open'
  returning * into v_dispute;
  if found then
    perform private.dispute_resolved(v_dispute, new.update_id);
  end if;
  return null;
end;
$$;
comment on function private.dispute_on_undo() is
  'Trigger on public.actions: the undo of a disputed entry resolves its open dispute as undone (private.dispute_resolved), in the transaction of the undo.';
revoke execute on function private.dispute_on_undo() from public, anon, authenticated;

create trigger actions_resolve_disputes
  after insert on public.actions
  for each row
  when (new.action = 'action_undone' and new.transaction_id is not null)
  execute function private.dispute_on_undo();
comment on trigger actions_resolve_disputes on public.actions is
  'Undoing a disputed entry resolves the dispute as undone (private.dispute_on_undo).';

create function private.dispute_json(d public.disputes) returns jsonb
  language sql stable
  set search_path = ''
as $$
  select jsonb_build_object(
    'id', d.id, 'status', d.status, 'note', d.note, 'transaction_id', t.id, 'kind', t.kind,
    'amount', t.amount, 'voided', t.voided_at is not null, 'customer_id', c.id,
    'customer_name', c.full_name,
    'shop', jsonb_build_object('currency', s.currency, 'minor_unit', cur.minor_unit),
    -- The entry's recording action, for the undo path, and whether its undo asks the PIN.
    'action_id', (select a.id from public.actions as a
                   where a.transaction_id = t.id
                     and a.action in ('purchase_recorded', 'payment_recorded')
                   order by a.id limit 1),
    'undo_needs_pin', (select k.undo_needs_pin from public.action_kinds as k
                        where k.action = t.kind || '_recorded') and s.pin_hash is not null)
    from public.transactions as t
    join public.customers as c on c.id = d.customer_id
    join public.shops as s on s.id = d.shop_id
    join public.currencies as cur on cur.code = s.currency
   where t.id = d.transaction_id
$$;
comment on function private.dispute_json(d public.disputes) is
  'A dispute as the RPCs return it: status, the owner''s note, the entry (kind, amount, voided), the customer, the shop''s money format, the entry''s recording action and whether undoing it asks for the PIN.';
revoke execute on function private.dispute_json(public.disputes) from public, anon, authenticated;

create function public.dispute_details(p_actor bigint, p_dispute_id bigint) returns jsonb
  language plpgsql stable security definer
  set search_path = ''
as $$
declare
  v private.acting_member;
  v_dispute public.disputes;
begin
  -- Owners only (a clerk: owner_only; a stranger: not_a_member); another shop's dispute and
  -- forged ids find nothing.
  v := private.acting_member(p_actor, 'owner');
  select * into v_dispute from public.disputes where id = p_dispute_id and shop_id = v.shop_id;
  if not found then
    return jsonb_build_object('found', false);
  end if;
  return jsonb_build_object('found', true) || private.dispute_json(v_dispute);
end;
$$;
comment on function public.dispute_details(p_actor bigint, p_dispute_id bigint) is
  'A dispute of the owner''s shop (Undo it reads it to take the undo path): owner_only for a clerk, found false for another shop''s dispute and for forged ids.';
revoke execute on function public.dispute_details(bigint, bigint) from public, anon, authenticated;
grant execute on function public.dispute_details(bigint, bigint) to service_role;

create function public.uphold_dispute(p_actor bigint, p_update_id bigint, p_dispute_id bigint, p_note text default null)
  returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v private.acting_member;
  v_dispute public.disputes;
begin
  -- Owners only (a clerk: owner_only; a stranger: not_a_member); another shop's dispute and
  -- forged ids find nothing.
  v := private.acting_member(p_actor, 'owner');
  select * into v_dispute from public.disputes as d
   where d.id = p_dispute_id and d.shop_id = v.shop_id
   for update;
  if not found then
    return jsonb_build_object('found', false);
  end if;
  -- A double press or a redelivered update finds it resolved: nothing changes.
  if v_dispute.status <> 'open' then
    return jsonb_build_object('found', true, 'resolved', false) || private.dispute_json(v_dispute);
  end if;
  update public.disputes
     set status = 'upheld', resolved_at = now(), resolved_by = p_actor,
         note = nullif(left(btrim(coalesce(p_note, '')), 200), '')
   where id = v_dispute.id
  returning * into v_dispute;
  perform private.dispute_resolved(v_dispute, p_update_id);
  return jsonb_build_object('found', true, 'resolved', true) || private.dispute_json(v_dispute);
end;
$$;
comment on function public.uphold_dispute(p_actor bigint, p_update_id bigint, p_dispute_id bigint, p_note text) is
  'An owner''s It is correct on a dispute, with an optional note (at most 200 characters): resolved upheld, logged (dispute_resolved), the customer told. owner_only for a clerk, found false for another shop''s dispute and forged ids; resolved false (nothing changed) when it was resolved already.';
revoke execute on function public.uphold_dispute(bigint, bigint, bigint, text) from public, anon, authenticated;
grant execute on function public.uphold_dispute(bigint, bigint, bigint, text) to service_role;
