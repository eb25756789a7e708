/**
 * The core of the bot in an Arabic chat: /start opens a shop in Arabic (its language stored),
 * a stranger with an Arabic app gets the private-bot notice in Arabic, /help (the guide and
 * /help pay), /setpin and a PIN-protected /pay, a refusal, "I don't know /x", /cancel and
 * /skip, the step engine's notices and the bare-name search offer — every reply and button
 * Arabic, no English phrase.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, CLERK, openChat, STRANGER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";

const SARA = "سارة خليل";
const PIN = "97531864";
const ALLOWED = [SARA, "Owner", "Clerk", "Asia/Hebron"];

/** Without bidi marks and with plain spaces. */
function plain(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "").replace(/\u00a0/g, " ");
}

/** Every reply (and its buttons) checked: Arabic, no English phrase; the last one, plain. */
function arabic(replies: { text: string; buttons: string[][] }[]): string {
  assert.ok(replies.length > 0, "a reply");
  for (const r of replies) {
    assert.ok(hasArabic(r.text), `not Arabic: ${r.text}`);
    assertNoEnglish(r.text, ALLOWED);
    for (const label of r.buttons.flat()) assertNoEnglish(label, ALLOWED);
  }
  return plain(replies.at(-1)!.text);
}

/** The user says `text`; every reply is checked, the last returned plain. */
async function says(user: ChatUser, text: string): Promise<string> {
  return arabic(await user.says(text));
}

async function arabicShop(): Promise<ChatHarness> {
  const h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  await h.owner.says("/start");
  return h;
}

async function addClerk(h: ChatHarness): Promise<void> {
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
}

Deno.test("Arabic /start: a new owner's shop opens in Arabic, and its language is stored", async () => {
  await using h = await openChat({ language: "ar", defaultTimeZone: "Asia/Hebron" });
  const opened = await says(h.owner, "/start");
  assert.match(opened, /^👋 أهلًا بك يا Owner! متجرك متجر Owner \(USD\) جاهز وأنت مالكه\./);
  assert.match(opened, /أضف أول زبون بـ \/addcustomer/);
  const [shop] = await h.sql<{ name: string; language: string; timezone: string }>(
    "select name, language, timezone from public.shops",
  );
  assert.deepEqual(shop, { name: "متجر Owner", language: "ar", timezone: "Asia/Hebron" });
  assert.doesNotMatch(shop.name, /[\u2066-\u2069]/, "no bidi marks in the stored name");

  assert.match(await says(h.owner, "/start"), /أهلًا بعودتك يا Owner\. أنت مالك في متجر Owner/);
  await addClerk(h);
  assert.match(await says(h.clerk, "/start"), /أهلًا بعودتك يا Clerk\. أنت موظف في/);
});

Deno.test("Arabic: a stranger with an Arabic app gets the private-bot notice in Arabic", async () => {
  await using h = await arabicShop();
  const stranger = h.user({ ...STRANGER, language_code: "ar" });
  const notice = await says(stranger, "/start");
  assert.match(notice, /PayTrack خاص/);
  assert.match(notice, new RegExp(`رقمك في Telegram هو ${STRANGER.id}\\.`));
  assert.match(await says(stranger, "مرحبا"), /PayTrack خاص/);
});

Deno.test("Arabic /help: the whole guide and /help pay", async () => {
  await using h = await arabicShop();
  // The whole guide, examples included (Arabic names and notes, from the catalogs).
  const pages = await h.owner.says("/help");
  arabic(pages);
  const guide = pages.map((r) => plain(r.text)).join("\n");
  assert.match(guide, /\/addcustomer/);
  assert.match(guide, /مثال: \/addcustomer ليلى ناصر \| 0599123456/);
  assert.match(guide, /\/pay/);
  const pay = await says(h.owner, "/help pay");
  assert.match(pay, /\/pay/);
  assert.match(pay, /أمثلة:\n\/pay 30 \| نقدا\n\/pay الكل/);
});

Deno.test("Arabic /setpin, a PIN-protected /pay, a wrong PIN, and the PIN reset", async () => {
  await using h = await arabicShop();
  assert.match(await says(h.owner, "/setpin"), /أرسل الرمز السري الجديد للمتجر: من 4 إلى 8 أرقام/);
  assert.match(await says(h.owner, PIN), /أرسل الرمز نفسه مرة أخرى/);
  assert.match(await says(h.owner, PIN), /تم تعيين الرمز السري للمتجر/);
  await h.sql("update public.member_pins set valid_until = now() - interval '1 second'");

  await says(h.owner, `/addcustomer ${SARA} | 0591234567`);
  await says(h.owner, "/addtransaction 50");
  const prompt = await says(h.owner, "/pay 20");
  assert.match(prompt, /🔒 أدخل الرمز السري من أجل: /);
  assert.match(prompt, /سارة خليل/);
  assert.match(prompt, /\/cancel للإيقاف/);
  assert.match(await says(h.owner, "1111"), /❌ رمز سري خاطئ\. بقيت 4 محاولات قبل/);
  await says(h.owner, PIN);
  const [row] = await h.sql<{ balance: string }>("select balance::text from public.customers");
  assert.equal(row.balance, "3000");

  // The reset: its date in the shop's zone, which it names.
  const reset = await says(h.owner, "/resetpin");
  assert.match(reset, /سيُزال الرمز السري للمتجر في .+ \(بتوقيت Asia\/Hebron، بعد 24 ساعة\)/);
  assert.match(reset, /أنت المالك الوحيد/);
  assert.deepEqual(h.owner.buttons(), [["❌ إلغاء إزالة الرمز السري"]]);
  await h.sql("update public.member_pins set valid_until = now() - interval '1 second'");
  const note = await says(h.owner, "/pay 5");
  assert.match(note, /هناك طلب لإزالة الرمز السري: سيُزال رمز المتجر في .+ \(بتوقيت Asia\/Hebron\)/);
  assert.match(await says(h.owner, "/cancel"), /.+/);
  assert.match(await says(h.owner, "/resetpin cancel"), /✅ أُلغيت إزالة الرمز السري/);
});

Deno.test("Arabic refusals: a clerk using owner commands", async () => {
  await using h = await arabicShop();
  await addClerk(h);
  assert.match(await says(h.clerk, "/setpin"), /🔒 لا يعيّن الرمز السري إلا مالك المتجر/);
  assert.match(await says(h.clerk, "/resetpin"), /🔒 لا يزيل الرمز السري إلا مالك المتجر/);
  await says(h.owner, `/addcustomer ${SARA} | 0591234567`);
  // A ledger refusal reads the same in Arabic (explainRefusal, friendly_errors.ts).
  assert.match(await says(h.owner, "/pay all"), /⚠️ هذا الزبون لا دين عليه، فلا شيء يُسدَّد\./);
  // A limit's message (limits.ts), quoting the limit; the example is the registry's.
  const [long] = await h.owner.says(`/addcustomer ${"ب".repeat(121)}`);
  const sentence = plain(long.text).split("\n")[0];
  arabic([{ text: sentence, buttons: [] }]);
  assert.equal(sentence, "هذا الاسم طويل جدًا (120 حرفًا على الأكثر).");
});

Deno.test("Arabic: I don't know /x, /cancel and /skip, a dropped step, a bare name", async () => {
  await using h = await arabicShop();
  assert.match(await says(h.owner, "/foo"), /^لا أعرف الأمر \/foo\. يعرض \/help ما أستطيع فعله\.$/);
  assert.match(await says(h.owner, "/paay"), /هل تقصد \/pay؟/);
  assert.match(await says(h.owner, "/skip"), /لا يوجد ما يمكن تجاوزه الآن/);
  await says(h.owner, "/cancel");

  await says(h.owner, `/addcustomer ${SARA} | 0591234567`);
  await says(h.owner, "/addtransaction");
  const replies = await h.owner.says("/pay");
  arabic(replies);
  assert.match(plain(replies[0].text), new RegExp(`^✖️ توقّف إدخال .+ لـ ${SARA} الذي كنت تكتبه`));
  assert.match(await says(h.owner, "20"), /.+/);
  assert.match(await says(h.owner, "/skip"), /.+/);
  assert.match(await says(h.owner, "/cancel"), /.+/);

  const offer = await says(h.owner, "سارة");
  assert.match(offer, /هل تبحث عن زبون اسمه سارة؟/);
  assert.deepEqual(plain(h.owner.buttons().flat().join()), "🔎 ابحث عن سارة");
  assert.match(arabic(await h.owner.presses(/ابحث عن/)), new RegExp(SARA));

  assert.match(await says(h.owner, "12 + 30 = ?"), /لست متأكدًا مما أفعله بهذا/);
  assert.match(arabic(await h.owner.sendsSticker()), /لا أفهم هنا إلا النصوص/);
});

Deno.test("English chats are unchanged: the same replies as before", async () => {
  await using h = await openChat();
  const [opened] = await h.owner.says("/start");
  assert.equal(
    opened.text,
    "👋 Welcome, Owner! Your shop Owner's shop (USD) is ready and you are its owner.\n" +
      "Add your first customer with /addcustomer Name | phone, or see /help.",
  );
  assert.equal(
    h.owner.lastReply(),
    opened.text,
  );
  assert.equal(
    (await h.owner.says("/foo"))[0].text,
    "I don't know /foo. /help lists what I can do.",
  );
  assert.equal((await h.owner.says("/skip"))[0].text, "There is nothing to skip right now.");
});

Deno.test("the default shop name: an Arabic opener's is Arabic (متجر <first name>), stored without bidi marks; an English one's unchanged", async () => {
  await using h = await openChat({ language: "ar", ownerIds: [1011, 1012] });
  const sara = h.user({
    id: 1011,
    is_bot: false,
    first_name: "سارة",
    last_name: "خليل",
    language_code: "ar",
  });
  assert.match(await says(sara, "/start"), /متجرك متجر سارة \(USD\) جاهز/);
  const tom = h.user({ id: 1012, is_bot: false, first_name: "Tom", language_code: "en-US" });
  assert.match((await tom.says("/start")).at(-1)!.text, /Your shop Tom's shop \(USD\) is ready/);
  const names = await h.sql<{ name: string; language: string }>(
    "select name, language from public.shops order by id",
  );
  assert.deepEqual([...names], [{ name: "متجر سارة", language: "ar" }, {
    name: "Tom's shop",
    language: "en",
  }]);
  for (const { name } of names) assert.doesNotMatch(name, /[\u2066-\u2069\u200e\u200f\u061c]/);
});
