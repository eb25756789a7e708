/**
 * `deno task bench`: the ledger's hot path, recording a purchase (one atomic RPC), and
 * a fuzzy search, on real PostgreSQL (a throwaway cluster) and on embedded PGlite.
 */
import { Ledger } from "../shared/db/ledger.ts";
import { SqlTransport } from "../shared/db/sql_transport.ts";
import { engines, freshDatabase } from "../tests/support/databases.ts";

for (const engine of await engines()) {
  const db = await freshDatabase(engine);
  const ledger = new Ledger(new SqlTransport(db.client));
  await ledger.startUser({
    actor: 1,
    updateId: 1,
    displayName: "Owner",
    mayOpenShop: true,
    currency: "USD",
  });
  const names = ["John Smith", "محمد أحمد", "Zoë Ångström", "Fatima Khalil", "Abu Ali"];
  let customerId = 0;
  for (let i = 0; i < 500; i++) {
    const added = await ledger.addCustomer({
      actor: 1,
      updateId: 10 + i,
      fullName: `${names[i % 5]} ${i}`,
      phone: `059${String(i).padStart(7, "0")}`,
    });
    customerId = added.customer.id;
  }
  let updateId = 1_000_000;
  Deno.bench({
    name: `record a purchase (${engine})`,
    group: "record",
    baseline: engine === "postgres",
  }, async () => {
    await ledger.recordPurchase({
      actor: 1,
      updateId: ++updateId,
      customerId,
      amount: 1250,
      description: "bread",
    });
  });
  Deno.bench({
    name: `fuzzy search among 500 customers (${engine})`,
    group: "search",
    baseline: engine === "postgres",
  }, async () => {
    await ledger.listCustomers(1, { query: "jon smth" });
  });
  globalThis.addEventListener("unload", () => void db.close());
}
