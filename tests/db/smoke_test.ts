import assert from "node:assert/strict";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { LedgerError } from "../../shared/db/errors.ts";
import { engines, freshDatabase } from "../support/databases.ts";

for (const engine of await engines()) {
  Deno.test(`smoke on ${engine}`, async () => {
    const db = await freshDatabase(engine);
    const ledger = new Ledger(new SqlTransport(db.client));
    try {
      const start = await ledger.startUser({
        actor: 1,
        updateId: 1,
        displayName: "Owner",
        mayOpenShop: true,
        currency: "ILS",
      });
      assert.equal(start.status, "opened");
      const added = await ledger.addCustomer({
        actor: 1,
        updateId: 2,
        fullName: "John Smith",
        phone: "0590000000",
        nicknames: ["Abu Ali"],
        tags: ["vip"],
      });
      const p = await ledger.recordPurchase({
        actor: 1,
        updateId: 3,
        customerId: added.customer.id,
        amount: 5000,
        description: "x #a",
      });
      assert.equal(p.customer.balance, 5000);
      await assert.rejects(
        ledger.recordPurchase({ actor: 2, updateId: 4, customerId: added.customer.id, amount: 1 }),
        (e) => e instanceof LedgerError && e.code === "not_a_member",
      );
      await ledger.sessionWrite("k", { a: 1, b: [1, 2] });
      assert.deepEqual(await ledger.sessionRead("k"), { a: 1, b: [1, 2] });
      assert.equal(await ledger.sessionRead("missing"), undefined);
      const found = await ledger.listCustomers(1, { query: "Jon Smth" });
      assert.equal(found.customers[0]?.id, added.customer.id);
    } finally {
      await db.close();
    }
  });
}
