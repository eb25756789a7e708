/**
 * A purchase's own due date through the bot (recording.ts): typed with the purchase
 * ("| due 2026-12-15", "| due 15/12", "| due +30"), the reply saying it; bad or past dates
 * refused with nothing recorded; the "📅 Due date" button (a flow step) setting, clearing
 * and /undo undoing it, with the customer's dues. Both engines; dates only relative to the
 * shop's today.
 */
import assert from "node:assert/strict";
import { type ChatHarness, openChat } from "../support/chat.ts";
import { count, scalar } from "../support/bot_fixtures.ts";
import { type Engine, engines } from "../support/databases.ts";
import { addDays } from "../../shared/domain/due_dates.ts";
import { dayText } from "../../shared/text/format.ts";

async function shopWithJohn(engine: Engine): Promise<ChatHarness> {
  const h = await openChat({ engine });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  return h;
}

/** The shop's today (YYYY-MM-DD). */
async function shopToday(h: ChatHarness): Promise<string> {
  return String(await scalar(h, "select private.shop_today(id)::text as v from public.shops"));
}

async function lastDueOn(h: ChatHarness): Promise<string | null> {
  return await scalar(
    h,
    "select due_on::text as v from public.transactions order by id desc limit 1",
  ) as string | null;
}

for (const engine of await engines()) {
  Deno.test(`a note that starts with "due" is recorded as a note [${engine}]`, async () => {
    await using h = await shopWithJohn(engine);
    await h.owner.says("/addtransaction 5 | Due to Ahmad, 2 bags");
    assert.match(
      h.owner.lastReply(),
      /Purchase of \$5\.00 for John Smith — Due to Ahmad, 2 bags\./,
    );
    assert.equal(await lastDueOn(h), null);
  });

  Deno.test(`/addtransaction … | due <day>: recorded with it, the reply says it [${engine}]`, async () => {
    await using h = await shopWithJohn(engine);
    const today = await shopToday(h);
    const day = addDays(today, 13);
    await h.owner.says(`/addtransaction 50 | rice | due ${day}`);
    const reply = h.owner.lastReplyFull();
    assert.match(reply.text, /Purchase of \$50\.00 for John Smith — rice\./);
    assert.match(reply.text, new RegExp(`📅 Due ${dayText(day, "en")}`));
    assert.deepEqual(reply.buttons, [["📅 Due date"]]);
    assert.equal(await lastDueOn(h), day);
    const [y, m, d] = addDays(today, 3).split("-");
    await h.owner.says(`/addtransaction 5 | bread | due ${d}/${m}/${y}`);
    assert.equal(await lastDueOn(h), addDays(today, 3));
    await h.owner.says(`/addtransaction 5 | due ${d}/${m}`);
    assert.match(h.owner.lastReply(), /Purchase of \$5\.00 for John Smith\./);
    assert.equal(await lastDueOn(h), addDays(today, 3));
    await h.owner.says("/addtransaction 6 | tea | due +30");
    assert.equal(await lastDueOn(h), addDays(today, 30));
    await h.owner.says("/addtransaction 7 | due 10d");
    assert.equal(await lastDueOn(h), addDays(today, 10));
    // No due part: no own date, no due line.
    await h.owner.says("/addtransaction 8 | sugar | extra");
    assert.doesNotMatch(h.owner.lastReply(), /📅 Due /);
    assert.equal(await lastDueOn(h), null);
    // In conversation mode, the note may carry it too.
    await h.owner.says("/addtransaction");
    await h.owner.says("9");
    await h.owner.says("oil | due +2");
    assert.match(h.owner.lastReply(), /Purchase of \$9\.00 for John Smith — oil\.[\s\S]*📅 Due/);
    assert.equal(await lastDueOn(h), addDays(today, 2));
  });

  Deno.test(`a bad, past or far due date: a friendly sentence, nothing recorded [${engine}]`, async () => {
    await using h = await shopWithJohn(engine);
    const today = await shopToday(h);
    await h.owner.says(`/addtransaction 50 | rice | due ${addDays(today, -1)}`);
    assert.match(h.owner.lastReply(), /can't be before today\. Nothing was recorded/);
    await h.owner.says("/addtransaction 50 | rice | due 31/02/2030");
    assert.match(h.owner.lastReply(), /isn't a date I understand/);
    await h.owner.says("/addtransaction 50 | rice | due +5000");
    assert.match(h.owner.lastReply(), /at most ten years ahead/);
    assert.equal(await count(h, "transactions"), 0);
    // In conversation mode the step asks again.
    await h.owner.says("/addtransaction");
    await h.owner.says("50");
    await h.owner.says("rice | due yesterday");
    assert.match(h.owner.lastReply(), /isn't a date I understand[\s\S]*A note for the purchase/);
    assert.equal(await count(h, "transactions"), 0);
  });

  Deno.test(`📅 Due date: asks when, sets it with the dues; none clears it; /undo undoes it [${engine}]`, async () => {
    await using h = await shopWithJohn(engine);
    const today = await shopToday(h);
    await h.sql("update public.shops set credit_days = 30");
    await h.owner.says("/addtransaction 50 | rice");
    assert.equal(await lastDueOn(h), null);
    await h.owner.presses("📅 Due date");
    assert.match(h.owner.lastReply(), /When is it due\?/);
    await h.owner.says("next week");
    assert.match(h.owner.lastReply(), /isn't a date I understand[\s\S]*When is it due\?/);
    await h.owner.says("+7");
    const set = h.owner.lastReply();
    assert.match(
      set,
      new RegExp(`The purchase of \\$50\\.00 is due ${dayText(addDays(today, 7), "en")}\\.`),
    );
    assert.match(set, new RegExp(`Next due: \\$50\\.00 on ${dayText(addDays(today, 7), "en")}`));
    assert.equal(await lastDueOn(h), addDays(today, 7));
    // Due today: the dues say so.
    await h.owner.presses("📅 Due date", h.owner.replies.findLast((r) => r.buttons.length)!);
    await h.owner.says(today);
    assert.match(h.owner.lastReply(), /Due today: \$50\.00/);
    // none: back to the terms (30 days from the purchase).
    await h.owner.presses("📅 Due date", h.owner.replies.findLast((r) => r.buttons.length)!);
    await h.owner.says("none");
    assert.match(h.owner.lastReply(), /follows the credit terms again/);
    assert.match(
      h.owner.lastReply(),
      new RegExp(`Next due: \\$50\\.00 on ${dayText(addDays(today, 30), "en")}`),
    );
    assert.equal(await lastDueOn(h), null);
    // /undo puts the last one back.
    await h.owner.says("/undo");
    const undo = h.owner.lastReplyFull();
    if (undo.buttons.flat().some((b) => /undo/i.test(b))) {
      await h.owner.presses(/undo/i);
    }
    assert.equal(await lastDueOn(h), today);
    // A past date from the button: refused, nothing changes.
    await h.owner.presses(
      "📅 Due date",
      h.owner.replies.findLast((r) => r.buttons.flat().includes("📅 Due date"))!,
    );
    await h.owner.says(addDays(today, -3));
    assert.match(h.owner.lastReply(), /can't be before today/);
    await h.owner.says("/cancel");
    assert.equal(await lastDueOn(h), today);
  });

  Deno.test(`📅 Due date on an undone purchase says so [${engine}]`, async () => {
    await using h = await shopWithJohn(engine);
    await h.owner.says("/addtransaction 50 | rice");
    const recorded = h.owner.lastReplyFull();
    await h.owner.says("/undo");
    await h.owner.presses(/undo/i);
    assert.notEqual(await scalar(h, "select voided_at as v from public.transactions"), null);
    await h.owner.pressesIn(recorded, "📅 Due date");
    await h.owner.says("+3");
    assert.match(h.owner.lastReply(), /undone/i);
  });
}
