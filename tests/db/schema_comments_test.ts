/**
 * The schema documents itself: every table, view and column of the public schema, and
 * every function of public and private, has a comment (`comment on …`), after every
 * migration. A failure lists exactly the objects that lack one.
 */
import assert from "node:assert/strict";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { engines, freshDatabase } from "../support/databases.ts";

/** Objects without a comment, as "table public.x", "column public.x.y", "function private.f(…)". */
async function uncommented(client: SqlClient): Promise<string[]> {
  const rows = await client.query<{ object: string }>(
    `select format('%s public.%I', case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                                    else 'table' end, c.relname) as object
       from pg_catalog.pg_class as c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
        and coalesce(obj_description(c.oid, 'pg_class'), '') = ''
        and not exists (select 1 from pg_catalog.pg_depend as d
                         where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     union all
     select format('column public.%I.%I', c.relname, a.attname)
       from pg_catalog.pg_class as c
       join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
        and coalesce(col_description(c.oid, a.attnum), '') = ''
        and not exists (select 1 from pg_catalog.pg_depend as d
                         where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     union all
     select format('function %s.%I(%s)', p.pronamespace::regnamespace, p.proname,
                   pg_catalog.pg_get_function_identity_arguments(p.oid))
       from pg_catalog.pg_proc as p
      where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and coalesce(obj_description(p.oid, 'pg_proc'), '') = ''
        and not exists (select 1 from pg_catalog.pg_depend as d
                         where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1`,
  );
  return rows.map((r) => r.object);
}

for (const engine of await engines()) {
  Deno.test(`every public table, view and column, and every function, has a comment [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      const missing = await uncommented(db.client);
      assert.deepEqual(
        missing,
        [],
        `${missing.length} objects have no comment (add a \`comment on\` in a migration):\n  ${
          missing.join("\n  ")
        }`,
      );
    } finally {
      await db.close();
    }
  });
}
