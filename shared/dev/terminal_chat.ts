/**
 * The terminal chat's Telegram stand-in. Each typed line becomes a Telegram-shaped
 * update for `bot.handleUpdate`; the bot's outgoing API calls are answered by a grammY
 * API transformer ({@link TerminalChat.transformer}) from an in-memory Bot API
 * ({@link FakeBotApi}) and printed, without calling Telegram. Inline buttons print
 * numbered, and typing a number presses one.
 *
 * The update builders here are shared with the tests' chat harness.
 */
import type { Transformer } from "grammy";
import { InputFile } from "grammy";
import type {
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { type ApiAnswer, FakeBotApi, type UploadedFile } from "./fake_bot_api.ts";
import { type Locale, localeFromTelegram } from "../domain/language.ts";
import { type Translate, translator } from "../i18n/i18n.ts";

/** The bot the terminal chat pretends to be (no getMe call is made). */
export const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: "PayTrack",
  username: "paytrack_local_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** The shop owner you are in the terminal chat: a fixed fake Telegram user. */
export const LOCAL_OWNER: User = {
  id: 900_000_001,
  is_bot: false,
  first_name: "Owner",
  username: "local_owner",
  language_code: "en",
};

/** {@link LOCAL_OWNER} with a Telegram app in `locale` (PAYTRACK_LANGUAGE=ar, `--lang ar`). */
export function localOwner(locale: Locale = "en"): User {
  return { ...LOCAL_OWNER, language_code: locale };
}

// ---------------------------------------------------------------------------
// Update builders
// ---------------------------------------------------------------------------

/** Hands out update_ids that never repeat across runs: they start at the clock (ms). */
export class UpdateIds {
  #next: number;
  constructor(first: number = Date.now()) {
    this.#next = first;
  }
  /** The next update_id. */
  next(): number {
    return this.#next++;
  }
}

/** The private chat Telegram opens between `user` and the bot. */
export function privateChat(user: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
  if (user.last_name) chat.last_name = user.last_name;
  if (user.username) chat.username = user.username;
  return chat;
}

/**
 * The `bot_command` entity Telegram marks on a text that starts with a command
 * (`/start`, `/start@paytrack_bot`), or an empty list.
 */
export function commandEntities(text: string): MessageEntity[] {
  const match = /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?/.exec(text);
  return match ? [{ type: "bot_command", offset: 0, length: match[0].length }] : [];
}

/** A text message from `from` in `chat`, with command entities as Telegram adds them. */
export function textMessage(input: {
  messageId: number;
  date: number;
  from: User;
  chat: Chat;
  text: string;
}): Message.TextMessage {
  const message: Message.TextMessage = {
    message_id: input.messageId,
    date: input.date,
    chat: input.chat,
    from: input.from,
    text: input.text,
  };
  const entities = commandEntities(input.text);
  if (entities.length) message.entities = entities;
  return message;
}

/** An update carrying a new message. */
export function messageUpdate(updateId: number, message: Message): Update {
  return { update_id: updateId, message } as Update;
}

/** An update carrying an edited message (same message_id, new text, edit_date set). */
export function editedMessageUpdate(updateId: number, message: Message): Update {
  return { update_id: updateId, edited_message: message } as Update;
}

/** An update for pressing the button with `data` under the bot's `message`. */
export function callbackQueryUpdate(updateId: number, input: {
  id: string;
  from: User;
  message: Message;
  data: string;
}): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: input.id,
      from: input.from,
      message: input.message,
      chat_instance: `ci${input.message.chat.id}`,
      data: input.data,
    },
  } as Update;
}

/** One inline button as a person sees it. */
export interface ButtonView {
  text: string;
  /** callback_data, for buttons that send a callback query. */
  data?: string;
  /** For link buttons. */
  url?: string;
}

/** The rows of buttons under a message (inline keyboards only). */
export function buttonRows(markup: InlineKeyboardMarkup | undefined): ButtonView[][] {
  return (markup?.inline_keyboard ?? []).map((row) =>
    row.map((b) => {
      const view: ButtonView = { text: b.text };
      if ("callback_data" in b && b.callback_data !== undefined) view.data = b.callback_data;
      if ("url" in b && b.url !== undefined) view.url = b.url;
      return view;
    })
  );
}

// ---------------------------------------------------------------------------
// The terminal chat
// ---------------------------------------------------------------------------

/** A numbered button of the bot's last turn. */
export interface NumberedButton extends ButtonView {
  number: number;
  chatId: number;
  messageId: number;
}

/** Options for {@link TerminalChat}. */
export interface TerminalChatOptions {
  /** Receives each line to show. */
  print: (line: string) => void;
  /** Who types (default {@link LOCAL_OWNER}). */
  user?: User;
  /** Who answers (default {@link LOCAL_BOT_INFO}). */
  bot?: UserFromGetMe;
  /** The first update_id (default: now in ms, so ids never repeat across runs). */
  firstUpdateId?: number;
  /** Where a document the bot sends is kept; resolves to a path to show. */
  saveDocument?: (file: UploadedFile) => Promise<string>;
  /** The terminal's width in columns, for right-aligning Arabic lines (default 80). */
  width?: number;
  /**
   * The language of the chat's own words ("(a message was deleted)", "Telegram would
   * refuse…"); default: the user's Telegram app language. {@link TerminalChat.locale}
   * follows the member's language afterwards (/language).
   */
  locale?: Locale;
}

const RLM = "\u200F";
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;
/** Marks that take no column: bidi controls, combining marks (Arabic harakat), joiners. */
const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u064B-\u065F\u0670\uFE0F\p{Mn}]/u;

/** Whether a line reads right to left: its first strong letter (outside /commands) is Arabic or Hebrew. */
export function isRtlLine(line: string): boolean {
  const words = line.replace(/\/[A-Za-z_]+(@\w+)?/g, " ").replace(/<[^>]*>/g, " ");
  for (const ch of words) {
    if (STRONG_RTL.test(ch)) return true;
    if (STRONG_LTR.test(ch)) return false;
  }
  return false;
}

/** The columns a text takes in a terminal (wide emoji as 2, marks as 0). */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    n += /\p{Extended_Pictographic}/u.test(ch) ? 2 : 1;
  }
  return n;
}

/**
 * A line for the terminal: an Arabic line starts with a right-to-left mark (so a terminal
 * that does bidi lays it out right to left) and is right-aligned to `width` columns, as
 * Telegram shows it; other lines are left as they are.
 */
export function terminalLine(line: string, width: number): string {
  if (!isRtlLine(line)) return line;
  const pad = Math.max(0, width - columns(line));
  return `${" ".repeat(pad)}${RLM}${line}`;
}

const PREFIX = "PayTrack › ";
const EDITED = "PayTrack ✎ ";

/**
 * The terminal side of a chat with the bot: builds updates from typed lines, and
 * (through {@link transformer}) answers and prints what the bot sends.
 *
 * @example
 * const chat = new TerminalChat({ print: console.log });
 * bot.api.config.use(chat.transformer);
 * const update = chat.input("/start");
 * if (update) await bot.handleUpdate(update);
 */
export class TerminalChat {
  readonly api: FakeBotApi;
  readonly user: User;
  readonly chat: Chat.PrivateChat;
  readonly #print: (line: string) => void;
  readonly #ids: UpdateIds;
  readonly #saveDocument?: (file: UploadedFile) => Promise<string>;
  readonly #width: number;
  #buttons: NumberedButton[] = [];
  #locale: Locale;
  #t: Translate;

  constructor(options: TerminalChatOptions) {
    this.#print = options.print;
    this.user = options.user ?? LOCAL_OWNER;
    this.chat = privateChat(this.user);
    this.api = new FakeBotApi({ bot: options.bot ?? LOCAL_BOT_INFO });
    this.api.remember(this.chat);
    this.#ids = new UpdateIds(options.firstUpdateId);
    this.#saveDocument = options.saveDocument;
    this.#width = options.width ?? 80;
    this.#locale = options.locale ?? localeFromTelegram(this.user.language_code) ?? "en";
    this.#t = translator(this.#locale);
  }

  /** The language of the chat's own words. */
  get locale(): Locale {
    return this.#locale;
  }

  set locale(locale: Locale) {
    this.#locale = locale;
    this.#t = translator(locale);
  }

  /** The chat's own words by catalog key (core area, terminal-*), in {@link locale}. */
  t(key: string, args?: Record<string, string | number>): string {
    return this.#t(key, args);
  }

  /** The terminal's width in columns. */
  get width(): number {
    return this.#width;
  }

  /** Prints one of the chat's own notes, indented (an Arabic one right-aligned). */
  #note(text: string): void {
    this.#print(terminalLine(`  ${text}`, this.#width));
  }

  /** The buttons of the bot's last turn, numbered from 1. */
  get buttons(): readonly NumberedButton[] {
    return this.#buttons;
  }

  /**
   * The update a typed line becomes: a number naming a button of the last turn presses
   * it (a callback query); anything else is a message (`\` first sends the rest as
   * typed, e.g. `\1`). A number that names no button is sent as text. Returns null
   * when there is nothing to send (a blank line, a link button).
   */
  input(line: string): Update | null {
    const text = line.trim();
    if (text === "") return null;
    if (/^\d{1,3}$/.test(text) && this.#buttons.length > 0) {
      const button = this.#buttons.find((b) => b.number === Number(text));
      if (button?.data !== undefined) return this.press(button);
      if (button?.url) {
        this.#note(this.#t("terminal-button-opens", { url: button.url }));
        return null;
      }
    }
    const literal = text.startsWith("\\") ? text.slice(1).trimStart() : text;
    if (literal === "") return null;
    const message = textMessage({
      messageId: this.api.nextMessageId(),
      date: this.api.now(),
      from: this.user,
      chat: this.chat,
      text: literal,
    });
    this.api.remember(this.chat, message);
    this.#buttons = [];
    return messageUpdate(this.#ids.next(), message);
  }

  /** The callback query for pressing `button`, which must carry callback data. */
  press(button: NumberedButton): Update {
    const message = this.api.message(button.chatId, button.messageId);
    if (!message || button.data === undefined) {
      throw new Error(`button ${button.number} is no longer there`);
    }
    this.#buttons = [];
    const updateId = this.#ids.next();
    return callbackQueryUpdate(updateId, {
      id: String(updateId),
      from: this.user,
      message,
      data: button.data,
    });
  }

  /**
   * A grammY API transformer that answers every call locally and prints what a person
   * would see. Telegram's refusals (bad HTML, "message is not modified"…) are returned
   * as errors, just like the real API would.
   */
  readonly transformer: Transformer = async (_prev, method, payload) => {
    const args = await readFiles((payload ?? {}) as Record<string, unknown>);
    let answer: ApiAnswer = this.api.call(method, args);
    if (!answer.ok && answer.error_code === 404) {
      this.#note(this.#t("terminal-not-simulated", { method }));
      answer = { ok: true, result: true };
    }
    if (!answer.ok) {
      this.#note(this.#t("terminal-refused", { method, reason: answer.description }));
    } else {
      await this.#show(method, args, answer.result);
    }
    // deno-lint-ignore no-explicit-any
    return answer as any;
  };

  async #show(method: string, args: Record<string, unknown>, result: unknown): Promise<void> {
    const message = typeof result === "object" && result !== null ? result as Message : undefined;
    switch (method) {
      case "sendMessage":
      case "editMessageText":
        if (message?.text !== undefined) {
          this.#printMessage(method === "sendMessage" ? PREFIX : EDITED, message.text, message);
        }
        break;
      case "editMessageReplyMarkup":
        if (message) this.#printMessage(EDITED, this.#t("terminal-buttons-changed"), message);
        break;
      case "answerCallbackQuery":
        if (typeof args.text === "string" && args.text !== "") {
          this.#note(`${args.show_alert ? "⚠" : "·"} ${args.text}`);
        }
        break;
      case "deleteMessage":
        this.#buttons = this.#buttons.filter((b) => b.messageId !== Number(args.message_id));
        this.#renumber();
        this.#note(this.#t("terminal-message-deleted"));
        break;
      case "sendDocument":
      case "sendPhoto": {
        const file = args.document ?? args.photo;
        let line = this.#t("terminal-a-file");
        if (isUploaded(file)) {
          const where = this.#saveDocument ? await this.#saveDocument(file) : undefined;
          const named = { name: file.filename, size: kilobytes(file.bytes.length) };
          line = where
            ? this.#t("terminal-file-saved", { ...named, path: where })
            : this.#t("terminal-file", named);
        }
        const caption = message?.caption ? `\n${message.caption}` : "";
        this.#printMessage(PREFIX, line + caption, message);
        break;
      }
    }
  }

  #printMessage(prefix: string, text: string, message: Message | undefined): void {
    const indent = " ".repeat([...prefix].length);
    const width = this.#width - indent.length;
    // Arabic lines right-aligned after the prefix, as Telegram shows them (terminalLine).
    const lines = text.split("\n").map((l) => terminalLine(l, width));
    this.#print(prefix + lines.map((l, i) => i && l ? indent + l : l).join("\n"));
    if (!message) return;
    this.#buttons = this.#buttons.filter((b) => b.messageId !== message.message_id);
    const rows = buttonRows(message.reply_markup);
    let number = this.#buttons.length;
    for (const row of rows) {
      const cells = row.map((view) => {
        if (view.data === undefined) return `[↗ ${view.text}${view.url ? `: ${view.url}` : ""}]`;
        number++;
        this.#buttons.push({
          ...view,
          number,
          chatId: message.chat.id,
          messageId: message.message_id,
        });
        // An Arabic label is isolated, so its number stays on its left.
        return isRtlLine(view.text)
          ? `[${number}] \u2067${view.text}\u2069`
          : `[${number}] ${view.text}`;
      });
      const line = cells.join("   ");
      this.#print(`${indent}${cells.some((c) => isRtlLine(c)) ? terminalLine(line, width) : line}`);
    }
  }

  #renumber(): void {
    this.#buttons = this.#buttons.map((b, i) => ({ ...b, number: i + 1 }));
  }
}

/** Replaces InputFile values (top level) with their bytes and name. */
async function readFiles(payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload)) {
    out[name] = value instanceof InputFile ? await readInputFile(value, name) : value;
  }
  return out;
}

/** Reads an InputFile's data (bytes, Blob, stream or iterator) into memory. */
export async function readInputFile(file: InputFile, field = "file"): Promise<UploadedFile> {
  const raw = (file as unknown as { toRaw(): unknown }).toRaw();
  const data = await raw;
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) {
    bytes = data;
  } else {
    const chunks: Uint8Array[] = [];
    for await (const chunk of data as AsyncIterable<Uint8Array>) chunks.push(chunk);
    bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
  }
  return { filename: file.filename ?? `${field}.dat`, bytes };
}

function isUploaded(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "bytes" in value;
}

function kilobytes(size: number): string {
  return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} kB`;
}

/** The lines of a UTF-8 byte stream (stdin), without their line endings. */
export async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
    }
  }
  if (buffer) yield buffer;
}
