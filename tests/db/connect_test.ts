/**
 * Linking a customer's Telegram account and the customer's self-service, on both engines:
 * the code is random and stored only as its hash, expires after 7 days, works once and only
 * for whoever opened it; one live link per customer; a customer reads only their own accounts.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { assertLedgerError, type LedgerContext, ledgerSuite } from "../support/ledger_fixtures.ts";

/** A fresh /connect code for `customerId`, made by `actor`. */
async function linkCode(t: LedgerContext, actor: number, customerId: number) {
  const made = await t.ledger.connect.createLink({ actor, updateId: t.updateId(), customerId });
  assert.ok(made.code, "a new link has a code");
  return made;
}

/** Opens the code as `customer` and says Yes. */
async function link(t: LedgerContext, actor: number, customerId: number, customer: number) {
  const made = await linkCode(t, actor, customerId);
  const opened = await t.ledger.connect.openLink(customer, made.code!);
  return t.ledger.connect.acceptLink({
    actor: customer,
    updateId: t.updateId(),
    linkId: opened.link.id,
  });
}

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("a link code is random, stored only as its hash, 7 days, and works once", async (t) => {
    const { shop } = await t.world();
    const layla = await t.addCustomer(shop.clerk, "Layla Nasser");
    const made = await linkCode(t, shop.clerk, layla.id);
    assert.match(made.code!, /^[A-Za-z0-9_-]{24}$/, "144 bits, base64url");
    const days = (Date.parse(made.link.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 6.99 && days <= 7, `expires in 7 days, not ${days}`);
    const stored = await t.sql<{ text: string; hashed: boolean }>(
      `select concat_ws(' ', (select string_agg(c::text, ' ') from public.customer_link_codes as c),
                             (select string_agg(a::text, ' ') from public.actions as a),
                             (select string_agg(p::text, ' ') from public.processed_updates as p)) as text,
              exists (select 1 from public.customer_link_codes
                       where code_hash = pg_catalog.sha256(convert_to($1, 'UTF8'))) as hashed`,
      [made.code],
    );
    assert.ok(!stored[0].text.includes(made.code!), "the plain code is stored nowhere");
    assert.ok(stored[0].hashed, "its SHA-256 is");
    const [logged] = await t.sql<{ action: string }>(
      "select action from public.actions where customer_id = $1 order by id desc limit 1",
      [layla.id],
    );
    assert.equal(logged.action, "customer_link_created");

    const customer = t.userId();
    const opened = await t.ledger.connect.openLink(customer, made.code!);
    assert.equal(opened.customer.full_name, "Layla Nasser");
    assert.equal(opened.shop.id, shop.shopId);
    // Someone who did not open the link cannot answer it (forged callback data).
    await assertLedgerError(
      t.ledger.connect.acceptLink({
        actor: t.userId(),
        updateId: t.updateId(),
        linkId: opened.link.id,
      }),
      "customer_link_invalid",
    );
    const accepted = await t.ledger.connect.acceptLink({
      actor: customer,
      updateId: t.updateId(),
      linkId: opened.link.id,
      language: "ar",
    });
    assert.equal(accepted.account.customer.id, layla.id);
    assert.equal(accepted.account.language, "ar");
    assert.deepEqual(accepted.owners.map((o) => o.user_id), [shop.owner]);
    await assertLedgerError(
      t.ledger.connect.openLink(t.userId(), made.code!),
      "customer_link_used",
    );
    await assertLedgerError(
      t.ledger.connect.openLink(t.userId(), "nonsense"),
      "customer_link_invalid",
    );
    await assertLedgerError(t.ledger.connect.openLink(t.userId(), "a b"), "customer_link_invalid");
  });

  suite.test("an expired link says so; an archived customer's link no longer works", async (t) => {
    const { shop } = await t.world();
    const layla = await t.addCustomer(shop.owner, "Layla Nasser");
    const made = await linkCode(t, shop.owner, layla.id);
    await t.sql(
      "update public.customer_link_codes set expires_at = now() - interval '1 second' where id = $1",
      [made.link.id],
    );
    await assertLedgerError(
      t.ledger.connect.openLink(t.userId(), made.code!),
      "customer_link_expired",
    );
    const sara = await t.addCustomer(shop.owner, "Sara Haddad");
    const fresh = await linkCode(t, shop.owner, sara.id);
    await t.sql("update public.customers set archived_at = now() where id = $1", [sara.id]);
    await assertLedgerError(
      t.ledger.connect.openLink(t.userId(), fresh.code!),
      "customer_link_invalid",
    );
  });

  suite.test("one live link per customer; ended links stay; a new link after the end", async (t) => {
    const { shop } = await t.world();
    const layla = await t.addCustomer(shop.owner, "Layla Nasser");
    const customer = t.userId();
    await link(t, shop.owner, layla.id, customer);
    await assertLedgerError(
      t.ledger.connect.createLink({
        actor: shop.owner,
        updateId: t.updateId(),
        customerId: layla.id,
      }),
      "customer_already_linked",
    );
    // A code made before the link was accepted by someone else is refused then too.
    const sara = await t.addCustomer(shop.owner, "Sara Haddad");
    const first = await linkCode(t, shop.owner, sara.id);
    const second = await linkCode(t, shop.owner, sara.id);
    const a = t.userId(), b = t.userId();
    const openedA = await t.ledger.connect.openLink(a, first.code!);
    const openedB = await t.ledger.connect.openLink(b, second.code!);
    await t.ledger.connect.acceptLink({
      actor: a,
      updateId: t.updateId(),
      linkId: openedA.link.id,
    });
    await assertLedgerError(
      t.ledger.connect.acceptLink({ actor: b, updateId: t.updateId(), linkId: openedB.link.id }),
      "customer_already_linked",
    );
    // A clerk cannot unlink; an owner can; then the customer can link again.
    await assertLedgerError(
      t.ledger.connect.unlink({ actor: shop.clerk, updateId: t.updateId(), customerId: layla.id }),
      "owner_only",
    );
    await t.ledger.connect.unlink({
      actor: shop.owner,
      updateId: t.updateId(),
      customerId: layla.id,
    });
    assert.equal((await t.ledger.connect.home(customer)).accounts.length, 0);
    await link(t, shop.owner, layla.id, customer);
    const rows = await t.sql<{ ended: boolean }>(
      "select ended_at is not null as ended from public.customer_accounts where customer_id = $1 order by id",
      [layla.id],
    );
    assert.deepEqual(rows.map((r) => r.ended), [true, false]);
    const actions = await t.sql<{ action: string }>(
      "select action from public.actions where customer_id = $1 and action like 'customer_link%' order by id",
      [layla.id],
    );
    assert.deepEqual(actions.map((r) => r.action), [
      "customer_link_created",
      "customer_linked",
      "customer_link_ended",
      "customer_link_created",
      "customer_linked",
    ]);
  });

  suite.test("a customer of two shops sees both and never anyone else", async (t) => {
    const { shop, rival } = await t.world();
    const layla = await t.addCustomer(shop.owner, "Layla Nasser");
    const laylaThere = await t.addCustomer(rival.owner, "Layla N.");
    const other = await t.addCustomer(shop.owner, "Someone Else");
    await t.purchase(shop.owner, layla.id, 5_000, "rice");
    await t.purchase(rival.owner, laylaThere.id, 700, "bread");
    await t.purchase(shop.owner, other.id, 99_900, "secret");
    const customer = t.userId();
    const stranger = t.userId();
    await link(t, shop.owner, layla.id, customer);
    await link(t, rival.owner, laylaThere.id, customer);
    await link(t, shop.owner, other.id, stranger);

    const home = await t.ledger.connect.home(customer);
    assert.equal(home.member, false);
    assert.deepEqual(
      home.accounts.map((a) => [a.shop.id, a.customer.full_name, a.customer.balance]),
      [
        [shop.shopId, "Layla Nasser", 5_000],
        [rival.shopId, "Layla N.", 700],
      ],
    );
    assert.deepEqual(home.accounts[0].entries.map((e) => e.description), ["rice"]);
    assert.ok(!JSON.stringify(home).includes("secret"));
    // Another person's account is unreachable by its id.
    const theirs = (await t.ledger.connect.home(stranger)).accounts[0].account_id;
    await assertLedgerError(
      t.ledger.connect.statement(customer, theirs),
      "customer_account_not_found",
    );
    await assertLedgerError(
      t.ledger.connect.disconnect({ actor: customer, updateId: t.updateId(), accountId: theirs }),
      "customer_account_not_found",
    );
    const statement = await t.ledger.connect.statement(customer, home.accounts[1].account_id);
    assert.equal(statement.customer.full_name, "Layla N.");
    // The customer ends one link; the other stays.
    await t.ledger.connect.disconnect({
      actor: customer,
      updateId: t.updateId(),
      accountId: home.accounts[0].account_id,
    });
    assert.deepEqual((await t.ledger.connect.home(customer)).accounts.map((a) => a.shop.id), [
      rival.shopId,
    ]);
    assert.equal((await t.ledger.connect.home(stranger)).accounts.length, 1);
  });

  suite.test("a member of shop A who is a customer of shop B sees only their own B account", async (t) => {
    const { shop, rival } = await t.world();
    const clerkAsCustomer = await t.addCustomer(rival.owner, "Clerk as customer");
    await t.addCustomer(rival.owner, "Another customer");
    await link(t, rival.owner, clerkAsCustomer.id, shop.clerk);
    const home = await t.ledger.connect.home(shop.clerk);
    assert.equal(home.member, true);
    assert.deepEqual(home.accounts.map((a) => a.customer.full_name), ["Clerk as customer"]);
    // Being a customer there gives no member access to shop B.
    assert.equal((await t.ledger.memberInfo(shop.clerk)).shop.id, shop.shopId);
  });
}
