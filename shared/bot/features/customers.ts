/** /addcustomer Name ~ nickname | phone: creates the customer and selects them. */
import { Composer } from "grammy";
import { defineCommands } from "../commands.ts";
import { westernDigits } from "../../domain/money.ts";
import { LIMITS, PHONE_INVALID, tooLong } from "../../domain/limits.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { lookAlikeWarning, parseNameAndNicknames } from "../customer_name.ts";
import { beginFlow, defineFlow, type Parsed, splitPipes } from "../flows.ts";
import { withLoader } from "../replies.ts";

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
});
customers.command(customersCommands.addcustomer.names, (ctx) => beginFlow(ctx, addCustomerFlow));
