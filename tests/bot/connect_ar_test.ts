/**
 * An Arabic-speaking customer of an English shop: the link's question, the answer, /balance,
 * /statement, the explanation for a member command and /disconnect all reach them in Arabic
 * (their Telegram app's language), while the owner is told in English.
 */
import assert from "node:assert/strict";
import { openChat, OWNER } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { engines } from "../support/databases.ts";

const options = { sanitizeOps: false, sanitizeResources: false };
const LAYLA = "ليلى ناصر";
const ALLOWED = [LAYLA, "Owner's shop", "Owner"];

/** Without bidi marks and with plain spaces. */
function plain(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "").replace(/\u00a0/g, " ");
}

/** The reply is Arabic with no English phrase (names and commands aside); returns it plain. */
function arabic(reply: { text: string; buttons: string[][] }): string {
  assert.ok(hasArabic(reply.text), `not Arabic: ${reply.text}`);
  assertNoEnglish(reply.text, ALLOWED);
  for (const label of reply.buttons.flat()) assertNoEnglish(label, ALLOWED);
  return plain(reply.text);
}

for (const engine of await engines()) {
  Deno.test(
    `an Arabic customer of an English shop is spoken to in Arabic [${engine}]`,
    options,
    async () => {
      await using h = await openChat({ engine });
      await h.owner.says("/start");
      await h.owner.says(`/addcustomer ${LAYLA}`);
      await h.owner.says("/addtransaction 50 rice");
      await h.owner.says("/connect");
      const caption = String(h.telegram.callsTo("sendPhoto").at(-1)!.payload.caption);
      assert.match(caption, /A link for/, "the member reads English");
      const code = caption.match(/start=c_([A-Za-z0-9_-]+)/)![1];

      const layla = h.user({ id: 5001, is_bot: false, first_name: "ليلى", language_code: "ar" });
      await layla.says(`/start c_${code}`);
      assert.match(arabic(layla.lastReplyFull()), /إن هذا الحساب لك: ليلى ناصر/);
      assert.deepEqual(layla.buttons(), [["نعم", "لا"]]);
      await layla.presses("نعم");
      assert.match(arabic(layla.lastReplyFull()), /تم الربط/);
      const told = h.telegram.callsTo("sendMessage").find((c) =>
        c.payload.chat_id === OWNER.id &&
        /linked their Telegram/.test(String(c.payload.text))
      );
      assert.ok(told, "the owner is told in English");

      await layla.says("/balance");
      assert.match(arabic(layla.lastReplyFull()), /حساباتك/);
      await layla.says("/start");
      assert.match(arabic(layla.lastReplyFull()), /حساباتك/);
      await layla.says("/statement");
      assert.match(arabic(layla.lastReplyFull()), /كشف حسابك/);
      await layla.says("/search");
      assert.match(arabic(layla.lastReplyFull()), /أنت زبون لدى/);
      await layla.says("/start c_nonsense");
      arabic(layla.lastReplyFull());
      await layla.says("/disconnect");
      assert.match(arabic(layla.lastReplyFull()), /فُكّ الربط/);
      await layla.says("/balance");
      arabic(layla.lastReplyFull());
    },
  );
}
