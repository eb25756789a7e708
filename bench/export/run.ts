/**
 * `deno task bench:export`: time and peak memory of /export for a shop of 2,000
 * customers and 50,000 transactions (the target: 1 s of CPU, 150 MB), then larger
 * shops, to find the largest that fits a Supabase Edge Function (2 s CPU, 256 MB).
 *
 * Each shop is seeded with set-based SQL on a throwaway PostgreSQL cluster; each export
 * runs in a fresh process (bench/export/measure.ts) so its peak memory is its own.
 * Options: --sizes=2000x50000,4000x100000  --runs=3  --level=N (compression)
 */
import { parseArgs } from "node:util";
import { freshPostgres } from "../../tests/support/databases.ts";
import type { Measurement } from "./measure.ts";
import { seedShop } from "./seed.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "2000x50000,4000x100000,6000x150000,8000x200000" },
    runs: { type: "string", default: "3" },
    level: { type: "string" },
  },
});
const sizes = values.sizes!.split(",").map((s) => s.split("x").map(Number) as [number, number]);
const runs = Number(values.runs);

const CPU_LIMIT_MS = 2000;
const MEMORY_LIMIT_MB = 256;

const db = await freshPostgres();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
  `/export benchmark: ${Deno.build.os} ${Deno.build.arch}, Deno ${Deno.version.deno}, ` +
    `${navigator.hardwareConcurrency} CPUs; median of ${runs} runs, each in a fresh process.`,
);
console.log(
  "customers  transactions  rows     json MB  file MB  cpu ms (import+fetch/parse+build)  wall ms  peak RSS MB (before)  heap MB  fits 2s/256MB",
);
let owner = 10_000;
const fits: string[] = [];
for (const [customers, transactions] of sizes) {
  owner += 10;
  const t0 = performance.now();
  await seedShop(db.client, { customers, transactions }, owner);
  const seeded = Math.round(performance.now() - t0);
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all",
        new URL("./measure.ts", import.meta.url).pathname,
        db.url!,
        String(owner),
        "1000000",
        ...(values.level ? [values.level] : []),
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error("measure.ts failed");
    results.push(JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!));
  }
  const cpu = median(results.map((r) => r.cpu_ms.total));
  const m = results.find((r) => r.cpu_ms.total === cpu)!;
  const peak = Math.max(...results.map((r) => r.rss_mb.peak));
  const ok = cpu <= CPU_LIMIT_MS && peak <= MEMORY_LIMIT_MB;
  if (ok) fits.push(`${customers} customers / ${transactions} transactions (${m.rows} rows)`);
  console.log(
    [
      String(customers).padStart(9),
      String(transactions).padStart(13),
      String(m.rows).padStart(7),
      String(m.json_mb).padStart(9),
      String(m.file_mb).padStart(8),
      `${cpu} (${m.cpu_ms.import}+${m.cpu_ms.fetch_and_parse}+${m.cpu_ms.build})`.padStart(34),
      String(m.wall_ms.total).padStart(8),
      `${peak} (${m.rss_mb.before})`.padStart(21),
      `${m.heap_mb.after_parse}/${m.heap_mb.after_build}`.padStart(8),
      ok ? "  yes" : "  no",
    ].join(" ") + `   [seeded in ${seeded} ms; cpu runs ${
      results.map((r) => r.cpu_ms.total).join(", ")
    }]`,
  );
}
console.log(
  fits.length
    ? `Largest measured shop that fits 2 s CPU / 256 MB: ${fits.at(-1)}`
    : "No measured size fits 2 s CPU / 256 MB.",
);
await db.close();
Deno.exit(0);
