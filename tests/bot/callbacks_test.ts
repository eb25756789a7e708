/**
 * Callback data: one module lists every kind of button; each builds data within Telegram's
 * 64 bytes with worst-case values, is matched by its own pattern and by no other, and
 * refuses what it cannot send. No feature writes callback data or its pattern by hand.
 */
import assert from "node:assert/strict";
import {
  CALLBACK_DATA_MAX_BYTES,
  callbackBytes,
  CallbackDataError,
  callbackName,
  CALLBACKS,
  type FieldKind,
  type FieldValue,
} from "../../shared/bot/callbacks.ts";
import { LIMITS } from "../../shared/domain/limits.ts";

/** The longest value each field may hold. */
const WORST: Record<FieldKind, FieldValue> = {
  id: 999_999_999_999_999, // 15 digits: bigint ids and Telegram user ids fit
  offset: 999_999_999,
  bit: 1,
  role: "owner",
  step: "category",
  index: 99,
  tag: "x".repeat(LIMITS.tag),
  day: "2026-11-30",
  locale: "ar",
  digits: "arab",
  query: "x".repeat(40), // a name offered as a search (longer names get no button)
};

Deno.test("every button's data fits in 64 bytes with worst-case values, and reads back", () => {
  for (const [name, cb] of Object.entries(CALLBACKS)) {
    const data = cb.build(...cb.fields.map((f) => WORST[f]));
    assert.ok(
      callbackBytes(data) <= CALLBACK_DATA_MAX_BYTES,
      `${name}: ${data} is ${callbackBytes(data)} bytes`,
    );
    const match = cb.pattern.exec(data);
    assert.ok(match, `${name}: its pattern matches ${data}`);
    assert.deepEqual(match.slice(1), cb.fields.map((f) => String(WORST[f])), name);
    assert.equal(callbackName(data), name, `${data} is read as ${name} and nothing else`);
    const others = Object.entries(CALLBACKS).filter(([n, o]) => n !== name && o.pattern.test(data));
    assert.deepEqual(others.map(([n]) => n), [], `${data} matches only ${name}`);
  }
});

Deno.test("builders refuse data over 64 bytes and fields out of shape", () => {
  const arabic = "ت".repeat(LIMITS.tag); // 64 bytes of UTF-8 alone
  assert.equal(CALLBACKS.tagSearch.tryBuild(arabic), null);
  assert.throws(() => CALLBACKS.tagSearch.build(arabic), CallbackDataError);
  assert.throws(() => CALLBACKS.tagSearch.build(arabic), /over Telegram's 64/);
  const fits = "ت".repeat(29); // 58 bytes + "tagq:" = 63
  assert.equal(CALLBACKS.tagSearch.build(fits), `tagq:${fits}`);
  assert.equal(CALLBACKS.tagSearch.build("x".repeat(LIMITS.tag)).length, 5 + LIMITS.tag);

  assert.throws(() => CALLBACKS.select.build(10 ** 15), /\{id\} can't be/, "16 digits");
  assert.throws(() => CALLBACKS.select.build("1:2"), CallbackDataError);
  assert.throws(() => CALLBACKS.tagSearch.build("a b"), CallbackDataError);
  assert.throws(() => CALLBACKS.tagSearch.build("x".repeat(LIMITS.tag + 1)), CallbackDataError);
  assert.throws(() => CALLBACKS.memberRole.build(1, "admin"), CallbackDataError);
  assert.throws(() => CALLBACKS.exportShop.build("2026-11", null), CallbackDataError);
  assert.throws(() => CALLBACKS.link.build(1), /takes 2 values/);
  assert.equal(CALLBACKS.exportShop.build(null, "2026-11-30"), "exp:s:_:2026-11-30");
  assert.equal(CALLBACKS.undoNo.build(), "undo:no");
  assert.equal(callbackName("undo:no"), "undoNo");
  assert.equal(callbackName("undo:12"), "undoYes");
  assert.equal(callbackName("sel:1234567890123456"), null, "too long an id is no button");
  assert.equal(callbackName("nonsense"), null);
});

Deno.test("every prefix is distinct and no feature writes callback data by hand", async () => {
  const prefixes = Object.values(CALLBACKS).map((cb) => cb.template.replace(/\{\w+\}.*$/, ""));
  const templates = Object.values(CALLBACKS).map((cb) => cb.template);
  assert.equal(new Set(templates).size, templates.length, "no template twice");
  assert.ok(prefixes.every((p) => p.length > 0 && p.includes(":")), "each starts with prefix:");

  const offenders: string[] = [];
  const root = new URL("../../shared/bot/", import.meta.url);
  const files: URL[] = [];
  const walk = async (dir: URL) => {
    for await (const entry of Deno.readDir(dir)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
      if (entry.isDirectory) await walk(url);
      else if (entry.name.endsWith(".ts") && entry.name !== "callbacks.ts") files.push(url);
    }
  };
  await walk(root);
  for (const file of files) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    lines.forEach((line, i) => {
      const where = `${file.pathname.replace(/^.*\/shared\//, "shared/")}:${i + 1}: ${line.trim()}`;
      // A handler on a literal string or regex instead of CALLBACKS.x.pattern.
      if (/\.callbackQuery\(\s*["'`/]/.test(line)) offenders.push(where);
      // A button whose data is a literal "prefix:…" string.
      if (/\.text\([^)]*,\s*["'`][a-zA-Z]+:/.test(line)) offenders.push(where);
      if (/callback_data:\s*["'`]/.test(line)) offenders.push(where);
    });
  }
  assert.deepEqual(offenders, [], "use CALLBACKS from shared/bot/callbacks.ts");
});
