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
