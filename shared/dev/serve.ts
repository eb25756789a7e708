/**
 * `deno task serve`: the webhook handler the edge function uses, served locally on PORT
 * (default 8000) over any of the three databases (migrated on start). Put a tunnel in
 * front of it and point Telegram at it with `deno task webhook:set <https-url>`.
 *
 * Without BOT_INFO the bot must ask Telegram who it is (getMe) before it can answer an
 * update; that is done here, at start-up, within a few seconds: when Telegram cannot be
 * reached (or refuses the token) the server does not start, and says why in one line,
 * instead of answering every update 503 "ledger unavailable" 25 s later.
 *
 * The outbox is drained after each update and every 5 s; the schedule (public.run_schedule:
 * automatic reminders, the owners' digest) runs every minute from a timer (shared/dev/schedule.ts);
 * `POST /drain` answers like the edge function's when PAYTRACK_DRAIN_SECRET is set.
 */
import { botFromConfig } from "../bot/bot_from_config.ts";
import { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { type Config, ConfigError, loadConfig } from "../config/config.ts";
import { openLedger } from "../db/open_ledger.ts";
import { createWebhookHandler } from "../http/webhook_handler.ts";
import { onShutdown, runMain } from "./run.ts";
import { drainInBackground, drainOutbox, startDrainTimer } from "../outbox/sender.ts";
import { startScheduleTimer } from "./schedule.ts";

/** How long start-up waits for getMe before it gives up. */
const GET_ME_TIMEOUT_MS = 8_000;

/** One line on why getMe failed, naming the server asked and never the token. */
function getMeFailed(error: unknown, apiRoot: string | undefined, token = ""): string {
  const where = apiRoot ?? "https://api.telegram.org";
  const inner = (error as { error?: unknown })?.error;
  let reason = error instanceof Error ? error.message : String(error);
  if (inner instanceof Error) reason += ` (${inner.message})`;
  if (error instanceof Error && error.name === "TimeoutError") reason = "no answer in time";
  if (token) reason = reason.split(token).join("<token>");
  const refused = /40[14]|Unauthorized|Not Found/.test(reason);
  return refused
    ? `PayTrack cannot start: Telegram (${where}) refused the bot token in getMe: ${reason}. ` +
      "Check TELEGRAM_BOT_TOKEN."
    : `PayTrack cannot start: Telegram is unreachable (getMe to ${where} failed: ${reason}). ` +
      "Check the network or TELEGRAM_API_ROOT, or set BOT_INFO (the JSON of getMe) to start without asking Telegram.";
}

/** getMe, once, before anything else starts (a clear one-line failure otherwise). */
async function getMe(config: Config): Promise<UserFromGetMe> {
  const api = new Api(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT });
  try {
    // grammY types its signal with a shim; the platform AbortSignal is what it uses.
    return await api.getMe(AbortSignal.timeout(GET_ME_TIMEOUT_MS) as Parameters<Api["getMe"]>[0]);
  } catch (error) {
    throw new ConfigError(getMeFailed(error, config.TELEGRAM_API_ROOT, config.TELEGRAM_BOT_TOKEN));
  }
}

await runMain(async () => {
  const config = loadConfig(undefined, { telegramToken: true, webhookSecret: true });
  const botInfo = config.BOT_INFO ?? await getMe(config);
  const { ledger, where } = await openLedger(config, { migrate: true });
  const bot = botFromConfig(config, ledger, { botInfo });
  // The outbox (receipts): drained after each update, and every 5 s for retries.
  const sender = new Api(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT });
  const handle = createWebhookHandler(bot, {
    secretToken: config.TELEGRAM_WEBHOOK_SECRET!,
    afterUpdate: () => drainInBackground(sender, ledger),
    drain: {
      secret: config.PAYTRACK_DRAIN_SECRET,
      run: () => drainOutbox(sender, ledger, { budgetMs: 12_000 }),
    },
  });
  const stopDrain = startDrainTimer(sender, ledger);
  // The schedule (automatic reminders, the digest) every minute: PGlite has no pg_cron, and on
  // PostgreSQL a second run beside pg_cron's queues nothing (unique keys per day).
  const stopSchedule = startScheduleTimer(ledger);
  const server = Deno.serve({
    port: config.PORT,
    onListen: ({ port }) => {
      console.log(`PayTrack webhook listening on http://localhost:${port}/`);
      console.log(`Database: ${where}`);
      console.log("Expose it over HTTPS, then: deno task webhook:set https://<your-host>/");
      console.log("Ctrl-C stops it.");
    },
  }, (req) => handle(req));
  onShutdown(async () => {
    await server.shutdown();
    await stopSchedule();
    await stopDrain();
    await ledger.close();
  });
  await server.finished;
});
