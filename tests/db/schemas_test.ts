/**
 * supabase/schemas/ (the state we want) and supabase/migrations/ (the deploy path) build
 * the same database: the schema files applied in `schema_paths` order to one fresh
 * database and every migration applied to another give the same catalog (tables, columns,
 * constraints, indexes, functions, triggers, views, policies, grants, RLS, comments,
 * sequences, types, extensions and the reference rows). A difference is printed object by
 * object. Also: each function is created in exactly one schema file, and every function of
 * the migrated public and private schemas is created in one.
 */
import assert from "node:assert/strict";
import { openEmbedded } from "../../shared/db/embedded.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { type Engine, engines, freshDatabase, testServer } from "../support/databases.ts";

const SUPABASE = new URL("../../supabase/", import.meta.url);
const ROLES_SQL = new URL("../../shared/db/supabase_roles.sql", import.meta.url);
const options = { sanitizeOps: false, sanitizeResources: false };

/** The files `[db.migrations] schema_paths` in supabase/config.toml lists, in order. */
export async function schemaPaths(): Promise<URL[]> {
  const config = await Deno.readTextFile(new URL("config.toml", SUPABASE));
  const section = config.match(/^\[db\.migrations\][^[]*?schema_paths\s*=\s*\[([^\]]*)\]/m);
  if (!section) throw new Error("supabase/config.toml has no [db.migrations] schema_paths");
  return [...section[1].matchAll(/"([^"]+)"/g)].map((m) => new URL(m[1], SUPABASE));
}

/** Applies the Supabase roles bootstrap, then each schema file in order (one transaction each). */
async function applySchemas(client: SqlClient): Promise<void> {
  await client.execInTransaction(await Deno.readTextFile(ROLES_SQL));
  for (const file of await schemaPaths()) {
    const name = file.pathname.split("/").pop();
    try {
      await client.execInTransaction(await Deno.readTextFile(file));
    } catch (error) {
      throw new Error(`supabase/schemas/${name} does not apply: ${(error as Error).message}`);
    }
  }
}

/** A database with nothing in it, and how to drop it. */
async function emptyDatabase(
  engine: Engine,
): Promise<{ client: SqlClient; close(): Promise<void> }> {
  if (engine === "pglite") {
    const client = await openEmbedded(null);
    return { client, close: () => client.close() };
  }
  const server = (await testServer())!;
  const name = `paytrack_schemas_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgresClient(server.url, { max: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const client = postgresClient(url.toString(), { max: 2 });
  return {
    client,
    async close() {
      await client.close();
      const again = postgresClient(server.url, { max: 1 });
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    },
  };
}

const OURS = `('public'::regnamespace, 'private'::regnamespace)`;
/** Not created by an extension (its members are the extension's business). */
const notExtension = (catalog: string, oid: string) =>
  `not exists (select 1 from pg_catalog.pg_depend as d where d.classid = '${catalog}'::regclass
                 and d.objid = ${oid} and d.deptype = 'e')`;
/** An ACL with the owner's defaults spelled out, its entries sorted (grant order does not matter). */
const acl = (column: string, kind: string, owner: string) =>
  `(select coalesce(string_agg(a::text, ' ' order by a::text), '')
      from unnest(coalesce(${column}, acldefault('${kind}', ${owner}))) as a)`;

/** Every object of the catalog we compare, as key → definition. */
const CATALOG = `
select 'schema ' || n.nspname as key,
       concat_ws(E'\\n', 'acl: ' || ${acl("n.nspacl", "n", "n.nspowner")},
                 'comment: ' || coalesce(obj_description(n.oid, 'pg_namespace'), '-')) as value
  from pg_catalog.pg_namespace as n where n.nspname in ('public', 'private', 'extensions')
union all
select 'extension ' || e.extname, 'schema ' || e.extnamespace::regnamespace || ', version ' || e.extversion
  from pg_catalog.pg_extension as e where e.extname <> 'plpgsql'
union all
select case c.relkind when 'r' then 'table ' when 'p' then 'table ' when 'v' then 'view '
                      when 'm' then 'materialized view ' when 'S' then 'sequence ' when 'c' then 'type '
                      else 'relation ' end || c.oid::regclass::text,
       concat_ws(E'\\n', 'kind: ' || c.relkind::text, 'row level security: ' || c.relrowsecurity,
                 'forced: ' || c.relforcerowsecurity, 'acl: ' || ${
  acl("c.relacl", "r", "c.relowner")
},
                 'options: ' || coalesce(c.reloptions::text, '-'), 'persistence: ' || c.relpersistence::text,
                 'comment: ' || coalesce(obj_description(c.oid, 'pg_class'), '-'),
                 case when c.relkind in ('v', 'm') then 'definition: ' || pg_get_viewdef(c.oid) end)
  from pg_catalog.pg_class as c
 where c.relnamespace in ${OURS} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'c', 'f')
   and ${notExtension("pg_class", "c.oid")}
union all
select 'column ' || c.oid::regclass::text || '.' || a.attname,
       concat_ws(E'\\n',
                 'position: ' || row_number() over (partition by c.oid order by a.attnum),
                 'type: ' || format_type(a.atttypid, a.atttypmod), 'not null: ' || a.attnotnull,
                 'default: ' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-'),
                 'identity: ' || a.attidentity::text, 'generated: ' || a.attgenerated::text,
                 'collation: ' || coalesce(nullif(a.attcollation, t.typcollation)::regcollation::text, '-'),
                 'acl: ' || coalesce(a.attacl::text, '-'),
                 'comment: ' || coalesce(col_description(c.oid, a.attnum), '-'))
  from pg_catalog.pg_class as c
  join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  join pg_catalog.pg_type as t on t.oid = a.atttypid
  left join pg_catalog.pg_attrdef as ad on ad.adrelid = c.oid and ad.adnum = a.attnum
 where c.relnamespace in ${OURS} and c.relkind in ('r', 'p', 'v', 'm', 'c', 'f')
   and ${notExtension("pg_class", "c.oid")}
union all
select 'constraint ' || coalesce(con.conrelid::regclass::text, con.contypid::regtype::text) || ' ' || con.conname,
       concat_ws(E'\\n', pg_get_constraintdef(con.oid),
                 'comment: ' || coalesce(obj_description(con.oid, 'pg_constraint'), '-'))
  from pg_catalog.pg_constraint as con where con.connamespace in ${OURS}
union all
select 'index ' || i.indexrelid::regclass::text,
       concat_ws(E'\\n', pg_get_indexdef(i.indexrelid),
                 'comment: ' || coalesce(obj_description(i.indexrelid, 'pg_class'), '-'))
  from pg_catalog.pg_index as i join pg_catalog.pg_class as c on c.oid = i.indexrelid
 where c.relnamespace in ${OURS} and ${notExtension("pg_class", "i.indrelid")}
union all
select 'function ' || p.oid::regprocedure::text,
       concat_ws(E'\\n', pg_get_functiondef(p.oid), 'acl: ' || ${
  acl("p.proacl", "f", "p.proowner")
},
                 'comment: ' || coalesce(obj_description(p.oid, 'pg_proc'), '-'))
  from pg_catalog.pg_proc as p
 where p.pronamespace in ${OURS} and p.prokind in ('f', 'p') and ${notExtension("pg_proc", "p.oid")}
union all
select 'trigger ' || tg.tgrelid::regclass::text || ' ' || tg.tgname,
       concat_ws(E'\\n', pg_get_triggerdef(tg.oid), 'enabled: ' || tg.tgenabled::text,
                 'comment: ' || coalesce(obj_description(tg.oid, 'pg_trigger'), '-'))
  from pg_catalog.pg_trigger as tg join pg_catalog.pg_class as c on c.oid = tg.tgrelid
 where c.relnamespace in ${OURS} and not tg.tgisinternal
union all
select 'policy ' || pol.polrelid::regclass::text || ' "' || pol.polname || '"',
       concat_ws(E'\\n', 'command: ' || pol.polcmd::text, 'permissive: ' || pol.polpermissive,
                 'roles: ' || (select string_agg(case r when 0 then 'public' else r::regrole::text end, ', ' order by 1)
                                 from unnest(pol.polroles) as r),
                 'using: ' || coalesce(pg_get_expr(pol.polqual, pol.polrelid), '-'),
                 'with check: ' || coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '-'),
                 'comment: ' || coalesce(obj_description(pol.oid, 'pg_policy'), '-'))
  from pg_catalog.pg_policy as pol join pg_catalog.pg_class as c on c.oid = pol.polrelid
 where c.relnamespace in ${OURS}
union all
select 'type ' || t.oid::regtype::text,
       concat_ws(E'\\n', 'kind: ' || t.typtype::text,
                 'labels: ' || (select string_agg(e.enumlabel, ', ' order by e.enumsortorder)
                                  from pg_catalog.pg_enum as e where e.enumtypid = t.oid),
                 'acl: ' || ${acl("t.typacl", "T", "t.typowner")},
                 'comment: ' || coalesce(obj_description(t.oid, 'pg_type'), '-'))
  from pg_catalog.pg_type as t
 where t.typnamespace in ${OURS} and t.typtype in ('e', 'd', 'r', 'm')
   and ${notExtension("pg_type", "t.oid")}
union all
select 'sequence settings ' || s.seqrelid::regclass::text,
       concat_ws(', ', s.seqtypid::regtype::text, 'start ' || s.seqstart, 'increment ' || s.seqincrement,
                 'min ' || s.seqmin, 'max ' || s.seqmax, 'cache ' || s.seqcache, 'cycle ' || s.seqcycle,
                 'owned by ' || coalesce((select d.refobjid::regclass::text || '.' || a.attname
                                            from pg_catalog.pg_depend as d
                                            join pg_catalog.pg_attribute as a
                                              on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                                           where d.classid = 'pg_class'::regclass and d.objid = s.seqrelid
                                             and d.deptype in ('a', 'i')), '-'))
  from pg_catalog.pg_sequence as s join pg_catalog.pg_class as c on c.oid = s.seqrelid
 where c.relnamespace in ${OURS}
union all
select 'row public.currencies ' || cur.code, to_jsonb(cur)::text from public.currencies as cur
union all
select 'row public.action_kinds ' || k.action, to_jsonb(k)::text from public.action_kinds as k
order by 1`;

/** The catalog of a database as key → definition. */
export async function catalog(client: SqlClient): Promise<Map<string, string>> {
  const rows = await client.query<{ key: string; value: string }>(CATALOG);
  const map = new Map<string, string>();
  for (const row of rows) {
    if (map.has(row.key)) throw new Error(`two catalog entries are called ${row.key}`);
    map.set(row.key, row.value);
  }
  return map;
}

/** A readable difference: what only one side has, and for each object defined differently, where. */
export function catalogDiff(migrated: Map<string, string>, schemas: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of migrated) {
    if (!schemas.has(key)) out.push(`only in the migrations: ${key}\n    ${indent(value)}`);
  }
  for (const [key, value] of schemas) {
    if (!migrated.has(key)) out.push(`only in the schema files: ${key}\n    ${indent(value)}`);
  }
  for (const [key, value] of migrated) {
    const other = schemas.get(key);
    if (other === undefined || other === value) continue;
    const a = value.split("\n");
    const b = other.split("\n");
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    const show = (lines: string[]) =>
      lines.slice(Math.max(0, line - 1), line + 3).map((l) => `      ${l}`).join("\n");
    out.push(
      `differs: ${key} (from line ${line + 1})\n    migrations:\n${show(a)}\n    schema files:\n${
        show(b)
      }`,
    );
  }
  return out;
}

function indent(text: string): string {
  const lines = text.split("\n");
  const head = lines.slice(0, 6).join("\n    ");
  return lines.length > 6 ? `${head}\n    …` : head;
}

/** `schema.name(type, …)` of every `create [or replace] function` in a schema file, its types as the database names them. */
async function functionsCreatedIn(client: SqlClient, sql: string): Promise<string[]> {
  const found: string[] = [];
  const header = /^\s*create\s+(?:or\s+replace\s+)?function\s+([\w."]+)\s*\(/gim;
  for (const match of sql.matchAll(header)) {
    let depth = 1;
    let i = match.index! + match[0].length;
    const start = i;
    for (; i < sql.length && depth > 0; i++) {
      if (sql[i] === "(") depth++;
      if (sql[i] === ")") depth--;
    }
    const args: string[] = [];
    let current = "";
    depth = 0;
    for (const ch of sql.slice(start, i - 1)) {
      if (ch === "(") depth++;
      if (ch === ")") depth--;
      if (ch === "," && depth === 0) {
        args.push(current);
        current = "";
      } else current += ch;
    }
    if (current.trim()) args.push(current);
    const types: string[] = [];
    for (const raw of args) {
      let arg = raw.trim().replace(/\s+(default\s|=\s*).*$/is, "").trim();
      const mode = arg.match(/^(in|out|inout|variadic)\s+/i);
      if (mode) {
        if (mode[1].toLowerCase() === "out") continue;
        arg = arg.slice(mode[0].length);
      }
      const withoutName = arg.replace(/^[\w"]+\s+/, "");
      const type = await typeName(client, withoutName) ?? await typeName(client, arg);
      if (!type) throw new Error(`cannot read the argument "${raw.trim()}" of ${match[1]}`);
      types.push(type);
    }
    found.push(`${match[1].replaceAll('"', "")}(${types.join(", ")})`);
  }
  return found;
}

/** The database's name of a type, or null when the text is not one. */
async function typeName(client: SqlClient, text: string): Promise<string | null> {
  try {
    const [row] = await client.query<{ name: string | null }>(
      "select to_regtype($1)::text as name",
      [
        text,
      ],
    );
    return row.name;
  } catch {
    return null; // not even the syntax of a type
  }
}

/** The functions of public and private, named as functionsCreatedIn names them (in the same session). */
const OUR_FUNCTIONS = `
select p.pronamespace::regnamespace::text || '.' || p.proname || '(' ||
       coalesce((select string_agg(format_type(t, null), ', ' order by o)
                   from unnest(p.proargtypes) with ordinality as a(t, o)), '') || ')' as name
  from pg_catalog.pg_proc as p
 where p.pronamespace in ${OURS} and p.prokind in ('f', 'p') and ${notExtension("pg_proc", "p.oid")}
 order by 1`;

for (const engine of await engines()) {
  Deno.test({
    name: `supabase/schemas/ and supabase/migrations/ build the same catalog [${engine}]`,
    ...options,
    async fn(t) {
      const migrated = await freshDatabase(engine);
      const declared = await emptyDatabase(engine);
      try {
        await applySchemas(declared.client);
        const fromMigrations = await catalog(migrated.client);
        const fromSchemas = await catalog(declared.client);

        await t.step("the catalogs agree", () => {
          const diff = catalogDiff(fromMigrations, fromSchemas);
          assert.equal(
            diff.length,
            0,
            `supabase/schemas/ and supabase/migrations/ disagree on ${diff.length} object(s).\n` +
              "Change the schema file and write a migration that makes the same change " +
              '(README, "Changing the database"):\n\n' + diff.join("\n\n"),
          );
        });

        await t.step("the comparison sees every kind of object, and a changed one", async () => {
          for (
            const kind of [
              "schema",
              "extension",
              "table",
              "view",
              "sequence",
              "column",
              "constraint",
              "index",
              "function",
              "trigger",
              "policy",
              "type",
              "row",
            ]
          ) {
            assert.ok(
              [...fromMigrations.keys()].some((key) => key.startsWith(`${kind} `)),
              `the catalog lists ${kind}s`,
            );
          }
          await declared.client.query(
            "comment on function private.fail(text, text) is 'changed by the schemas test'",
          );
          const before = catalogDiff(fromMigrations, fromSchemas).length;
          const diff = catalogDiff(fromMigrations, await catalog(declared.client));
          assert.equal(diff.length, before + 1, diff.join("\n"));
          const changed = diff.find((entry) => entry.startsWith("differs: function private.fail("));
          assert.match(changed ?? "", /changed by the schemas test/);
        });
      } finally {
        await migrated.close();
        await declared.close();
      }
    },
  });
}

Deno.test({
  name: "each function is created in exactly one schema file, and every migrated function in one",
  ...options,
  async fn() {
    const engine = (await engines())[0];
    const migrated = await freshDatabase(engine);
    try {
      const listed = await schemaPaths();
      const onDisk: string[] = [];
      for await (const entry of Deno.readDir(new URL("schemas/", SUPABASE))) {
        if (entry.isFile && entry.name.endsWith(".sql")) onDisk.push(entry.name);
      }
      assert.deepEqual(
        listed.map((url) => url.pathname.split("/").pop()).sort(),
        onDisk.sort(),
        "supabase/config.toml's schema_paths lists every file of supabase/schemas/, and only those",
      );

      const where = new Map<string, string[]>();
      for (const file of listed) {
        const name = file.pathname.split("/").pop()!;
        for (const fn of await functionsCreatedIn(migrated.client, await Deno.readTextFile(file))) {
          where.set(fn, [...(where.get(fn) ?? []), name]);
        }
      }
      const twice = [...where].filter(([, files]) => files.length > 1)
        .map(([fn, files]) => `${fn} in ${files.join(", ")}`);
      assert.deepEqual(twice, [], `functions created in more than one place:\n${twice.join("\n")}`);

      const inDatabase = (await migrated.client.query<{ name: string }>(OUR_FUNCTIONS))
        .map((row) => row.name);
      assert.ok(inDatabase.length > 50, "the migrated database has our functions");
      const missing = inDatabase.filter((fn) => !where.has(fn));
      assert.deepEqual(missing, [], `functions in no schema file:\n${missing.join("\n")}`);
      const extra = [...where.keys()].filter((fn) => !inDatabase.includes(fn));
      assert.deepEqual(extra, [], `functions the migrations do not create:\n${extra.join("\n")}`);
    } finally {
      await migrated.close();
    }
  },
});
