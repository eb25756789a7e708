/**
 * `deno task bench:export`: CPU time and peak memory of /export for a shop of 2,000
 * customers and 50,000 transactions (the target: 1 s of CPU, 150 MB), then larger shops,
 * to find the largest that fits a Supabase Edge Function (2 s of CPU, 256 MB).
 *
 * Shops are seeded with set-based SQL on a throwaway PostgreSQL cluster. Each export runs
 * in a fresh process (bench/export/measure.ts), so its peak memory is its own; CPU is the
 * process's user + system time for loading the writer, fetching and parsing the RPC's
 * answer, and building the file (Postgres's own work is in another process).
 *
 * Options: --sizes=2000x50000,4000x100000  --runs=3  --level=N (force a deflate level)
 *          --compare (also time SheetJS 0.20.3 on the first size)
 */
import { parseArgs } from "node:util";
import { freshPostgres } from "../../tests/support/databases.ts";
import type { Measurement } from "./measure.ts";
import { seedShop } from "./seed.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "2000x50000,3000x75000,4000x100000,5000x125000" },
    runs: { type: "string", default: "3" },
    level: { type: "string" },
    compare: { type: "boolean", default: false },
  },
});
const sizes = values.sizes!.split(",").map((s) => s.split("x").map(Number) as [number, number]);
const runs = Number(values.runs);

const CPU_LIMIT_MS = 2000;
const MEMORY_LIMIT_MB = 256;

async function child<T>(script: string, args: string[], flags: string[] = []): Promise<T> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", ...flags, new URL(script, import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "inherit",
    env: { RUST_BACKTRACE: "0" },
  }).output();
  if (!out.success) throw new Error(`${script} failed`);
  return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s: unknown, n: number) => String(s).padStart(n);

const db = await freshPostgres();
console.log(
  `/export benchmark — ${Deno.build.os} ${Deno.build.arch}, ${navigator.hardwareConcurrency} CPUs, ` +
    `Deno ${Deno.version.deno}, PostgreSQL via postgres.js; median of ${runs} runs, each in a fresh process.`,
);
console.log(
  "CPU = loading the writer + receiving/parsing the RPC answer + building the .xlsx. " +
    "Peak RSS = the whole Deno process (runtime included); 'added' = peak minus RSS before /export.",
);
console.log(
  `${pad("customers", 9)} ${pad("transactions", 12)} ${pad("rows", 7)} ${pad("JSON MB", 7)} ${
    pad("file MB", 7)
  } ${pad("CPU ms (load+fetch/parse+build)", 31)} ${pad("wall ms", 7)} ${
    pad("peak RSS MB (added)", 19)
  }  fits 2 s / 256 MB`,
);
let owner = 10_000;
let largest = "";
const shops: { owner: number; customers: number; transactions: number }[] = [];
for (const [customers, transactions] of sizes) {
  owner += 10;
  const t0 = performance.now();
  await seedShop(db.client, { customers, transactions }, owner);
  const seeded = ((performance.now() - t0) / 1000).toFixed(1);
  shops.push({ owner, customers, transactions });
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(
      await child<Measurement>("./measure.ts", [
        db.url!,
        String(owner),
        "10000000",
        ...(values.level ? [values.level] : []),
      ]),
    );
  }
  const cpu = median(results.map((r) => r.cpu_ms.total));
  const m = results.find((r) => r.cpu_ms.total === cpu)!;
  const peak = Math.max(...results.map((r) => r.rss_mb.peak));
  const added = Math.round(Math.max(...results.map((r) => r.rss_mb.peak - r.rss_mb.before)));
  const fits = cpu <= CPU_LIMIT_MS && peak <= MEMORY_LIMIT_MB;
  if (fits) largest = `${customers} customers / ${transactions} transactions (${m.rows} rows)`;
  console.log(
    `${pad(customers, 9)} ${pad(transactions, 12)} ${pad(m.rows, 7)} ${pad(m.json_mb, 7)} ${
      pad(m.file_mb, 7)
    } ${pad(`${cpu} (${m.cpu_ms.import}+${m.cpu_ms.fetch_and_parse}+${m.cpu_ms.build})`, 31)} ${
      pad(m.wall_ms.total, 7)
    } ${pad(`${Math.round(peak)} (${added})`, 19)}  ${fits ? "yes" : "no"}   [CPU of each run: ${
      results.map((r) => r.cpu_ms.total).join(", ")
    }; seeded in ${seeded} s]`,
  );
}
console.log(
  largest
    ? `Largest measured shop that fits 2 s CPU / 256 MB: ${largest}.`
    : "No measured size fits 2 s CPU / 256 MB.",
);

// The first shop again with V8's heap capped: what the export really needs from the heap.
const first = shops[0];
try {
  const capped = await child<Measurement>(
    "./measure.ts",
    [db.url!, String(first.owner), "10000000"],
    ["--v8-flags=--max-old-space-size=64"],
  );
  console.log(
    `${first.customers} / ${first.transactions} with V8's old space capped at 64 MB: ok, ` +
      `${capped.cpu_ms.total} ms CPU, peak RSS ${Math.round(capped.rss_mb.peak)} MB.`,
  );
} catch {
  console.log(`${first.customers} / ${first.transactions} does not run with a 64 MB V8 heap.`);
}

if (values.compare) {
  for (const compress of ["1", "0"]) {
    const r = await child<{
      writer: string;
      cpu_ms: { total: number; build: number };
      rss_mb: { peak: number; before: number };
      file_mb: number;
    }>("./sheetjs.ts", [db.url!, String(first.owner), compress]);
    console.log(
      `For comparison, ${r.writer}, ${first.customers} / ${first.transactions}: ` +
        `${r.cpu_ms.total} ms CPU (build ${r.cpu_ms.build}), peak RSS ${r.rss_mb.peak} MB, ` +
        `file ${r.file_mb} MB (and no frozen headers: SheetJS CE cannot write them).`,
    );
  }
}
await db.close();
Deno.exit(0);
