/** /phone: add, change or remove the selected customer's phone; logged and undoable. */
import assert from "node:assert/strict";
import { openChat } from "../support/chat.ts";
import { addClerk, scalar, shopWithJohn } from "../support/bot_fixtures.ts";

const phoneOf = (h: Parameters<typeof scalar>[0], name: string) =>
  scalar(h, "select phone as v from public.customers where full_name = $1", [name]);

Deno.test("/phone sets, changes and removes the selected customer's phone; /history and /undo", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Omar Saleh");
  await h.owner.says("/phone 0598888888");
  assert.match(h.owner.lastReply(), /📞 Omar Saleh's phone is now 0598888888/);
  assert.equal(await phoneOf(h, "Omar Saleh"), "0598888888");
  await h.owner.says("/phone");
  assert.match(h.owner.lastReply(), /new phone number for Omar Saleh/);
  await h.owner.says("059 777 7777");
  assert.match(h.owner.lastReply(), /phone is now 059 777 7777 \(was 0598888888\)/);
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /📞 059 777 7777/);
  await h.owner.says("/phone call me");
  assert.match(h.owner.lastReply(), /doesn't look like a phone number/);
  await h.owner.says("/phone remove");
  assert.match(h.owner.lastReply(), /Removed Omar Saleh's phone \(059 777 7777\)/);
  assert.equal(await phoneOf(h, "Omar Saleh"), null);
  await h.owner.says("/phone remove");
  assert.match(h.owner.lastReply(), /has no phone/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /phone/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await phoneOf(h, "Omar Saleh"), "059 777 7777");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  assert.equal(await phoneOf(h, "Omar Saleh"), "0598888888");
});

Deno.test("/phone needs a selected customer, works for a clerk, and warns about a shared phone", async () => {
  await using h = await shopWithJohn();
  await addClerk(h);
  await h.clerk.says("/phone 0591111111");
  assert.match(h.clerk.lastReply(), /Whose phone/);
  await h.clerk.says("/search john");
  assert.match(h.clerk.lastReply(), /John Smith's phone is now 0591111111 \(was 0590000000\)/);
  await h.owner.says("/addcustomer Jane Doe | 0592222222");
  await h.owner.says("/phone 0591111111");
  assert.match(h.owner.lastReply(), /also belongs to John Smith/);
  assert.equal(await phoneOf(h, "Jane Doe"), "0591111111");
});

Deno.test("/phone add, remove and main manage the customer's other phones; logged and undoable", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Omar Saleh 0598888888");
  const phones = async () =>
    (await h.sql<{ phone: string | null; other_phones: string[] }>(
      "select phone, other_phones from public.customers where full_name = 'Omar Saleh'",
    ))[0];
  await h.owner.says("/phone add 0597777777");
  assert.match(h.owner.lastReply(), /📞 Added the phone 0597777777 to Omar Saleh\./);
  assert.match(h.owner.lastReply(), /Phones: 0598888888, 0597777777/);
  await h.owner.says("/phone add 059 666 6666");
  assert.deepEqual(await phones(), {
    phone: "0598888888",
    other_phones: ["0597777777", "059 666 6666"],
  });
  await h.owner.says("/phone add 0597777777");
  assert.match(h.owner.lastReply(), /already the customer's phone/);
  await h.owner.says("/phone remove 0591111111");
  assert.match(h.owner.lastReply(), /not one of the customer's phones/);
  await h.owner.says("/phone remove 0596666666"); // by its digits
  assert.match(h.owner.lastReply(), /Removed the phone 059 666 6666 from Omar Saleh/);
  await h.owner.says("/phone main 0597777777");
  assert.match(h.owner.lastReply(), /Omar Saleh's main phone is now 0597777777/);
  assert.deepEqual(await phones(), { phone: "0597777777", other_phones: ["0598888888"] });
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /📞 0597777777, 0598888888/);
  // Found by either phone.
  await h.owner.says("/search 0598888888");
  assert.match(h.owner.lastReply(), /Omar Saleh/);
  await h.owner.says("/history");
  assert.match(h.owner.lastReply(), /added the phone 0597777777 to Omar Saleh/);
  assert.match(h.owner.lastReply(), /removed the phone 059 666 6666 from Omar Saleh/);
  assert.match(
    h.owner.lastReply(),
    /changed the phone of Omar Saleh from 0598888888 to 0597777777/,
  );
  // /undo, step by step, back to where the day started.
  await h.owner.says("/undo");
  await h.owner.presses(/Yes, undo/);
  assert.deepEqual(await phones(), { phone: "0598888888", other_phones: ["0597777777"] });
  await h.owner.says("/undo");
  await h.owner.presses(/Yes, undo/);
  assert.deepEqual(await phones(), {
    phone: "0598888888",
    other_phones: ["0597777777", "059 666 6666"],
  });
  // Removing the main phone: the first other phone becomes the main one.
  await h.owner.says("/phone remove 0598888888");
  assert.deepEqual(await phones(), {
    phone: "0597777777",
    other_phones: ["059 666 6666"],
  });
  // The step-by-step form takes the same answers.
  await h.owner.says("/phone");
  await h.owner.says("add 0595555555");
  assert.match(h.owner.lastReply(), /Added the phone 0595555555/);
});

/** Without Fluent's bidi isolation marks. */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, "");

Deno.test("Arabic /phone إضافة and حذف of another phone", async () => {
  await using h = await openChat({ language: "ar" });
  await h.owner.says("/start");
  await h.owner.says("/addcustomer عمر صالح 0598888888");
  await h.owner.says("/phone أضف 0597777777");
  assert.match(plain(h.owner.lastReply()), /أُضيف الهاتف 0597777777 إلى عمر صالح/);
  assert.match(plain(h.owner.lastReply()), /الهواتف: 0598888888، 0597777777/);
  await h.owner.says("/phone حذف 0597777777");
  assert.match(plain(h.owner.lastReply()), /أُزيل الهاتف 0597777777 من عمر صالح/);
  await h.owner.says("/phone حذف 0591111111");
  assert.match(plain(h.owner.lastReply()), /ليس من أرقام هواتف هذا الزبون/);
});
