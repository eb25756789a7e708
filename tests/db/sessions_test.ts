/** Bot sessions: the grammY storage adapter's read, write and delete. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { ledgerSuite } from "../support/ledger_fixtures.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a written session is read back as it was written", async (t) => {
    const value = {
      step: "await_amount",
      customerId: 42,
      draft: { amount: 1250, note: "خبز", tags: ["a", "b"] },
      flags: [true, false, null],
    };
    await t.ledger.sessionWrite("chat:1:user:1", value);
    assert.deepEqual(await t.ledger.sessionRead("chat:1:user:1"), value);
  });

  suite.test("reading a session that was never written gives undefined", async (t) => {
    assert.equal(await t.ledger.sessionRead("chat:404:user:404"), undefined);
  });

  suite.test("writing a session again replaces it", async (t) => {
    await t.ledger.sessionWrite("chat:2:user:2", { step: "one", extra: 1 });
    await t.ledger.sessionWrite("chat:2:user:2", { step: "two" });
    assert.deepEqual(await t.ledger.sessionRead("chat:2:user:2"), { step: "two" });
    assert.equal(
      await t.scalar(`select count(*) as value from public.bot_sessions where key = $1`, [
        "chat:2:user:2",
      ]),
      1,
    );
  });

  suite.test("a deleted session is gone and deleting twice is harmless", async (t) => {
    await t.ledger.sessionWrite("chat:3:user:3", { step: "x" });
    await t.ledger.sessionWrite("chat:3:user:4", { step: "y" });
    await t.ledger.sessionDelete("chat:3:user:3");
    await t.ledger.sessionDelete("chat:3:user:3");
    assert.equal(await t.ledger.sessionRead("chat:3:user:3"), undefined);
    assert.deepEqual(await t.ledger.sessionRead("chat:3:user:4"), { step: "y" }, "others stay");
  });

  suite.test("sessions hold arrays and numbers as well as objects", async (t) => {
    await t.ledger.sessionWrite("array", [1, "two", { three: 3 }]);
    await t.ledger.sessionWrite("number", 7);
    assert.deepEqual(await t.ledger.sessionRead("array"), [1, "two", { three: 3 }]);
    assert.equal(await t.ledger.sessionRead("number"), 7);
  });

  // Known bug in the SQL transport (shared/db): a session value is passed as a raw
  // parameter for a jsonb argument, so PGlite stores a string as if it were JSON text
  // (and refuses "hello"), and postgres.js types a boolean as bool (no such function).
  // Un-ignore once session_write gets its value JSON-encoded (e.g. `$2::jsonb`).
  suite.test("sessions hold strings and booleans too", async (t) => {
    for (const value of ["hello", "", '{"a":1}', true, false]) {
      await t.ledger.sessionWrite("scalar", value);
      assert.deepEqual(await t.ledger.sessionRead("scalar"), value, JSON.stringify(value));
    }
  }, { ignore: true });
}
