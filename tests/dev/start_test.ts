/**
 * `deno task start` as a person runs it: a subprocess in a clean folder with a clean
 * environment, over an embedded PGlite data folder.
 */
import assert from "node:assert/strict";
import { messageUpdate, privateChat, textMessage } from "../../shared/dev/terminal_chat.ts";
import { terminalLocale } from "../../shared/dev/start.ts";
import { ConfigError } from "../../shared/config/config.ts";
import { OWNER } from "../support/chat.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";

const ROOT = new URL("../../", import.meta.url);

function command(cwd: string, env: Record<string, string>, args: string[] = []): Deno.Command {
  const base: Record<string, string> = { NO_COLOR: "1", RUST_BACKTRACE: "0" };
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) base[name] = value;
  }
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-net",
      "--allow-sys",
      "--config",
      new URL("deno.json", ROOT).pathname,
      new URL("shared/dev/start.ts", ROOT).pathname,
      ...args,
    ],
    cwd,
    clearEnv: true,
    env: { ...base, PAYTRACK_DATA_DIR: `${cwd}/data`, ...env },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Runs the terminal chat with `lines` typed, until EOF; resolves with everything printed. */
async function terminal(
  cwd: string,
  lines: string[],
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<string> {
  const child = command(cwd, env, args).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(lines.join("\n") + "\n"));
  await writer.close();
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  return text;
}

Deno.test("without a token, start is a terminal chat with the real bot that keeps its data", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "paytrack-start-" });
  try {
    const first = await terminal(cwd, [
      "/start",
      "/addcustomer John Smith|0590000000",
      "/addtransaction 50|groceries",
      "/undo",
      "1",
    ]);
    assert.match(first, /terminal chat/);
    assert.match(first, /Database: embedded PGlite in .*\/data/);
    assert.match(first, /\/quit/);
    assert.match(first, /PayTrack › 👋 Welcome, Owner!/);
    assert.match(first, /Purchase of \$50\.00 for John Smith — groceries/);
    assert.match(first, /\[1\] ✅ Yes, undo {3}\[2\] ✖️ No/);
    assert.match(first, /Undid H\d+ for John Smith\. Balance now: settled/);

    // A second run on the same folder: the shop is still there, and new update_ids
    // do not collide with the first run's (the ledger would refuse a reused one).
    const second = await terminal(cwd, [
      "/start",
      "/addcustomer Mary|0591111111",
      "/quit",
      "/help",
    ]);
    assert.match(second, /Welcome back, Owner/);
    assert.match(second, /Added Mary \(0591111111\)/);
    assert.doesNotMatch(second, /⚠/);
    assert.doesNotMatch(second, /you › \/help/, "nothing after /quit is read");
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("with a token, start polls Telegram (TELEGRAM_API_ROOT) and tells the user to retry after an error", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "paytrack-poll-" });
  await using telegram = await FakeTelegram.start();
  const child = command(cwd, {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    OWNER_TELEGRAM_IDS: String(OWNER.id),
  }).spawn();
  await child.stdin.close();
  // Up to 2 minutes: the first start migrates a new PGlite folder, slow on a busy machine.
  const said = async (count: number) => {
    for (let i = 0; i < 1200 && telegram.callsTo("sendMessage").length < count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return telegram.callsTo("sendMessage").map((c) => String(c.payload.text));
  };
  try {
    const chat = privateChat(OWNER);
    telegram.pushUpdate(
      messageUpdate(1, textMessage({ messageId: 1, date: 1, from: OWNER, chat, text: "/start" })),
    );
    assert.match((await said(1))[0], /Welcome, Owner!/);

    telegram.fail("sendMessage", { network: true, times: 1 });
    telegram.pushUpdate(
      messageUpdate(2, textMessage({ messageId: 2, date: 2, from: OWNER, chat, text: "/help" })),
    );
    const texts = await said(3);
    // The reply could not be sent: the person is told so, and not that "nothing was saved".
    assert.match(texts.at(-1)!, /did not get through.*\/history/);
    const methods = telegram.calls.map((c) => c.method);
    assert.deepEqual(methods.slice(0, 2), ["getMe", "deleteWebhook"]);
    assert.deepEqual(telegram.callsTo("deleteWebhook")[0].payload, { drop_pending_updates: false });
  } finally {
    child.kill("SIGINT");
    const out = await child.output();
    const stdout = new TextDecoder().decode(out.stdout);
    const stderr = new TextDecoder().decode(out.stderr);
    await Deno.remove(cwd, { recursive: true });
    assert.match(stdout, /@paytrack_test_bot is running/);
    assert.match(stderr, /update 2 failed: HttpError/);
    assert.ok(!(stdout + stderr).includes(telegram.token), "the token is never printed");
  }
});

Deno.test("PAYTRACK_LANGUAGE=ar or --lang ar: the terminal chat speaks Arabic, and follows /language", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "paytrack-start-ar-" });
  try {
    const first = await terminal(cwd, ["/start", "/language"], { PAYTRACK_LANGUAGE: "ar" });
    assert.match(first, /محادثة في الطرفية/);
    assert.match(first, /قاعدة البيانات: .*\/data/);
    assert.match(first, /أنت › \/start/);
    assert.match(first, /أهلًا بك يا .*Owner.*! متجرك .*متجر Owner/);
    assert.doesNotMatch(first, /terminal chat|Database:|you ›/);
    const [english] = first.split("\n").filter((l) => /Type a button|Try \/start/.test(l));
    assert.equal(english, undefined, "no English line of the chat's own");

    // The shop knows the member speaks Arabic: a run without the flag follows it.
    const second = await terminal(cwd, ["/start"]);
    assert.match(second, /محادثة في الطرفية/, "the member's stored language, from the start");
    assert.match(second, /أهلًا بعودتك/);
    assert.match(second, /أنت › \/start/);

    const third = await terminal(cwd, ["/help"], {}, ["--lang", "ar"]);
    assert.match(third, /محادثة في الطرفية/);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("the terminal's language: --lang, else PAYTRACK_LANGUAGE, else English; others refused", () => {
  assert.equal(terminalLocale([], undefined), "en");
  assert.equal(terminalLocale([], "ar"), "ar");
  assert.equal(terminalLocale([], "ar-PS"), "ar");
  assert.equal(terminalLocale(["--lang", "ar"], "en"), "ar");
  assert.equal(terminalLocale(["--lang=en"], "ar"), "en");
  assert.equal(terminalLocale([], " "), "en");
  assert.throws(() => terminalLocale(["--lang", "fr"], undefined), ConfigError);
});
