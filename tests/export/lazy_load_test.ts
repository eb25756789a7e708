/**
 * The workbook writer costs nothing on a cold start: in the edge function's module
 * graph it is reached only through a dynamic import (so it is bundled, but evaluated
 * only when /export runs), and no xlsx library is in the graph at all.
 */
import assert from "node:assert/strict";

interface Dependency {
  specifier: string;
  code?: { specifier: string };
  isDynamic?: boolean;
}
interface Module {
  specifier: string;
  dependencies?: Dependency[];
}

async function graph(entry: string): Promise<Module[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout)).modules;
}

/** Modules evaluated at start-up: followed through static value imports only. */
function loadedAtStart(modules: Module[], root: string): Set<string> {
  const bySpecifier = new Map(modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const dep of bySpecifier.get(next)?.dependencies ?? []) {
      if (dep.code && !dep.isDynamic) queue.push(dep.code.specifier);
    }
  }
  return seen;
}

Deno.test("the edge function loads the workbook writer only when /export runs, and no xlsx library at all", async () => {
  const entry = new URL("../../functions/telegram-bot/index.ts", import.meta.url).href;
  const modules = await graph(entry);
  const all = modules.map((m) => m.specifier);
  assert.ok(all.some((s) => s.endsWith("/shared/export/xlsx_writer.ts")), "bundled for /export");
  assert.ok(!all.some((s) => /npm:\/?xlsx|exceljs|sheetjs/i.test(s)), "no xlsx library");
  const atStart = [...loadedAtStart(modules, entry)];
  assert.ok(atStart.some((s) => s.endsWith("/shared/bot/features/export.ts")), "the feature is");
  const writer = atStart.filter((s) =>
    /\/shared\/export\/(workbook|xlsx_writer|zip)\.ts$/.test(s) || s === "node:zlib"
  );
  assert.deepEqual(writer, [], "evaluated at start-up");
});
