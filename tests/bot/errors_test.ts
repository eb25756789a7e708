/**
 * One error path: every ledger refusal the bot answers goes through explainRefusal
 * (shared/bot/replies.ts), whichever way it arrives (the PIN gate, withLoader,
 * readOrExplain, requireMember, the bot's error boundary), so the same code reads the
 * same and drops the same stale session state; anything else leaves the boundary as it
 * was thrown, so the webhook still answers 503 to a ledger outage.
 */
import assert from "node:assert/strict";
import { LedgerError, LedgerUnavailable } from "../../shared/db/errors.ts";
import { friendlyError, strangerNotice } from "../../shared/bot/friendly_errors.ts";
import { type ChatHarness, type ChatUser, CLERK, openChat } from "../support/chat.ts";

/** The code in the invite link of the bot's last reply to `user`. */
function inviteCode(user: ChatUser): string {
  const code = user.lastReply().match(/t\.me\/paytrack_test_bot\?start=([A-Za-z0-9_-]+)/)?.[1];
  assert.ok(code, `no invite link in: ${user.lastReply()}`);
  return code;
}

/** The text as the chat shows it (tags removed), for comparing with a reply's text. */
function shown(html: string): string {
  return html.replace(/<[^>]+>/g, "");
}

/** A member's session as stored (the JSON object), or undefined. */
async function sessionOf(h: ChatHarness, userId: number): Promise<Record<string, unknown>> {
  const rows = await h.sql<{ value: Record<string, unknown> }>(
    "select value from public.bot_sessions where key = $1",
    [`member:${userId}`],
  );
  return rows[0]?.value ?? {};
}

/** Points a member's selection at `id` (a customer that may not exist), keeping the rest. */
async function selectInSession(h: ChatHarness, userId: number, id: number, name: string) {
  await h.sql(
    `update public.bot_sessions
        set value = jsonb_set(value, '{selected}', jsonb_build_object('id', $2::int, 'name', $3::text))
      where key = $1`,
    [`member:${userId}`, id, name],
  );
}

/** A shop with a PIN, John Smith owing $50, and a clerk who joined and selected him. */
async function shopWithPinAndClerk(): Promise<ChatHarness> {
  const h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries");
  await h.owner.says("/setpin 2468 2468");
  await h.owner.says("/invite");
  await h.clerk.says(`/start ${inviteCode(h.owner)}`);
  assert.match(h.clerk.lastReply(), /You joined Owner's shop/);
  await h.clerk.says("/search jon");
  assert.match(h.clerk.lastReply(), /Selected John Smith/);
  return h;
}

async function removeClerk(h: ChatHarness): Promise<void> {
  await h.owner.says("/members");
  await h.owner.presses("⚙️ Clerk");
  await h.owner.presses("🚫 Remove from the shop");
  await h.owner.presses("✅ Yes, remove");
  assert.match(h.owner.lastReply(), /Removed Clerk/);
}

async function balance(h: ChatHarness): Promise<string> {
  const [row] = await h.sql<{ balance: string }>("select balance::text from public.customers");
  return row.balance;
}

Deno.test("a member removed while a PIN step is pending gets the stranger notice at the PIN, and their cached membership is gone", async () => {
  await using h = await shopWithPinAndClerk();
  await h.clerk.says("/pay 10 | cash");
  assert.match(h.clerk.lastReply(), /PIN to record a payment of \$10\.00 for John Smith/);
  await removeClerk(h);
  // The removal drops the clerk's session; one written back by an update in flight still
  // caches the membership and waits for the PIN.
  await h.sql(
    `insert into public.bot_sessions (key, value) select $1, jsonb_build_object(
          'member', jsonb_build_object('role', 'clerk', 'shopName', 'Owner''s shop',
                                       'currency', 'USD', 'minorUnit', 2),
          'selected', jsonb_build_object('id', 1, 'name', 'John Smith'),
          'pending', jsonb_build_object('command', 'pay', 'step', 'shop_pin',
                                        'params', jsonb_build_object('amount', 1000, 'note', 'cash'),
                                        'customer', jsonb_build_object('id', 1, 'name', 'John Smith')))
     on conflict (key) do update set value = excluded.value`,
    [`member:${CLERK.id}`],
  );
  assert.ok((await sessionOf(h, CLERK.id)).member, "the stale membership is cached");

  await h.clerk.says("2468");
  assert.equal(h.clerk.lastReply(), shown(strangerNotice(CLERK.id)));
  assert.doesNotMatch(h.clerk.lastReply(), /John|\$/);
  const session = await sessionOf(h, CLERK.id);
  assert.equal(session.member, undefined, "the cached membership is dropped");
  assert.equal(session.pending, undefined, "the pending payment is gone");
  assert.equal(await balance(h), "5000", "nothing was paid");

  // The next update asks the ledger again, and is refused the same way.
  await h.clerk.says("/summary");
  assert.equal(h.clerk.lastReply(), shown(strangerNotice(CLERK.id)));
});

Deno.test("the PIN gate itself refusing a removed member: the stranger notice, the cached membership dropped", async () => {
  await using h = await shopWithPinAndClerk();
  await removeClerk(h);
  await h.sql(
    `insert into public.bot_sessions (key, value) select $1, jsonb_build_object(
          'member', jsonb_build_object('role', 'clerk', 'shopName', 'Owner''s shop',
                                       'currency', 'USD', 'minorUnit', 2),
          'selected', jsonb_build_object('id', 1, 'name', 'John Smith'))
     on conflict (key) do update set value = excluded.value`,
    [`member:${CLERK.id}`],
  );
  // /pay with a cached membership reaches the PIN gate before any other ledger call.
  await h.clerk.says("/pay 10 | cash");
  assert.equal(h.clerk.lastReply(), shown(strangerNotice(CLERK.id)));
  const session = await sessionOf(h, CLERK.id);
  assert.equal(session.member, undefined);
  assert.equal(session.pending, undefined);
  assert.equal(await balance(h), "5000");
});

Deno.test("a refusal inside withLoader and inside readOrExplain reads the same for the same code, and drops the stale selection", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  const expected = `⚠️ ${friendlyError("customer_not_found")}`;

  // withLoader: recording a purchase for a selected customer that is not in the shop.
  await selectInSession(h, 1001, 999_999, "Ghost");
  const recorded = await h.owner.says("/addtransaction 5 | bread");
  assert.match(recorded[0].text, /^⏳/, "behind the loader");
  const viaLoader = h.owner.lastReply();
  assert.equal(viaLoader, expected);
  assert.equal((await sessionOf(h, 1001)).selected, undefined, "the stale selection is dropped");

  // readOrExplain: the summary of the same missing customer.
  await selectInSession(h, 1001, 999_999, "Ghost");
  await h.owner.says("/summary");
  const viaRead = h.owner.lastReply();
  assert.equal(viaRead, viaLoader);
  assert.equal((await sessionOf(h, 1001)).selected, undefined);
  const [count] = await h.sql<{ n: number }>("select count(*)::int as n from public.transactions");
  assert.equal(count.n, 0);
});

Deno.test("a role refusal drops the cached membership so the next update reloads it", async () => {
  await using h = await shopWithPinAndClerk();
  // The session says owner (a stale cache); the ledger knows a clerk.
  await h.sql(
    `update public.bot_sessions set value = jsonb_set(value, '{member,role}', '"owner"')
      where key = $1`,
    [`member:${CLERK.id}`],
  );
  await h.clerk.says("/invite");
  assert.equal(h.clerk.lastReply(), shown(`⚠️ ${friendlyError("owner_only")}`));
  assert.equal((await sessionOf(h, CLERK.id)).member, undefined);
  await h.clerk.says("/summary");
  assert.match(h.clerk.lastReply(), /John Smith/);
  const member = (await sessionOf(h, CLERK.id)).member as { role: string };
  assert.equal(member.role, "clerk", "reloaded from the ledger");
});

Deno.test("the error boundary answers a refusal no feature caught, and lets an outage through", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.sql("update public.bot_sessions set value = value - 'member'");
  const memberInfo = h.ledger.memberInfo.bind(h.ledger);

  // requireMember rethrows any refusal but not_a_member: the boundary answers it.
  h.ledger.memberInfo = () => Promise.reject(new LedgerError("rejected", "test"));
  await h.owner.says("/summary");
  assert.equal(h.owner.lastReply(), `⚠️ ${friendlyError("rejected")}`);

  // An outage is not a refusal: it leaves the bot as it was thrown (the webhook answers 503).
  h.ledger.memberInfo = () => Promise.reject(new LedgerUnavailable("database unreachable"));
  await assert.rejects(h.owner.says("/summary"), LedgerUnavailable);

  h.ledger.memberInfo = memberInfo;
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /John Smith/);
});
