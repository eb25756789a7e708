/**
 * Due dates and the credit limit in Arabic: "| استحقاق …" with Arabic-Indic digits, the
 * 📅 button's question and confirmation, and the over-limit question with its buttons, all
 * in an Arabic-speaking chat with no English sentence in any reply.
 */
import assert from "node:assert/strict";
import { type BotReply, type ChatHarness, openChat } from "../support/chat.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { balanceOf, count, scalar } from "../support/bot_fixtures.ts";
import { addDays } from "../../shared/domain/due_dates.ts";
import { dayText } from "../../shared/text/format.ts";
import { westernDigits } from "../../shared/domain/money.ts";
import { engines } from "../support/databases.ts";

const LAYLA = "ليلى ناصر";

function arabic(replies: BotReply[]): void {
  assert.ok(replies.length > 0, "a reply");
  for (const r of replies) {
    const text = r.html ?? r.text;
    assert.ok(hasArabic(text), `not Arabic: ${text}`);
    assertNoEnglish(text, [LAYLA]);
  }
}

/** The last reply in Latin digits, without bidi marks. */
function last(h: ChatHarness): string {
  return westernDigits(h.owner.lastReply()).replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, "")
    .replace(/\u00a0/g, " ");
}

/** Arabic-Indic digits for what the member types. */
function indic(text: string): string {
  return text.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

for (const engine of await engines()) {
  Deno.test(`in Arabic: استحقاق with Arabic-Indic digits, the 📅 button, the credit limit [${engine}]`, async () => {
    await using h = await openChat({ engine, language: "ar", defaultTimeZone: "Asia/Hebron" });
    await h.owner.says("/start");
    await h.owner.says(`/addcustomer ${LAYLA} | 0599000000`);
    const today = String(
      await scalar(h, "select private.shop_today(id)::text as v from public.shops"),
    );
    const day = addDays(today, 12);
    const [y, m, d] = day.split("-");

    arabic(await h.owner.says(indic(`/addtransaction 50 | أرز | استحقاق ${d}/${m}/${y}`)));
    assert.match(last(h), new RegExp(`📅 تستحق في ${dayText(day, "ar")}`));
    assert.equal(
      await scalar(h, "select due_on::text as v from public.transactions order by id desc limit 1"),
      day,
    );
    arabic(await h.owner.says(indic("/addtransaction 5 | خبز | يستحق +30")));
    assert.equal(
      await scalar(h, "select due_on::text as v from public.transactions order by id desc limit 1"),
      addDays(today, 30),
    );
    // A past date: an Arabic sentence, nothing recorded.
    arabic(await h.owner.says(`/addtransaction 5 | خبز | استحقاق ${addDays(today, -2)}`));
    assert.match(last(h), /لا يمكن أن يكون تاريخ الاستحقاق قبل اليوم/);
    assert.equal(await count(h, "transactions"), 2);

    // 📅 تاريخ الاستحقاق: the question, then the confirmation with the dues.
    arabic(await h.owner.presses("📅 تاريخ الاستحقاق"));
    assert.match(last(h), /متى تستحق؟/);
    arabic(await h.owner.says(indic("+7")));
    assert.match(last(h), new RegExp(`تستحق في ${dayText(addDays(today, 7), "ar")}`));
    arabic(await h.owner.presses("📅 تاريخ الاستحقاق"));
    arabic(await h.owner.says("بدون"));
    assert.match(last(h), /تتبع مدة الدَّين المعتادة/);

    // Past the credit limit (55.00 owed, limit 60.00): the question and Record anyway.
    await h.sql("update public.shops set credit_limit = 6000");
    arabic(await h.owner.says("/addtransaction 10 | سكر"));
    assert.match(last(h), /متجاوزًا حد الدَّين/);
    assert.deepEqual(h.owner.buttons(), [["سجّلها رغم ذلك", "إلغاء"]]);
    assert.equal(await count(h, "transactions"), 2);
    arabic(await h.owner.presses("سجّلها رغم ذلك"));
    assert.equal(await balanceOf(h, LAYLA), 6500);
    arabic(await h.owner.says("/addtransaction 10"));
    arabic(await h.owner.presses("إلغاء"));
    assert.match(last(h), /لم يُسجَّل شيء/);
    assert.equal(await count(h, "transactions"), 3);
  });
}
