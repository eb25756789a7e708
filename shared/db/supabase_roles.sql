-- The roles a Supabase database has out of the box, for plain PostgreSQL and PGlite.
-- Applied before the migrations by the local migrator and the test harness; on
-- Supabase they already exist and this file is never run. Roles belong to the whole
-- cluster, so databases migrated in parallel may race to create them: a duplicate
-- is fine.
do $$
declare
  r record;
begin
  for r in select * from (values ('anon', false), ('authenticated', false), ('service_role', true)) as v(name, bypass) loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      begin
        execute format('create role %I nologin noinherit %s', r.name, case when r.bypass then 'bypassrls' else '' end);
      exception when duplicate_object or unique_violation then
        null; -- created concurrently by another database's migration
      end;
    end if;
  end loop;
end
$$;
grant usage on schema public to anon, authenticated, service_role;
