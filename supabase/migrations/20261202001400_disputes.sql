-- PayTrack: disputes — a linked customer's ❗ Not mine on a receipt (issue 14).
--
-- answer_receipt now opens a dispute on an entry's receipt (public.disputes, one per entry):
-- the entry is marked (transactions.dispute, which private.transaction_json returns, so
-- /transactions, /transaction and /summary show it), dispute_opened is logged with the customer
-- as the actor, and every current owner gets a notice through the outbox (kind dispute, one per
-- dispute and owner, in the owner's language, which claim_outbox now takes from the payload).
-- An owner resolves it: Undo it takes the ordinary undo path (undo_action, PIN rules and all);
-- any undo of a disputed entry resolves the dispute as undone (a trigger on the action log).
-- It is correct (uphold_dispute, with an optional note) resolves it as upheld. Both log
-- dispute_resolved and queue the outcome to the customer (kind dispute_outcome, once per
-- dispute). A dispute on an entry already undone opens nothing.
--
-- SQL here is valid on PostgreSQL 15 and newer (and PGlite).

alter table public.transactions
  add column dispute text constraint transaction_dispute_known check (dispute in ('open', 'undone', 'upheld'));
comment on column public.transactions.dispute is 'Its dispute (❗ Not mine on the receipt, public.disputes): open, undone or upheld; null when never disputed. The mark /transactions, /summary and the export show.';

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

create or replace function private.transaction_json(t public.transactions) returns jsonb
    language sql immutable
    set search_path to ''
    as $$
  select jsonb_build_object(
    'id', t.id, 'customer_id', t.customer_id, 'kind', t.kind, 'amount', t.amount,
    'description', t.description, 'tags', to_jsonb(t.tags), 'recorded_by', t.recorded_by,
    'balance_after', t.balance_after, 'created_at', t.created_at, 'voided_at', t.voided_at,
    'dispute', t.dispute)
$$;

comment on function private.transaction_json(t public.transactions) is 'A transaction as the RPCs return it, with balance_after, voided_at and its dispute''s status (null: none).';
revoke execute on function private.transaction_json(public.transactions) from public, anon, authenticated;

create or replace function public.claim_outbox(p_limit integer default 50) returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_rows jsonb;
begin
  -- Receipts whose link ended or whose receipts were turned off since are not sent.
  update public.outbox as o
     set failed_at = now(),
         last_error = case when ca.ended_at is not null then 'link ended' else 'receipts off' end
    from public.customer_accounts as ca
   where o.kind = 'receipt' and o.sent_at is null and o.failed_at is null and o.not_before <= now()
     and ca.id = (o.payload->>'customer_account_id')::bigint
     and (ca.ended_at is not null or not ca.receipts);

  with due as (
    select o.id from public.outbox as o
     where o.sent_at is null and o.failed_at is null and o.not_before <= now()
     order by o.not_before, o.id
     limit greatest(coalesce(p_limit, 50), 0)
     for update skip locked
  ), claimed as (
    update public.outbox as o
       set attempts = o.attempts + 1, not_before = now() + interval '1 minute'
      from due where o.id = due.id
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
  'The drain''s claim: up to p_limit due messages (FOR UPDATE SKIP LOCKED, so two drains never take the same row), each tried once more (attempts + 1) and leased for a minute (not_before moves on, so a crash mid-send retries later), with the recipient''s language and digits (a member''s notice carries its own, payload locale and digits). Receipts for an ended link or with receipts off are given up first.';
revoke execute on function public.claim_outbox(integer) from public, anon, authenticated;
grant execute on function public.claim_outbox(integer) to service_role;

create or replace function public.answer_receipt(p_actor bigint, p_outbox_id bigint, p_answer text)
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

comment on table public.receipt_answers is
  'What a customer answered on a receipt: ok, or not_mine (which opens a dispute on an entry''s receipt: public.disputes). The latest answer per receipt.';

-- The export's Transactions sheet gets the dispute of each entry (an 11th field per row).
create or replace function public.export_workbook(p_actor bigint, p_from date default null::date, p_to date default null::date, p_customer_id bigint default null::bigint, p_max_rows integer default 150000) returns json
    language plpgsql stable security definer
    set search_path to ''
    as $_$
declare
  v private.acting_member;
  v_zone text;
  v_from timestamptz;
  v_to timestamptz;
  v_this_month timestamptz;
  v_last_month timestamptz;
  v_max integer := greatest(coalesce(p_max_rows, 150000), 1);
  v_customer public.customers;
  v_counts json;
  v_rows bigint;
  v_head json;
  v_result json;
begin
  v := private.acting_member(p_actor, 'owner');
  -- Days and months are the shop's: they start at midnight in its time zone (DST included).
  v_zone := coalesce(v.timezone, 'UTC');
  v_from := p_from::timestamp at time zone v_zone;
  v_to := (p_to + 1)::timestamp at time zone v_zone;
  v_this_month := date_trunc('month', now() at time zone v_zone) at time zone v_zone;
  v_last_month := (date_trunc('month', now() at time zone v_zone) - interval '1 month') at time zone v_zone;
  if p_from is not null and p_to is not null and p_to < p_from then
    perform private.fail('period_invalid', 'The period ends before it starts.');
  end if;
  -- What every answer starts with. The answer is json, not jsonb: built as text, it
  -- goes to the client without a binary round trip.
  v_head := json_build_object(
    'shop', private.shop_json(v),
    'period', json_build_object('from', p_from, 'to', p_to),
    'generated_at', floor(date_part('epoch', now()))::bigint,
    'max_rows', v_max);

  -- --------------------------------------------------------------------------
  -- One customer's statement: their transactions with a running balance.
  -- --------------------------------------------------------------------------
  if p_customer_id is not null then
    select * into v_customer from public.customers where id = p_customer_id and shop_id = v.shop_id;
    if not found then
      perform private.fail('customer_not_found', 'No such customer in this shop.');
    end if;
    select count(*) into v_rows from public.transactions as t
     where t.customer_id = v_customer.id and t.voided_at is null
       and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to);
    if v_rows > v_max then
      return json_build_object(
        'head', v_head,
        'kind', 'statement', 'too_large', true, 'rows', v_rows,
        'customer', json_build_object('id', v_customer.id, 'full_name', v_customer.full_name),
        'months', (select coalesce(json_agg(json_build_array(m.month, m.n) order by m.month desc), '[]')
                     from (select to_char(t.created_at at time zone v_zone, 'YYYY-MM') as month, count(*) as n
                             from public.transactions as t
                            where t.customer_id = v_customer.id and t.voided_at is null
                              and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)
                            group by 1) as m));
    end if;
    with signed as (
      select t.id, t.created_at, t.kind, t.amount, t.description, t.recorded_by,
             case t.kind when 'purchase' then t.amount else -t.amount end as delta
        from public.transactions as t
       where t.customer_id = v_customer.id and t.voided_at is null
    ), opening as (
      select coalesce(sum(s.delta) filter (where v_from is not null and s.created_at < v_from), 0) as balance
        from signed as s
    ), inside as (
      select s.*, (select balance from opening)
                  + sum(s.delta) over (order by s.created_at, s.id) as running
        from signed as s
       where (v_from is null or s.created_at >= v_from) and (v_to is null or s.created_at < v_to)
    )
    select json_build_object(
      'head', v_head,
      'kind', 'statement',
      'too_large', false,
      'customer', json_build_object(
        'id', v_customer.id, 'full_name', v_customer.full_name, 'phone', v_customer.phone,
        'tags', array_to_string(v_customer.tags, ', '), 'balance', v_customer.balance,
        'archived_at', floor(date_part('epoch', v_customer.archived_at))::bigint),
      'opening_balance', (select balance from opening),
      'closing_balance', coalesce((select i.running from inside as i order by i.created_at desc, i.id desc limit 1),
                                  (select balance from opening)),
      'members', (select coalesce(json_agg(json_build_array(m.telegram_user_id, m.display_name, m.role)), '[]')
                    from public.members as m where m.shop_id = v.shop_id),
      -- [id, at, kind, amount, description, recorded_by, running balance]
      'rows', (select coalesce(json_agg(json_build_array(i.id, floor(date_part('epoch', i.created_at))::bigint,
                                                         i.kind, i.amount, i.description, i.recorded_by, i.running)
                                        order by i.created_at, i.id), '[]')
                 from inside as i))
      into v_result;
    return v_result;
  end if;

  -- --------------------------------------------------------------------------
  -- The whole shop: count first, then send the rows only when they fit.
  -- --------------------------------------------------------------------------
  select json_build_object(
    'customers', (select count(*) from public.customers as c where c.shop_id = v.shop_id),
    'transactions', (select count(*) from public.transactions as t where t.shop_id = v.shop_id
                       and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)),
    'actions', (select count(*) from public.actions as a where a.shop_id = v.shop_id
                  and (v_from is null or a.created_at >= v_from) and (v_to is null or a.created_at < v_to)),
    'expenses', (select count(*) from public.expenses as e where e.shop_id = v.shop_id
                   and (v_from is null or e.created_at >= v_from) and (v_to is null or e.created_at < v_to)))
    into v_counts;
  v_rows := (v_counts ->> 'customers')::bigint + (v_counts ->> 'transactions')::bigint
          + (v_counts ->> 'actions')::bigint + (v_counts ->> 'expenses')::bigint;
  if v_rows > v_max then
    return json_build_object(
      'head', v_head,
      'kind', 'shop', 'too_large', true, 'rows', v_rows, 'counts', v_counts,
      -- [month, rows that month (transactions + actions + expenses)], newest first
      'months', (select coalesce(json_agg(json_build_array(m.month, m.n) order by m.month desc), '[]')
                   from (select to_char(x.created_at at time zone v_zone, 'YYYY-MM') as month, count(*) as n
                           from (select t.created_at from public.transactions as t where t.shop_id = v.shop_id
                                 union all
                                 select a.created_at from public.actions as a where a.shop_id = v.shop_id
                                 union all
                                 select e.created_at from public.expenses as e where e.shop_id = v.shop_id) as x
                          where (v_from is null or x.created_at >= v_from) and (v_to is null or x.created_at < v_to)
                          group by 1) as m));
  end if;

  with per_customer as (
    select t.customer_id,
           max(t.created_at) filter (where t.kind = 'purchase') as last_purchase,
           max(t.created_at) filter (where t.kind = 'payment') as last_payment,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase'
             and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)), 0) as bought,
           coalesce(sum(t.amount) filter (where t.kind = 'payment'
             and (v_from is null or t.created_at >= v_from) and (v_to is null or t.created_at < v_to)), 0) as paid
      from public.transactions as t
     where t.shop_id = v.shop_id and t.voided_at is null
     group by t.customer_id
  ), tx as (
    -- The running balance counts every non-voided row of the customer, also before the period.
    select t.*, sum(case when t.voided_at is not null then 0 when t.kind = 'purchase' then t.amount else -t.amount end)
                  over (partition by t.customer_id order by t.created_at, t.id) as running
      from public.transactions as t
     where t.shop_id = v.shop_id and (v_to is null or t.created_at < v_to)
  ), money as (
    select coalesce(sum(t.amount) filter (where t.kind = 'purchase' and t.created_at >= v_this_month), 0) as sold_this_month,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and t.created_at >= v_this_month), 0) as collected_this_month,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase' and t.created_at >= v_last_month
                                            and t.created_at < v_this_month), 0) as sold_last_month,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and t.created_at >= v_last_month
                                            and t.created_at < v_this_month), 0) as collected_last_month,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase' and (v_from is null or t.created_at >= v_from)
                                            and (v_to is null or t.created_at < v_to)), 0) as sold_in_period,
           coalesce(sum(t.amount) filter (where t.kind = 'payment' and (v_from is null or t.created_at >= v_from)
                                            and (v_to is null or t.created_at < v_to)), 0) as collected_in_period
      from public.transactions as t
     where t.shop_id = v.shop_id and t.voided_at is null
  ), spent as (
    select coalesce(sum(e.price) filter (where e.created_at >= v_this_month), 0) as spent_this_month,
           coalesce(sum(e.price) filter (where e.created_at >= v_last_month and e.created_at < v_this_month), 0)
             as spent_last_month,
           coalesce(sum(e.price) filter (where (v_from is null or e.created_at >= v_from)
                                           and (v_to is null or e.created_at < v_to)), 0) as spent_in_period
      from public.expenses as e
     where e.shop_id = v.shop_id and e.voided_at is null
  ), owed as (
    select count(*) filter (where c.archived_at is null and c.merged_into is null) as active,
           count(*) filter (where c.archived_at is not null or c.merged_into is not null) as archived,
           count(*) filter (where c.balance > 0) as in_debt,
           coalesce(sum(c.balance) filter (where c.balance > 0), 0) as owed,
           coalesce(-sum(c.balance) filter (where c.balance < 0), 0) as advances,
           coalesce(sum(c.balance), 0) as net
      from public.customers as c
     where c.shop_id = v.shop_id
  )
  select json_build_object(
    'head', v_head,
    'kind', 'shop',
    'too_large', false,
    'counts', v_counts,
    'totals', (select row_to_json(x) from (select o.*, m.*, s.* from owed as o, money as m, spent as s) as x),
    -- [customer id, balance], largest debt first
    'top_debtors', (select coalesce(json_agg(json_build_array(d.id, d.balance) order by d.balance desc, d.id), '[]')
                      from (select c.id, c.balance from public.customers as c
                             where c.shop_id = v.shop_id and c.balance > 0
                             order by c.balance desc, c.id limit 10) as d),
    -- [telegram id, display name, role]
    'members', (select coalesce(json_agg(json_build_array(m.telegram_user_id, m.display_name, m.role)), '[]')
                  from public.members as m where m.shop_id = v.shop_id),
    -- [id, name, phone, tags, nicknames, balance, last purchase, last payment, linked with,
    --  archived at, merged into, bought in period, paid in period], by name
    'customers', (select coalesce(json_agg(json_build_array(
                           c.id, c.full_name, c.phone, array_to_string(c.tags, ', '),
                           array_to_string(c.nicknames, ', '), c.balance,
                           floor(date_part('epoch', p.last_purchase))::bigint,
                           floor(date_part('epoch', p.last_payment))::bigint,
                           case when c.link_group is not null then
                             (select string_agg(o.full_name, ', ' order by o.id) from public.customers as o
                               where o.shop_id = c.shop_id and o.link_group = c.link_group and o.id <> c.id
                                 and o.merged_into is null) end,
                           floor(date_part('epoch', c.archived_at))::bigint,
                           (select o.full_name from public.customers as o where o.id = c.merged_into),
                           coalesce(p.bought, 0), coalesce(p.paid, 0))
                         order by c.full_name, c.id), '[]')
                    from public.customers as c
                    left join per_customer as p on p.customer_id = c.id
                   where c.shop_id = v.shop_id),
    -- [id, at, customer id, kind, amount, description, tags, recorded by, balance after, voided at,
    -- dispute (open, undone, upheld or null)], oldest first. (Times inline as floor(date_part(...)): a helper function with its own
    -- search_path would not be inlined, and 150,000 calls cost a second.)
    'transactions', (select coalesce(json_agg(json_build_array(
                              t.id, floor(date_part('epoch', t.created_at))::bigint, t.customer_id, t.kind,
                              t.amount, t.description, array_to_string(t.tags, ', '), t.recorded_by, t.running,
                              floor(date_part('epoch', t.voided_at))::bigint, t.dispute)
                            order by t.created_at, t.id), '[]')
                       from tx as t
                      where v_from is null or t.created_at >= v_from),
    -- [id, at, actor, action, customer id, amount, details (a note, or the action's info), undone
    -- at, actor as they were], oldest first. The last is the actor's name when they acted, with "(role, id N)" when it
    -- could pass for another member's (private.actor_label, computed once per name and role).
    'actions', (select coalesce(json_agg(json_build_array(
                         a.id, floor(date_part('epoch', a.created_at))::bigint, a.actor_id, a.action,
                         a.customer_id, a.amount, a.details, floor(date_part('epoch', a.undone_at))::bigint,
                         l.label)
                       order by a.id), '[]')
                  from (select x.id, x.created_at, x.actor_id, x.actor_name, x.actor_role, x.action,
                               x.customer_id, x.undone_at,
                               -- the money it moved: amount (purchases, payments) or price (expenses)
                               case when jsonb_typeof(x.action_info -> 'amount') = 'number'
                                      then (x.action_info ->> 'amount')::numeric::bigint
                                    when jsonb_typeof(x.action_info -> 'price') = 'number'
                                      then (x.action_info ->> 'price')::numeric::bigint
                               end as amount,
                               -- what it was about: a purchase's or payment's note (the other columns say
                               -- the rest), else the action's info for the workbook's sentence, without
                               -- secrets or what no sentence needs
                               case when x.action in ('purchase_recorded', 'payment_recorded')
                                      then to_jsonb(x.action_info ->> 'description')
                                    else x.action_info - array['pin_hash', 'hash', 'salt', 'pin', 'balance_before',
                                                                'balance_after', 'moved_transaction_ids']
                               end as details
                          from public.actions as x
                         where x.shop_id = v.shop_id
                           and (v_from is null or x.created_at >= v_from) and (v_to is null or x.created_at < v_to))
                       as a
                  join (select d.actor_id, d.actor_name, d.actor_role,
                               private.actor_label(v.shop_id, d.actor_id, d.actor_name, d.actor_role) as label
                          from (select distinct y.actor_id, y.actor_name, y.actor_role
                                  from public.actions as y where y.shop_id = v.shop_id) as d) as l
                    on l.actor_id = a.actor_id and l.actor_name = a.actor_name and l.actor_role = a.actor_role),
    -- [id, at, item, price, vendor, category, recorded by, voided at], oldest first
    'expenses', (select coalesce(json_agg(json_build_array(
                          e.id, floor(date_part('epoch', e.created_at))::bigint, e.item, e.price, e.vendor,
                          e.category, e.recorded_by, floor(date_part('epoch', e.voided_at))::bigint)
                        order by e.created_at, e.id), '[]')
                   from public.expenses as e
                  where e.shop_id = v.shop_id
                    and (v_from is null or e.created_at >= v_from) and (v_to is null or e.created_at < v_to)))
    into v_result;
  return v_result;
end;
$_$;
