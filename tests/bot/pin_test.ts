/**
 * The shop PIN in the bot: /setpin asks twice (the first entry never stored in plain
 * text), PIN prompts name the action and the customer, and /resetpin clears a forgotten
 * PIN 24 hours after it was asked for, told at once to every owner, cancellable by any.
 */
import assert from "node:assert/strict";
import { type ChatHarness, CLERK, openChat } from "../support/chat.ts";
import {
  addClerk,
  balanceOf,
  expireGrant,
  PIN,
  setPin,
  shopWithJohn,
} from "../support/bot_fixtures.ts";

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

Deno.test("the shop PIN: /setpin (owner), stored as bcrypt, message deleted, letters refused, asked by /pay, valid for a run of payments", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/setpin 1234");
  assert.match(h.clerk.lastReply(), /Only the shop owner/);
  await h.owner.says("/setpin");
  assert.match(h.owner.lastReply(), /new shop PIN: 4 to 8 digits/);
  await h.owner.says("12ab");
  assert.match(h.owner.lastReply(), /4 to 8 digits, nothing else/);
  const sent = h.updates.at(-1)!.message!;
  assert.equal(h.telegram.api.message(sent.chat.id, sent.message_id), undefined, "deleted");
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /same PIN again/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /shop PIN is set/);
  const pinMessage = h.updates.at(-1)!.message!;
  assert.equal(h.telegram.api.message(pinMessage.chat.id, pinMessage.message_id), undefined);
  const hash = String(await scalar(h, "select pin_hash as v from public.shops"));
  assert.match(hash, /^\$2[abxy]?\$\d\d\$/, "a bcrypt hash");
  assert.equal(
    await scalar(h, "select extensions.crypt($1, pin_hash) = pin_hash as v from public.shops", [
      PIN,
    ]),
    true,
  );

  // The owner's grant from setting it lets /pay through; the clerk is asked.
  await h.owner.says("/pay 1");
  assert.match(h.owner.lastReply(), /Payment of \$1\.00/);
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 2 | cash");
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.says("/help");
  assert.match(h.clerk.lastReply(), /waiting for an answer for \/pay[\s\S]*shop PIN/);
  await h.clerk.says("/skip");
  assert.match(h.clerk.lastReply(), /can't be skipped/);
  await h.clerk.says("12345x");
  assert.match(h.clerk.lastReply(), /4 to 8 digits/);
  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /Payment of \$2\.00 for John Smith — cash/);
  await h.clerk.says("/pay 3");
  assert.match(
    h.clerk.lastReply(),
    /Payment of \$3\.00/,
    "a right PIN stays valid for a few minutes",
  );
  await expireGrant(h, CLERK.id);
  await h.clerk.says("/pay 4");
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.says("/cancel");
  assert.equal(await balanceOf(h, "John Smith"), 5000 - 600);

  // Changing the PIN asks for the current one first.
  await expireGrant(h);
  await h.owner.says("/setpin 2468");
  assert.match(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.says(PIN);
  assert.match(h.owner.lastReply(), /new shop PIN/);
  await h.owner.says("2468");
  await h.owner.says("2468"); // asked twice
  assert.match(h.owner.lastReply(), /shop PIN is changed/);
  assert.equal(
    await scalar(h, "select extensions.crypt('2468', pin_hash) = pin_hash as v from public.shops"),
    true,
  );
  assert.equal(
    await scalar(h, "select count(*)::int as v from public.member_pins where valid_until > now()"),
    1,
    "only the owner who changed it holds a grant",
  );
});

Deno.test("5 wrong PINs lock PIN actions for 15 minutes for that member (in Postgres); the lock expires", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await setPin(h);
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 5");
  for (let i = 4; i >= 1; i--) {
    await h.clerk.says("0000");
    assert.match(h.clerk.lastReply(), new RegExp(`Wrong PIN\\. ${i} tr(y|ies) left`));
  }
  await h.clerk.says("0000");
  assert.match(h.clerk.lastReply(), /locked for you until/);
  const [lock] = await h.sql<{ minutes: number; failures: number }>(
    `select round(extract(epoch from locked_until - now()) / 60)::int as minutes, failures
       from public.member_pins where telegram_user_id = $1`,
    [CLERK.id],
  );
  assert.deepEqual({ ...lock }, { minutes: 15, failures: 5 });
  // Locked: even the right PIN is refused, and no step waits for it.
  await h.clerk.says("/pay 5");
  assert.match(h.clerk.lastReply(), /locked for you until/);
  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /not sure what to do/);
  // The owner is not locked.
  await h.owner.says("/pay 1");
  assert.match(h.owner.lastReply(), /Payment of \$1\.00/);
  // 15 minutes later (the clock moved by SQL), the clerk may try again.
  await h.sql(
    "update public.member_pins set locked_until = now() - interval '1 second' where telegram_user_id = $1",
    [CLERK.id],
  );
  await h.clerk.says("/pay 5");
  assert.match(h.clerk.lastReply(), /needs the shop PIN/);
  await h.clerk.says(PIN);
  assert.match(h.clerk.lastReply(), /Payment of \$5\.00/);
  assert.equal(await balanceOf(h, "John Smith"), 5000 - 600);
});

Deno.test("a PIN never appears in logs, sessions, the action log or processed updates, nor in what the bot sends", async () => {
  const logged: string[] = [];
  const originals = {
    log: console.log,
    error: console.error,
    warn: console.warn,
    info: console.info,
    debug: console.debug,
  };
  for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
    console[name] = (...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    };
  }
  try {
    await using h = await shopWithJohn();
    await addClerk(h);
    await h.owner.says(`/setpin ${PIN}`);
    await h.owner.says(PIN); // asked twice
    await h.clerk.says("/search john");
    await h.clerk.says("/rename Johnny");
    await h.clerk.says("1111");
    await h.clerk.says(PIN);
    await h.clerk.says("/pay 5");
    await h.owner.says("/setpin");
    await h.owner.says("24682468");
    await h.owner.says("24682468");
    await h.clerk.says("/pay 1");
    await h.clerk.says("24682468");
    const stores = await h.sql<{ text: string }>(
      `select value::text as text from public.bot_sessions
       union all select action_info::text from public.actions
       union all select coalesce(result::text, '') from public.processed_updates
       union all select coalesce(last_result::text, '') from public.member_pins
       union all select coalesce(pin_hash, '') from public.shops`,
    );
    for (const pin of [PIN, "24682468", "1111"]) {
      for (const row of stores) assert.ok(!row.text.includes(pin), `${pin} stored: ${row.text}`);
      for (const line of logged) assert.ok(!line.includes(pin), `${pin} logged: ${line}`);
      for (const call of h.telegram.calls) {
        assert.ok(!JSON.stringify(call.payload).includes(pin), `${pin} sent: ${call.method}`);
      }
    }
    // Every message that carried a PIN was deleted.
    const deleted = h.telegram.callsTo("deleteMessage").map((c) => Number(c.payload.message_id));
    for (const u of h.updates) {
      const m = u.message;
      if (m?.text && /\b(97531864|24682468|1111)\b/.test(m.text)) {
        assert.ok(deleted.includes(m.message_id), `message "${m.text}" was not deleted`);
      }
    }
    assert.match(h.clerk.lastReply(), /Payment of \$1\.00/);
  } finally {
    Object.assign(console, originals);
  }
});

Deno.test("until a PIN is set the owner is reminded once; clerks are not", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/search john");
  await h.clerk.says("/pay 1");
  assert.ok(!h.clerk.replies.some((r) => /Tip: protect payments/.test(r.text)));
  await h.owner.says("/pay 1");
  const tips = () => h.owner.replies.filter((r) => /Tip: protect payments/.test(r.text)).length;
  assert.equal(tips(), 1);
  assert.match(h.owner.lastReply(), /Payment of \$1\.00/);
  await h.owner.says("/pay 1");
  await h.owner.says("/rename Johnny");
  assert.equal(tips(), 1);
});

Deno.test("/resetpin by an English owner: an Arabic co-owner is told in Arabic (their digits, the shop's zone), an English one in English", async () => {
  await using h = await openChat({ defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/setpin 2468 2468");
  await h.sql(
    `insert into public.members (shop_id, telegram_user_id, role, display_name, language, digits)
     select id, $1, 'owner'::public.member_role, 'Clerk', 'ar', 'arab' from public.shops
     union all select id, 1006, 'owner'::public.member_role, 'Partner', 'en', null from public.shops`,
    [CLERK.id],
  );
  const partner = h.user({ id: 1006, is_bot: false, first_name: "Partner", language_code: "en" });
  await h.owner.says("/resetpin");
  assert.match(h.owner.lastReply(), /PIN will be removed on .* \(in 24 hours\)/);
  const arabic = h.clerk.lastReply();
  assert.match(arabic, /طلب .*Owner.* إزالة الرمز السري لمتجر .*Owner's shop/);
  assert.match(arabic, /بتوقيت .*Asia\/Hebron/);
  assert.match(arabic, /[٠-٩]/, "the co-owner's Arabic-Indic digits");
  assert.doesNotMatch(arabic.replace(/Asia\/Hebron/g, ""), /[0-9]/);
  assert.deepEqual(h.clerk.buttons(), [["❌ إلغاء إزالة الرمز السري"]]);
  assert.match(partner.lastReply(), /^⚠️ Owner asked to remove the shop PIN of Owner's shop/);
  assert.deepEqual(partner.buttons(), [["❌ Cancel the PIN reset"]]);

  // The Arabic co-owner cancels: the English owners are told in English.
  await h.clerk.presses("❌ إلغاء إزالة الرمز السري");
  assert.match(h.clerk.lastReply(), /أُلغيت إزالة الرمز السري/);
  assert.match(h.owner.lastReply(), /^✅ Clerk cancelled the PIN reset/);
  assert.match(partner.lastReply(), /^✅ Clerk cancelled the PIN reset/);
});
