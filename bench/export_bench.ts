/**
 * `deno bench` (part of `deno task bench`): /export's steps for a shop of 2,000
 * customers and 50,000 transactions (106,516 rows with the action log): the one RPC
 * received and parsed, the workbook built at each deflate level, and a statement.
 * Peak memory and CPU per export, and the largest shop that fits an edge function,
 * are measured by `deno task bench:export` (one process per export).
 */
import { Ledger } from "../shared/db/ledger.ts";
import type { ShopExport, StatementExport } from "../shared/db/ledger/export.ts";
import { SqlTransport } from "../shared/db/sql_transport.ts";
import { buildWorkbook } from "../shared/export/workbook.ts";
import { engines, freshDatabase } from "../tests/support/databases.ts";
import { seedShop } from "./export/seed.ts";

const [engine] = await engines();
const db = await freshDatabase(engine);
const { owner } = await seedShop(db.client, { customers: 2_000, transactions: 50_000 });
const ledger = new Ledger(new SqlTransport(db.client));
const data = await ledger.export.workbook(owner, { maxRows: 1_000_000 }) as ShopExport;
const [{ id: busiest }] = await db.client.query<{ id: number }>(
  `select customer_id as id from public.transactions group by customer_id order by count(*) desc limit 1`,
);
const statement = await ledger.export.workbook(owner, {
  customerId: Number(busiest),
}) as StatementExport;
globalThis.addEventListener("unload", () => void db.close());

Deno.bench({
  name: `export_workbook RPC, received and parsed (2,000 / 50,000, ${engine})`,
  group: "fetch",
  n: 5,
  warmup: 1,
}, async () => {
  await ledger.export.workbook(owner, { maxRows: 1_000_000 });
});

for (const level of [1, 2, 6]) {
  Deno.bench({
    name: `build the workbook, 106,516 rows, deflate level ${level}`,
    group: "build",
    baseline: level === 2,
    n: 5,
    warmup: 1,
  }, () => {
    buildWorkbook(data, { compressionLevel: level });
  });
}

Deno.bench({
  name: `build a statement (${statement.rows.length} rows)`,
  group: "statement",
  n: 20,
  warmup: 2,
}, () => {
  buildWorkbook(statement);
});
