/** /search through the bot: debt order and pages, one match selected, 100+ matches, stale and forged buttons. */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { archived, balanceOf, shopWithJohn } from "../support/bot_fixtures.ts";

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

Deno.test("archived customers are not lost: a search names them with Restore, /archived lists them, Restore brings them back (undoable)", async () => {
  await using h = await shopWithJohn();
  await h.sql("update public.shops set archive_when_settled = true");
  await h.owner.says("/addcustomer Layla Nasser | 0591111111");
  await h.owner.says("/addtransaction 20 | bread");
  await h.owner.says("/pay all");
  assert.equal(await archived(h, "Layla Nasser"), true, "auto-archived when settled");

  await h.owner.says("/search layla");
  const found = h.owner.lastReplyFull();
  assert.match(found.text, /No active customer matches “layla”\./);
  assert.match(found.text, /1 archived customer matches: Layla Nasser/);
  assert.deepEqual(found.buttons, [["♻️ Restore Layla Nasser"]]);
  // By phone and among other matches too.
  await h.owner.says("/search 0591111111");
  assert.match(h.owner.lastReply(), /1 archived customer matches: Layla Nasser/);

  await h.owner.says("/archived");
  const list = h.owner.lastReplyFull();
  assert.match(
    list.text,
    /Archived customers \(1–1 of 1\)[\s\S]*1\. Layla Nasser — settled · archived/,
  );
  assert.deepEqual(list.buttons, [["♻️ Restore Layla Nasser"]]);
  await h.owner.says("/archived nobody");
  assert.match(h.owner.lastReply(), /No archived customer matches “nobody”/);

  await h.owner.presses("♻️ Restore Layla Nasser");
  assert.match(h.owner.replies.at(-2)!.text, /Layla Nasser is back in lists and search — settled/);
  assert.match(h.owner.lastReply(), /Selected Layla Nasser/);
  assert.equal(await archived(h, "Layla Nasser"), false);
  await h.owner.says("/search layla");
  assert.match(h.owner.lastReply(), /Selected Layla Nasser/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /Owner restored Layla Nasser from the archive/);

  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /Undo this\?[\s\S]*restored Layla Nasser/);
  await h.owner.presses("✅ Yes, undo");
  assert.match(h.owner.lastReply(), /Layla Nasser is archived again/);
  assert.equal(await archived(h, "Layla Nasser"), true);
  await h.owner.says("/archived");
  assert.match(h.owner.lastReply(), /Layla Nasser/);
  await h.owner.says("/search");
  assert.match(
    h.owner.lastReply(),
    /Customers 1–1 of 1/,
    "the list of everyone: active customers only",
  );
});

Deno.test("a match found only through a hidden nickname says so, without showing the nickname", async () => {
  await using h = await shopWithJohn(); // John Smith ~ Abu Ali
  await h.owner.says("/search abu ali");
  const one = h.owner.lastReply();
  assert.match(one, /Selected John Smith — owes \$50\.00\. \(matched a nickname\)/);
  assert.doesNotMatch(one, /Abu/);
  await h.owner.says("/search john");
  assert.doesNotMatch(h.owner.lastReply(), /matched a nickname/);

  await h.owner.says("/addcustomer Ali Hassan");
  await h.owner.says("/search ali");
  const many = h.owner.lastReply();
  assert.match(many, /John Smith[^\n]*\(matched a nickname\)/);
  assert.match(many, /Ali Hassan(?![^\n]*matched a nickname)/);
  assert.doesNotMatch(many, /Abu/);
});
