/**
 * Search never crosses shops: every search path (the walk over the largest debts, reading
 * on in debt order, gathering through the shop-keyed index) and every count, for names,
 * `#tags` and phone digits, run in a big shop and in a small one that hold the same words,
 * tags and phone digits, returns only that shop's rows with the brute-force count. Empty
 * tags and queries with nothing searchable match nothing.
 */
import assert from "node:assert/strict";
import { engines } from "../support/databases.ts";
import { type LedgerContext, ledgerSuite, type ShopFixture } from "../support/ledger_fixtures.ts";
import { openChat } from "../support/chat.ts";

const BIG = 3000;
const PAGE = 8;

/**
 * A big shop (3,000 customers inserted directly: many Omars, Saras, Noors; #late every 7th,
 * #vip on the smallest debts, #gold 1 in 97; phones 059…) and a small one whose few
 * customers carry the same words, tags and phone digits, the Omar owing more than anyone
 * in the big shop (so a leak into the big shop's pages would come first).
 */
async function twoShops(t: LedgerContext): Promise<{ big: ShopFixture; small: ShopFixture }> {
  const { shop: big, rival: small } = await t.world();
  await t.sql(
    `insert into public.customers (shop_id, full_name, phone, tags, balance, created_by)
     select $1,
            case when g % 10 = 0 then 'Omar Haddad ' || g
                 when g % 3 = 0 then 'Sara Khalil ' || g
                 when g % 97 = 1 then 'Noor Darwish ' || g
                 when g % 13 = 0 then 'Rami Saleh ' || g
                 else 'Layla Mansour ' || g end,
            '059' || lpad(g::text, 7, '0'),
            array_remove(array[case when g % 7 = 0 then 'late' end,
                               case when g % 10 = 0 then 'vip' end,
                               case when g % 97 = 1 then 'gold' end], null),
            case when g % 10 = 0 then g % 5 else 10000 + (g * 7919) % 90000 end,
            $2
       from generate_series(1, ${BIG}) as g`,
    [big.shopId, big.owner],
  );
  await t.sql(
    `insert into public.customers (shop_id, full_name, phone, tags, balance, created_by)
     select $1,
            case when g = 1 then 'Omar Haddad' when g = 2 then 'Sara Noor' else 'Filler ' || g end,
            case when g = 1 then '0590001555' when g = 2 then '0591234567' else null end,
            case when g = 1 then array['vip', 'late', 'gold'] when g = 2 then array['late'] else '{}' end,
            case when g = 1 then 5000000 when g = 2 then 4000000 else 100 * g end,
            $2
       from generate_series(1, 20) as g`,
    [small.shopId, small.owner],
  );
  return { big, small };
}

/** Zeroes the directly inserted balances so the ledger's invariants hold again. */
async function cleanUp(t: LedgerContext, ...shops: ShopFixture[]): Promise<void> {
  for (const shop of shops) {
    await t.sql("update public.customers set balance = 0 where shop_id = $1", [shop.shopId]);
  }
}

/** Ids of a shop's active customers meeting a condition, in the given order (brute force). */
async function bruteForce(
  t: LedgerContext,
  shop: ShopFixture,
  where: string,
  order = "c.balance desc, c.id",
  limit = PAGE,
): Promise<number[]> {
  const rows = await t.sql<{ id: string }>(
    `select id::text from public.customers as c
      where c.shop_id = $1 and c.archived_at is null and (${where})
      order by ${order} limit $2`,
    [shop.shopId, limit],
  );
  return rows.map((r) => Number(r.id));
}

async function bruteCount(t: LedgerContext, shop: ShopFixture, where: string): Promise<number> {
  return await t.scalar(
    `select count(*) as value from public.customers as c
      where c.shop_id = $1 and c.archived_at is null and (${where})`,
    [shop.shopId],
  );
}

type Path = "walk" | "read on" | "gather";

/**
 * Which path customer_pool takes for one class (the rule of
 * 20261126000100_search_at_scale.sql): the walk when it finds a page, else reading on when
 * that is cheaper, else (or when reading on comes back short) gathering.
 */
async function pathsOf(
  t: LedgerContext,
  shop: ShopFixture,
  walk: string,
): Promise<(walkRows: number) => Path[]> {
  const rows = await t.sql<{ hit: boolean }>(
    `select (${walk}) as hit from public.customers as c
      where c.shop_id = $1 and c.archived_at is null order by c.balance desc, c.id`,
    [shop.shopId],
  );
  const size = rows.length;
  return (walkRows) => {
    const walked = Math.min(walkRows, size);
    const hit = rows.slice(0, walked).filter((r) => r.hit).length;
    if (hit >= PAGE || walked < walkRows) return ["walk"];
    const more = Math.ceil(2 * (PAGE - hit) * walkRows / Math.max(hit, 1));
    if (hit > 0 && more <= 2 * hit * size / walkRows) {
      const read = rows.slice(walked, walked + more);
      const found = hit + read.filter((r) => r.hit).length;
      return found >= PAGE || read.length < more
        ? ["walk", "read on"]
        : ["walk", "read on", "gather"];
    }
    return ["walk", "gather"];
  };
}

/** One class of each kind: its walk condition, its shop-keyed gather condition, brute force. */
function classes(
  shop: ShopFixture,
): { kind: string; walk: string; gather: string; where: string }[] {
  const s = shop.shopId;
  const word = (w: string) => ({
    kind: "name",
    walk: `c.search_words && '{${w}}'`,
    gather: `private.search_keys(c.shop_id, c.search_words) && '{${s}:${w}}'`,
    where: `'${w}' = any(c.search_words)`,
  });
  const tag = (g: string) => ({
    kind: "tag",
    walk: `c.tags @> '{${g}}'`,
    gather: `private.search_keys(c.shop_id, c.tags) @> '{${s}:${g}}'`,
    where: `c.tags @> '{${g}}'`,
  });
  const phone = (d: string) => ({
    kind: "phone",
    walk: `c.search_phones like '%${d}%'`,
    gather: `private.phone_keys(c.shop_id, c.search_phones) @> private.phone_keys(${s}, '${d}')` +
      ` and c.search_phones like '%${d}%'`,
    where: `c.search_phones like '%${d}%'`,
  });
  return [
    word("omar"),
    word("sara"),
    word("noor"),
    word("rami"),
    tag("vip"),
    tag("late"),
    tag("gold"),
    phone("0590001"),
    phone("555"),
    phone("059"),
    phone("199"),
  ];
}

/** Queries as a user types them, with the brute-force condition and order of their page. */
const queries: [string, string, string][] = [
  ["omar", "'omar' = any(c.search_words)", "c.balance desc, c.id"],
  ["sara", "'sara' = any(c.search_words)", "c.balance desc, c.id"],
  ["noor", "'noor' = any(c.search_words)", "c.balance desc, c.id"],
  ["#vip", "c.tags @> '{vip}'", "c.balance desc, c.id"],
  ["#late", "c.tags @> '{late}'", "c.balance desc, c.id"],
  ["#gold", "c.tags @> '{gold}'", "c.balance desc, c.id"],
  ["#vip #late", "c.tags @> '{vip,late}'", "c.balance desc, c.id"],
  [
    "0590001",
    "c.search_phones like '%0590001%'",
    "c.search_phones like '% 0590001%' desc, c.balance desc, c.id",
  ],
  [
    "555",
    "c.search_phones like '%555%'",
    "c.search_phones like '% 555%' desc, c.balance desc, c.id",
  ],
  [
    "059",
    "c.search_phones like '%059%'",
    "c.search_phones like '% 059%' desc, c.balance desc, c.id",
  ],
];

for (const engine of await engines()) {
  const suite = ledgerSuite(engine);

  suite.test("an empty #tag or a query with nothing searchable matches nothing", async (t) => {
    const { shop, rival } = await t.world();
    await t.addCustomer(shop.owner, "Only One", { tags: ["vip"], phone: "0590000001" });
    for (const name of ["Omar A", "Omar B", "Omar C", "Omar D"]) {
      await t.addCustomer(rival.owner, name, { tags: ["vip"], phone: "0590000002" });
    }
    for (const query of ["#", "# ", " # ", "##", "# #", "#,#", "#  ##", "-", "...", "+ ( )"]) {
      for (const actor of [shop.clerk, rival.owner]) {
        const found = await t.ledger.listCustomers(actor, { query, limit: 20 });
        assert.deepEqual(
          [found.total, found.total_capped, found.customers],
          [0, false, []],
          `"${query}" matched ${found.total}`,
        );
      }
    }
    for (const query of ["", "   ", "\t", " \n "]) {
      const mine = await t.ledger.listCustomers(shop.clerk, { query, limit: 20 });
      assert.equal(mine.mode, "all", JSON.stringify(query));
      assert.deepEqual([mine.total, mine.customers.map((c) => c.full_name)], [1, ["Only One"]]);
      const theirs = await t.ledger.listCustomers(rival.clerk, { query, limit: 20 });
      assert.equal(theirs.total, 4, JSON.stringify(query));
    }
  });

  suite.test("every search path stays in its shop, in a big shop and beside it", async (t) => {
    const { big, small } = await twoShops(t);
    try {
      const reached: Record<string, Set<Path>> = {};
      for (const shop of [big, small]) {
        const walks = shop === big ? [20, 50, 200, 500, 2000] : [1, 2, 5, 500];
        for (const { kind, walk, gather, where } of classes(shop)) {
          const expected = await bruteForce(t, shop, where);
          const paths = await pathsOf(t, shop, walk);
          for (const walkRows of walks) {
            const [row] = await t.sql<{ ids: string[] }>(
              `select private.customer_pool($1, array[$2], array[$3], true, array[1]::real[], $4, $5)::text[] as ids`,
              [shop.shopId, walk, gather, PAGE, walkRows],
            );
            assert.deepEqual(
              row.ids.map(Number),
              expected,
              `${kind} ${walk} in shop ${shop.shopId} walking ${walkRows}`,
            );
            for (const p of paths(walkRows)) {
              (reached[`${shop === big ? "big" : "small"} ${kind}`] ??= new Set()).add(p);
            }
          }
          const [gathered] = await t.sql<{ ids: string[] }>(
            `select private.top_customers($1, $2, true, $3)::text[] as ids`,
            [shop.shopId, gather, PAGE],
          );
          assert.deepEqual(gathered.ids.map(Number), expected, `gathered ${kind} ${gather}`);
          const [counted] = await t.sql<{ n: string }>(
            `select private.count_customers($1, $2, true, 101)::text as n`,
            [shop.shopId, gather],
          );
          assert.equal(
            Number(counted.n),
            Math.min(await bruteCount(t, shop, where), 101),
            `counted ${kind} ${gather}`,
          );
        }
      }
      for (const shop of ["big", "small"]) {
        for (const kind of ["name", "tag", "phone"]) {
          assert.deepEqual(
            [...reached[`${shop} ${kind}`]].sort(),
            ["gather", "read on", "walk"],
            `${shop} shop, ${kind}: every path reached (${[...reached[`${shop} ${kind}`]]})`,
          );
        }
      }
    } finally {
      await cleanUp(t, big, small);
    }
  });

  suite.test("searches in a big shop and a small one return that shop's rows and counts", async (t) => {
    const { big, small } = await twoShops(t);
    try {
      for (const shop of [big, small]) {
        for (const [query, where, order] of queries) {
          for (const offset of [0, PAGE]) {
            const found = await t.ledger.listCustomers(shop.clerk, { query, limit: PAGE, offset });
            const all = await bruteForce(t, shop, where, order, 100);
            assert.deepEqual(
              found.customers.map((c) => c.id),
              all.slice(offset, offset + PAGE),
              `"${query}" in shop ${shop.shopId} at ${offset}`,
            );
            const count = await bruteCount(t, shop, where);
            assert.deepEqual(
              [found.total, found.total_capped],
              [Math.min(count, 100), count > 100],
              `"${query}" count in shop ${shop.shopId}`,
            );
          }
        }
        for (const query of ["#", "# ", "##", "#  #"]) {
          const found = await t.ledger.listCustomers(shop.clerk, { query, limit: PAGE });
          assert.deepEqual([found.total, found.customers], [0, []], `"${query}"`);
        }
        for (const query of ["", "   ", "\t"]) {
          const found = await t.ledger.listCustomers(shop.clerk, { query, limit: PAGE });
          assert.equal(found.total, await bruteCount(t, shop, "true"), JSON.stringify(query));
          assert.deepEqual(found.customers.map((c) => c.id), await bruteForce(t, shop, "true"));
        }
      }
    } finally {
      await cleanUp(t, big, small);
    }
  });
}

Deno.test("/search # says nothing matched, in a shop of one beside a bigger one", async () => {
  await using chat = await openChat();
  await chat.owner.says("/start");
  await chat.owner.says("/addcustomer Omar Haddad | 0590000001");
  await chat.owner.says("/tag #vip");
  const other = await chat.sql<{ id: string }>(
    `insert into public.shops (name, currency, created_by) values ('Other', 'USD', 1)
     returning id::text as id`,
  );
  await chat.sql(
    `insert into public.customers (shop_id, full_name, phone, tags, created_by)
     select $1, 'Omar ' || g, '059000000' || g, array['vip'], 1 from generate_series(1, 4) as g`,
    [Number(other[0].id)],
  );
  for (const query of ["#", "##", "# "]) {
    await chat.owner.says(`/search ${query}`);
    const reply = chat.owner.lastReply();
    assert.doesNotMatch(reply, /\b[2-9] matches|\b\d{2,} matches/, `/search ${query}: ${reply}`);
    assert.doesNotMatch(reply, /Omar [1-4]/, `/search ${query} shows another shop: ${reply}`);
  }
  await chat.owner.says("/search #vip");
  assert.match(chat.owner.lastReply(), /Omar Haddad/);
});
