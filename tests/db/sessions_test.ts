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

  suite.test("a session is a JSON object; anything else is refused before it reaches the database", async (t) => {
    for (const value of ["hello", "", true, false, 7, null, [1, 2]]) {
      await assert.rejects(
        t.ledger.sessionWrite("scalar", value as never),
        TypeError,
        JSON.stringify(value),
      );
    }
    assert.equal(await t.ledger.sessionRead("scalar"), undefined);
    await t.ledger.sessionWrite("object", { text: "hello", flag: false, list: [1, "two"] });
    assert.deepEqual(await t.ledger.sessionRead("object"), {
      text: "hello",
      flag: false,
      list: [1, "two"],
    });
  });
}
