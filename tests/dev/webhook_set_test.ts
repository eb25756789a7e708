import { translator } from "../../shared/i18n/i18n.ts";
import assert from "node:assert/strict";
import { Api } from "grammy";
import { COMMAND_MENU, COMMAND_REGISTRY } from "../../shared/bot/create_bot.ts";
import { CommandRegistry, defineCommands } from "../../shared/bot/commands.ts";
import {
  ALLOWED_UPDATES,
  deleteWebhook,
  setWebhook,
  webhookUrl,
} from "../../shared/dev/webhook_set.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";

const SECRET = "webhook-secret_0123456789abcdef";
const URL_ = "https://abcd.supabase.co/functions/v1/telegram-bot";

Deno.test("setWebhook sets the webhook with the secret, then the command menu, then reads it back", async () => {
  await using telegram = await FakeTelegram.start();
  const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  const info = await setWebhook(api, { url: URL_, secretToken: SECRET });
  assert.deepEqual(telegram.calls.map((c) => c.method), [
    "setWebhook",
    "setMyCommands",
    "setMyCommands",
    "getWebhookInfo",
  ]);
  assert.deepEqual(telegram.calls[0].payload, {
    url: URL_,
    secret_token: SECRET,
    allowed_updates: ["message", "edited_message", "callback_query"],
    drop_pending_updates: false,
  });
  // The fake checks command names and descriptions the way Telegram does.
  assert.ok(telegram.calls[1].answer.ok, JSON.stringify(telegram.calls[1].answer));
  assert.ok(telegram.calls[2].answer.ok, JSON.stringify(telegram.calls[2].answer));
  assert.equal(telegram.calls[2].payload.language_code, "ar");
  assert.deepEqual(telegram.calls[1].payload, { commands: COMMAND_MENU }, "the default scope");
  assert.deepEqual(
    COMMAND_REGISTRY.menuCalls().map((c) => c.language_code),
    [undefined, "ar"],
    "English by default, and Arabic for Arabic apps",
  );
  assert.equal(info.url, URL_);
  assert.deepEqual(info.allowed_updates, [...ALLOWED_UPDATES]);
});

Deno.test("setMyCommands once more per language, each in its catalog's words", async () => {
  await using telegram = await FakeTelegram.start();
  const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  const registry = new CommandRegistry([
    defineCommands({
      pay: { area: "recording", role: "member", menu: true },
      undo: { area: "history", role: "member", menu: true },
      skip: { area: "help", role: "anyone" },
    }),
  ]);
  await setWebhook(api, { url: URL_, secretToken: SECRET, registry });
  const [en, ar] = [translator("en"), translator("ar")];
  const calls = telegram.calls.filter((c) => c.method === "setMyCommands");
  assert.deepEqual(calls.map((c) => c.payload), [
    {
      commands: [
        { command: "pay", description: en("cmd-pay-menu") },
        { command: "undo", description: en("cmd-undo-menu") },
      ],
    },
    {
      language_code: "ar",
      commands: [
        { command: "pay", description: ar("cmd-pay-menu") },
        { command: "undo", description: ar("cmd-undo-menu") },
      ],
    },
  ]);
  for (const call of calls) assert.ok(call.answer.ok, JSON.stringify(call.answer));
});

Deno.test("--delete removes the webhook and keeps pending updates", async () => {
  await using telegram = await FakeTelegram.start();
  const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  await setWebhook(api, { url: URL_, secretToken: SECRET });
  telegram.clear();
  const info = await deleteWebhook(api);
  assert.deepEqual(telegram.calls.map((c) => [c.method, c.payload]), [
    ["deleteWebhook", { drop_pending_updates: false }],
    ["getWebhookInfo", {}],
  ]);
  assert.equal(info.url, "");
});

Deno.test("webhookUrl wants https (http only for a self-hosted Bot API)", () => {
  assert.equal(webhookUrl(URL_), URL_);
  assert.throws(() => webhookUrl(undefined), /Usage/);
  assert.throws(() => webhookUrl("not a url"), /not a URL/);
  assert.throws(() => webhookUrl("http://example.com/hook"), /https/);
  assert.equal(webhookUrl("http://10.0.0.5:8000/", true), "http://10.0.0.5:8000/");
});

Deno.test("deno task webhook:set talks to TELEGRAM_API_ROOT and prints no secret", async () => {
  await using telegram = await FakeTelegram.start();
  const cwd = await Deno.makeTempDir();
  const root = new URL("../../", import.meta.url);
  const run = (args: string[], env: Record<string, string>) =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-env",
        "--allow-read",
        "--allow-net",
        "--config",
        new URL("deno.json", root).pathname,
        new URL("shared/dev/webhook_set.ts", root).pathname,
        ...args,
      ],
      cwd, // no .env here
      clearEnv: true,
      env: { ...baseEnv(), ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
  const env = {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  };
  const set = await run([URL_], env);
  const out = new TextDecoder().decode(set.stdout) + new TextDecoder().decode(set.stderr);
  assert.equal(set.code, 0, out);
  assert.match(
    out,
    new RegExp(
      `Webhook set to https://abcd\\.supabase\\.co\\S*; ${COMMAND_MENU.length} commands in the menu \\(also in ar\\)\\.`,
    ),
  );
  assert.match(out, /"pending_update_count": 0/);
  assert.ok(!out.includes(SECRET) && !out.includes(telegram.token));
  assert.equal(telegram.api.webhook?.secret_token, SECRET);

  const missing = await run([URL_], {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  assert.equal(missing.code, 1);
  assert.match(new TextDecoder().decode(missing.stderr), /TELEGRAM_WEBHOOK_SECRET/);

  const removed = await run(["--delete"], {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  });
  assert.equal(removed.code, 0, new TextDecoder().decode(removed.stderr));
  assert.equal(telegram.api.webhook, null);
  await Deno.remove(cwd, { recursive: true });
});

/** PATH, HOME and DENO_DIR only: no token, database or .env leaks in from the caller. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}
