/**
 * The export's due figures: the Customers sheet's Due, Overdue and Oldest overdue equal
 * private.customer_dues on the shop's today, and the Transactions sheet's Due date is a
 * purchase's own or the one its terms give (private.purchase_dues). Both engines; a shop in
 * Asia/Hebron with 30-day terms, an overdue purchase, a not-yet-due one and a payment (FIFO).
 */
import assert from "node:assert/strict";
import type { ShopExport } from "../../shared/db/ledger/export.ts";
import { buildWorkbook } from "../../shared/export/workbook.ts";
import { engines } from "../support/databases.ts";
import { ledgerSuite } from "../support/ledger_fixtures.ts";
import { readXlsx } from "../support/xlsx_reader.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("due, overdue and due dates in the export equal private.customer_dues and purchase_dues", async (t) => {
    const shop = await t.newShop({ currency: "USD" });
    await t.sql(
      "update public.shops set credit_days = 30, timezone = 'Asia/Hebron' where id = $1",
      [
        shop.shopId,
      ],
    );
    const ahmad = await t.addCustomer(shop.owner, "Ahmad Ali");
    const john = await t.addCustomer(shop.owner, "John Smith");
    const zoe = await t.addCustomer(shop.owner, "Zoe Paid");
    // Ahmad: 100.00 forty days ago (due ten days ago), 50.00 today (due in 30 days), 30.00 paid:
    // FIFO leaves 70.00 overdue and 50.00 not yet due.
    const old = await t.purchase(shop.owner, ahmad.id, 10_000, "old");
    await t.sql(
      "update public.transactions set created_at = now() - interval '40 days' where id = $1",
      [
        old.transaction.id,
      ],
    );
    await t.purchase(shop.owner, ahmad.id, 5_000, "new");
    await t.pay(shop.owner, ahmad.id, 3_000);
    // John: 20.00 with its own due date in five days.
    const own = await t.purchase(shop.owner, john.id, 2_000, "own date");
    await t.sql(
      "update public.transactions set due_on = private.shop_today($2) + 5 where id = $1",
      [own.transaction.id, shop.shopId],
    );
    // Zoe: bought and paid in full: nothing due.
    await t.purchase(shop.owner, zoe.id, 1_000);
    await t.pay(shop.owner, zoe.id, 1_000);

    const data = await t.ledger.export.workbook(shop.owner) as ShopExport;
    assert.equal(data.kind, "shop");
    const expected = await t.sql<{ id: string; dues: Record<string, unknown> }>(
      `select c.id::text, private.customer_dues(c.id, private.shop_today(c.shop_id)) as dues
         from public.customers as c where c.shop_id = $1`,
      [shop.shopId],
    );
    for (const e of expected) {
      const row = data.customers.find((c) => c[0] === Number(e.id))!;
      assert.deepEqual(
        [row[13], row[14], row[15]],
        [Number(e.dues.due), Number(e.dues.overdue), e.dues.oldest_overdue_on ?? null],
        row[1],
      );
    }
    const ahmadRow = data.customers.find((c) => c[0] === ahmad.id)!;
    assert.deepEqual([ahmadRow[13], ahmadRow[14]], [7_000, 7_000]);
    const [{ today, tenAgo }] = await t.sql<{ today: string; tenAgo: string }>(
      `select private.shop_today($1)::text as today, (private.shop_today($1) - 10)::text as "tenAgo"`,
      [shop.shopId],
    );
    assert.equal(ahmadRow[15], tenAgo);
    assert.deepEqual(data.customers.find((c) => c[0] === john.id)!.slice(13), [0, 0, null]);
    assert.deepEqual(data.customers.find((c) => c[0] === zoe.id)!.slice(13), [0, 0, null]);

    // Due dates: each purchase's from purchase_dues; payments have none.
    const dues = new Map(
      (await t.sql<{ id: string; due_on: string | null }>(
        `select d.transaction_id::text as id, d.due_on::text as due_on
           from public.customers as c cross join lateral private.purchase_dues(c.id) as d
          where c.shop_id = $1`,
        [shop.shopId],
      )).map((r) => [Number(r.id), r.due_on]),
    );
    for (const tx of data.transactions) {
      if (tx[3] === "purchase") assert.equal(tx[11], dues.get(tx[0]), `#${tx[0]}`);
      else assert.equal(tx[11], null);
    }
    const ownRow = data.transactions.find((tx) => tx[0] === own.transaction.id)!;
    assert.ok(ownRow[11]! > today);

    // The workbook: numbers and a date in the new columns.
    const read = readXlsx(buildWorkbook(data).bytes);
    const header = read.rows("Customers")[0] as string[];
    const at = (name: string) => header.indexOf(name);
    const row = read.rows("Customers").find((r) => r[0] === "Ahmad Ali")!;
    assert.equal(row[at("Due")], 70);
    assert.equal(row[at("Overdue")], 70);
    const oldest = row[at("Oldest overdue")] as Date;
    assert.ok(oldest instanceof Date);
    assert.equal(oldest.toISOString().slice(0, 10), ahmadRow[15]);
    const txHeader = read.rows("Transactions")[0] as string[];
    const ownCell = read.rows("Transactions").find((r) => r[txHeader.indexOf("#")] === ownRow[0])!;
    assert.equal(
      (ownCell[txHeader.indexOf("Due date")] as Date).toISOString().slice(0, 10),
      ownRow[11],
    );
  });
}
