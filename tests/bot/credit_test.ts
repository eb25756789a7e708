/**
 * Credit terms and limits through the bot: the shop's page under /settings (presets, typed
 * days and amount, no limit, the mode), /terms and /limit on the selected customer (their
 * own, back to the shop's, the shop's), clerks refused, every change undone.
 */
import assert from "node:assert/strict";
import { addClerk, scalar, shopWithJohn } from "../support/bot_fixtures.ts";
import { type ChatHarness, openChat } from "../support/chat.ts";

async function shopCredit(h: ChatHarness) {
  const [row] = await h.sql<{ days: number | null; limit: string | null; mode: string }>(
    "select credit_days as days, credit_limit::text as limit, credit_limit_mode as mode from public.shops",
  );
  return row;
}

async function customerCredit(h: ChatHarness, name: string) {
  const [row] = await h.sql<{ days: number | null; limit: string | null }>(
    "select credit_days as days, credit_limit::text as limit from public.customers where full_name = $1",
    [name],
  );
  return row;
}

async function undoLatest(h: ChatHarness): Promise<string> {
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  return h.owner.lastReply();
}

Deno.test("/settings → 💳: the owner sets the shop's terms (preset and typed), limit (typed, none) and mode; /undo puts each back", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /Credit terms: none; credit limit: none/);
  await h.owner.presses("💳 Credit terms and limit");
  let page = h.owner.lastReply();
  assert.match(page, /Credit terms and limit of/);
  assert.match(page, /Credit terms: none/);
  assert.match(page, /no due date unless one is given/);
  assert.match(page, /Credit limit: none/);
  assert.match(page, /Past the limit: warn/);
  assert.match(page, /asks the member to confirm/);

  await h.owner.presses("30 days");
  assert.match(h.owner.lastReply(), /The shop's credit terms: 30 days\n\/undo puts it back/);
  assert.equal((await shopCredit(h)).days, 30);
  page = h.owner.replies.filter((r) => /Credit terms and limit of/.test(r.text)).at(-1)!.text;
  assert.match(page, /Credit terms: 30 days/);
  assert.match(page, /falls due 30 days after it is made/);

  await h.owner.presses("✏️ Other…");
  assert.match(h.owner.lastReply(), /How many days/);
  await h.owner.says("400");
  assert.match(h.owner.lastReply(), /0 to 365/);
  await h.owner.says("45");
  assert.match(h.owner.lastReply(), /The shop's credit terms: 45 days/);
  assert.equal((await shopCredit(h)).days, 45);

  await h.owner.presses("🚧 Set limit…");
  assert.match(h.owner.lastReply(), /What credit limit/);
  await h.owner.says("-5");
  assert.doesNotMatch(h.owner.lastReply(), /✅/);
  await h.owner.says("1,000.50");
  assert.match(h.owner.lastReply(), /The shop's credit limit: \$1,000\.50/);
  assert.equal((await shopCredit(h)).limit, "100050");

  await h.owner.presses("⛔ Block past the limit");
  assert.match(h.owner.lastReply(), /Past the credit limit: block/);
  assert.equal((await shopCredit(h)).mode, "block");
  await h.owner.presses("⚠️ Only warn past the limit");
  assert.equal((await shopCredit(h)).mode, "warn");
  await h.owner.presses("✖️ No limit");
  assert.match(h.owner.lastReply(), /The shop's credit limit: none/);
  assert.equal((await shopCredit(h)).limit, null);
  await h.owner.presses("No terms");
  assert.equal((await shopCredit(h)).days, null);

  // Each one undone in turn, newest first; the history says what each was.
  await h.owner.says("/history");
  const history = h.owner.lastReply();
  assert.match(history, /changed the credit terms from 45 days to none/);
  assert.match(history, /changed the credit limit from \$1,000\.50 to none/);
  assert.match(history, /changed what happens past the credit limit from block to warn/);
  assert.match(await undoLatest(h), /Undid H\d+/);
  assert.equal((await shopCredit(h)).days, 45);
  await undoLatest(h);
  assert.equal((await shopCredit(h)).limit, "100050");
  await undoLatest(h);
  assert.equal((await shopCredit(h)).mode, "block");
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /Credit terms: 45 days; credit limit: \$1,000\.50/);
});

Deno.test("/terms and /limit: the customer's own, back to the shop's, the shop's; words and /undo", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/terms");
  let text = h.owner.lastReply();
  assert.match(text, /Credit terms of John Smith/);
  assert.match(text, /The shop's: none/);
  assert.match(text, /Shop default: none/);
  assert.match(text, /\/terms 30 gives them their own/);

  await h.owner.says("/terms shop 15");
  assert.match(h.owner.lastReply(), /The shop's credit terms: 15 days/);
  await h.owner.says("/terms 30");
  assert.match(h.owner.lastReply(), /Credit terms of John Smith: 30 days\n\/undo puts it back/);
  assert.equal((await customerCredit(h, "John Smith")).days, 30);
  await h.owner.says("/terms");
  text = h.owner.lastReply();
  assert.match(text, /Their own: 30 days/);
  assert.match(text, /Shop default: 15 days/);
  assert.match(text, /Owes \$50\.00: \$0\.00 due now, \$0\.00 overdue/);
  await h.owner.says("/terms 30");
  assert.doesNotMatch(h.owner.lastReply(), /undo/, "unchanged: nothing to undo");
  await h.owner.says("/terms 999");
  assert.match(h.owner.lastReply(), /0 to 365/);
  await h.owner.says("/terms soon");
  assert.match(h.owner.lastReply(), /0 to 365/);
  assert.equal((await customerCredit(h, "John Smith")).days, 30);

  // /undo: the history sentence, then back to the shop's.
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /set the credit terms of John Smith to 30 days/);
  assert.match(await undoLatest(h), /Undid H\d+ for John Smith/);
  assert.equal((await customerCredit(h, "John Smith")).days, null);
  await h.owner.says("/terms 7");
  await h.owner.says("/terms default");
  assert.match(h.owner.lastReply(), /Credit terms of John Smith: the shop's/);
  assert.equal((await customerCredit(h, "John Smith")).days, null);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /put the credit terms of John Smith back to the shop's/);
  await undoLatest(h);
  assert.equal((await customerCredit(h, "John Smith")).days, 7);
  await h.owner.says("/terms shop none");
  assert.equal((await shopCredit(h)).days, null);

  // Limits.
  await h.owner.says("/limit 500");
  assert.match(h.owner.lastReply(), /Credit limit of John Smith: \$500\.00/);
  assert.equal((await customerCredit(h, "John Smith")).limit, "50000");
  await h.owner.says("/limit shop 1000");
  assert.match(h.owner.lastReply(), /The shop's credit limit: \$1,000\.00/);
  await h.owner.says("/limit shop block");
  assert.equal((await shopCredit(h)).mode, "block");
  await h.owner.says("/limit");
  text = h.owner.lastReply();
  assert.match(text, /Their own: \$500\.00/);
  assert.match(text, /Shop default: \$1,000\.00/);
  assert.match(text, /Past the limit: block/);
  await h.owner.says("/limit shop warn");
  assert.equal((await shopCredit(h)).mode, "warn");
  await h.owner.says("/limit lots");
  assert.match(h.owner.lastReply(), /Send \/limit with an amount/);
  await h.owner.says("/limit default");
  assert.equal((await customerCredit(h, "John Smith")).limit, null);
  await h.owner.says("/limit shop none");
  assert.equal((await shopCredit(h)).limit, null);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /put the credit limit of John Smith back to the shop's/);
  await undoLatest(h); // the shop's limit
  assert.equal((await shopCredit(h)).limit, "100000");
  await undoLatest(h); // the customer's back to their own
  assert.equal((await customerCredit(h, "John Smith")).limit, "50000");
});

Deno.test("/terms with no customer selected asks who, then acts on the one chosen", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.sql(
    "insert into public.customers (shop_id, full_name, created_by) select shop_id, 'Sara Ali', telegram_user_id from public.members",
  );
  await h.owner.says("/terms 20");
  assert.match(h.owner.lastReply(), /Whose credit terms\?/);
  await h.owner.says("/search Sara");
  if (!/Credit terms of Sara Ali/.test(h.owner.lastReply())) await h.owner.presses(/Sara Ali/);
  assert.match(h.owner.lastReply(), /Credit terms of Sara Ali: 20 days/);
  assert.equal((await customerCredit(h, "Sara Ali")).days, 20);
});

Deno.test("a clerk sees /terms and /limit but is told changing them is for owners; the page shows no buttons", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.owner.says("/terms 30");
  await h.clerk.says("/search John");
  await h.clerk.says("/terms");
  assert.match(h.clerk.lastReply(), /Their own: 30 days/);
  assert.match(h.clerk.lastReply(), /Only an owner can change it/);
  for (
    const command of [
      "/terms 10",
      "/terms default",
      "/terms shop 30",
      "/limit 100",
      "/limit shop block",
    ]
  ) {
    await h.clerk.says(command);
    assert.match(h.clerk.lastReply(), /for owners/, command);
  }
  assert.equal((await customerCredit(h, "John Smith")).days, 30);
  assert.equal((await shopCredit(h)).mode, "warn");
  assert.equal(
    await scalar(h, "select count(*)::int as v from public.actions where actor_id = $1", [1002]),
    0,
  );
  await h.clerk.says("/settings");
  assert.match(h.clerk.lastReply(), /Credit terms: none; credit limit: none/);
});

Deno.test("history sentences: the credit and reminder settings, a customer's own credit, a due date — in English and Arabic", async () => {
  const { actionSentence } = await import("../../shared/text/history.ts");
  const { translator } = await import("../../shared/i18n/i18n.ts");
  const { assertNoEnglish } = await import("../support/arabic.ts");
  const shop = { currency: "USD", minor_unit: 2 };
  const entry = (action: string, info: Record<string, unknown>) => ({
    id: 1,
    action,
    created_at: "2026-12-01T10:00:00Z",
    actor_id: 1001,
    actor_name: "Owner",
    actor_role: "owner" as const,
    customer_id: 5,
    customer_name: "John Smith",
    transaction_id: null,
    info,
    undone_at: null,
    undoes_action_id: null,
    undoable: true,
    undo_needs_pin: false,
  });
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "setting_changed",
      { setting: "credit_days", old: null, new: "30" },
      /credit terms from <b>none<\/b> to <b>30 days<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "credit_limit", old: "50000", new: null },
      /credit limit from <b>\$500\.00<\/b> to <b>none<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "credit_limit_mode", old: "warn", new: "block" },
      /past the credit limit from <b>warn<\/b> to <b>block<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "reminders_auto", old: "false", new: "true" },
      /automatic reminders from <b>off<\/b> to <b>on<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "remind_before_days", old: "3", new: "1" },
      /before the due date from <b>3 days<\/b> to <b>1 day<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "remind_every_days", old: "7", new: "14" },
      /repeat from <b>7 days<\/b> to <b>14 days<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "quiet_hours", old: "21:00-09:00", new: null },
      /quiet hours from <b>21:00-09:00<\/b> to <b>none<\/b>/,
    ],
    [
      "setting_changed",
      { setting: "digest", old: "false", new: "true" },
      /daily digest from <b>off<\/b> to <b>on<\/b>/,
    ],
    [
      "customer_credit_set",
      { setting: "credit_days", old: null, new: "30" },
      /set the credit terms of <b>John Smith<\/b> to <b>30 days<\/b>/,
    ],
    [
      "customer_credit_set",
      { setting: "credit_limit", old: null, new: "50000" },
      /set the credit limit of <b>John Smith<\/b> to <b>\$500\.00<\/b>/,
    ],
    [
      "customer_credit_set",
      { setting: "credit_limit", old: "50000", new: null },
      /put the credit limit of <b>John Smith<\/b> back to the shop's/,
    ],
    [
      "due_date_set",
      { old: null, new: "2026-12-15", amount: 5000 },
      /due date of the purchase of \$50\.00 for <b>John Smith<\/b> to <b>2026-12-15<\/b>/,
    ],
    [
      "due_date_set",
      { old: "2026-12-15", new: null, amount: 5000 },
      /removed the due date of the purchase of \$50\.00/,
    ],
  ];
  const en = { locale: "en" as const, timeZone: "UTC", t: translator("en") };
  const ar = { locale: "ar" as const, timeZone: "UTC", t: translator("ar") };
  for (const [action, info, want] of cases) {
    assert.match(
      actionSentence(entry(action, info), shop, en),
      want,
      `${action} ${JSON.stringify(info)}`,
    );
    assertNoEnglish(
      actionSentence(
        { ...entry(action, info), actor_name: "المالك", customer_name: "ليلى" },
        shop,
        ar,
      ),
      [
        "2026-12-15",
        "21:00-09:00",
        "US$",
      ],
    );
  }
});
