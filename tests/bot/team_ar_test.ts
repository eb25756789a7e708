/** The team in an Arabic chat: /invite, joining, /members, roles, invite links, /leave — all Arabic. */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, CLERK, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";

const ALLOWED = ["Owner", "Clerk", "Asia/Hebron"];

/** The bot's last reply to `user`, checked: Arabic, and no English phrase (buttons too). */
function arabic(user: ChatUser): string {
  const text = user.lastReply();
  assert.ok(hasArabic(text), `not Arabic: ${text}`);
  assertNoEnglish(text.replace(/https:\/\/\S+/g, " "), ALLOWED);
  for (const label of user.buttons().flat()) assertNoEnglish(label, ALLOWED);
  return text;
}

function inviteCode(user: ChatUser): string {
  return user.lastReply().match(/start=([A-Za-z0-9_-]+)/)![1];
}

Deno.test("Arabic team: invite, join, /members, a role change, invite links withdrawn, /leave", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/invite");
  assert.match(arabic(h.owner), /رابط دعوة لموظف جديد/);
  assert.match(h.owner.lastReply(), /Asia\/Hebron/);
  const code = inviteCode(h.owner);
  await h.owner.says("/invite manager");
  arabic(h.owner);
  await h.clerk.says(`/start ${code}`);
  assert.match(arabic(h.clerk), /انضممت إلى/);
  await h.clerk.says(`/start ${code}`);
  arabic(h.clerk);
  await h.clerk.says("/members");
  assert.match(arabic(h.clerk), /المالكون وحدهم/);
  await h.clerk.says("/invite");
  arabic(h.clerk);

  await h.owner.says("/members");
  assert.match(arabic(h.owner), /عضوان/);
  await h.owner.presses(/Clerk/);
  assert.match(arabic(h.owner), /معرّف Telegram/);
  await h.owner.presses(/اجعله[\u2068\u2069 ]*مالكًا/);
  assert.match(arabic(h.owner), /هل تجعل/);
  await h.owner.presses("✅ نعم");
  assert.match(arabic(h.owner), /أصبح .*Clerk.*مالكًا/);
  // The clerk was told, in Arabic.
  assert.ok(h.clerk.replies.some((r) => /دورك في/.test(r.text)));
  await h.owner.says("/members");
  arabic(h.owner);
  await h.owner.presses(/Clerk/);
  await h.owner.presses(/اجعله[\u2068\u2069 ]*موظفًا/);
  await h.owner.presses("✖️ لا");
  arabic(h.owner);

  // Invite links not used yet: listed, one withdrawn; opening it says so.
  await h.owner.says("/invite");
  const unused = inviteCode(h.owner);
  await h.owner.says("/invite");
  await h.owner.says("/members");
  assert.match(arabic(h.owner), /روابط دعوة لم تُستعمل بعد|رابطا دعوة لم يُستعملا بعد/);
  await h.owner.presses(/روابط دعوة لم تُستعمل/);
  assert.match(arabic(h.owner), /رابط موظف[\u2068\u2069]*، أنشأه/);
  await h.owner.presses(/سحب الرابط \u20681\u2069/);
  assert.match(arabic(h.owner), /سُحب رابط دعوة[\u2068\u2069 ]*الموظف/);
  const stranger = h.user({ id: 1009, is_bot: false, first_name: "سامي", language_code: "ar" });
  await stranger.says(`/start ${unused}`);
  assert.match(arabic(stranger), /سحب مالك المتجر رابط الدعوة/);

  await h.clerk.says("/leave");
  assert.match(arabic(h.clerk), /هل تغادر/);
  await h.clerk.presses("✖️ لا، أبقى");
  arabic(h.clerk);
  await h.clerk.says("/leave");
  await h.clerk.presses("✅ نعم، أغادر");
  assert.match(arabic(h.clerk), /غادرت/);
  const [row] = await h.sql<{ removed: boolean }>(
    "select removed_at is not null as removed from public.members where telegram_user_id = $1",
    [CLERK.id],
  );
  assert.equal(row.removed, true);
  await h.owner.says("/leave");
  assert.match(arabic(h.owner), /المالك الوحيد/);
});

/** The member's language as stored (null: not known yet). */
async function storedLanguage(h: ChatHarness, id: number) {
  const [row] = await h.sql<{ language: string | null }>(
    "select language from public.members where telegram_user_id = $1",
    [id],
  );
  return row.language;
}

Deno.test("a role change notice is in the member's language: an Arabic owner tells an English clerk in English", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  await h.owner.says("/invite");
  const clerk = h.user({ ...CLERK, language_code: "en" });
  await clerk.says(`/start ${inviteCode(h.owner)}`);
  assert.match(clerk.lastReply(), /You joined متجر Owner/);
  assert.equal(await storedLanguage(h, CLERK.id), "en");
  await h.owner.says("/members");
  await h.owner.presses(/Clerk/);
  await h.owner.presses(/اجعله[\u2068\u2069 ]*مالكًا/);
  await h.owner.presses("✅ نعم");
  assert.match(arabic(h.owner), /أصبح .*Clerk.*مالكًا/);
  assert.match(
    clerk.lastReply(),
    /^Your role in متجر Owner is now owner\. An owner can do everything/,
  );
  // Removed: told in English too.
  await h.owner.says("/members");
  await h.owner.presses(/Clerk/);
  await h.owner.presses("🚫 إزالة من المتجر");
  await h.owner.presses("✅ نعم، أزله");
  assert.match(clerk.lastReply(), /^You were removed from متجر Owner/);
});

Deno.test("a role change notice is in the member's language: an English owner tells an Arabic clerk in Arabic (digits too)", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/invite");
  const clerk = h.user({ ...CLERK, language_code: "ar" });
  await clerk.says(`/start ${inviteCode(h.owner)}`);
  assert.ok(hasArabic(clerk.lastReply()));
  assert.equal(await storedLanguage(h, CLERK.id), "ar");
  await h.owner.says("/members");
  await h.owner.presses("⚙️ Clerk");
  await h.owner.presses("👑 Make owner");
  await h.owner.presses("✅ Yes");
  assert.match(h.owner.lastReply(), /Clerk is now an owner/);
  const notice = clerk.lastReply();
  assert.match(notice, /^دورك في .*Owner's shop.* الآن: .*مالك/);
  assertNoEnglish(notice, ["Owner's shop"]);

  // A member whose language is not known is told in the shop's language (English here).
  await h.sql("update public.members set language = null where telegram_user_id = $1", [CLERK.id]);
  await h.owner.says("/members");
  await h.owner.presses("⚙️ Clerk");
  await h.owner.presses("🧾 Make clerk");
  await h.owner.presses("✅ Yes");
  assert.match(clerk.lastReply(), /^Your role in Owner's shop is now clerk/);
});
