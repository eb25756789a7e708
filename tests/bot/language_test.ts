/**
 * /language: a member's own language and digits, stored in Postgres (not only the session):
 * the very reply speaks the new language, and a fresh bot on the same database (a cold start,
 * sessions gone) still does. A member whose Telegram app is Arabic gets Arabic from the start.
 */
import assert from "node:assert/strict";
import { CLERK, openChat, OWNER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { scalar } from "../support/bot_fixtures.ts";

Deno.test("/language: the buttons switch the very reply to Arabic, it is stored, and a cold start still speaks Arabic", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/language");
  assert.match(
    h.owner.lastReply(),
    /PayTrack speaks English to you and writes numbers as Latin 0-9/,
  );
  assert.deepEqual(h.owner.buttons(), [
    ["✅ English", "العربية"],
    ["✅ Latin 0-9", "Arabic-Indic ٠-٩"],
  ]);
  await h.owner.presses("العربية");
  const reply = h.owner.lastReply();
  assert.ok(hasArabic(reply), reply);
  assertNoEnglish(reply);
  assert.match(reply, /بالعربية/);
  assert.equal(
    await scalar(h, "select language as v from public.members where telegram_user_id = $1", [
      OWNER.id,
    ]),
    "ar",
  );
  await h.owner.says("/settings");
  assert.match(h.owner.lastReply(), /إعدادات/);

  // A fresh bot on the same database, with every session gone, still speaks Arabic.
  await h.sql("delete from public.bot_sessions");
  await using cold = await openChat({ db: h.db, firstUpdateId: 500_000 });
  await cold.owner.says("/language");
  assert.ok(hasArabic(cold.owner.lastReply()), cold.owner.lastReply());
  assertNoEnglish(cold.owner.lastReply(), ["English"]);

  // And back to English: the reply is English.
  await cold.owner.presses("English");
  assert.match(cold.owner.lastReply(), /From now on PayTrack speaks English to you/);
  assert.equal(
    await scalar(h, "select language as v from public.members where telegram_user_id = $1", [
      OWNER.id,
    ]),
    "en",
  );
});

Deno.test("/language: Arabic-Indic digits are stored and every number is written with them", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addtransaction 50 | groceries");
  await h.owner.says("/language");
  await h.owner.presses("Arabic-Indic ٠-٩");
  assert.match(h.owner.lastReply(), /Numbers are now written as Arabic-Indic/);
  assert.equal(
    await scalar(h, "select digits as v from public.members where telegram_user_id = $1", [
      OWNER.id,
    ]),
    "arab",
  );
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /٥٠/);
  assert.doesNotMatch(h.owner.lastReply(), /\b50\b/);
  await h.owner.says("/language latn");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /50/);
});

Deno.test("a member whose Telegram app is Arabic is spoken to in Arabic at first contact, and it is stored", async () => {
  await using h = await openChat({ language: "ar" });
  await h.owner.says("/start");
  assert.ok(hasArabic(h.owner.lastReply()), h.owner.lastReply());
  assertNoEnglish(h.owner.lastReply(), ["Owner"]);
  assert.equal(
    await scalar(h, "select language as v from public.members where telegram_user_id = $1", [
      OWNER.id,
    ]),
    "ar",
  );
  // The clerk joins with an invite: Arabic too, and stored.
  await h.owner.says("/invite");
  const code = h.owner.lastReply().match(/start=([A-Za-z0-9_-]+)/)![1];
  await h.clerk.says(`/start ${code}`);
  assert.ok(hasArabic(h.clerk.lastReply()), h.clerk.lastReply());
  assertNoEnglish(h.clerk.lastReply(), ["Clerk", "Owner"]);
  assert.equal(
    await scalar(h, "select language as v from public.members where telegram_user_id = $1", [
      CLERK.id,
    ]),
    "ar",
  );
  // /language in English for one member changes only theirs.
  await h.clerk.says("/language en");
  assert.match(h.clerk.lastReply(), /speaks English/);
  await h.owner.says("/language");
  assert.ok(hasArabic(h.owner.lastReply()));
});
