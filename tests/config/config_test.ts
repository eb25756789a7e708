import assert from "node:assert/strict";
import { ConfigError, databaseChoice, loadConfig } from "../../shared/config/config.ts";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "s3cret-value_that-is-long-enough";
const BOT_INFO = JSON.stringify({
  id: 123456789,
  is_bot: true,
  first_name: "PayTrack",
  username: "paytrack_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
});

/** Asserts that loading `env` fails with a ConfigError whose message matches every pattern. */
function rejects(
  env: Record<string, string | undefined>,
  patterns: RegExp[],
  needs: Parameters<typeof loadConfig>[1] = {},
): string {
  let message = "";
  assert.throws(() => loadConfig(env, needs), (error) => {
    assert.ok(error instanceof ConfigError, String(error));
    message = error.message;
    return true;
  });
  for (const pattern of patterns) assert.match(message, pattern);
  return message;
}

Deno.test("the webhook needs TELEGRAM_WEBHOOK_SECRET, and the error names it", () => {
  rejects({ TELEGRAM_BOT_TOKEN: TOKEN }, [/TELEGRAM_WEBHOOK_SECRET/], {
    telegramToken: true,
    webhookSecret: true,
  });
  // Blank counts as missing.
  rejects(
    { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: "  " },
    [/TELEGRAM_WEBHOOK_SECRET/],
    {
      webhookSecret: true,
    },
  );
  const both = rejects({}, [/TELEGRAM_BOT_TOKEN/, /TELEGRAM_WEBHOOK_SECRET/], {
    telegramToken: true,
    webhookSecret: true,
  });
  assert.ok(both.split("\n").length >= 3, "each missing variable on its own line");
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET }, {
    telegramToken: true,
    webhookSecret: true,
  });
  assert.equal(config.TELEGRAM_WEBHOOK_SECRET, SECRET);
});

Deno.test("malformed secrets are named but never echoed", () => {
  const short = "short";
  const message = rejects({ TELEGRAM_WEBHOOK_SECRET: short }, [/TELEGRAM_WEBHOOK_SECRET/]);
  assert.ok(!message.includes(`"${short}"`) && !message.includes(`: ${short}`));
  const badToken = "not-a-token-but-a-secret-value";
  const tokenMessage = rejects({ TELEGRAM_BOT_TOKEN: badToken }, [/TELEGRAM_BOT_TOKEN/]);
  assert.ok(!tokenMessage.includes(badToken));
  const withSpace = rejects({ TELEGRAM_WEBHOOK_SECRET: "has spaces in it, 12345" }, [
    /TELEGRAM_WEBHOOK_SECRET/,
  ]);
  assert.ok(!withSpace.includes("has spaces"));
});

Deno.test("DEFAULT_CURRENCY defaults to USD, is upper-cased, and must be a 3-letter code", () => {
  assert.equal(loadConfig({}).DEFAULT_CURRENCY, "USD");
  assert.equal(loadConfig({ DEFAULT_CURRENCY: " ils " }).DEFAULT_CURRENCY, "ILS");
  for (const bad of ["US", "dollars", "U$D", "1234"]) {
    rejects({ DEFAULT_CURRENCY: bad }, [/DEFAULT_CURRENCY/, /ISO 4217/]);
  }
});

Deno.test("DEFAULT_CURRENCY must be a currency the ledger knows, not just look like one", () => {
  const message = rejects({ DEFAULT_CURRENCY: "XYZ" }, [/DEFAULT_CURRENCY/, /"XYZ"/]);
  assert.match(message, /USD/, "the message shows what is accepted");
  rejects({ DEFAULT_CURRENCY: "abc" }, [/DEFAULT_CURRENCY/, /"ABC"/]);
  for (const known of ["USD", "ILS", "JOD", "JPY", "IQD", "EUR"]) {
    assert.equal(loadConfig({ DEFAULT_CURRENCY: known.toLowerCase() }).DEFAULT_CURRENCY, known);
  }
});

Deno.test("OWNER_TELEGRAM_IDS takes ids separated by commas or spaces", () => {
  assert.deepEqual(loadConfig({ OWNER_TELEGRAM_IDS: "111, 222 333,444" }).OWNER_TELEGRAM_IDS, [
    111,
    222,
    333,
    444,
  ]);
  assert.deepEqual(loadConfig({ OWNER_TELEGRAM_IDS: "7" }).OWNER_TELEGRAM_IDS, [7]);
  assert.equal(loadConfig({ OWNER_TELEGRAM_IDS: "" }).OWNER_TELEGRAM_IDS, undefined);
  assert.equal(loadConfig({}).OWNER_TELEGRAM_IDS, undefined);
  rejects({ OWNER_TELEGRAM_IDS: "111,@owner" }, [/OWNER_TELEGRAM_IDS/, /"@owner"/]);
  rejects({ OWNER_TELEGRAM_IDS: "12.5" }, [/OWNER_TELEGRAM_IDS/]);
});

Deno.test("BOT_INFO is getMe's JSON; anything else is refused by name", () => {
  const info = loadConfig({ BOT_INFO }).BOT_INFO;
  assert.equal(info?.id, 123456789);
  assert.equal(info?.username, "paytrack_bot");
  assert.equal(info?.is_bot, true);
  rejects({ BOT_INFO: "{not json" }, [/BOT_INFO/, /getMe/]);
  rejects({ BOT_INFO: JSON.stringify({ id: 1, username: "x" }) }, [/BOT_INFO/]); // no is_bot
  rejects({ BOT_INFO: JSON.stringify({ id: "1", is_bot: true, username: "x" }) }, [/BOT_INFO/]);
  rejects({ BOT_INFO: "[]" }, [/BOT_INFO/]);
});

Deno.test("database choice: Supabase over DATABASE_URL over the embedded folder", () => {
  const supabase = {
    SUPABASE_URL: "https://abcd.supabase.co",
    SUPABASE_SERVICE_ROLE_KEY: "service-role-key",
  };
  const pg = { DATABASE_URL: "postgres://u@localhost:5432/paytrack" };
  assert.deepEqual(databaseChoice(loadConfig({ ...supabase, ...pg })), {
    kind: "supabase",
    url: "https://abcd.supabase.co",
    serviceRoleKey: "service-role-key",
  });
  assert.deepEqual(databaseChoice(loadConfig(pg)), {
    kind: "postgres",
    url: "postgres://u@localhost:5432/paytrack",
  });
  assert.deepEqual(databaseChoice(loadConfig({})), { kind: "embedded", dataDir: "./.data" });
  assert.deepEqual(databaseChoice(loadConfig({ PAYTRACK_DATA_DIR: "/srv/paytrack" })), {
    kind: "embedded",
    dataDir: "/srv/paytrack",
  });
  assert.equal(
    databaseChoice(loadConfig({ DATABASE_URL: "postgresql://h/db" })).kind,
    "postgres",
  );
  rejects({ DATABASE_URL: "mysql://h/db" }, [/DATABASE_URL/]);
});

Deno.test("SUPABASE_URL without its key (or the key alone) names what is missing", () => {
  const noKey = rejects({ SUPABASE_URL: "https://abcd.supabase.co" }, [
    /SUPABASE_SERVICE_ROLE_KEY/,
  ]);
  assert.ok(!noKey.includes("abcd.supabase.co"));
  const noUrl = rejects({ SUPABASE_SERVICE_ROLE_KEY: "the-key-value" }, [/SUPABASE_URL/]);
  assert.ok(!noUrl.includes("the-key-value"));
  rejects({ SUPABASE_URL: "ftp://abcd.supabase.co", SUPABASE_SERVICE_ROLE_KEY: "k" }, [
    /SUPABASE_URL/,
  ]);
});

Deno.test("PORT and TELEGRAM_API_ROOT are checked; unknown variables are ignored", () => {
  assert.equal(loadConfig({}).PORT, 8000);
  assert.equal(loadConfig({ PORT: "9090" }).PORT, 9090);
  rejects({ PORT: "eighty" }, [/PORT/]);
  // A human sentence, not zod's "expected number, received NaN".
  const abc = rejects({ PORT: "abc" }, [
    /PORT: "abc" is not a port number; use a whole number from 1 to 65535/,
  ]);
  assert.doesNotMatch(abc, /NaN|expected number/);
  rejects({ PORT: "70000" }, [/PORT/]);
  assert.equal(
    loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).TELEGRAM_API_ROOT,
    "http://127.0.0.1:8081",
  );
  rejects({ TELEGRAM_API_ROOT: "api.telegram.org" }, [/TELEGRAM_API_ROOT/]);
  assert.equal(loadConfig({ SOMETHING_ELSE: "x" }).DEFAULT_CURRENCY, "USD");
});

Deno.test("DEFAULT_TIMEZONE: an IANA zone Intl knows (Asia/Hebron), canonical; a wrong one is refused by name", () => {
  assert.equal(loadConfig({}).DEFAULT_TIMEZONE, "UTC");
  assert.equal(loadConfig({ DEFAULT_TIMEZONE: "Asia/Hebron" }).DEFAULT_TIMEZONE, "Asia/Hebron");
  assert.equal(loadConfig({ DEFAULT_TIMEZONE: " asia/gaza " }).DEFAULT_TIMEZONE, "Asia/Gaza");
  for (const bad of ["Mars/Olympus", "Hebron", "+03:00x"]) {
    const message = rejects({ DEFAULT_TIMEZONE: bad }, [/DEFAULT_TIMEZONE/, /not a time zone/]);
    assert.ok(message.includes(bad), message);
  }
});

Deno.test("PAYTRACK_FUNCTION_URL is a plain https URL: no character that could end cron:install's SQL", () => {
  assert.equal(
    loadConfig({ PAYTRACK_FUNCTION_URL: "https://abc.supabase.co/functions/v1/telegram-bot" })
      .PAYTRACK_FUNCTION_URL,
    "https://abc.supabase.co/functions/v1/telegram-bot",
  );
  for (
    const bad of [
      "https://x.supabase.co/functions/v1/telegram-bot$$;select 1;do $$begin",
      "https://x.supabase.co/f'o",
      "https://x.supabase.co/a b",
      "ftp://x.supabase.co/f",
    ]
  ) {
    rejects({ PAYTRACK_FUNCTION_URL: bad }, [/PAYTRACK_FUNCTION_URL/]);
  }
});
