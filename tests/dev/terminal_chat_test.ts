import assert from "node:assert/strict";
import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import type { UploadedFile } from "../../shared/dev/fake_bot_api.ts";
import {
  columns,
  commandEntities,
  isRtlLine,
  LOCAL_BOT_INFO,
  LOCAL_OWNER,
  localOwner,
  readLines,
  TerminalChat,
  terminalLine,
  UpdateIds,
} from "../../shared/dev/terminal_chat.ts";
import { freshPglite } from "../support/databases.ts";

/** A terminal chat wired to a plain grammY bot; `lines` collects what it printed. */
function setup(
  options: { saveDocument?: (file: UploadedFile) => Promise<string>; width?: number } = {},
) {
  const lines: string[] = [];
  const chat = new TerminalChat({ print: (line) => lines.push(line), ...options });
  const bot = new Bot("local:test", { botInfo: LOCAL_BOT_INFO });
  bot.api.config.use(chat.transformer);
  return { chat, bot, lines, output: () => lines.join("\n") };
}

Deno.test("a command gets the bot_command entity Telegram would mark", () => {
  assert.deepEqual(commandEntities("/start"), [{ type: "bot_command", offset: 0, length: 6 }]);
  assert.deepEqual(commandEntities("/addtransaction 50|groceries"), [
    { type: "bot_command", offset: 0, length: 15 },
  ]);
  assert.deepEqual(commandEntities("/start@paytrack_local_bot hi")[0].length, 25);
  assert.deepEqual(commandEntities("hello /start"), []);
  assert.deepEqual(commandEntities("/ start"), []);
  assert.deepEqual(commandEntities("٥٠"), []);
});

Deno.test("update_ids start at the clock and only go up", () => {
  const before = Date.now();
  const ids = new UpdateIds();
  const first = ids.next();
  assert.ok(first >= before);
  assert.equal(ids.next(), first + 1);
  const chat = new TerminalChat({ print: () => {} });
  const a = chat.input("/start")!;
  const b = chat.input("hello")!;
  assert.ok(a.update_id >= before && b.update_id === a.update_id + 1);
});

Deno.test("a typed line becomes a private message from the owner; blank lines send nothing", () => {
  const { chat } = setup();
  assert.equal(chat.input("   "), null);
  const update = chat.input("  /addcustomer John Smith|0590000000 ")!;
  const message = update.message!;
  assert.equal(message.text, "/addcustomer John Smith|0590000000");
  assert.deepEqual(message.entities, [{ type: "bot_command", offset: 0, length: 12 }]);
  assert.deepEqual(message.from, LOCAL_OWNER);
  assert.deepEqual(message.chat, {
    id: LOCAL_OWNER.id,
    type: "private",
    first_name: "Owner",
    username: "local_owner",
  });
  assert.equal(chat.input("hello")!.message!.entities, undefined);
});

Deno.test("sendMessage prints the HTML as plain text and answers with a plausible message", async () => {
  const { chat, bot, lines } = setup();
  chat.input("/start");
  const sent = await bot.api.sendMessage(
    LOCAL_OWNER.id,
    "<b>Tom &amp; Jerry</b> owe &lt;$5&gt;\nsecond line",
    { parse_mode: "HTML" },
  );
  assert.deepEqual(lines, ["PayTrack › Tom & Jerry owe <$5>\n           second line"]);
  assert.equal(sent.text, "Tom & Jerry owe <$5>\nsecond line");
  assert.equal(sent.chat.id, LOCAL_OWNER.id);
  assert.equal(sent.from?.id, LOCAL_BOT_INFO.id);
  const next = await bot.api.sendMessage(LOCAL_OWNER.id, "again");
  assert.ok(next.message_id > sent.message_id);
});

Deno.test("buttons print numbered and typing a number presses one", async () => {
  const { chat, bot, output } = setup();
  chat.input("/undo");
  const asked = await bot.api.sendMessage(LOCAL_OWNER.id, "Undo this?", {
    reply_markup: new InlineKeyboard().text("Yes", "undo:3").text("No", "undo:no").row()
      .url("Docs", "https://example.com/help"),
  });
  assert.match(output(), /\[1\] Yes {3}\[2\] No/);
  assert.match(output(), /\[↗ Docs: https:\/\/example.com\/help\]/);
  assert.deepEqual(chat.buttons.map((b) => [b.number, b.text, b.data]), [
    [1, "Yes", "undo:3"],
    [2, "No", "undo:no"],
  ]);
  const press = chat.input("2")!;
  const query = press.callback_query!;
  assert.equal(query.data, "undo:no");
  assert.deepEqual(query.from, LOCAL_OWNER);
  assert.equal(query.message?.message_id, asked.message_id);
  assert.equal((query.message as Message).text, "Undo this?");
  assert.ok((query.message as Message).reply_markup);
  // The press ends the turn: no buttons are numbered until the bot shows new ones.
  assert.equal(chat.buttons.length, 0);
  assert.equal(chat.input("1")!.message?.text, "1");
});

Deno.test("a number beyond the buttons, or one escaped with \\, is sent as text", async () => {
  const { chat, bot } = setup();
  chat.input("/pay");
  await bot.api.sendMessage(LOCAL_OWNER.id, "How much?", {
    reply_markup: new InlineKeyboard().text("Cancel", "cancel"),
  });
  assert.equal(chat.input("50")!.message?.text, "50");
  await bot.api.sendMessage(LOCAL_OWNER.id, "How much?", {
    reply_markup: new InlineKeyboard().text("Cancel", "cancel"),
  });
  assert.equal(chat.input("\\1")!.message?.text, "1");
});

Deno.test("edits print as edits and renumber the edited message's buttons", async () => {
  const { chat, bot, lines } = setup();
  chat.input("/history");
  const list = await bot.api.sendMessage(LOCAL_OWNER.id, "Latest", {
    reply_markup: new InlineKeyboard().text("Undo #2", "undoask:2").text("Undo #1", "undoask:1"),
  });
  chat.input("1");
  await bot.api.editMessageText(LOCAL_OWNER.id, list.message_id, "Undo #2?", {
    reply_markup: new InlineKeyboard().text("Yes", "undo:2"),
  });
  assert.equal(lines.at(-2), "PayTrack ✎ Undo #2?");
  assert.equal(lines.at(-1), "           [1] Yes");
  assert.equal(chat.input("1")!.callback_query?.data, "undo:2");
});

Deno.test("Telegram's refusals come back as errors: bad HTML, an unchanged edit", async () => {
  const { chat, bot, output } = setup();
  chat.input("/start");
  await assert.rejects(
    bot.api.sendMessage(LOCAL_OWNER.id, "1 < 2", { parse_mode: "HTML" }),
    (e) => e instanceof GrammyError && /can't parse entities/.test(e.description),
  );
  assert.match(output(), /Telegram would refuse sendMessage/);
  const sent = await bot.api.sendMessage(LOCAL_OWNER.id, "same");
  await assert.rejects(
    bot.api.editMessageText(LOCAL_OWNER.id, sent.message_id, "same"),
    (e) => e instanceof GrammyError && /message is not modified/.test(e.description),
  );
});

Deno.test("callback answers print as notices; unknown methods are answered, not sent", async () => {
  const { chat, bot, lines } = setup();
  chat.input("/x");
  assert.equal(await bot.api.answerCallbackQuery("cq1", { text: "Kept as it is." }), true);
  assert.equal(lines.at(-1), "  · Kept as it is.");
  assert.equal(await bot.api.sendChatAction(LOCAL_OWNER.id, "typing"), true);
  assert.equal(await bot.api.raw.setChatMenuButton({}), true);
  assert.match(lines.at(-1)!, /setChatMenuButton is not simulated/);
});

Deno.test("a document is read and handed to saveDocument", async () => {
  const saved: UploadedFile[] = [];
  const { chat, bot, lines } = setup({
    saveDocument: (file) => {
      saved.push(file);
      return Promise.resolve(`/tmp/${file.filename}`);
    },
  });
  chat.input("/export");
  const bytes = new TextEncoder().encode("a,b\n1,2\n");
  const sent = await bot.api.sendDocument(LOCAL_OWNER.id, new InputFile(bytes, "summary.csv"), {
    caption: "<b>Summary</b>",
    parse_mode: "HTML",
  });
  assert.equal(saved[0].filename, "summary.csv");
  assert.deepEqual(saved[0].bytes, bytes);
  assert.equal(sent.document?.file_name, "summary.csv");
  assert.equal(
    lines.join("\n"),
    "PayTrack › 📎 summary.csv (8 B), saved to /tmp/summary.csv\n           Summary",
  );
});

Deno.test("readLines splits a stream on newlines, across chunks and CRLF", async () => {
  const enc = new TextEncoder();
  const stream = ReadableStream.from([
    enc.encode("/sta"),
    enc.encode("rt\r\nhel"),
    enc.encode("lo\n\nlast"),
  ]);
  const lines: string[] = [];
  for await (const line of readLines(stream)) lines.push(line);
  assert.deepEqual(lines, ["/start", "hello", "", "last"]);
});

Deno.test("the real bot in the terminal chat: /start, a purchase, and undo by pressing 1", async () => {
  const db = await freshPglite();
  try {
    const lines: string[] = [];
    const chat = new TerminalChat({ print: (line) => lines.push(line) });
    const bot = createBot({
      token: "local:test",
      ledger: new Ledger(new SqlTransport(db.client)),
      botInfo: LOCAL_BOT_INFO,
      ownerIds: [LOCAL_OWNER.id],
    });
    bot.api.config.use(chat.transformer);
    const type = async (line: string) => {
      const update = chat.input(line);
      if (update) await bot.handleUpdate(update);
    };
    await type("/start");
    assert.match(lines.join("\n"), /Welcome, Owner!/);
    await type("/addcustomer John Smith|0590000000");
    await type("/addtransaction 50|groceries");
    assert.match(lines.join("\n"), /Purchase of \$50\.00 for John Smith — groceries/);
    await type("/undo");
    assert.deepEqual(chat.buttons.map((b) => b.text), ["✅ Yes, undo", "✖️ No"]);
    await type("1");
    assert.match(lines.at(-1)!, /Undid H\d+ for John Smith/);
    const [row] = await db.client.query<{ balance: string }>(
      "select balance::text from public.customers",
    );
    assert.equal(row.balance, "0");
  } finally {
    await db.close();
  }
});

Deno.test("Arabic replies print right-aligned and marked right to left, buttons too", async () => {
  const { bot, lines } = setup({ width: 60 });
  await bot.api.sendMessage(LOCAL_OWNER.id, "✅ تم اختيار سارة — عليها $12.50.\nNext: /summary", {
    reply_markup: new InlineKeyboard().text("🔎 ابحث عن سارة", "q:سارة").text("No", "x"),
  });
  const [first, second, buttons] = lines.join("\n").split("\n");
  const prefix = "PayTrack › ";
  assert.ok(first.startsWith(prefix), first);
  const arabic = first.slice(prefix.length);
  // Right-aligned to the width after the prefix, with a right-to-left mark before the text.
  assert.match(arabic, /^ +\u200F✅ تم اختيار/);
  assert.equal(columns(first), 60, "the Arabic line ends at the terminal's right edge");
  // An English line stays as it was, left-aligned under the prefix.
  assert.equal(second, `${" ".repeat(prefix.length)}Next: /summary`);
  // The button line holds an Arabic label: right-aligned, the label isolated after its number.
  assert.match(buttons, /^ +\u200F\[1\] \u2067🔎 ابحث عن سارة\u2069 {3}\[2\] No$/);

  assert.equal(isRtlLine("/pay 30 للزبون"), true, "a command first does not make it English");
  assert.equal(isRtlLine("Selected سارة"), false);
  assert.equal(terminalLine("Hello", 10), "Hello");
  assert.equal(terminalLine("مرحبا", 10), "     \u200Fمرحبا");
});

Deno.test("the terminal chat's own words are in the language of the person typing, and follow a change", async () => {
  const lines: string[] = [];
  const chat = new TerminalChat({ print: (line) => lines.push(line), user: localOwner("ar") });
  assert.equal(chat.locale, "ar", "from the Telegram app's language");
  const bot = new Bot("local:test", { botInfo: LOCAL_BOT_INFO });
  bot.api.config.use(chat.transformer);
  chat.input("/start");
  const sent = await bot.api.sendMessage(LOCAL_OWNER.id, "مرحبا", {
    reply_markup: new InlineKeyboard().url("دليل", "https://example.com/help"),
  });
  await bot.api.deleteMessage(LOCAL_OWNER.id, sent.message_id);
  assert.match(lines.at(-1)!, /^ +\u200F {2}\(حُذفت رسالة\)$/, "right-aligned, Arabic");
  assert.equal(columns(lines.at(-1)!), 80);
  await assert.rejects(bot.api.sendMessage(LOCAL_OWNER.id, "1 < 2", { parse_mode: "HTML" }));
  assert.match(lines.at(-1)!, /كان Telegram سيرفض/);
  await bot.api.raw.setChatMenuButton({});
  assert.match(lines.at(-1)!, /غير مُحاكى في محادثة الطرفية/);
  await bot.api.sendDocument(LOCAL_OWNER.id, new InputFile(new Uint8Array(8), "كشف.xlsx"));
  assert.match(lines.at(-1)!, /📎 .*كشف\.xlsx.*8 B/);
  // No English words of the chat's own (Telegram's refusal reason is its own, in English).
  for (const line of lines.slice(1).map((l) => l.replace(/Bad Request.*/, ""))) {
    assert.doesNotMatch(line, /[A-Za-z]{4,} [a-z]{3,}/, line);
  }

  // /language switched the member to English: the chat's words follow.
  chat.locale = "en";
  chat.input("hello");
  await bot.api.deleteMessage(LOCAL_OWNER.id, 1);
  assert.equal(lines.at(-1), "  (a message was deleted)");
  assert.equal(new TerminalChat({ print: () => {} }).locale, "en", "English by default");
  assert.equal(new TerminalChat({ print: () => {}, width: 120 }).width, 120);
});
