/**
 * Every RPC is classified here by hand (owner-only, any member, open to strangers, no
 * actor), and the classification must equal what pg_proc holds, so a new RPC cannot be
 * left out. A stranger is refused with not_a_member by every RPC that needs a member,
 * and a clerk with owner_only by every owner-only one; no refusal changes any row.
 */
import assert from "node:assert/strict";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { engines, freshDatabase } from "../support/databases.ts";

/** RPCs only a shop owner may call: a clerk is refused with owner_only. */
const OWNER_ONLY = [
  "cancel_pin_reset",
  "change_member_role",
  "create_invite",
  "dispute_details",
  "export_workbook",
  "list_invites",
  "merge_customers",
  "remind_overdue",
  "remove_member",
  "request_pin_reset",
  "revoke_invite",
  "set_archive_when_settled",
  "set_customer_credit",
  "set_pin",
  "set_shop_setting",
  "unlink_customer_account",
  "uphold_dispute",
];

/**
 * RPCs any member may call. Some refuse a clerk in particular cases only, checked in
 * their own tests: archive_customer (a customer who owes), undo_action (someone else's
 * action).
 */
const ANY_MEMBER = [
  "add_customer",
  "add_nickname",
  "archive_customer",
  "create_customer_link",
  "customer_credit",
  "customer_duplicates",
  "customer_summary",
  "expense_suggestions",
  "leave_shop",
  "link_customers",
  "list_actions",
  "list_archived_customers",
  "list_customers",
  "list_expenses",
  "list_members",
  "list_tags",
  "list_transactions",
  "member_info",
  "nickname_only_matches",
  "overdue_report",
  "pin_gate",
  "record_expense",
  "record_payment",
  "record_purchase",
  "remind_customer",
  "rename_customer",
  "restore_customer",
  "set_customer_phone",
  "set_due_date",
  "edit_customer_phones",
  "set_member_language",
  "shop_settings",
  "tag_customer",
  "transaction_details",
  "undo_action",
  "unlink_customer",
  "verify_pin",
];

/** RPCs a non-member may call on purpose, and why. */
const OPEN_TO_STRANGERS: Record<string, string> = {
  start_user: "/start: a stranger is told the bot is private (or opens/claims a shop when allowed)",
  redeem_invite: "an invite link makes a stranger a member",
  set_customer_receipts:
    "/receipts on|off: a linked customer is no member; it changes only the caller's own links (none for a stranger)",
  set_customer_reminders:
    "/reminders on|off: a linked customer is no member; it changes only the caller's own links (none for a stranger)",
  answer_receipt:
    "a receipt's buttons: only the receipt's own recipient is answered; anyone else gets found: false and nothing is recorded",
  open_customer_link:
    "a /connect link shows its opener the shop and name it is for (the code is the secret)",
  accept_customer_link:
    "Yes on a /connect link: only the Telegram user who opened that link may answer it",
  disconnect_customer_account:
    "a linked customer ends their own link (checked against their Telegram id)",
  customer_home: "/balance: only the asking Telegram user's own linked accounts",
  customer_statement: "/statement: only one of the asking Telegram user's own linked accounts",
};

/** RPCs that act for no Telegram user, and why that is safe. */
const NO_ACTOR: Record<string, string> = {
  session_read: "the bot's own session storage, keyed by chat; granted to service_role only",
  session_write: "the bot's own session storage, keyed by chat; granted to service_role only",
  session_delete: "the bot's own session storage, keyed by chat; granted to service_role only",
  claim_outbox: "the outbox drain's claim: the bot's own queue; granted to service_role only",
  finish_outbox: "the outbox drain's report on its own claimed rows; granted to service_role only",
  run_schedule:
    "the schedule (pg_cron, or the timer in start/serve) queuing reminders and digests for every shop; no member acts; granted to service_role only",
};

const DUMMY: Record<string, string> = {
  bigint: "1",
  integer: "1",
  smallint: "1",
  numeric: "1",
  text: "'x'",
  "text[]": "'{}'::text[]",
  "bigint[]": "'{}'::bigint[]",
  boolean: "false",
  jsonb: "'{}'::jsonb",
  json: "'{}'::json",
  date: "current_date",
  "timestamp with time zone": "now()",
  "public.member_role": "'clerk'",
  "public.transaction_kind": "'purchase'",
  member_role: "'clerk'",
};

const OWNER = 1;
const CLERK = 2;
const STRANGER = 99_999_999;

interface Rpc {
  name: string;
  args: { name: string; type: string }[];
}

/** The public schema's functions (not from extensions, not triggers), with their arguments. */
async function publicFunctions(client: SqlClient): Promise<Rpc[]> {
  const rows = await client.query<{ name: string; args: string[] | null; types: string[] }>(
    `select p.proname as name, p.proargnames as args,
            array(select format_type(t, null) from unnest(p.proargtypes) as t) as types
       from pg_catalog.pg_proc as p
      where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
        and p.prorettype <> 'trigger'::regtype
        and not exists (select 1 from pg_catalog.pg_depend as d
                         where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1`,
  );
  return rows.map((r) => ({
    name: r.name,
    args: (r.args ?? []).slice(0, r.types.length).map((name, i) => ({ name, type: r.types[i] })),
  }));
}

/** Every row of every public table, as one comparable value. */
async function fingerprint(client: SqlClient): Promise<Record<string, string>> {
  const tables = await client.query<{ name: string }>(
    `select c.relname as name from pg_catalog.pg_class as c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await client.query<{ v: string }>(
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as v
         from public."${name}" as t`,
    );
    out[name] = row.v;
  }
  return out;
}

/** A shop with an owner (1) and a clerk (2). */
async function openShop(client: SqlClient): Promise<void> {
  await client.query("select public.start_user(1, 1, 'Owner', true)");
  await client.query(
    `insert into public.members (shop_id, telegram_user_id, role, display_name)
     select id, 2, 'clerk', 'Clerk' from public.shops`,
  );
}

/**
 * Calls each classified RPC as a stranger and (owner-only ones) as a clerk; returns every
 * call not refused as it should be, or that changed a row.
 */
async function accessViolations(client: SqlClient): Promise<string[]> {
  const rpcs = new Map((await publicFunctions(client)).map((r) => [r.name, r]));
  let updateId = 1000;
  const call = async (rpc: Rpc, actor: number): Promise<string> => {
    const list = rpc.args.map((a) => {
      if (a.name === "p_actor") return `p_actor => ${actor}`;
      if (a.name === "p_update_id") return `p_update_id => ${++updateId}`;
      const literal = DUMMY[a.type];
      if (!literal) throw new Error(`${rpc.name}: no dummy value for ${a.name} ${a.type}`);
      return `${a.name} => ${literal}`;
    });
    try {
      await client.query(`select public.${rpc.name}(${list.join(", ")})`);
      return "accepted";
    } catch (error) {
      const e = error as { message?: string; hint?: string };
      return e.hint === "paytrack" ? String(e.message) : `error: ${e.message}`;
    }
  };
  const wrong: string[] = [];
  const check = async (rpc: Rpc, who: string, actor: number, refusal: string) => {
    const before = await fingerprint(client);
    const answer = await call(rpc, actor);
    if (answer !== refusal) wrong.push(`${rpc.name} as a ${who}: ${answer}`);
    const after = await fingerprint(client);
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (changed.length) wrong.push(`${rpc.name} as a ${who} changed ${changed.join(", ")}`);
  };
  for (const name of [...OWNER_ONLY, ...ANY_MEMBER]) {
    const rpc = rpcs.get(name);
    if (!rpc) continue; // reported by the classification test
    await check(rpc, "stranger", STRANGER, "not_a_member");
    if (OWNER_ONLY.includes(name)) await check(rpc, "clerk", CLERK, "owner_only");
  }
  return wrong;
}

for (const engine of await engines()) {
  Deno.test(`every RPC is classified as owner-only, any member, open or actor-less [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      const actual = (await publicFunctions(db.client)).map((r) => r.name).sort();
      const classified = [
        ...OWNER_ONLY,
        ...ANY_MEMBER,
        ...Object.keys(OPEN_TO_STRANGERS),
        ...Object.keys(NO_ACTOR),
      ];
      assert.equal(new Set(classified).size, classified.length, "an RPC is classified twice");
      const unclassified = actual.filter((name) => !classified.includes(name));
      const gone = classified.filter((name) => !actual.includes(name));
      assert.deepEqual(
        { unclassified, gone },
        { unclassified: [], gone: [] },
        "classify every public function in tests/reliability/rpc_access_test.ts",
      );
      // Every RPC that acts for a member takes p_actor.
      const withActor = (await publicFunctions(db.client))
        .filter((r) => r.args.some((a) => a.name === "p_actor")).map((r) => r.name).sort();
      assert.deepEqual(
        withActor,
        [...OWNER_ONLY, ...ANY_MEMBER, ...Object.keys(OPEN_TO_STRANGERS)].sort(),
      );
    } finally {
      await db.close();
    }
  });

  Deno.test(`every RPC refuses a stranger, every owner-only RPC a clerk, changing nothing [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      await openShop(db.client);
      assert.deepEqual(await accessViolations(db.client), []);
      // The owner is not refused by the owner-only ones (the shop is real).
      const [row] = await db.client.query<{ settings: { archive_when_settled: boolean } }>(
        `select public.set_archive_when_settled(${OWNER}, 5, true) as settings`,
      );
      assert.ok(row.settings, "the owner may change a setting");
    } finally {
      await db.close();
    }
  });

  Deno.test(`removing the owner check from a settings RPC is caught [${engine}]`, async () => {
    const db = await freshDatabase(engine);
    try {
      await openShop(db.client);
      // Plant the bug: set_archive_when_settled asks for any member instead of an owner.
      const [{ def }] = await db.client.query<{ def: string }>(
        `select pg_get_functiondef('public.set_archive_when_settled(bigint, bigint, boolean)'::regprocedure) as def`,
      );
      const planted = def.replace(
        /acting_member\(\s*p_actor\s*,\s*'owner'(::public\.member_role)?\s*\)/,
        "acting_member(p_actor)",
      );
      assert.notEqual(planted, def, "the owner check was found to remove");
      await db.client.query(planted);
      const wrong = await accessViolations(db.client);
      assert.ok(
        wrong.some((w) => w.startsWith("set_archive_when_settled as a clerk: accepted")),
        `the removed check went unnoticed: ${wrong}`,
      );
      assert.ok(
        wrong.some((w) => w.startsWith("set_archive_when_settled as a clerk changed")),
        `the clerk's change went unnoticed: ${wrong}`,
      );
    } finally {
      await db.close();
    }
  });
}
