-- PayTrack schema: reminders — payment reminders to linked customers (manual, bulk, automatic),
-- queued in the outbox. The state the migrations build; changes go in a new migration.

-- ================================================================================================
-- Automatic reminders (run by the schedule: pg_cron, or a timer where there is none)
-- ================================================================================================

create function private.queue_auto_reminders(p_now timestamp with time zone) returns integer
    language plpgsql
    set search_path to ''
    as $$
begin
  -- Filled in by the reminders migration.
  return 0 * extract(epoch from p_now)::integer;
end;
$$;

comment on function private.queue_auto_reminders(p_now timestamp with time zone) is 'Queues the automatic reminders due at p_now in every shop that has them on; returns how many.';
revoke execute on function private.queue_auto_reminders(timestamp with time zone) from public, anon, authenticated;
