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
              -- First, father's and family name (30 × 30 × 30 combinations), as many shops write them.
              (${firstNames})[1 + ((g * 7 + s.id * 13) % ${FIRST.length})] || ' ' ||
              (${firstNames})[1 + ((g / 30 + s.id * 5) % ${FIRST.length})] || ' ' ||
              (${lastNames})[1 + ((g / 900 + g * 11 + s.id * 3) % ${LAST.length})],
              '059' || lpad(((s.id * 100003 + g * 7919) % 10000000)::text, 7, '0'),
              case when g % 10 = 0 then array['vip'] else '{}' end,
              ((g * 37) % 500) * 100,
              s.created_by
         from public.shops as s
         cross join generate_series(1, $1::int) as g
        where s.created_by between 10000000 + $2::int and 10000000 + $3::int`,
      [perShop, from, Math.min(lastShop, from + chunk - 1)],
    );
  }
  await client.query("analyze public.customers");
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
