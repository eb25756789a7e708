/**
 * The shop PIN in the bot: /setpin asks twice (the first entry never stored in plain
 * text), PIN prompts name the action and the customer, and /resetpin clears a forgotten
 * PIN 24 hours after it was asked for, told at once to every owner, cancellable by any.
 */
import assert from "node:assert/strict";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";

async function scalar(h: ChatHarness, text: string, params: unknown[] = []): Promise<unknown> {
  const [row] = await h.sql<{ v: unknown }>(text, params);
  return row?.v;
}

function pinIs(h: ChatHarness, pin: string): Promise<unknown> {
  return scalar(h, "select extensions.crypt($1, pin_hash) = pin_hash as v from public.shops", [
    pin,
  ]);
}

Deno.test("/setpin asks for the new PIN twice; two different entries change nothing and it asks again", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/setpin");
  assert.match(h.owner.lastReply(), /new shop PIN: 4 to 8 digits/);
  await h.owner.says("2468");
  assert.match(h.owner.lastReply(), /same PIN again/);
  const sessions = String(
    await scalar(h, "select string_agg(value::text, ' ') as v from public.bot_sessions"),
  );
  assert.ok(!sessions.includes("2468"), `the first entry is in the session: ${sessions}`);
  await h.owner.says("2469");
  assert.match(h.owner.lastReply(), /The two PINs differ; nothing changed[\s\S]*new shop PIN/);
  assert.equal(await scalar(h, "select pin_hash as v from public.shops"), null);
  await h.owner.says("1357");
  await h.owner.says("١٣٥٧"); // the same, in Arabic-Indic digits
  assert.match(h.owner.lastReply(), /shop PIN is set/);
  assert.equal(await pinIs(h, "1357"), true);
  for (const update of h.updates.slice(-4)) {
    const m = update.message!;
    assert.equal(h.telegram.api.message(m.chat.id, m.message_id), undefined, `${m.text} kept`);
  }
  // One line with both entries sets it at once (after the current PIN, which the owner holds).
  await h.owner.says("/setpin 8642 8642");
  assert.match(h.owner.lastReply(), /shop PIN is changed/);
  assert.equal(await pinIs(h, "8642"), true);
  await h.owner.says("/setpin 1111 2222");
  assert.match(h.owner.lastReply(), /The two PINs differ; nothing changed/);
  assert.equal(await pinIs(h, "8642"), true);
});

Deno.test("a PIN prompt names the action and the customer", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/addtransaction 50");
  await h.owner.says("/setpin 2468 2468");
  await h.sql("update public.member_pins set valid_until = null");
  await h.owner.says("/rename Johnny");
  assert.match(h.owner.lastReply(), /PIN to rename John Smith to Johnny/);
  await h.owner.says("/cancel");
  await h.owner.says("/deletecustomer");
  await h.owner.presses("🗑 Yes, delete");
  assert.match(h.owner.lastReply(), /PIN to delete John Smith \(owes \$50\.00\)/);
  await h.owner.says("2468");
  assert.match(h.owner.lastReply(), /Deleted John Smith/);
});

Deno.test("/resetpin: removal 24 hours later, told to every owner at once, cancellable by any owner, logged", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/addtransaction 50");
  await h.owner.says("/resetpin");
  assert.match(h.owner.lastReply(), /no PIN to reset/);
  await h.owner.says("/setpin 2468 2468");
  await h.sql(
    `insert into public.members (shop_id, telegram_user_id, role, display_name)
     select id, 1000, 'owner'::public.member_role, 'Ghost' from public.shops
     union all select id, $1, 'owner'::public.member_role, 'Clerk' from public.shops
     union all select id, 1005, 'clerk'::public.member_role, 'Helper' from public.shops`,
    [CLERK.id],
  );
  const helper = h.user({ id: 1005, is_bot: false, first_name: "Helper" });
  await helper.says("/resetpin");
  assert.match(helper.lastReply(), /owner/);

  // Ghost (id 1000) never started the bot: Telegram refuses that message, and that is fine.
  h.telegram.fail("sendMessage", {
    status: 403,
    description: "Forbidden: bot can't initiate conversation with a user",
    times: 1,
  });
  await h.owner.says("/resetpin");
  assert.match(h.owner.lastReply(), /PIN will be removed on .* \(in 24 hours\)/);
  assert.match(h.owner.lastReply(), /1 owner couldn't be reached/);
  assert.match(
    h.clerk.lastReply(),
    /Owner asked to remove the shop PIN[\s\S]*If this wasn't agreed/,
  );
  assert.deepEqual(h.clerk.buttons(), [["❌ Cancel the PIN reset"]]);
  assert.equal(
    Number(
      await scalar(
        h,
        "select count(*)::int as v from public.actions where action = 'pin_reset_requested'",
      ),
    ),
    1,
  );

  await h.clerk.says("/settings");
  assert.match(h.clerk.lastReply(), /A PIN reset is pending: the PIN will be removed on/);

  // Meanwhile the old PIN is still needed.
  await h.sql("update public.member_pins set valid_until = null");
  await h.owner.says("/pay 5");
  assert.match(h.owner.lastReply(), /needs the shop PIN[\s\S]*PIN reset is pending/);
  await h.owner.says("2468");
  assert.match(h.owner.lastReply(), /Payment of \$5\.00/);

  // Any owner cancels: with the button, or /resetpin cancel.
  await h.clerk.presses("❌ Cancel the PIN reset");
  assert.match(h.clerk.lastReply(), /PIN reset is cancelled/);
  assert.match(h.owner.lastReply(), /Clerk cancelled the PIN reset/);
  await h.owner.says("/resetpin cancel");
  assert.match(h.owner.lastReply(), /No PIN reset is pending/);
  await h.owner.says("/resetpin");
  await h.clerk.says("/resetpin cancel");
  assert.match(h.clerk.lastReply(), /PIN reset is cancelled/);

  // Asked again, and 24 hours pass: the PIN is gone at the next check.
  await h.owner.says("/resetpin");
  await h.owner.says("/resetpin");
  assert.match(h.owner.lastReply(), /already pending/);
  await h.sql("update public.pin_resets set requested_at = now() - interval '24 hours 1 minute'");
  await h.sql("update public.member_pins set valid_until = null");
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 5");
  assert.match(h.clerk.lastReply(), /Payment of \$5\.00/);
  assert.equal(await scalar(h, "select pin_hash as v from public.shops"), null);
  assert.equal(
    Number(
      await scalar(
        h,
        "select count(*)::int as v from public.actions where action = 'pin_reset_applied'",
      ),
    ),
    1,
  );
  await h.owner.says("/setpin");
  assert.match(h.owner.lastReply(), /new shop PIN/);
  await h.owner.says("9753");
  await h.owner.says("9753");
  assert.match(h.owner.lastReply(), /shop PIN is set/);
});
