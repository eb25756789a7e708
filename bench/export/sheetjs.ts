/**
 * For comparison: the same workbook data written with SheetJS 0.20.3 (the @e965/xlsx republish) in its
 * cheapest way: arrays of arrays (`aoa_to_sheet`), no shared strings, number formats
 * only on money and date cells, compression on or off. SheetJS CE cannot freeze panes,
 * so even this leaves out part of what /export writes. Prints one JSON line like
 * measure.ts.
 *
 *   deno run -A bench/export/sheetjs.ts <database url> <owner id> <compress: 0|1>
 */
import process from "node:process";
import * as XLSX from "xlsx";
import { Ledger } from "../../shared/db/ledger.ts";
import type { ShopExport } from "../../shared/db/ledger/export.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";

function peakRssMb(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

const [url, owner, compress] = Deno.args;
const client = postgresClient(url, { max: 1 });
const ledger = new Ledger(new SqlTransport(client));
await client.query("select 1");
const before = peakRssMb();
const c0 = process.cpuUsage();
const data = await ledger.export.workbook(Number(owner), { maxRows: 1_000_000 }) as ShopExport;
const c1 = process.cpuUsage(c0);
const scale = 10 ** data.head.shop.minor_unit;
const serial = (s: number | null) => s === null ? null : s / 86_400 + 25_569;
const money = `#,##0.${"0".repeat(data.head.shop.minor_unit)}`;
const dateTime = "yyyy-mm-dd hh:mm";
const names = new Map(data.customers.map((c) => [c[0], c[1]]));
const members = new Map(data.members.map((m) => [m[0], m[1]]));
const c2 = process.cpuUsage();
const wb = XLSX.utils.book_new();
function sheet(name: string, rows: unknown[][], formats: [number, string][]) {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  for (const [col, z] of formats) {
    const letter = XLSX.utils.encode_col(col);
    for (let r = 2; r <= rows.length; r++) {
      const cell = ws[letter + r];
      if (cell && cell.t === "n") cell.z = z;
    }
  }
  ws["!cols"] = rows[0].map(() => ({ wch: 16 }));
  ws["!autofilter"] = { ref: ws["!ref"]! };
  XLSX.utils.book_append_sheet(wb, ws, name);
}
sheet("Customers", [
  ["Name", "Phone", "Tags", "Nicknames", "Balance", "Last purchase", "Last payment"],
  ...data.customers.map((c) => [c[1], c[2], c[3], c[4], c[5] / scale, serial(c[6]), serial(c[7])]),
], [[4, money], [5, dateTime], [6, dateTime]]);
sheet("Transactions", [
  ["Date", "Customer", "Type", "Amount", "Description", "Tags", "Recorded by", "Balance after"],
  ...data.transactions.map((t) => [
    serial(t[1]),
    names.get(t[2]),
    t[3],
    t[4] / scale,
    t[5],
    t[6],
    members.get(t[7]),
    t[8] / scale,
  ]),
], [[0, dateTime], [3, money], [7, money]]);
sheet("Action history", [
  ["Date", "Who", "Action", "Customer", "Amount", "Details"],
  ...data.actions.map((a) => [
    serial(a[1]),
    members.get(a[2]),
    a[3],
    a[4] === null ? null : names.get(a[4]),
    a[5] === null ? null : a[5] / scale,
    a[6],
  ]),
], [[0, dateTime], [4, money]]);
const bytes = XLSX.write(wb, {
  type: "array",
  bookType: "xlsx",
  bookSST: false,
  compression: compress === "1",
}) as ArrayBuffer;
const c3 = process.cpuUsage(c2);
const cpu = (c: { user: number; system: number }) => Math.round((c.user + c.system) / 1000);
console.log(JSON.stringify({
  writer: `SheetJS 0.20.3 aoa_to_sheet, bookSST false, compression ${
    compress === "1" ? "on" : "off"
  }`,
  cpu_ms: { fetch_and_parse: cpu(c1), build: cpu(c3), total: cpu(c1) + cpu(c3) },
  rss_mb: { peak: Math.round(peakRssMb()), before: Math.round(before) },
  file_mb: Math.round(bytes.byteLength / 1e5) / 10,
}));
await client.close();
