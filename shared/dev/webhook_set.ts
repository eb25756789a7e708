/**
 * `deno task webhook:set <url>`: points Telegram at the deployed webhook (setWebhook
 * with TELEGRAM_WEBHOOK_SECRET as secret_token), registers the command menu from the
 * command registry (setMyCommands: the default scope, once per language) and prints
 * getWebhookInfo. `deno task webhook:set --delete` removes
 * the webhook (pending updates are kept). Honours TELEGRAM_API_ROOT.
 *
 * This is the deploy step: the bot itself never calls these at start-up.
 */
import { Api } from "grammy";
import type { WebhookInfo } from "grammy/types";
import { COMMAND_REGISTRY } from "../bot/create_bot.ts";
import type { CommandRegistry } from "../bot/commands.ts";
import { loadConfig } from "../config/config.ts";
import { runMain } from "./run.ts";

/** The update types PayTrack handles (webhook and long polling alike). */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

/** What {@link setWebhook} registers. */
export interface WebhookSetup {
  /** The public HTTPS address of the function, e.g. https://<ref>.supabase.co/functions/v1/telegram-bot */
  url: string;
  /** TELEGRAM_WEBHOOK_SECRET: Telegram sends it back in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  /** Where the menu comes from (default: PayTrack's {@link COMMAND_REGISTRY}). */
  registry?: CommandRegistry;
}

/**
 * setWebhook, then setMyCommands: the menu commands for the default scope (every chat, owners
 * and clerks alike; a clerk who picks an owner command is told it needs the owner), in English,
 * then once more per language some description is translated into. Resolves with getWebhookInfo.
 */
export async function setWebhook(api: Api, setup: WebhookSetup): Promise<WebhookInfo> {
  await api.setWebhook(setup.url, {
    secret_token: setup.secretToken,
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: false,
  });
  for (const { language_code, commands } of (setup.registry ?? COMMAND_REGISTRY).menuCalls()) {
    await api.setMyCommands(commands, language_code ? { language_code } : undefined);
  }
  return await api.getWebhookInfo();
}

/** deleteWebhook (keeping pending updates); resolves with getWebhookInfo. */
export async function deleteWebhook(api: Api): Promise<WebhookInfo> {
  await api.deleteWebhook({ drop_pending_updates: false });
  return await api.getWebhookInfo();
}

/** Checks the address Telegram will post to; returns it normalised, or throws with why. */
export function webhookUrl(text: string | undefined, allowHttp = false): string {
  if (!text) throw new Error("Usage: deno task webhook:set <https-url>   (or --delete)");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL`);
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
    throw new Error("Telegram only posts to https:// addresses");
  }
  return url.toString();
}

if (import.meta.main) {
  await runMain(async () => {
    const deleting = Deno.args.includes("--delete");
    const config = loadConfig(undefined, { telegramToken: true, webhookSecret: !deleting });
    const api = new Api(
      config.TELEGRAM_BOT_TOKEN!,
      config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined,
    );
    let info: WebhookInfo;
    if (deleting) {
      info = await deleteWebhook(api);
      console.log("Webhook removed (pending updates kept).");
    } else {
      let url: string;
      try {
        // A self-hosted Bot API server (TELEGRAM_API_ROOT) may post to plain http.
        url = webhookUrl(Deno.args.find((a) => !a.startsWith("--")), !!config.TELEGRAM_API_ROOT);
      } catch (error) {
        console.error((error as Error).message);
        Deno.exit(2);
      }
      info = await setWebhook(api, { url, secretToken: config.TELEGRAM_WEBHOOK_SECRET! });
      const menu = COMMAND_REGISTRY.menuCalls();
      console.log(
        `Webhook set to ${url}; ${menu[0].commands.length} commands in the menu` +
          (menu.length > 1 ? ` (also in ${menu.slice(1).map((m) => m.language_code)})` : "") + ".",
      );
    }
    console.log(JSON.stringify(info, null, 2));
  });
}
