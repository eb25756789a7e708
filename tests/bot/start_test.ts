/** /start and access (the listed owner, a first claimant, strangers, groups) and /help, through the bot. */
import assert from "node:assert/strict";
import { COMMANDS } from "../../shared/bot/create_bot.ts";
import { openChat } from "../support/chat.ts";
import { count, shopWithJohn } from "../support/bot_fixtures.ts";

Deno.test("/start opens the listed owner's shop; a stranger is told the bot is private and can change nothing", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  assert.match(h.owner.lastReply(), /Your shop .* is ready and you are its owner/);
  await h.stranger.says("/start");
  assert.match(h.stranger.lastReply(), /private/);
  assert.match(h.stranger.lastReply(), new RegExp(String(h.stranger.user.id)));
  await h.stranger.says("/addcustomer Eve | 0591111111");
  assert.match(h.stranger.lastReply(), /private/);
  await h.stranger.says("/search");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal(await count(h, "customers"), 0);
  assert.equal(await count(h, "shops"), 1);
});

Deno.test("without OWNER_TELEGRAM_IDS the first /start claims the bot and says so; the next person is a stranger", async () => {
  await using h = await openChat({ ownerIds: [] });
  await h.owner.says("/start");
  assert.match(h.owner.lastReply(), /first to start this bot, so you now own it/);
  await h.stranger.says("/start");
  assert.match(h.stranger.lastReply(), /private/);
  assert.equal(await count(h, "members"), 1);
});

Deno.test("in a group the bot shows no ledger data and points to the private chat", async () => {
  await using h = await shopWithJohn();
  const group = h.owner.inGroup();
  await group.says("/search");
  assert.match(group.lastReply(), /works only in a private chat/);
  assert.doesNotMatch(group.lastReply(), /John/);
});

Deno.test("/help covers every command, and every command here asks for what is missing", async () => {
  await using h = await shopWithJohn();
  const guide = (await h.owner.says("/help")).map((r) => r.text).join("\n");
  for (
    const command of [
      "transactions",
      "transaction",
      "deletecustomer",
      "rename",
      "nickname",
      "tag",
      "untag",
      "tags",
      "link",
      "unlink",
      "merge",
      "settings",
      "setpin",
    ]
  ) {
    assert.ok(guide.includes(`/${command} —`), `/help lists /${command}`);
    assert.ok(COMMANDS.some((c) => c.command === command));
    await h.owner.says(`/help ${command}`);
    assert.match(h.owner.lastReply(), new RegExp(`^/${command} — `));
  }
  // Without a selected customer, commands ask who first, then continue.
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/transactions #weekly");
  assert.match(h.owner.lastReply(), /Whose transactions/);
  await h.owner.says("john");
  assert.match(h.owner.lastReply(), /1–1 of 1 \(#weekly\)/);
  await h.sql("delete from public.bot_sessions");
  await h.owner.says("/nickname");
  assert.match(h.owner.lastReply(), /Who is it for/);
  await h.owner.says("0590000000");
  assert.match(h.owner.lastReply(), /What hidden nickname/);
  await h.owner.says("/help");
  assert.match(h.owner.lastReply(), /waiting for an answer for \/nickname/);
});
