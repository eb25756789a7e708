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
  assert.deepEqual(
    parseTelegramHtml('<a href="https://x.y/?a=1&amp;b=2">link</a> <code>1</code>'),
    {
      ok: true,
      text: "link 1",
    },
  );
  for (
    const good of [
      '<span class="tg-spoiler">s</span>',
      "<tg-spoiler>s</tg-spoiler>",
      "<b><i><u><s>s</s></u></i></b>",
      "<strong>s</strong><em>s</em><ins>s</ins><strike>s</strike><del>s</del>",
      '<pre><code class="language-python">s</code></pre>',
      "<pre>s</pre>",
      "<blockquote>s</blockquote><blockquote expandable>s</blockquote>",
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
      "a > b, 'quotes' and \"quotes\"",
      "<B>upper case tag</B>",
    ]
  ) {
    const result = parseTelegramHtml(good);
    assert.equal(result.ok, true, `${good}: ${!result.ok && result.error}`);
  }
  assert.deepEqual(parseTelegramHtml('<span class="tg-spoiler">s</span>'), { ok: true, text: "s" });
});

Deno.test("Telegram HTML: what Telegram refuses is refused, with its wording", () => {
  for (
    const bad of [
      "1 < 2", // an unescaped <
      "a <",
      "<b>open", // unclosed
      "<b>x</i>", // misnested
      "<b><i>x</b></i>",
      "</b>", // an end tag with nothing open
      "<b>x</>", // an empty end tag
      "<div>x</div>", // unknown tags
      "<br>",
      "<p>x</p>",
      "<span>x</span>", // span without the spoiler class
      '<span class="red">x</span>',
      "Tom & Jerry", // an unescaped &
      "&nbsp;", // named entities Telegram does not know
      "&foo;",
      "&LT;",
      "&#xD800;", // not a character
      "&#0;",
      '<b class="x">x</b>', // attributes Telegram does not allow
      '<a href="https://x.y" target="_blank">x</a>',
      '<a href="https://x.y" onclick="evil()">x</a>',
      '<code class="language-js">x</code>', // a language only inside <pre>
      "<code><b>x</b></code>", // nothing nests inside code or pre
      "<pre><i>x</i></pre>",
      "<blockquote><blockquote>x</blockquote></blockquote>",
      '<a href="https://a"><a href="https://b">x</a></a>',
      '<a href="https://a"><code>x</code></a>',
      "<tg-emoji>👍</tg-emoji>", // tg-emoji needs its emoji-id
      "<b\nfoo>x</b>",
    ]
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

Deno.test("Bot API limits: 4,096 visible UTF-16 units, captions 1,024, button data 64 bytes, 100 buttons", async () => {
  const { telegram, api } = await setup();
  try {
    const refused = async (call: Promise<unknown>, pattern: RegExp) => {
      await assert.rejects(call, (e) => e instanceof GrammyError && pattern.test(e.description));
    };
    const html = { parse_mode: "HTML" } as const;
    // The limit counts the text after entity parsing, in UTF-16 code units.
    await api.sendMessage(42, `<b>${"x".repeat(4096)}</b>`, html);
    await api.sendMessage(42, "&amp;".repeat(4096), html);
    await refused(api.sendMessage(42, `<b>${"x".repeat(4097)}</b>`, html), /message is too long/);
    await refused(api.sendMessage(42, "&lt;".repeat(4097), html), /message is too long/);
    await refused(api.sendMessage(42, "🙂".repeat(2049)), /message is too long/); // 4,098 units
    await api.sendMessage(42, "🙂".repeat(2048));
    await refused(api.sendMessage(42, "   \n "), /message text is empty/);
    await refused(api.sendMessage(42, "<b> </b>", html), /message text is empty/);
    await refused(api.sendMessage(42, "Tom & Jerry", html), /can't parse entities/);
    const sent = await api.sendMessage(42, "short");
    await refused(
      api.editMessageText(42, sent.message_id, "y".repeat(4097)),
      /message is too long/,
    );
    await refused(api.editMessageText(42, sent.message_id, "<i>x", html), /can't parse entities/);
    await refused(api.editMessageTextInline("inline1", "<i>x", html), /can't parse entities/);
    await refused(api.editMessageTextInline("inline1", ""), /message text is empty/);

    const file = new InputFile(new Uint8Array([1, 2, 3]), "a.txt");
    await api.sendDocument(42, file, { caption: "c".repeat(1024) });
    await refused(
      api.sendDocument(42, new InputFile(new Uint8Array([1]), "b.txt"), {
        caption: `<b>${"c".repeat(1025)}</b>`,
        parse_mode: "HTML",
      }),
      /caption is too long/,
    );

    // callback_data: 1 to 64 bytes of UTF-8 (33 × "é" is 66 bytes in 33 characters).
    await api.sendMessage(42, "x", {
      reply_markup: new InlineKeyboard().text("ok", "d".repeat(64)),
    });
    for (const data of ["é".repeat(33), "", "d".repeat(65)]) {
      await refused(
        api.sendMessage(42, "x", {
          reply_markup: { inline_keyboard: [[{ text: "x", callback_data: data }]] },
        }),
        /BUTTON_DATA_INVALID/,
      );
    }
    // A button needs a text.
    for (const text of ["", "   "]) {
      await refused(
        api.sendMessage(42, "x", {
          reply_markup: { inline_keyboard: [[{ text, callback_data: "d" }]] },
        }),
        /button|BUTTON/,
      );
    }
    // At most 100 buttons in a keyboard.
    const keyboard = (n: number) => ({
      inline_keyboard: Array.from(
        { length: Math.ceil(n / 5) },
        (_, r) =>
          Array.from({ length: Math.min(5, n - r * 5) }, (_, c) => ({
            text: `b${r * 5 + c}`,
            callback_data: `b${r * 5 + c}`,
          })),
      ),
    });
    await api.sendMessage(42, "x", { reply_markup: keyboard(100) });
    await refused(
      api.sendMessage(42, "x", { reply_markup: keyboard(101) }),
      /reply markup is too long/,
    );
    await refused(
      api.editMessageReplyMarkup(42, sent.message_id, { reply_markup: keyboard(101) }),
      /reply markup is too long/,
    );
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
