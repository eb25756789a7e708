/**
 * A small in-memory model of the Telegram Bot API: what the terminal chat and the
 * tests' fake Telegram server answer instead of api.telegram.org. It keeps the
 * messages the bot sent (so buttons can be pressed and edits checked) and answers
 * like Telegram does, including its common refusals: unparsable HTML (see
 * telegram_html.ts), an empty text, a text over 4,096 or a caption over 1,024 UTF-16
 * units once entities are parsed, callback_data empty or over 64 bytes of UTF-8, more
 * than 100 buttons or a button without text, "message is not modified", a message
 * to edit or delete that does not exist, a callback query answered twice.
 */
import type {
  BotCommand,
  Chat,
  InlineKeyboardMarkup,
  Message,
  User,
  UserFromGetMe,
} from "grammy/types";
import { visibleText } from "./telegram_html.ts";

/** A file sent to the API, already read. */
export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

/** A Bot API answer, as the HTTP API sends it. */
export type ApiAnswer =
  | { ok: true; result: unknown; description?: string }
  | {
    ok: false;
    error_code: number;
    description: string;
    /** retry_after (seconds) on a 429, as Telegram sends it. */
    parameters?: { retry_after?: number };
  };

/** What setWebhook stored. */
export interface WebhookState {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
}

type Payload = Record<string, unknown>;

/** The Bot API refusing a call. */
class Refusal extends Error {
  constructor(readonly code: number, description: string) {
    super(description);
  }
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

/** Options for {@link FakeBotApi}. */
export interface FakeBotApiOptions {
  /** What getMe returns and what sent messages are `from`. */
  bot: UserFromGetMe;
  /** The first message_id handed out (default 1). */
  firstMessageId?: number;
  /** Unix time in seconds for message dates (default: the clock). */
  now?: () => number;
}

/** The Bot API's behaviour, in memory. One instance stands for one bot. */
export class FakeBotApi {
  readonly bot: UserFromGetMe;
  /** What setWebhook stored, or null. */
  webhook: WebhookState | null = null;
  /** What setMyCommands stored. */
  commands: BotCommand[] = [];
  readonly #messages = new Map<string, Message>();
  readonly #chats = new Map<number, Chat>();
  readonly #answered = new Set<string>();
  #nextMessageId: number;
  readonly #now: () => number;

  constructor(options: FakeBotApiOptions) {
    this.bot = options.bot;
    this.#nextMessageId = options.firstMessageId ?? 1;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** A new message_id; user messages take theirs from here too, as in a real chat. */
  nextMessageId(): number {
    return this.#nextMessageId++;
  }

  /** Unix time in seconds. */
  now(): number {
    return this.#now();
  }

  /** Remembers a chat (so results carry its real type and name) and a message in it. */
  remember(chat: Chat, message?: Message): void {
    this.#chats.set(chat.id, chat);
    if (message) this.#messages.set(key(chat.id, message.message_id), message);
  }

  /** A message as it is now (after edits), or undefined when unknown or deleted. */
  message(chatId: number, messageId: number): Message | undefined {
    return this.#messages.get(key(chatId, messageId));
  }

  /** Answers one call. `payload` holds plain JSON values, files as {@link UploadedFile}. */
  call(method: string, payload: Payload): ApiAnswer {
    try {
      const result = this.#dispatch(method, payload);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof Refusal) {
        return { ok: false, error_code: error.code, description: error.message };
      }
      throw error;
    }
  }

  #dispatch(method: string, p: Payload): unknown {
    switch (method) {
      case "getMe":
        return this.bot;
      case "sendMessage":
        return this.#sendMessage(p);
      case "editMessageText":
        return this.#editMessageText(p);
      case "editMessageReplyMarkup":
        return this.#editMessageReplyMarkup(p);
      case "deleteMessage":
        return this.#deleteMessage(p);
      case "answerCallbackQuery":
        return this.#answerCallbackQuery(p);
      case "answerInlineQuery":
        if (typeof p.inline_query_id !== "string" || p.inline_query_id === "") {
          throw new Refusal(
            400,
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
          );
        }
        if (!Array.isArray(p.results) || p.results.length > 50) {
          throw new Refusal(400, "Bad Request: RESULTS_TOO_MUCH");
        }
        return true;
      case "sendChatAction":
        if (!CHAT_ACTIONS.has(String(p.action))) {
          throw new Refusal(400, "Bad Request: wrong parameter action in request");
        }
        this.#chat(p.chat_id);
        return true;
      case "sendDocument":
      case "sendPhoto":
        return this.#sendFile(method === "sendDocument" ? "document" : "photo", p);
      case "setWebhook":
        return this.#setWebhook(p);
      case "deleteWebhook":
        this.webhook = null;
        return true;
      case "getWebhookInfo":
        return {
          url: this.webhook?.url ?? "",
          has_custom_certificate: false,
          pending_update_count: 0,
          max_connections: this.webhook ? this.webhook.max_connections ?? 40 : undefined,
          allowed_updates: this.webhook?.allowed_updates,
        };
      case "setMyCommands":
        this.commands = this.#commands(p.commands);
        return true;
      case "getMyCommands":
        return this.commands;
      case "deleteMyCommands":
        this.commands = [];
        return true;
      case "getUpdates":
        return [];
      default:
        throw new Refusal(404, "Not Found");
    }
  }

  #sendMessage(p: Payload): Message {
    const chat = this.#chat(p.chat_id);
    const text = this.#text(p.text, p.parse_mode, 4096);
    const markup = inlineKeyboard(p.reply_markup);
    const message: Message.TextMessage = {
      message_id: this.nextMessageId(),
      date: this.#now(),
      chat,
      from: asUser(this.bot),
      text,
    };
    if (markup) message.reply_markup = markup;
    this.#messages.set(key(chat.id, message.message_id), message);
    return structuredClone(message);
  }

  #editMessageText(p: Payload): Message | true {
    if (p.inline_message_id !== undefined) {
      this.#text(p.text, p.parse_mode, 4096);
      inlineKeyboard(p.reply_markup);
      return true;
    }
    const message = this.#existing(p.chat_id, p.message_id, "message to edit not found");
    if (message.from?.id !== this.bot.id || message.text === undefined) {
      throw new Refusal(400, "Bad Request: there is no text in the message to edit");
    }
    const text = this.#text(p.text, p.parse_mode, 4096);
    const markup = inlineKeyboard(p.reply_markup);
    if (text === message.text && sameMarkup(markup, message.reply_markup)) {
      throw new Refusal(400, NOT_MODIFIED);
    }
    const edited = { ...message, text, edit_date: this.#now() } as Message;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    this.#messages.set(key(message.chat.id, message.message_id), edited);
    return structuredClone(edited);
  }

  #editMessageReplyMarkup(p: Payload): Message | true {
    if (p.inline_message_id !== undefined) {
      inlineKeyboard(p.reply_markup);
      return true;
    }
    const message = this.#existing(p.chat_id, p.message_id, "message to edit not found");
    const markup = inlineKeyboard(p.reply_markup);
    if (sameMarkup(markup, message.reply_markup)) throw new Refusal(400, NOT_MODIFIED);
    const edited = { ...message, edit_date: this.#now() } as Message;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    this.#messages.set(key(message.chat.id, message.message_id), edited);
    return structuredClone(edited);
  }

  #deleteMessage(p: Payload): true {
    const message = this.#existing(p.chat_id, p.message_id, "message to delete not found");
    this.#messages.delete(key(message.chat.id, message.message_id));
    return true;
  }

  #answerCallbackQuery(p: Payload): true {
    const id = p.callback_query_id;
    if (typeof id !== "string" || id === "" || this.#answered.has(id)) {
      throw new Refusal(
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
      );
    }
    if (typeof p.text === "string" && [...p.text].length > 200) {
      throw new Refusal(400, "Bad Request: MESSAGE_TOO_LONG");
    }
    this.#answered.add(id);
    return true;
  }

  #sendFile(kind: "document" | "photo", p: Payload): Message {
    const chat = this.#chat(p.chat_id);
    const file = p[kind];
    if (typeof file === "string" && file !== "") {
      // A file_id or URL: nothing to check here.
    } else if (!isUpload(file)) {
      throw new Refusal(400, `Bad Request: there is no ${kind} in the request`);
    }
    const caption = p.caption === undefined
      ? undefined
      : this.#text(p.caption, p.parse_mode, 1024, true);
    const size = isUpload(file) ? file.bytes.length : 0;
    const fileId = `file_${this.#nextMessageId}_${size}`;
    const base = {
      message_id: this.nextMessageId(),
      date: this.#now(),
      chat,
      from: asUser(this.bot),
      ...(caption ? { caption } : {}),
    };
    const message = (kind === "document"
      ? {
        ...base,
        document: {
          file_id: fileId,
          file_unique_id: `u${fileId}`,
          file_name: isUpload(file) ? file.filename : undefined,
          mime_type: isUpload(file) ? mimeType(file.filename) : undefined,
          file_size: size,
        },
      }
      : {
        ...base,
        photo: [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 1, height: 1 }],
      }) as Message;
    const markup = inlineKeyboard(p.reply_markup);
    if (markup) message.reply_markup = markup;
    this.#messages.set(key(chat.id, message.message_id), message);
    return structuredClone(message);
  }

  #setWebhook(p: Payload): true {
    const url = typeof p.url === "string" ? p.url : "";
    if (url === "") {
      this.webhook = null;
      return true;
    }
    if (!/^https:\/\/[^\s/]+/.test(url)) {
      throw new Refusal(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secret = p.secret_token;
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(secret))) {
      throw new Refusal(400, "Bad Request: secret token contains unallowed characters");
    }
    this.webhook = {
      url,
      secret_token: secret === undefined ? undefined : String(secret),
      allowed_updates: Array.isArray(p.allowed_updates) ? p.allowed_updates.map(String) : undefined,
      max_connections: typeof p.max_connections === "number" ? p.max_connections : undefined,
    };
    return true;
  }

  #commands(value: unknown): BotCommand[] {
    if (!Array.isArray(value) || value.length > 100) {
      throw new Refusal(400, "Bad Request: commands must be an array of at most 100 commands");
    }
    return value.map((c) => {
      const command = String(c?.command ?? "");
      const description = String(c?.description ?? "");
      if (!/^[a-z0-9_]{1,32}$/.test(command)) {
        throw new Refusal(400, "Bad Request: BOT_COMMAND_INVALID");
      }
      if (description.length < 1 || description.length > 256) {
        throw new Refusal(400, "Bad Request: command description is empty or too long");
      }
      return { command, description };
    });
  }

  /** The visible text of `value` or Telegram's refusal. */
  #text(value: unknown, parseMode: unknown, max: number, optional = false): string {
    if (typeof value !== "string" || value.length === 0) {
      if (optional) return "";
      throw new Refusal(400, "Bad Request: message text is empty");
    }
    const parsed = visibleText(value, parseMode);
    if (!parsed.ok) throw new Refusal(400, parsed.error);
    if (!optional && parsed.text.trim() === "") {
      throw new Refusal(400, "Bad Request: message text is empty");
    }
    if (parsed.text.length > max) {
      throw new Refusal(400, `Bad Request: message ${optional ? "caption " : ""}is too long`);
    }
    return parsed.text;
  }

  #chat(chatId: unknown): Chat {
    const id = toInt(chatId);
    if (id === undefined || id === 0) throw new Refusal(400, "Bad Request: chat not found");
    const known = this.#chats.get(id);
    if (known) return structuredClone(known);
    const chat: Chat = id > 0
      ? { id, type: "private", first_name: "User" }
      : { id, type: "group", title: "Group" };
    this.#chats.set(id, chat);
    return chat;
  }

  #existing(chatId: unknown, messageId: unknown, what: string): Message {
    const chat = toInt(chatId);
    const id = toInt(messageId);
    const message = chat === undefined || id === undefined ? undefined : this.message(chat, id);
    if (!message) throw new Refusal(400, `Bad Request: ${what}`);
    return message;
  }
}

const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function key(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) ? n : undefined;
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "bytes" in value &&
    (value as UploadedFile).bytes instanceof Uint8Array;
}

/** Telegram's limit on the buttons of one inline keyboard. */
const MAX_BUTTONS = 100;

/** Validates an inline keyboard; other markups (reply keyboards) are not kept on messages. */
function inlineKeyboard(markup: unknown): InlineKeyboardMarkup | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== "object") {
    throw new Refusal(400, "Bad Request: can't parse reply keyboard markup JSON object");
  }
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw new Refusal(400, 'Bad Request: field "inline_keyboard" must be an Array of Arrays');
  }
  if ((rows as unknown[][]).reduce((n, row) => n + row.length, 0) > MAX_BUTTONS) {
    throw new Refusal(400, "Bad Request: reply markup is too long"); // Telegram: too many buttons
  }
  for (const row of rows as unknown[][]) {
    for (const button of row as Record<string, unknown>[]) {
      if (typeof button?.text !== "string" || button.text.trim() === "") {
        throw new Refusal(400, "Bad Request: text buttons are unallowed in the inline keyboard");
      }
      const data = button.callback_data;
      if (data !== undefined) {
        const bytes = new TextEncoder().encode(String(data)).length;
        if (typeof data !== "string" || bytes < 1 || bytes > 64) {
          throw new Refusal(400, "Bad Request: BUTTON_DATA_INVALID");
        }
      } else if (typeof button.url === "string") {
        if (!/^(https?|tg):\/\/\S+$/.test(button.url)) {
          throw new Refusal(400, "Bad Request: BUTTON_URL_INVALID");
        }
      } else if (
        ![
          "switch_inline_query",
          "switch_inline_query_current_chat",
          "copy_text",
          "web_app",
          "login_url",
          "pay",
        ]
          .some((field) => field in button)
      ) {
        throw new Refusal(
          400,
          "Bad Request: can't parse inline keyboard button: a button kind is missing",
        );
      }
    }
  }
  const kept = rows.filter((row) => (row as unknown[]).length > 0);
  return kept.length
    ? structuredClone({ inline_keyboard: kept }) as InlineKeyboardMarkup
    : undefined;
}

function sameMarkup(a: InlineKeyboardMarkup | undefined, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function mimeType(filename: string): string {
  const ext = filename.toLowerCase().split(".").pop();
  const known: Record<string, string> = {
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    csv: "text/csv",
    pdf: "application/pdf",
    txt: "text/plain",
    json: "application/json",
  };
  return known[ext ?? ""] ?? "application/octet-stream";
}

/** The {@link User} shape of a bot's own profile (for `from` fields). */
export function asUser(bot: UserFromGetMe): User {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}
