/**
 * One JSON log line per update: its id, kind, command or button, outcome, time and the
 * database round trips it made; never a message's text, a PIN, a name or the token. The
 * webhook's failure line has the same shape.
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import { commandName, type LogFields, logLine } from "../../shared/bot/update_log.ts";
import { LedgerUnavailable } from "../../shared/db/errors.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import type { RpcTransport } from "../../shared/db/rpc.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { createWebhookHandler, SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { ChatHarness, OWNER } from "../support/chat.ts";
import { engines, freshDatabase } from "../support/databases.ts";
import { FakeTelegram, TEST_BOT_INFO } from "../support/fake_telegram.ts";

/** A chat whose bot logs into `lines`. */
async function loggedChat(lines: string[]) {
  const db = await freshDatabase((await engines())[0]);
  const telegram = await FakeTelegram.start();
  const transport = new SqlTransport(db.client);
  const ledger = new Ledger(transport);
  const bot = createBot({
    token: telegram.token,
    ledger,
    botInfo: telegram.botInfo,
    apiRoot: telegram.apiRoot,
    ownerIds: [OWNER.id],
    log: (line) => lines.push(line),
  });
  return { h: new ChatHarness(bot, telegram, db, ledger, true, 500), transport };
}

const parse = (line: string) => JSON.parse(line) as LogFields;

Deno.test("a purchase logs one line with the right fields, and no text, PIN or name", async () => {
  const lines: string[] = [];
  const { h, transport } = await loggedChat(lines);
  await using _ = h;
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Zubaida Qassem | 0599123456");
  await h.owner.says("/setpin 2468 2468");
  assert.equal(lines.length, 3, "one line per update");

  const before = transport.calls;
  await h.owner.says("/addtransaction 50 | secret groceries #weekly");
  assert.match(h.owner.lastReply(), /Purchase of \$50\.00/);
  assert.equal(lines.length, 4);
  const line = parse(lines[3]);
  const { ms, ...rest } = line;
  assert.deepEqual(rest, {
    event: "update",
    update_id: h.updates.at(-1)!.update_id,
    kind: "message",
    command: "/addtransaction",
    outcome: "ok",
    rpc: transport.calls - before,
  });
  assert.ok(line.rpc! >= 2, "the session and the purchase at least");
  assert.ok(typeof ms === "number" && ms >= 0 && ms < 60_000);

  // A refusal: the ledger says no, the line names the code.
  await h.owner.says("/addcustomer J\u043ehn Smith");
  const refused = parse(lines.at(-1)!);
  assert.equal(refused.outcome, "refused");
  assert.equal(refused.refusal, "name_mixed_scripts");
  assert.equal(refused.command, "/addcustomer");

  // A button: its kind, not its data.
  await h.owner.says("/undo");
  await h.owner.presses("✖️ No");
  const button = parse(lines.at(-1)!);
  assert.equal(button.kind, "callback_query");
  assert.equal(button.button, "undoNo");
  assert.equal(button.command, undefined);

  // A plain message (a pending step's answer) has no command.
  await h.owner.says("/addcustomer");
  await h.owner.says("Hidden Person Name");
  assert.equal(parse(lines.at(-1)!).command, undefined);

  assert.equal(lines.length, h.updates.length, "exactly one line per update");
  const all = lines.join("\n");
  for (const secret of ["2468", "secret", "groceries", "weekly", "Zubaida", "0599", "Hidden"]) {
    assert.ok(!all.includes(secret), `“${secret}” is never logged`);
  }
  assert.ok(!all.includes(h.telegram.token));
  for (const l of lines) {
    assert.ok(!l.includes("\n"));
    assert.deepEqual(
      Object.keys(parse(l)).filter((k) =>
        !["event", "update_id", "kind", "command", "button", "outcome", "refusal", "ms", "rpc"]
          .includes(k)
      ),
      [],
      l,
    );
  }
});

Deno.test("quiet without a log sink", async () => {
  const printed: unknown[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => printed.push(args);
  try {
    const db = await freshDatabase((await engines())[0]);
    const telegram = await FakeTelegram.start();
    const ledger = new Ledger(new SqlTransport(db.client));
    const bot = createBot({
      token: telegram.token,
      ledger,
      botInfo: telegram.botInfo,
      apiRoot: telegram.apiRoot,
      ownerIds: [OWNER.id],
    });
    await using h = new ChatHarness(bot, telegram, db, ledger, true, 700);
    await h.owner.says("/start");
  } finally {
    console.log = original;
  }
  assert.deepEqual(printed, []);
});

/** A transport whose database is down. */
const down: RpcTransport = {
  calls: 0,
  call: () => Promise.reject(new LedgerUnavailable("connection refused")),
  close: () => Promise.resolve(),
};

function message(updateId: number, text: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: 1,
      date: 1_800_000_000,
      chat: { id: OWNER.id, type: "private", first_name: OWNER.first_name },
      from: OWNER,
      text,
      entities: text.startsWith("/")
        ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }]
        : undefined,
    },
  };
}

Deno.test("an outage: the bot's line says outage, the webhook's line has the same shape", async () => {
  const botLines: string[] = [];
  const hookLines: string[] = [];
  const bot = createBot({
    token: "7100000001:AAFakeTokenForTestsOnly_0123456789abc",
    ledger: new Ledger(down),
    botInfo: TEST_BOT_INFO,
    log: (line) => botLines.push(line),
  });
  const handle = createWebhookHandler(bot, {
    secretToken: "s3cret-token",
    log: (line) => hookLines.push(line),
  });
  const answer = await handle(
    new Request("http://localhost/", {
      method: "POST",
      headers: { [SECRET_HEADER]: "s3cret-token", "content-type": "application/json" },
      body: JSON.stringify(message(42, "/pay 30 | 2468")),
    }),
  );
  assert.equal(answer.status, 503);
  await answer.body?.cancel();
  assert.equal(botLines.length, 1);
  const { ms: _ms, ...line } = parse(botLines[0]);
  assert.deepEqual(line, {
    event: "update",
    update_id: 42,
    kind: "message",
    command: "/pay",
    outcome: "outage",
    error: "LedgerUnavailable",
    rpc: 1,
  });
  assert.equal(hookLines.length, 1);
  const hook = parse(hookLines[0]);
  assert.deepEqual(
    { ...hook, message: undefined },
    {
      event: "webhook",
      update_id: 42,
      outcome: "outage",
      status: 503,
      error: "LedgerUnavailable",
      message: undefined,
    },
  );
  assert.match(hook.message!, /update 42 failed, the ledger is unavailable \(answered 503\)/);
  assert.ok(![...botLines, ...hookLines].join().includes("2468"), "the PIN is never logged");
  assert.ok(!hookLines[0].includes("s3cret-token"));
});

Deno.test("the error boundary logs a bug inside a feature as one JSON failure line, without text or token", async () => {
  const db = await freshDatabase((await engines())[0]);
  const telegram = await FakeTelegram.start();
  try {
    const inner = new SqlTransport(db.client);
    const buggy: RpcTransport = {
      get calls() {
        return inner.calls;
      },
      close: () => inner.close(),
      call(fn, args) {
        if (fn === "add_customer") throw new TypeError("a bug in the bot");
        return inner.call(fn, args);
      },
    };
    const botLines: string[] = [];
    const hookLines: string[] = [];
    const bot = createBot({
      token: telegram.token,
      ledger: new Ledger(buggy),
      botInfo: telegram.botInfo,
      apiRoot: telegram.apiRoot,
      ownerIds: [OWNER.id],
      log: (line) => botLines.push(line),
    });
    const handle = createWebhookHandler(bot, {
      secretToken: "s3cret-token",
      log: (line) => hookLines.push(line),
    });
    const post = async (update: Update) => {
      const answer = await handle(
        new Request("http://localhost/", {
          method: "POST",
          headers: { [SECRET_HEADER]: "s3cret-token", "content-type": "application/json" },
          body: JSON.stringify(update),
        }),
      );
      await answer.body?.cancel();
      return answer.status;
    };
    assert.equal(await post(message(1, "/start")), 200);
    botLines.length = 0;
    assert.equal(await post(message(2, "/addcustomer Mona Secretname | 0591111111")), 200);
    const failures = botLines.map(parse).filter((line) => line.event === "bot");
    assert.equal(failures.length, 1, botLines.join("\n"));
    assert.deepEqual({ ...failures[0], message: undefined }, {
      event: "bot",
      update_id: 2,
      outcome: "error",
      error: "TypeError",
      message: undefined,
    });
    assert.match(failures[0].message!, /^bot: update 2 failed: TypeError: a bug in the bot$/);
    assert.equal(botLines.filter((line) => !line.includes("\n")).length, botLines.length);
    assert.equal(parse(botLines.find((l) => parse(l).event === "update")!).outcome, "error");
    // The webhook still says what it answered, through the same function.
    assert.equal(hookLines.length, 1);
    assert.equal(parse(hookLines[0]).event, "webhook");
    assert.equal(parse(hookLines[0]).status, 200);
    const all = [...botLines, ...hookLines].join("\n");
    for (const secret of ["Mona", "Secretname", "0591111111", telegram.token, "s3cret-token"]) {
      assert.ok(!all.includes(secret), `“${secret}” is never logged`);
    }
  } finally {
    await telegram.close();
    await db.close();
  }
});

Deno.test("command names only, and the line's shape", () => {
  assert.equal(commandName("/pay 30 | 1234"), "/pay");
  assert.equal(commandName("/Pay@PayTrackBot 30"), "/pay");
  assert.equal(commandName("/setpin"), "/setpin");
  assert.equal(commandName("hello /pay"), undefined);
  assert.equal(commandName("/"), undefined);
  assert.equal(commandName(undefined), undefined);
  assert.equal(
    logLine({ event: "update", update_id: 1, outcome: "ok", ms: 3, rpc: 2 }),
    '{"event":"update","update_id":1,"outcome":"ok","ms":3,"rpc":2}',
  );
});

Deno.test("/summary of a customer whose Telegram is linked is two round trips: the session and the card", async () => {
  const lines: string[] = [];
  const { h, transport } = await loggedChat(lines);
  await using _ = h;
  await h.owner.says("/start");
  await h.owner.says("/addcustomer Zubaida Qassem | 0599123456");
  await h.db.client.query(
    `insert into public.customer_accounts (shop_id, customer_id, telegram_user_id)
     select shop_id, id, 777001 from public.customers`,
  );
  const before = transport.calls;
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Zubaida Qassem/);
  assert.deepEqual(
    h.owner.buttons(),
    [["Unlink Telegram"]],
    "an owner may unlink a linked customer",
  );
  assert.equal(transport.calls - before, 2, "session_read and customer_summary, nothing else");
});
