/**
 * The module graph as Deno sees it (`deno info --json`), for the structure tests: which
 * local modules an entry point reaches and what each imports (static, type-only and
 * literal dynamic imports alike).
 */
import assert from "node:assert/strict";

/** The repository root, as a file: URL ending in "/". */
export const ROOT = new URL("../../", import.meta.url).href;

interface Resolved {
  specifier: string;
}
/** One import, as `deno info --json` reports it. */
export interface Dependency {
  /** As written in the source (before the import map). */
  specifier: string;
  code?: Resolved;
  type?: Resolved;
  isDynamic?: boolean;
}
/** One module of the graph. */
export interface Module {
  specifier: string;
  local?: string;
  dependencies?: Dependency[];
  error?: string;
}

/** A local module's imports: the repository-relative paths it imports (or external specifiers). */
export interface Edge {
  from: string;
  to: string;
  /** As written in the source. */
  written: string;
  dynamic: boolean;
}

const cache = new Map<string, Promise<Module[]>>();

/** Every module `entry` (a repository-relative path) reaches. */
export function graph(entry: string): Promise<Module[]> {
  if (!cache.has(entry)) cache.set(entry, load(entry));
  return cache.get(entry)!;
}

async function load(entry: string): Promise<Module[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", new URL(entry, ROOT).href],
    cwd: new URL(ROOT).pathname,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout)).modules;
}

/** A file: URL inside the repository as a relative path ("shared/bot/flows.ts"); else as is. */
export function relative(specifier: string): string {
  return specifier.startsWith(ROOT) ? specifier.slice(ROOT.length) : specifier;
}

/** Whether `specifier` is a module of this repository. */
export function isLocal(specifier: string): boolean {
  return specifier.startsWith(ROOT);
}

/** The imports of every local module of the graph. */
export function edges(modules: Module[]): Edge[] {
  const out: Edge[] = [];
  for (const module of modules) {
    if (!isLocal(module.specifier)) continue;
    for (const dep of module.dependencies ?? []) {
      for (const target of new Set([dep.code?.specifier, dep.type?.specifier])) {
        if (!target) continue;
        out.push({
          from: relative(module.specifier),
          to: relative(target),
          written: dep.specifier,
          dynamic: dep.isDynamic === true,
        });
      }
    }
  }
  return out;
}
