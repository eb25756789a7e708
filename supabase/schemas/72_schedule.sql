-- PayTrack schema: the schedule — what runs every minute (pg_cron on PostgreSQL and Supabase,
-- a timer in `deno task start`/`serve` on PGlite): automatic reminders, the owners' daily
-- digest and their automatic backup, queued in the outbox. The state the migrations build; changes go in a new migration.

-- ================================================================================================
-- The owners' daily digest
-- ================================================================================================

create function private.queue_digests(p_now timestamp with time zone) returns integer
    language sql
    set search_path to ''
    as $$
  with due as (
    -- Shops with the digest on whose digest time (the end of quiet hours, 08:00 with none) has
    -- come today in their zone, outside quiet hours (private.in_quiet_hours, as reminders).
    select s.id, s.name, s.currency, s.timezone, s.language, s.digits, cur.minor_unit,
           (p_now at time zone s.timezone)::date as today,
           ((p_now at time zone s.timezone)::date - 1) as yesterday
      from public.shops as s
      join public.currencies as cur on cur.code = s.currency
     where s.digest
       and (p_now at time zone s.timezone)::time >=
           case when s.quiet_from is null or s.quiet_until is null or s.quiet_from = s.quiet_until
                then time '08:00' else s.quiet_until end
       and not private.in_quiet_hours(s.quiet_from, s.quiet_until, s.timezone, p_now)
  ), waiting as (
    -- Owners who have not had today's digest yet (the dedupe key says so).
    select d.*, m.telegram_user_id, coalesce(m.language, d.language) as locale,
           coalesce(m.digits, d.digits) as owner_digits,
           'digest:' || d.id || ':' || m.telegram_user_id || ':' || d.today as dedupe_key
      from due as d
      join public.members as m on m.shop_id = d.id and m.role = 'owner' and m.removed_at is null
     where not exists (select 1 from public.outbox as o
                        where o.dedupe_key = 'digest:' || d.id || ':' || m.telegram_user_id || ':' || d.today)
  ), shops_waiting as (
    select distinct id, timezone, yesterday from waiting
  ), entries as (
    select w.id as shop_id,
           coalesce(sum(t.amount) filter (where t.kind = 'purchase'), 0)::bigint as sales,
           count(t.id) filter (where t.kind = 'purchase')::integer as sales_count,
           coalesce(sum(t.amount) filter (where t.kind = 'payment'), 0)::bigint as collected,
           count(t.id) filter (where t.kind = 'payment')::integer as collected_count
      from shops_waiting as w
      left join public.transactions as t
        on t.shop_id = w.id and t.voided_at is null
       and t.created_at >= (w.yesterday::timestamp at time zone w.timezone)
       and t.created_at < ((w.yesterday + 1)::timestamp at time zone w.timezone)
     group by w.id
  ), overdue as (
    -- What fell overdue today: unpaid of purchases due yesterday (private.purchase_dues).
    select w.id as shop_id, coalesce(sum(d.unpaid), 0)::bigint as amount,
           count(distinct c.id)::integer as customers
      from shops_waiting as w
      join public.customers as c on c.shop_id = w.id and c.balance > 0
      cross join lateral private.purchase_dues(c.id) as d
     where d.due_on = w.yesterday and d.unpaid > 0
     group by w.id
  ), disputes as (
    select w.id as shop_id, count(x.id)::integer as open
      from shops_waiting as w
      join public.disputes as x on x.shop_id = w.id and x.status = 'open'
     group by w.id
  ), queued as (
    insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
    select w.id, w.telegram_user_id, 'digest',
           jsonb_build_object(
             'shop_name', w.name, 'currency', w.currency, 'minor_unit', w.minor_unit,
             'timezone', w.timezone, 'day', w.yesterday,
             'sales', e.sales, 'sales_count', e.sales_count,
             'collected', e.collected, 'collected_count', e.collected_count,
             'new_overdue', coalesce(o.amount, 0), 'new_overdue_customers', coalesce(o.customers, 0),
             'open_disputes', coalesce(x.open, 0),
             'locale', w.locale, 'digits', w.owner_digits),
           w.dedupe_key
      from waiting as w
      join entries as e on e.shop_id = w.id
      left join overdue as o on o.shop_id = w.id
      left join disputes as x on x.shop_id = w.id
    on conflict (dedupe_key) do nothing
    returning 1
  )
  select count(*)::integer from queued
$$;

comment on function private.queue_digests(p_now timestamp with time zone) is 'Queues the owners'' daily digest (outbox kind digest) for every shop with the digest on, once a day per owner (dedupe key digest:<shop>:<owner>:<day>), at the first run after the shop''s quiet hours end (quiet_until; 08:00 with no quiet hours) in its zone: yesterday''s credit sales and collections (sum and count of counted entries), what fell overdue today (unpaid of purchases due yesterday, private.purchase_dues) and open disputes, in the owner''s language and digits. Returns how many were queued.';
revoke execute on function private.queue_digests(timestamp with time zone) from public, anon, authenticated;

-- ================================================================================================
-- The owners' automatic backup
-- ================================================================================================

create function private.queue_backups(p_now timestamp with time zone) returns integer
    language sql
    set search_path to ''
    as $$
  with due as (
    -- Shops with the backup on whose moment has come today in their zone: the digest's
    -- (private.queue_digests): from the end of the quiet hours (08:00 with none), outside them.
    -- A weekly backup goes on the shop's Monday only.
    select s.id, s.name, s.timezone, s.language, s.digits, s.backup,
           (p_now at time zone s.timezone)::date as today
      from public.shops as s
     where s.backup in ('daily', 'weekly')
       and (s.backup = 'daily' or extract(isodow from (p_now at time zone s.timezone)) = 1)
       and (p_now at time zone s.timezone)::time >=
           case when s.quiet_from is null or s.quiet_until is null or s.quiet_from = s.quiet_until
                then time '08:00' else s.quiet_until end
       and not private.in_quiet_hours(s.quiet_from, s.quiet_until, s.timezone, p_now)
  ), queued as (
    -- One per current owner and day (the dedupe key); the sender builds the workbook of the
    -- period (shared/outbox/backup_delivery.ts), as that owner: a demoted owner gets nothing.
    insert into public.outbox (shop_id, chat_id, kind, payload, dedupe_key)
    select d.id, m.telegram_user_id, 'backup',
           jsonb_build_object(
             'owner_id', m.telegram_user_id, 'shop_id', d.id, 'shop_name', d.name,
             'timezone', d.timezone,
             'frequency', d.backup, 'workbook', 'shop',
             'from', d.today - case when d.backup = 'weekly' then 7 else 1 end,
             'to', d.today - 1,
             'locale', coalesce(m.language, d.language), 'digits', coalesce(m.digits, d.digits)),
           'backup:' || d.id || ':' || m.telegram_user_id || ':' || d.today
      from due as d
      join public.members as m on m.shop_id = d.id and m.role = 'owner' and m.removed_at is null
    on conflict (dedupe_key) do nothing
    returning 1
  )
  select count(*)::integer from queued
$$;

comment on function private.queue_backups(p_now timestamp with time zone) is 'Queues the owners'' automatic backup (outbox kind backup) for every shop with backup daily or weekly, once a day per current owner (dedupe key backup:<shop>:<owner>:<day>), at the digest''s moment (the first run after the shop''s quiet hours end; 08:00 with none) in its zone, weekly ones on the shop''s Monday only. The payload says whose (owner_id, shop_id), the period as the shop''s days (from, to: yesterday for daily, the previous 7 days for weekly), that it is the whole-shop workbook, and the owner''s language and digits. Returns how many were queued.';
revoke execute on function private.queue_backups(timestamp with time zone) from public, anon, authenticated;

-- ================================================================================================
-- The schedule's one entry point
-- ================================================================================================

create function public.run_schedule(p_now timestamp with time zone default now()) returns jsonb
    language plpgsql security definer
    set search_path to ''
    as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_reminders integer;
  v_digests integer;
  v_backups integer;
begin
  v_reminders := private.queue_auto_reminders(v_now);
  v_digests := private.queue_digests(v_now);
  v_backups := private.queue_backups(v_now);
  return jsonb_build_object('at', v_now, 'reminders', v_reminders, 'digests', v_digests,
                            'backups', v_backups);
end;
$$;

comment on function public.run_schedule(p_now timestamp with time zone) is 'What the schedule runs every minute (pg_cron; a timer where there is none): queues the automatic reminders (private.queue_auto_reminders), the owners'' daily digests (private.queue_digests) and automatic backups (private.queue_backups) due at p_now into the outbox; the unique keys make a second run a no-op. Returns {at, reminders, digests, backups}: how many were queued.';
revoke execute on function public.run_schedule(timestamp with time zone) from public, anon, authenticated;
grant execute on function public.run_schedule(timestamp with time zone) to service_role;
