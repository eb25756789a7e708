/**
 * Reminders: /remind on the selected customer (a linked customer gets it from the bot; an
 * unlinked one, a text to forward), "Remind all overdue", the automatic reminder settings,
 * and a linked customer's own /reminders on|off.
 */
import { Composer } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";

export const reminders = new Composer<PayContext>();

/** A linked customer's side (before connect and access: they are no member). */
export const customerReminders = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const remindersCommands = defineCommands({});
