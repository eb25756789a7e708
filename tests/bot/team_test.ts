/** The team through the bot: invites, /members, roles, removal, /leave, /history by member. */
import assert from "node:assert/strict";
import { callbackQueryUpdate } from "../../shared/dev/terminal_chat.ts";
import { type ChatHarness, type ChatUser, CLERK, openChat, OWNER } from "../support/chat.ts";

/** The code in the invite link of the bot's last reply to `user`. */
function inviteCode(user: ChatUser): string {
  const code = user.lastReply().match(/t\.me\/paytrack_test_bot\?start=([A-Za-z0-9_-]+)/)?.[1];
  assert.ok(code, `no invite link in: ${user.lastReply()}`);
  return code;
}

/** An owner's shop where the clerk joined with an invite link, and John Smith owes $50. */
async function shopWithClerk(options: Parameters<typeof openChat>[0] = {}): Promise<ChatHarness> {
  const h = await openChat(options);
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries");
  await h.owner.says("/invite");
  await h.clerk.says(`/start ${inviteCode(h.owner)}`);
  assert.match(h.clerk.lastReply(), /You joined Owner's shop \(USD\) as a clerk/);
  return h;
}

async function member(h: ChatHarness, userId: number) {
  const rows = await h.sql<{ role: string; removed: boolean }>(
    `select role::text, removed_at is not null as removed from public.members
      where telegram_user_id = $1 order by joined_at desc limit 1`,
    [userId],
  );
  return rows[0];
}

/** Presses a button whose callback data is `data`, even if no message shows it (a forged press). */
async function forgedPress(h: ChatHarness, user: ChatUser, data: string) {
  const api = h.telegram.api;
  const id = h.nextUpdateId();
  const message = api.message(user.chat.id, user.lastReplyFull().messageId)!;
  return await h.deliver(
    callbackQueryUpdate(id, { id: `cq${id}`, from: user.user, message, data }),
  );
}

Deno.test("/invite makes a one-time link that makes a clerk; a used or wrong code reveals nothing about the shop", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  const replies = await h.owner.says("/invite");
  assert.match(replies[0].text, /^⏳/);
  assert.match(h.owner.lastReply(), /invite link for a new clerk of Owner's shop/);
  assert.match(h.owner.lastReply(), /works once, until .* \(24 hours\)/);
  const code = inviteCode(h.owner);
  const share = h.owner.lastReplyFull().keyboard.flat()[0];
  assert.equal(share.text, "📤 Send the link to someone");
  assert.ok(share.url?.includes(encodeURIComponent(code)));

  await h.clerk.says(`/start ${code}`);
  assert.match(h.clerk.lastReply(), /Welcome, Clerk! You joined Owner's shop \(USD\) as a clerk/);
  assert.match(h.clerk.lastReply(), /A clerk can add customers/);
  assert.deepEqual(await member(h, CLERK.id), { role: "clerk", removed: false });
  await h.redeliver();
  assert.equal(
    (await h.sql<{ n: number }>(
      "select count(*)::int as n from public.actions where action = 'member_joined'",
    ))[0].n,
    1,
    "a redelivered /start <code> joins once",
  );

  await h.stranger.says(`/start ${code}`);
  assert.match(h.stranger.lastReply(), /already used/);
  await h.stranger.says("/start NotARealCode123");
  assert.match(h.stranger.lastReply(), /isn't valid/);
  for (const reply of h.stranger.replies) assert.doesNotMatch(reply.text, /Owner|USD|shop \(/);
  await h.stranger.says("/search");
  assert.match(h.stranger.lastReply(), /private/);

  await h.clerk.says("/start");
  assert.match(h.clerk.lastReply(), /Welcome back, Clerk\. You are a clerk of Owner's shop/);
  await h.clerk.says(`/start ${code}`);
  assert.match(h.clerk.lastReply(), /already a clerk of Owner's shop/);
});

Deno.test("an invite link expires after 24 hours", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/invite");
  const code = inviteCode(h.owner);
  await h.sql("update public.invites set expires_at = now() - interval '1 second'");
  await h.clerk.says(`/start ${code}`);
  assert.match(h.clerk.lastReply(), /expired \(links work for 24 hours\)/);
  assert.doesNotMatch(h.clerk.lastReply(), /Owner/);
  assert.equal(await member(h, CLERK.id), undefined);
  await h.clerk.says("/search");
  assert.match(h.clerk.lastReply(), /private/);
});

Deno.test("/invite owner makes a co-owner; someone in another shop is told they are", async () => {
  const other = { id: 2001, is_bot: false, first_name: "Rival" };
  await using h = await openChat({ ownerIds: [OWNER.id, other.id] });
  const rival = h.user(other);
  await h.owner.says("/start");
  await rival.says("/start");
  assert.match(rival.lastReply(), /Your shop Rival's shop/);
  await h.owner.says("/invite owner");
  assert.match(h.owner.lastReply(), /new co-owner[\s\S]*A co-owner can also remove you/);
  const code = inviteCode(h.owner);
  await rival.says(`/start ${code}`);
  assert.match(rival.lastReply(), /already a member of another shop[\s\S]*\/leave/);
  await h.clerk.says(`/start ${code}`);
  assert.match(h.clerk.lastReply(), /You joined Owner's shop \(USD\) as an owner/);
  assert.deepEqual(await member(h, CLERK.id), { role: "owner", removed: false });
  await h.owner.says("/invite boss");
  assert.match(h.owner.lastReply(), /\/invite owner/);
});

Deno.test("team commands by role: clerks are told the owner role is needed, strangers that the bot is private", async () => {
  await using h = await shopWithClerk();
  const invitesBefore =
    (await h.sql<{ n: number }>("select count(*)::int as n from public.invites"))[0].n;

  await h.clerk.says("/invite");
  assert.match(h.clerk.lastReply(), /needs the owner role/);
  await h.clerk.says("/members");
  assert.match(h.clerk.lastReply(), /Owner's shop — 2 members/);
  assert.match(h.clerk.lastReply(), /Owner — owner[\s\S]*Clerk \(you\) — clerk/);
  assert.match(h.clerk.lastReply(), /Only owners can invite people or change the team/);
  assert.deepEqual(h.clerk.lastReplyFull().buttons, []);
  for (const data of [`tm:${OWNER.id}`, `tm:rm:${OWNER.id}`, `tm:role:${OWNER.id}:clerk`]) {
    await forgedPress(h, h.clerk, data);
    assert.match(h.clerk.lastReply(), /needs the owner role/, data);
  }
  for (const data of [`tm:RM:${OWNER.id}`, `tm:ROLE:${CLERK.id}:owner`]) {
    await forgedPress(h, h.clerk, data);
    assert.match(h.clerk.lastReply(), /That needs the owner role/, data);
  }
  await h.clerk.says("/history Owner");
  assert.match(h.clerk.lastReply(), /Filtering the history by member needs the owner role/);
  const [purchase] = await h.sql<{ id: string }>(
    "select id::text from public.actions where action = 'purchase_recorded'",
  );
  await forgedPress(h, h.clerk, `undoask:${purchase.id}`);
  assert.match(h.clerk.lastReply(), /Undoing someone else's action needs the owner role/);
  await forgedPress(h, h.clerk, `undo:${purchase.id}`);
  assert.match(h.clerk.lastReply(), /That needs the owner role/);
  assert.deepEqual(await member(h, OWNER.id), { role: "owner", removed: false });
  assert.deepEqual(await member(h, CLERK.id), { role: "clerk", removed: false });

  for (const command of ["/invite", "/members", "/leave", "/history Owner"]) {
    await h.stranger.says(command);
    assert.match(h.stranger.lastReply(), /private[\s\S]*invite link/, command);
  }
  await forgedPress(h, h.stranger, `tm:RM:${CLERK.id}`);
  assert.match(h.stranger.lastReply(), /private/);
  await forgedPress(h, h.stranger, "leave:yes");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal(
    (await h.sql<{ n: number }>("select count(*)::int as n from public.invites"))[0].n,
    invitesBefore,
  );
  assert.deepEqual(await member(h, CLERK.id), { role: "clerk", removed: false });
});

Deno.test("an owner changes a role with confirmation; the member is told and their cached role refreshed", async () => {
  await using h = await shopWithClerk();
  await h.owner.says("/members");
  assert.match(h.owner.lastReply(), /Tap someone to change their role/);
  assert.deepEqual(h.owner.buttons(), [["⚙️ Clerk"]]);
  await h.owner.presses("⚙️ Clerk");
  assert.match(h.owner.lastReply(), /Clerk — clerk[\s\S]*\/history 1002/);
  await h.owner.presses("👑 Make owner");
  assert.match(h.owner.lastReply(), /Make Clerk an owner\?/);
  await h.owner.presses("✖️ No");
  assert.equal(h.owner.lastReply(), "Nothing was changed.");
  assert.equal((await member(h, CLERK.id)).role, "clerk");

  await h.owner.presses("👑 Make owner");
  await h.owner.presses("✅ Yes");
  assert.match(h.owner.lastReply(), /Clerk is now an owner/);
  assert.equal((await member(h, CLERK.id)).role, "owner");
  assert.match(h.clerk.lastReply(), /Your role in Owner's shop is now owner/);
  await h.clerk.says("/invite");
  assert.match(h.clerk.lastReply(), /invite link for a new clerk/, "a new owner may invite");

  // The former clerk, now an owner, demotes the first owner; the last owner can't be demoted.
  await h.clerk.says("/members");
  await h.clerk.presses("⚙️ Owner");
  await h.clerk.presses("🧾 Make clerk");
  await h.clerk.presses("✅ Yes");
  assert.match(h.clerk.lastReply(), /Owner is now a clerk/);
  await h.owner.says("/invite");
  assert.match(
    h.owner.lastReply(),
    /needs the owner role/,
    "the demoted owner's cache is refreshed",
  );
  await forgedPress(h, h.clerk, `tm:ROLE:${CLERK.id}:clerk`);
  assert.match(h.clerk.lastReply(), /at least one owner/);
});

Deno.test("a removed member's next update is refused, and a stale session shows no shop data", async () => {
  await using h = await shopWithClerk();
  await h.clerk.says("/search jon");
  assert.match(h.clerk.lastReply(), /Selected John Smith/);
  await h.clerk.says("/addtransaction 5 | bread");
  assert.match(h.clerk.lastReply(), /owes \$55\.00/);

  await h.owner.says("/members");
  await h.owner.presses("⚙️ Clerk");
  await h.owner.presses("🚫 Remove from the shop");
  assert.match(h.owner.lastReply(), /Remove Clerk from Owner's shop\?/);
  await h.owner.presses("✅ Yes, remove");
  assert.match(h.owner.lastReply(), /Removed Clerk/);
  assert.match(h.clerk.lastReply(), /You were removed from Owner's shop/);
  assert.deepEqual(await member(h, CLERK.id), { role: "clerk", removed: true });

  await h.clerk.says("/addtransaction 5 | more bread");
  assert.match(h.clerk.lastReply(), /private/);
  assert.doesNotMatch(h.clerk.lastReply(), /John|\$/);

  // Even a session cached before the removal (e.g. written back by an update in flight)
  // shows nothing: the ledger refuses and the cache is dropped.
  await h.sql(
    `insert into public.bot_sessions (key, value) values ($1, $2::jsonb)
     on conflict (key) do update set value = excluded.value`,
    [
      `member:${CLERK.id}`,
      JSON.stringify({
        member: { role: "clerk", shopName: "Owner's shop", currency: "USD", minorUnit: 2 },
        selected: { id: 1, name: "John Smith" },
      }),
    ],
  );
  for (const command of ["/summary", "/search", "/history", "/members", "/spending"]) {
    await h.clerk.says(command);
    assert.match(h.clerk.lastReply(), /private/, command);
    assert.doesNotMatch(h.clerk.lastReply(), /John|\$/, command);
  }
  const [session] = await h.sql<{ value: Record<string, unknown> }>(
    "select value from public.bot_sessions where key = $1",
    [`member:${CLERK.id}`],
  );
  assert.equal(session.value.member, undefined, "the cached membership is dropped");
  const [balance] = await h.sql<{ balance: string }>(
    "select balance::text from public.customers",
  );
  assert.equal(balance.balance, "5500");
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /Owner removed Clerk from the shop/);
  assert.match(h.owner.lastReply(), /Clerk recorded a purchase of \$5\.00/, "their past stays");
});

Deno.test("/leave asks Yes/No; the last owner must hand over first", async () => {
  await using h = await shopWithClerk();
  await h.owner.says("/leave");
  assert.match(h.owner.lastReply(), /only owner of this shop, so you can't leave/);
  assert.deepEqual(h.owner.lastReplyFull().buttons, []);

  await h.clerk.says("/leave");
  assert.match(h.clerk.lastReply(), /Leave Owner's shop\?/);
  await h.clerk.presses("✖️ No, stay");
  assert.match(h.clerk.lastReply(), /still a member/);
  assert.equal((await member(h, CLERK.id)).removed, false);
  await h.clerk.says("/leave");
  await h.clerk.presses("✅ Yes, leave");
  assert.match(h.clerk.lastReply(), /You left Owner's shop/);
  assert.equal((await member(h, CLERK.id)).removed, true);
  await h.clerk.says("/search");
  assert.match(h.clerk.lastReply(), /private/);

  // With a co-owner, the first owner may leave; the co-owner carries on.
  await h.owner.says("/invite owner");
  await h.clerk.says(`/start ${inviteCode(h.owner)}`);
  await h.owner.says("/leave");
  await h.owner.presses("✅ Yes, leave");
  assert.match(h.owner.lastReply(), /You left Owner's shop/);
  await h.clerk.says("/members");
  assert.match(h.clerk.lastReply(), /1 member\n👑 Clerk \(you\) — owner/);
  assert.match(h.clerk.lastReply(), /Former: Owner/);
  await h.clerk.says("/leave");
  assert.match(h.clerk.lastReply(), /only owner/);
});

Deno.test("/history <member> shows one member's actions to an owner", async () => {
  await using h = await shopWithClerk();
  await h.clerk.says("/search jon");
  await h.clerk.says("/pay 20 | cash");
  await h.owner.says("/history Clerk");
  const text = h.owner.lastReply();
  assert.match(text, /Latest actions by Clerk \(2 of 2\)/);
  assert.match(text, /Clerk recorded a payment of \$20\.00 for John Smith/);
  assert.match(text, /Clerk joined the shop \(clerk\)/);
  assert.doesNotMatch(text, /Owner /);
  await h.owner.says(`/history ${CLERK.id}`);
  assert.match(h.owner.lastReply(), /by Clerk \(2 of 2\)/);
  await h.owner.says("/history @owner");
  assert.match(h.owner.lastReply(), /by Owner/);
  assert.match(h.owner.lastReply(), /Owner made an invite link \(clerk\)/);
  await h.owner.says("/history Nobody");
  assert.match(h.owner.lastReply(), /No member called “Nobody”/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /Latest actions \(\d+ of \d+\)/);
});

Deno.test("/members lists the invite links not used yet; the owner withdraws one, it is logged, and opening it says withdrawn", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/invite");
  const code = inviteCode(h.owner);
  await h.owner.says("/invite owner");
  await h.owner.says("/members");
  assert.match(h.owner.lastReply(), /2 invite links not used yet/);
  await h.owner.presses("🔗 Invite links not used yet (2)");
  const list = h.owner.lastReply();
  assert.match(list, /1\. A clerk's link, made by Owner on .*; works until/);
  assert.match(list, /2\. A co-owner's link, made by Owner on/);
  await h.owner.presses("🚫 Withdraw link 1 (clerk)");
  assert.match(
    h.owner.lastReply(),
    /clerk's invite link is withdrawn: whoever opens it is told so\. 1 other link is still waiting/,
  );
  assert.equal(
    (await h.sql<{ n: number }>(
      "select count(*)::int as n from public.actions where action = 'invite_revoked'",
    ))[0].n,
    1,
  );
  await h.clerk.says(`/start ${code}`);
  assert.match(h.clerk.lastReply(), /invite link was withdrawn/);
  assert.deepEqual(await member(h, CLERK.id), undefined);
  await h.owner.says("/members");
  assert.match(h.owner.lastReply(), /1 invite link not used yet/);
  // A clerk sees no invite buttons; a forged press is refused.
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
  await h.clerk.says("/members");
  assert.deepEqual(h.clerk.buttons(), []);
  await forgedPress(h, h.clerk, "tm:inv");
  assert.match(h.clerk.lastReply(), /owner/);
});
