/** Prints how long importing the edge function's module graph takes (run in a fresh process). */
const started = performance.now();
await Promise.all([
  import("../../shared/config/config.ts"),
  import("../../shared/db/open_ledger.ts"),
  import("../../shared/bot/create_bot.ts"),
  import("../../shared/http/webhook_handler.ts"),
]);
console.log((performance.now() - started).toFixed(2));
