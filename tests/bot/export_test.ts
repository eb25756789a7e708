/** /export through the bot: the owner's chat, a real database, Telegram faked over HTTP. */
import assert from "node:assert/strict";
import { EXPORT_LIMITS } from "../../shared/bot/features/export.ts";
import type { UploadedFile } from "../../shared/dev/fake_bot_api.ts";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";
import { type Engine, engines } from "../support/databases.ts";
import { readXlsx } from "../support/xlsx_reader.ts";

/** The file of the latest sendDocument. */
function lastFile(h: ChatHarness): UploadedFile {
  const call = h.telegram.callsTo("sendDocument").at(-1);
  assert.ok(call, "a document was sent");
  const file = call.payload.document as UploadedFile;
  assert.ok(file.bytes instanceof Uint8Array);
  return file;
}

const minor = (value: unknown) => Math.round((value as number) * 100);

/** An ILS shop: Ahmad (owes 100.00) and John (owes 50.00, selected). */
async function shop(): Promise<ChatHarness> {
  const h = await openChat({ defaultCurrency: "ILS" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer أحمد العلي ~ أبو علي | 0590000001");
  await h.owner.says("/addtransaction 125.50 | خبز وحليب #weekly");
  await h.owner.says("/pay 25.50 | cash");
  await h.owner.says("/addcustomer John Smith | 0590000002");
  await h.owner.says("/addtransaction 50 | groceries");
  return h;
}

Deno.test("/export shop: a loader, then the whole shop as an .xlsx document that reads back and adds up", async () => {
  await using h = await shop();
  const replies = await h.owner.says("/export shop");
  assert.match(replies[0].text, /^⏳ Building your Excel file/);
  const sent = replies.find((r) => r.method === "sendDocument")!;
  assert.ok(sent, "the document is sent");
  const today = new Date().toISOString().slice(0, 10);
  assert.match(sent.fileName!, new RegExp(`^paytrack-owner-s-shop-${today}\\.xlsx$`));
  assert.match(
    sent.text,
    /Owner's shop · all time\n2 customers · 3 purchases and payments · 0 expenses/,
  );
  const receipt = replies.at(-1)!;
  assert.equal(receipt.method, "editMessageText");
  assert.equal(receipt.messageId, replies[0].messageId, "the loader becomes the receipt");
  assert.match(
    receipt.text,
    /✅ Sent paytrack-owner-s-shop-.*\.xlsx .*Summary, Customers, Transactions, Spending, Action history/,
  );

  const file = lastFile(h);
  assert.equal(file.filename, sent.fileName);
  const read = readXlsx(file.bytes);
  assert.deepEqual(read.workbook.SheetNames, [
    "Summary",
    "Customers",
    "Transactions",
    "Spending",
    "Action history",
  ]);
  const customers = read.rows("Customers").slice(1);
  assert.deepEqual(customers.map((r) => [r[0], r[3], minor(r[4])]), [
    ["John Smith", null, 5000],
    ["أحمد العلي", "أبو علي", 10000],
  ]);
  const balances = await h.sql<{ total: string }>(
    "select sum(balance)::text as total from public.customers",
  );
  assert.equal(customers.reduce((s, r) => s + minor(r[4]), 0), Number(balances[0].total));
  const tx = read.rows("Transactions").slice(1);
  assert.equal(tx.length, 3);
  assert.ok(tx.every((r) => r[0] instanceof Date && typeof r[3] === "number"));
  assert.deepEqual(tx[0].slice(1, 7), [
    "أحمد العلي",
    "Purchase",
    125.5,
    125.5,
    "خبز وحليب #weekly",
    "weekly",
  ]);
  assert.equal(read.cell("Transactions", "D2")?.z, '"₪"#,##0.00');
});

Deno.test("with a customer selected, /export offers their statement or the whole shop", async () => {
  await using h = await shop();
  await h.owner.says("/search أحمد");
  await h.owner.says("/export");
  assert.match(h.owner.lastReply(), /Export all time as Excel: أحمد العلي's statement/);
  assert.deepEqual(h.owner.buttons(), [["📄 Statement: أحمد العلي"], ["🏪 Whole shop"]]);
  assert.equal(h.telegram.callsTo("sendDocument").length, 0, "nothing is built before a choice");

  const replies = await h.owner.presses("Statement");
  assert.match(replies.find((r) => r.text.startsWith("⏳"))!.text, /Building the statement/);
  const sent = replies.find((r) => r.method === "sendDocument")!;
  assert.match(sent.text, /Statement for أحمد العلي · all time\nBalance: owes ₪100\.00/);
  assert.match(
    sent.fileName!,
    /^paytrack-owner-s-shop-statement-أحمد-العلي-\d{4}-\d{2}-\d{2}\.xlsx$/,
  );
  const read = readXlsx(lastFile(h).bytes);
  assert.deepEqual(read.workbook.SheetNames, ["Statement"]);
  const rows = read.rows("Statement");
  const header = rows.findIndex((r) => r[0] === "Date (UTC)");
  assert.deepEqual(rows.slice(header + 1).map((r) => [r[1], r[2], r[3], r[4]]), [
    ["خبز وحليب #weekly", 125.5, null, 125.5],
    ["cash", null, 25.5, 100],
  ]);
  assert.ok(!rows.flat().includes("أبو علي"), "hidden nicknames stay off a customer's statement");

  await h.owner.says("/export");
  await h.owner.presses("Whole shop");
  assert.deepEqual(readXlsx(lastFile(h).bytes).workbook.SheetNames.length, 5);
  assert.equal(h.telegram.callsTo("sendDocument").length, 2);
});

Deno.test("/export with a month or a range limits the period; a bad period is explained", async () => {
  await using h = await shop();
  const month = new Date().toISOString().slice(0, 7);
  await h.owner.says(`/export shop ${month}`);
  const file = lastFile(h);
  assert.equal(file.filename, `paytrack-owner-s-shop-${month}.xlsx`);
  assert.equal(readXlsx(file.bytes).rows("Transactions").length, 4);

  await h.owner.says("/export shop 2001-01-01..2001-01-15");
  const empty = readXlsx(lastFile(h).bytes);
  assert.equal(lastFile(h).filename, "paytrack-owner-s-shop-2001-01-01_2001-01-15.xlsx");
  assert.equal(empty.rows("Transactions")[1][1], "No purchases or payments in this period.");

  const before = h.telegram.callsTo("sendDocument").length;
  await h.owner.says("/export 2026-13");
  assert.match(h.owner.lastReply(), /can't read “2026-13” as a period/);
  await h.owner.says("/export 2026-11-20..2026-11-01");
  assert.match(h.owner.lastReply(), /ends before it starts/);
  assert.equal(h.telegram.callsTo("sendDocument").length, before);
});

Deno.test("a clerk is told exports are for the owner; a stranger that the bot is private; neither gets a file", async () => {
  await using h = await shop();
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
  await h.clerk.says("/export");
  assert.match(h.clerk.lastReply(), /for the shop owner only; you are a clerk here/);
  await h.clerk.says("/export shop 2026-11");
  assert.match(h.clerk.lastReply(), /owner/);
  // Even when the bot's cached role is wrong, the ledger itself refuses the clerk.
  await h.clerk.says("/search john");
  await h.sql(
    `update public.bot_sessions
        set value = jsonb_set(value, '{member,role}', '"owner"') where key = $1`,
    [`member:${CLERK.id}`],
  );
  await h.clerk.says("/export statement");
  assert.match(h.clerk.lastReply(), /for the shop owner only; you are a clerk here/);

  await h.stranger.says("/export");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal(h.telegram.callsTo("sendDocument").length, 0);
});

Deno.test("an owner demoted meanwhile: /export is refused by the ledger, and the stale cached role is dropped", async () => {
  await using h = await shop();
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'owner', 'Second owner' from public.shops",
    [CLERK.id],
  );
  await h.clerk.says("/search john"); // caches the role: owner
  const cached = async () => {
    const rows = await h.sql<{ value: { member?: { role: string } } }>(
      "select value from public.bot_sessions where key = $1",
      [`member:${CLERK.id}`],
    );
    return rows[0]?.value.member;
  };
  assert.equal((await cached())?.role, "owner");
  await h.sql("update public.members set role = 'clerk' where telegram_user_id = $1", [CLERK.id]);
  await h.clerk.says("/export shop 2026-11");
  assert.match(h.clerk.lastReply(), /for the shop owner only; you are a clerk here/);
  assert.equal(await cached(), undefined, "the stale role is dropped");
  await h.clerk.says("/search john");
  assert.equal((await cached())?.role, "clerk", "the next update reloads it from the ledger");
  assert.equal(h.telegram.callsTo("sendDocument").length, 0);
});

Deno.test("a shop too large for one file gets month buttons, and a month fits", async () => {
  await using h = await shop();
  // Ahmad's rows (and their log entries) happened in September 2026.
  await h.sql(
    `update public.transactions set created_at = '2026-09-10 12:00Z'
      where customer_id = (select id from public.customers where full_name = 'أحمد العلي')`,
  );
  await h.sql(
    `update public.actions set created_at = '2026-09-10 12:00Z'
      where customer_id = (select id from public.customers where full_name = 'أحمد العلي')`,
  );
  const [{ total, september }] = await h.sql<{ total: number; september: number }>(
    `select (select count(*) from public.customers)::int
          + (select count(*) from public.transactions)::int
          + (select count(*) from public.actions)::int as total,
            (select count(*) from public.customers)::int
          + (select count(*) from public.actions where created_at < '2026-10-01')::int
          + (select count(*) from public.transactions where created_at < '2026-10-01')::int as september`,
  );
  const saved = EXPORT_LIMITS.maxRows;
  EXPORT_LIMITS.maxRows = september;
  try {
    assert.ok(total > september);
    const replies = await h.owner.says("/export shop");
    assert.match(replies[0].text, /^⏳/);
    assert.match(
      h.owner.lastReply(),
      new RegExp(`your shop has ${total} rows for all time: too many for one file`),
    );
    assert.match(h.owner.lastReply(), /tap a month/);
    assert.ok(h.owner.buttons().flat().includes("Sep 2026"), JSON.stringify(h.owner.buttons()));
    assert.equal(h.telegram.callsTo("sendDocument").length, 0);

    await h.owner.presses("Sep 2026");
    const file = lastFile(h);
    assert.equal(file.filename, "paytrack-owner-s-shop-2026-09.xlsx");
    const read = readXlsx(file.bytes);
    assert.deepEqual(read.rows("Transactions").slice(1).map((r) => r[1]), [
      "أحمد العلي",
      "أحمد العلي",
    ]);
  } finally {
    EXPORT_LIMITS.maxRows = saved;
  }
});

Deno.test("/help export explains it, and it is in the command menu", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/help export");
  assert.match(h.owner.lastReply(), /Excel file \(owner only\)/);
  assert.match(h.owner.lastReply(), /\/export 2026-11-01\.\.2026-11-15/);
  const { COMMAND_MENU } = await import("../../shared/bot/create_bot.ts");
  assert.ok(COMMAND_MENU.some((c) => c.command === "export"));
});

Deno.test("the reply counts what the file holds: active customers, then archived or merged ones; sizes in kB", async () => {
  await using h = await shop();
  await h.owner.says("/addcustomer Layla Nasser");
  await h.sql("update public.customers set archived_at = now() where full_name = 'Layla Nasser'");
  const replies = await h.owner.says("/export shop");
  const sent = replies.find((r) => r.method === "sendDocument")!;
  // 3 customers in the file's Customers sheet: the Summary says 2 + 1 archived, and so does the reply.
  assert.match(
    sent.text,
    /2 customers \+ 1 archived or merged · 3 purchases and payments · 0 expenses/,
  );
  const read = readXlsx(lastFile(h).bytes);
  const summary = read.rows("Summary");
  assert.equal(summary.find((r) => r[0] === "Customers")?.[1], 2);
  assert.equal(summary.find((r) => r[0] === "Archived or merged customers")?.[1], 1);
  assert.equal(read.rows("Customers").length - 1, 3);
  // One size unit: kB with one decimal (as the terminal chat prints files), never KB or MB.
  const receipt = h.owner.lastReply();
  const size = (lastFile(h).bytes.length / 1024).toFixed(1);
  assert.match(receipt, new RegExp(`\\(${size.replace(".", "\\.")} kB; Summary`));
  assert.doesNotMatch(receipt, /KB|MB/);
});

Deno.test("the Action history sheet says what each action did, in words", async () => {
  await using h = await shop();
  await h.owner.says("/search john");
  await h.owner.says("/rename John Smyth");
  await h.owner.says("/undo");
  await h.owner.presses("Yes");
  await h.owner.says("/export shop");
  const rows = readXlsx(lastFile(h).bytes).rows("Action history").slice(1);
  const said = rows.map((r) => [r[2], r[5]]);
  assert.deepEqual(said.slice(0, 5), [
    ["Shop opened", "Opened the shop in PayTrack"],
    ["Customer added", "Added أحمد العلي (0590000001)"],
    // A purchase or payment is said by its row (Action, Customer, Amount); details: its note.
    ["Purchase recorded", "خبز وحليب #weekly"],
    ["Payment recorded", "cash"],
    ["Customer added", "Added John Smith (0590000002)"],
  ]);
  assert.deepEqual(said.at(-2), ["Customer renamed", "Renamed John Smith to John Smyth"]);
  assert.match(String(said.at(-1)?.[1]), /^Undid action #\d+ \(Customer renamed\)$/);
  for (const [action, details] of said) {
    assert.doesNotMatch(String(action), /_/, "no action codes");
    assert.doesNotMatch(String(details), /[a-z]+_[a-z]+|\w+: \w+, \w+:|[{}"]/, "no raw info");
  }
});

/** An English ILS shop on Asia/Hebron (UTC+2 in winter, +3 in summer). */
async function hebronShop(engine?: Engine): Promise<ChatHarness> {
  const h = await openChat({ engine, defaultCurrency: "ILS", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000002");
  return h;
}

/** Records a purchase for the selected customer and moves it (and its log entry) to `at`. */
async function purchaseAt(h: ChatHarness, amount: string, at: string): Promise<void> {
  await h.owner.says(`/addtransaction ${amount} | at ${at}`);
  await h.sql(
    `update public.transactions set created_at = $1
      where id = (select max(id) from public.transactions)`,
    [at],
  );
  await h.sql(
    `update public.actions set created_at = $1
      where id = (select max(id) from public.actions where action = 'purchase_recorded')`,
    [at],
  );
}

for (const engine of await engines()) {
  Deno.test(`periods are days in the shop's time zone, across the DST change; cells and names are local [${engine}]`, async () => {
    // Palestine's clocks in 2026, from Intl (not from memory): +3 until 24 Oct 02:00, then +2.
    const offset = (iso: string) =>
      new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Hebron", timeZoneName: "shortOffset" })
        .formatToParts(new Date(iso)).find((p) => p.type === "timeZoneName")!.value;
    assert.equal(offset("2026-10-23T22:59:00Z"), "GMT+3");
    assert.equal(offset("2026-10-23T23:00:00Z"), "GMT+2");
    assert.equal(offset("2026-10-31T22:30:00Z"), "GMT+2");

    await using h = await hebronShop(engine);
    await purchaseAt(h, "10", "2026-10-31T22:30:00Z"); // 00:30 on 1 Nov in Hebron
    await purchaseAt(h, "20", "2026-10-23T21:05:00Z"); // 00:05 on 24 Oct, the DST-change day
    await purchaseAt(h, "30", "2026-10-23T20:55:00Z"); // 23:55 on 23 Oct
    await purchaseAt(h, "40", "2026-10-23T23:30:00Z"); // 01:30 on 24 Oct, the second time

    const amounts = async (period: string) => {
      await h.owner.says(`/export shop ${period}`);
      const file = lastFile(h);
      const rows = readXlsx(file.bytes).rows("Transactions").slice(1);
      return { file, rows, amounts: rows.map((r) => r[3]).filter((a) => typeof a === "number") };
    };
    const november = await amounts("2026-11");
    assert.deepEqual(november.amounts, [10], "00:30 on 1 Nov local is November");
    assert.equal(november.file.filename, "paytrack-owner-s-shop-2026-11.xlsx");
    // The cell holds Hebron's wall clock (Excel dates have no zone), the header names the zone.
    const [cell] = november.rows;
    const wall = Math.round((cell[0] as Date).getTime() / 1000) * 1000;
    assert.equal(new Date(wall).toISOString(), "2026-11-01T00:30:00.000Z");
    assert.equal(readXlsx(november.file.bytes).rows("Transactions")[0][0], "Date (Asia/Hebron)");

    assert.deepEqual((await amounts("2026-10")).amounts, [30, 20, 40], "October has the rest");
    assert.deepEqual((await amounts("2026-10-24")).amounts, [20, 40], "just after local midnight");
    assert.deepEqual((await amounts("2026-10-23")).amounts, [30]);
    const day = await amounts("2026-10-24");
    const walls = day.rows.map((r) => new Date(Math.round((r[0] as Date).getTime() / 1000) * 1000));
    assert.deepEqual(walls.map((d) => d.toISOString().slice(11, 16)), ["00:05", "01:30"]);
  });
}

Deno.test("the file name and 'Exported' are the shop's day and time", async () => {
  await using h = await hebronShop();
  await h.owner.says("/export shop");
  const file = lastFile(h);
  const local = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Hebron" }).format(new Date());
  assert.equal(file.filename, `paytrack-owner-s-shop-${local}.xlsx`);
  const summary = readXlsx(file.bytes).rows("Summary");
  const exported = summary.find((r) => r[0] === "Exported")!;
  assert.equal(exported[2], "Asia/Hebron");
  const shown = Math.round((exported[1] as Date).getTime() / 60_000);
  const expected = new Date(
    new Date().toLocaleString("sv-SE", { timeZone: "Asia/Hebron" }).replace(" ", "T") + "Z",
  ).getTime() / 60_000;
  assert.ok(Math.abs(shown - expected) <= 2, `${shown} vs ${expected}`);
});
