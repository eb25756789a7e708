/**
 * The Supabase Edge Function Telegram posts updates to. Thin on purpose: config,
 * ledger and bot are built once per cold start (no Telegram or database call here);
 * every request goes through shared/http/webhook_handler.ts.
 */
import { botFromConfig } from "../../shared/bot/bot_from_config.ts";
import { loadConfig } from "../../shared/config/config.ts";
import { openLedger } from "../../shared/db/open_ledger.ts";
import { createWebhookHandler } from "../../shared/http/webhook_handler.ts";
import { drainInBackground, drainOutbox } from "../../shared/outbox/sender.ts";
import { Api } from "grammy";

const config = loadConfig(undefined, { telegramToken: true, webhookSecret: true });
const { ledger } = await openLedger(config);
const bot = botFromConfig(config, ledger);
// Receipts and other outbox messages go out after each update's answer (EdgeRuntime.waitUntil
// keeps the request alive for them), on an Api of their own (auto-retry, no reply transformers).
const sender = new Api(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT });
const handle = createWebhookHandler(bot, {
  secretToken: config.TELEGRAM_WEBHOOK_SECRET!,
  afterUpdate: () => drainInBackground(sender, ledger),
  // POST …/drain with x-paytrack-drain-secret: pg_cron + pg_net call it every minute
  // (supabase/cron/schedule.sql), so retries go out when no update comes; answered within
  // pg_net's 20 s timeout.
  drain: {
    secret: config.PAYTRACK_DRAIN_SECRET,
    run: () => drainOutbox(sender, ledger, { budgetMs: 12_000 }),
  },
});

// Deno.serve(webhookCallback(...)) would get no request object: wrap it. PORT defaults to
// 8000, Deno.serve's own default; the Supabase runtime routes requests to the function
// whatever the port, and a local run (or a test) can pick one.
Deno.serve({ port: config.PORT }, (req) => handle(req));
