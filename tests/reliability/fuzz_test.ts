/**
 * Fuzzing the bot: thousands of random and hostile texts, sent to every command and to
 * whatever step a command is waiting in, plus stale and forged button presses. Nothing
 * may throw, data may change only together with an action-log entry, definitely-invalid
 * input changes nothing, and another shop's data never appears. FUZZ_UPDATES sets the
 * size (default 2,500 here; the bench task can run more).
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { COMMAND_MENU, createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import {
  callbackQueryUpdate,
  LOCAL_BOT_INFO,
  messageUpdate,
  privateChat,
  textMessage,
} from "../../shared/dev/terminal_chat.ts";
import { freshDatabase, postgresAvailable } from "../support/databases.ts";

const UPDATES = Number(Deno.env.get("FUZZ_UPDATES") ?? 2500);
const OWNER = 7_001;
const RIVAL = 7_002;
const MARKER = "Rivalzqx";
const RIVAL_PHONE = "0597777777";

/** A deterministic random source, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

const HOSTILE = [
  "'; drop table public.customers; --",
  "1; update public.customers set balance = 0",
  '" or 1=1 --',
  "$$; select pg_sleep(10); $$",
  "1e20",
  "9".repeat(40),
  "-5",
  "0",
  "0.000001",
  "NaN",
  "Infinity",
  "12.345",
  "٥٠٫١٢٣",
  "\u202eevil\u202c",
  "\u200f\u200e\u200b\u200c\u200d\ufeff",
  "x".repeat(4096),
  "🙂".repeat(300),
  "👨‍👩‍👧‍👦💸🧾",
  "|",
  "||||",
  "| 5 |",
  "5 | | | | ",
  "#",
  "##vip",
  "#" + "t".repeat(100),
  "~",
  "~~~",
  "<b>bold</b><script>alert(1)</script>",
  "&amp; &lt; &gt;",
  "null",
  "undefined",
  "%s%s%n",
  "\\x00\\u0000",
  "\n\n\n",
  "   ",
  "/",
  "//",
  "/start@",
  MARKER, // searching for the rival's name must find nothing of theirs
  `/search ${MARKER}`,
];
const PLAUSIBLE = [
  "5",
  "12.50",
  "all",
  "John",
  "Sara Haddad",
  "0591234567",
  "/skip",
  "/cancel",
  "yes",
  "no",
  "#vip",
];

/** Definitely-invalid one-line commands: each must change nothing. */
const INVALID = [
  "/addtransaction abc",
  "/addtransaction 0",
  "/addtransaction -5",
  "/addtransaction 1e20",
  `/addtransaction ${"9".repeat(30)}`,
  "/addtransaction 5.123",
  "/addtransaction '; drop table public.transactions; --",
  "/pay zero",
  "/pay -1",
  "/pay 1e9999",
  "/addcustomer | 0591234567",
  "/addcustomer 12345",
  `/addcustomer ${"n".repeat(5000)}`,
  "/addcustomer John | call me maybe",
];

Deno.test({
  name:
    `${UPDATES} random and hostile updates: no error, no change without an action, no other shop's data`,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const db = await freshDatabase((await postgresAvailable()) ? "postgres" : "pglite");
    try {
      const ledger = new Ledger(new SqlTransport(db.client));
      // A rival shop whose names and ids must never leak into our owner's chat.
      await ledger.startUser({
        actor: RIVAL,
        updateId: 1,
        displayName: "Rival",
        mayOpenShop: true,
      });
      const rivalCustomer = await ledger.addCustomer({
        actor: RIVAL,
        updateId: 2,
        fullName: `${MARKER} Secret`,
        phone: RIVAL_PHONE,
      });
      await ledger.recordPurchase({
        actor: RIVAL,
        updateId: 3,
        customerId: rivalCustomer.customer.id,
        amount: 999,
      });
      const [rivalIds] = await db.client.query<{ customer: string; action: string; tx: string }>(
        `select max(c.id)::text as customer, max(a.id)::text as action, max(t.id)::text as tx
           from public.customers as c, public.actions as a, public.transactions as t
          where c.shop_id = a.shop_id and t.shop_id = c.shop_id and c.created_by = $1`,
        [RIVAL],
      );

      const bot = createBot({
        token: "7100000001:AAFakeTokenForFuzzingOnly_0123456789",
        ledger,
        botInfo: LOCAL_BOT_INFO,
        ownerIds: [OWNER],
      });
      const said: string[] = [];
      const keyboards: string[] = [];
      let messageId = 10;
      bot.api.config.use((_prev, method, payload) => {
        const p = payload as {
          chat_id?: number;
          text?: string;
          caption?: string;
          reply_markup?: { inline_keyboard?: { callback_data?: string }[][] };
        };
        if (p.text) said.push(p.text);
        if (p.caption) said.push(p.caption);
        for (const row of p.reply_markup?.inline_keyboard ?? []) {
          for (const b of row) if (b.callback_data) keyboards.push(b.callback_data);
        }
        const result = method.startsWith("send") || method === "editMessageText"
          ? {
            message_id: ++messageId,
            date: 0,
            chat: { id: p.chat_id, type: "private" },
            text: p.text ?? "",
          }
          : true;
        return Promise.resolve({ ok: true, result } as never);
      });

      const user = { id: OWNER, is_bot: false, first_name: "Owner" };
      let updateId = 1_000;
      const text = (t: string): Update =>
        messageUpdate(
          ++updateId,
          textMessage({
            messageId: ++messageId,
            date: 1_790_000_000,
            from: user,
            chat: privateChat(user),
            text: t,
          }),
        );
      const press = (data: string): Update =>
        callbackQueryUpdate(++updateId, {
          id: `cq${updateId}`,
          from: user,
          message: textMessage({
            messageId,
            date: 1_790_000_000,
            from: user,
            chat: privateChat(user),
            text: "…",
          }),
          data,
        });

      const fingerprint = async () =>
        JSON.stringify(
          await db.client.query(
            `select (select count(*)::int from public.customers) as customers,
                    (select count(*)::int from public.customers where archived_at is not null) as archived,
                    (select coalesce(sum(balance), 0)::text from public.customers) as balances,
                    (select count(*)::int from public.transactions) as transactions,
                    (select count(*)::int from public.transactions where voided_at is not null) as voided,
                    (select md5(coalesce(string_agg(full_name || array_to_string(tags, ',') || array_to_string(nicknames, ','), '|' order by id), '')) from public.customers) as names,
                    (select count(*)::int from public.members) as members`,
          ),
        );
      const actions = async () =>
        Number(
          (await db.client.query<{ n: string }>("select count(*)::text as n from public.actions"))[
            0
          ].n,
        );

      const deliver = async (update: Update, mustNotChange: boolean) => {
        const before = [await fingerprint(), await actions()] as const;
        await bot.handleUpdate(update); // throws on any unhandled error
        const after = [await fingerprint(), await actions()] as const;
        const label = JSON.stringify(
          update.message?.text?.slice(0, 80) ?? update.callback_query?.data,
        );
        if (mustNotChange) assert.deepEqual(after, before, `invalid input changed data: ${label}`);
        else if (after[0] !== before[0]) {
          assert.ok(after[1] > before[1], `data changed without an action-log entry: ${label}`);
        }
      };

      await deliver(text("/start"), false);
      await deliver(text("/addcustomer John Smith ~ Abu Ali | 0590000000"), false);
      await deliver(text("/addtransaction 50 | groceries"), false);
      for (const invalid of INVALID) await deliver(text(invalid), true);

      const random = rng(20261121);
      const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
      const commands = [
        ...new Set([
          ...COMMAND_MENU.map((c) => c.command),
          "start",
          "help",
          "cancel",
          "skip",
          "undo",
        ]),
      ];
      const forged = () => {
        const prefixes = [...new Set(keyboards.map((k) => k.split(":")[0]))];
        const prefix = prefixes.length ? pick(prefixes) : "sel";
        return pick([
          `${prefix}:${rivalIds.customer}`,
          `${prefix}:${rivalIds.action}`,
          `${prefix}:${rivalIds.tx}`,
          `${prefix}:999999999`,
          `${prefix}:-1`,
          `${prefix}:${"9".repeat(40)}`,
          `${prefix}:abc`,
          pick(keyboards.length ? keyboards : ["sel:1"]), // a stale button from an earlier message
          "garbage",
        ]);
      };
      let sent = 0;
      while (sent < UPDATES) {
        const roll = random();
        let update: Update;
        if (roll < 0.35) {
          const command = pick(commands);
          const withArgs = random() < 0.6;
          update = text(
            withArgs ? `/${command} ${pick(random() < 0.7 ? HOSTILE : PLAUSIBLE)}` : `/${command}`,
          );
        } else if (roll < 0.8) {
          update = text(pick(random() < 0.75 ? HOSTILE : PLAUSIBLE)); // an answer to whatever step is pending
        } else {
          update = press(forged());
        }
        await deliver(update, false);
        sent++;
      }

      const leaked = said.filter((t) => t.includes(MARKER) || t.includes(RIVAL_PHONE.slice(3)));
      // The owner's own chat may echo the owner's text back; only the rival's stored data counts.
      const rivalData = leaked.filter((t) =>
        t.includes(`${MARKER} Secret`) || t.includes(RIVAL_PHONE)
      );
      assert.deepEqual(rivalData, [], "another shop's data was shown");
      const [rival] = await db.client.query<{ balance: string; archived: string | null }>(
        "select balance::text, archived_at::text as archived from public.customers where id = $1",
        [rivalIds.customer],
      );
      assert.deepEqual(
        rival,
        { balance: "999", archived: null },
        "the rival shop's data is untouched",
      );
      assert.ok(said.length >= UPDATES / 2, "the bot answered");
    } finally {
      await db.close();
    }
  },
});
