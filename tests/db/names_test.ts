/**
 * Names that cannot deceive: invisible and bidi-control characters are stripped at the SQL
 * boundary from every text a member types (names, nicknames, tags, notes, expenses), a name
 * or nickname that mixes scripts inside one word is refused, and a new or renamed customer
 * whose name looks the same as another customer's is reported (a warning, not a refusal).
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

/** Every code point of a text as U+XXXX, so a failure shows what is invisible. */
function codePoints(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(" ");
}

/** Asserts the text holds no invisible or bidi-control character. */
function assertVisible(text: string, what: string): void {
  assert.ok(
    !/[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/u.test(text),
    `${what} still has invisible characters: ${codePoints(text)}`,
  );
}

/** Texts that look like "John Smith" but hide characters. */
const HIDDEN = [
  "John\u200b Smith",
  "Jo\u200dhn Smith",
  "\u202eJohn Smith",
  "John Smith\u2066\u2069",
  "\ufeffJohn Sm\u00adith",
  "John\u2060 Smith\u200e",
];

async function renameGranted(t: LedgerContext, actor: number, customerId: number, name: string) {
  return await t.ledger.customers.rename({
    actor,
    updateId: t.updateId(),
    customerId,
    fullName: name,
  });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("invisible and bidi-control characters are stripped from names and nicknames", async (t) => {
    const { shop } = await t.world();
    for (const hidden of HIDDEN) {
      const c = await t.addCustomer(shop.owner, hidden, { nicknames: [`Abu\u200b Ali\u202e`] });
      assert.equal(c.full_name, "John Smith", codePoints(c.full_name));
      assert.deepEqual(c.nicknames, ["Abu Ali"]);
    }
    const sara = await t.addCustomer(shop.owner, "Sara");
    const renamed = await renameGranted(t, shop.owner, sara.id, "Sara\u200b \u202dLee");
    assert.equal(renamed.customer.full_name, "Sara Lee");
    const nick = await t.ledger.customers.addNickname({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: sara.id,
      nickname: "\u2067Umm\u2069 Ali\u200f",
    });
    assert.equal(nick.nickname, "Umm Ali");
    // A name of invisible characters only is no name.
    await assertLedgerError(
      t.ledger.addCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        fullName: "\u200b\u200d\u202e",
      }),
      "name_required",
    );
  });

  suite.test("notes, tags and expense texts lose their invisible characters", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann", { tags: ["v\u200bip", "#\u202eneighbor"] });
    assert.deepEqual(ann.tags, ["neighbor", "vip"]);
    const tagged = await t.ledger.tags.tag({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
      tags: ["we\u200dekly"],
    });
    assert.deepEqual(tagged.changed, ["weekly"]);
    const bought = await t.purchase(shop.owner, ann.id, 500, "bre\u200bad #fre\u2060sh\u202e");
    assert.equal(bought.transaction.description, "bread #fresh");
    assert.deepEqual(bought.transaction.tags, ["fresh"]);
    const spent = await t.ledger.spending.record({
      actor: shop.owner,
      updateId: t.updateId(),
      price: 1250,
      item: "cra\u200btes",
      vendor: "Dairy\u202e Co",
      category: "sup\ufeffplies",
    });
    assert.equal(spent.expense.item, "crates");
    assert.equal(spent.expense.vendor, "Dairy Co");
    assert.equal(spent.expense.category, "supplies");
    const [stored] = await t.sql<{ d: string }>(
      "select description as d from public.transactions where id = $1",
      [bought.transaction.id],
    );
    assertVisible(stored.d, "the stored note");
  });

  suite.test("zero-width joiners stay inside Persian and Arabic words, nowhere else", async (t) => {
    const { shop } = await t.world();
    // "Mehrdad Mohammadi-Nejad" in Persian spelling with a ZWNJ inside the last word.
    const persian = "مهرداد محمدی\u200cنژاد";
    const p = await t.addCustomer(shop.owner, persian);
    assert.equal(p.full_name, persian, codePoints(p.full_name));
    const latin = await t.addCustomer(shop.owner, "Ma\u200cry \u200cJones\u200d");
    assert.equal(latin.full_name, "Mary Jones");
    // A ZWJ that joins an emoji sequence in a note stays; one after a letter does not.
    const family = "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}";
    const bought = await t.purchase(shop.owner, latin.id, 100, `gift ${family} for\u200d him`);
    assert.equal(bought.transaction.description, `gift ${family} for him`);
  });

  suite.test("a name or nickname mixing scripts inside a word is refused and changes nothing", async (t) => {
    const { shop } = await t.world();
    const before = await t.counts(shop.shopId);
    for (const name of ["J\u043ehn Smith", "John Sm\u0456th", "\u0391lex Brown", "Aliعلي"]) {
      await assertLedgerError(
        t.ledger.addCustomer({ actor: shop.owner, updateId: t.updateId(), fullName: name }),
        "name_mixed_scripts",
      );
    }
    await assertLedgerError(
      t.ledger.addCustomer({
        actor: shop.owner,
        updateId: t.updateId(),
        fullName: "John Smith",
        nicknames: ["Ab\u0443 Ali"],
      }),
      "nickname_mixed_scripts",
    );
    assert.deepEqual(await t.counts(shop.shopId), before);

    const john = await t.addCustomer(shop.owner, "John Smith");
    await assertLedgerError(
      renameGranted(t, shop.owner, john.id, "J\u043ehn Smyth"),
      "name_mixed_scripts",
    );
    await assertLedgerError(
      t.ledger.customers.addNickname({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: john.id,
        nickname: "\u0392ig John",
      }),
      "nickname_mixed_scripts",
    );
    const [row] = await t.sql<{ full_name: string; nicknames: string[] }>(
      "select full_name, nicknames from public.customers where id = $1",
      [john.id],
    );
    assert.deepEqual({ ...row }, { full_name: "John Smith", nicknames: [] });
  });

  suite.test("scripts in separate words, digits and Arabic names with Latin nicknames are fine", async (t) => {
    const { shop } = await t.world();
    const a = await t.addCustomer(shop.owner, "محمد أحمد", { nicknames: ["Abu Ali", "Mo2"] });
    assert.equal(a.full_name, "محمد أحمد");
    assert.deepEqual(a.nicknames, ["Abu Ali", "Mo2"]);
    const b = await t.addCustomer(shop.owner, "Ali علي 3", { nicknames: ["أبو علي"] });
    assert.equal(b.full_name, "Ali علي 3");
    const c = await t.addCustomer(shop.owner, "José O'Brien-Núñez ٣");
    assert.equal(c.full_name, "José O'Brien-Núñez ٣");
    const d = await t.addCustomer(shop.owner, "Иван Петров");
    assert.equal(d.full_name, "Иван Петров");
    const e = await t.addCustomer(shop.owner, "Νίκος Παπαδόπουλος");
    assert.equal(e.full_name, "Νίκος Παπαδόπουλος");
  });

  suite.test("a name that looks the same as another customer's is reported, not refused", async (t) => {
    const { shop, rival } = await t.world();
    const john = await t.addCustomer(shop.owner, "John Smith");
    await t.purchase(shop.owner, john.id, 3000);
    await t.addCustomer(rival.owner, "Mary Jones"); // another shop's customers never count

    const twin = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "JOHN  smith",
    });
    assert.deepEqual(twin.look_alike, { id: john.id, full_name: "John Smith", balance: 3000 });

    // Cyrillic letters in a word of their own are allowed, but look the same.
    const cyr = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "\u041c\u0430r\u0443 Jones", // Cyrillic М, а, у with a Latin r: one mixed word
    }).catch((e) => e);
    assert.equal(cyr.code, "name_mixed_scripts");
    const allCyr = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "\u0421\u0410\u0420\u0410", // "САРА", all Cyrillic
    });
    assert.equal(allCyr.look_alike, null);
    const sara = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Capa", // Latin, looks the same as Cyrillic САРА
    });
    assert.equal(sara.look_alike?.id, allCyr.customer.id);

    const other = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Mary Jones",
    });
    assert.equal(other.look_alike, null, "a name from another shop is not a look-alike");

    const renamed = await renameGranted(t, shop.owner, other.customer.id, "John Smith\u200b");
    assert.equal(renamed.customer.full_name, "John Smith");
    assert.equal(renamed.look_alike?.id, john.id);
    const plain = await renameGranted(t, shop.owner, other.customer.id, "Mary Jane");
    assert.equal(plain.look_alike, null);
  });
}
