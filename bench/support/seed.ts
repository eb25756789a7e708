/** Set-based seeding of large shops for benchmarks (generate_series, not one RPC per row). */
import type { SqlClient } from "../../shared/db/sql_client.ts";

const FIRST = [
  "John",
  "Jane",
  "Tom",
  "Sara",
  "Ahmad",
  "Mohammed",
  "Fatima",
  "Layla",
  "Omar",
  "Yusuf",
  "Maria",
  "David",
  "Noor",
  "Hassan",
  "Rania",
  "Khalid",
  "Lina",
  "Sami",
  "Huda",
  "Zoë",
  "محمد",
  "أحمد",
  "فاطمة",
  "ليلى",
  "عمر",
  "يوسف",
  "نور",
  "حسن",
  "رانيا",
  "خالد",
];
const LAST = [
  "Smith",
  "Jones",
  "Haddad",
  "Khalil",
  "Nasser",
  "Saleh",
  "Barakat",
  "Awad",
  "Mansour",
  "Hamdan",
  "Brown",
  "Garcia",
  "Ångström",
  "Odeh",
  "Qasem",
  "Shaheen",
  "Darwish",
  "Jaber",
  "Zayed",
  "Rizk",
  "الحسيني",
  "الخطيب",
  "عودة",
  "منصور",
  "حمدان",
  "جابر",
  "درويش",
  "شاهين",
  "قاسم",
  "زايد",
];

const SYLLABLES =
  `(array['ba','bi','bo','da','di','do','fa','fi','fo','ga','gi','go','ha','hi','ho','ja','ji','jo','ka','ki','ko','la','li','lo','ma','mi','mo','na','ni','no','ra','ri','ro','sa','si','so','ta','ti','to','wa','wi','wo','ya','yi','yo','za','zi','zo'])`;

/**
 * SQL for rarer name number `n` (0 to 10,367): three syllables of 48, the 10,368 words
 * spread over the 110,592 possible ones as real names are (a few near neighbours each,
 * not a dense block of look-alikes).
 */
function tail(n: string): string {
  const k = `((${n} % 10368) * 7919 % 110592)`;
  return `initcap(${SYLLABLES}[1 + ${k} % 48] || ${SYLLABLES}[1 + (${k} / 48) % 48] || ` +
    `${SYLLABLES}[1 + (${k} / 2304) % 48])`;
}

/**
 * Creates shops number `firstShop`..`firstShop + shops - 1` (owner ids 10_000_000 + n)
 * with `perShop` customers each, and returns their owner ids.
 */
export async function seedShops(
  client: SqlClient,
  firstShop: number,
  shops: number,
  perShop: number,
): Promise<number[]> {
  const firstNames = `array[${FIRST.map((n) => `'${n}'`).join(",")}]`;
  const lastNames = `array[${LAST.map((n) => `'${n}'`).join(",")}]`;
  const lastShop = firstShop + shops - 1;
  const owners = await client.query<{ owner: string }>(
    `with s as (
       insert into public.shops (name, currency, created_by)
       select 'Shop ' || g, 'USD', 10000000 + g from generate_series($1::int, $2::int) as g
       returning id, created_by)
     insert into public.members (shop_id, telegram_user_id, role, display_name)
     select id, created_by, 'owner', 'Owner ' || created_by from s
     returning telegram_user_id::text as owner`,
    [firstShop, lastShop],
  );
  // Customers in chunks of about 200k rows per statement.
  const chunk = Math.max(1, Math.floor(200_000 / perShop));
  for (let from = firstShop; from <= lastShop; from += chunk) {
    await client.query(
      `insert into public.customers (shop_id, full_name, phone, tags, balance, created_by)
       select s.id,
              -- First, father's and family name, as many shops write them: most from the 30
              -- common first and family names, the rest from a long tail of 10,368 rarer
              -- words, so a big shop's vocabulary has thousands of words, as real ones do.
              case when (h1 / 40000) % 10 < 6 then (${firstNames})[1 + h1 % ${FIRST.length}] else ${
        tail("h1")
      } end || ' ' ||
              case when (h2 / 40000) % 10 < 6 then (${firstNames})[1 + h2 % ${FIRST.length}] else ${
        tail("h2")
      } end || ' ' ||
              case when (h3 / 40000) % 10 < 5 then (${lastNames})[1 + h3 % ${LAST.length}] else ${
        tail("h3")
      } end,
              '059' || lpad((h4 % 10000000)::text, 7, '0'),
              case when h5 % 10 = 0 then array['vip'] else '{}' end,
              ((g * 37) % 500) * 100,
              s.created_by
         from public.shops as s
         cross join generate_series(1, $1::int) as g
         cross join lateral (select hashint8(s.id * 1000003 + g)::bigint & 2147483647 as h) as r
         cross join lateral (select r.h % 1000003 as h1, (r.h / 7) % 1000003 as h2, (r.h / 11) % 1000003 as h3,
                                    (r.h / 13) % 100000007 as h4, (r.h / 17) % 1000003 as h5) as k
        where s.created_by between 10000000 + $2::int and 10000000 + $3::int`,
      [perShop, from, Math.min(lastShop, from + chunk - 1)],
    );
  }
  // As autovacuum would: statistics, and the visibility map for index-only scans.
  await client.query("vacuum analyze public.customers");
  await client.query("vacuum analyze public.search_words");
  return owners.map((o) => Number(o.owner));
}

/** Queries a shop owner might type: typos, partial names, Arabic, phone digits, a tag. */
export const SEARCHES = [
  "jon smth",
  "mohamad",
  "fatma",
  "haddad",
  "sara jones",
  "omar",
  "محمد",
  "فاطمه",
  "احمد منصور",
  "0591",
  "4567",
  "#vip",
  "lyla",
  "khaled",
  "zoe angstrom",
];
