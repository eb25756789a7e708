/**
 * A chat harness for bot tests: the real `createBot` over a fresh database, talking to
 * a fake Telegram server ({@link FakeTelegram}), driven by Telegram-shaped updates
 * with increasing update_ids. Tests read like the shop owner's chat:
 *
 * @example
 * await using chat = await openChat();
 * await chat.owner.says("/start");
 * await chat.owner.says("/addcustomer John Smith|0590000000");
 * assert.match(chat.owner.lastReply(), /John Smith/);
 * await chat.owner.says("/undo");
 * await chat.owner.presses("Yes, undo");
 */
import { type Bot, BotError } from "grammy";
import type { Chat, Message, Update, User } from "grammy/types";
import type { PayContext } from "../../shared/bot/context.ts";
import { createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import {
  buttonRows,
  type ButtonView,
  callbackQueryUpdate,
  editedMessageUpdate,
  messageUpdate,
  privateChat,
  textMessage,
} from "../../shared/dev/terminal_chat.ts";
import { type Engine, freshDatabase, postgresAvailable, type TestDatabase } from "./databases.ts";
import { type ApiCall, FakeTelegram } from "./fake_telegram.ts";

/** The shop owner (listed in ownerIds by default). */
export const OWNER: User = {
  id: 1001,
  is_bot: false,
  first_name: "Owner",
  username: "owner",
  language_code: "en",
};
/** A second person, who becomes staff once the owner adds them. */
export const CLERK: User = { id: 1002, is_bot: false, first_name: "Clerk", language_code: "en" };
/** Someone who found the bot and is not part of any shop. */
export const STRANGER: User = { id: 1003, is_bot: false, first_name: "Stranger" };

/** A group the bot was added to. */
export const GROUP: Chat.SupergroupChat = {
  id: -1001234567890,
  type: "supergroup",
  title: "Shop staff",
};

/** What the bot showed: a message it sent, or the new state of one it edited. */
export interface BotReply {
  method: string;
  chatId: number;
  messageId: number;
  /** The text as the user sees it (HTML tags removed, entities decoded); a file's caption. */
  text: string;
  /** The text exactly as the bot sent it (HTML), when it sent one. */
  html?: string;
  /** Button labels, row by row. */
  buttons: string[][];
  /** The buttons with their callback_data / url. */
  keyboard: ButtonView[][];
  /** A sent file's name. */
  fileName?: string;
  /** The message as Telegram returned it. */
  message: Message;
}

/** Options for {@link openChat}. */
export interface ChatOptions {
  /** Which database (default: PostgreSQL when available, else PGlite). */
  engine?: Engine;
  /** Use this database instead of a fresh one (it is not closed by the harness). */
  db?: TestDatabase;
  /** OWNER_TELEGRAM_IDS (default: [OWNER.id]; [] means the first /start claims the bot). */
  ownerIds?: number[];
  defaultCurrency?: string;
  /** DEFAULT_TIMEZONE for new shops (default UTC). */
  defaultTimeZone?: string;
  /** The owner's and the clerk's Telegram app language (default "en"); "ar" for Arabic chats. */
  language?: string;
  /** The first update_id (default 100000). */
  firstUpdateId?: number;
}

/** Opens a chat with a freshly built bot on a fresh, migrated database. */
export async function openChat(options: ChatOptions = {}): Promise<ChatHarness> {
  const engine = options.engine ?? ((await postgresAvailable()) ? "postgres" : "pglite");
  const db = options.db ?? await freshDatabase(engine);
  const telegram = await FakeTelegram.start();
  const ledger = new Ledger(new SqlTransport(db.client));
  const bot = createBot({
    token: telegram.token,
    ledger,
    botInfo: telegram.botInfo,
    apiRoot: telegram.apiRoot,
    ownerIds: options.ownerIds ?? [OWNER.id],
    defaultCurrency: options.defaultCurrency,
    defaultTimeZone: options.defaultTimeZone,
  });
  return new ChatHarness(
    bot,
    telegram,
    db,
    ledger,
    options.db === undefined,
    options.firstUpdateId ?? 100_000,
    options.language ?? "en",
  );
}

/** A running chat: the bot, its fake Telegram, its database, and the people in it. */
export class ChatHarness {
  readonly owner: ChatUser;
  readonly clerk: ChatUser;
  readonly stranger: ChatUser;
  /** Every update delivered, in order. */
  readonly updates: Update[] = [];
  /** Every reply the bot made, in order. */
  readonly replies: BotReply[] = [];
  #nextUpdateId: number;

  constructor(
    readonly bot: Bot<PayContext>,
    readonly telegram: FakeTelegram,
    readonly db: TestDatabase,
    readonly ledger: Ledger,
    private readonly ownsDb: boolean,
    firstUpdateId: number,
    language = "en",
  ) {
    this.#nextUpdateId = firstUpdateId;
    this.owner = this.user({ ...OWNER, language_code: language });
    this.clerk = this.user({ ...CLERK, language_code: language });
    this.stranger = this.user(STRANGER);
  }

  /** Someone else in a private chat with the bot. */
  user(user: User): ChatUser {
    return new ChatUser(this, user, privateChat(user));
  }

  /** The next update_id. */
  nextUpdateId(): number {
    return this.#nextUpdateId++;
  }

  /**
   * Delivers one update and returns what the bot showed while handling it. A handler
   * error rejects with the error the handler threw (grammY's BotError unwrapped).
   */
  async deliver(update: Update): Promise<BotReply[]> {
    this.updates.push(structuredClone(update));
    const first = this.telegram.calls.length;
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      throw error instanceof BotError ? error.error : error;
    } finally {
      for (const call of this.telegram.calls.slice(first)) {
        const reply = toReply(call);
        if (reply) this.replies.push(reply);
      }
    }
    return this.telegram.calls.slice(first).map(toReply).filter((r): r is BotReply =>
      r !== undefined
    );
  }

  /** Delivers an earlier update again, unchanged (same update_id), as Telegram does after a non-2xx. */
  redeliver(update: Update = this.updates[this.updates.length - 1]): Promise<BotReply[]> {
    return this.deliver(structuredClone(update));
  }

  /** Runs SQL on the test database (for checks and for setting up state). */
  sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.db.client.query<T>(text, params);
  }

  /** Stops the fake server and drops the database (unless it was given). */
  async close(): Promise<void> {
    await this.telegram.close();
    if (this.ownsDb) await this.db.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** One person in one chat with the bot. */
export class ChatUser {
  #lastSent: Message | undefined;

  constructor(readonly harness: ChatHarness, readonly user: User, readonly chat: Chat) {}

  /** The same person writing in a group the bot is in. */
  inGroup(group: Chat = GROUP): ChatUser {
    return new ChatUser(this.harness, this.user, group);
  }

  /** Sends a text message (a command gets its bot_command entity). */
  says(text: string): Promise<BotReply[]> {
    return this.#send((b) =>
      textMessage({ messageId: b.message_id, date: b.date, from: b.from, chat: b.chat, text })
    );
  }

  /** Sends a photo, with an optional caption. */
  sendsPhoto(caption?: string): Promise<BotReply[]> {
    return this.#send((b) => ({
      ...b,
      photo: [{ file_id: "photo1", file_unique_id: "uphoto1", width: 640, height: 480 }],
      ...(caption ? { caption } : {}),
    }));
  }

  /** Sends a sticker. */
  sendsSticker(emoji = "👍"): Promise<BotReply[]> {
    return this.#send((b) => ({
      ...b,
      sticker: {
        file_id: "sticker1",
        file_unique_id: "usticker1",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji,
      },
    }));
  }

  /** Sends a file. */
  sendsDocument(fileName = "notes.txt"): Promise<BotReply[]> {
    return this.#send((b) => ({
      ...b,
      document: {
        file_id: "doc1",
        file_unique_id: "udoc1",
        file_name: fileName,
        mime_type: "text/plain",
      },
    }));
  }

  /** Shares a contact card. */
  sendsContact(phone: string, firstName = "Contact"): Promise<BotReply[]> {
    return this.#send((b) => ({ ...b, contact: { phone_number: phone, first_name: firstName } }));
  }

  /** Edits this person's last text message (or `messageId`) to `text`: an edited_message update. */
  async edits(text: string, messageId?: number): Promise<BotReply[]> {
    const original = messageId === undefined
      ? this.#lastSent
      : this.harness.telegram.api.message(this.chat.id, messageId);
    if (!original || original.text === undefined) {
      throw new Error("no text message of mine to edit");
    }
    const edited = {
      ...textMessage({
        messageId: original.message_id,
        date: original.date,
        from: this.user,
        chat: this.chat,
        text,
      }),
      edit_date: this.harness.telegram.api.now(),
    } as Message;
    this.harness.telegram.api.remember(this.chat, edited);
    return await this.harness.deliver(editedMessageUpdate(this.harness.nextUpdateId(), edited));
  }

  /**
   * Presses the button labelled `label` (exact text, else the one button containing it,
   * or a RegExp) on the newest bot message in this chat that has it, or on `on`.
   */
  async presses(label: string | RegExp, on?: BotReply | number): Promise<BotReply[]> {
    const api = this.harness.telegram.api;
    const candidates = on === undefined
      ? this.#botMessageIds().reverse()
      : [typeof on === "number" ? on : on.messageId];
    for (const id of candidates) {
      const message = api.message(this.chat.id, id);
      const button = message && findButton(buttonRows(message.reply_markup).flat(), label);
      if (!message || !button) continue;
      if (button.data === undefined) {
        throw new Error(`"${button.text}" is a link button (${button.url})`);
      }
      const updateId = this.harness.nextUpdateId();
      return await this.harness.deliver(callbackQueryUpdate(updateId, {
        id: `cq${updateId}`,
        from: this.user,
        message,
        data: button.data,
      }));
    }
    const shown = this.#botMessageIds().flatMap((id) =>
      buttonRows(api.message(this.chat.id, id)?.reply_markup).flat().map((b) => b.text)
    );
    throw new Error(`no button ${label} in this chat; buttons shown: ${JSON.stringify(shown)}`);
  }

  /**
   * Presses a button of `reply` as it was when the bot showed it, even if the message
   * has since been edited (its buttons removed or replaced): what a user does by tapping
   * an old copy. `label` is the exact text, else the one button containing it, or a
   * RegExp (the first match). The callback_query carries the message as it is now.
   */
  async pressesIn(reply: BotReply, label: string | RegExp): Promise<BotReply[]> {
    const button = findButton(reply.keyboard.flat(), label);
    if (!button) {
      throw new Error(
        `no button ${label} in that message; it had: ${JSON.stringify(reply.buttons)}`,
      );
    }
    if (button.data === undefined) throw new Error(`"${button.text}" is a link button`);
    const message = this.harness.telegram.api.message(this.chat.id, reply.messageId) ??
      reply.message;
    const updateId = this.harness.nextUpdateId();
    return await this.harness.deliver(callbackQueryUpdate(updateId, {
      id: `cq${updateId}`,
      from: this.user,
      message,
      data: button.data,
    }));
  }

  /** Everything the bot showed in this chat, in order (edits included). */
  get replies(): BotReply[] {
    return this.harness.replies.filter((r) => r.chatId === this.chat.id);
  }

  /** The visible text of the bot's latest message or edit in this chat. */
  lastReply(): string {
    return this.lastReplyFull().text;
  }

  /** The bot's latest message or edit in this chat, with its buttons. */
  lastReplyFull(): BotReply {
    const reply = this.replies.at(-1);
    if (!reply) throw new Error(`the bot has not said anything to ${this.user.first_name} yet`);
    return reply;
  }

  /** The labels of the buttons currently under the bot's newest message that has buttons. */
  buttons(): string[][] {
    const api = this.harness.telegram.api;
    for (const id of this.#botMessageIds().reverse()) {
      const rows = buttonRows(api.message(this.chat.id, id)?.reply_markup);
      if (rows.length) return rows.map((row) => row.map((b) => b.text));
    }
    return [];
  }

  /** Texts of the small notices (answerCallbackQuery) shown to this person. */
  notices(): string[] {
    return this.harness.telegram.callsTo("answerCallbackQuery")
      .filter((c) => c.answer.ok && typeof c.payload.text === "string")
      .map((c) => String(c.payload.text));
  }

  #botMessageIds(): number[] {
    const ids = new Set<number>();
    for (const reply of this.replies) ids.add(reply.messageId);
    return [...ids].filter((id) => this.harness.telegram.api.message(this.chat.id, id));
  }

  #send(build: (base: MessageBase) => Message): Promise<BotReply[]> {
    const api = this.harness.telegram.api;
    const message = build({
      message_id: api.nextMessageId(),
      date: api.now(),
      from: this.user,
      chat: this.chat,
    });
    api.remember(this.chat, message);
    if (message.text !== undefined) this.#lastSent = message;
    return this.harness.deliver(messageUpdate(this.harness.nextUpdateId(), message));
  }
}

/** The fields every incoming message has. */
interface MessageBase {
  message_id: number;
  date: number;
  from: User;
  chat: Chat;
}

function findButton(buttons: ButtonView[], label: string | RegExp): ButtonView | undefined {
  if (label instanceof RegExp) return buttons.find((b) => label.test(b.text));
  const exact = buttons.find((b) => b.text === label);
  if (exact) return exact;
  const partial = buttons.filter((b) => b.text.includes(label));
  return partial.length === 1 ? partial[0] : undefined;
}

const SHOWN = new Set([
  "sendMessage",
  "editMessageText",
  "editMessageReplyMarkup",
  "sendDocument",
  "sendPhoto",
]);

function toReply(call: ApiCall): BotReply | undefined {
  if (!SHOWN.has(call.method) || !call.answer.ok) return undefined;
  const message = call.answer.result as Message;
  if (typeof message !== "object" || message === null) return undefined;
  const keyboard = buttonRows(message.reply_markup);
  return {
    method: call.method,
    chatId: message.chat.id,
    messageId: message.message_id,
    text: message.text ?? message.caption ?? "",
    html: typeof call.payload.text === "string"
      ? call.payload.text
      : typeof call.payload.caption === "string"
      ? call.payload.caption
      : undefined,
    buttons: keyboard.map((row) => row.map((b) => b.text)),
    keyboard,
    fileName: message.document?.file_name,
    message,
  };
}
