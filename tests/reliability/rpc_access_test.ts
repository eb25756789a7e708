/**
 * Every RPC, found by introspection (so a new one cannot be forgotten): a stranger is
 * refused with not_a_member, and every owner-only RPC refuses a clerk with owner_only.
 * Both change nothing.
 */
import assert from "node:assert/strict";
import { freshPostgres, postgresAvailable } from "../support/databases.ts";

/** RPCs a non-member may call on purpose, and why. */
const OPEN_TO_STRANGERS: Record<string, string> = {
  start_user: "/start: a stranger is told the bot is private (or opens/claims a shop when allowed)",
  redeem_invite: "an invite link makes a stranger a member",
  accept_invite: "an invite link makes a stranger a member",
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

interface Rpc {
  name: string;
  args: { name: string; type: string }[];
  ownerOnly: boolean;
}

Deno.test({
  name: "every RPC refuses a stranger, and every owner-only RPC refuses a clerk, changing nothing",
  ignore: !(await postgresAvailable()),
  async fn() {
    const db = await freshPostgres();
    try {
      const q = db.client.query.bind(db.client);
      await q("select public.start_user(1, 1, 'Owner', true)");
      await q(
        `insert into public.members (shop_id, telegram_user_id, role, display_name)
         select id, 2, 'clerk', 'Clerk' from public.shops`,
      );
      const rpcs = (await q<{ name: string; args: string[]; types: string[]; body: string }>(
        `select p.proname as name, p.proargnames as args,
                array(select format_type(t, null) from unnest(p.proargtypes) as t) as types,
                p.prosrc as body
           from pg_proc as p
          where p.pronamespace = 'public'::regnamespace and p.proargnames is not null
            and 'p_actor' = any (p.proargnames)
          order by 1`,
      )).map((r): Rpc => ({
        name: r.name,
        args: r.args.map((name, i) => ({ name, type: r.types[i] })),
        ownerOnly: /acting_member\(\s*p_actor\s*,\s*'owner'/.test(r.body),
      }));
      assert.ok(rpcs.length >= 8, "found the ledger's RPCs");
      const fingerprint = () =>
        q(`select (select count(*) from public.actions) as a, (select count(*) from public.customers) as c,
                  (select count(*) from public.transactions) as t, (select count(*) from public.members) as m`);
      const before = await fingerprint();
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
          await q(`select public.${rpc.name}(${list.join(", ")})`);
          return "accepted";
        } catch (error) {
          const e = error as { message?: string; hint?: string };
          return e.hint === "paytrack" ? String(e.message) : `error: ${e.message}`;
        }
      };
      const wrong: string[] = [];
      for (const rpc of rpcs) {
        if (rpc.name in OPEN_TO_STRANGERS) continue;
        const stranger = await call(rpc, 99_999_999);
        if (stranger !== "not_a_member") wrong.push(`${rpc.name} as a stranger: ${stranger}`);
        if (rpc.ownerOnly) {
          const clerk = await call(rpc, 2);
          if (clerk !== "owner_only") wrong.push(`${rpc.name} as a clerk: ${clerk}`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.deepEqual(await fingerprint(), before);
    } finally {
      await db.close();
    }
  },
});
