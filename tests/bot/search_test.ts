/** /search through the bot: debt order and pages, one match selected, 100+ matches, stale and forged buttons. */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { balanceOf, shopWithJohn } from "../support/bot_fixtures.ts";

Deno.test("/search lists customers largest debt first with pages; a single match is selected at once", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  for (let i = 1; i <= 10; i++) {
    await h.owner.says(`/addcustomer Customer ${i} | 05900000${String(i).padStart(2, "0")}`);
    await h.owner.says(`/addtransaction ${i}`);
  }
  await h.owner.says("/search");
  const page1 = h.owner.lastReplyFull();
  assert.match(page1.text, /Customers 1–8 of 10, largest debt first/);
  assert.match(page1.buttons[0][0], /Customer 10/);
  await h.owner.presses("Next ▶");
  assert.match(h.owner.lastReply(), /Customers 9–10 of 10/);
  await h.owner.says("/search 0590000007");
  assert.match(h.owner.lastReply(), /Selected Customer 7/);
  await h.owner.says("/search customer");
  await h.owner.presses(/Customer 3 ·/);
  assert.match(h.owner.lastReply(), /Selected Customer 3/);
});

Deno.test("a search with more than 100 matches says 100+ and pages through them", async () => {
  await using h = await shopWithJohn();
  await h.sql(
    `insert into public.customers (shop_id, full_name, created_by)
     select s.id, 'Sara Number ' || g, s.created_by from public.shops as s, generate_series(1, 150) as g`,
  );
  await h.owner.says("/search sara");
  const reply = h.owner.lastReplyFull();
  assert.match(reply.text, /100\+ matches for “sara” \(1–8\), best first/);
  await h.owner.presses("Next ▶");
  assert.match(h.owner.lastReply(), /100\+ matches for “sara” \(9–16\)/);
  await h.owner.says("/search");
  assert.match(h.owner.lastReply(), /Customers 1–8 of 151, largest debt first/);
});

Deno.test("stale and forged buttons are refused politely", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/search");
  const list = h.owner.lastReplyFull();
  // Forge a button press naming a customer id that is not in this shop.
  const { callbackQueryUpdate } = await import("../../shared/dev/terminal_chat.ts");
  const message = h.telegram.api.message(h.owner.chat.id, list.messageId)!;
  for (const data of ["sel:999999", "undo:999999", "page:50", "nonsense"]) {
    const id = h.nextUpdateId();
    await h.deliver(callbackQueryUpdate(id, { id: `cq${id}`, from: h.owner.user, message, data }));
  }
  const text = h.owner.replies.slice(-3).map((r) => r.text).join("\n");
  assert.match(text, /isn't in your shop|no longer valid|empty now/);
  assert.equal(await balanceOf(h, "John Smith"), 5000);
});
