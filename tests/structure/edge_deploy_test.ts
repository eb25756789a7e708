/**
 * The edge function deploys as the supabase CLI deploys it. `supabase functions deploy
 * telegram-bot --use-api` does not use Deno's module graph: it uploads the entry point,
 * the import map, and every file it finds by following import specifiers through a
 * regular expression (static imports and exports, and `import("…")` with a quoted
 * literal), relative to the importing file. A module Deno loads that this walk misses is
 * absent on Supabase, and the function fails there while every local run works.
 *
 * {@link cliUploads} follows the CLI's walk (supabase/cli pkg/function/deno.go,
 * `ImportMap.WalkImportPaths` and its `importPathPattern`).
 */
import assert from "node:assert/strict";
import { edges, graph, isLocal, relative, ROOT } from "./module_graph.ts";

const ENTRY = "functions/telegram-bot/index.ts";
const CONFIG_TOML = "supabase/config.toml";

/** The supabase CLI's pattern for an import path (Go RE2; `.` stops at a newline in both). */
const IMPORT_PATH =
  /(?:import|export)\s+(?:{[^{}]+}|.*?)\s*(?:from)?\s*['"](.*?)['"]|import\(\s*['"](.*?)['"]\)/gi;

/** The function's section of supabase/config.toml, as `key = value` strings. */
async function functionConfig(): Promise<Record<string, string>> {
  const toml = await Deno.readTextFile(new URL(CONFIG_TOML, ROOT));
  const section = toml.split(/^\[functions\.telegram-bot\]\s*$/m)[1]?.split(/^\[/m)[0] ?? "";
  return Object.fromEntries(
    [...section.matchAll(/^\s*([\w-]+)\s*=\s*"?([^"\n]*)"?\s*$/gm)].map((m) => [m[1], m[2]]),
  );
}

/** A path relative to the repository, as Go's path.Join/Clean would make it. */
function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length && parts.at(-1) !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

function dirname(path: string): string {
  return path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
}

/** Go's path.Ext: the final element's suffix from its last dot, or "". */
function ext(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.includes(".") ? base.slice(base.lastIndexOf(".")) : "";
}

/** The files the CLI uploads for the function (repository-relative), import map aside. */
async function cliUploads(): Promise<Set<string>> {
  const fn = await functionConfig();
  const imports: Record<string, string> = JSON.parse(
    await Deno.readTextFile(new URL(clean(`supabase/${fn.import_map}`), ROOT)),
  ).imports;
  const seen = new Set<string>();
  const queue = [clean(`supabase/${fn.entrypoint}`)];
  while (queue.length) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    let text: string;
    try {
      text = await Deno.readTextFile(new URL(current, ROOT));
    } catch {
      continue; // the CLI warns and goes on
    }
    seen.add(current);
    for (const match of text.matchAll(IMPORT_PATH)) {
      let mod = (match[1] || match[2] || "").trim();
      let substituted = false;
      for (const [key, value] of Object.entries(imports)) {
        if (mod.startsWith(key)) {
          mod = value + mod.slice(key.length);
          substituted = true;
        }
      }
      if (!ext(mod)) continue; // URLs and directories
      const relativePath = mod.startsWith("./") || mod.startsWith("../");
      if (!relativePath && !mod.startsWith("/")) continue; // npm:, node:, jsr:, https:
      queue.push(clean(relativePath && !substituted ? `${dirname(current)}/${mod}` : mod));
    }
  }
  return seen;
}

Deno.test("config.toml deploys functions/telegram-bot/index.ts with the import map and no JWT check", async () => {
  const fn = await functionConfig();
  assert.equal(clean(`supabase/${fn.entrypoint}`), ENTRY);
  assert.equal(clean(`supabase/${fn.import_map}`), "import_map.json", "import_map is required");
  assert.equal(fn.verify_jwt, "false");
});

Deno.test("every local module of the edge function is in the repository and uploaded by the CLI's walk", async () => {
  const modules = await graph(ENTRY);
  const files = modules.filter((m) => m.specifier.startsWith("file:")).map((m) => m.specifier);
  const outside = files.filter((specifier) => !isLocal(specifier));
  assert.deepEqual(outside, [], "modules outside the repository are never uploaded");
  const uploaded = await cliUploads();
  const missing = files.map(relative).filter((path) => !uploaded.has(path));
  assert.deepEqual(missing, [], "Deno loads these, the CLI would not upload them");
  assert.ok(uploaded.has("shared/export/workbook.ts"), "the lazily loaded writer is uploaded");
  assert.ok(files.length > 50, `${files.length} local modules`);
});

/**
 * openLedger's `localOnly()` is the one dynamic import that is not a literal, on purpose:
 * it loads postgres.js, PGlite (25 MB of WebAssembly) and the migrator for local runs, so
 * neither Deno nor the CLI puts them in the function. On Supabase it is never called:
 * Supabase sets SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, and openLedger then uses
 * supabase-js.
 */
const NON_LITERAL_ALLOWED = new Set(["shared/db/open_ledger.ts"]);

Deno.test("every dynamic import on the edge path is a literal relative specifier (but the local-only loader)", async () => {
  const modules = (await graph(ENTRY)).filter((m) => isLocal(m.specifier));
  const bad: string[] = [];
  for (const module of modules) {
    const path = relative(module.specifier);
    const text = await Deno.readTextFile(new URL(path, ROOT));
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const call of code.matchAll(/\bimport\s*\(\s*([^)]*)\)/g)) {
      const literal = /^(["'])\.\.?\/[^"'`]+\1$/.test(call[1].trim());
      if (!literal && !NON_LITERAL_ALLOWED.has(path)) bad.push(`${path}: import(${call[1]})`);
    }
  }
  assert.deepEqual(bad, []);
  const uploaded = await cliUploads();
  for (const localOnly of ["shared/db/postgres_client.ts", "shared/db/embedded.ts"]) {
    assert.ok(!uploaded.has(localOnly), `${localOnly} stays out of the function`);
  }
});

Deno.test("the edge function imports npm packages only through import_map.json", async () => {
  const map: Record<string, string> = JSON.parse(
    await Deno.readTextFile(new URL("import_map.json", ROOT)),
  ).imports;
  const bad: string[] = [];
  let packages = 0;
  for (const edge of edges(await graph(ENTRY))) {
    if (!/^[a-z]+:/.test(edge.to) || edge.to.startsWith("file:")) continue; // a file, not a package
    if (edge.to.startsWith("node:") && edge.written === edge.to) continue; // Deno's built-ins
    packages++;
    const value = map[edge.written];
    if (value === undefined || value !== edge.to.replace(/^npm:\//, "npm:")) {
      bad.push(`${edge.from}: "${edge.written}" → ${edge.to}`);
    }
  }
  assert.ok(packages > 0, "the graph imports packages (grammy, zod, supabase-js)");
  assert.deepEqual(bad, [], "every package specifier is an import_map.json key");
});
