/**
 * What the webhook answers when things go wrong, over real HTTP with the real bot and a
 * real database: a reply that fails after the change committed is still 200 (Telegram
 * must not redeliver forever), updates PayTrack cannot handle are dropped with 200, text
 * Postgres cannot store is cleaned, and the 1 MB body limit holds without Content-Length.
 */
import assert from "node:assert/strict";
import type { Message, Update } from "grammy/types";
import type { RpcTransport } from "../../shared/db/rpc.ts";
import { callbackQueryUpdate, privateChat } from "../../shared/dev/terminal_chat.ts";
import { SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { GROUP, OWNER } from "../support/chat.ts";
import { nextUpdateId, ownerSays, SECRET, startWebhook, type Webhook } from "./webhook_server.ts";

/** Customers by name, and how many customer_added actions the log holds. */
async function customers(hook: Webhook): Promise<{ names: string[]; added: number }> {
  const rows = await hook.client.query<{ full_name: string }>(
    "select full_name from public.customers order by id",
  );
  const added = await hook.client.query<{ n: number }>(
    "select count(*)::int as n from public.actions where action = 'customer_added'",
  );
  return { names: rows.map((r) => r.full_name), added: added[0].n };
}

// ---------------------------------------------------------------------------------------
// 1. After a commit, a failed reply is never a 5xx
// ---------------------------------------------------------------------------------------

const COSMETIC_FAILURES = [
  {
    name: "403 bot was blocked by the user",
    failure: { status: 403, description: "Forbidden: bot was blocked by the user" },
  },
  {
    name: "400 can't parse entities",
    failure: { status: 400, description: "Bad Request: can't parse entities: unclosed tag" },
  },
  { name: "a network error to Telegram", failure: { network: true as const } },
];

for (const { name, failure } of COSMETIC_FAILURES) {
  Deno.test(`a committed change whose replies all fail (${name}) answers 200, once, with one log line`, async () => {
    await using hook = await startWebhook();
    assert.equal((await hook.post(ownerSays("/start"))).status, 200);
    hook.telegram.fail("sendMessage", failure);
    hook.telegram.fail("editMessageText", failure);
    const add = ownerSays("/addcustomer Mona|0591111111");
    const res = await hook.post(add);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await customers(hook), { names: ["Mona"], added: 1 });
    assert.equal(hook.logs.length, 1, hook.logs.join("\n"));
    assert.match(hook.logs[0], /update \d+/);
    assert.ok(!hook.logs[0].includes("\n"));
    assert.ok(!hook.logs[0].includes(hook.telegram.token) && !hook.logs[0].includes(SECRET));
    // Telegram would not redeliver it; if it did, nothing changes twice.
    assert.equal((await hook.post(add)).status, 200);
    assert.deepEqual(await customers(hook), { names: ["Mona"], added: 1 });
  });
}

Deno.test("a 4xx from Telegram on a read-only command is final: 200, not redelivered forever", async () => {
  await using hook = await startWebhook();
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  hook.telegram.fail("sendMessage", { status: 400, description: "Bad Request: chat not found" });
  assert.equal((await hook.post(ownerSays("/help"))).status, 200);
  assert.equal(hook.logs.length, 1);
});

Deno.test("a bug (an unexpected non-Telegram error) answers 200 with one error log line", async () => {
  const wrap = (inner: RpcTransport): RpcTransport => ({
    get calls() {
      return inner.calls;
    },
    close: () => inner.close(),
    call(fn, args) {
      if (fn === "add_customer") throw new TypeError("a bug in the bot");
      return inner.call(fn, args);
    },
  });
  await using hook = await startWebhook({ wrapTransport: wrap });
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  const res = await hook.post(ownerSays("/addcustomer Mona|0591111111"));
  assert.equal(res.status, 200);
  assert.ok(!res.text.includes(hook.telegram.token) && !res.text.includes(SECRET));
  assert.equal(hook.logs.length, 1);
  assert.match(hook.logs[0], /update \d+ failed.*TypeError: a bug in the bot/);
  assert.deepEqual(await customers(hook), { names: [], added: 0 });
});

// ---------------------------------------------------------------------------------------
// 2. Updates PayTrack cannot handle: 200 and no effect
// ---------------------------------------------------------------------------------------

const CHANNEL = { id: -1009876543210, type: "channel" as const, title: "Shop news" };
const member = (status: string) => ({ user: OWNER, status });
const UNSUPPORTED: Record<string, (id: number) => Record<string, unknown>> = {
  "a message without from": (id) => ({
    update_id: id,
    message: { message_id: id, date: 1, chat: privateChat(OWNER), text: "/start" },
  }),
  "a group message without from (sent as the group)": (id) => ({
    update_id: id,
    message: { message_id: id, date: 1, chat: GROUP, sender_chat: GROUP, text: "/start" },
  }),
  "an inline query": (id) => ({
    update_id: id,
    inline_query: { id: `iq${id}`, from: OWNER, query: "john", offset: "" },
  }),
  "a chosen inline result": (id) => ({
    update_id: id,
    chosen_inline_result: { result_id: "1", from: OWNER, query: "john" },
  }),
  "a button press on an inline message": (id) => ({
    update_id: id,
    callback_query: {
      id: `cq${id}`,
      from: OWNER,
      inline_message_id: "AAAAinline",
      chat_instance: "ci1",
      data: "x",
    },
  }),
  "a channel post": (id) => ({
    update_id: id,
    channel_post: { message_id: id, date: 1, chat: CHANNEL, sender_chat: CHANNEL, text: "/start" },
  }),
  "an edited channel post": (id) => ({
    update_id: id,
    edited_channel_post: {
      message_id: id,
      date: 1,
      edit_date: 2,
      chat: CHANNEL,
      sender_chat: CHANNEL,
      text: "/help",
    },
  }),
  "my_chat_member": (id) => ({
    update_id: id,
    my_chat_member: {
      chat: privateChat(OWNER),
      from: OWNER,
      date: 1,
      old_chat_member: member("member"),
      new_chat_member: member("kicked"),
    },
  }),
  "chat_member": (id) => ({
    update_id: id,
    chat_member: {
      chat: GROUP,
      from: OWNER,
      date: 1,
      old_chat_member: member("left"),
      new_chat_member: member("member"),
    },
  }),
  "chat_join_request": (id) => ({
    update_id: id,
    chat_join_request: { chat: GROUP, from: OWNER, user_chat_id: OWNER.id, date: 1 },
  }),
  "a poll": (id) => ({
    update_id: id,
    poll: {
      id: `p${id}`,
      question: "Open on Friday?",
      options: [{ text: "yes", voter_count: 1 }],
      total_voter_count: 1,
      is_closed: false,
      is_anonymous: true,
      type: "regular",
      allows_multiple_answers: false,
    },
  }),
  "a poll answer": (id) => ({
    update_id: id,
    poll_answer: { poll_id: "p1", user: OWNER, option_ids: [0] },
  }),
  "a message reaction": (id) => ({
    update_id: id,
    message_reaction: {
      chat: privateChat(OWNER),
      message_id: 1,
      user: OWNER,
      date: 1,
      old_reaction: [],
      new_reaction: [{ type: "emoji", emoji: "👍" }],
    },
  }),
  "a pre-checkout query": (id) => ({
    update_id: id,
    pre_checkout_query: {
      id: `pc${id}`,
      from: OWNER,
      currency: "USD",
      total_amount: 100,
      invoice_payload: "x",
    },
  }),
  "an update with nothing in it": (id) => ({ update_id: id }),
};

for (const [name, build] of Object.entries(UNSUPPORTED)) {
  Deno.test(`unsupported update: ${name} is 200 with no effect`, async () => {
    await using hook = await startWebhook();
    assert.equal((await hook.post(ownerSays("/start"))).status, 200);
    const before = await hook.snapshot();
    hook.telegram.clear();
    const update = build(nextUpdateId());
    const res = await hook.post(update);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(await hook.snapshot(), before);
    const methods = hook.telegram.calls.map((c) => c.method);
    assert.deepEqual(methods.filter((m) => m !== "answerCallbackQuery"), [], methods.join());
    assert.deepEqual(hook.logs, []);
    // Redelivered, still nothing.
    assert.equal((await hook.post(update)).status, 200);
    assert.deepEqual(await hook.snapshot(), before);
  });
}

Deno.test("a button press on an inline message is answered politely", async () => {
  await using hook = await startWebhook();
  const res = await hook.post(UNSUPPORTED["a button press on an inline message"](nextUpdateId()));
  assert.equal(res.status, 200);
  const answers = hook.telegram.callsTo("answerCallbackQuery");
  assert.equal(answers.length, 1);
  assert.match(String(answers[0].payload.text), /private chat/);
});

// ---------------------------------------------------------------------------------------
// 3. Text Postgres cannot store is cleaned
// ---------------------------------------------------------------------------------------

Deno.test("a NUL inside /addcustomer is cleaned: 200 and a customer John", async () => {
  await using hook = await startWebhook();
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  const res = await hook.post(ownerSays("/addcustomer Jo\u0000hn|0590000000"));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual((await customers(hook)).names, ["John"]);
  assert.deepEqual(hook.logs, []);
});

Deno.test("lone surrogates and NULs in a pending step's answer are cleaned", async () => {
  await using hook = await startWebhook();
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  assert.equal((await hook.post(ownerSays("/addcustomer"))).status, 200);
  assert.equal((await hook.post(ownerSays("Sa\ud800r\u0000a \udc00Smith"))).status, 200);
  assert.equal((await hook.post(ownerSays("/skip"))).status, 200);
  assert.deepEqual((await customers(hook)).names, ["Sara Smith"]);
  assert.deepEqual(hook.logs, []);
});

Deno.test("a NUL inside a button's callback data is cleaned: the press works once", async () => {
  await using hook = await startWebhook();
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  assert.equal((await hook.post(ownerSays("/addcustomer Mona|0591111111"))).status, 200);
  assert.equal((await hook.post(ownerSays("/undo"))).status, 200);
  const question = hook.telegram.calls.filter((c) =>
    c.answer.ok && /Undo this/.test(String(c.payload.text))
  ).at(-1);
  assert.ok(question, "the undo question was shown");
  const message = (question.answer as { result: Message }).result;
  const yes = (message.reply_markup?.inline_keyboard.flat() ?? [])
    .find((b) => "callback_data" in b && /Yes/.test(b.text));
  assert.ok(yes && "callback_data" in yes);
  const data = yes.callback_data!;
  const id = nextUpdateId();
  const press = callbackQueryUpdate(id, {
    id: `cq${id}`,
    from: OWNER,
    message,
    data: `${data.slice(0, 1)}\u0000${data.slice(1)}`,
  });
  const res = await hook.post(press);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(hook.logs, []);
  const undone = await hook.client.query<{ n: number }>(
    "select count(*)::int as n from public.customers where archived_at is not null",
  ).catch(() => [{ n: -1 }]);
  const active = await hook.client.query<{ n: number }>(
    "select count(*)::int as n from public.customers where archived_at is null",
  ).catch(() => [{ n: -1 }]);
  assert.deepEqual([undone[0].n, active[0].n], [1, 0], "the undo archived the customer");
});

// ---------------------------------------------------------------------------------------
// 4. The 1 MB limit without Content-Length, and bodies that stall
// ---------------------------------------------------------------------------------------

/** Sends raw HTTP/1.1 over TCP; `send` writes the body. Resolves with the status line's code. */
async function rawPost(
  port: number,
  send: (write: (bytes: Uint8Array) => Promise<void>) => Promise<void>,
): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const encoder = new TextEncoder();
  const write = async (bytes: Uint8Array) => {
    let offset = 0;
    while (offset < bytes.length) offset += await conn.write(bytes.subarray(offset));
  };
  const head = [
    "POST /telegram-bot HTTP/1.1",
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    `${SECRET_HEADER}: ${SECRET}`,
    "Transfer-Encoding: chunked",
    "",
    "",
  ].join("\r\n");
  const reading = (async () => {
    const buffer = new Uint8Array(4096);
    let text = "";
    while (!/^HTTP\/1\.1 \d{3}/.test(text)) {
      const n = await conn.read(buffer);
      if (n === null) break;
      text += new TextDecoder().decode(buffer.subarray(0, n));
    }
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  })();
  const writing = (async () => {
    await write(encoder.encode(head));
    await send(write);
  })().catch(() => {/* the server may close the connection while we still write */});
  const status = await reading;
  const ms = Date.now() - started;
  try {
    conn.close();
  } catch { /* closed */ }
  void writing; // a stalling sender never finishes: do not wait for it
  return { status, ms };
}

/** One chunk of a chunked body. */
function chunk(bytes: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(`${bytes.length.toString(16)}\r\n`);
  const out = new Uint8Array(head.length + bytes.length + 2);
  out.set(head);
  out.set(bytes, head.length);
  out.set([13, 10], head.length + bytes.length);
  return out;
}

Deno.test("a chunked body over 1 MB (no Content-Length) is 413 and changes nothing", async () => {
  await using hook = await startWebhook();
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  const before = await hook.snapshot();
  hook.telegram.clear();
  const update = JSON.stringify(ownerSays(`/addcustomer Big|0590000000`));
  // A valid update, padded with spaces past 1 MB (JSON allows trailing whitespace).
  const piece = new TextEncoder().encode(" ".repeat(64 * 1024));
  const { status } = await rawPost(hook.port, async (write) => {
    await write(chunk(new TextEncoder().encode(update)));
    for (let i = 0; i < 20; i++) await write(chunk(piece));
    await write(new TextEncoder().encode("0\r\n\r\n"));
  });
  assert.equal(status, 413);
  assert.deepEqual(await hook.snapshot(), before);
  assert.equal(hook.telegram.calls.length, 0);
});

Deno.test("a body that stalls is 408 within the body timeout and changes nothing", async () => {
  await using hook = await startWebhook({ bodyTimeoutMilliseconds: 300 });
  assert.equal((await hook.post(ownerSays("/start"))).status, 200);
  const before = await hook.snapshot();
  hook.telegram.clear();
  let release = () => {};
  const stalled = new Promise<void>((resolve) => release = resolve);
  const { status, ms } = await Promise.race([
    rawPost(hook.port, async (write) => {
      await write(chunk(new TextEncoder().encode('{"update_id": 9')));
      await stalled; // never sends the rest
    }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("no answer in 5 s")), 5000)
    ),
  ]).finally(() => release());
  assert.equal(status, 408);
  assert.ok(ms < 3000, `answered after ${ms} ms`);
  assert.deepEqual(await hook.snapshot(), before);
  assert.equal(hook.telegram.calls.length, 0);
});

Deno.test("a small chunked update (no Content-Length) is still handled", async () => {
  await using hook = await startWebhook();
  const update: Update = ownerSays("/start");
  const { status } = await rawPost(hook.port, async (write) => {
    const bytes = new TextEncoder().encode(JSON.stringify(update));
    await write(chunk(bytes.subarray(0, 10)));
    await write(chunk(bytes.subarray(10)));
    await write(new TextEncoder().encode("0\r\n\r\n"));
  });
  assert.equal(status, 200);
  assert.equal(await hook.count("shops"), 1);
});
