/**
 * /link and /unlink (a household: /summary shows each linked account and the group's
 * total) and /merge (a duplicate's records move into the selected customer; owner + PIN;
 * /undo splits them back). The other customer is found by search: one match is taken at
 * once, several become buttons.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { LinkResult } from "../../db/ledger/links.ts";
import type { Links } from "../../db/ledger/types.ts";
import { balanceText, type Money, money } from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import type { BoundCustomer, PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { advance, beginFlow, defineFlow, type Flow, type Params } from "../flows.ts";
import { requireMember } from "../membership.ts";
import { parseQuery, pickOther } from "../pick_other.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";

/** A household: each linked account with its balance, and the group's total. */
export function householdText(
  self: { full_name: string; balance: number },
  links: Links,
  shop: Money,
): string {
  const lines = [`👪 <b>Linked accounts</b>`];
  lines.push(`• ${bold(self.full_name)} — ${balanceText(self.balance, shop)}`);
  for (const c of links.customers) {
    lines.push(`• ${bold(c.full_name)} — ${balanceText(c.balance, shop)}`);
  }
  lines.push(`Together: ${bold(balanceText(links.total, shop))}`);
  return lines.join("\n");
}

/** The customer the command is bound to (the one it started for, or a button named). */
function customerOf(params: Params, customer: BoundCustomer | undefined): number {
  return Number(customer?.id ?? params.customerId);
}

/** Binds a command to the customer a button named (their name read once, for prompts). */
async function boundById(ctx: PayContext, id: number): Promise<BoundCustomer | undefined> {
  const selected = ctx.session.selected;
  if (selected?.id === id) return { id, name: selected.name };
  const s = await readOrExplain(
    ctx,
    () => ctx.services.ledger.customerSummary(ctx.from!.id, id, 0),
  );
  return s && { id, name: s.customer.full_name };
}

function linkedText(r: LinkResult): string {
  return `🔗 Linked ${bold(r.customer.full_name)} with ${bold(r.other.full_name)}.\n\n${
    householdText(r.customer, r.links, r.shop)
  }\n<i>/undo unlinks them.</i>`;
}

export const linkFlow: Flow = defineFlow({
  command: "link",
  usage: "/link Jane Smith",
  needsCustomer: true,
  steps: [{
    key: "other",
    question: "🔗 Link them with whom? Send a name, phone or #tag (a family member, say).",
    ask: (c) =>
      `🔗 Link ${bold(c.name)} with whom? Send a name, phone or #tag (a family member, say).`,
    searches: true,
    parse: parseQuery,
  }],
  split: (args) => ({ other: args }),
  noun: "link",
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    let otherId = params.otherId === undefined ? undefined : Number(params.otherId);
    if (otherId === undefined) {
      const other = await pickOther(
        ctx,
        String(params.other),
        (c) => CALLBACKS.link.build(customerId, c.id),
        "🔗 Link with which one? Tap a name:",
      );
      if (!other) return;
      otherId = other.id;
    }
    const other = otherId;
    await withLoader(ctx, "Linking…", async () => {
      const r = await ctx.services.ledger.links.link({
        ...changeBy(ctx),
        customerId,
        otherId: other,
      });
      return { text: linkedText(r) };
    });
  },
});

export const unlinkFlow: Flow = defineFlow({
  command: "unlink",
  usage: "/unlink",
  needsCustomer: true,
  steps: [],
  split: () => ({}),
  noun: "unlink",
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    await withLoader(ctx, "Unlinking…", async () => {
      const r = await ctx.services.ledger.links.unlink({
        ...changeBy(ctx),
        customerId,
      });
      const names = r.was_with.map((c) => bold(c.full_name)).join(", ");
      return {
        text: `✂️ ${bold(r.customer.full_name)} is no longer linked with ${names}.\n` +
          "<i>/undo links them again.</i>",
      };
    });
  },
});

export const mergeFlow: Flow = defineFlow({
  command: "merge",
  usage: "/merge Jon Smyth",
  needsCustomer: true,
  steps: [{
    key: "other",
    question:
      "🧬 Which customer is the duplicate to merge into the selected one? Send a name, phone or #tag.",
    ask: (c) =>
      `🧬 Which customer is the duplicate to merge into ${
        bold(c.name)
      }? Send a name, phone or #tag.`,
    searches: true,
    parse: parseQuery,
  }],
  split: (args) => ({ other: args }),
  pin: (params) => params.confirmed === true,
  noun: "merge",
  action: (params, c) =>
    `merge ${bold(String(params.otherName ?? "the duplicate"))} into ${
      bold(c?.name ?? "the selected customer")
    }`,
  async run(ctx, params, customer) {
    if (ctx.session.member?.role !== "owner") {
      await say(ctx, "🔒 Only the shop owner can merge customers (with the shop PIN).");
      return;
    }
    const keepId = customerOf(params, customer);
    if (params.confirmed === true) {
      const dupId = Number(params.otherId);
      await withLoader(ctx, "Merging…", async () => {
        const r = await ctx.services.ledger.links.merge({
          ...changeBy(ctx),
          customerId: keepId,
          duplicateId: dupId,
        });
        ctx.session.selected = { id: r.customer.id, name: r.customer.full_name };
        const n = r.moved_transactions;
        return {
          text: `🧬 Merged ${bold(r.duplicate.full_name)} into ${bold(r.customer.full_name)}: ` +
            `${n} transaction${n === 1 ? "" : "s"} (${
              balanceText(r.moved_balance, r.shop)
            }), phones, nicknames and tags moved. ${
              bold(r.duplicate.full_name)
            } is archived and points here.\n` +
            `New balance: ${bold(balanceText(r.customer.balance, r.shop))}\n` +
            "<i>/undo splits them back exactly.</i>",
        };
      });
      return;
    }
    let dupId = params.otherId === undefined ? undefined : Number(params.otherId);
    if (dupId === undefined) {
      const dup = await pickOther(
        ctx,
        String(params.other),
        (c) => CALLBACKS.mergePick.build(keepId, c.id),
        "🧬 Which one is the duplicate? Tap a name:",
      );
      if (!dup) return;
      dupId = dup.id;
    }
    if (dupId === keepId) {
      await say(
        ctx,
        "⚠️ That is the selected customer itself: a customer can't be merged into itself. " +
          "Send /merge with the duplicate's name.",
      );
      return;
    }
    const [keep, dup] = [
      await readOrExplain(ctx, () => ctx.services.ledger.customerSummary(ctx.from!.id, keepId, 0)),
      await readOrExplain(ctx, () => ctx.services.ledger.customerSummary(ctx.from!.id, dupId, 0)),
    ];
    if (!keep || !dup) return;
    const d = dup.customer;
    await say(
      ctx,
      `🧬 Merge ${bold(d.full_name)} (${balanceText(d.balance, dup.shop)}) into ${
        bold(keep.customer.full_name)
      } (${balanceText(keep.customer.balance, keep.shop)})?\n` +
        `Their ${dup.totals.count} transaction${
          dup.totals.count === 1 ? "" : "s"
        }, balance, phones, nicknames and tags move to ${bold(keep.customer.full_name)}; ` +
        `${bold(d.full_name)} is archived. Together they would owe ${
          money(keep.customer.balance + d.balance, keep.shop)
        }.\n<i>Needs the shop PIN. /undo splits them back exactly.</i>`,
      new InlineKeyboard()
        .text("🧬 Yes, merge", CALLBACKS.mergeYes.build(keepId, d.id))
        .text("✖️ No", CALLBACKS.mergeNo.build()),
    );
  },
});

export const links = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const linksCommands = defineCommands({
  link: {
    area: "links",
    role: "member",
    menu: "Link the selected customer with a family member",
    summary: "Link the selected customer with another (a household or a family).",
    examples: ["/link Jane Smith"],
    details: "/summary then shows each linked account and the group's total. /unlink takes the " +
      "selected customer out again; /undo reverses either.",
  },
  unlink: {
    area: "links",
    role: "member",
    summary: "Take the selected customer out of their household.",
    examples: ["/unlink"],
  },
  merge: {
    area: "links",
    role: "owner",
    menu: "Merge a duplicate into the selected customer (owner, PIN)",
    summary: "Merge a duplicate into the selected customer (owner, with the shop PIN).",
    examples: ["/merge Jon Smyth"],
    details:
      "The duplicate's purchases, payments, balance, phones, nicknames and tags move to the " +
      "selected customer, and the duplicate is archived, pointing to them. Asks Yes/No first. " +
      "/undo splits them back exactly.",
  },
});
links.command(linksCommands.link.names, (ctx) => beginFlow(ctx, linkFlow));
links.command(linksCommands.unlink.names, (ctx) => beginFlow(ctx, unlinkFlow));
links.command(linksCommands.merge.names, (ctx) => beginFlow(ctx, mergeFlow));

/** A name tapped among several matches for /link. */
links.callbackQuery(CALLBACKS.link.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const customer = await boundById(ctx, Number(ctx.match[1]));
  if (!customer) return;
  await advance(ctx, linkFlow, {
    other: "",
    customerId: customer.id,
    otherId: Number(ctx.match[2]),
  }, { customer });
});

/** A name tapped among several matches for /merge: ask Yes/No next. */
links.callbackQuery(CALLBACKS.mergePick.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const customer = await boundById(ctx, Number(ctx.match[1]));
  if (!customer) return;
  await advance(ctx, mergeFlow, {
    other: "",
    customerId: customer.id,
    otherId: Number(ctx.match[2]),
  }, { customer });
});

/** Yes, merge: after the PIN, merge exactly these two. */
links.callbackQuery(CALLBACKS.mergeYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const customer = await boundById(ctx, Number(ctx.match[1]));
  const duplicate = customer && await boundById(ctx, Number(ctx.match[2]));
  if (!customer || !duplicate) return;
  await advance(ctx, mergeFlow, {
    other: "",
    customerId: customer.id,
    otherId: duplicate.id,
    otherName: duplicate.name,
    confirmed: true,
  }, { customer });
});

links.callbackQuery(CALLBACKS.mergeNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: "Kept apart." }));
  await cosmetic(() => ctx.editMessageText("Nothing was merged."));
});
