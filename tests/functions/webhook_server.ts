/**
 * A webhook server for one test: the real handler behind Deno.serve on a free port, the
 * real bot, a fresh database, and a fake Telegram server that records what the bot said.
 */
import type { Update, UserFromGetMe } from "grammy/types";
import { createBot } from "../../shared/bot/create_bot.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import type { RpcTransport } from "../../shared/db/rpc.ts";
import type { SqlClient } from "../../shared/db/sql_client.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";
import { messageUpdate, privateChat, textMessage } from "../../shared/dev/terminal_chat.ts";
import { createWebhookHandler, SECRET_HEADER } from "../../shared/http/webhook_handler.ts";
import { OWNER } from "../support/chat.ts";
import { type Engine, freshDatabase, postgresAvailable } from "../support/databases.ts";
import { FakeTelegram } from "../support/fake_telegram.ts";

/** The webhook secret every test server uses. */
export const SECRET = "webhook-secret_0123456789abcdef";

/** A running webhook for one test. */
export interface Webhook extends AsyncDisposable {
  url: string;
  port: number;
  telegram: FakeTelegram;
  client: SqlClient;
  transport: SqlTransport;
  logs: string[];
  post(body: unknown, options?: { secret?: string | null; method?: string }): Promise<Answer>;
  count(table: string): Promise<number>;
  /** Row counts of every table in the public schema (to show nothing changed). */
  snapshot(): Promise<Record<string, number>>;
}

/** What the webhook answered. */
export interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

/** Options for {@link startWebhook}. */
export interface WebhookOptions {
  client?: SqlClient;
  engine?: Engine;
  /** getMe's answer; null: none, so the bot calls getMe. */
  botInfo?: UserFromGetMe | null;
  bodyTimeoutMilliseconds?: number;
  /** Wraps the ledger's transport (e.g. to make one RPC throw). */
  wrapTransport?: (inner: RpcTransport) => RpcTransport;
}

/** Starts the webhook on a fresh database (PostgreSQL when available, else PGlite). */
export async function startWebhook(options: WebhookOptions = {}): Promise<Webhook> {
  const engine = options.engine ?? ((await postgresAvailable()) ? "postgres" : "pglite");
  const db = options.client ? undefined : await freshDatabase(engine);
  const client = options.client ?? db!.client;
  const telegram = await FakeTelegram.start();
  const transport = new SqlTransport(client);
  const bot = createBot({
    token: telegram.token,
    ledger: new Ledger(options.wrapTransport ? options.wrapTransport(transport) : transport),
    botInfo: options.botInfo === null ? undefined : options.botInfo ?? telegram.botInfo,
    apiRoot: telegram.apiRoot,
    ownerIds: [OWNER.id],
  });
  const logs: string[] = [];
  const handle = createWebhookHandler(bot, {
    secretToken: SECRET,
    log: (line) => logs.push(line),
    bodyTimeoutMilliseconds: options.bodyTimeoutMilliseconds,
  });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => handle(req),
  );
  const url = `http://127.0.0.1:${server.addr.port}/telegram-bot`;
  const count = async (table: string) => {
    const rows = await client.query<{ n: number }>(
      `select count(*)::int as n from public.${table}`,
    );
    return rows[0].n;
  };
  return {
    url,
    port: server.addr.port,
    telegram,
    client,
    transport,
    logs,
    async post(body, { secret = SECRET, method = "POST" } = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (secret !== null) headers[SECRET_HEADER] = secret;
      const res = await fetch(url, {
        method,
        headers,
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text(), headers: res.headers };
    },
    count,
    async snapshot() {
      const tables = await client.query<{ name: string }>(
        `select table_name::text as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      );
      const counts: Record<string, number> = {};
      for (const { name } of tables) counts[name] = await count(name);
      return counts;
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await telegram.close();
      await db?.close();
    },
  };
}

let nextId = 5_000;
/** A private-chat text message from the owner, as Telegram posts it. */
export function ownerSays(text: string, updateId = nextId++): Update {
  return messageUpdate(
    updateId,
    textMessage({
      messageId: updateId,
      date: 1_760_000_000,
      from: OWNER,
      chat: privateChat(OWNER),
      text,
    }),
  );
}

/** A fresh update_id. */
export function nextUpdateId(): number {
  return nextId++;
}
