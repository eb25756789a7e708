/**
 * Credit terms and limits: the shop's default terms and limit (a page of /settings), a
 * customer's own (/terms, /limit on the selected customer).
 */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";

export const credit = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const creditCommands = defineCommands({});
