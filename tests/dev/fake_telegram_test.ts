/** The test stand-ins for Telegram behave like the Bot API where PayTrack can tell. */
import assert from "node:assert/strict";
import { Api, GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import { parseTelegramHtml } from "../../shared/dev/telegram_html.ts";
import type { UploadedFile } from "../../shared/dev/fake_bot_api.ts";
import { FakeTelegram, TEST_BOT_INFO } from "../support/fake_telegram.ts";

async function setup() {
  const telegram = await FakeTelegram.start();
  const api = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  return { telegram, api };
}

Deno.test("Telegram HTML: tags stripped, the four entities and numeric ones decoded", () => {
  assert.deepEqual(parseTelegramHtml("<b>A &amp; B</b> &lt;x&gt; &quot;q&quot; &#1605; &#x41;"), {
    ok: true,
    text: 'A & B <x> "q" م A',
  });
  assert.deepEqual(parseTelegramHtml('<a href="https://x.y">link</a> <code>1</code>'), {
    ok: true,
    text: "link 1",
  });
  // A bare & or an unknown entity is kept as typed, as Telegram does.
  assert.deepEqual(parseTelegramHtml("Tom & Jerry &nbsp;"), {
    ok: true,
    text: "Tom & Jerry &nbsp;",
  });
  assert.deepEqual(parseTelegramHtml('<span class="tg-spoiler">s</span>'), { ok: true, text: "s" });
});

Deno.test("Telegram HTML: what Telegram refuses is refused, with its wording", () => {
  for (
    const bad of ["1 < 2", "<b>open", "<b>x</i>", "</b>", "<div>x</div>", "<span>x</span>", "a <"]
  ) {
    const result = parseTelegramHtml(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.match(result.error, /^Bad Request: can't parse entities: /);
  }
});

Deno.test("getMe, sendMessage and edits answer like the Bot API, and are recorded", async () => {
  const { telegram, api } = await setup();
  try {
    assert.deepEqual(await api.getMe(), TEST_BOT_INFO);
    const sent = await api.sendMessage(42, "<b>Hello</b>", {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Yes", "y"),
    });
    assert.equal(sent.text, "Hello");
    assert.equal(sent.chat.id, 42);
    assert.deepEqual(sent.reply_markup, {
      inline_keyboard: [[{ text: "Yes", callback_data: "y" }]],
    });
    const edited = await api.editMessageText(42, sent.message_id, "Bye");
    assert.equal((edited as { text: string }).text, "Bye");
    // Editing without reply_markup removes the buttons, as in Telegram.
    assert.equal(telegram.api.message(42, sent.message_id)?.reply_markup, undefined);
    assert.deepEqual(telegram.calls.map((c) => c.method), [
      "getMe",
      "sendMessage",
      "editMessageText",
    ]);
    assert.equal(telegram.callsTo("sendMessage")[0].payload.text, "<b>Hello</b>");
  } finally {
    await telegram.close();
  }
});

Deno.test("Bot API refusals: not modified, not found, bad button data, empty text, wrong token", async () => {
  const { telegram, api } = await setup();
  try {
    const sent = await api.sendMessage(42, "same");
    const refused = async (call: Promise<unknown>, pattern: RegExp) => {
      await assert.rejects(call, (e) => e instanceof GrammyError && pattern.test(e.description));
    };
    await refused(api.editMessageText(42, sent.message_id, "same"), /message is not modified/);
    await refused(api.editMessageText(42, 9999, "x"), /message to edit not found/);
    await refused(api.deleteMessage(42, 9999), /message to delete not found/);
    await refused(
      api.sendMessage(42, "x", { reply_markup: new InlineKeyboard().text("x", "d".repeat(65)) }),
      /BUTTON_DATA_INVALID/,
    );
    await refused(api.sendMessage(42, ""), /message text is empty/);
    await refused(api.sendMessage(42, "x".repeat(4097)), /message is too long/);
    await refused(api.sendMessage(42, "<b>x", { parse_mode: "HTML" }), /can't parse entities/);
    assert.equal(await api.answerCallbackQuery("q1"), true);
    await refused(api.answerCallbackQuery("q1"), /query is too old/);
    await refused(api.raw.sendGame({ chat_id: 42, game_short_name: "x" }), /Not Found/);
    const stranger = new Api("1:wrong-token-000000000000000", { apiRoot: telegram.apiRoot });
    await assert.rejects(stranger.getMe(), (e) => e instanceof GrammyError && e.error_code === 401);
  } finally {
    await telegram.close();
  }
});

Deno.test("sendDocument arrives as multipart with the file's name and bytes", async () => {
  const { telegram, api } = await setup();
  try {
    const bytes = new Uint8Array([80, 75, 3, 4, 0, 1, 2, 3]);
    const sent = await api.sendDocument(42, new InputFile(bytes, "PayTrack summary.xlsx"), {
      caption: "<b>Summary</b>",
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Again", "again"),
    });
    assert.equal(sent.document?.file_name, "PayTrack summary.xlsx");
    assert.equal(sent.caption, "Summary");
    const call = telegram.callsTo("sendDocument")[0];
    const file = call.payload.document as UploadedFile;
    assert.equal(file.filename, "PayTrack summary.xlsx");
    assert.deepEqual(file.bytes, bytes);
    assert.equal(call.payload.chat_id, "42"); // form fields arrive as text
    assert.deepEqual(call.payload.reply_markup, {
      inline_keyboard: [[{ text: "Again", callback_data: "again" }]],
    });
  } finally {
    await telegram.close();
  }
});

Deno.test("a method can be made to fail with an API error or a dropped connection, then healed", async () => {
  const { telegram, api } = await setup();
  try {
    telegram.fail("editMessageText", {
      status: 400,
      description: "Bad Request: simulated",
      times: 1,
    });
    const sent = await api.sendMessage(42, "a");
    await assert.rejects(
      api.editMessageText(42, sent.message_id, "b"),
      (e) => e instanceof GrammyError && e.description === "Bad Request: simulated",
    );
    await api.editMessageText(42, sent.message_id, "b"); // times: 1 → works again
    telegram.fail("sendMessage", { network: true });
    await assert.rejects(api.sendMessage(42, "c"), HttpError);
    await assert.rejects(api.sendMessage(42, "c"), HttpError);
    telegram.heal();
    assert.equal((await api.sendMessage(42, "c")).text, "c");
    assert.equal(telegram.calls.filter((c) => !c.answer.ok).length, 3);
  } finally {
    await telegram.close();
  }
});
