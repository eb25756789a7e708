/** /settings through the bot: auto-archive of settled customers, owner-only; undo. */
import assert from "node:assert/strict";
import { addClerk, archived, balanceOf, scalar, shopWithJohn } from "../support/bot_fixtures.ts";
import { openChat } from "../support/chat.ts";

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
  assert.match(h.owner.lastReply(), /No (active )?customer matches/);
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
  await h.owner.presses(`↩️ Undo H${settingAction}`);
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await scalar(h, "select archive_when_settled as v from public.shops"), false);
});

/** The shop's local time of an instant, as Intl computes it (the test's independent check). */
function localHour(iso: string, zone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeStyle: "short" }).format(
    new Date(iso),
  );
}

Deno.test("/settings zone: typed or a button, validated; every member's times follow it across the end of DST; /undo puts it back", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/history"); // the clerk's session now caches the shop (zone UTC)
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /Time zone: UTC/);
  await h.owner.says("/settings zone Mars/Olympus");
  assert.match(h.owner.lastReply(), /Mars\/Olympus is not a time zone I know/);
  await h.owner.says("/settings zone asia/hebron");
  assert.match(h.owner.lastReply(), /time zone is now Asia\/Hebron/);
  assert.equal(await scalar(h, "select timezone as v from public.shops"), "Asia/Hebron");
  await h.clerk.says("/settings zone UTC");
  assert.match(h.clerk.lastReply(), /owner/);

  // Palestine's summer time ends in the night to Saturday 24 October 2026 (Intl agrees):
  // before it the shop is UTC+3, after it UTC+2.
  const before = "2026-10-23T21:30:00Z";
  const times = [before, "2026-10-24T21:30:00Z", "2026-10-25T21:30:00Z"];
  assert.deepEqual(times.map((t) => localHour(t, "Asia/Hebron")), ["00:30", "23:30", "23:30"]);
  await h.owner.says("/addtransaction 5 | bread");
  await h.owner.says("/addtransaction 6 | milk");
  const ids = await h.sql<{ id: number }>(
    "select id from public.actions where action = 'purchase_recorded' order by id",
  );
  for (const [i, iso] of times.entries()) {
    await h.sql("update public.actions set created_at = $1 where id = $2", [iso, ids[i].id]);
    await h.sql(
      "update public.transactions set created_at = $1 where id = (select transaction_id from public.actions where id = $2)",
      [iso, ids[i].id],
    );
  }
  await h.clerk.says("/history");
  const history = h.clerk.lastReply();
  assert.match(history, /24 Oct 2026, 00:30/, "before the change: UTC+3");
  assert.match(history, /24 Oct 2026, 23:30/, "after it: UTC+2");
  assert.match(history, /25 Oct 2026, 23:30/);

  // The button switches to another common zone; /undo puts the previous one back.
  await h.owner.says("/settings");
  await h.owner.presses("🕒 Asia/Amman");
  assert.match(h.owner.lastReply(), /time zone is now Asia\/Amman/);
  assert.equal(await scalar(h, "select timezone as v from public.shops"), "Asia/Amman");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await scalar(h, "select timezone as v from public.shops"), "Asia/Hebron");
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /Time zone: Asia\/Hebron/);
});

Deno.test("/settings: a PIN's date is in the shop's zone and says which", async () => {
  await using h = await shopWithJohn({ defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/setpin 97531864");
  await h.owner.says("97531864");
  await h.sql("update public.shops set pin_set_at = '2026-10-23T21:30:00Z'");
  await h.owner.says("/resetpin");
  await h.owner.says("/settings");
  const text = h.owner.lastReply();
  assert.match(text, /Shop PIN: set \(24 Oct 2026, 00:30\)/);
  assert.match(text, /PIN will be removed on .* \(Asia\/Hebron\)/);
  assert.doesNotMatch(text, /\(UTC\)/);
});

Deno.test("/settings: the shop's name, default language and digits; currency only while there are no transactions", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/settings name Layla's grocery");
  assert.match(h.owner.lastReply(), /now called Layla's grocery/);
  assert.match(h.owner.lastReply(), /\/undo switches it back/);
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /Settings of Layla's grocery/);
  assert.match(h.owner.lastReply(), /can change until the first transaction/);
  await h.owner.presses("✏️ Rename the shop");
  assert.match(h.owner.lastReply(), /\/settings name/);
  await h.owner.presses("🗣 Default language: العربية");
  assert.match(h.owner.lastReply(), /default language is now Arabic/);
  assert.equal(await scalar(h, "select language as v from public.shops"), "ar");
  // The owner's own language stays English (their Telegram app's).
  await h.owner.presses("🔢 Digits: Arabic-Indic ٠-٩");
  assert.equal(await scalar(h, "select digits as v from public.shops"), "arab");
  await h.owner.says("/settings currency ils");
  assert.match(h.owner.lastReply(), /currency is now ILS/);
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/addtransaction 50 | groceries");
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /Currency: ILS Fixed: the shop already has transactions/);
  assert.ok(!h.owner.buttons().flat().includes("💱 Change the currency"));
  await h.owner.says("/settings currency USD");
  assert.match(h.owner.lastReply(), /currency can't change any more/);
  assert.equal(await scalar(h, "select currency as v from public.shops"), "ILS");
});
