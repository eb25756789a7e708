/**
 * Names that cannot deceive, through the bot on a real database: hidden characters are
 * dropped, a word mixing alphabets is refused with a clear message and changes nothing,
 * and a name that looks the same as an existing customer's is added with a warning.
 */
import assert from "node:assert/strict";
import { type ChatHarness, openChat } from "../support/chat.ts";

async function names(h: ChatHarness): Promise<string[]> {
  return (await h.sql<{ full_name: string }>(
    "select full_name from public.customers order by id",
  )).map((r) => r.full_name);
}

Deno.test("/addcustomer warns when the name looks the same as an existing customer's", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith");
  await h.owner.says("/addtransaction 30");
  await h.owner.says("/addcustomer John\u200b  SMITH");
  const reply = h.owner.lastReply();
  assert.match(reply, /Added John SMITH/, "added, without the hidden character");
  assert.match(reply, /⚠️ Looks the same as an existing customer: John Smith \(owes \$30\.00\)/);
  assert.deepEqual(await names(h), ["John Smith", "John SMITH"]);
});

Deno.test("/addcustomer refuses a word that mixes alphabets, asks nothing more and adds no one", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer J\u043ehn Smith | 0590000000");
  assert.match(h.owner.lastReply(), /mixes letters of different alphabets/);
  await h.owner.says("/addcustomer");
  await h.owner.says("Mary S\u0435lim ~ Umm Ali");
  await h.owner.says("/skip");
  assert.match(h.owner.lastReply(), /mixes letters of different alphabets/);
  await h.owner.says("/addcustomer Sara ~ B\u0456g Sara");
  assert.match(h.owner.lastReply(), /nickname mixes letters of different alphabets/);
  assert.deepEqual(await names(h), []);
});

Deno.test("Arabic names with Latin nicknames, and bidi marks, are fine", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer محمد أحمد ~ Abu Ali | 0590000001");
  assert.match(h.owner.lastReply(), /✅ Added محمد أحمد/);
  assert.doesNotMatch(h.owner.lastReply(), /Looks the same/);
  await h.owner.says("/addcustomer \u202bسارة\u202c علي");
  assert.match(h.owner.lastReply(), /✅ Added سارة علي/);
  assert.deepEqual(await names(h), ["محمد أحمد", "سارة علي"]);
});
