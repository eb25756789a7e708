/**
 * The workbook built from a real export (a seeded shop of 120 customers and 3,000
 * transactions plus customers added through the ledger), read back with SheetJS:
 * sheets, headers, row counts, numeric amounts that add up to the balances in
 * Postgres, dates that are dates, Arabic text, frozen headers and filters.
 */
import assert from "node:assert/strict";
import { Ledger } from "../../shared/db/ledger.ts";
import type { ShopExport, StatementExport } from "../../shared/db/ledger/export.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { buildWorkbook, exportFileName, slug } from "../../shared/export/workbook.ts";
import { seedShop } from "../../bench/export/seed.ts";
import { engines, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { type ReadBook, readXlsx } from "../support/xlsx_reader.ts";

const OWNER = 5001;

interface Fixture {
  db: TestDatabase;
  ledger: Ledger;
  shopId: number;
  arabicId: number;
}

let fixture: Promise<Fixture> | undefined;

/** One database for the file: a seeded shop, plus an Arabic customer made through the ledger. */
function shop(): Promise<Fixture> {
  return fixture ??= (async () => {
    const [engine] = await engines();
    const db = await freshDatabase(engine);
    const { shopId } = await seedShop(db.client, { customers: 120, transactions: 3_000 }, OWNER);
    const ledger = new Ledger(new SqlTransport(db.client));
    const added = await ledger.addCustomer({
      actor: OWNER,
      updateId: 1,
      fullName: "فاطمة الزهراء",
      nicknames: ["أم محمد"],
      tags: ["جار"],
    });
    await ledger.recordPurchase({
      actor: OWNER,
      updateId: 2,
      customerId: added.customer.id,
      amount: 123_456,
      description: "زيت زيتون #شهري",
    });
    return { db, ledger, shopId, arabicId: added.customer.id };
  })();
}

Deno.test.afterAll(async () => {
  if (fixture) await (await fixture).db.close();
});

const test = (name: string, fn: (f: Fixture) => Promise<void>) =>
  Deno.test({
    name,
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => fn(await shop()),
  });

/** Minor units from a cell's number (2 decimals, ILS), exactly. */
const minor = (value: unknown) => Math.round((value as number) * 100);

function header(read: ReadBook, sheet: string, row = 0): unknown[] {
  return read.rows(sheet)[row];
}

function assertFrozenAndFiltered(
  read: ReadBook,
  sheet: string,
  headerRow: number,
  lastRow: number,
) {
  const xml = read.sheetXml(sheet);
  assert.match(
    xml,
    new RegExp(`<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}"[^>]*state="frozen"/>`),
    sheet,
  );
  assert.match(xml, new RegExp(`<autoFilter ref="A${headerRow}:[A-Z]+${lastRow}"/>`), sheet);
  assert.match(xml, /<cols><col min="1" max="1" width="\d+" customWidth="1"\/>/, sheet);
}

test("the shop workbook has its five sheets, headers, and one row per record", async (f) => {
  const data = await f.ledger.export.workbook(OWNER) as ShopExport;
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  assert.deepEqual(read.workbook.SheetNames, [
    "Summary",
    "Customers",
    "Transactions",
    "Spending",
    "Action history",
  ]);
  assert.deepEqual(built.sheets, read.workbook.SheetNames);
  assert.deepEqual(header(read, "Customers"), [
    "Name",
    "Phone",
    "Tags",
    "Nicknames (hidden)",
    "Balance",
    "Status",
    "Bought (all time)",
    "Paid (all time)",
    "Last purchase (UTC)",
    "Last payment (UTC)",
    "Linked with",
    "Archived (UTC)",
    "Merged into",
    "Due",
    "Overdue",
    "Oldest overdue",
  ]);
  assert.deepEqual(header(read, "Transactions"), [
    "Date (UTC)",
    "Customer",
    "Type",
    "Amount",
    "Effect on balance",
    "Description",
    "Tags",
    "Recorded by",
    "Balance after",
    "Voided (UTC)",
    "Dispute",
    "Due date",
    "#",
  ]);
  assert.deepEqual(header(read, "Spending"), [
    "Date (UTC)",
    "Item",
    "Price",
    "Vendor",
    "Category",
    "Recorded by",
    "Voided (UTC)",
    "#",
  ]);
  assert.deepEqual(header(read, "Action history"), [
    "Date (UTC)",
    "Who",
    "Action",
    "Customer",
    "Amount",
    "Details",
    "Undone (UTC)",
    "#",
  ]);
  const [counts] = await f.db.client.query<Record<string, string>>(
    `select (select count(*) from public.customers where shop_id = $1)::text as customers,
            (select count(*) from public.transactions where shop_id = $1)::text as transactions,
            (select count(*) from public.actions where shop_id = $1)::text as actions,
            (select count(*) from public.expenses where shop_id = $1)::text as expenses`,
    [f.shopId],
  );
  assert.equal(read.rows("Customers").length, 1 + Number(counts.customers));
  assert.equal(read.rows("Transactions").length, 1 + Number(counts.transactions));
  assert.equal(read.rows("Action history").length, 1 + Number(counts.actions));
  assert.equal(read.rows("Spending").length, 1 + Number(counts.expenses));
  assert.equal(built.rows, 121 + 3_001 + Number(counts.actions) + Number(counts.expenses));
  for (const sheet of ["Customers", "Transactions", "Spending", "Action history"]) {
    assertFrozenAndFiltered(read, sheet, 1, read.rows(sheet).length);
  }
  assert.match(built.fileName, /^paytrack-shop-5001-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test("amounts are numbers that add up to the balances in Postgres", async (f) => {
  const data = await f.ledger.export.workbook(OWNER) as ShopExport;
  const read = readXlsx(buildWorkbook(data).bytes);
  const balances = new Map(
    (await f.db.client.query<{ full_name: string; balance: string }>(
      "select full_name, balance::text from public.customers where shop_id = $1",
      [f.shopId],
    )).map((r) => [r.full_name, Number(r.balance)]),
  );
  // Customers: the balance column is each customer's balance; its total is the shop's.
  const customers = read.rows("Customers").slice(1);
  let total = 0;
  for (const row of customers) {
    assert.equal(typeof row[4], "number");
    assert.equal(minor(row[4]), balances.get(row[0] as string), String(row[0]));
    total += minor(row[4]);
  }
  const [pg] = await f.db.client.query<{ total: string }>(
    "select sum(balance)::text as total from public.customers where shop_id = $1",
    [f.shopId],
  );
  assert.equal(total, Number(pg.total));
  assert.equal(read.cell("Customers", "E2")?.z, '"₪"#,##0.00');

  // Transactions: per customer, the "Effect on balance" column sums to the balance, and
  // purchases minus payments of the non-voided rows say the same.
  const effect = new Map<string, number>();
  const signed = new Map<string, number>();
  const lastBalance = new Map<string, number>();
  let voided = 0;
  for (const row of read.rows("Transactions").slice(1)) {
    const [, name, type, amount, change, , , , after, voidedAt] = row as [
      Date,
      string,
      string,
      number,
      number | null,
      string,
      string,
      string,
      number,
      Date | null,
    ];
    assert.equal(typeof amount, "number");
    assert.ok(type === "Purchase" || type === "Payment");
    lastBalance.set(name, minor(after));
    if (voidedAt) {
      voided++;
      assert.equal(change, null, "a voided row changes nothing");
      continue;
    }
    effect.set(name, (effect.get(name) ?? 0) + minor(change));
    signed.set(name, (signed.get(name) ?? 0) + (type === "Purchase" ? 1 : -1) * minor(amount));
  }
  assert.ok(voided > 0, "the seeded shop has voided rows");
  for (const [name, balance] of balances) {
    assert.equal(effect.get(name) ?? 0, balance, name);
    assert.equal(signed.get(name) ?? 0, balance, name);
    if (lastBalance.has(name)) {
      assert.equal(lastBalance.get(name), balance, `${name}: balance after`);
    }
  }
  const [{ spent }] = await f.db.client.query<{ spent: string }>(
    "select sum(price)::text as spent from public.expenses where shop_id = $1",
    [f.shopId],
  );
  const spending = read.rows("Spending").slice(1).reduce((s: number, r) => s + minor(r[2]), 0);
  assert.equal(spending, Number(spent));
});

test("dates are real dates, to the second, in UTC", async (f) => {
  const data = await f.ledger.export.workbook(OWNER) as ShopExport;
  const read = readXlsx(buildWorkbook(data).bytes);
  const times = await f.db.client.query<{ at: string }>(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
       from public.transactions where shop_id = $1 order by created_at, id`,
    [f.shopId],
  );
  const rows = read.rows("Transactions").slice(1);
  for (const i of [0, 1, 1_500, rows.length - 1]) {
    assert.ok(rows[i][0] instanceof Date, `row ${i} holds a date`);
    // SheetJS turns the serial back into a Date through floats: round to the second.
    const ms = Math.round((rows[i][0] as Date).getTime() / 1000) * 1000;
    assert.equal(new Date(ms).toISOString().replace(".000", ""), times[i].at);
  }
  const a2 = read.cell("Transactions", "A2")!;
  assert.equal(a2.t, "d");
  assert.equal(a2.z, "yyyy-mm-dd hh:mm");
  assert.ok(read.rows("Customers").slice(1).some((r) => r[8] instanceof Date), "last purchase");
  assert.ok(read.rows("Action history").slice(1).every((r) => r[0] instanceof Date));
});

test("Arabic names, nicknames, tags and notes survive", async (f) => {
  const data = await f.ledger.export.workbook(OWNER) as ShopExport;
  const read = readXlsx(buildWorkbook(data).bytes);
  const fatima = read.rows("Customers").find((r) => r[0] === "فاطمة الزهراء")!;
  assert.deepEqual([fatima[2], fatima[3], fatima[4], fatima[5]], [
    "جار",
    "أم محمد",
    1234.56,
    "owes",
  ]);
  const purchase = read.rows("Transactions").find((r) => r[1] === "فاطمة الزهراء")!;
  assert.deepEqual([purchase[2], purchase[3], purchase[5], purchase[6]], [
    "Purchase",
    1234.56,
    "زيت زيتون #شهري",
    "شهري",
  ]);
  assert.ok(read.rows("Customers").some((r) => /محمد|أحمد|العلي/.test(String(r[0]))));
  assert.ok(read.rows("Action history").some((r) => r[5] === "زيت زيتون #شهري"));
});

test("the summary: totals this month and last month, and the top debtors", async (f) => {
  const data = await f.ledger.export.workbook(OWNER) as ShopExport;
  const read = readXlsx(buildWorkbook(data).bytes);
  const rows = read.rows("Summary");
  const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
  assert.match(String(rows[0][0]), /Shop 5001 — PayTrack summary/);
  assert.equal(value("Customers"), data.totals.active);
  assert.equal(minor(value("Total owed to the shop")), data.totals.owed);
  assert.equal(minor(value("Net balance")), data.totals.net);
  const sold = rows.find((r) => r[0] === "Sold on credit")!;
  assert.equal(minor(sold[1]), data.totals.sold_this_month);
  assert.equal(minor(sold[2]), data.totals.sold_last_month);
  const top = rows.findIndex((r) => r[0] === "Top debtors");
  assert.deepEqual(rows[top + 1], ["Customer", "Phone", "Owes", "Last payment"]);
  const [first] = await f.db.client.query<{ full_name: string; balance: string }>(
    `select full_name, balance::text from public.customers where shop_id = $1
      order by balance desc, id limit 1`,
    [f.shopId],
  );
  assert.equal(rows[top + 2][0], first.full_name);
  assert.equal(minor(rows[top + 2][2]), Number(first.balance));
  assert.equal(rows.length - (top + 2), 10, "ten top debtors");
});

test("a period with no spending says so on the Spending sheet", async (f) => {
  const data = await f.ledger.export.workbook(OWNER, {
    from: "2001-01-01",
    to: "2001-01-31",
  }) as ShopExport;
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  assert.deepEqual(read.rows("Spending")[1].slice(0, 2), [
    null,
    "No spending recorded in this period.",
  ]);
  assert.deepEqual(read.rows("Transactions")[1].slice(0, 2), [
    null,
    "No purchases or payments in this period.",
  ]);
  assert.equal(read.rows("Customers").length, 122, "customers are always listed");
  assert.equal(built.fileName, "paytrack-shop-5001-2001-01.xlsx");
  assert.match(String(read.rows("Summary")[2][1]), /Jan 2001/);
});

test("a statement: the customer's rows with a running balance that ends at their balance", async (f) => {
  const [customer] = await f.db.client.query<{ id: string; balance: string; full_name: string }>(
    `select c.id::text, c.balance::text, c.full_name from public.customers as c
      where c.shop_id = $1 and c.full_name like 'محمد%'
      order by (select count(*) from public.transactions as t where t.customer_id = c.id) desc limit 1`,
    [f.shopId],
  );
  const data = await f.ledger.export.workbook(OWNER, {
    customerId: Number(customer.id),
  }) as StatementExport;
  const built = buildWorkbook(data);
  const read = readXlsx(built.bytes);
  assert.deepEqual(read.workbook.SheetNames, ["Statement"]);
  const rows = read.rows("Statement");
  assert.equal(rows[0][0], `Statement — ${customer.full_name}`);
  const headerRow = rows.findIndex((r) => r[0] === "Date (UTC)");
  assert.deepEqual(rows[headerRow], [
    "Date (UTC)",
    "Description",
    "Purchase",
    "Payment",
    "Balance",
    "Recorded by",
  ]);
  const body = rows.slice(headerRow + 1);
  const [{ n }] = await f.db.client.query<{ n: string }>(
    "select count(*)::text as n from public.transactions where customer_id = $1 and voided_at is null",
    [customer.id],
  );
  assert.equal(body.length, Number(n));
  let running = 0;
  for (const r of body) {
    assert.ok(r[0] instanceof Date);
    running += minor(r[2] ?? 0) - minor(r[3] ?? 0);
    assert.equal(minor(r[4]), running);
  }
  assert.equal(running, Number(customer.balance));
  const closing = rows.find((r) => r[0] === "Closing balance")!;
  assert.equal(minor(closing[1]), Number(customer.balance));
  assertFrozenAndFiltered(read, "Statement", headerRow + 1, rows.length);
  assert.match(built.fileName, /^paytrack-shop-5001-statement-محمد-[^.]+-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

Deno.test("file names keep letters of any script and drop the rest", () => {
  assert.equal(slug("Abu Ali's Shop!"), "abu-ali-s-shop");
  assert.equal(slug("دكان أبو علي"), "دكان-أبو-علي");
  assert.equal(slug("***"), "shop");
  assert.equal(
    exportFileName({
      head: {
        shop: {
          id: 1,
          name: "My Shop",
          currency: "USD",
          minor_unit: 2,
          language: "en",
          digits: "latn",
          timezone: "UTC",
        },
        period: { from: "2026-11-01", to: "2026-11-15" },
        generated_at: 1_795_000_000,
        max_rows: 1,
      },
    }),
    "paytrack-my-shop-2026-11-01_2026-11-15.xlsx",
  );
});

/**
 * A shop in a 3-decimal currency (JOD) and one in a 0-decimal currency (JPY), on every
 * engine: every amount is written exactly from minor units (JOD 1.255, never 1.26 nor
 * 1.25; JPY 500, never 5.00), in the currency's number format, and the sheets add up to
 * the balances in Postgres.
 */
for (const engine of await engines()) {
  Deno.test({
    name: `JOD (3 decimals) and JPY (0 decimals) amounts are exact in the workbook [${engine}]`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      const db = await freshDatabase(engine);
      try {
        const ledger = new Ledger(new SqlTransport(db.client));
        let updateId = 10;
        const cases = [
          {
            currency: "JOD",
            owner: 7001,
            decimals: 3,
            format: '"JOD "#,##0.000',
            // fils: 1.255, 0.001, 12,345.678 bought; 0.125 and 1.005 paid
            purchases: [1_255, 1, 12_345_678],
            payments: [125, 1_005],
            spent: 2_999,
            // How the cells read back: exact decimals, not 2-decimal roundings.
            shows: { 1_255: 1.255, 1: 0.001, 12_345_678: 12345.678 } as Record<number, number>,
          },
          {
            currency: "JPY",
            owner: 7002,
            decimals: 0,
            format: '"¥"#,##0',
            purchases: [500, 1, 123_456],
            payments: [7, 99],
            spent: 1_500,
            shows: { 500: 500, 1: 1, 123_456: 123456 } as Record<number, number>,
          },
        ];
        for (const c of cases) {
          const scale = 10 ** c.decimals;
          const minorOf = (value: unknown) => {
            assert.equal(typeof value, "number", `${c.currency}: ${value} is a number`);
            const m = Math.round((value as number) * scale);
            assert.ok(
              Math.abs((value as number) * scale - m) < 1e-6,
              `${c.currency}: ${value} is a whole number of minor units`,
            );
            return m;
          };
          const started = await ledger.startUser({
            actor: c.owner,
            updateId: ++updateId,
            displayName: `Owner ${c.currency}`,
            mayOpenShop: true,
            currency: c.currency,
          });
          assert.equal(started.shop!.minor_unit, c.decimals);
          const customers: number[] = [];
          for (const [i, amount] of c.purchases.entries()) {
            const added = await ledger.addCustomer({
              actor: c.owner,
              updateId: ++updateId,
              fullName: `${c.currency} customer ${i}`,
            });
            customers.push(added.customer.id);
            await ledger.recordPurchase({
              actor: c.owner,
              updateId: ++updateId,
              customerId: added.customer.id,
              amount,
            });
          }
          for (const [i, amount] of c.payments.entries()) {
            await ledger.recordPayment({
              actor: c.owner,
              updateId: ++updateId,
              customerId: customers[2 - i],
              amount,
            });
          }
          await ledger.spending.record({
            actor: c.owner,
            updateId: ++updateId,
            item: "crates",
            price: c.spent,
            vendor: "Dairy Co",
          });
          const data = await ledger.export.workbook(c.owner) as ShopExport;
          const read = readXlsx(buildWorkbook(data).bytes);
          const balances = new Map(
            (await db.client.query<{ full_name: string; balance: string }>(
              "select full_name, balance::text from public.customers where shop_id = $1",
              [started.shop!.id],
            )).map((r) => [r.full_name, Number(r.balance)]),
          );

          // Customers: the number format, and each balance exactly.
          const rows = read.rows("Customers").slice(1);
          assert.equal(rows.length, c.purchases.length);
          assert.equal(read.cell("Customers", "E2")?.z, c.format, `${c.currency} format`);
          let total = 0;
          for (const row of rows) {
            assert.equal(minorOf(row[4]), balances.get(row[0] as string), String(row[0]));
            total += minorOf(row[4]);
          }
          const [pg] = await db.client.query<{ total: string }>(
            "select sum(balance)::text as total from public.customers where shop_id = $1",
            [started.shop!.id],
          );
          assert.equal(total, Number(pg.total), `${c.currency}: the balances add up`);

          // Transactions: each amount as recorded, read back as the exact decimal.
          const txRows = read.rows("Transactions").slice(1);
          const purchases = txRows.filter((r) => r[2] === "Purchase");
          assert.deepEqual(
            purchases.map((r) => minorOf(r[3])).sort((a, b) => a - b),
            [...c.purchases].sort((a, b) => a - b),
          );
          for (const r of purchases) {
            assert.equal(r[3], c.shows[minorOf(r[3])], `${c.currency}: shown as ${r[3]}`);
          }
          assert.deepEqual(
            txRows.filter((r) => r[2] === "Payment").map((r) => minorOf(r[3])).sort((a, b) =>
              a - b
            ),
            [...c.payments].sort((a, b) => a - b),
          );
          for (const [name, balance] of balances) {
            const mine = txRows.filter((r) => r[1] === name);
            const effect = mine.reduce((s: number, r) => s + minorOf(r[4]), 0);
            assert.equal(effect, balance, `${c.currency} ${name}: effects add up`);
            assert.equal(minorOf(mine[mine.length - 1][8]), balance, `${name}: balance after`);
          }
          const txCells = Object.entries(read.workbook.Sheets["Transactions"])
            .filter(([ref]) => /^D\d+$/.test(ref) && ref !== "D1");
          assert.ok(txCells.length > 0);
          for (const [ref, cell] of txCells) {
            assert.equal((cell as { z?: string }).z, c.format, `${c.currency} Transactions ${ref}`);
          }

          // The raw XML holds the exact decimals (JOD three, JPY none).
          const amounts = [
            ...read.sheetXml("Transactions").matchAll(
              /<c r="[DEI]\d+"(?![^>]*\bt=")[^>]*><v>([^<]*)<\/v>/g,
            ),
          ].map((m) => m[1]);
          assert.ok(amounts.length >= c.purchases.length + c.payments.length);
          for (const v of amounts) {
            assert.match(
              v,
              c.decimals === 3 ? /^-?\d+\.\d{3}$/ : /^-?\d+$/,
              `${c.currency}: ${v} has ${c.decimals} decimals`,
            );
          }
          if (c.decimals === 3) {
            for (const v of ["1.255", "0.001", "12345.678"]) assert.ok(amounts.includes(v), v);
          } else {
            for (const v of ["500", "1", "123456"]) assert.ok(amounts.includes(v), v);
          }

          // Spending and the summary.
          assert.equal(minorOf(read.rows("Spending")[1][2]), c.spent);
          const summary = read.rows("Summary");
          const owed = summary.find((r) => r[0] === "Total owed to the shop")?.[1];
          assert.equal(minorOf(owed), data.totals.owed);
          const [{ owes }] = await db.client.query<{ owes: string }>(
            "select coalesce(sum(balance) filter (where balance > 0), 0)::text as owes from public.customers where shop_id = $1",
            [started.shop!.id],
          );
          assert.equal(minorOf(owed), Number(owes), `${c.currency}: total owed is Postgres's`);
        }
      } finally {
        await db.close();
      }
    },
  });
}
