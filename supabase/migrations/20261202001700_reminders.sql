-- Reminders (issue 14): public.reminders (at most one per customer per day), /remind
-- (public.remind_customer), Remind all overdue (public.remind_overdue), a linked customer's
-- /reminders on|off (public.set_customer_reminders), the automatic ones
-- (private.queue_auto_reminders, run by the schedule), and the re-check at send time in
-- public.claim_outbox (quiet hours, paid since, link ended, reminders off, unreachable).

-- ================================================================================================
-- Reminders sent (one per customer per day)
-- ================================================================================================

create table public.reminders (
  id bigint generated always as identity primary key,
  shop_id bigint not null references public.shops (id) on delete cascade,
  customer_id bigint not null references public.customers (id) on delete cascade,
  customer_account_id bigint not null references public.customer_accounts (id) on delete cascade,
  kind text not null
    constraint reminder_kind_known check (kind in ('before_due', 'due_today', 'overdue', 'manual')),
  day date not null,
  outbox_id bigint references public.outbox (id) on delete set null,
  asked_by bigint,
  created_at timestamptz not null default now(),
  constraint reminders_once_per_customer_day unique (customer_id, day)
);
comment on table public.reminders is
  'Every payment reminder queued to a linked customer (manual, bulk or automatic), with the outbox message that carries it.';
comment on column public.reminders.id is 'The reminder.';
comment on column public.reminders.shop_id is 'The shop it is from.';
comment on column public.reminders.customer_id is 'The customer reminded.';
comment on column public.reminders.customer_account_id is 'The link (customer_accounts) it went to.';
comment on column public.reminders.kind is 'before_due (N days before a due date), due_today, overdue (every N days while overdue) or manual (/remind, Remind all overdue).';
comment on column public.reminders.day is 'The shop''s date (its time zone) the reminder is for.';
comment on column public.reminders.outbox_id is 'The outbox message that delivers it (null once the outbox row is cleaned up).';
comment on column public.reminders.asked_by is 'The member (Telegram user id) who asked for it; null: automatic.';
comment on column public.reminders.created_at is 'When it was queued.';
comment on constraint reminders_once_per_customer_day on public.reminders is
  'At most one reminder per customer per day, whatever the kind: this is also the issue''s unique key per customer, kind and day (a second reminder of any kind that day, automatic or manual, is impossible), so sending twice for one due reminder cannot happen.';

create index reminders_shop_id on public.reminders (shop_id, day);
create index reminders_customer_account_id on public.reminders (customer_account_id);
create index reminders_outbox_id on public.reminders (outbox_id);

alter table public.reminders enable row level security;
create policy "The bot's service role manages reminders" on public.reminders
  for all to service_role using (true) with check (true);
revoke all on table public.reminders from public, anon, authenticated;
grant select, insert, update, delete on table public.reminders to service_role;

-- ================================================================================================
-- Quiet hours and what a reminder says
-- ================================================================================================

create function private.in_quiet_hours(p_from time, p_until time, p_zone text, p_now timestamptz)
  returns boolean
  language sql stable
  set search_path = ''
as $$
  select coalesce(case
    when p_from is null or p_until is null or p_from = p_until then false
    when p_from < p_until then (p_now at time zone p_zone)::time >= p_from
                           and (p_now at time zone p_zone)::time < p_until
    else (p_now at time zone p_zone)::time >= p_from or (p_now at time zone p_zone)::time < p_until
  end, false)
$$;
comment on function private.in_quiet_hours(p_from time, p_until time, p_zone text, p_now timestamptz) is
  'Whether p_now falls in the quiet hours p_from..p_until in the zone p_zone (a span past midnight, e.g. 21:00-09:00, allowed; null or equal ends: none).';
revoke execute on function private.in_quiet_hours(time, time, text, timestamptz) from public, anon, authenticated;

create function private.quiet_hours_end(p_until time, p_zone text, p_now timestamptz)
  returns timestamptz
  language sql stable
  set search_path = ''
as $$
  select case when (p_now at time zone p_zone)::date + p_until > (p_now at time zone p_zone)
              then ((p_now at time zone p_zone)::date + p_until) at time zone p_zone
              else ((p_now at time zone p_zone)::date + 1 + p_until) at time zone p_zone end
$$;
comment on function private.quiet_hours_end(p_until time, p_zone text, p_now timestamptz) is
  'The next time the quiet hours end after p_now (p_until in the zone p_zone, today or tomorrow).';
revoke execute on function private.quiet_hours_end(time, text, timestamptz) from public, anon, authenticated;

create function private.reminder_figures(p_customer_id bigint, p_today date) returns jsonb
  language sql stable
  set search_path = ''
as $$
  select jsonb_build_object('balance', c.balance, 'today', p_today)
         || private.customer_dues(c.id, p_today)
    from public.customers as c where c.id = p_customer_id
$$;
comment on function private.reminder_figures(p_customer_id bigint, p_today date) is
  'What a reminder says about the account on p_today: the balance and the dues (private.customer_dues: due, overdue, oldest_overdue_on, next_due_on, next_due_amount, undated).';
revoke execute on function private.reminder_figures(bigint, date) from public, anon, authenticated;

create function private.queue_reminders(p_candidates jsonb, p_asked_by bigint) returns integer
  language plpgsql
  set search_path = ''
as $$
declare
  v_count integer;
begin
  -- p_candidates: [{account_id, kind, day, figures}]. The outbox row first (its dedupe key is
  -- the reminder's own key), then the reminder pointing at it; a customer reminded that day
  -- already gets neither.
  with cand as (
    select (e->>'account_id')::bigint as account_id, e->>'kind' as kind, (e->>'day')::date as day,
           e->'figures' as figures
      from jsonb_array_elements(coalesce(p_candidates, '[]'::jsonb)) as e
  ), rows as (
    select ca.id as account_id, ca.shop_id, ca.customer_id, ca.telegram_user_id, cand.kind,
           cand.day, cand.figures, c.full_name, s.name as shop_name, s.currency, cur.minor_unit,
           s.timezone
      from cand
      join public.customer_accounts as ca on ca.id = cand.account_id
      join public.customers as c on c.id = ca.customer_id
      join public.shops as s on s.id = ca.shop_id
      join public.currencies as cur on cur.code = s.currency
     where not exists (select 1 from public.reminders as r
                        where r.customer_id = ca.customer_id and r.day = cand.day)
  ), queued as (
    insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
    select shop_id, telegram_user_id, 'reminder',
           jsonb_build_object(
             'reminder_kind', kind, 'auto', p_asked_by is null,
             'customer_account_id', account_id, 'customer_id', customer_id,
             'customer_name', full_name, 'shop_name', shop_name, 'currency', currency,
             'minor_unit', minor_unit, 'timezone', timezone) || figures,
           'reminder:' || customer_id || ':' || day
      from rows
    on conflict (dedupe_key) do nothing
    returning id, shop_id, (payload->>'customer_id')::bigint as customer_id,
              (payload->>'customer_account_id')::bigint as account_id,
              payload->>'reminder_kind' as kind, (payload->>'today')::date as day
  ), remembered as (
    insert into public.reminders (shop_id, customer_id, customer_account_id, kind, day, outbox_id, asked_by)
    select shop_id, customer_id, account_id, kind, day, id, p_asked_by from queued
    on conflict (customer_id, day) do nothing
    returning 1
  )
  select count(*) into v_count from remembered;
  return v_count;
end;
$$;
comment on function private.queue_reminders(p_candidates jsonb, p_asked_by bigint) is
  'Queues reminders ([{account_id, kind, day, figures}], figures from private.reminder_figures for that day) in one statement: an outbox message of kind reminder (dedupe key reminder:<customer>:<day>) and its public.reminders row; a customer already reminded that day is skipped (the unique key). p_asked_by: the member, null for automatic ones. Returns how many were queued.';
revoke execute on function private.queue_reminders(jsonb, bigint) from public, anon, authenticated;

create function private.reminder_state(ca public.customer_accounts) returns text
  language sql stable
  set search_path = ''
as $$
  select case when ca.id is null then 'not_linked'
              when ca.ended_at is not null then 'link_ended'
              when not ca.reminders then 'reminders_off'
              when ca.unreachable_at is not null then 'unreachable'
              else 'reachable' end
$$;
comment on function private.reminder_state(ca public.customer_accounts) is
  'Whether a reminder can reach a customer through their link: reachable, or not_linked (no link), link_ended, reminders_off (the customer''s /reminders off), unreachable (they blocked the bot).';
revoke execute on function private.reminder_state(public.customer_accounts) from public, anon, authenticated;

create function private.latest_link(p_customer_id bigint) returns public.customer_accounts
  language sql stable
  set search_path = ''
as $$
  select * from public.customer_accounts
   where customer_id = p_customer_id
   order by ended_at is null desc, linked_at desc, id desc
   limit 1
$$;
comment on function private.latest_link(p_customer_id bigint) is
  'The customer''s live link, else their latest ended one (null: never linked).';
revoke execute on function private.latest_link(bigint) from public, anon, authenticated;

-- ================================================================================================
-- RPCs: /remind, Remind all overdue, /reminders on|off
-- ================================================================================================

create function public.remind_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint)
  returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_customer public.customers;
  v_link public.customer_accounts;
  v_today date;
  v_figures jsonb;
  v_state text;
  v_earlier public.reminders;
begin
  v_prior := private.begin_update(p_update_id, 'remind_customer', p_actor);
  if v_prior is not null then
    return v_prior;
  end if;
  v := private.acting_member(p_actor);
  v_customer := private.active_customer(v, p_customer_id);
  v_today := private.shop_today(v.shop_id);
  v_figures := private.reminder_figures(v_customer.id, v_today);
  v_link := private.latest_link(v_customer.id);
  v_state := private.reminder_state(v_link);
  if v_customer.balance <= 0 then
    v_state := 'nothing_owed';
  elsif v_state = 'reachable' then
    select * into v_earlier from public.reminders
     where customer_id = v_customer.id and day = v_today;
    if found then
      v_state := 'already_reminded';
    else
      perform private.queue_reminders(jsonb_build_array(jsonb_build_object(
        'account_id', v_link.id, 'kind', 'manual', 'day', v_today, 'figures', v_figures)), p_actor);
      v_state := 'queued';
    end if;
  end if;
  return private.finish_update(p_update_id, jsonb_build_object(
    'state', v_state, 'reminded_at', v_earlier.created_at, 'reminded_kind', v_earlier.kind,
    'dues', v_figures, 'phone_digits', v_customer.phone_digits,
    'customer', private.customer_json(v_customer), 'shop', private.shop_json(v)));
end;
$$;
comment on function public.remind_customer(p_actor bigint, p_update_id bigint, p_customer_id bigint) is
  '/remind (any member) on a customer: state queued (a reminder for their live, reachable link with reminders on went to the outbox), already_reminded (one that day already: reminded_at, reminded_kind; nothing new), nothing_owed, or why the bot cannot reach them (not_linked, link_ended, reminders_off, unreachable: the member forwards a text). With the dues, the customer''s phone digits and the shop. Idempotent per update id.';
revoke execute on function public.remind_customer(bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.remind_customer(bigint, bigint, bigint) to service_role;

create function private.overdue_reminder_plan(p_shop_id bigint) returns table (
  customer_id bigint, account_id bigint, state text, figures jsonb
)
  language sql stable
  set search_path = ''
as $$
  -- Every overdue customer of the shop and whether a reminder reaches them today.
  select c.id, l.id,
         case when exists (select 1 from public.reminders as r
                            where r.customer_id = c.id and r.day = private.shop_today(p_shop_id))
                and private.reminder_state(l) = 'reachable'
              then 'already_reminded' else private.reminder_state(l) end,
         f.figures
    from public.customers as c
    cross join lateral (select private.reminder_figures(c.id, private.shop_today(p_shop_id)) as figures) as f
    left join lateral (select * from private.latest_link(c.id)) as l on true
   where c.shop_id = p_shop_id and c.archived_at is null and c.balance > 0
     and (f.figures->>'overdue')::bigint > 0
$$;
comment on function private.overdue_reminder_plan(p_shop_id bigint) is
  'The shop''s overdue customers (balance > 0, something overdue today in the shop''s zone) with their link, the state a reminder would meet (reachable, already_reminded, not_linked, link_ended, reminders_off, unreachable) and their figures.';
revoke execute on function private.overdue_reminder_plan(bigint) from public, anon, authenticated;

create function public.remind_overdue(p_actor bigint, p_update_id bigint, p_send boolean)
  returns jsonb
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_prior jsonb;
  v private.acting_member;
  v_counts jsonb;
  v_candidates jsonb;
  v_queued integer := 0;
begin
  -- Owners only: one press speaks for the shop to every overdue customer at once.
  v := private.acting_member(p_actor, 'owner');
  if p_send then
    v_prior := private.begin_update(p_update_id, 'remind_overdue', p_actor);
    if v_prior is not null then
      return v_prior;
    end if;
  end if;
  with plan as (select * from private.overdue_reminder_plan(v.shop_id))
  select jsonb_build_object(
           'overdue', count(*),
           'reachable', count(*) filter (where state = 'reachable'),
           'already_reminded', count(*) filter (where state = 'already_reminded'),
           'not_linked', count(*) filter (where state in ('not_linked', 'link_ended')),
           'reminders_off', count(*) filter (where state = 'reminders_off'),
           'unreachable', count(*) filter (where state = 'unreachable')),
         coalesce(jsonb_agg(jsonb_build_object(
           'account_id', account_id, 'kind', 'manual', 'day', private.shop_today(v.shop_id),
           'figures', figures)) filter (where state = 'reachable'), '[]'::jsonb)
    into v_counts, v_candidates
    from plan;
  if p_send then
    v_queued := private.queue_reminders(v_candidates, p_actor);
    return private.finish_update(p_update_id,
      v_counts || jsonb_build_object('sent', true, 'queued', v_queued, 'shop', private.shop_json(v)));
  end if;
  return v_counts || jsonb_build_object('sent', false, 'queued', 0, 'shop', private.shop_json(v));
end;
$$;
comment on function public.remind_overdue(p_actor bigint, p_update_id bigint, p_send boolean) is
  'Remind all overdue (owners): p_send false previews the counts (overdue customers; reachable: will get one; already_reminded today; not_linked (never, or the link ended); reminders_off; unreachable); p_send true queues a reminder for every reachable one in this one transaction (queued: how many; the outbox sender throttles delivery). Idempotent per update id when sending.';
revoke execute on function public.remind_overdue(bigint, bigint, boolean) from public, anon, authenticated;
grant execute on function public.remind_overdue(bigint, bigint, boolean) to service_role;

create function public.set_customer_reminders(p_actor bigint, p_on boolean) returns jsonb
  language sql security definer
  set search_path = ''
as $$
  with changed as (
    update public.customer_accounts set reminders = coalesce(p_on, reminders)
     where telegram_user_id = p_actor and ended_at is null
    returning language, reminders
  )
  select jsonb_build_object('accounts', count(*), 'reminders', coalesce(bool_and(reminders), false),
                            'language', min(language))
    from changed
$$;
comment on function public.set_customer_reminders(p_actor bigint, p_on boolean) is
  '/reminders on|off: turns payment reminders on or off for every live link of this Telegram account (p_on null: changes nothing, only reports). accounts: how many live links (0: not a linked customer); reminders: whether all of them get reminders; language: the one they chose, if any.';
revoke execute on function public.set_customer_reminders(bigint, boolean) from public, anon, authenticated;
grant execute on function public.set_customer_reminders(bigint, boolean) to service_role;

-- ================================================================================================
-- Automatic reminders (run by the schedule: pg_cron, or a timer where there is none)
-- ================================================================================================

create or replace function private.queue_auto_reminders(p_now timestamp with time zone) returns integer
    language plpgsql
    set search_path to ''
    as $$
begin
  -- Only shops with automatic reminders on and outside their quiet hours; only live, reachable
  -- links with reminders on whose customer owes something; one statement for all of them.
  return private.queue_reminders((
    -- materialized: the links are narrowed (not reminded today) before any FIFO is computed.
    with links as materialized (
      select ca.id as account_id, ca.customer_id, s.remind_before_days, s.remind_every_days,
             (p_now at time zone s.timezone)::date as today
        from public.shops as s
        join public.customer_accounts as ca on ca.shop_id = s.id
        join public.customers as c on c.id = ca.customer_id
       where s.reminders_auto
         and not private.in_quiet_hours(s.quiet_from, s.quiet_until, s.timezone, p_now)
         and ca.ended_at is null and ca.reminders and ca.unreachable_at is null
         and c.balance > 0 and c.archived_at is null
         and not exists (select 1 from public.reminders as r
                          where r.customer_id = ca.customer_id
                            and r.day = (p_now at time zone s.timezone)::date)
    ), figured as materialized (
      select l.*, private.reminder_figures(l.customer_id, l.today) as figures from links as l
    ), kinds as (
      select f.account_id, f.today, f.figures,
             case when (f.figures->>'overdue')::bigint > 0
                       and (f.today - (f.figures->>'oldest_overdue_on')::date) >= 1
                       and (f.today - (f.figures->>'oldest_overdue_on')::date - 1) % f.remind_every_days = 0
                    then 'overdue'
                  when (f.figures->>'next_due_on')::date = f.today then 'due_today'
                  when f.remind_before_days > 0
                       and (f.figures->>'next_due_on')::date = f.today + f.remind_before_days
                    then 'before_due'
             end as kind
        from figured as f
    )
    select coalesce(jsonb_agg(jsonb_build_object(
             'account_id', account_id, 'kind', kind, 'day', today, 'figures', figures)), '[]'::jsonb)
      from kinds where kind is not null), null);
end;
$$;

comment on function private.queue_auto_reminders(p_now timestamp with time zone) is 'Queues the automatic reminders due at p_now in every shop that has them on (reminders_auto), outside its quiet hours in its zone, for live, reachable links with reminders on whose customer owes: before_due when the next due date is remind_before_days ahead (0: none), due_today when something falls due today, overdue on days overdue 1, 1+N, 1+2N… (N: remind_every_days); at most one per customer per day whatever the kind (public.reminders). Returns how many were queued.';
revoke execute on function private.queue_auto_reminders(timestamp with time zone) from public, anon, authenticated;

-- ================================================================================================
-- The drain's claim re-checks reminders
-- ================================================================================================

create or replace function public.claim_outbox(p_limit integer default 50) returns jsonb
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
