/**
 * The command registry: every command is declared once, by the feature that owns it, and
 * /help, `/help <command>`, the step help, "Did you mean", the menu and the handlers all
 * agree with it.
 */
import { translator } from "../../shared/i18n/i18n.ts";
const en = translator("en");
import assert from "node:assert/strict";
import { COMMAND_MENU, COMMAND_REGISTRY, COMMANDS } from "../../shared/bot/create_bot.ts";
import {
  AREAS,
  CommandRegistry,
  defineCommands,
  editDistance,
  examplesOf,
} from "../../shared/bot/commands.ts";
import { visibleLength } from "../../shared/text/fit.ts";
import { CLERK, openChat } from "../support/chat.ts";

const FEATURES = new URL("../../shared/bot/features/", import.meta.url);

Deno.test("every registered command is answered by its feature, never by unhandled", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  for (const spec of COMMANDS) {
    for (const name of spec.names) {
      await h.sql("delete from public.bot_sessions"); // no pending step from the last one
      const replies = await h.owner.says(`/${name}`);
      const texts = replies.map((r) => r.text).join("\n");
      assert.ok(replies.length > 0 || name === "skip", `/${name} got no reply`);
      assert.doesNotMatch(texts, /I don't know/, `/${name} reached unhandled`);
    }
  }
});

Deno.test("a clerk is refused every command declared for owners, and told it needs the owner", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  await h.owner.says("/addcustomer John Smith | 0590000000");
  await h.owner.says("/addcustomer Jon Smyth | 0590000001");
  await h.sql(
    "insert into public.members (shop_id, telegram_user_id, role, display_name) select id, $1, 'clerk', 'Clerk' from public.shops",
    [CLERK.id],
  );
  const owners = COMMANDS.filter((c) => c.role === "owner");
  assert.ok(owners.length >= 5);
  for (const spec of owners) {
    await h.clerk.says("/search 0590000000"); // selects John Smith alone
    const example = examplesOf(spec, en)[0];
    const replies = await h.clerk.says(example.replace("Jon Smyth", "0590000001"));
    const texts = replies.map((r) => r.text).join("\n");
    assert.match(texts, /owner/i, `${example} as a clerk: ${texts}`);
  }
});

Deno.test("feature files register only declared commands, through their declarations", async () => {
  const declared = new Set(COMMANDS.flatMap((c) => c.names));
  for await (const entry of Deno.readDir(FEATURES)) {
    if (!entry.name.endsWith(".ts")) continue;
    const source = await Deno.readTextFile(new URL(entry.name, FEATURES));
    // A literal name is only for a second handler of a command another feature declares
    // (team's /start <invite code>, spending's /cancel and /help inside an expense).
    for (const [, name] of source.matchAll(/\.command\(\s*"([^"]+)"/g)) {
      assert.ok(declared.has(name), `${entry.name} handles /${name}, which no feature declares`);
    }
    for (const [, set, key] of source.matchAll(/\.command\(\s*(\w+)\.(\w+)\.names/g)) {
      assert.match(source, new RegExp(`export const ${set} = defineCommands\\(`), entry.name);
      assert.ok(declared.has(key), `${entry.name}: ${set}.${key} is not in the registry`);
    }
  }
  assert.deepEqual(
    COMMANDS.map((c) => c.command).filter((c, i, all) => all.indexOf(c) !== i),
    [],
    "no command is declared twice",
  );
});

Deno.test("/help groups every command by area, everyday ones first, within Telegram's limit", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  const replies = await h.owner.says("/help");
  assert.deepEqual(replies.map((r) => r.html), COMMAND_REGISTRY.guide(en));
  for (const r of replies) assert.ok(visibleLength(r.html!) <= 4096);
  const reply = {
    html: replies.map((r) => r.html).join("\n\n"),
    text: replies.map((r) => r.text).join("\n\n"),
  };
  const listed = [...reply.text.matchAll(/^\/([a-z0-9_]+) — /gm)].map((m) => m[1]);
  assert.deepEqual(listed, COMMAND_REGISTRY.inHelpOrder().map((c) => c.command));
  assert.deepEqual(new Set(listed), new Set(COMMANDS.map((c) => c.command)));
  assert.deepEqual(listed.slice(0, 2), ["search", "addcustomer"]);
  for (const everyday of ["addtransaction", "pay", "summary", "history", "undo"]) {
    assert.ok(listed.indexOf(everyday) < listed.indexOf("tag"), `/${everyday} before /tag`);
  }
  assert.ok(listed.includes("start") && listed.includes("skip"));
  // Areas in AREAS order, each heading once.
  const headings = [...reply.html!.matchAll(/^<b>(.+)<\/b>\n\//gm)].map((m) => m[1]);
  assert.deepEqual(
    headings,
    AREAS.filter((area) => COMMANDS.some((c) => c.area === area)).map((a) => en(`area-${a}`)),
  );
});

Deno.test("examples come from the catalogs: English as they were, Arabic with Arabic names", () => {
  const ar = translator("ar");
  const pay = COMMAND_REGISTRY.find("pay")!;
  assert.deepEqual(examplesOf(pay, en), ["/pay 30 | cash", "/pay all"]);
  assert.deepEqual(examplesOf(pay, ar), ["/pay 30 | نقدا", "/pay الكل"]);
  const add = COMMAND_REGISTRY.find("addcustomer")!;
  assert.equal(examplesOf(add, en)[0], "/addcustomer John Smith | 0590000000");
  assert.equal(examplesOf(add, ar)[0], "/addcustomer ليلى ناصر | 0599123456");
  for (const spec of COMMANDS) {
    for (const t of [en, ar]) {
      const examples = examplesOf(spec, t);
      assert.ok(examples.length > 0, `/${spec.command} has examples`);
      for (const e of examples) {
        assert.ok(e === `/${spec.command}` || e.startsWith(`/${spec.command} `), e);
        assert.doesNotMatch(e, /[<>&\u2066-\u2069]/, `${e}: HTML-safe, no bidi marks`);
      }
    }
  }
  for (const page of COMMAND_REGISTRY.guide(ar)) {
    assert.ok(visibleLength(page) <= 4096, "each page of the Arabic guide fits");
  }
});

Deno.test("the Arabic examples' words work in an Arabic chat (/invite مالك, /resetpin إلغاء)", async () => {
  await using h = await openChat({ language: "ar" });
  await h.owner.says("/start");
  await h.owner.says("/invite مالك");
  assert.match(h.owner.lastReply(), /رابط دعوة لشريك جديد في ملكية/);
  await h.owner.says("/resetpin إلغاء");
  assert.match(h.owner.lastReply(), /لا يوجد طلب لإزالة الرمز السري/);
  await h.owner.says("/language الإنجليزية");
  assert.match(h.owner.lastReply(), /English/);
});

Deno.test("/help <command> for each, the step help, and Did you mean", async () => {
  await using h = await openChat();
  await h.owner.says("/start");
  for (const spec of COMMANDS) {
    await h.owner.says(`/help ${spec.command}`);
    assert.equal(h.owner.lastReplyFull().html, COMMAND_REGISTRY.help(spec.command, en, "en"));
    assert.match(
      h.owner.lastReply(),
      new RegExp(`^/${spec.command} — ${escape(en(`cmd-${spec.command}-summary`))}`),
    );
  }
  await h.owner.says("/help pya");
  assert.match(h.owner.lastReply(), /^I don't know \/pya\. Did you mean \/pay\?/);
  await h.owner.says("/pya 30");
  assert.match(h.owner.lastReply(), /^I don't know \/pya\. Did you mean \/pay\? \/help lists/);
  await h.owner.says("/addcust");
  assert.match(h.owner.lastReply(), /Did you mean \/addcustomer\?/);
  await h.owner.says("/zzqqxx");
  assert.doesNotMatch(h.owner.lastReply(), /Did you mean/);
  assert.match(h.owner.lastReply(), /^I don't know \/zzqqxx\. \/help lists what I can do\./);

  // Inside a pending step, /help explains the step and then the command, from the registry.
  await h.owner.says("/addcustomer");
  await h.owner.says("/help");
  const step = h.owner.lastReplyFull().html!;
  assert.match(step, /waiting for an answer for \/addcustomer/);
  assert.ok(step.endsWith(COMMAND_REGISTRY.help("addcustomer", en, "en")!), step);
});

Deno.test("the menu is the registry's menu commands, in /help order, as Telegram accepts them", () => {
  const menu = COMMAND_REGISTRY.inHelpOrder().filter((c) => c.menu);
  assert.deepEqual(COMMAND_MENU.map((c) => c.command), menu.map((c) => c.command));
  for (const { command, description } of COMMAND_MENU) {
    assert.match(command, /^[a-z0-9_]{1,32}$/);
    assert.ok(description.length >= 3 && description.length <= 256, command);
  }
  for (const everyday of ["search", "addcustomer", "addtransaction", "pay", "help", "cancel"]) {
    assert.ok(COMMAND_MENU.some((c) => c.command === everyday), `/${everyday} in the menu`);
  }
});

Deno.test("a registry: aliases, localized menu descriptions, and its refusals", () => {
  const registry = new CommandRegistry([
    defineCommands({
      pay: {
        aliases: ["paid"],
        area: "recording",
        role: "member",
        menu: true,
      },
      help: { area: "help", role: "anyone", menu: true },
      cancel: { area: "help", role: "anyone" },
    }),
  ]);
  assert.equal(registry.find("/PAID")?.command, "pay");
  assert.match(
    registry.help("paid", en, "en")!,
    new RegExp(`^/pay — ${escape(en("cmd-pay-summary"))}\n\n(.|\n)*Also: /paid`),
  );
  assert.equal(registry.nearest("piad")?.command, "pay");
  const ar = translator("ar");
  assert.deepEqual(registry.menuCalls(), [
    {
      commands: [
        { command: "pay", description: en("cmd-pay-menu") },
        { command: "help", description: en("cmd-help-menu") },
      ],
    },
    {
      language_code: "ar",
      commands: [
        { command: "pay", description: ar("cmd-pay-menu") },
        { command: "help", description: ar("cmd-help-menu") },
      ],
    },
  ]);
  const twice = defineCommands({
    pay: { area: "recording", role: "member" },
  });
  assert.throws(() => new CommandRegistry([twice, twice]), /\/pay is declared twice/);
  assert.throws(
    () =>
      new CommandRegistry([
        defineCommands({ Pay: { area: "recording", role: "member" } }),
      ]),
    /a-z/,
  );
  assert.equal(editDistance("pya", "pay"), 1);
  assert.equal(editDistance("addcustomer", "addcustomr"), 1);
});

Deno.test("no Telegram call when create_bot.ts loads or createBot runs (network denied)", async () => {
  const root = new URL("../../", import.meta.url);
  const script = `
    import { createBot } from ${JSON.stringify(new URL("shared/bot/create_bot.ts", root).href)};
    const bot = createBot({
      token: "123:abc",
      ledger: {} as never,
      botInfo: { id: 1, is_bot: true, first_name: "PayTrack", username: "paytrack_bot",
        can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
        can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
        allows_users_to_create_topics: false, can_manage_bots: false },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log("built", typeof bot.handleUpdate);
  `;
  const dir = await Deno.makeTempDir();
  const file = `${dir}/load.ts`;
  await Deno.writeTextFile(file, script);
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--config",
      new URL("deno.json", root).pathname,
      "--no-check",
      "--allow-read",
      "--allow-env",
      "--deny-net", // any Telegram call would fail the process
      file,
    ],
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  await Deno.remove(dir, { recursive: true });
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  assert.match(text, /built function/);
  assert.doesNotMatch(text, /fetch|Requires net access|DeprecationWarning/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
