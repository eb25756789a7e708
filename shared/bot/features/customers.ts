/** /addcustomer Name ~ nickname | phone: creates the customer and selects them. */
import { Composer } from "grammy";
import { westernDigits } from "../../domain/money.ts";
import type { LookAlike } from "../../db/ledger.ts";
import { balanceText, type Money } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { beginFlow, defineFlow, type Parsed, splitPipes } from "../flows.ts";
import { withLoader } from "../replies.ts";

/** Validates a name, with optional "~ nickname ~ nickname" parts. */
export function parseNameAndNicknames(text: string): Parsed {
  const [name, ...nicknames] = text.split("~").map((part) => part.replace(/\s+/g, " ").trim());
  if (!name) {
    return { ok: false, error: "The name can't be empty. Please send the customer's name." };
  }
  if ([...name].length > 120) {
    return { ok: false, error: "That name is too long (120 characters at most)." };
  }
  if (!/\p{L}/u.test(name)) return { ok: false, error: "A name needs at least one letter." };
  if (nicknames.some((n) => [...n].length > 60)) {
    return { ok: false, error: "A nickname can have at most 60 characters." };
  }
  return { ok: true, value: [name, ...nicknames.filter(Boolean)].join("\n") };
}

/** Validates a phone number: 3 to 20 digits (Arabic-Indic digits welcome), +, spaces, dashes. */
export function parsePhone(text: string): Parsed {
  const phone = text.trim();
  const digits = westernDigits(phone).replace(/\D/g, "");
  if (
    !/^[+\d\s\-().\u0660-\u0669\u06f0-\u06f9]+$/.test(phone) || digits.length < 3 ||
    digits.length > 20
  ) {
    return { ok: false, error: "That doesn't look like a phone number (3 to 20 digits)." };
  }
  return { ok: true, value: phone };
}

/** "⚠️ Looks the same as an existing customer: John Smith (owes $30.00)". */
export function lookAlikeWarning(other: LookAlike, shop: Money): string {
  return `⚠️ Looks the same as an existing customer: ${bold(other.full_name)} (${
    escapeHtml(balanceText(other.balance, shop))
  }). Check that it isn't the same person.`;
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
        actor: ctx.from!.id,
        updateId: ctx.update.update_id,
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
customers.command("addcustomer", (ctx) => beginFlow(ctx, addCustomerFlow));
