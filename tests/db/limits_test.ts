/**
 * The bot's input limits (shared/domain/limits.ts) are the database's: this reads the table
 * constraints and the current SQL functions' checks from a freshly migrated database, on
 * both engines, and compares each number with the constant. A migration that changes a
 * limit, or a constant changed alone, fails here naming both values.
 */
import assert from "node:assert/strict";
import { LIMITS } from "../../shared/domain/limits.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { engines, freshDatabase } from "../support/databases.ts";

/** Each named check constraint's definition, as Postgres prints it. */
async function constraints(client: SqlClient): Promise<Map<string, string>> {
  const rows = await client.query<{ name: string; def: string }>(
    `select conname as name, pg_catalog.pg_get_constraintdef(oid) as def
       from pg_catalog.pg_constraint
      where contype = 'c' and connamespace = 'public'::regnamespace`,
  );
  return new Map(rows.map((r) => [r.name, r.def]));
}

/** The source of every current function in public and private, by name. */
async function functions(client: SqlClient): Promise<Map<string, string>> {
  const rows = await client.query<{ name: string; src: string }>(
    `select p.pronamespace::regnamespace || '.' || p.proname as name, p.prosrc as src
       from pg_catalog.pg_proc as p
      where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)`,
  );
  const byName = new Map<string, string>();
  for (const r of rows) byName.set(r.name, `${byName.get(r.name) ?? ""}\n${r.src}`);
  return byName;
}

/** The one number `pattern` (with one group) finds in `text`; fails when none or several. */
function only(text: string, pattern: RegExp, what: string): number[] {
  const found = [...text.matchAll(new RegExp(pattern, "g"))].map((m) => m.slice(1).map(Number));
  assert.ok(found.length > 0, `${what}: not found by ${pattern}`);
  const distinct = [...new Set(found.map((f) => f.join(",")))];
  assert.equal(distinct.length, 1, `${what}: several limits in the database: ${distinct}`);
  return found[0];
}

/** The limit in every `char_length(x) > N then perform private.fail('<code>'` of the functions. */
function failLimit(all: string, code: string, op = ">"): number {
  const pattern = new RegExp(
    `char_length\\(\\w+\\)\\s*${op}\\s*(\\d+)\\s+then\\s+perform private\\.fail\\('${code}'`,
  );
  return only(all, pattern, code)[0];
}

for (const engine of await engines()) {
  Deno.test(`the bot's input limits equal the database's constraints and checks [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      const checks = await constraints(db.client);
      const fns = await functions(db.client);
      const all = [...fns.values()].join("\n");
      const check = (name: string, pattern: RegExp) => {
        const def = checks.get(name);
        assert.ok(def, `constraint ${name} exists`);
        return only(def, pattern, `${name}: ${def}`);
      };
      const between = /<= (\d+)\)/; // Postgres prints "between 1 and N" as ">= 1 AND <= N"

      // Table constraints.
      assert.equal(check("shop_name_length", between)[0], LIMITS.shopName);
      assert.equal(check("customer_name_length", between)[0], LIMITS.customerName);
      assert.equal(check("phone_length", /<= (\d+)/)[0], LIMITS.phone);
      assert.deepEqual(check("phone_digits_only", /\{(\d+),(\d+)\}/), [
        LIMITS.phoneDigitsMin,
        LIMITS.phoneDigitsMax,
      ]);
      assert.equal(check("description_length", /<= (\d+)/)[0], LIMITS.note);
      assert.equal(check("expense_item_length", between)[0], LIMITS.item);
      assert.equal(check("expense_vendor_length", between)[0], LIMITS.vendor);
      assert.equal(check("expense_category_length", between)[0], LIMITS.category);

      // The functions' own checks (with friendlier errors than a constraint's).
      assert.equal(failLimit(all, "name_too_long"), LIMITS.customerName);
      assert.equal(failLimit(all, "nickname_too_long"), LIMITS.nickname);
      assert.equal(failLimit(all, "description_too_long"), LIMITS.note);
      assert.equal(failLimit(all, "item_too_long"), LIMITS.item);
      assert.equal(failLimit(all, "vendor_too_long"), LIMITS.vendor);
      assert.equal(failLimit(all, "category_too_long"), LIMITS.category);
      assert.deepEqual(
        only(
          all,
          /char_length\(v_digits\) not between (\d+) and (\d+) or char_length\(v_phone\) > (\d+)/,
          "phone_invalid",
        ),
        [LIMITS.phoneDigitsMin, LIMITS.phoneDigitsMax, LIMITS.phone],
      );
      assert.deepEqual(only(all, /p_pin !~ '\^\[0-9\]\{(\d+),(\d+)\}\$'/, "PIN shape"), [
        LIMITS.pinMin,
        LIMITS.pinMax,
      ]);
      const cleanTags = fns.get("private.clean_tags");
      assert.ok(cleanTags, "private.clean_tags exists");
      assert.equal(only(cleanTags, /char_length\(t\) <= (\d+)/, "clean_tags")[0], LIMITS.tag);
      assert.equal(
        only(all, /\) > (\d+) then\s+perform private\.fail\('too_many_tags'/, "too_many_tags")[0],
        LIMITS.tagsPerCustomer,
      );
      assert.equal(
        only(all, /\) >= (\d+) then\s+perform private\.fail\('too_many_nicknames'/, "nicknames")[0],
        LIMITS.nicknamesPerCustomer,
      );
    } finally {
      await db.close();
    }
  });
}
