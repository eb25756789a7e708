/**
 * One /export, measured in a process of its own (so the peak memory is this export's):
 * load the workbook module (lazily, as the bot does), call export_workbook over
 * postgres.js (which receives and JSON.parses the answer, as supabase-js would), build
 * the .xlsx. Prints one JSON line: CPU and wall time per step, peak RSS, V8 heap.
 *
 *   deno run -A bench/export/measure.ts <database url> <owner id> [max rows] [compression level]
 */
import process from "node:process";
import { Ledger } from "../../shared/db/ledger.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";

/** What one measured export reports. */
export interface Measurement {
  ok: boolean;
  too_large?: boolean;
  rows: number;
  json_mb: number;
  file_mb: number;
  cpu_ms: { import: number; fetch_and_parse: number; build: number; total: number };
  wall_ms: { import: number; fetch_and_parse: number; build: number; total: number };
  /** Peak resident memory of the whole process (Deno runtime included), and before the export. */
  rss_mb: { peak: number; before: number };
  /** V8 heap + external memory right after the answer was parsed and after the build. */
  heap_mb: { after_parse: number; after_build: number };
}

function peakRssMb(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

function heapMb(): number {
  const m = Deno.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

function cpuMs(from: ReturnType<typeof process.cpuUsage>): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
}

const round = (n: number) => Math.round(n * 10) / 10;

if (import.meta.main) {
  const [url, owner, maxRows, level] = Deno.args;
  const client = postgresClient(url, { max: 1 });
  const ledger = new Ledger(new SqlTransport(client));
  await client.query("select 1"); // connect before measuring, as a warm function would be
  const before = peakRssMb();

  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const { buildWorkbook } = await import("../../shared/export/workbook.ts");
  const cImport = cpuMs(c0);
  const wImport = performance.now() - w0;

  const c1 = process.cpuUsage();
  const w1 = performance.now();
  const data = await ledger.export.workbook(Number(owner), {
    maxRows: maxRows ? Number(maxRows) : 1_000_000,
  });
  const cFetch = cpuMs(c1);
  const wFetch = performance.now() - w1;
  const afterParse = heapMb();

  const c2 = process.cpuUsage();
  const w2 = performance.now();
  const built = data.too_large
    ? undefined
    : buildWorkbook(data, level ? { compressionLevel: Number(level) } : {});
  const cBuild = cpuMs(c2);
  const wBuild = performance.now() - w2;
  const afterBuild = heapMb();

  const [{ bytes }] = await client.query<{ bytes: number }>(
    "select length(public.export_workbook(p_actor => $1, p_max_rows => $2)::text) as bytes",
    [Number(owner), maxRows ? Number(maxRows) : 1_000_000],
  );
  const result: Measurement = {
    ok: true,
    too_large: data.too_large,
    rows: data.too_large ? data.rows : built!.rows,
    json_mb: round(Number(bytes) / 1e6),
    file_mb: round((built?.bytes.length ?? 0) / 1e6),
    cpu_ms: {
      import: Math.round(cImport),
      fetch_and_parse: Math.round(cFetch),
      build: Math.round(cBuild),
      total: Math.round(cImport + cFetch + cBuild),
    },
    wall_ms: {
      import: Math.round(wImport),
      fetch_and_parse: Math.round(wFetch),
      build: Math.round(wBuild),
      total: Math.round(wImport + wFetch + wBuild),
    },
    rss_mb: { peak: round(peakRssMb()), before: round(before) },
    heap_mb: { after_parse: round(afterParse), after_build: round(afterBuild) },
  };
  console.log(JSON.stringify(result));
  await client.close();
}
