/**
 * Fresh, fully migrated databases for tests: a new database on real PostgreSQL (the
 * server in PAYTRACK_TEST_PG or DATABASE_URL, else a throwaway cluster this test file
 * starts), and an in-memory PGlite. `forEachDatabase` runs a suite on both.
 */
import { migrate, readMigrations } from "../../shared/db/migrate.ts";
import { openEmbedded } from "../../shared/db/embedded.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { type Cluster, findPgBin, startCluster } from "./cluster.ts";

export type Engine = "postgres" | "pglite";

/** A migrated database that a test owns. */
export interface TestDatabase {
  engine: Engine;
  client: SqlClient;
  /** Connection URL (postgres only), for a second client or the supabase CLI. */
  url?: string;
  /** The cluster behind it when this file started one (postgres only). */
  cluster?: Cluster;
  close(): Promise<void>;
}

let server: Promise<{ url: string; cluster?: Cluster } | null> | undefined;

/** The PostgreSQL server tests use, or null when none is available here. */
export function testServer(): Promise<{ url: string; cluster?: Cluster } | null> {
  server ??= (async () => {
    const url = Deno.env.get("PAYTRACK_TEST_PG") ?? Deno.env.get("DATABASE_URL");
    if (url) return { url };
    if (!(await findPgBin())) return null;
    const cluster = await startCluster();
    globalThis.addEventListener("unload", () => cluster.stopSync());
    return { url: cluster.url, cluster };
  })();
  return server;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A brand-new database on the test server with every migration applied. */
export async function freshPostgres(): Promise<TestDatabase> {
  const srv = await testServer();
  if (!srv) throw new Error("no PostgreSQL server for tests");
  const admin = postgresClient(srv.url, { max: 1 });
  const name = `paytrack_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = withDatabase(srv.url, name);
  const client = postgresClient(url, { max: 20 });
  await migrate(client);
  return {
    engine: "postgres",
    client,
    url,
    cluster: srv.cluster,
    async close() {
      await client.close();
      const again = postgresClient(srv.url, { max: 1 });
      await again.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await again.close();
    },
  };
}

/** A brand-new in-memory PGlite with every migration applied. */
export async function freshPglite(): Promise<TestDatabase> {
  const client = await openEmbedded(null);
  await migrate(client, await readMigrations());
  return { engine: "pglite", client, close: () => client.close() };
}

/** Whether this run is CI (`CI=true`, as GitHub Actions and most CI services set it). */
export function underCi(): boolean {
  return /^(true|1)$/i.test(Deno.env.get("CI") ?? "");
}

/**
 * Whether real PostgreSQL is available; logs once when it is not. Under CI=true it is
 * required: a missing server throws, so the suite fails instead of passing on PGlite alone.
 */
export async function postgresAvailable(): Promise<boolean> {
  const ok = (await testServer()) !== null;
  if (!ok && underCi()) {
    throw new Error(
      "CI=true: PostgreSQL server binaries not found and no DATABASE_URL / PAYTRACK_TEST_PG; CI must test on real PostgreSQL.",
    );
  }
  if (!ok && !warned) {
    warned = true;
    console.warn(
      "PostgreSQL binaries not found and no DATABASE_URL: running ledger tests on PGlite only.",
    );
  }
  return ok;
}
let warned = false;

/** The engines this machine can test on: postgres (when available) and pglite. */
export async function engines(): Promise<Engine[]> {
  return (await postgresAvailable()) ? ["postgres", "pglite"] : ["pglite"];
}

/** A fresh migrated database of the given engine. */
export function freshDatabase(engine: Engine): Promise<TestDatabase> {
  return engine === "postgres" ? freshPostgres() : freshPglite();
}
