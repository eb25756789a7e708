/**
 * A fake Telegram Bot API server for tests: a real HTTP server on 127.0.0.1 that
 * answers `POST /bot<token>/<method>` like api.telegram.org (JSON, multipart with
 * files, urlencoded or query string), backed by the in-memory {@link FakeBotApi}.
 * Every call is recorded, so a test can read what the bot said; a method can be
 * made to fail (a Bot API error or a dropped connection) or to answer slowly.
 *
 * @example
 * await using telegram = await FakeTelegram.start();
 * const bot = createBot({ token: telegram.token, apiRoot: telegram.apiRoot, … });
 * …
 * assert.match(telegram.callsTo("sendMessage")[0].payload.text as string, /Welcome/);
 */
import type { Update, UserFromGetMe } from "grammy/types";
import { type ApiAnswer, FakeBotApi, type UploadedFile } from "../../shared/dev/fake_bot_api.ts";

/** The bot the fake server is (what getMe answers). */
export const TEST_BOT_INFO: UserFromGetMe = {
  id: 7_100_000_001,
  is_bot: true,
  first_name: "PayTrack",
  username: "paytrack_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** A token in the format @BotFather gives (the config schema checks the shape). */
export const TEST_BOT_TOKEN = "7100000001:AAFakeTokenForTestsOnly_0123456789abc";

/** One recorded API call. */
export interface ApiCall {
  method: string;
  /** The parameters, JSON values parsed; files as {@link UploadedFile}. */
  payload: Record<string, unknown>;
  /** What the fake answered (a dropped connection is `{ ok: false, error_code: 0 }`). */
  answer: ApiAnswer;
  /** When it arrived (performance.now(), milliseconds). */
  at: number;
}

/** How a method fails: a Bot API error, or the connection dropping mid-answer. */
export type Failure =
  | {
    status?: number;
    description?: string;
    times?: number;
    /** A 429's `parameters.retry_after` (seconds). */
    retryAfter?: number;
    /** Only calls to this chat fail (`chat_id`); others answer normally. */
    chatId?: number;
  }
  | { network: true; times?: number; chatId?: number };

/** Options for {@link FakeTelegram.start}. */
export interface FakeTelegramOptions {
  token?: string;
  bot?: UserFromGetMe;
}

/** A running fake Bot API server. Close it (or `await using`) at the end of a test. */
export class FakeTelegram {
  /** Every call in order, failed ones included. */
  readonly calls: ApiCall[] = [];
  readonly api: FakeBotApi;
  readonly token: string;
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #failures = new Map<string, Failure & { times: number }>();
  readonly #delays = new Map<string, number>();
  readonly #updates: Update[] = [];

  private constructor(options: FakeTelegramOptions) {
    this.token = options.token ?? TEST_BOT_TOKEN;
    this.api = new FakeBotApi({ bot: options.bot ?? TEST_BOT_INFO });
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.#handle(req),
    );
  }

  /** Starts a server on a free loopback port. */
  static start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    return Promise.resolve(new FakeTelegram(options));
  }

  /** The apiRoot to give grammY (`client.apiRoot`), e.g. http://127.0.0.1:41234. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** The bot's getMe answer. */
  get botInfo(): UserFromGetMe {
    return this.api.bot;
  }

  /** The calls of one method, in order. */
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Makes `method` fail the next `times` calls (default: until {@link heal}), or only its calls to `chatId`. */
  fail(method: string, failure: Failure = {}): void {
    const key = failure.chatId === undefined ? method : `${method}@${failure.chatId}`;
    this.#failures.set(key, { ...failure, times: failure.times ?? Infinity });
  }

  /** Stops failing `method` (also for single chats), or every method. */
  heal(method?: string): void {
    if (!method) return this.#failures.clear();
    for (const key of [...this.#failures.keys()]) {
      if (key === method || key.startsWith(`${method}@`)) this.#failures.delete(key);
    }
  }

  /** Makes `method` answer after `ms` milliseconds. */
  delay(method: string, ms: number): void {
    this.#delays.set(method, ms);
  }

  /**
   * Queues an update for getUpdates (long polling). getUpdates calls are answered from
   * this queue and are not recorded in {@link calls}.
   */
  pushUpdate(update: Update): void {
    this.#updates.push(update);
  }

  /** Forgets the recorded calls (the messages stay). */
  clear(): void {
    this.calls.length = 0;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    await this.#server.shutdown();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** getUpdates: drops updates below `offset`, then waits (up to 1 s) for one to arrive. */
  async #getUpdates(payload: Record<string, unknown>): Promise<ApiAnswer> {
    const offset = Number(payload.offset ?? 0);
    while (this.#updates.length && this.#updates[0].update_id < offset) this.#updates.shift();
    const wait = Math.min(Number(payload.timeout ?? 0), 1) * 1000;
    const until = Date.now() + wait;
    while (this.#updates.length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { ok: true, result: this.#updates.slice(0, Number(payload.limit ?? 100)) };
  }

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) {
      return Response.json({ ok: false, error_code: 404, description: "Not Found" }, {
        status: 404,
      });
    }
    const [, token, method] = match;
    if (token !== this.token) {
      await req.body?.cancel();
      return answer({ ok: false, error_code: 401, description: "Unauthorized" });
    }
    let payload: Record<string, unknown>;
    try {
      payload = await readPayload(req, url);
    } catch (error) {
      return answer({ ok: false, error_code: 400, description: `Bad Request: ${error}` });
    }
    if (method === "getUpdates") return answer(await this.#getUpdates(payload));
    const delay = this.#delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));

    const at = performance.now();
    const forChat = this.#failures.get(`${method}@${payload.chat_id}`);
    const failure = forChat && forChat.times > 0 ? forChat : this.#failures.get(method);
    if (failure && failure.times > 0) {
      failure.times--;
      if ("network" in failure) {
        this.calls.push({
          method,
          payload,
          answer: { ok: false, error_code: 0, description: "connection dropped" },
          at,
        });
        // The headers promise 64 bytes, one arrives, then the connection ends.
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("{"));
            controller.close();
          },
        });
        return new Response(body, {
          headers: { "content-type": "application/json", "content-length": "64" },
        });
      }
      const refused: ApiAnswer = {
        ok: false,
        error_code: failure.status ?? 400,
        description: failure.description ?? "Bad Request: simulated failure",
        ...(failure.retryAfter === undefined
          ? {}
          : { parameters: { retry_after: failure.retryAfter } }),
      };
      this.calls.push({ method, payload, answer: refused, at });
      return answer(refused);
    }

    const result = this.api.call(method, payload);
    this.calls.push({ method, payload, answer: result, at });
    return answer(result);
  }
}

function answer(body: ApiAnswer): Response {
  return Response.json(body, { status: body.ok ? 200 : body.error_code || 500 });
}

/** Reads parameters the ways the Bot API accepts them; `attach://` names resolve to files. */
async function readPayload(req: Request, url: URL): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) payload[name] = jsonish(value);
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const text = await req.text();
    if (text.trim()) Object.assign(payload, JSON.parse(text));
  } else if (
    type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")
  ) {
    const form = await req.formData();
    const files = new Map<string, UploadedFile>();
    for (const [name, value] of form) {
      if (typeof value === "string") payload[name] = jsonish(value);
      else {files.set(name, {
          filename: value.name,
          bytes: new Uint8Array(await value.arrayBuffer()),
        });}
    }
    for (const [name, value] of Object.entries(payload)) {
      const id = typeof value === "string" ? /^attach:\/\/(.+)$/.exec(value)?.[1] : undefined;
      if (id && files.has(id)) payload[name] = files.get(id);
    }
    for (const [name, file] of files) {
      if (!Object.values(payload).includes(file)) payload[name] = file;
    }
  } else {
    await req.body?.cancel();
  }
  return payload;
}

/** Form fields arrive as text: objects and arrays are JSON (ids stay strings; the API coerces). */
function jsonish(value: string): unknown {
  if (/^[\[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch { /* plain text */ }
  }
  return value;
}
