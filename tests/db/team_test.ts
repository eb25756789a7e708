/** The team: invites, joining, roles, removal and leaving, on both engines. */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

/** A fresh invite code made by `owner`. */
async function invite(t: LedgerContext, owner: number, role: "owner" | "clerk" = "clerk") {
  const result = await t.ledger.team.createInvite({ actor: owner, updateId: t.updateId(), role });
  assert.ok(result.code, "a new invite has a code");
  return result.code!;
}

function join(t: LedgerContext, actor: number, code: string, displayName = `Person ${actor}`) {
  return t.ledger.team.redeemInvite({ actor, updateId: t.updateId(), code, displayName });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("an invite is random, stored only as its hash, and makes a clerk once", async (t) => {
    const { shop } = await t.world();
    const updateId = t.updateId();
    const made = await t.ledger.team.createInvite({ actor: shop.owner, updateId });
    assert.match(made.code!, /^[A-Za-z0-9_-]{24}$/);
    assert.equal(made.invite.role, "clerk");
    const hours = (Date.parse(made.invite.expires_at) - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `expires in 24 h, not ${hours}`);
    const other = await invite(t, shop.owner);
    assert.notEqual(other, made.code);

    // Neither the action log, the processed update nor the invite row holds the code.
    const stored = await t.sql<{ text: string }>(
      `select concat_ws(' ', (select string_agg(i::text, ' ') from public.invites as i),
                             (select string_agg(a::text, ' ') from public.actions as a),
                             (select string_agg(p::text, ' ') from public.processed_updates as p)) as text`,
    );
    assert.ok(!stored[0].text.includes(made.code!), "the plain code is stored nowhere");

    const newcomer = t.userId();
    const joined = await join(t, newcomer, made.code!, "  New   Hire ");
    assert.equal(joined.status, "joined");
    assert.deepEqual(joined.member, {
      user_id: newcomer,
      role: "clerk",
      display_name: "New Hire",
      language: null,
      digits: null,
    });
    assert.equal(joined.shop.id, shop.shopId);
    assert.equal((await t.ledger.memberInfo(newcomer)).member.role, "clerk");
    const [log] = await t.sql<{ action: string; role: string; by: string }>(
      `select action, action_info->>'role' as role, action_info->>'invited_by' as by
         from public.actions where actor_id = $1`,
      [newcomer],
    );
    assert.deepEqual(log, { action: "member_joined", role: "clerk", by: String(shop.owner) });

    const late = t.userId();
    await assertLedgerError(join(t, late, made.code!), "invite_used");
    await assertLedgerError(t.ledger.memberInfo(late), "not_a_member");
  });

  suite.test("/invite owner makes a co-owner", async (t) => {
    const { shop } = await t.world();
    const partner = t.userId();
    const joined = await join(t, partner, await invite(t, shop.owner, "owner"));
    assert.equal(joined.member.role, "owner");
    const team = await t.ledger.team.listMembers(partner);
    assert.deepEqual(team.members.map((m) => [m.user_id, m.role]), [
      [shop.owner, "owner"],
      [partner, "owner"],
      [shop.clerk, "clerk"],
    ]);
  });

  suite.test("wrong, expired and withdrawn codes are refused and say nothing about the shop", async (t) => {
    const { shop } = await t.world();
    const someone = t.userId();
    for (const code of ["nope", "x".repeat(24), "../../etc", "", "ä".repeat(10), "a".repeat(65)]) {
      const error = await assertLedgerError(join(t, someone, code), "invite_invalid");
      assert.doesNotMatch(error.detail, /shop of|owner/i);
    }
    const expired = await invite(t, shop.owner);
    await t.sql(
      `update public.invites set expires_at = now() - interval '1 second' where shop_id = $1`,
      [shop.shopId],
    );
    await assertLedgerError(join(t, someone, expired), "invite_expired");

    // A link made by an owner who was later made a clerk no longer works.
    const partner = t.userId();
    await t.addMember(shop.shopId, partner, "owner");
    const withdrawn = await invite(t, partner);
    await t.ledger.team.changeRole({
      actor: shop.owner,
      updateId: t.updateId(),
      member: partner,
      role: "clerk",
    });
    await assertLedgerError(join(t, someone, withdrawn), "invite_invalid");
    await assertLedgerError(t.ledger.memberInfo(someone), "not_a_member");
  });

  suite.test("a member of another shop is told so; a member of this shop is greeted and the link kept", async (t) => {
    const { shop, rival } = await t.world();
    const code = await invite(t, shop.owner);
    await assertLedgerError(join(t, rival.clerk, code), "already_in_a_shop");
    const mine = await join(t, shop.clerk, code);
    assert.equal(mine.status, "already_member");
    const stranger = t.userId();
    assert.equal((await join(t, stranger, code)).status, "joined", "the link still works once");
  });

  suite.test("clerks and strangers cannot change the team", async (t) => {
    const { shop } = await t.world();
    const before = await t.counts(shop.shopId);
    await assertLedgerError(
      t.ledger.team.createInvite({ actor: shop.clerk, updateId: t.updateId() }),
      "owner_only",
    );
    await assertLedgerError(
      t.ledger.team.changeRole({
        actor: shop.clerk,
        updateId: t.updateId(),
        member: shop.clerk,
        role: "owner",
      }),
      "owner_only",
    );
    await assertLedgerError(
      t.ledger.team.removeMember({ actor: shop.clerk, updateId: t.updateId(), member: shop.owner }),
      "owner_only",
    );
    const stranger = t.userId();
    await assertLedgerError(
      t.ledger.team.createInvite({ actor: stranger, updateId: t.updateId() }),
      "not_a_member",
    );
    await assertLedgerError(t.ledger.team.listMembers(stranger), "not_a_member");
    await assertLedgerError(
      t.ledger.team.leave({ actor: stranger, updateId: t.updateId() }),
      "not_a_member",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);
    assert.equal(
      await t.scalar(`select count(*) as value from public.invites where shop_id = $1`, [
        shop.shopId,
      ]),
      0,
    );
  });

  suite.test("an owner changes roles but never leaves the shop without an owner", async (t) => {
    const { shop, rival } = await t.world();
    const promoted = await t.ledger.team.changeRole({
      actor: shop.owner,
      updateId: t.updateId(),
      member: shop.clerk,
      role: "owner",
    });
    assert.deepEqual([promoted.from, promoted.member.role], ["clerk", "owner"]);
    // Who to tell, in which language: the member's language is not known, so the shop's.
    assert.deepEqual(promoted.recipient, { user_id: shop.clerk, language: "en", digits: "latn" });
    assert.equal((await t.ledger.memberInfo(shop.clerk)).member.role, "owner");
    await assertLedgerError(
      t.ledger.team.changeRole({
        actor: shop.owner,
        updateId: t.updateId(),
        member: shop.clerk,
        role: "owner",
      }),
      "role_unchanged",
    );
    // The former clerk demotes the original owner; then nobody may demote the last one.
    await t.ledger.team.changeRole({
      actor: shop.clerk,
      updateId: t.updateId(),
      member: shop.owner,
      role: "clerk",
    });
    await assertLedgerError(
      t.ledger.team.changeRole({
        actor: shop.clerk,
        updateId: t.updateId(),
        member: shop.clerk,
        role: "clerk",
      }),
      "last_owner",
    );
    await assertLedgerError(
      t.ledger.team.changeRole({
        actor: shop.clerk,
        updateId: t.updateId(),
        member: rival.clerk,
        role: "owner",
      }),
      "member_not_found",
    );
    const log = await t.sql<{ info: Record<string, unknown> }>(
      `select action_info as info from public.actions
        where shop_id = $1 and action = 'member_role_changed' order by id`,
      [shop.shopId],
    );
    assert.deepEqual(log.map((r) => [r.info.from, r.info.to]), [["clerk", "owner"], [
      "owner",
      "clerk",
    ]]);
  });

  suite.test("two people opening one link at once: exactly one joins", async (t) => {
    const { shop } = await t.world();
    const code = await invite(t, shop.owner);
    const [a, b] = [t.userId(), t.userId()];
    const outcomes = await Promise.allSettled([join(t, a, code), join(t, b, code)]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ["fulfilled", "rejected"]);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    assert.equal(refused.reason.code, "invite_used");
    assert.equal(
      await t.scalar(
        `select count(*) as value from public.members where telegram_user_id in ($1, $2)`,
        [a, b],
      ),
      1,
    );
  });

  suite.test("two owners demoting each other at once leave one owner", async (t) => {
    const { shop } = await t.world();
    await t.addMember(shop.shopId, t.userId(), "clerk");
    const partner = t.userId();
    await t.addMember(shop.shopId, partner, "owner");
    const outcomes = await Promise.allSettled([
      t.ledger.team.changeRole({
        actor: shop.owner,
        updateId: t.updateId(),
        member: partner,
        role: "clerk",
      }),
      t.ledger.team.changeRole({
        actor: partner,
        updateId: t.updateId(),
        member: shop.owner,
        role: "clerk",
      }),
    ]);
    assert.equal(outcomes.filter((o) => o.status === "fulfilled").length, 1);
    assert.equal(
      await t.scalar(
        `select count(*) as value from public.members where shop_id = $1 and role = 'owner'`,
        [shop.shopId],
      ),
      1,
    );
  });

  suite.test("a removed member loses access at once and their bot session is dropped", async (t) => {
    const { shop } = await t.world();
    const customer = await t.addCustomer(shop.owner, "Ann");
    await t.ledger.sessionWrite(`member:${shop.clerk}`, { member: { role: "clerk" } });
    await t.ledger.sessionWrite(`member:${shop.owner}`, { member: { role: "owner" } });
    await assertLedgerError(
      t.ledger.team.removeMember({ actor: shop.owner, updateId: t.updateId(), member: shop.owner }),
      "cannot_remove_self",
    );
    const removed = await t.ledger.team.removeMember({
      actor: shop.owner,
      updateId: t.updateId(),
      member: shop.clerk,
    });
    assert.equal(removed.member.display_name, shop.clerkName);
    assert.equal(removed.recipient?.user_id, shop.clerk);
    await assertLedgerError(t.purchase(shop.clerk, customer.id, 100), "not_a_member");
    await assertLedgerError(t.ledger.listCustomers(shop.clerk), "not_a_member");
    assert.equal(await t.ledger.sessionRead(`member:${shop.clerk}`), undefined);
    assert.deepEqual(await t.ledger.sessionRead(`member:${shop.owner}`), {
      member: { role: "owner" },
    });
    await assertLedgerError(
      t.ledger.team.removeMember({ actor: shop.owner, updateId: t.updateId(), member: shop.clerk }),
      "member_not_found",
    );
    const team = await t.ledger.team.listMembers(shop.owner);
    assert.deepEqual(team.members.map((m) => m.user_id), [shop.owner]);
    const history = await t.ledger.listActions(shop.owner, { member: shop.owner });
    assert.equal(history.actions[0].action, "member_removed");
  });

  suite.test("a removed member can be invited back", async (t) => {
    const { shop } = await t.world();
    await t.ledger.team.removeMember({
      actor: shop.owner,
      updateId: t.updateId(),
      member: shop.clerk,
    });
    const back = await join(t, shop.clerk, await invite(t, shop.owner, "owner"), "Back Again");
    assert.deepEqual(back.member, {
      user_id: shop.clerk,
      role: "owner",
      display_name: "Back Again",
      language: null,
      digits: null,
    });
  });

  suite.test("a member leaves; the last owner cannot", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(
      t.ledger.team.leave({ actor: shop.owner, updateId: t.updateId() }),
      "last_owner",
    );
    const left = await t.ledger.team.leave({ actor: shop.clerk, updateId: t.updateId() });
    assert.equal(left.member.role, "clerk");
    await assertLedgerError(t.ledger.memberInfo(shop.clerk), "not_a_member");
    const [log] = await t.sql<{ action: string }>(
      `select action from public.actions where actor_id = $1 order by id desc limit 1`,
      [shop.clerk],
    );
    assert.equal(log.action, "member_left");
    // With a co-owner, an owner may leave.
    const partner = t.userId();
    await join(t, partner, await invite(t, shop.owner, "owner"));
    await t.ledger.team.leave({ actor: shop.owner, updateId: t.updateId() });
    assert.equal((await t.ledger.team.listMembers(partner)).members.length, 1);
  });

  suite.test("team changes are idempotent on update_id", async (t) => {
    const { shop } = await t.world();
    const updateId = t.updateId();
    const first = await t.ledger.team.createInvite({ actor: shop.owner, updateId });
    const again = await t.ledger.team.createInvite({ actor: shop.owner, updateId });
    assert.equal(again.invite.id, first.invite.id, "the same invite");
    assert.notEqual(again.code, first.code, "with a fresh code: the first was never stored");
    await assertLedgerError(join(t, t.userId(), first.code!), "invite_invalid");
    const joiner = t.userId();
    const joinUpdate = t.updateId();
    const joinArgs = { actor: joiner, updateId: joinUpdate, code: again.code!, displayName: "J" };
    await t.ledger.team.redeemInvite(joinArgs);
    assert.equal((await t.ledger.team.redeemInvite(joinArgs)).status, "joined");
    const used = await t.ledger.team.createInvite({ actor: shop.owner, updateId });
    assert.equal(used.code, undefined, "a used invite gets no new code");

    const removal = { actor: shop.owner, updateId: t.updateId(), member: joiner };
    await t.ledger.team.removeMember(removal);
    await t.ledger.team.removeMember(removal);
    assert.equal(
      await t.scalar(
        `select count(*) as value from public.actions where shop_id = $1 and action in
           ('member_invited', 'member_joined', 'member_removed')`,
        [shop.shopId],
      ),
      3,
    );
  });

  suite.test("an owner lists unused invite links and withdraws one: logged, and opening it says withdrawn", async (t) => {
    const { shop } = await t.world();
    const first = await invite(t, shop.owner);
    const second = await invite(t, shop.owner, "owner");
    const used = await invite(t, shop.owner);
    await join(t, t.userId(), used);
    const list = await t.ledger.team.listInvites(shop.owner);
    assert.deepEqual(list.invites.map((i) => i.role), ["clerk", "owner"]);
    assert.equal(list.invites[0].created_by, shop.owner);
    assert.equal(list.invites[0].created_by_name, shop.ownerName);
    assert.equal((await t.ledger.team.listMembers(shop.owner)).open_invites, 2);
    await assertLedgerError(t.ledger.team.listInvites(shop.clerk), "owner_only");
    await assertLedgerError(
      t.ledger.team.revokeInvite({
        actor: shop.clerk,
        updateId: t.updateId(),
        invite: list.invites[0].id,
      }),
      "owner_only",
    );

    const updateId = t.updateId();
    const revoked = await t.ledger.team.revokeInvite({
      actor: shop.owner,
      updateId,
      invite: list.invites[0].id,
    });
    assert.equal(revoked.open_invites, 1);
    assert.deepEqual(
      await t.ledger.team.revokeInvite({ actor: shop.owner, updateId, invite: list.invites[0].id }),
      revoked,
      "a redelivered update answers the same",
    );
    await assertLedgerError(
      t.ledger.team.revokeInvite({
        actor: shop.owner,
        updateId: t.updateId(),
        invite: list.invites[0].id,
      }),
      "invite_withdrawn",
    );
    const [log] = await t.sql<{ id: string }>(
      `select action_info->>'invite_id' as id from public.actions where action = 'invite_revoked'`,
    );
    assert.equal(Number(log.id), list.invites[0].id);
    await assertLedgerError(join(t, t.userId(), first), "invite_withdrawn");
    assert.equal((await t.ledger.team.listMembers(shop.owner)).open_invites, 1);
    assert.equal((await join(t, t.userId(), second)).status, "joined");
    // Used, or another shop's: refused.
    const usedId = (await t.sql<{ id: number }>(
      `select id from public.invites where used_at is not null and shop_id = $1 order by id limit 1`,
      [shop.shopId],
    ))[0].id;
    await assertLedgerError(
      t.ledger.team.revokeInvite({
        actor: shop.owner,
        updateId: t.updateId(),
        invite: Number(usedId),
      }),
      "invite_used",
    );
    const { rival } = await t.world();
    const theirs = await t.ledger.team.createInvite({ actor: rival.owner, updateId: t.updateId() });
    await assertLedgerError(
      t.ledger.team.revokeInvite({
        actor: shop.owner,
        updateId: t.updateId(),
        invite: theirs.invite.id,
      }),
      "invite_invalid",
    );
  });

  suite.test("the member to tell comes with their language and digits, else the shop's", async (t) => {
    const { shop } = await t.world();
    await t.sql("update public.shops set language = 'ar', digits = 'arab' where id = $1", [
      shop.shopId,
    ]);
    const promoted = await t.ledger.team.changeRole({
      actor: shop.owner,
      updateId: t.updateId(),
      member: shop.clerk,
      role: "owner",
    });
    assert.deepEqual(promoted.recipient, { user_id: shop.clerk, language: "ar", digits: "arab" });
    await t.sql(
      "update public.members set language = 'en', digits = 'latn' where telegram_user_id = $1",
      [shop.clerk],
    );
    const removed = await t.ledger.team.removeMember({
      actor: shop.owner,
      updateId: t.updateId(),
      member: shop.clerk,
    });
    assert.deepEqual(removed.recipient, { user_id: shop.clerk, language: "en", digits: "latn" });
  });
}
