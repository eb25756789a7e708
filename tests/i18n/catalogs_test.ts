/**
 * The catalogs are complete and clean: every area file parses as Fluent, English and Arabic
 * hold the same keys with the same variables, Arabic is really Arabic, every key the code
 * asks for exists, and no key is left unused.
 */
import assert from "node:assert/strict";
import {
  FluentParser,
  Junk,
  Message,
  type Pattern,
  Placeable,
  SelectExpression,
  VariableReference,
} from "@fluent/syntax";
import { CATALOGS } from "../../shared/i18n/catalogs.ts";
import { LOCALES } from "../../shared/domain/language.ts";
import { AREAS } from "../../shared/bot/commands.ts";
import { COMMANDS } from "../../shared/bot/create_bot.ts";
import { hasMessage } from "../../shared/i18n/i18n.ts";

const parser = new FluentParser({ withSpans: false });

/** Every variable a pattern uses (inside selectors and variants too). */
function variablesOf(pattern: Pattern | null, into = new Set<string>()): Set<string> {
  for (const element of pattern?.elements ?? []) {
    if (!(element instanceof Placeable)) continue;
    const e = element.expression;
    if (e instanceof VariableReference) into.add(e.id.name);
    if (e instanceof SelectExpression) {
      if (e.selector instanceof VariableReference) into.add(e.selector.id.name);
      for (const variant of e.variants) variablesOf(variant.value, into);
    }
    if (e instanceof Placeable) variablesOf({ elements: [e] } as unknown as Pattern, into);
  }
  return into;
}

/** key → variables, per locale and area. */
function messages(locale: string, area: string): Map<string, Set<string>> {
  const source = CATALOGS[locale as keyof typeof CATALOGS][area];
  const resource = parser.parse(source);
  const junk = resource.body.filter((e) => e instanceof Junk) as Junk[];
  assert.deepEqual(
    junk.map((j) => `${j.annotations.map((a) => a.message).join("; ")}: ${j.content.slice(0, 80)}`),
    [],
    `${locale}/${area}.ts has Fluent syntax errors`,
  );
  const out = new Map<string, Set<string>>();
  for (const entry of resource.body) {
    if (!(entry instanceof Message)) continue;
    assert.ok(!out.has(entry.id.name), `${locale}/${area}.ts: ${entry.id.name} is defined twice`);
    out.set(entry.id.name, variablesOf(entry.value));
  }
  return out;
}

const areas = Object.keys(CATALOGS.en);

Deno.test("every catalog parses, and English and Arabic have the same keys and variables", () => {
  assert.deepEqual(Object.keys(CATALOGS.ar), areas, "the same area files in every language");
  const all = new Set<string>();
  for (const area of areas) {
    const en = messages("en", area);
    const ar = messages("ar", area);
    assert.deepEqual(
      [...ar.keys()].filter((k) => !en.has(k)),
      [],
      `ar/${area}: keys English lacks`,
    );
    assert.deepEqual(
      [...en.keys()].filter((k) => !ar.has(k)),
      [],
      `ar/${area}: keys not translated`,
    );
    for (const [key, vars] of en) {
      assert.deepEqual([...ar.get(key)!].sort(), [...vars].sort(), `${key}: the same variables`);
      assert.ok(!all.has(key), `${key} is defined in two areas`);
      all.add(key);
    }
  }
});

Deno.test("Arabic messages are written in Arabic", () => {
  const english = new Set<string>();
  for (const area of areas) {
    const source = CATALOGS.ar[area];
    for (const m of source.matchAll(/^([a-z][\w-]*) =(.*(?:\n(?:[ \t]+.*|))*)/gm)) {
      const text = m[2].replace(/\{[^}]*\}/g, "").replace(/<[^>]+>/g, "").replace(/\/\w+/g, "");
      if (/[A-Za-z]{3,}/.test(text) && !/[\u0600-\u06FF]/.test(text)) english.add(m[1]);
    }
  }
  assert.deepEqual([...english], [], "messages with English words and no Arabic");
});

/** Keys the code builds from names (`cmd-<command>-summary`, `-examples`, `area-<area>`…). */
function dynamicKeys(): Set<string> {
  const keys = new Set<string>();
  for (const c of COMMANDS) {
    keys.add(`cmd-${c.command}-summary`);
    keys.add(`cmd-${c.command}-examples`);
    if (c.menu) keys.add(`cmd-${c.command}-menu`);
    if (hasMessage("en", `cmd-${c.command}-details`)) keys.add(`cmd-${c.command}-details`);
  }
  for (const area of AREAS) keys.add(`area-${area}`);
  return keys;
}

/** Every string literal in product code that looks like a catalog key. */
async function literalKeys(): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) {
        if (path.endsWith("shared/i18n/en") || path.endsWith("shared/i18n/ar")) continue;
        await walk(path);
      } else if (path.endsWith(".ts")) {
        const text = await Deno.readTextFile(path);
        for (const m of text.matchAll(/["'`]([a-z][a-z0-9]*(?:-[a-z0-9]+)+)["'`]/g)) {
          found.add(m[1]);
        }
      }
    }
  };
  await walk(new URL("../../shared", import.meta.url).pathname);
  await walk(new URL("../../functions", import.meta.url).pathname);
  return found;
}

Deno.test("every key the code uses exists, and every key is used", async () => {
  const defined = new Set(areas.flatMap((area) => [...messages("en", area).keys()]));
  const dynamic = dynamicKeys();
  const literals = await literalKeys();
  const missing = [...dynamic].filter((k) => !defined.has(k));
  assert.deepEqual(missing, [], "keys the registry needs");
  const unused = [...defined].filter((k) => !dynamic.has(k) && !literals.has(k));
  assert.deepEqual(unused, [], "keys nothing uses");
  // A literal used with t()/ctx.t() must exist.
  const used = new Set<string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (path.endsWith(".ts")) {
        const text = await Deno.readTextFile(path);
        for (const m of text.matchAll(/\bt\(\s*["'`]([a-z][\w-]*)["'`]/g)) used.add(m[1]);
      }
    }
  };
  await walk(new URL("../../shared", import.meta.url).pathname);
  assert.deepEqual([...used].filter((k) => !defined.has(k)), [], "keys used but not defined");
});

Deno.test("every language has a catalog", () => {
  assert.deepEqual(Object.keys(CATALOGS), [...LOCALES]);
});
