/**
 * Customers: adding (names, phones, nicknames, tags), the summary and the list, and names
 * that cannot deceive (hidden characters, mixed scripts, look-alikes).
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";
import { latest, undo } from "../support/ledger_steps.ts";

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  // --------------------------------------------------------------------------
  // Adding
  // --------------------------------------------------------------------------

  suite.test("a new customer's name is trimmed and its spaces collapsed", async (t) => {
    const { shop } = await t.world();
    const added = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "   John \t  Smith  \n",
    });
    assert.equal(added.customer.full_name, "John Smith");
    assert.equal(added.customer.balance, 0);
    assert.equal(added.customer.archived_at, null);
    assert.equal(added.customer.phone, null);
    assert.equal(added.same_phone, null);
    assert.equal(added.shop.id, shop.shopId);
    const [row] = await t.sql<{ full_name: string; shop_id: unknown; created_by: unknown }>(
      `select full_name, shop_id, created_by from public.customers where id = $1`,
      [added.customer.id],
    );
    assert.deepEqual(
      [row.full_name, Number(row.shop_id), Number(row.created_by)],
      ["John Smith", shop.shopId, shop.owner],
    );
  });

  suite.test("a customer needs a name", async (t) => {
    const { shop } = await t.world();
    const before = await t.counts(shop.shopId);
    for (const fullName of ["", "   ", "\n\t"]) {
      await assertLedgerError(
        t.ledger.addCustomer({ actor: shop.owner, updateId: t.updateId(), fullName }),
        "name_required",
      );
    }
    assert.deepEqual(await t.counts(shop.shopId), before);
  });

  suite.test("a name longer than 120 characters is refused", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(t.addCustomer(shop.owner, "a".repeat(121)), "name_too_long");
    assert.equal((await t.counts(shop.shopId)).customers, 0);
    const longest = await t.addCustomer(shop.owner, "b".repeat(120));
    assert.equal(longest.full_name.length, 120);
  });

  suite.test("a phone without 3 to 20 digits is refused", async (t) => {
    const { shop } = await t.world();
    for (const phone of ["12", "call me", "+-()", "1".repeat(21), `123 ${"-".repeat(40)}`]) {
      await assertLedgerError(t.addCustomer(shop.owner, "Ann", { phone }), "phone_invalid");
    }
    assert.equal((await t.counts(shop.shopId)).customers, 0);
    const shortest = await t.addCustomer(shop.owner, "Ann", { phone: "123" });
    assert.equal(shortest.phone, "123");
  });

  suite.test("a blank phone means no phone", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann", { phone: "   " });
    assert.equal(ann.phone, null);
    const [row] = await t.sql<{ phone_digits: string | null }>(
      `select phone_digits from public.customers where id = $1`,
      [ann.id],
    );
    assert.equal(row.phone_digits, null);
  });

  suite.test("a phone is kept as typed and as its digits", async (t) => {
    const { shop } = await t.world();
    const bob = await t.addCustomer(shop.owner, "Bob", { phone: "+970 (59) 123-4567" });
    assert.equal(bob.phone, "+970 (59) 123-4567");
    const [row] = await t.sql<{ phone: string; phone_digits: string }>(
      `select phone, phone_digits from public.customers where id = $1`,
      [bob.id],
    );
    assert.deepEqual(row, { phone: "+970 (59) 123-4567", phone_digits: "970591234567" });
  });

  suite.test("Arabic-Indic digits in a phone are stored as ASCII digits", async (t) => {
    const { shop } = await t.world();
    const arabic = await t.addCustomer(shop.owner, "سامي", { phone: "٠٥٩٩ ١٢٣ ٤٥٦" });
    const persian = await t.addCustomer(shop.owner, "Dara", { phone: "۰۹۱۲۳۴۵۶۷۸۹" });
    assert.equal(arabic.phone, "٠٥٩٩ ١٢٣ ٤٥٦", "the phone is shown as it was typed");
    const rows = await t.sql<{ phone_digits: string }>(
      `select phone_digits from public.customers where id = any($1::bigint[]) order by id`,
      [[arabic.id, persian.id]],
    );
    assert.deepEqual(rows.map((r) => r.phone_digits), ["0599123456", "09123456789"]);
  });

  suite.test("a phone another customer already has is reported as same_phone", async (t) => {
    const { shop, rival } = await t.world();
    const first = await t.addCustomer(shop.owner, "Carl", { phone: "059-111-2233" });
    await t.addCustomer(rival.owner, "Someone else", { phone: "0591112244" });
    const second = await t.ledger.addCustomer({
      actor: shop.clerk,
      updateId: t.updateId(),
      fullName: "Carla",
      phone: "٠٥٩١١١٢٢٣٣",
    });
    assert.deepEqual(second.same_phone, { id: first.id, full_name: "Carl" });
    assert.notEqual(second.customer.id, first.id, "the customer is still added");
    const third = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Carlos",
      phone: "0591112244",
    });
    assert.equal(third.same_phone, null, "another shop's customer with that phone does not count");
  });

  suite.test("an archived customer's phone is not reported as same_phone", async (t) => {
    const { shop } = await t.world();
    await t.addCustomer(shop.owner, "Dina", { phone: "0522000000" });
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    const again = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Dina",
      phone: "0522000000",
    });
    assert.equal(again.same_phone, null);
  });

  suite.test("nicknames are cleaned, deduplicated and returned when adding", async (t) => {
    const { shop } = await t.world();
    const added = await t.ledger.addCustomer({
      actor: shop.owner,
      updateId: t.updateId(),
      fullName: "Ali Hassan",
      nicknames: ["  Abu   Ali ", "Abu Ali", "", "   ", "Hajj"],
    });
    assert.deepEqual(added.customer.nicknames, ["Abu Ali", "Hajj"]);
    const [row] = await t.sql<{ nicknames: string[] }>(
      `select nicknames from public.customers where id = $1`,
      [added.customer.id],
    );
    assert.deepEqual(row.nicknames, ["Abu Ali", "Hajj"]);
  });

  suite.test("a nickname longer than 60 characters is refused", async (t) => {
    const { shop } = await t.world();
    await assertLedgerError(
      t.addCustomer(shop.owner, "Eli", { nicknames: ["ok", "n".repeat(61)] }),
      "nickname_too_long",
    );
    assert.equal((await t.counts(shop.shopId)).customers, 0);
    const eli = await t.addCustomer(shop.owner, "Eli", { nicknames: ["n".repeat(60)] });
    assert.deepEqual(eli.nicknames, ["n".repeat(60)]);
  });

  suite.test("tags are lower-cased, stripped of #, deduplicated and sorted", async (t) => {
    const { shop } = await t.world();
    const fay = await t.addCustomer(shop.owner, "Fay", {
      tags: ["#VIP", "vip", " Neighbor ", "", "#", "#Family", "x".repeat(33)],
    });
    assert.deepEqual(fay.tags, ["family", "neighbor", "vip"]);
    const [row] = await t.sql<{ tags: string[] }>(
      `select tags from public.customers where id = $1`,
      [
        fay.id,
      ],
    );
    assert.deepEqual(row.tags, ["family", "neighbor", "vip"]);
  });

  suite.test("adding a customer is logged as customer_added by whoever added it", async (t) => {
    const { shop } = await t.world();
    const gus = await t.addCustomer(shop.clerk, "Gus", { phone: "0500000001" });
    const [entry] = (await t.ledger.listActions(shop.owner, { limit: 1 })).actions;
    assert.equal(entry.action, "customer_added");
    assert.equal(entry.actor_id, shop.clerk);
    assert.equal(entry.actor_name, shop.clerkName);
    assert.equal(entry.customer_id, gus.id);
    assert.equal(entry.customer_name, "Gus");
    assert.deepEqual(entry.info, { full_name: "Gus", phone: "0500000001" });
  });

  // --------------------------------------------------------------------------
  // Summary
  // --------------------------------------------------------------------------

  suite.test("the summary's totals leave out voided transactions", async (t) => {
    const { shop } = await t.world();
    const hana = await t.addCustomer(shop.owner, "Hana");
    await t.purchase(shop.owner, hana.id, 1000, "rice");
    const mistake = await t.purchase(shop.owner, hana.id, 500, "oops");
    await t.pay(shop.owner, hana.id, 300);
    const [undoMe] = await t.sql<{ id: unknown }>(
      `select id from public.actions where transaction_id = $1`,
      [mistake.transaction.id],
    );
    await t.ledger.undoAction({
      actor: shop.owner,
      updateId: t.updateId(),
      actionId: Number(undoMe.id),
    });
    const summary = await t.ledger.customerSummary(shop.owner, hana.id);
    assert.equal(summary.customer.balance, 700);
    assert.equal(summary.totals.purchases, 1000);
    assert.equal(summary.totals.payments, 300);
    assert.equal(summary.totals.count, 2);
    assert.ok(summary.totals.last_purchase_at);
    assert.ok(summary.totals.last_payment_at);
    assert.equal(summary.recent.length, 3, "recent still shows the voided row");
    const voided = summary.recent.find((r) => r.id === mistake.transaction.id);
    assert.ok(voided?.voided_at, "the voided row is marked voided");
  });

  suite.test("a customer without transactions has zero totals", async (t) => {
    const { shop } = await t.world();
    const ian = await t.addCustomer(shop.owner, "Ian");
    const summary = await t.ledger.customerSummary(shop.clerk, ian.id);
    assert.deepEqual(summary.totals, {
      purchases: 0,
      payments: 0,
      count: 0,
      last_purchase_at: null,
      last_payment_at: null,
    });
    assert.deepEqual(summary.recent, []);
  });

  suite.test("the summary shows the hidden nicknames", async (t) => {
    const { shop } = await t.world();
    const jad = await t.addCustomer(shop.owner, "Jad", { nicknames: ["Abu Karim"], tags: ["vip"] });
    const summary = await t.ledger.customerSummary(shop.clerk, jad.id);
    assert.deepEqual(summary.customer.nicknames, ["Abu Karim"]);
    assert.deepEqual(summary.customer.tags, ["vip"]);
    assert.equal(summary.shop.id, shop.shopId);
  });

  suite.test("the summary lists recent transactions newest first, as many as asked", async (t) => {
    const { shop } = await t.world();
    const kai = await t.addCustomer(shop.owner, "Kai");
    const amounts = [100, 200, 300, 400];
    for (const amount of amounts) await t.purchase(shop.owner, kai.id, amount);
    const two = await t.ledger.customerSummary(shop.owner, kai.id, 2);
    assert.deepEqual(two.recent.map((r) => r.amount), [400, 300]);
    assert.deepEqual(two.recent.map((r) => r.balance_after), [1000, 600]);
    const all = await t.ledger.customerSummary(shop.owner, kai.id);
    assert.deepEqual(all.recent.map((r) => r.amount), [400, 300, 200, 100]);
    assert.equal(all.totals.count, 4);
  });

  suite.test("another shop's customer is refused in the summary", async (t) => {
    const { shop, rival } = await t.world();
    const theirs = await t.addCustomer(rival.owner, "Lina", { nicknames: ["secret"] });
    await assertLedgerError(t.ledger.customerSummary(shop.owner, theirs.id), "customer_not_found");
    await assertLedgerError(t.ledger.customerSummary(shop.clerk, theirs.id), "customer_not_found");
    await assertLedgerError(
      t.ledger.customerSummary(shop.owner, 876_543_210),
      "customer_not_found",
    );
  });

  // --------------------------------------------------------------------------
  // List
  // --------------------------------------------------------------------------

  suite.test("customers are listed largest debt first", async (t) => {
    const { shop } = await t.world();
    const small = await t.addCustomer(shop.owner, "Small");
    const big = await t.addCustomer(shop.owner, "Big");
    const none = await t.addCustomer(shop.owner, "None");
    const advance = await t.addCustomer(shop.owner, "Advance");
    const alsoSmall = await t.addCustomer(shop.owner, "Also small");
    await t.purchase(shop.owner, small.id, 100);
    await t.purchase(shop.owner, big.id, 9000);
    await t.pay(shop.owner, advance.id, 50);
    await t.purchase(shop.owner, alsoSmall.id, 100);
    const list = await t.ledger.listCustomers(shop.clerk);
    assert.equal(list.mode, "all");
    assert.equal(list.total, 5);
    assert.deepEqual(
      list.customers.map((c) => [c.full_name, c.balance]),
      [["Big", 9000], ["Small", 100], ["Also small", 100], ["None", 0], ["Advance", -50]],
    );
    assert.ok(none.id > 0);
  });

  suite.test("the list is paginated with total, limit and offset", async (t) => {
    const { shop } = await t.world();
    for (let i = 1; i <= 7; i++) {
      const c = await t.addCustomer(shop.owner, `Customer ${i}`);
      await t.purchase(shop.owner, c.id, i * 100);
    }
    const page1 = await t.ledger.listCustomers(shop.owner, { limit: 3, offset: 0 });
    const page2 = await t.ledger.listCustomers(shop.owner, { limit: 3, offset: 3 });
    const page3 = await t.ledger.listCustomers(shop.owner, { limit: 3, offset: 6 });
    const past = await t.ledger.listCustomers(shop.owner, { limit: 3, offset: 9 });
    assert.deepEqual([page1.total, page2.total, page3.total, past.total], [7, 7, 7, 7]);
    assert.deepEqual(page1.customers.map((c) => c.balance), [700, 600, 500]);
    assert.deepEqual(page2.customers.map((c) => c.balance), [400, 300, 200]);
    assert.deepEqual(page3.customers.map((c) => c.balance), [100]);
    assert.deepEqual(past.customers, []);
    const clamped = await t.ledger.listCustomers(shop.owner, { limit: 0, offset: -5 });
    assert.deepEqual(clamped.customers.map((c) => c.balance), [700], "limit 0 means 1, offset 0");
  });

  suite.test("archived customers leave the list", async (t) => {
    const { shop } = await t.world();
    const stays = await t.addCustomer(shop.owner, "Stays");
    const goes = await t.addCustomer(shop.owner, "Goes");
    await t.ledger.undoAction({ actor: shop.owner, updateId: t.updateId() });
    const list = await t.ledger.listCustomers(shop.owner);
    assert.equal(list.total, 1);
    assert.deepEqual(list.customers.map((c) => c.id), [stays.id]);
    const summary = await t.ledger.customerSummary(shop.owner, goes.id);
    assert.ok(summary.customer.archived_at, "the summary still shows the archived customer");
  });

  suite.test("lists never show nicknames", async (t) => {
    const { shop } = await t.world();
    await t.addCustomer(shop.owner, "Mona Lisa", {
      nicknames: ["La Gioconda"],
      phone: "0599876543",
      tags: ["art"],
    });
    for (const query of [null, "Mona", "Gioconda", "98765", "#art"]) {
      const list = await t.ledger.listCustomers(shop.owner, { query });
      assert.equal(list.customers.length, 1, `query ${query} finds her`);
      for (const customer of list.customers) {
        assert.ok(!("nicknames" in customer), `query ${query} leaked nicknames`);
        assert.ok(!JSON.stringify(customer).includes("Gioconda"), `query ${query} leaked`);
      }
    }
  });

  suite.test("another shop's customers are never listed", async (t) => {
    const { shop, rival } = await t.world();
    const mine = await t.addCustomer(shop.owner, "Nadia");
    await t.addCustomer(rival.owner, "Nadia", { tags: ["vip"], phone: "0590000000" });
    const list = await t.ledger.listCustomers(shop.owner);
    assert.deepEqual(list.customers.map((c) => c.id), [mine.id]);
    assert.equal(list.total, 1);
  });

  suite.test("archive_customer: needs the owner for a balance; a second archive is refused; undo restores", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    await t.purchase(shop.owner, ann.id, 500);
    await assertLedgerError(
      t.ledger.customers.archive({
        actor: shop.clerk,
        updateId: t.updateId(),
        customerId: ann.id,
      }),
      "owner_only",
    );
    const r = await t.ledger.customers.archive({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: ann.id,
    });
    assert.ok(r.customer.archived_at);
    await assertLedgerError(
      t.ledger.customers.archive({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
      }),
      "customer_archived",
    );
    await assertLedgerError(t.purchase(shop.owner, ann.id, 1), "customer_archived");
    const undone = await undo(t, shop.owner, await latest(t, shop.shopId, "customer_archived"));
    assert.equal(undone.customer?.archived_at, null);
    assert.equal(undone.customer?.balance, 500);
  });

  suite.test("rename, nickname and tag refusals; an older rename cannot be undone over a newer one", async (t) => {
    const { shop } = await t.world();
    const ann = await t.addCustomer(shop.owner, "Ann");
    const rename = (name: string) =>
      t.ledger.customers.rename({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        fullName: name,
      });
    await assertLedgerError(rename("   "), "name_required");
    await assertLedgerError(rename("Ann"), "name_unchanged");
    await assertLedgerError(rename("x".repeat(121)), "name_too_long");
    await rename("Anne");
    const older = await latest(t, shop.shopId, "customer_renamed");
    await rename("Anna");
    await assertLedgerError(undo(t, shop.owner, older), "changed_since");
    const nick = (nickname: string) =>
      t.ledger.customers.addNickname({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        nickname,
      });
    await assertLedgerError(nick(" "), "nickname_required");
    await assertLedgerError(nick("ANNA"), "nickname_exists");
    await nick("Umm Ali");
    assert.equal((await t.ledger.listCustomers(shop.owner, { query: "umm ali" })).total, 1);
    const tag = (tags: string[], remove = false) =>
      t.ledger.tags.tag({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: ann.id,
        tags,
        remove,
      });
    await assertLedgerError(tag(["#"]), "tags_required");
    assert.deepEqual((await tag(["#VIP", "vip", "late"])).changed, ["late", "vip"]);
    await assertLedgerError(tag(["vip"]), "tags_unchanged");
    await assertLedgerError(tag(["gone"], true), "tags_unchanged");
    const list = await t.ledger.tags.list(shop.owner);
    assert.deepEqual(list.tags.map((x) => [x.tag, x.customers]), [["late", 1], ["vip", 1]]);
  });
}

// ---------------------------------------------------------------------------------------
// Names that cannot deceive
// Names that cannot deceive: invisible and bidi-control characters are stripped at the SQL
// boundary from every text a member types (names, nicknames, tags, notes, expenses), a name
// or nickname that mixes scripts inside one word is refused, and a new or renamed customer
// whose name looks the same as another customer's is reported (a warning, not a refusal).
// ---------------------------------------------------------------------------------------
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

  // --------------------------------------------------------------------------
  // Duplicates before adding, and /phone (issue 13)
  // --------------------------------------------------------------------------

  suite.test("customer_duplicates finds the same-looking name or the same phone, active first, then archived", async (t) => {
    const { shop } = await t.world();
    const layla = await t.addCustomer(shop.owner, "Layla Nasser", { phone: "059-123-4567" });
    const sara = await t.addCustomer(shop.owner, "Sara Haddad", { phone: "0597777777" });
    await t.ledger.customers.archive({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: layla.id,
    });
    const byName = await t.ledger.customers.duplicates(shop.clerk, "layla   NASSER", null);
    assert.deepEqual(
      byName.customers.map((c) => [c.id, c.same_name, c.same_phone, c.archived_at !== null]),
      [[layla.id, true, false, true]],
    );
    const both = await t.ledger.customers.duplicates(shop.owner, "Sara Haddad", "0591234567");
    assert.deepEqual(
      both.customers.map((c) => [c.id, c.same_name, c.same_phone]),
      [[sara.id, true, false], [layla.id, false, true]],
      "active first, then archived",
    );
    const none = await t.ledger.customers.duplicates(shop.owner, "Omar", "05912345");
    assert.deepEqual(none.customers, [], "a phone matches whole, not as a prefix");
    assert.equal((await t.counts(shop.shopId)).customers, 2, "it only reads");
  });

  suite.test("set_customer_phone sets, changes and removes a phone; logged and undone step by step", async (t) => {
    const { shop } = await t.world();
    const omar = await t.addCustomer(shop.owner, "Omar Saleh");
    const phone = (p: string | null) =>
      t.ledger.customers.setPhone({
        actor: shop.clerk,
        updateId: t.updateId(),
        customerId: omar.id,
        phone: p,
      });
    const set = await phone("0598888888");
    assert.deepEqual([set.old_phone, set.customer.phone], [null, "0598888888"]);
    await assertLedgerError(phone("0598888888"), "phone_unchanged");
    await assertLedgerError(phone("12"), "phone_invalid");
    const changed = await phone("059 777 7777");
    assert.equal(changed.old_phone, "0598888888");
    const removed = await phone(null);
    assert.equal(removed.customer.phone, null);
    await assertLedgerError(phone(""), "phone_missing");
    const [digits] = await t.sql<{ phone_digits: string | null; search_phones: string }>(
      "select phone_digits, search_phones from public.customers where id = $1",
      [omar.id],
    );
    assert.deepEqual(digits, { phone_digits: null, search_phones: "" });
    const last = await latest(t, shop.shopId, "phone_changed");
    await undo(t, shop.clerk, last);
    const [back] = await t.sql<{ phone: string }>(
      "select phone from public.customers where id = $1",
      [omar.id],
    );
    assert.equal(back.phone, "059 777 7777");
    await phone("0591111111");
    const older = (await t.sql<{ id: number }>(
      "select id from public.actions where action = 'phone_changed' and undone_at is null order by id limit 1",
    ))[0];
    await assertLedgerError(undo(t, shop.owner, Number(older.id)), "changed_since");
  });
}
