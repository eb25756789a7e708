-- PayTrack's schedule on Supabase: pg_cron runs the queuing job and, through pg_net, calls the
-- edge function's secret-protected drain endpoint, every minute.
--
-- Installed by `deno task cron:install` (shared/dev/cron_install.ts), which reads this file,
-- fills in the {{PLACEHOLDERS}} as SQL literals and runs each section where it belongs;
-- `deno task cron:install --print` prints it filled in (the secret masked) to paste into the
-- SQL editor instead; `--uninstall` runs the uninstall section. Re-running replaces the jobs by
-- name. Each section starts with a line `-- @<name>`; the text before the first is this header.
--
-- Placeholders: {{FUNCTION_URL}} (PAYTRACK_FUNCTION_URL, the function's URL without /drain),
-- {{DRAIN_SECRET}} (PAYTRACK_DRAIN_SECRET), {{DATABASE}} (the database the jobs run in: where
-- PayTrack's tables are; on Supabase `postgres`), {{DRAIN_COMMAND}} (one of the two drain
-- commands below, as a literal).

-- @cron_extension (in pg_cron's database, cron.database_name: on Supabase `postgres`)
create extension if not exists pg_cron;

-- @net_extension (in PayTrack's database)
create extension if not exists pg_net;

-- @vault (in PayTrack's database, when the vault schema exists: Supabase Vault)
-- The URL and the secret are stored encrypted; the drain job reads them at each run.
do $$
declare
  v_id uuid;
begin
  select id into v_id from vault.secrets where name = 'paytrack_function_url';
  if v_id is null then
    perform vault.create_secret({{FUNCTION_URL}}, 'paytrack_function_url', 'PayTrack: the telegram-bot function''s URL (the drain job posts to it + /drain).');
  else
    perform vault.update_secret(v_id, {{FUNCTION_URL}});
  end if;
  select id into v_id from vault.secrets where name = 'paytrack_drain_secret';
  if v_id is null then
    perform vault.create_secret({{DRAIN_SECRET}}, 'paytrack_drain_secret', 'PayTrack: PAYTRACK_DRAIN_SECRET, sent as x-paytrack-drain-secret to the drain endpoint.');
  else
    perform vault.update_secret(v_id, {{DRAIN_SECRET}});
  end if;
end;
$$;

-- @drain_command_vault (the drain job's command when the secrets are in Vault)
select net.http_post(
  url := (select decrypted_secret from vault.decrypted_secrets where name = 'paytrack_function_url') || '/drain',
  headers := jsonb_build_object(
    'content-type', 'application/json',
    'x-paytrack-drain-secret', (select decrypted_secret from vault.decrypted_secrets where name = 'paytrack_drain_secret')),
  timeout_milliseconds := 20000)

-- @drain_command_inline (the drain job's command without Vault: the values in the command itself)
select net.http_post(
  url := {{FUNCTION_URL}} || '/drain',
  headers := jsonb_build_object(
    'content-type', 'application/json',
    'x-paytrack-drain-secret', {{DRAIN_SECRET}}),
  timeout_milliseconds := 20000)

-- @schedule_job (in pg_cron's database): queue due reminders and digests, every minute
select cron.unschedule(jobid) from cron.job where jobname = 'paytrack-schedule';
select cron.schedule_in_database('paytrack-schedule', '* * * * *', 'select public.run_schedule()', {{DATABASE}});

-- @drain_job (in pg_cron's database): deliver the outbox through the function, every minute
select cron.unschedule(jobid) from cron.job where jobname = 'paytrack-drain';
select cron.schedule_in_database('paytrack-drain', '* * * * *', {{DRAIN_COMMAND}}, {{DATABASE}});

-- @uninstall (in pg_cron's database; the Vault secrets and extensions stay)
select cron.unschedule(jobid) from cron.job where jobname in ('paytrack-schedule', 'paytrack-drain');
