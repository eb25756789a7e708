/**
 * The real entry points, run as subprocesses the way they run in production or on a
 * laptop (never imported here: they call Deno.serve at load): the edge function and
 * `deno task serve` each take one update over HTTP, reply through the fake Telegram and
 * write the ledger; start-up refuses an unknown DEFAULT_CURRENCY; `db:migrate` on a
 * locked data folder says so in one line; and `deno task test` under CI=true refuses to
 * pass without PostgreSQL.
 */
import assert from "node:assert/strict";
import { openEmbedded } from "../../shared/db/embedded.ts";
import { SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { OWNER } from "../support/chat.ts";
import { freshPostgres, postgresAvailable } from "../support/databases.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";
import { ownerSays, SECRET } from "./webhook_server.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const CONFIG = `${ROOT}deno.json`;
const EDGE_FUNCTION = `${ROOT}functions/telegram-bot/index.ts`;

/** A clean environment (no variables of this test process leak in) plus `env`. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = { NO_COLOR: "1", RUST_BACKTRACE: "0" };
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) base[name] = value;
  }
  return { ...base, ...env };
}

/** The edge function as Supabase runs it: `deno run` of functions/telegram-bot/index.ts. */
function edgeFunction(env: Record<string, string>, cwd: string): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-env",
      "--allow-net",
      "--allow-read",
      "--allow-sys",
      "--config",
      CONFIG,
      EDGE_FUNCTION,
    ],
    cwd,
    clearEnv: true,
    env: cleanEnv(env),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** `deno task <task>` of the project, as a person types it. */
function task(name: string, env: Record<string, string>, args: string[] = []): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["task", "--config", CONFIG, name, ...args],
    clearEnv: true,
    env: cleanEnv(env),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Collects a child's output as it runs (so a failure can show it). */
function collect(stream: ReadableStream<Uint8Array>): { text(): string; done: Promise<void> } {
  let text = "";
  const done = stream.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (part) => void (text += part) }),
  );
  return { text: () => text, done };
}

/** Spawns a server, waits until GET on its port answers, runs `body`, then stops it. */
async function withServer(
  command: Deno.Command,
  port: number,
  body: (url: string) => Promise<void>,
): Promise<string> {
  const child = command.spawn();
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const output = () => `stdout:\n${stdout.text()}\nstderr:\n${stderr.text()}`;
  const url = `http://127.0.0.1:${port}/telegram-bot`;
  try {
    let up = false;
    for (let i = 0; i < 1200 && !up && !exited; i++) { // up to 2 min on a busy machine
      try {
        const res = await fetch(url);
        up = res.status === 200 && (await res.json()).service === "paytrack";
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    assert.ok(up, `the server never answered on port ${port}\n${output()}`);
    await body(url);
  } finally {
    if (!exited) child.kill("SIGTERM");
    await status;
    await Promise.all([stdout.done, stderr.done]);
  }
  return output();
}

/** POSTs one update the way Telegram does. */
async function postUpdate(url: string, update: unknown): Promise<number> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET },
    body: JSON.stringify(update),
  });
  await res.body?.cancel();
  return res.status;
}

/** The welcome the bot sent the owner, or undefined. */
function welcome(telegram: FakeTelegram): string | undefined {
  return telegram.callsTo("sendMessage")
    .filter((c) => c.payload.chat_id === OWNER.id)
    .map((c) => String(c.payload.text))
    .find((text) => /Welcome, Owner/.test(text));
}

Deno.test({
  name:
    "the edge function (functions/telegram-bot/index.ts) takes an update over HTTP and answers through Telegram",
  ignore: !(await postgresAvailable()),
  async fn() {
    const db = await freshPostgres();
    await using telegram = await FakeTelegram.start();
    const cwd = await Deno.makeTempDir({ prefix: "paytrack-edge-" });
    const port = freePort();
    try {
      const output = await withServer(
        edgeFunction({
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          BOT_INFO: JSON.stringify(telegram.botInfo),
          TELEGRAM_API_ROOT: telegram.apiRoot,
          DATABASE_URL: db.url!,
          OWNER_TELEGRAM_IDS: String(OWNER.id),
          DEFAULT_CURRENCY: "JOD",
          PORT: String(port),
        }, cwd),
        port,
        async (url) => {
          assert.equal(await postUpdate(url, ownerSays("/start")), 200);
          // Without the secret: refused, nothing reaches the bot.
          const refused = await fetch(url, { method: "POST", body: "{}" });
          await refused.body?.cancel();
          assert.equal(refused.status, 401);
        },
      );
      assert.match(welcome(telegram) ?? "", /Welcome, Owner/, output);
      assert.equal(telegram.callsTo("getMe").length, 0, "BOT_INFO saves the getMe call");
      const shops = await db.client.query<{ currency: string }>(
        "select currency from public.shops",
      );
      assert.deepEqual(shops.map((s) => s.currency), ["JOD"]);
      assert.ok(!output.includes(telegram.token) && !output.includes(SECRET), output);
    } finally {
      await db.close();
      await Deno.remove(cwd, { recursive: true });
    }
  },
});

Deno.test("deno task serve migrates the embedded folder, takes an update over HTTP, and stops cleanly", async () => {
  await using telegram = await FakeTelegram.start();
  const dir = await Deno.makeTempDir({ prefix: "paytrack-serve-" });
  const port = freePort();
  try {
    const output = await withServer(
      task("serve", {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        BOT_INFO: JSON.stringify(telegram.botInfo),
        TELEGRAM_API_ROOT: telegram.apiRoot,
        PAYTRACK_DATA_DIR: `${dir}/data`,
        OWNER_TELEGRAM_IDS: String(OWNER.id),
        PORT: String(port),
      }),
      port,
      async (url) => {
        assert.equal(await postUpdate(url, ownerSays("/start")), 200);
      },
    );
    assert.match(output, new RegExp(`listening on http://localhost:${port}/`));
    assert.match(output, /Database: embedded PGlite in .*\/data/);
    assert.match(welcome(telegram) ?? "", /Welcome, Owner/, output);
    // The server released the folder on SIGTERM: it opens here, with the shop in it.
    const client = await openEmbedded(`${dir}/data`);
    try {
      const shops = await client.query<{ n: number }>(
        "select count(*)::int as n from public.shops",
      );
      assert.equal(shops[0].n, 1);
    } finally {
      await client.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Runs a command to its end; resolves with its exit code and everything it printed. */
async function run(
  command: Deno.Command,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await command.output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

/** stderr without deno task's own "Task name command" line. */
function ownLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.trim() && !/^Task \S+ /.test(line));
}

Deno.test("an unknown DEFAULT_CURRENCY (XYZ) stops serve, start, db:migrate and the edge function's cold start", async () => {
  const dir = await Deno.makeTempDir({ prefix: "paytrack-currency-" });
  try {
    const env = {
      DEFAULT_CURRENCY: "XYZ",
      PAYTRACK_DATA_DIR: `${dir}/data`,
      TELEGRAM_BOT_TOKEN: "7100000001:AAFakeTokenForTestsOnly_0123456789abc",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(freePort()),
    };
    const runs = {
      serve: await run(task("serve", env)),
      start: await run(task("start", env)),
      "db:migrate": await run(task("db:migrate", env)),
      "edge function": await run(edgeFunction(env, dir)),
    };
    for (const [name, result] of Object.entries(runs)) {
      const said = result.stdout + result.stderr;
      assert.notEqual(result.code, 0, `${name} exited 0:\n${said}`);
      assert.match(said, /DEFAULT_CURRENCY: "XYZ" is not a currency PayTrack knows/, name);
      assert.ok(!said.includes(env.TELEGRAM_BOT_TOKEN) && !said.includes(SECRET), said);
    }
    // The local tasks say it in their own words, without a stack trace.
    for (const name of ["serve", "start", "db:migrate"] as const) {
      assert.doesNotMatch(runs[name].stderr, /^\s+at /m, `${name}:\n${runs[name].stderr}`);
    }
    // Nothing was created: start-up stopped before opening the database.
    assert.equal(await Deno.stat(`${dir}/data`).then(() => true, () => false), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("db:migrate on a data folder another process holds says so in one line and exits 1", async () => {
  const dir = await Deno.makeTempDir({ prefix: "paytrack-locked-" });
  const lock = await Deno.open(`${dir}/paytrack.lock`, { create: true, write: true });
  try {
    await lock.lock(true);
    const result = await run(task("db:migrate", { PAYTRACK_DATA_DIR: dir }));
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const lines = ownLines(result.stderr);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], new RegExp(`data folder ${dir} is in use by another PayTrack process`));
    assert.match(lines[0], /PAYTRACK_DATA_DIR/);
    // Once the folder is free, the same task migrates it.
    await lock.unlock();
    const free = await run(task("db:migrate", { PAYTRACK_DATA_DIR: dir }));
    assert.equal(free.code, 0, free.stdout + free.stderr);
    assert.match(free.stdout, /Applied \d+ migration/);
  } finally {
    lock.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task test under CI=true fails, saying why, when PostgreSQL binaries are missing", async () => {
  const env = { PG_BIN: "/nonexistent/postgresql/bin" };
  const ci = await run(task("test", { ...env, CI: "true" }, ["tests/domain/money_test.ts"]));
  assert.notEqual(ci.code, 0, ci.stdout + ci.stderr);
  assert.match(ci.stdout + ci.stderr, /CI=true.*PostgreSQL server binaries/);
  // Outside CI the same run goes on with PGlite only, and says so.
  const local = await run(task("test", env, ["tests/domain/money_test.ts"]));
  assert.equal(local.code, 0, local.stdout + local.stderr);
  assert.match(local.stdout, /PGlite only/);
});

Deno.test("deno task serve without BOT_INFO says Telegram is unreachable, in one line, before starting", async () => {
  const dir = await Deno.makeTempDir({ prefix: "paytrack-getme-" });
  const closed = freePort(); // nothing listens there: getMe is refused at once
  const token = "7100000001:AAFakeTokenForTestsOnly_0123456789abc";
  try {
    const started = Date.now();
    const result = await run(task("serve", {
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`,
      PAYTRACK_DATA_DIR: `${dir}/data`,
      PORT: String(freePort()),
    }));
    const said = result.stdout + result.stderr;
    assert.equal(result.code, 1, said);
    assert.ok(Date.now() - started < 20_000, `it took ${Date.now() - started} ms`);
    assert.match(
      said,
      new RegExp(`Telegram is unreachable \\(getMe to http://127\\.0\\.0\\.1:${closed} failed`),
    );
    assert.match(said, /set BOT_INFO/);
    assert.ok(!said.includes(token), said);
    assert.equal(ownLines(result.stderr).length, 1, result.stderr);
    assert.doesNotMatch(said, /listening on/);
    // Nothing was opened: start-up stopped before the database.
    assert.equal(await Deno.stat(`${dir}/data`).then(() => true, () => false), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("PORT=abc stops deno task serve with a sentence", async () => {
  const result = await run(task("serve", {
    TELEGRAM_BOT_TOKEN: "7100000001:AAFakeTokenForTestsOnly_0123456789abc",
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    PORT: "abc",
  }));
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /PORT: "abc" is not a port number; use a whole number from 1 to 65535/,
  );
  assert.doesNotMatch(result.stderr, /NaN|^\s+at /m);
});
