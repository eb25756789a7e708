/**
 * Pending steps never put money on the wrong customer or at the wrong scale: amounts are
 * parsed with the shop's real decimals even when the cached membership was dropped
 * mid-step; a pending command stays bound to the customer it was started for (and is
 * cancelled, naming both, when another is selected); a search listing several clears the
 * selection; a bare 4–8 digit message where no number is expected is never echoed (and is
 * deleted when the shop has a PIN).
 */
import assert from "node:assert/strict";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";

const PIN = "97531864";

async function scalar(h: ChatHarness, text: string, params: unknown[] = []): Promise<unknown> {
  const [row] = await h.sql<{ v: unknown }>(text, params);
  return row?.v;
}

async function balanceOf(h: ChatHarness, name: string): Promise<number> {
  return Number(
    await scalar(h, "select balance::text as v from public.customers where full_name = $1", [name]),
  );
}

async function addClerk(h: ChatHarness): Promise<void> {
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
}

/** The owner makes the clerk an owner through /members (team.ts drops the clerk's cached membership). */
async function promoteClerk(h: ChatHarness): Promise<void> {
  await h.owner.says("/members");
  await h.owner.presses("⚙️ Clerk");
  await h.owner.presses("👑 Make owner");
  await h.owner.presses("✅ Yes");
  assert.match(h.owner.lastReply(), /Clerk is now an owner/);
}

/** Sets the PIN (typed twice) and ends the owner's grant, so the next PIN action asks. */
async function setPinAndExpire(h: ChatHarness): Promise<void> {
  await h.owner.says(`/setpin ${PIN}`);
  if (/again/.test(h.owner.lastReply())) await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /shop PIN is set/);
  await h.sql("update public.member_pins set valid_until = now() - interval '1 second'");
}

function wasDeleted(h: ChatHarness, text: string): boolean {
  const update = [...h.updates].reverse().find((u) => u.message?.text === text);
  assert.ok(update, `no message "${text}"`);
  const m = update.message!;
  return h.telegram.api.message(m.chat.id, m.message_id) === undefined;
}

for (
  const [currency, typed, minor, shown] of [
    ["JPY", "500", 500, /¥500/],
    ["JOD", "5", 5000, /JOD\s?5\.000/],
  ] as const
) {
  Deno.test(`${currency}: an amount typed after a role change mid-step keeps the shop's decimals`, async () => {
    await using h = await openChat({ defaultCurrency: currency });
    await h.owner.says("/start");
    await h.owner.says("/addcustomer John Smith | 0590000000");
    await addClerk(h);
    await h.clerk.says("/search john");
    await h.clerk.says("/addtransaction");
    const prompt = h.clerk.lastReply();
    await promoteClerk(h);
    await h.clerk.says(typed);
    assert.match(h.clerk.lastReply(), /note/i);
    await h.clerk.says("/skip");
    assert.match(h.clerk.lastReply(), shown);
    assert.equal(await balanceOf(h, "John Smith"), minor);
    assert.match(prompt, /How much did John Smith buy on credit\?/);

    // The same for a price in /spend: the owner makes them a clerk again mid-step.
    // /spend asks the price first, as in its one-line form (/spend 12.50 | crates).
    await h.clerk.says("/spend");
    assert.match(h.clerk.lastReply(), /How much did it cost/);
    await h.owner.says("/members");
    await h.owner.presses("⚙️ Clerk");
    await h.owner.presses("🧾 Make clerk");
    await h.owner.presses("✅ Yes");
    assert.match(h.owner.lastReply(), /Clerk is now a clerk/);
    await h.clerk.says(typed);
    await h.clerk.says("crates");
    await h.clerk.says("/skip");
    await h.clerk.says("/skip");
    assert.match(h.clerk.lastReply(), shown);
    assert.equal(
      Number(await scalar(h, "select price::text as v from public.expenses")),
      minor,
    );
  });
}

Deno.test("a pending payment stays bound to its customer: selecting another cancels it, naming both", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Mary Jones | 0591111111");
  await h.owner.says("/addtransaction 40");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addtransaction 50");
  await setPinAndExpire(h);

  await h.owner.says("/pay 30");
  const prompt = h.owner.lastReply();
  await h.owner.says("/search mary");
  const cancelled = h.owner.lastReply();
  await h.owner.says(PIN);
  assert.equal(wasDeleted(h, PIN), true, "the PIN typed with nothing pending is deleted");
  assert.equal(await balanceOf(h, "Mary Jones"), 4000);
  assert.equal(await balanceOf(h, "John Smith"), 5000);
  assert.match(prompt, /PIN to record a payment of \$30\.00 for John Smith/);
  assert.match(
    cancelled,
    /The payment for John Smith was cancelled because you selected Mary Jones/,
  );

  // Every step prompt names the customer and the action.
  await h.owner.says("/addtransaction");
  assert.match(h.owner.lastReply(), /How much did Mary Jones buy on credit\?/);
  await h.owner.says("/cancel");
  await h.owner.says("/rename");
  assert.match(h.owner.lastReply(), /new name for Mary Jones/);
  await h.owner.says("/search john");
  assert.match(
    h.owner.lastReply(),
    /The rename for Mary Jones was cancelled because you selected John Smith/,
  );
  await h.owner.says("Mary Smith");
  assert.equal(
    Number(
      await scalar(
        h,
        "select count(*)::int as v from public.customers where full_name = 'Mary Smith'",
      ),
    ),
    0,
  );

  // Picked while the command waits: bound to the one picked, and the PIN prompt says so.
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/pay 10");
  assert.match(h.owner.lastReply(), /Who is it for\?/);
  await h.owner.says("mary jones");
  assert.match(h.owner.lastReply(), /PIN to record a payment of \$10\.00 for Mary Jones/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /Payment of \$10\.00 for Mary Jones/);
  assert.equal(await balanceOf(h, "Mary Jones"), 3000);
  assert.equal(await balanceOf(h, "John Smith"), 5000);
});

Deno.test("a search that lists several clears the selection: /link then asks who it is for", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Sara Lee");
  await h.owner.says("/addcustomer John Smithson");
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/search john smith");
  const list = h.owner.lastReply();
  assert.match(list, /2 matches/);
  await h.owner.says("/link Sara");
  assert.equal(
    Number(
      await scalar(
        h,
        "select count(*)::int as v from public.customers where link_group is not null",
      ),
    ),
    0,
    "nobody was linked silently",
  );
  assert.match(list, /No customer is selected now/);
  assert.match(h.owner.lastReply(), /Who is it for\?/);
  await h.owner.presses(/^John Smith(?!son)/);
  assert.match(h.owner.lastReply(), /Linked John Smith with Sara Lee/);
});

Deno.test("4–8 bare digits where no number is expected are never echoed, and deleted when the shop has a PIN", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  // No PIN yet: not deleted, but not taken as a name nor echoed.
  await h.owner.says("/addcustomer");
  await h.owner.says("2468");
  assert.equal(wasDeleted(h, "2468"), false);
  assert.doesNotMatch(h.owner.lastReply(), /2468/);
  assert.match(h.owner.lastReply(), /looks like a PIN/);
  await h.owner.says("/cancel");

  await setPinAndExpire(h);
  const typed = ["12345678", "٩٧٥٣١٨٦٤", "4321"];
  await h.owner.says("/addcustomer");
  await h.owner.says(typed[0]); // at the name step
  await h.owner.says("/cancel");
  await h.owner.says(typed[1]); // nothing pending (Arabic-Indic digits)
  await h.owner.says("/search 4321"); // a search still searches, without echoing the digits
  assert.match(h.owner.lastReply(), /No customer matches/);
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/pay 5");
  await h.owner.says("7777"); // at "Who is it for?"
  assert.match(h.owner.lastReply(), /No customer matches/);
  for (const text of [...typed, "7777"]) {
    for (const reply of h.owner.replies) {
      assert.ok(!reply.text.includes(text), `"${text}" echoed: ${reply.text}`);
      assert.ok(!reply.text.includes("97531864"));
    }
  }
  for (const text of [typed[0], typed[1], "/search 4321", "7777"]) {
    assert.equal(wasDeleted(h, text), true, `"${text}" was not deleted`);
  }
  assert.equal(
    Number(await scalar(h, "select count(*)::int as v from public.customers")),
    1,
    "no customer named after digits",
  );
  // At an amount step 1234 is an amount.
  await h.owner.says("/cancel");
  await h.owner.says("/search john");
  await h.owner.says("/addtransaction");
  await h.owner.says("1234");
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Purchase of \$1,234\.00 for John Smith/);
});

Deno.test("a step's answer may be a list: /addcustomer keeps the name and its nicknames apart until it runs", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer");
  await h.owner.says("Ann Lee ~ Umm Ali ~ Annie");
  const [row] = await h.sql<{ value: { pending: { step: string; params: { name: unknown } } } }>(
    "select value from public.bot_sessions where key like 'member:%'",
  );
  assert.equal(row.value.pending.step, "phone");
  assert.deepEqual(row.value.pending.params.name, ["Ann Lee", "Umm Ali", "Annie"]);
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Added Ann Lee and selected them/);
  const [ann] = await h.sql<{ nicknames: string[] }>(
    "select nicknames from public.customers where full_name = 'Ann Lee'",
  );
  assert.deepEqual(ann.nicknames, ["Annie", "Umm Ali"]); // the ledger sorts them

  // A step saved before lists (the nicknames packed in one string, a line each) still runs.
  await h.owner.says("/addcustomer");
  await h.sql(
    `update public.bot_sessions
        set value = jsonb_set(jsonb_set(value, '{pending,step}', '"phone"'),
                              '{pending,params}', jsonb_build_object('name', E'Bo Kim\\nAbu Bo'))
      where key like 'member:%'`,
  );
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /Added Bo Kim and selected them/);
  const [bo] = await h.sql<{ nicknames: string[] }>(
    "select nicknames from public.customers where full_name = 'Bo Kim'",
  );
  assert.deepEqual(bo.nicknames, ["Abu Bo"]);
});

Deno.test("/setpin with two different PINs starts over at the first, through the engine", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/setpin");
  await h.owner.says("2468");
  await h.owner.says("1357");
  assert.match(
    h.owner.lastReply(),
    /The two PINs differ; nothing changed\.\n🔐 Send the new shop PIN/,
  );
  const [row] = await h.sql<
    { value: { pending: { command: string; step: string; params: object } } }
  >(
    "select value from public.bot_sessions where key like 'member:%'",
  );
  assert.deepEqual(row.value.pending, { command: "setpin", step: "pin", params: {} });
});
