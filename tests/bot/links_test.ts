/** Links and merge through the bot: /link, /unlink, /summary's household total, /merge (owner + PIN) and undo; redelivery. */
import assert from "node:assert/strict";
import {
  addClerk,
  balanceOf,
  expireGrant,
  idOf,
  PIN,
  scalar,
  setPin,
  shopWithJohn,
} from "../support/bot_fixtures.ts";
import { assertBalancesConsistent } from "../support/ledger_fixtures.ts";

Deno.test("/link joins a household (one match picked at once); /summary shows each account and the total; no linking twice; /unlink; undo", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Jane Smith | 0592222222");
  await h.owner.says("/addtransaction 20");
  await h.owner.says("/addcustomer Jack Smith | 0594444444");
  await h.owner.says("/addtransaction 5");
  await h.owner.says("/link");
  assert.match(h.owner.lastReply(), /Link Jack Smith with whom/);
  await h.owner.says("0592222222");
  assert.match(
    h.owner.lastReply(),
    /Linked Jack Smith with Jane Smith[\s\S]*Together: owes \$25\.00/,
  );
  await h.owner.says("/link smith");
  assert.match(h.owner.lastReply(), /Link with which one\?/);
  await h.owner.presses(/^John Smith/);
  assert.match(h.owner.lastReply(), /Linked Jack Smith with John Smith/);
  await h.owner.says("/summary");
  const card = h.owner.lastReply();
  assert.match(card, /Linked accounts[\s\S]*Jack Smith — owes \$5\.00/);
  assert.match(card, /Jane Smith — owes \$20\.00[\s\S]*John Smith — owes \$50\.00/);
  assert.match(card, /Together: owes \$75\.00/);
  await h.owner.says("/link 0592222222");
  assert.match(h.owner.lastReply(), /already linked/);
  // The selected customer is never offered as the other one (issue 13).
  await h.owner.says("/link 0594444444");
  assert.match(h.owner.lastReply(), /Only the selected customer matches “0594444444”/);

  await h.owner.says("/unlink");
  assert.match(h.owner.lastReply(), /Jack Smith is no longer linked with Jane Smith, John Smith/);
  await h.owner.says("/unlink");
  assert.match(h.owner.lastReply(), /isn't linked to anyone/);
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Together: owes \$75\.00/);
  // Undo the second link: John leaves, Jack and Jane stay together.
  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /linked Jack Smith with John Smith/);
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Together: owes \$25\.00/);
  assert.doesNotMatch(h.owner.lastReply(), /John Smith/);
});

Deno.test("/merge (owner + PIN) moves transactions, balance, phones, nicknames and tags; /undo splits them back exactly", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/tag #vip");
  await h.owner.says("/addcustomer Jon Smyth ~ Abu Ali Jr | 0593333333");
  await h.owner.says("/addtransaction 30 | bread");
  await h.owner.says("/pay 10");
  await h.owner.says("/addtransaction 7 | mistake");
  await h.owner.says("/undo");
  await h.owner.presses("✅ Yes, undo");
  await h.owner.says("/tag #neighbor #vip");
  const snapshot = () =>
    h.sql(
      `select c.id, c.full_name, c.balance::text, c.phone, c.other_phones, c.nicknames, c.tags,
              c.archived_at is not null as archived, c.merged_into, c.link_group,
              (select array_agg(t.id order by t.id) from public.transactions t where t.customer_id = c.id) as txs
         from public.customers c order by c.id`,
    );
  const before = await snapshot();
  await setPin(h);
  await expireGrant(h);

  await addClerk(h);
  await h.clerk.says("/search 0590000000");
  await h.clerk.says("/merge jon smyth");
  assert.match(h.clerk.lastReply(), /Only the shop owner can merge/);

  await h.owner.says("/search 0590000000");
  await h.owner.says("/merge");
  assert.match(h.owner.lastReply(), /Which customer is the duplicate/);
  await h.owner.says("0590000000");
  assert.match(h.owner.lastReply(), /Only the selected customer matches “0590000000”/);
  await h.owner.says("/merge 0593333333");
  assert.match(
    h.owner.lastReply(),
    /Merge Jon Smyth \(owes \$20\.00\) into John Smith \(owes \$50\.00\)\?[\s\S]*Their 2 transactions[\s\S]*owe \$70\.00/,
  );
  await h.owner.presses("🧬 Yes, merge");
  assert.match(h.owner.lastReply(), /needs the shop PIN/);
  await h.owner.says("1111");
  assert.match(h.owner.lastReply(), /Wrong PIN\. 4 tries left/);
  await h.owner.says(PIN);
  assert.match(
    h.owner.lastReply(),
    /Merged Jon Smyth into John Smith: 3 transactions \(owes \$20\.00\)[\s\S]*New balance: owes \$70\.00/,
  );
  const john = await idOf(h, "John Smith");
  const [merged] = await h.sql<Record<string, unknown>>(
    "select balance::text, phone, other_phones, nicknames, tags from public.customers where id = $1",
    [john],
  );
  assert.deepEqual({ ...merged }, {
    balance: "7000",
    phone: "0590000000",
    other_phones: ["0593333333"],
    nicknames: ["Abu Ali", "Abu Ali Jr", "Jon Smyth"],
    tags: ["neighbor", "vip"],
  });
  assert.equal(
    Number(
      await scalar(
        h,
        "select merged_into as v from public.customers where full_name = 'Jon Smyth'",
      ),
    ),
    john,
  );
  await h.owner.says("/search 0593333");
  assert.match(
    h.owner.lastReply(),
    /Selected John Smith/,
    "the duplicate's phone finds the survivor",
  );
  await h.owner.says("/search jon smyth");
  assert.match(h.owner.lastReply(), /Selected John Smith/);
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /0590000000, 0593333333/);
  await assertBalancesConsistent(h.db.client);

  await h.owner.says("/undo");
  assert.match(h.owner.lastReply(), /merged Jon Smyth into John Smith/);
  await h.owner.presses("✅ Yes, undo");
  assert.match(h.owner.lastReply(), /Split Jon Smyth from John Smith again/);
  assert.deepEqual(await snapshot(), before);
  await assertBalancesConsistent(h.db.client);
});

Deno.test("a redelivered rename, tag, link or merge has one effect", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer Jane Doe");
  const count = async () =>
    Number(await scalar(h, "select count(*)::int as v from public.actions"));
  for (const command of ["/rename Jane Roe", "/tag #vip", "/nickname JD", "/link john"]) {
    await h.owner.says(command);
    const n = await count();
    await h.redeliver();
    assert.equal(await count(), n, command);
  }
  await h.owner.says("/merge john");
  await h.owner.presses("🧬 Yes, merge");
  const n = await count();
  await h.redeliver();
  assert.equal(await count(), n);
  assert.equal(await balanceOf(h, "Jane Roe"), 5000);
});

Deno.test("/merge never offers the selected customer as their own duplicate", async () => {
  await using h = await shopWithJohn();
  await h.owner.says("/addcustomer John Smyth | 0593333333");
  await h.owner.says("/addcustomer Johnny Smith");
  await h.owner.says("/search 0590000000"); // John Smith
  await h.owner.says("/merge john");
  const reply = h.owner.lastReplyFull();
  assert.match(reply.text, /Which one is the duplicate\? Tap a name/);
  assert.ok(reply.buttons.length >= 2);
  assert.ok(
    reply.buttons.flat().every((b) => !/^John Smith ·/.test(b)),
    `the selected customer is not offered: ${reply.buttons.flat().join(", ")}`,
  );
  assert.doesNotMatch(reply.text, /• John Smith —/);
  // Only one other match: it is taken at once.
  await h.owner.says("/merge 0593333333");
  assert.match(h.owner.lastReply(), /Merge John Smyth \(settled\) into John Smith/);
});
