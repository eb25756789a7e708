/**
 * The owners' automatic backup through the bot, on a real database and the fake Bot API (both
 * engines): the /settings button goes off → weekly → daily → off and /undo puts the last one
 * back; public.run_schedule queues it on the shop's Monday and the outbox drain delivers it as
 * a document (sendDocument) to the owner: a real workbook with the shop's customers, only the
 * period's entries, and the period on its Summary; an owner demoted meanwhile gets nothing (the
 * row fails, saying why); a 403 is handled as for any message; an Arabic owner of an Arabic
 * shop gets the Arabic caption and sheets.
 */
import assert from "node:assert/strict";
import { Api } from "grammy";
import type { UploadedFile } from "../../shared/dev/fake_bot_api.ts";
import { drainOutbox, Throttle } from "../../shared/outbox/sender.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { type ChatHarness, openChat } from "../support/chat.ts";
import { type Engine, engines } from "../support/databases.ts";
import { readXlsx } from "../support/xlsx_reader.ts";

/** Runs the outbox drain as the webhook would after its reply (no pacing in tests). */
function drain(h: ChatHarness) {
  const api = new Api(h.telegram.token, { apiRoot: h.telegram.apiRoot });
  return drainOutbox(api, h.ledger, {
    throttle: new Throttle(1_000_000, 1_000_000, 0),
    log: () => {},
  });
}

/** The shop's backup setting. */
async function backupOf(h: ChatHarness): Promise<string> {
  const [row] = await h.sql<{ backup: string }>("select backup from public.shops");
  return row.backup;
}

/** Runs the schedule at a wall-clock time in Asia/Hebron ("2026-12-07 09:30"). */
async function scheduleAt(h: ChatHarness, local: string): Promise<void> {
  await h.sql(
    `select public.run_schedule(($1::timestamp at time zone 'Asia/Hebron'))`,
    [local],
  );
}

/** Moves every entry of a customer to a wall-clock time in Asia/Hebron. */
async function entriesOn(h: ChatHarness, name: string, local: string): Promise<void> {
  await h.sql(
    `update public.transactions set created_at = ($2::timestamp at time zone 'Asia/Hebron')
      where customer_id = (select id from public.customers where full_name = $1)`,
    [name, local],
  );
}

/** The documents Telegram accepted for a chat. */
function documentsTo(h: ChatHarness, chatId: number) {
  return h.telegram.callsTo("sendDocument")
    .filter((c) => Number(c.payload.chat_id) === chatId && c.answer.ok)
    .map((c) => ({ caption: String(c.payload.caption), file: c.payload.document as UploadedFile }));
}

/** A shop on Asia/Hebron: Ann bought in the week before 7 Dec 2026, Bob before it. */
async function hebronShop(engine: Engine, language = "en"): Promise<ChatHarness> {
  const h = await openChat({ engine, language, defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Ann Lee");
  await h.owner.says("/addtransaction 40 | rice");
  await h.owner.says("/addcustomer Bob Stone");
  await h.owner.says("/addtransaction 15 | tea");
  await entriesOn(h, "Ann Lee", "2026-12-03 10:00");
  await entriesOn(h, "Bob Stone", "2026-11-20 10:00");
  // The receipts and any digest are not what these tests look at.
  await h.sql(`update public.outbox set sent_at = now()`);
  return h;
}

for (const engine of await engines()) {
  Deno.test(`/settings: the backup button goes off → weekly → daily → off; /undo [${engine}]`, async () => {
    await using h = await openChat({ engine });
    await h.owner.says("/start");
    await h.owner.says("/settings");
    assert.match(h.owner.lastReply(), /💾 Automatic backup to the owners: off/);
    await h.owner.presses("💾 Back up weekly");
    assert.equal(await backupOf(h), "weekly");
    assert.match(h.owner.lastReply(), /💾 Automatic backup: weekly on Mondays/);
    await h.owner.presses("💾 Back up daily");
    assert.equal(await backupOf(h), "daily");
    await h.owner.presses("💾 Turn the backup off");
    assert.equal(await backupOf(h), "off");
    assert.ok(h.owner.buttons().flat().includes("💾 Back up weekly"), "round again");
    await h.owner.says("/history");
    assert.match(
      h.owner.lastReply(),
      /changed the automatic backup from daily to off/,
    );
    await h.owner.says("/undo");
    await h.owner.presses("✅ Yes, undo");
    assert.equal(await backupOf(h), "daily");
    // Typed, and refused for a clerk.
    await h.owner.says("/settings backup weekly");
    assert.equal(await backupOf(h), "weekly");
    await h.owner.says("/settings backup hourly");
    assert.equal(await backupOf(h), "weekly");
  });

  Deno.test(`the weekly backup: queued on Monday, sent as a real workbook of the week [${engine}]`, async () => {
    await using h = await hebronShop(engine);
    await h.owner.says("/settings backup weekly");
    await h.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    await scheduleAt(h, "2026-12-06 12:00"); // Sunday: nothing
    assert.deepEqual(await drain(h), { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 });
    await scheduleAt(h, "2026-12-07 09:30");
    await scheduleAt(h, "2026-12-07 09:31"); // twice: one backup
    assert.deepEqual(await drain(h), { claimed: 1, sent: 1, blocked: 0, retried: 0, failed: 0 });
    const [sent, ...more] = documentsTo(h, h.owner.user.id);
    assert.equal(more.length, 0);
    assert.match(sent.caption, /^💾 Weekly backup of <b>.+<\/b>: 30 Nov 2026 – 6 Dec 2026$/);
    assert.match(sent.file.filename, /^paytrack-.*\.xlsx$/);
    const read = readXlsx(sent.file.bytes);
    assert.deepEqual(read.workbook.SheetNames, [
      "Summary",
      "Customers",
      "Transactions",
      "Spending",
      "Action history",
    ]);
    const customers = read.rows("Customers").slice(1).map((r) => r[0]);
    assert.deepEqual(customers.sort(), ["Ann Lee", "Bob Stone"], "every customer");
    const entries = read.rows("Transactions").slice(1).map((r) => r[1]);
    assert.deepEqual(entries, ["Ann Lee"], "only the week's entries");
    const period = read.rows("Summary").find((r) => r[0] === "Period");
    assert.ok(period, "the Summary says which period");
    assert.match(String(period[1]), /30 Nov.*6 Dec/);
    // Sent once: a later drain sends nothing.
    assert.deepEqual(await drain(h), { claimed: 0, sent: 0, blocked: 0, retried: 0, failed: 0 });
  });

  Deno.test(`an owner demoted before the send gets nothing; a 403 is handled as for any message [${engine}]`, async () => {
    await using h = await hebronShop(engine);
    await h.owner.says("/settings backup daily");
    const second = 9_100_001;
    await h.sql(
      `insert into public.members (shop_id, telegram_user_id, role, display_name)
       select id, $1, 'owner', 'Second Owner' from public.shops`,
      [second],
    );
    await h.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    await scheduleAt(h, "2026-12-04 10:00");
    await h.sql(`update public.members set role = 'clerk' where telegram_user_id = $1`, [second]);
    h.telegram.fail("sendDocument", { status: 403, description: "Forbidden: bot was blocked" });
    const report = await drain(h);
    assert.deepEqual(report, { claimed: 2, sent: 0, blocked: 1, retried: 0, failed: 1 });
    const rows = await h.sql<{ chat_id: number; error: string; failed: boolean }>(
      `select chat_id::float8 as chat_id, last_error as error, failed_at is not null as failed
         from public.outbox where kind = 'backup' order by chat_id`,
    );
    const byChat = new Map(rows.map((r) => [Number(r.chat_id), r]));
    assert.equal(byChat.get(second)!.error, "backup: no longer an owner");
    assert.match(byChat.get(h.owner.user.id)!.error, /^403 Forbidden/);
    assert.ok(rows.every((r) => r.failed));
    assert.equal(documentsTo(h, second).length, 0);
  });

  Deno.test(`an Arabic owner: the Arabic caption and sheets [${engine}]`, async () => {
    await using h = await hebronShop(engine, "ar");
    const [{ name, language }] = await h.sql<{ name: string; language: string }>(
      "select name, language from public.shops",
    );
    assert.equal(language, "ar");
    await h.owner.says("/settings");
    await h.owner.presses("💾 نسخة احتياطية أسبوعية");
    assert.equal(await backupOf(h), "weekly");
    assertNoEnglish(h.owner.lastReply(), [name]);
    await h.owner.presses("💾 نسخة احتياطية يومية");
    assert.equal(await backupOf(h), "daily");
    await h.sql(`update public.outbox set sent_at = now() where sent_at is null`);
    await scheduleAt(h, "2026-12-04 09:30");
    assert.deepEqual(await drain(h), { claimed: 1, sent: 1, blocked: 0, retried: 0, failed: 0 });
    const [sent] = documentsTo(h, h.owner.user.id);
    assert.ok(hasArabic(sent.caption), sent.caption);
    assertNoEnglish(sent.caption, [name]);
    assert.match(sent.caption, /النسخة الاحتياطية اليومية/);
    const read = readXlsx(sent.file.bytes);
    assert.equal(read.workbook.SheetNames[0], "الملخص");
    assert.ok(read.rows("الملخص").some((r) => r[0] === "الفترة"), "the period on the Summary");
    assert.deepEqual(read.rows("الحركات").slice(1).map((r) => r[1]), ["Ann Lee"]);
  });
}
