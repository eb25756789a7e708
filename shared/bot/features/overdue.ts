/**
 * /overdue: what customers owe by due date, in ageing buckets (not yet due, 1-30, 31-60,
 * 61-90, 90+ days) in the shop's time zone, with a tap through to each customer.
 */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";

export const overdue = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const overdueCommands = defineCommands({});
