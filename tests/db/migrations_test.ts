/** Migrations: they apply to an empty database, exactly once, and each one atomically. */
import assert from "node:assert/strict";
import { Ledger } from "../../shared/db/ledger.ts";
import { migrate, type Migration, readMigrations } from "../../shared/db/migrate.ts";
import { openEmbedded } from "../../shared/db/embedded.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { type Engine, engines, testServer } from "../support/databases.ts";
import { assertBalancesConsistent } from "../support/ledger_fixtures.ts";

/** A database with nothing in it: created with raw SQL on the server, or a new PGlite. */
interface EmptyDatabase {
  client: SqlClient;
  /** Another client of the same database (postgres only). */
  connect(): SqlClient;
  close(): Promise<void>;
}

async function emptyDatabase(engine: Engine): Promise<EmptyDatabase> {
  if (engine === "pglite") {
    const client = await openEmbedded(null);
    return {
      client,
      connect: () => {
        throw new Error("PGlite in memory has one client");
      },
      close: () => client.close(),
    };
  }
  const server = await testServer();
  if (!server) throw new Error("no PostgreSQL server for tests");
  const name = `paytrack_empty_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgresClient(server.url, { max: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const clients: SqlClient[] = [];
  const connect = () => {
    const client = postgresClient(url.toString(), { max: 2 });
    clients.push(client);
    return client;
  };
  return {
    client: connect(),
    connect,
    async close() {
      for (const client of clients) await client.close();
      const again = postgresClient(server.url, { max: 1 });
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    },
  };
}

async function recorded(client: SqlClient): Promise<{ version: string; name: string }[]> {
  return Array.from(
    await client.query<{ version: string; name: string }>(
      `select version, name from supabase_migrations.schema_migrations order by version`,
    ),
  );
}

const options = { sanitizeOps: false, sanitizeResources: false };

for (const engine of await engines()) {
  Deno.test({
    name:
      `every migration applies to an empty database, and a second run applies nothing [${engine}]`,
    ...options,
    async fn() {
      const files = await readMigrations();
      assert.ok(files.length >= 3, "the migration files are found");
      const db = await emptyDatabase(engine);
      try {
        const tablesBefore = await db.client.query(
          `select 1 from pg_tables where schemaname = 'public'`,
        );
        assert.equal(tablesBefore.length, 0, "the database starts empty");

        const applied = await migrate(db.client);
        assert.deepEqual(applied, files.map((m) => m.version));
        assert.deepEqual(
          await recorded(db.client),
          files.map((m) => ({ version: m.version, name: m.name })),
          "recorded where the supabase CLI looks",
        );
        assert.deepEqual(await migrate(db.client), [], "a second run applies nothing");
        assert.equal((await recorded(db.client)).length, files.length);

        const ledger = new Ledger(new SqlTransport(db.client));
        const started = await ledger.startUser({
          actor: 1,
          updateId: 1,
          displayName: "First",
          claimIfUnclaimed: true,
        });
        assert.equal(started.status, "claimed", "the migrated ledger works");
        await assertBalancesConsistent(db.client);
      } finally {
        await db.close();
      }
    },
  });

  Deno.test({
    name: `a migration that fails is rolled back and not recorded [${engine}]`,
    ...options,
    async fn() {
      const db = await emptyDatabase(engine);
      try {
        const migrations: Migration[] = [
          { version: "1", name: "good", sql: "create table public.good_one (x int);" },
          {
            version: "2",
            name: "bad",
            sql: "create table public.half_done (x int); select 1 / 0;",
          },
          { version: "3", name: "later", sql: "create table public.later_one (x int);" },
        ];
        await assert.rejects(migrate(db.client, migrations), /division by zero/);
        const tables = (await db.client.query<{ tablename: string }>(
          `select tablename from pg_tables where schemaname = 'public' order by 1`,
        )).map((row) => row.tablename);
        assert.deepEqual(tables, ["good_one"], "the failed migration left nothing behind");
        assert.deepEqual(await recorded(db.client), [{ version: "1", name: "good" }]);

        migrations[1].sql = "create table public.half_done (x int);";
        assert.deepEqual(await migrate(db.client, migrations), ["2", "3"], "fixed, it applies");
      } finally {
        await db.close();
      }
    },
  });
}

if ((await engines()).includes("postgres")) {
  Deno.test({
    name: "a second client finds every migration already applied [postgres]",
    ...options,
    async fn() {
      const db = await emptyDatabase("postgres");
      try {
        const first = await migrate(db.client);
        assert.ok(first.length >= 3);
        const other = db.connect();
        assert.deepEqual(await migrate(other), []);
        const ledger = new Ledger(new SqlTransport(other));
        const started = await ledger.startUser({
          actor: 7,
          updateId: 70,
          displayName: "Other",
          mayOpenShop: true,
        });
        assert.equal(started.status, "opened");
      } finally {
        await db.close();
      }
    },
  });

  Deno.test({
    name: "two clients migrating at once both succeed [postgres]",
    ...options,
    async fn() {
      const db = await emptyDatabase("postgres");
      try {
        const [a, b] = await Promise.all([migrate(db.client), migrate(db.connect())]);
        assert.equal(a.length + b.length, (await readMigrations()).length);
      } finally {
        await db.close();
      }
    },
  });
}
