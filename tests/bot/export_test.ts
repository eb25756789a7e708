/** /export through the bot: the owner's chat, a real database, Telegram faked over HTTP. */
import assert from "node:assert/strict";
import { EXPORT_LIMITS } from "../../shared/bot/features/export.ts";
import type { UploadedFile } from "../../shared/dev/fake_bot_api.ts";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";
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
