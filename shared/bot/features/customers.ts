/**
 * The customers area: /addcustomer Name ~ nickname | phone (creates the customer and selects
 * them), /summary (the selected customer's card, totals and latest transactions),
 * /deletecustomer (archive after Yes/No; a balance other than zero needs the owner and the
 * PIN), /rename (PIN-protected) and /nickname (a hidden nickname) for the selected customer.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LedgerError } from "../../db/errors.ts";
import type { Links } from "../../db/ledger/types.ts";
import { westernDigits } from "../../domain/money.ts";
import { LIMITS, PHONE_INVALID, tooLong, tooLongMessage } from "../../domain/limits.ts";
import { balanceText, dateTime, type Money, money } from "../../text/format.ts";
import { customerCard } from "../../text/customers.ts";
import { transactionLine } from "../../text/transactions.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import { clip, fitLines, LIST_BUDGET, visibleLength } from "../../text/fit.ts";
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
  splitPipes,
} from "../flows.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";

/** Validates a phone number: 3 to 20 digits (Arabic-Indic digits welcome), +, spaces, dashes. */
export function parsePhone(text: string): Parsed {
  const phone = text.trim();
  const digits = westernDigits(phone).replace(/\D/g, "");
  if (
    !/^[+\d\s\-().\u0660-\u0669\u06f0-\u06f9]+$/.test(phone) ||
    digits.length < LIMITS.phoneDigitsMin || digits.length > LIMITS.phoneDigitsMax ||
    tooLong(phone, LIMITS.phone)
  ) {
    return { ok: false, error: PHONE_INVALID };
  }
  return { ok: true, value: phone };
}

export const addCustomerFlow = defineFlow({
  command: "addcustomer",
  usage: "/addcustomer John Smith ~ Abu Ali | 0590000000",
  steps: [
    {
      key: "name",
      question: "👤 What's the customer's name? (add a hidden nickname after ~)",
      parse: parseNameAndNicknames,
    },
    {
      key: "phone",
      question: "📞 Their phone number?",
      optional: true,
      numeric: true,
      parse: parsePhone,
    },
  ],
  split(args) {
    const [name, phone] = splitPipes(args, 2);
    return { name, phone };
  },
  async run(ctx, params) {
    const [fullName, ...nicknames] = String(params.name).split("\n");
    await withLoader(ctx, "Adding the customer…", async () => {
      const result = await ctx.services.ledger.addCustomer({
        ...changeBy(ctx),
        fullName,
        phone: params.phone === null ? null : String(params.phone),
        nicknames,
      });
      const c = result.customer;
      ctx.session.selected = { id: c.id, name: c.full_name };
      const lines = [
        `✅ Added ${bold(c.full_name)}${
          c.phone ? ` (${escapeHtml(c.phone)})` : ""
        } and selected them.`,
      ];
      if (c.nicknames?.length) lines.push(`Hidden nickname: ${escapeHtml(c.nicknames.join(", "))}`);
      if (result.look_alike) lines.push(lookAlikeWarning(result.look_alike, result.shop));
      if (result.same_phone) {
        lines.push(
          `⚠️ This phone also belongs to ${
            bold(result.same_phone.full_name)
          }. Check that it isn't the same person.`,
        );
      }
      lines.push("Next: /addtransaction <i>amount | note</i>");
      return { text: lines.join("\n") };
    });
  },
});

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
        const r = await ctx.services.ledger.customers.archive({
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
      const r = await ctx.services.ledger.customers.rename({
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
      const r = await ctx.services.ledger.customers.addNickname({
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

/**
 * The household block of /summary within `budget` visible characters: each linked
 * account while they fit, "…and N more", and always the group's total.
 */
export function householdLines(
  self: { full_name: string; balance: number },
  links: Links,
  shop: Money,
  budget: number,
): string[] {
  const member = (c: { full_name: string; balance: number }) =>
    `• ${bold(clip(c.full_name, 80))} — ${balanceText(c.balance, shop)}`;
  const title = "👪 <b>Linked accounts</b>";
  const total = `Together: ${bold(balanceText(links.total, shop))}`;
  const everyone = [member(self), ...links.customers.map(member)];
  const more = `…and ${everyone.length} more`;
  const fitted = fitLines(everyone, budget - visibleLength(`${title}\n${more}\n${total}`) - 2);
  const lines = [title, ...fitted.lines];
  if (fitted.omitted) lines.push(`…and ${fitted.omitted} more`);
  return [...lines, total];
}

export const customers = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const customersCommands = defineCommands({
  addcustomer: {
    area: "customers",
    role: "member",
    menu: "Add a customer: Name | phone",
    summary: "Add a customer and select them.",
    examples: [
      "/addcustomer John Smith | 0590000000",
      "/addcustomer John Smith ~ Abu Ali | 059…",
      "/addcustomer",
    ],
    details:
      "The phone is optional. Text after ~ is a hidden nickname: search finds it, lists never show it. " +
      "Without parameters I ask for the name, then the phone (/skip to leave it out).",
  },
  summary: {
    area: "customers",
    role: "member",
    menu: "The selected customer's balance and latest entries",
    summary: "The selected customer: phone, tags, balance, totals and latest entries.",
    examples: ["/summary"],
  },
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
customers.command(customersCommands.addcustomer.names, (ctx) => beginFlow(ctx, addCustomerFlow));

customers.command(customersCommands.summary.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const selected = ctx.session.selected;
  if (!selected) {
    await say(ctx, "No customer is selected. Find one first: /search <i>name, phone or #tag</i>");
    return;
  }
  await cosmetic(() => ctx.replyWithChatAction("typing"));
  const s = await readOrExplain(ctx, async () => {
    try {
      return await ctx.services.ledger.customerSummary(ctx.from!.id, selected.id, 5);
    } catch (error) {
      if (error instanceof LedgerError && error.code === "customer_not_found") {
        ctx.session.selected = undefined;
      }
      throw error;
    }
  });
  if (!s) return;
  const lines = [
    customerCard(s.customer, s.shop),
    "",
    `Bought on credit: ${money(s.totals.purchases, s.shop)} · Paid: ${
      money(s.totals.payments, s.shop)
    } · ${s.totals.count} entries`,
  ];
  if (s.totals.last_payment_at) lines.push(`Last payment: ${dateTime(s.totals.last_payment_at)}`);
  if (s.merged_into) lines.push(`Merged into ${bold(s.merged_into.full_name)}.`);
  const latest = [s.recent.length ? "<b>Latest</b>" : "No purchases or payments yet."];
  for (const t of s.recent) latest.push(transactionLine(t, s.shop));
  if (s.links?.customers.length) {
    const used = visibleLength([...lines, ...latest].join("\n")) + 4;
    lines.push("", ...householdLines(s.customer, s.links, s.shop, LIST_BUDGET - used));
  }
  lines.push("", ...latest);
  await say(ctx, lines.join("\n"));
});
customers.command(
  customersCommands.deletecustomer.names,
  (ctx) => beginFlow(ctx, deleteCustomerFlow),
);
customers.command(customersCommands.rename.names, (ctx) => beginFlow(ctx, renameFlow));
customers.command(customersCommands.nickname.names, (ctx) => beginFlow(ctx, nicknameFlow));

/** Yes on "Delete …?": archive exactly that customer (after the PIN when they owe). */
customers.callbackQuery(CALLBACKS.deleteYes.pattern, async (ctx) => {
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

customers.callbackQuery(CALLBACKS.deleteNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: "Kept." }));
  await cosmetic(() => ctx.editMessageText("Nothing was deleted."));
});
