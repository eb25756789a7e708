/**
 * The webhook over real HTTP: the handler behind Deno.serve on a free port, the real
 * bot, a fresh database, and a fake Telegram server that records what the bot said.
 */
import assert from "node:assert/strict";
import { migrate } from "../../shared/db/migrate.ts";
import { postgresClient } from "../../shared/db/postgres_client.ts";
import { redact, rootCause } from "../../shared/http/webhook_handler.ts";
import { LedgerUnavailable } from "../../shared/db/errors.ts";
import { BotError } from "grammy";
import { OWNER } from "../support/chat.ts";
import { findPgBin, startCluster } from "../support/cluster.ts";
import { ownerSays, SECRET, startWebhook } from "./webhook_server.ts";

Deno.test("GET answers a small health JSON, with no database or Telegram call", async () => {
  await using hook = await startWebhook();
  const res = await fetch(hook.url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = await res.text();
  assert.deepEqual(JSON.parse(body), { ok: true, service: "paytrack" });
  assert.ok(!body.includes(SECRET) && !body.includes(hook.telegram.token));
  assert.equal(hook.transport.calls, 0);
  assert.equal(hook.telegram.calls.length, 0);
});

Deno.test("a POST without the secret header is 401 and touches nothing", async () => {
  await using hook = await startWebhook();
  const res = await hook.post(ownerSays("/start"), { secret: null });
  assert.equal(res.status, 401);
  assert.equal(hook.transport.calls, 0);
  assert.equal(hook.telegram.calls.length, 0);
  assert.equal(await hook.count("processed_updates"), 0);
  assert.equal(await hook.count("shops"), 0);
});

Deno.test("a wrong secret is 401, whatever its length, before the body is read", async () => {
  await using hook = await startWebhook();
  for (const secret of ["", "x", SECRET.slice(0, -1) + "X", SECRET + "a", SECRET.toUpperCase()]) {
    const res = await hook.post(ownerSays("/start"), { secret });
    assert.equal(res.status, 401, `secret ${JSON.stringify(secret)}`);
  }
  // A bad body behind a wrong secret is still 401: nothing is parsed for strangers.
  assert.equal((await hook.post("{not json", { secret: "wrong" })).status, 401);
  assert.equal(hook.transport.calls, 0);
  assert.equal(hook.telegram.calls.length, 0);
});

Deno.test("methods other than GET and POST are 405", async () => {
  await using hook = await startWebhook();
  for (const method of ["PUT", "DELETE", "PATCH"]) {
    const res = await hook.post(ownerSays("/start"), { method });
    assert.equal(res.status, 405, method);
    assert.match(res.headers.get("allow") ?? "", /GET, POST/);
  }
  assert.equal(hook.transport.calls, 0);
});

Deno.test("a malformed body is 400, not 500, and reaches neither the bot nor the database", async () => {
  await using hook = await startWebhook();
  for (
    const body of [
      "{not json",
      "",
      "[]",
      "null",
      "42",
      '{"update_id":"7"}',
      '{"message":{}}',
      '{"update_id":1.5}',
    ]
  ) {
    const res = await hook.post(body);
    assert.equal(res.status, 400, `body ${JSON.stringify(body)}`);
  }
  assert.equal(hook.transport.calls, 0);
  assert.equal(hook.telegram.calls.length, 0);
  assert.equal(hook.logs.length, 0);
});

Deno.test("a valid /start by the owner is 200 and the bot's welcome reaches Telegram", async () => {
  await using hook = await startWebhook();
  const res = await hook.post(ownerSays("/start"));
  assert.equal(res.status, 200);
  const sent = hook.telegram.callsTo("sendMessage");
  assert.equal(sent.length, 1);
  assert.equal(sent[0].payload.chat_id, OWNER.id);
  assert.match(String(sent[0].payload.text), /Welcome/);
  assert.equal(await hook.count("shops"), 1);
});

Deno.test("without BOT_INFO the bot calls getMe lazily, on the first authorised update only", async () => {
  await using hook = await startWebhook({ botInfo: null });
  await (await fetch(hook.url)).body?.cancel();
  assert.equal((await hook.post(ownerSays("/start"), { secret: "wrong" })).status, 401);
  assert.equal(hook.telegram.calls.length, 0);
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  assert.equal((await hook.post(ownerSays("/help"))).status, 200);
  assert.deepEqual(
    hook.telegram.calls.map((c) => c.method).filter((m) => m === "getMe"),
    ["getMe"],
  );
});

Deno.test("the same update delivered twice has one effect", async () => {
  await using hook = await startWebhook();
  const start = ownerSays("/start");
  assert.equal((await hook.post(start)).status, 200);
  assert.equal((await hook.post(start)).status, 200);
  assert.equal(await hook.count("shops"), 1);
  assert.equal(await hook.count("actions"), 1);

  assert.equal((await hook.post(ownerSays("/addcustomer John Smith|0590000000"))).status, 200);
  const purchase = ownerSays("/addtransaction 50|groceries");
  assert.equal((await hook.post(purchase)).status, 200);
  assert.equal((await hook.post(purchase)).status, 200);
  const rows = await hook.client.query<{ amount: string; description: string; balance: string }>(
    `select t.amount::text, t.description, c.balance::text
       from public.transactions t join public.customers c on c.id = t.customer_id`,
  );
  assert.deepEqual(rows.map((row) => ({ ...row })), [{
    amount: "5000",
    description: "groceries",
    balance: "5000",
  }]);
});

Deno.test("a cosmetic Telegram failure (the loader edit refused) does not break the command", async () => {
  await using hook = await startWebhook();
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  hook.telegram.fail("editMessageText", {
    status: 400,
    description: "Bad Request: message to edit not found",
  });
  assert.equal((await hook.post(ownerSays("/addcustomer Mona|0591111111"))).status, 200);
  assert.equal(await hook.count("customers"), 1);
  const texts = hook.telegram.callsTo("sendMessage").map((c) => String(c.payload.text));
  assert.ok(texts.some((t) => /Added <b>Mona<\/b>/.test(t)), texts.join("\n"));
});

Deno.test("Telegram unreachable after the update ran is 200 with one log line that holds no secret", async () => {
  await using hook = await startWebhook();
  hook.telegram.fail("sendMessage", { network: true });
  const res = await hook.post(ownerSays("/start"));
  assert.equal(res.status, 200);
  assert.ok(!res.text.includes(hook.telegram.token) && !res.text.includes(SECRET));
  assert.equal(await hook.count("shops"), 1);
  assert.equal(hook.logs.length, 1);
  assert.match(hook.logs[0], /update \d+ handled, but Telegram was unreachable \(answered 200\)/);
  assert.ok(!hook.logs[0].includes(hook.telegram.token), hook.logs[0]);
  assert.ok(!hook.logs[0].includes(SECRET), hook.logs[0]);
  assert.ok(!hook.logs[0].includes("\n"));
});

Deno.test({
  name: "a database outage answers 503, and Telegram's redelivery then succeeds exactly once",
  ignore: !(await findPgBin()),
  async fn() {
    const cluster = await startCluster();
    const client = postgresClient(cluster.url, { max: 4 });
    try {
      await migrate(client);
      await using hook = await startWebhook({ client });
      assert.equal((await hook.post(ownerSays("/start"))).status, 200);

      // The throwaway cluster runs with synchronous_commit=off and pause() is an immediate
      // stop: flush the WAL first, or the last commits vanish like in a crash.
      await client.query("checkpoint");
      await cluster.pause();
      const add = ownerSays("/addcustomer Outage Olga|0592222222");
      const down = await hook.post(add);
      assert.equal(down.status, 503);
      assert.equal(hook.logs.length, 1);
      assert.match(hook.logs[0], /\(answered 503\): LedgerUnavailable/);
      await cluster.resume();

      // Telegram keeps redelivering until it gets a 2xx; stale pooled connections may
      // cost an extra round, but never a second effect.
      let status = 0;
      for (let attempt = 0; attempt < 5 && status !== 200; attempt++) {
        status = (await hook.post(add)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(status, 200);
      assert.equal((await hook.post(add)).status, 200);
      assert.equal(await hook.count("customers"), 1);
      const actions = await client.query<{ action: string }>(
        "select action from public.actions order by id",
      );
      assert.deepEqual(actions.map((a) => a.action), ["shop_opened", "customer_added"]);
    } finally {
      await client.close();
      await cluster.stop();
    }
  },
});

Deno.test("rootCause finds a LedgerUnavailable inside BotError and cause chains; redact hides secrets", () => {
  const down = new LedgerUnavailable("database unreachable");
  const ctx = {} as never;
  assert.equal(rootCause(new BotError(down, ctx)), down);
  assert.equal(rootCause(new BotError(new Error("wrapped", { cause: down }), ctx)), down);
  const other = new TypeError("boom");
  assert.equal(rootCause(new BotError(other, ctx)), other);
  assert.equal(rootCause(other), other);
  assert.equal(
    redact("GET /bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage with s3cr3t", ["s3cr3t"]),
    "GET /bot***/sendMessage with ***",
  );
});
