/** Search quality: fuzzy names, accents and Arabic spelling variants, nicknames, phones, tags. */
import assert from "node:assert/strict";
import type { CustomerList } from "../../shared/db/ledger.ts";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite, type ShopFixture } from "../support/ledger_fixtures.ts";

/** Adds customers by name (with optional extras) and returns their ids by name. */
async function addAll(
  t: LedgerContext,
  shop: ShopFixture,
  customers: (string | [string, { phone?: string; nicknames?: string[]; tags?: string[] }])[],
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const entry of customers) {
    const [name, extra] = typeof entry === "string" ? [entry, {}] : entry;
    ids[name] = (await t.addCustomer(shop.owner, name, extra)).id;
  }
  return ids;
}

function names(list: CustomerList): string[] {
  return list.customers.map((c) => c.full_name);
}

async function search(t: LedgerContext, shop: ShopFixture, query: string): Promise<CustomerList> {
  return await t.ledger.listCustomers(shop.clerk, { query, limit: 20 });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("'Jon Smth' finds John Smith first", async (t) => {
    const { shop } = await t.world();
    const ids = await addAll(t, shop, [
      "Jane Smith",
      "Johnny Smithers",
      "John Smith",
      "Tom Jones",
      "Sami Haddad",
    ]);
    // The weaker matches owe more, so only the match quality can put John Smith first.
    await t.purchase(shop.owner, ids["Jane Smith"], 9000);
    await t.purchase(shop.owner, ids["Tom Jones"], 8000);
    const found = await search(t, shop, "Jon Smth");
    assert.equal(found.mode, "name");
    assert.equal(found.query, "Jon Smth");
    assert.equal(names(found)[0], "John Smith", `got ${names(found)}`);
    assert.ok(!names(found).includes("Sami Haddad"), "an unrelated name is not a match");
  });

  suite.test("two near-miss words beat one exact word and one wrong word", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, ["Jon Snow", "John Smith"]);
    assert.equal(names(await search(t, shop, "Jon Smth"))[0], "John Smith");
  });

  suite.test("search ignores case and accents", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, ["Zoë Martin", "José Álvarez", "Jürgen Müller", "Zack Morris"]);
    const cases: [string, string][] = [
      ["zoe", "Zoë Martin"],
      ["ZOË MARTIN", "Zoë Martin"],
      ["jose alvarez", "José Álvarez"],
      ["MULLER", "Jürgen Müller"],
    ];
    for (const [query, expected] of cases) {
      const [best] = (await search(t, shop, query)).customers;
      assert.equal(best?.full_name, expected, query);
      assert.equal(best.score, 1, `${query} folds to the same text as ${expected}`);
    }
  });

  suite.test("Arabic search ignores tashkeel and spelling variants", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, [
      "مُحمّد علي",
      "أحمد سالم",
      "فاطمة الزهراء",
      "مصطفى كمال",
      "إبراهيم يوسف",
      "خالد حسن",
    ]);
    const cases: [string, string][] = [
      ["محمد", "مُحمّد علي"],
      ["مُحَمَّد", "مُحمّد علي"],
      ["محـــمد", "مُحمّد علي"],
      ["احمد", "أحمد سالم"],
      ["فاطمه", "فاطمة الزهراء"],
      ["مصطفي", "مصطفى كمال"],
      ["ابراهيم", "إبراهيم يوسف"],
      ["علی", "مُحمّد علي"],
    ];
    for (const [query, expected] of cases) {
      const found = await search(t, shop, query);
      assert.equal(
        names(found)[0],
        expected,
        `${query} should find ${expected}, got ${names(found)}`,
      );
      // A whole-word match (score 1), not a near miss: the spellings fold to one text.
      assert.equal(found.customers[0].score, 1, `${query} folds to a word of ${expected}`);
      assert.ok(!names(found).includes("خالد حسن"), `${query} matched an unrelated name`);
    }
  });

  suite.test("a nickname finds the customer, whose result has no nicknames", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, [
      ["Khalil Haddad", { nicknames: ["Abu Sami", "الحاج"] }],
      "Samir Aziz",
    ]);
    for (const query of ["abu sami", "Abu Sammi", "الحاج"]) {
      const found = await search(t, shop, query);
      assert.equal(names(found)[0], "Khalil Haddad", `${query}: ${names(found)}`);
      for (const customer of found.customers) {
        assert.ok(!("nicknames" in customer), "a search result leaks nicknames");
        assert.ok(!JSON.stringify(customer).includes("Abu"), "a search result leaks a nickname");
      }
    }
  });

  suite.test("any run of three or more phone digits finds the customer", async (t) => {
    const { shop } = await t.world();
    const ids = await addAll(t, shop, [
      ["Lina", { phone: "+970 59-123-4567" }],
      ["Rana", { phone: "٠٥٦٨٨٨٧٧٧٦" }],
      ["Other", { phone: "0500000000" }],
    ]);
    const lina = ["970", "123", "4567", "59-123", "591234567", "+970 59 123 4567", "٤٥٦٧"];
    for (const query of lina) {
      const found = await search(t, shop, query);
      assert.equal(found.mode, "phone", query);
      assert.deepEqual(found.customers.map((c) => c.id), [ids.Lina], query);
    }
    for (const query of ["0568", "888777", "٨٨٨٧٧٧"]) {
      const found = await search(t, shop, query);
      assert.deepEqual(found.customers.map((c) => c.id), [ids.Rana], query);
      assert.equal(found.customers[0].phone, "٠٥٦٨٨٨٧٧٧٦", "the phone is shown as typed");
    }
    const none = await search(t, shop, "999");
    assert.deepEqual([none.mode, none.total], ["phone", 0]);
  });

  suite.test("phones that start with the digits come first", async (t) => {
    const { shop } = await t.world();
    const ids = await addAll(t, shop, [
      ["Middle", { phone: "0599555123" }],
      ["Start", { phone: "5551234567" }],
    ]);
    await t.purchase(shop.owner, ids.Middle, 5000);
    const found = await search(t, shop, "555");
    assert.deepEqual(names(found), ["Start", "Middle"]);
  });

  suite.test("#tag finds the customers carrying every tag, largest debt first", async (t) => {
    const { shop } = await t.world();
    const ids = await addAll(t, shop, [
      ["Vip one", { tags: ["vip"] }],
      ["Vip neighbour", { tags: ["VIP", "neighbor"] }],
      ["Neighbour", { tags: ["neighbor"] }],
      "Untagged",
    ]);
    await t.purchase(shop.owner, ids["Vip neighbour"], 300);
    const vip = await search(t, shop, "#vip");
    assert.equal(vip.mode, "tag");
    assert.equal(vip.total, 2);
    assert.deepEqual(names(vip), ["Vip neighbour", "Vip one"]);
    assert.deepEqual(names(await search(t, shop, "#VIP")), ["Vip neighbour", "Vip one"]);
    assert.deepEqual(names(await search(t, shop, "#vip #neighbor")), ["Vip neighbour"]);
    assert.deepEqual(names(await search(t, shop, "#nobody")), []);
  });

  suite.test("exact and prefix matches come before weaker fuzzy ones", async (t) => {
    const { shop } = await t.world();
    const ids = await addAll(t, shop, ["Ahmed Nasser", "Ali Ahmad", "Ahmad Saleh", "Zaid Omar"]);
    // Debts favour the weaker matches, so only the match quality decides the order.
    await t.purchase(shop.owner, ids["Ahmed Nasser"], 9000);
    await t.purchase(shop.owner, ids["Ali Ahmad"], 5000);
    const words = await search(t, shop, "Ahmad");
    assert.deepEqual(
      names(words).slice(0, 2).sort(),
      ["Ahmad Saleh", "Ali Ahmad"],
      "whole-word matches first",
    );
    assert.deepEqual(names(words).slice(2), ["Ahmed Nasser"]);
    const prefix = await search(t, shop, "ahma");
    assert.deepEqual(names(prefix), ["Ahmad Saleh", "Ali Ahmad", "Ahmed Nasser"]);
    const scores = prefix.customers.map((c) => c.score ?? 0);
    assert.ok(scores[0] > scores[1] && scores[1] > scores[2], `scores ${scores}`);
  });

  suite.test("search results are paginated with the total of all matches", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, ["Sara One", "Sara Two", "Sara Three", "Sara Four", "Sara Five"]);
    const page1 = await t.ledger.listCustomers(shop.owner, { query: "sara", limit: 2 });
    const page3 = await t.ledger.listCustomers(shop.owner, { query: "sara", limit: 2, offset: 4 });
    assert.equal(page1.total, 5);
    assert.equal(page1.customers.length, 2);
    assert.equal(page3.total, 5);
    assert.equal(page3.customers.length, 1);
    const all = await t.ledger.listCustomers(shop.owner, { query: "sara", limit: 10 });
    assert.equal(new Set(names(all)).size, 5);
  });

  suite.test("a query with nothing searchable finds nothing", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, ["Anyone"]);
    for (const query of ["...", "!?", "12"]) {
      const found = await search(t, shop, query);
      assert.equal(found.total, 0, query);
      assert.deepEqual(found.customers, [], query);
    }
    const blank = await search(t, shop, "   ");
    assert.equal(blank.mode, "all", "a blank query lists everyone");
    assert.equal(blank.total, 1);
  });

  suite.test("archived customers are not found", async (t) => {
    const { shop } = await t.world();
    await addAll(t, shop, [["Gone Person", { phone: "0591231231", tags: ["vip"] }]]);
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    for (const query of ["Gone", "123123", "#vip"]) {
      assert.equal((await search(t, shop, query)).total, 0, query);
    }
  });

  suite.test("another shop's customers never appear in a search", async (t) => {
    const { shop, rival } = await t.world();
    const mine = await addAll(t, shop, [["John Smith", { phone: "0597777777", tags: ["vip"] }]]);
    for (const name of ["John Smith", "Jon Smith", "John Smyth"]) {
      await t.ledger.addCustomer({
        actor: rival.owner,
        updateId: t.updateId(),
        fullName: name,
        phone: "0597777777",
        nicknames: ["John"],
        tags: ["vip"],
      });
    }
    for (const query of ["John Smith", "john", "7777", "#vip"]) {
      const found = await search(t, shop, query);
      assert.deepEqual(found.customers.map((c) => c.id), [mine["John Smith"]], query);
      assert.equal(found.total, 1, query);
    }
  });
}

/**
 * A shop bigger than one walk (the search reads its 500 largest debts, then gathers rare
 * classes through the word index): pages must be exactly what ranking every match gives.
 */
/**
 * Runs `fn` on a fresh shop of 3,000 customers inserted directly (balances without
 * transactions), then zeroes the balances so the ledger's invariants hold again.
 */
async function withBigShop(
  t: LedgerContext,
  fn: (shop: ShopFixture) => Promise<void>,
): Promise<void> {
  const { shop } = await t.world();
  await bigShop(t, shop);
  try {
    await fn(shop);
  } finally {
    await t.sql("update public.customers set balance = 0 where shop_id = $1", [shop.shopId]);
  }
}

async function bigShop(t: LedgerContext, shop: ShopFixture): Promise<void> {
  // 3,000 customers. "Omar" holders owe the least (the walk over the largest debts sees
  // none); "Sara" holders are spread through; "Zubair" is rare (two); "Noor" is thin (1 in 150); every 7th is #late.
  await t.sql(
    `insert into public.customers (shop_id, full_name, phone, other_phones, tags, balance, created_by)
     select $1,
            case when g % 10 = 0 then 'Omar Haddad ' || g
                 when g % 3 = 0 then 'Sara Khalil ' || g
                 when g % 997 = 0 then 'Zubair Nasser ' || g
                 when g % 97 = 1 then 'Noor Darwish ' || g
                 else 'Layla Mansour ' || g end,
            '059' || lpad(g::text, 7, '0'),
            case when g % 500 = 0 then array['0561234' || lpad(g::text, 3, '0')] else '{}' end,
            case when g % 7 = 0 then array['late'] else '{}' end,
            case when g % 10 = 0 then g % 5 else 10000 + (g * 7919) % 90000 end,
            $2
       from generate_series(1, 3000) as g`,
    [shop.shopId, shop.owner],
  );
}

/** Ids of the shop's active customers meeting a condition, largest debt first. */
async function expected(
  t: LedgerContext,
  shop: ShopFixture,
  where: string,
  limit: number,
  offset = 0,
): Promise<number[]> {
  const rows = await t.sql<{ id: string }>(
    `select id::text from public.customers as c
      where c.shop_id = $1 and c.archived_at is null and ${where}
      order by c.balance desc, c.id limit $2 offset $3`,
    [shop.shopId, limit, offset],
  );
  return rows.map((r) => Number(r.id));
}

async function page(t: LedgerContext, shop: ShopFixture, query: string, offset = 0) {
  return await t.ledger.listCustomers(shop.clerk, { query, limit: 8, offset });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a big shop's search pages equal ranking every match", (t) =>
    withBigShop(t, async (shop) => {
      const cases: [string, string][] = [
        ["omar", "'omar' = any(c.search_words)"], // 300 holders, all below the walk
        ["sara", "'sara' = any(c.search_words)"], // 900 holders, spread through
        ["zubair", "'zubair' = any(c.search_words)"], // rare
        ["noor", "'noor' = any(c.search_words)"], // 1 in 150: the walk comes back short and reads on
        ["#late", "c.tags @> '{late}'"],
      ];
      for (const [query, where] of cases) {
        for (const offset of [0, 8, 40]) {
          const found = await page(t, shop, query, offset);
          assert.deepEqual(
            found.customers.map((c) => c.id),
            await expected(t, shop, where, 8, offset),
            `${query} at ${offset}`,
          );
        }
      }
    }));

  suite.test("the page of a class is exact whether walked, read on or gathered", (t) =>
    withBigShop(t, async (shop) => {
      // Short walks: "sara" (1 in 3) fills a page within 50 rows, "#late" (1 in 7) comes
      // back short and reads on, "noor" (1 in 150) and "omar" (the smallest debts) are
      // gathered through the index; each must give the true top 8.
      const classes: [string, string, string][] = [
        [
          "c.tags @> '{late}'",
          `private.search_keys(c.shop_id, c.tags) @> '{${shop.shopId}:late}'`,
          "c.tags @> '{late}'",
        ],
        [
          "c.search_words && '{noor}'",
          `private.search_keys(c.shop_id, c.search_words) && '{${shop.shopId}:noor}'`,
          "'noor' = any(c.search_words)",
        ],
        [
          "c.search_words && '{omar}'",
          `private.search_keys(c.shop_id, c.search_words) && '{${shop.shopId}:omar}'`,
          "'omar' = any(c.search_words)",
        ],
        [
          "c.search_words && '{sara}'",
          `private.search_keys(c.shop_id, c.search_words) && '{${shop.shopId}:sara}'`,
          "'sara' = any(c.search_words)",
        ],
      ];
      for (const walkRows of [50, 200]) {
        for (const [walk, gather, where] of classes) {
          const [row] = await t.sql<{ ids: string[] }>(
            `select private.customer_pool($1, array[$2], array[$3], true, array[1]::real[], 8, $4)::text[] as ids`,
            [shop.shopId, walk, gather, walkRows],
          );
          assert.deepEqual(
            row.ids.map(Number),
            await expected(t, shop, where, 8),
            `${walk} walking ${walkRows}`,
          );
        }
      }
    }));

  suite.test("a search counts up to 100 matches and then says there are more", (t) =>
    withBigShop(t, async (shop) => {
      const many = await page(t, shop, "sara");
      assert.deepEqual([many.total, many.total_capped], [100, true]);
      const few = await page(t, shop, "zubair");
      assert.deepEqual([few.total, few.total_capped], [2, false]);
      const all = await page(t, shop, "");
      assert.deepEqual(
        [all.total, all.total_capped],
        [3000, false],
        "the full list counts everyone",
      );
    }));

  suite.test("in a big shop, phones that start with the digits come first, other phones too", (t) =>
    withBigShop(t, async (shop) => {
      // 0561234xxx is only an other phone (every 500th customer): six of them.
      const other = await page(t, shop, "0561234");
      assert.equal(other.total, 6);
      assert.deepEqual(
        other.customers.map((c) => c.id).sort(),
        (await expected(t, shop, "c.other_phones <> '{}'", 8)).sort(),
      );
      // Every phone starts 059000…: more than 100 start with 0590001.
      const starts = await page(t, shop, "0590001");
      assert.equal(starts.total_capped, true, "every phone starting 0590001 matches");
      const inside = await page(t, shop, "2999");
      assert.deepEqual(inside.customers.map((c) => c.phone), ["0590002999"]);
    }));
}
