/** /settings through the bot: auto-archive of settled customers, owner-only; undo. */
import assert from "node:assert/strict";
import { addClerk, archived, balanceOf, scalar, shopWithJohn } from "../support/bot_fixtures.ts";

Deno.test("/settings: the owner turns on archiving settled customers; a settling payment archives and says so; /undo restores", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/settings");
  assert.match(h.clerk.lastReply(), /balance reaches zero: off[\s\S]*Only the shop owner/);
  assert.deepEqual(h.clerk.buttons(), []);
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /balance reaches zero: off/);
  await h.owner.presses("🗄 Turn auto-archive on");
  assert.match(h.owner.lastReply(), /now on/);
  assert.equal(await scalar(h, "select archive_when_settled as v from public.shops"), true);

  await h.owner.says("/pay 20");
  assert.equal(await archived(h, "John Smith"), false, "not settled yet");
  await h.owner.says("/pay all");
  assert.match(
    h.owner.lastReply(),
    /Settled in full[\s\S]*John Smith is settled, so they were archived/,
  );
  assert.equal(await archived(h, "John Smith"), true);
  await h.owner.says("/search john");
  assert.match(h.owner.lastReply(), /No customer matches/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await archived(h, "John Smith"), false);
  assert.equal(await balanceOf(h, "John Smith"), 3000);

  // The setting's change is undoable too (the latest undoable action is the setting itself
  // once the payments are undone).
  await h.owner.says("/history");
  const settingAction = Number(
    await scalar(h, "select id as v from public.actions where action = 'setting_changed'"),
  );
  await h.owner.presses(`↩️ Undo #${settingAction}`);
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await scalar(h, "select archive_when_settled as v from public.shops"), false);
});
