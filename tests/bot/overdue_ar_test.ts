/** /overdue in Arabic: the buckets, a bucket's list and the empty sentences, all Arabic. */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { engines } from "../support/databases.ts";
import { assertNoEnglish, hasArabic } from "../support/arabic.ts";
import { age, terms } from "../support/overdue_fixtures.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

for (const engine of await engines()) {
  Deno.test(`/overdue in Arabic [${engine}]`, options, async () => {
    await using h = await openChat({ engine, language: "ar", defaultTimeZone: "Asia/Hebron" });
    await h.owner.says("/start");
    await h.owner.says("/overdue");
    assert.match(h.owner.lastReply(), /لا أحد مدين/);
    assertNoEnglish(h.owner.lastReply());
    await h.owner.says("/addcustomer ليلى ناصر");
    await h.owner.says("/addtransaction 50 أرز");
    await h.owner.says("/overdue");
    assert.match(h.owner.lastReply(), /لا شيء منها له موعد استحقاق/);
    assertNoEnglish(h.owner.lastReply(), ["Credit"]);
    await terms(h, 0);
    await h.owner.says("/addcustomer سامي خليل");
    await h.owner.says("/addtransaction 20 شاي");
    await age(h, "ليلى ناصر", 45);
    await age(h, "سامي خليل", 2);
    await h.owner.says("/overdue");
    const text = h.owner.lastReply();
    assert.ok(hasArabic(text));
    assert.match(text, /المتأخر/);
    assert.match(text, /متأخر 31–60 يومًا/);
    assert.match(text, /ليلى ناصر/);
    assertNoEnglish(text, ["ليلى ناصر", "سامي خليل"]);
    for (const b of h.owner.lastReplyFull().keyboard.flat()) assertNoEnglish(b.text);
    await h.owner.presses(/متأخر 1–30 يومًا/);
    assert.match(h.owner.lastReply(), /سامي خليل/);
    assertNoEnglish(h.owner.lastReply(), ["ليلى ناصر", "سامي خليل"]);
  });
}
