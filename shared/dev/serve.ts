/**
 * `deno task serve`: the webhook handler the edge function uses, served locally on PORT
 * (default 8000) over any of the three databases (migrated on start). Put a tunnel in
 * front of it and point Telegram at it with `deno task webhook:set <https-url>`.
 */
import { botFromConfig } from "../bot/bot_from_config.ts";
import { loadConfig } from "../config/config.ts";
import { openLedger } from "../db/open_ledger.ts";
import { createWebhookHandler } from "../http/webhook_handler.ts";
import { onShutdown, runMain } from "./run.ts";

await runMain(async () => {
  const config = loadConfig(undefined, { telegramToken: true, webhookSecret: true });
  const { ledger, where } = await openLedger(config, { migrate: true });
  const bot = botFromConfig(config, ledger);
  const handle = createWebhookHandler(bot, { secretToken: config.TELEGRAM_WEBHOOK_SECRET! });
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
    await ledger.close();
  });
  await server.finished;
});
