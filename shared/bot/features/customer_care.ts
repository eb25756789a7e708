/**
 * /deletecustomer (archive after Yes/No; a balance other than zero needs the owner and the
 * PIN), /rename (PIN-protected) and /nickname (a hidden nickname) for the selected customer.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LIMITS, tooLong, tooLongMessage } from "../../domain/limits.ts";
import { balanceText, money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { BoundCustomer, PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { lookAlikeWarning, parseNameAndNicknames } from "../customer_name.ts";
import {
  advance,
  beginFlow,
  defineFlow,
  type Flow,
  type Member,
  type Params,
  type Parsed,
} from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";

/** A new name: like a customer's name, without "~ nicknames". */
export function parseNewName(text: string): Parsed {
  const parsed = parseNameAndNicknames(text);
  if (parsed.ok && String(parsed.value).includes("\n")) {
    return { ok: false, error: "A name can't contain ~ (add a hidden nickname with /nickname)." };
  }
  return parsed;
}

/** A hidden nickname: up to {@link LIMITS.nickname} characters with a letter or digit. */
export function parseNickname(text: string): Parsed {
  const nickname = text.replace(/\s+/g, " ").trim();
  if (!nickname) return { ok: false, error: "The nickname can't be empty." };
  if (tooLong(nickname, LIMITS.nickname)) {
    return { ok: false, error: tooLongMessage("nickname", LIMITS.nickname) };
  }
  if (!/[\p{L}\p{N}]/u.test(nickname)) {
    return { ok: false, error: "A nickname needs at least one letter or digit." };
  }
  return { ok: true, value: nickname };
}

/** The customer the command is bound to (the one it started for, or a button named). */
function customerOf(params: Params, customer: BoundCustomer | undefined): number {
  return Number(customer?.id ?? params.customerId);
}

/** "John Smith (owes $50.00)" for a PIN prompt, from what the confirmation showed. */
function withBalance(name: string, params: Params, member: Member): string {
  if (typeof params.balance !== "number" || params.balance === 0) return bold(name);
  return `${bold(name)} (${
    balanceText(params.balance, { currency: member.currency, minor_unit: member.minorUnit })
  })`;
}

export const deleteCustomerFlow: Flow = defineFlow({
  command: "deletecustomer",
  usage: "/deletecustomer",
  needsCustomer: true,
  steps: [],
  split: () => ({}),
  // Only deleting someone whose balance is not zero needs the PIN, and only once confirmed.
  pin: (params) => params.confirmed === true && params.owes === true,
  noun: "deletion",
  action: (params, c, member) => `delete ${withBalance(c?.name ?? "the customer", params, member)}`,
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    if (params.confirmed === true) {
      await withLoader(ctx, "Deleting the customer…", async () => {
        const r = await ctx.services.ledger.care.archiveCustomer({
          ...changeBy(ctx),
          customerId,
        });
        if (ctx.session.selected?.id === customerId) ctx.session.selected = undefined;
        return {
          text: `🗄 Deleted ${bold(r.customer.full_name)}: gone from lists and search, ` +
            `kept in the history and the export.${
              r.customer.balance !== 0
                ? ` Their balance stays on record (${balanceText(r.customer.balance, r.shop)}).`
                : ""
            }\n<i>/undo brings them back.</i>`,
        };
      });
      return;
    }
    const s = await readOrExplain(
      ctx,
      () => ctx.services.ledger.customerSummary(ctx.from!.id, customerId, 0),
    );
    if (!s) return;
    const c = s.customer;
    if (c.archived_at) {
      if (ctx.session.selected?.id === customerId) ctx.session.selected = undefined;
      await say(ctx, `${bold(c.full_name)} is already deleted (archived).`);
      return;
    }
    const owed = c.balance > 0
      ? `They still owe ${bold(money(c.balance, s.shop))}.`
      : c.balance < 0
      ? `They have an advance of ${bold(money(-c.balance, s.shop))} (the shop owes them).`
      : "Their balance is settled.";
    if (c.balance !== 0 && ctx.session.member?.role !== "owner") {
      await say(
        ctx,
        `⚠️ ${owed} Only the shop owner can delete a customer whose balance isn't zero ` +
          "(with the shop PIN). Settle it first (/pay all), or ask the owner.",
      );
      return;
    }
    await say(
      ctx,
      `🗑 Delete ${bold(c.full_name)}? ${owed}\n` +
        "They leave lists and search but stay in the history and the export; /undo brings them back." +
        (c.balance !== 0 ? "\nDeleting a customer who owes or is owed needs the shop PIN." : ""),
      new InlineKeyboard()
        .text("🗑 Yes, delete", CALLBACKS.deleteYes.build(c.id, c.balance !== 0 ? 1 : 0))
        .text("✖️ No", CALLBACKS.deleteNo.build()),
    );
  },
});

export const renameFlow: Flow = defineFlow({
  command: "rename",
  usage: "/rename New Name",
  needsCustomer: true,
  pin: true,
  steps: [{
    key: "name",
    question: "✏️ What's their new name?",
    ask: (c) => `✏️ What's the new name for ${bold(c.name)}?`,
    parse: parseNewName,
  }],
  split: (args) => ({ name: args }),
  noun: "rename",
  action: (params, c) =>
    `rename ${bold(c?.name ?? "the customer")} to ${bold(String(params.name ?? ""))}`,
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    await withLoader(ctx, "Renaming…", async () => {
      const r = await ctx.services.ledger.care.renameCustomer({
        ...changeBy(ctx),
        customerId,
        fullName: String(params.name),
      });
      if (ctx.session.selected?.id === customerId) {
        ctx.session.selected = { id: customerId, name: r.customer.full_name };
      }
      return {
        text: `✏️ Renamed ${bold(r.old_name)} to ${
          bold(r.customer.full_name)
        }.\n<i>/undo puts the old name back.</i>${
          r.look_alike ? `\n${lookAlikeWarning(r.look_alike, r.shop)}` : ""
        }`,
      };
    });
  },
});

export const nicknameFlow: Flow = defineFlow({
  command: "nickname",
  usage: "/nickname Abu Ali",
  needsCustomer: true,
  steps: [{
    key: "nickname",
    question: "🕶 What hidden nickname? (search finds it; lists never show it)",
    ask: (c) =>
      `🕶 What hidden nickname for ${bold(c.name)}? (search finds it; lists never show it)`,
    parse: parseNickname,
  }],
  split: (args) => ({ nickname: args }),
  noun: "nickname",
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    await withLoader(ctx, "Adding the nickname…", async () => {
      const r = await ctx.services.ledger.care.addNickname({
        ...changeBy(ctx),
        customerId,
        nickname: String(params.nickname),
      });
      return {
        text: `🕶 ${bold(r.customer.full_name)} can now be found as “${
          escapeHtml(r.nickname)
        }”. It stays hidden: only /summary and the export show it.\n<i>/undo removes it.</i>`,
      };
    });
  },
});

export const customerCare = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const customerCareCommands = defineCommands({
  deletecustomer: {
    area: "customers",
    role: "member",
    menu: "Delete (archive) the selected customer",
    summary: "Delete (archive) the selected customer, after a Yes/No question.",
    examples: ["/deletecustomer"],
    details: "They leave lists and search but stay in the history and the export; /undo brings " +
      "them back. A customer who still owes (or is owed) can only be deleted by the owner, with " +
      "the shop PIN. /settings can archive customers automatically when a payment settles them.",
  },
  rename: {
    area: "customers",
    role: "member",
    menu: "Rename the selected customer (PIN)",
    summary: "Change the selected customer's name (asks for the shop PIN).",
    examples: ["/rename John A. Smith", "/rename"],
    details: "/undo puts the old name back.",
  },
  nickname: {
    area: "customers",
    role: "member",
    summary: "Add a hidden nickname to the selected customer.",
    examples: ["/nickname Abu Ali"],
    details: "Search finds customers by their nicknames, but lists and search results never show " +
      "them: only /summary and the export do. You can also add one when adding a customer: " +
      "/addcustomer John Smith ~ Abu Ali. /undo removes it.",
  },
});
customerCare.command(
  customerCareCommands.deletecustomer.names,
  (ctx) => beginFlow(ctx, deleteCustomerFlow),
);
customerCare.command(customerCareCommands.rename.names, (ctx) => beginFlow(ctx, renameFlow));
customerCare.command(customerCareCommands.nickname.names, (ctx) => beginFlow(ctx, nicknameFlow));

/** Yes on "Delete …?": archive exactly that customer (after the PIN when they owe). */
customerCare.callbackQuery(CALLBACKS.deleteYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const customerId = Number(ctx.match[1]);
  // The button names its customer: bind the command to them (name and balance for the PIN prompt).
  const s = await readOrExplain(
    ctx,
    () => ctx.services.ledger.customerSummary(ctx.from!.id, customerId, 0),
  );
  if (!s) return;
  await advance(ctx, deleteCustomerFlow, {
    customerId,
    confirmed: true,
    owes: ctx.match[2] === "1",
    balance: s.customer.balance,
  }, { customer: { id: customerId, name: s.customer.full_name } });
});

customerCare.callbackQuery(CALLBACKS.deleteNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: "Kept." }));
  await cosmetic(() => ctx.editMessageText("Nothing was deleted."));
});
