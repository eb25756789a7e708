/**
 * Fuzzing the bot: thousands of random and hostile texts, sent to every command and to
 * whatever step a command is waiting in, plus stale and forged button presses. Nothing
 * may throw, data may change only together with an action-log entry, definitely-invalid
 * input changes nothing, and another shop's data never appears. Every Bot API call goes
 * to the strict in-memory {@link FakeBotApi}, so a reply Telegram would refuse (too long,
 * bad HTML, bad buttons) is a failure even where the bot swallows the error. The updates
 * include names, notes and tags at and past their limits, look-alike names, NUL bytes,
 * updates without `from`, inline queries, callbacks from inline messages, channel posts
 * and recycled update_ids. FUZZ_UPDATES sets the size (default 2,500 here; the bench
 * task can run more).
 */
import assert from "node:assert/strict";
import { InputFile } from "grammy";
import type { Message, Update } from "grammy/types";
import { COMMAND_MENU, createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import {
  callbackQueryUpdate,
  LOCAL_BOT_INFO,
  messageUpdate,
  privateChat,
  readInputFile,
  textMessage,
} from "../../shared/dev/terminal_chat.ts";
import { FakeBotApi } from "../../shared/dev/fake_bot_api.ts";
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
  // At and past the limits: names 120, notes 500, nicknames 60, tags 32, expenses 200/100/60.
  "N".repeat(119),
  "N".repeat(120),
  "N".repeat(121),
  "🙂".repeat(120),
  "<&>".repeat(40),
  "n".repeat(499),
  "n".repeat(500),
  "n".repeat(501),
  `${"#tag ".repeat(99)}#tag`,
  Array.from({ length: 60 }, (_, i) => `#t${i}${"x".repeat(28)}`).join(" "),
  `#${"t".repeat(32)}`,
  `#${"t".repeat(33)}`,
  `#${"ب".repeat(32)}`,
  "k".repeat(60),
  "k".repeat(61),
  `5 | ${"<b>&amp;</b> ".repeat(40)}`,
  `5 | ${"i".repeat(200)} | ${"v".repeat(100)} | ${"c".repeat(60)}`,
  `5 | ${"i".repeat(201)} | ${"v".repeat(101)} | ${"c".repeat(61)}`,
  // Look-alike names: a Cyrillic о, a zero-width space, a bidi override.
  "J\u043ehn Smith",
  "John\u200b Smith",
  "\u202eJohn Smith",
  "John Smith\u202c\u2066",
  // A NUL byte, which PostgreSQL text cannot hold.
  "a\u0000b",
  "5 | note\u0000",
  "\u0000",
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

/** One-line commands at and past the limits, sent once in order before the random part. */
const AT_LIMITS = [
  `/addcustomer ${"Long ".repeat(23)}Name`, // 120
  `/addcustomer ${"L".repeat(120)} ~ ${"k".repeat(60)} | 0590000001`,
  `/addcustomer J\u043ehn Smith | 0590000002`,
  "/addcustomer John\u200b Smith",
  "/addcustomer \u202eJohn Smith",
  `/addtransaction 5 | ${"n".repeat(500)}`,
  `/addtransaction 5 | ${
    Array.from({ length: 40 }, (_, i) => `#n${i}${"x".repeat(20)}`).join(" ")
  }`,
  `/tag ${Array.from({ length: 20 }, (_, i) => `#t${i}${"x".repeat(28)}`).join(" ")}`,
  `/nickname ${"k".repeat(60)}`,
  `/spend 5 | ${"i".repeat(200)} | ${"v".repeat(100)} | ${"c".repeat(60)}`,
  // Enough long entries that a page of any list would pass 4,096 characters unless it fits itself.
  ...Array.from({ length: 10 }, (_, i) => `/addtransaction ${i + 1} | ${`${i} `.padEnd(500, "n")}`),
  ...Array.from({ length: 9 }, (_, i) => [
    `/addcustomer Longname${i} ${"Abdelrahman ".repeat(9)}`,
    `/tag ${Array.from({ length: 20 }, (_, t) => `#l${t}${"y".repeat(29)}`).join(" ")}`,
  ]).flat(),
  ...Array.from(
    { length: 12 },
    (_, i) =>
      `/spend ${i + 1} | ${i}${"i".repeat(199)} | ${i}${"v".repeat(99)} | ${i}${"c".repeat(59)}`,
  ),
  "/transactions",
  "/summary",
  "/search",
  "/tags",
  "/spending",
  "/history",
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
  `/addcustomer ${"N".repeat(121)}`,
  `/addtransaction 5 | ${"n".repeat(501)}`,
  `/tag #${"t".repeat(33)}`,
  `/nickname ${"k".repeat(61)}`,
  `/spend 5 | ${"i".repeat(201)}`,
];

/** What Telegram refuses about a message's form (as opposed to its state: "not found" etc.). */
const FORM_REFUSAL =
  /can't parse|too long|is empty|BUTTON_DATA_INVALID|BUTTON_URL_INVALID|buttons are unallowed|button kind|wrong parameter|RESULTS_TOO_MUCH|Not Found/;

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
      /** Calls the strict fake refused for their form: each one is a reply Telegram refuses. */
      const refused: string[] = [];
      /** Messages the bot sent (their ids), to press buttons on. */
      const botMessages: number[] = [];
      let clock = 1_790_000_000;
      const telegram = new FakeBotApi({ bot: LOCAL_BOT_INFO, now: () => clock });
      bot.api.config.use(async (_prev, method, payload) => {
        const p: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(payload as Record<string, unknown>)) {
          p[name] = value instanceof InputFile
            ? await readInputFile(value, name)
            : value === undefined
            ? undefined
            : JSON.parse(JSON.stringify(value));
        }
        if (typeof p.text === "string") said.push(p.text);
        if (typeof p.caption === "string") said.push(p.caption);
        const markup = p.reply_markup as { inline_keyboard?: { callback_data?: string }[][] };
        for (const row of markup?.inline_keyboard ?? []) {
          for (const b of row) if (b.callback_data) keyboards.push(b.callback_data);
        }
        const answer = telegram.call(method, p);
        if (!answer.ok && FORM_REFUSAL.test(answer.description)) {
          refused.push(
            `${method}: ${answer.description} — ${
              JSON.stringify(String(p.text ?? p.caption ?? "").slice(0, 160))
            }`,
          );
        }
        const sent = answer.ok ? answer.result as Message : undefined;
        if (sent && typeof sent === "object" && method.startsWith("send")) {
          botMessages.push(sent.message_id);
        }
        return answer as never;
      });

      const user = { id: OWNER, is_bot: false, first_name: "Owner" };
      const chat = privateChat(user);
      let updateId = 1_000;
      const usedIds: number[] = [];
      const nextId = () => {
        usedIds.push(++updateId);
        return updateId;
      };
      const message = (t: string): Message => {
        clock += 1;
        const m = textMessage({
          messageId: telegram.nextMessageId(),
          date: clock,
          from: user,
          chat,
          text: t,
        });
        telegram.remember(chat, m);
        return m;
      };
      const text = (t: string): Update => messageUpdate(nextId(), message(t));
      const press = (data: string): Update => {
        const id = botMessages.length ? botMessages[botMessages.length - 1] : undefined;
        const on = id === undefined ? undefined : telegram.message(chat.id, id);
        return callbackQueryUpdate(nextId(), {
          id: `cq${updateId}`,
          from: user,
          message: on ?? message("…"),
          data,
        });
      };
      /** Updates Telegram sends that are not a member's plain message or button. */
      const odd = (t: string): Update => {
        const kind = Math.floor(random() * 5);
        if (kind === 0) {
          // A message without `from` (Telegram omits it for some senders).
          const m = message(t) as Message & { from?: unknown };
          delete m.from;
          return messageUpdate(nextId(), m as Message);
        }
        if (kind === 1) {
          return {
            update_id: nextId(),
            inline_query: { id: `iq${updateId}`, from: user, query: t, offset: "" },
          };
        }
        if (kind === 2) {
          return {
            update_id: nextId(),
            callback_query: {
              id: `cq${updateId}`,
              from: user,
              chat_instance: "ci1",
              inline_message_id: `im${updateId}`,
              data: pick(keyboards.length ? keyboards : ["sel:1"]),
            },
          };
        }
        if (kind === 3) {
          clock += 1;
          return {
            update_id: nextId(),
            channel_post: {
              message_id: telegram.nextMessageId(),
              date: clock,
              chat: { id: -1_009_876_543_210, type: "channel", title: "Shop news" },
              sender_chat: { id: -1_009_876_543_210, type: "channel", title: "Shop news" },
              text: t,
            },
          } as Update;
        }
        // A recycled update_id: an old one on a NEW message, after a week of silence.
        return recycled(pick(usedIds), t);
      };
      /** Telegram restarting its numbering: a week passes, then an old id comes on a new message. */
      let toAge: number | undefined;
      const recycled = (id: number, t: string): Update => {
        clock += 8 * 86_400;
        toAge = id;
        return messageUpdate(id, message(t));
      };
      /** Makes the server's record of `toAge` a week old, as it is when Telegram recycles it. */
      const ageRecycled = async () => {
        if (toAge === undefined) return;
        await db.client.query(
          "update public.processed_updates set processed_at = processed_at - interval '8 days' where update_id = $1",
          [toAge],
        );
        toAge = undefined;
      };

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
          update.message?.text?.slice(0, 80) ?? update.callback_query?.data ??
            Object.keys(update).join(","),
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
      for (const line of AT_LIMITS) await deliver(text(line), false);

      // A recycled update_id on a new, later message is a new message: it is recorded.
      const [{ n: txBefore }] = await db.client.query<{ n: number }>(
        "select count(*)::int as n from public.transactions",
      );
      const reused = recycled(usedIds[2], "/addtransaction 7 | recycled id");
      await ageRecycled();
      await deliver(reused, false);
      const [{ n: txAfter }] = await db.client.query<{ n: number }>(
        "select count(*)::int as n from public.transactions",
      );
      assert.equal(txAfter, txBefore + 1, "a new message with a recycled update_id was dropped");

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
        } else if (roll < 0.75) {
          update = text(pick(random() < 0.75 ? HOSTILE : PLAUSIBLE)); // an answer to whatever step is pending
        } else if (roll < 0.82) {
          update = odd(random() < 0.5 ? `/${pick(commands)}` : pick(HOSTILE));
        } else {
          update = press(forged());
        }
        await ageRecycled();
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
      assert.deepEqual(refused.slice(0, 10), [], `${refused.length} replies Telegram refuses`);
    } finally {
      await db.close();
    }
  },
});
