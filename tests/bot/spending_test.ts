/** The shop's own spending through the bot: /spend (step by step and in one line), /spending. */
import assert from "node:assert/strict";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";

async function expenses(h: ChatHarness) {
  return Array.from(
    await h.sql<
      {
        item: string;
        price: string;
        vendor: string | null;
        category: string | null;
        voided: boolean;
      }
    >(
      `select item, price::text, vendor, category, voided_at is not null as voided
       from public.expenses order by id`,
    ),
  );
}

/** A shop with its owner started and the clerk added. */
async function shop(): Promise<ChatHarness> {
  const h = await openChat();
  await h.owner.says("/start");
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
  return h;
}

Deno.test("/spend asks price → item → vendor → category, with its price messages, and offers recent vendors and categories", async () => {
  await using h = await shop();
  await h.owner.says("/spend");
  assert.match(h.owner.lastReply(), /How much did it cost\?/);
  await h.owner.says("abc");
  assert.match(h.owner.lastReply(), /enter a numeric value for the price[\s\S]*How much/);
  await h.owner.says("0");
  assert.match(h.owner.lastReply(), /can not be zero or negative[\s\S]*How much/);
  await h.owner.says("-5");
  assert.match(h.owner.lastReply(), /can not be zero or negative/);
  await h.owner.says("12.505");
  assert.match(h.owner.lastReply(), /at most 2 decimals/);
  await h.owner.says("12.50");
  assert.match(h.owner.lastReply(), /What did the shop buy\?/);
  await h.owner.says("milk crates");
  assert.match(h.owner.lastReply(), /Who did you buy it from\?/);
  assert.deepEqual(h.owner.buttons(), [["⏭ Skip"]], "nothing recent yet");
  await h.owner.says("Dairy Co");
  assert.match(h.owner.lastReply(), /Which category\?/);
  const replies = await h.owner.says("supplies");
  assert.match(replies[0].text, /^⏳/);
  assert.match(
    h.owner.lastReply(),
    /Spent \$12\.50 on milk crates — Dairy Co · supplies\.\nSpent in \w+ \d{4} so far: \$12\.50/,
  );
  assert.deepEqual(await expenses(h), [
    { item: "milk crates", price: "1250", vendor: "Dairy Co", category: "supplies", voided: false },
  ]);

  // The next entry offers what was used before; a button answers the step.
  await h.clerk.says("/spend bread");
  assert.match(h.clerk.lastReply(), /How much/);
  await h.clerk.says("3");
  assert.deepEqual(h.clerk.buttons(), [["Dairy Co"], ["⏭ Skip"]]);
  await h.clerk.presses("Dairy Co");
  assert.match(h.clerk.lastReply(), /Which category\?/);
  const categoryQuestion = h.clerk.lastReplyFull();
  assert.deepEqual(h.clerk.buttons(), [["supplies"], ["⏭ Skip"]]);
  await h.clerk.presses("⏭ Skip");
  assert.match(h.clerk.lastReply(), /Spent \$3\.00 on bread — Dairy Co\.\n.*so far: \$15\.50/);
  assert.deepEqual((await expenses(h))[1], {
    item: "bread",
    price: "300",
    vendor: "Dairy Co",
    category: null,
    voided: false,
  });
  // A button from a finished entry does nothing but say so.
  const before = await expenses(h);
  const pressed = await h.clerk.pressesIn(categoryQuestion, "supplies");
  assert.deepEqual(pressed.filter((r) => r.method !== "editMessageReplyMarkup"), []);
  assert.equal(h.clerk.notices().at(-1), "This button is no longer valid. Please start again.");
  assert.deepEqual(await expenses(h), before);
});

Deno.test("/spend in one line, and bad one-liners refused with nothing recorded", async () => {
  await using h = await shop();
  await h.owner.says("/spend 12.50|milk crates|Dairy Co|supplies");
  assert.match(h.owner.lastReply(), /Spent \$12\.50 on milk crates — Dairy Co · supplies/);
  await h.owner.says("/spend rent | 1,200 | Landlord | rent");
  assert.match(h.owner.lastReply(), /Spent \$1,200\.00 on rent — Landlord · rent/);
  await h.owner.says("/spend 5 | cups");
  assert.match(h.owner.lastReply(), /Spent \$5\.00 on cups\./);
  for (
    const [line, reply] of [
      ["/spend abc | milk", /numeric value/],
      ["/spend 0 | milk", /can not be zero or negative/],
      ["/spend -3 | milk", /can not be zero or negative/],
      ["/spend 12.345 | milk", /at most 2 decimals/],
      [`/spend 5 | ${"x".repeat(201)}`, /too long/],
      ["/spend 0", /can not be zero or negative/],
    ] as const
  ) {
    await h.owner.says(line);
    assert.match(h.owner.lastReply(), reply, line);
    assert.match(h.owner.lastReply(), /Example: \/spend 12\.50 \| milk crates/, line);
  }
  assert.equal((await expenses(h)).length, 3);
  // Without bars: what is given is kept, the rest is asked.
  await h.owner.says("/spend 7.25 paper bags");
  assert.match(h.owner.lastReply(), /Who did you buy it from\?/);
  assert.deepEqual(h.owner.buttons(), [["Landlord", "Dairy Co"], ["⏭ Skip"]]);
  await h.owner.says("/skip");
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Spent \$7\.25 on paper bags\./);
});

Deno.test("/cancel mid-entry asks Yes/No: No carries on, Yes drops the entry", async () => {
  await using h = await shop();
  await h.owner.says("/spend");
  await h.owner.says("5");
  await h.owner.says("/cancel");
  assert.match(h.owner.lastReply(), /Cancel this entry\?/);
  assert.deepEqual(h.owner.buttons(), [["✅ Yes, cancel it", "✖️ No, continue"]]);
  await h.owner.presses("✖️ No, continue");
  assert.match(h.owner.lastReply(), /What did the shop buy\?/);
  await h.owner.says("milk");
  await h.owner.says("/cancel");
  await h.owner.presses("✅ Yes, cancel it");
  assert.match(h.owner.lastReply(), /entry was cancelled\. Nothing was recorded/);
  await h.owner.says("Dairy Co"); // no step waits for it any more
  assert.doesNotMatch(h.owner.lastReply(), /Spent|Which category/);
  assert.deepEqual(await expenses(h), []);
  // Other commands still cancel at once.
  await h.owner.says("/addcustomer");
  await h.owner.says("/cancel");
  assert.match(h.owner.lastReply(), /^Cancelled\. Nothing was changed\./);
});

Deno.test("a photo, sticker or file at any step gets 'only understand text' and the step again", async () => {
  await using h = await shop();
  await h.owner.says("/spend");
  const steps = [
    ["9", /How much did it cost\?/],
    ["crates", /What did the shop buy\?/],
    ["Dairy Co", /Who did you buy it from\?/],
    ["supplies", /Which category\?/],
  ] as const;
  for (const [answer, question] of steps) {
    await h.owner.sendsPhoto("12.50");
    assert.match(h.owner.lastReply(), /Sorry, I only understand text here/);
    assert.match(h.owner.lastReply(), question);
    await h.owner.sendsSticker();
    assert.match(h.owner.lastReply(), question);
    await h.owner.sendsDocument();
    assert.match(h.owner.lastReply(), question);
    await h.owner.says(answer);
  }
  assert.match(h.owner.lastReply(), /Spent \$9\.00 on crates — Dairy Co · supplies/);
  assert.equal((await expenses(h)).length, 1);
});

Deno.test("/help during an entry lists only what applies there", async () => {
  await using h = await shop();
  await h.owner.says("/spend");
  await h.owner.says("/help");
  let help = h.owner.lastReply();
  assert.match(help, /entering an expense — step 1 of 4: the price/);
  assert.match(help, /\/cancel — drop this entry/);
  assert.doesNotMatch(help, /\/skip|\/addcustomer|\/search|\/pay/);
  await h.owner.says("4");
  await h.owner.says("milk");
  await h.owner.says("/help");
  help = h.owner.lastReply();
  assert.match(help, /step 3 of 4: the vendor[\s\S]*\/skip to leave it out/);
  await h.owner.says("/help spending");
  assert.match(h.owner.lastReply(), /\/spending — The latest ten expenses/);
  await h.owner.says("/skip");
  await h.owner.says("/skip");
  help = (await h.owner.says("/help")).map((r) => r.text).join("\n");
  assert.match(help, /\/spend — Record something the shop bought/);
  assert.match(help, /\/members — Who works in the shop/);
  assert.match(help, /\/addcustomer/);
});

Deno.test("/spending: the latest ten and this month's totals per category and vendor; /spending YYYY-MM", async () => {
  await using h = await shop();
  await h.owner.says("/spending");
  assert.match(h.owner.lastReply(), /No spending recorded yet/);
  for (let i = 1; i <= 11; i++) {
    const who = i % 2 ? h.owner : h.clerk;
    await who.says(
      `/spend ${i} | item ${i} | ${i % 3 ? "Dairy Co" : "Bakery"} | ${
        i <= 4 ? "stock" : "supplies"
      }`,
    );
  }
  await h.owner.says("/spend 100 | old rent | Landlord | rent");
  await h.sql(
    "update public.expenses set created_at = '2024-10-15T12:00:00Z' where item = 'old rent'",
  );
  await h.owner.says("/spending");
  const text = h.owner.lastReply();
  assert.match(text, /Spending — latest 10/);
  assert.match(text, /item 11 \$11\.00 · Dairy Co · supplies · Owner/);
  assert.match(text, /item 10 \$10\.00 · Dairy Co · supplies · Clerk/);
  assert.doesNotMatch(text, /item 1 \$|old rent/);
  assert.match(text, /\$66\.00 in 11 expenses/);
  assert.match(text, /By category:\n• supplies — \$56\.00 \(7\)\n• stock — \$10\.00 \(4\)/);
  assert.match(text, /By vendor:\n• Dairy Co — \$48\.00 \(8\)\n• Bakery — \$18\.00 \(3\)/);

  await h.clerk.says("/spending 2024-10");
  assert.match(h.clerk.lastReply(), /latest 1 in October 2024/);
  assert.match(h.clerk.lastReply(), /old rent \$100\.00 · Landlord · rent/);
  assert.match(h.clerk.lastReply(), /October 2024: \$100\.00 in 1 expense\n/);
  await h.owner.says("/spending 2023-01");
  assert.match(h.owner.lastReply(), /Nothing was spent in January 2023/);
  await h.owner.says("/spending november");
  assert.match(h.owner.lastReply(), /YYYY-MM/);
  await h.stranger.says("/spending");
  assert.match(h.stranger.lastReply(), /private/);
  await h.stranger.says("/spend 5 | x");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal((await expenses(h)).length, 12);
});

Deno.test("an expense is in /history, /undo voids it, and a redelivered /spend records once", async () => {
  await using h = await shop();
  await h.clerk.says("/spend 12.50 | milk crates | Dairy Co | supplies");
  await h.redeliver();
  await h.redeliver();
  assert.equal((await expenses(h)).length, 1);
  assert.match(h.clerk.lastReply(), /Spent \$12\.50 on milk crates/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /Clerk recorded an expense: milk crates \$12\.50/);
  await h.clerk.says("/undo");
  assert.match(h.clerk.lastReply(), /Undo this\?[\s\S]*recorded an expense: milk crates/);
  await h.clerk.presses("✅ Yes, undo");
  assert.match(h.clerk.lastReply(), /Undid \S+/);
  assert.equal((await expenses(h))[0].voided, true);
  await h.clerk.says("/spending");
  assert.match(h.clerk.lastReply(), /No spending recorded yet/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /Clerk undid \S+ \(an expense\)/);
});

Deno.test("/spend asks its steps in the order of its one-line form", async () => {
  await using h = await shop();
  // The one-line form: price | item | vendor | category.
  await h.owner.says("/spend 4 | tea | Souq | stock");
  assert.match(h.owner.lastReply(), /Spent \$4\.00 on tea — Souq · stock\./);
  const asked: string[] = [];
  await h.owner.says("/spend");
  for (const answer of ["3", "sugar", "Souq", "stock"]) {
    asked.push(h.owner.lastReply().split("\n")[0]);
    await h.owner.says(answer);
  }
  assert.deepEqual(asked, [
    "💵 How much did it cost?",
    "🧾 What did the shop buy? (e.g. milk crates)",
    "🏪 Who did you buy it from? Type a name or tap a recent one.",
    "🗂 Which category? (e.g. supplies, rent) Type one or tap a recent one.",
  ]);
  assert.match(h.owner.lastReply(), /Spent \$3\.00 on sugar — Souq · stock\./);
});

Deno.test("/spend refuses another currency's sign in the price", async () => {
  await using h = await shop();
  await h.owner.says("/spend ₪12 | bread");
  assert.match(h.owner.lastReply(), /This shop counts in US dollars \(\$\); ₪ is another currency/);
  assert.deepEqual(await expenses(h), []);
});

Deno.test("/spending's months are the shop's calendar months, in summer and in winter time", async () => {
  await using h = await openChat({ defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/spend 7 | summer stock");
  await h.owner.says("/spend 9 | winter stock");
  // 00:30 on 1 July (UTC+3) and on 1 December (UTC+2) in Hebron: still June and November in UTC.
  await h.sql(
    "update public.expenses set created_at = '2026-06-30T21:30:00Z' where item = 'summer stock'",
  );
  await h.sql(
    "update public.expenses set created_at = '2026-11-30T22:30:00Z' where item = 'winter stock'",
  );
  await h.owner.says("/spending 2026-07");
  assert.match(h.owner.lastReply(), /1 Jul 2026, 00:30 — summer stock \$7\.00/);
  assert.match(h.owner.lastReply(), /July 2026: \$7\.00 in 1 expense/);
  await h.owner.says("/spending 2026-06");
  assert.match(h.owner.lastReply(), /Nothing was spent in June 2026/);
  await h.owner.says("/spending 2026-12");
  assert.match(h.owner.lastReply(), /1 Dec 2026, 00:30 — winter stock \$9\.00/);
  await h.owner.says("/spending 2026-11");
  assert.match(h.owner.lastReply(), /Nothing was spent in November 2026/);
});
