/** Tags through the bot: /tag, /untag, /tags with counts and totals, /search #tag, #tags in notes; undo. */
import assert from "node:assert/strict";
import { scalar, shopWithJohn } from "../support/bot_fixtures.ts";

Deno.test("tags: /tag, /untag, /tags with counts and totals owed, /search #vip, #tags in notes; undo", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/tag");
  assert.match(h.owner.lastReply(), /Which tags/);
  await h.owner.says("#vip #Neighbor");
  assert.match(h.owner.lastReply(), /Added #neighbor #vip to John Smith/);
  await h.owner.says("/tag #vip");
  assert.match(h.owner.lastReply(), /Nothing to change/);
  await h.owner.says("/tag #a&b");
  assert.match(h.owner.lastReply(), /isn't a tag/);
  await h.owner.says("/addcustomer Jane Doe");
  await h.owner.says("/addtransaction 20");
  await h.owner.says("/tag vip");
  await h.owner.says("/tags");
  const list = h.owner.lastReplyFull();
  assert.match(list.text, /#vip — 2 customers, owe \$70\.00/);
  assert.match(list.text, /#neighbor — 1 customer, owe \$50\.00/);
  assert.match(list.text, /In notes\n#weekly — 1 entry, \$50\.00/);
  await h.owner.presses("#vip");
  assert.match(h.owner.lastReply(), /2 matches for “#vip”/);
  await h.owner.says("/search #neighbor");
  assert.match(h.owner.lastReply(), /Selected John Smith/);
  await h.owner.says("/untag #neighbor #nothing");
  assert.match(h.owner.lastReply(), /Removed #neighbor from John Smith\. Tags now: #vip/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.deepEqual(
    await scalar(h, "select tags as v from public.customers where full_name = 'John Smith'"),
    ["neighbor", "vip"],
  );
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /tagged Jane Doe #vip/);
});
