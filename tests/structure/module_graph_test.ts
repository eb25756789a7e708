/**
 * The shape of the module graph, from every entry point (the edge function and each
 * `deno task` script): no import cycle among local modules, no feature importing another
 * feature, and no product code importing dev tooling, tests or benchmarks.
 *
 * Product code is functions/ and shared/ except shared/dev/. Dev tooling may import test
 * support: shared/dev/db_types.ts (`deno task db:types`) starts a throwaway cluster with
 * tests/support/cluster.ts. That is allowed; the edge function never reaches it.
 */
import assert from "node:assert/strict";
import { type Edge, edges, graph, ROOT } from "./module_graph.ts";

/** functions/telegram-bot/index.ts, and every script a deno.json task runs from shared/. */
async function entryPoints(): Promise<string[]> {
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const scripts = Object.values(denoJson.tasks as Record<string, string>)
    .flatMap((task) =>
      [...task.matchAll(/\b(?:shared|functions)\/[\w/.-]+\.ts\b/g)].map((m) => m[0])
    );
  return [...new Set(["functions/telegram-bot/index.ts", ...scripts])].sort();
}

/** Every import of every local module reachable from any entry point. */
async function allEdges(): Promise<Edge[]> {
  const all = new Map<string, Edge>();
  for (const entry of await entryPoints()) {
    for (const edge of edges(await graph(entry))) all.set(`${edge.from} ${edge.to}`, edge);
  }
  return [...all.values()];
}

/** Import cycles among local modules (each as a path a → b → … → a). */
function cycles(list: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of list) {
    if (/^[a-z]+:/.test(to)) continue; // npm:, node: (local modules are relative paths)
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    path.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === "open") found.push([...path.slice(path.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of [...next.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

Deno.test("the entry points include the edge function and the dev scripts", async () => {
  const entries = await entryPoints();
  for (
    const expected of [
      "functions/telegram-bot/index.ts",
      "shared/dev/start.ts",
      "shared/dev/serve.ts",
      "shared/dev/webhook_set.ts",
      "shared/dev/migrate.ts",
    ]
  ) assert.ok(entries.includes(expected), `${expected} in ${entries.join(", ")}`);
});

Deno.test("no import cycle among local modules (type-only and dynamic imports included)", async () => {
  const found = cycles(await allEdges()).map((cycle) => cycle.join(" → "));
  assert.deepEqual(found, [], `import cycles:\n${found.join("\n")}`);
});

Deno.test("a feature never imports another feature: what they share lives in shared/bot/ or shared/text/", async () => {
  const feature = /^shared\/bot\/features\/[^/]+\.ts$/;
  const found = (await allEdges())
    .filter((edge) => feature.test(edge.from) && feature.test(edge.to))
    .map((edge) => `${edge.from} imports ${edge.to}`);
  assert.deepEqual(found, []);
});

Deno.test("product code (functions/, shared/ but shared/dev/) imports no dev tooling, tests or benchmarks", async () => {
  const product = (path: string) =>
    (path.startsWith("functions/") || path.startsWith("shared/")) &&
    !path.startsWith("shared/dev/");
  const found = (await allEdges())
    .filter((edge) => product(edge.from) && /^(shared\/dev|tests|bench)\//.test(edge.to))
    .map((edge) => `${edge.from} imports ${edge.to}`);
  assert.deepEqual(found, []);
});
