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
import { type Lang, langOf } from "../lang.ts";
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
  lang: Lang,
): string {
  const t = lang.t;
  const line = (c: { full_name: string; balance: number }) =>
    t("links-household-line", {
      customer: bold(c.full_name),
      balance: balanceText(c.balance, shop, lang),
    });
  const lines = [t("links-household"), line(self), ...links.customers.map(line)];
  lines.push(t("links-household-total", { total: bold(balanceText(links.total, shop, lang)) }));
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

function linkedText(r: LinkResult, lang: Lang): string {
  const t = lang.t;
  return `${
    t("links-linked", { customer: bold(r.customer.full_name), other: bold(r.other.full_name) })
  }\n\n${householdText(r.customer, r.links, r.shop, lang)}\n${t("links-linked-undo")}`;
}

export const linkFlow: Flow = defineFlow({
  command: "link",
  usage: "/link Jane Smith",
  needsCustomer: true,
  steps: [{
    key: "other",
    question: (t) => t("links-step-other"),
    ask: (c, _params, t) => t("links-step-other-for", { customer: bold(c.name) }),
    searches: true,
    parse: parseQuery,
  }],
  split: (args) => ({ other: args }),
  noun: (t) => t("links-noun-link"),
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    let otherId = params.otherId === undefined ? undefined : Number(params.otherId);
    if (otherId === undefined) {
      const other = await pickOther(
        ctx,
        String(params.other),
        (c) => CALLBACKS.link.build(customerId, c.id),
        ctx.t("links-pick-link"),
        customerId,
      );
      if (!other) return;
      otherId = other.id;
    }
    const other = otherId;
    await withLoader(ctx, ctx.t("links-linking"), async () => {
      const r = await ctx.services.ledger.links.link({
        ...changeBy(ctx),
        customerId,
        otherId: other,
      });
      return { text: linkedText(r, langOf(ctx)) };
    });
  },
});

export const unlinkFlow: Flow = defineFlow({
  command: "unlink",
  usage: "/unlink",
  needsCustomer: true,
  steps: [],
  split: () => ({}),
  noun: (t) => t("links-noun-unlink"),
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    await withLoader(ctx, ctx.t("links-unlinking"), async () => {
      const r = await ctx.services.ledger.links.unlink({
        ...changeBy(ctx),
        customerId,
      });
      const names = r.was_with.map((c) => bold(c.full_name)).join(", ");
      return { text: ctx.t("links-unlinked", { customer: bold(r.customer.full_name), names }) };
    });
  },
});

export const mergeFlow: Flow = defineFlow({
  command: "merge",
  usage: "/merge Jon Smyth",
  needsCustomer: true,
  steps: [{
    key: "other",
    question: (t) => t("links-step-duplicate"),
    ask: (c, _params, t) => t("links-step-duplicate-for", { customer: bold(c.name) }),
    searches: true,
    parse: parseQuery,
  }],
  split: (args) => ({ other: args }),
  pin: (params) => params.confirmed === true,
  noun: (t) => t("links-noun-merge"),
  action: (params, c, _member, t) =>
    t("links-merge-action", {
      duplicate: bold(
        params.otherName === undefined ? t("links-the-duplicate") : String(params.otherName),
      ),
      customer: bold(c?.name ?? t("links-the-selected")),
    }),
  async run(ctx, params, customer) {
    if (ctx.session.member?.role !== "owner") {
      await say(ctx, ctx.t("links-merge-owner-only"));
      return;
    }
    const keepId = customerOf(params, customer);
    if (params.confirmed === true) {
      const dupId = Number(params.otherId);
      const lang = langOf(ctx);
      await withLoader(ctx, ctx.t("links-merging"), async () => {
        const r = await ctx.services.ledger.links.merge({
          ...changeBy(ctx),
          customerId: keepId,
          duplicateId: dupId,
        });
        ctx.session.selected = { id: r.customer.id, name: r.customer.full_name };
        const n = r.moved_transactions;
        return {
          text: ctx.t("links-merged", {
            duplicate: bold(r.duplicate.full_name),
            customer: bold(r.customer.full_name),
            moved: ctx.t("links-transactions", { count: n, n: String(n) }),
            amount: balanceText(r.moved_balance, r.shop, lang),
            balance: bold(balanceText(r.customer.balance, r.shop, lang)),
          }),
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
        ctx.t("links-pick-duplicate"),
        keepId,
      );
      if (!dup) return;
      dupId = dup.id;
    }
    if (dupId === keepId) {
      await say(ctx, ctx.t("links-merge-self"));
      return;
    }
    const [keep, dup] = [
      await readOrExplain(ctx, () => ctx.services.ledger.customerSummary(ctx.from!.id, keepId, 0)),
      await readOrExplain(ctx, () => ctx.services.ledger.customerSummary(ctx.from!.id, dupId, 0)),
    ];
    if (!keep || !dup) return;
    const d = dup.customer;
    const lang = langOf(ctx);
    const count = dup.totals.count;
    await say(
      ctx,
      ctx.t("links-merge-ask", {
        duplicate: bold(d.full_name),
        duplicateBalance: balanceText(d.balance, dup.shop, lang),
        customer: bold(keep.customer.full_name),
        customerBalance: balanceText(keep.customer.balance, keep.shop, lang),
        moved: ctx.t("links-transactions", { count, n: String(count) }),
        together: money(keep.customer.balance + d.balance, keep.shop, lang),
      }),
      new InlineKeyboard()
        .text(ctx.t("links-merge-yes"), CALLBACKS.mergeYes.build(keepId, d.id))
        .text(ctx.t("links-merge-no"), CALLBACKS.mergeNo.build()),
    );
  },
});

export const links = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const linksCommands = defineCommands({
  link: {
    area: "links",
    role: "member",
    menu: true,
  },
  unlink: {
    area: "links",
    role: "member",
  },
  merge: {
    area: "links",
    role: "owner",
    menu: true,
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
  await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("links-kept-apart") }));
  await cosmetic(() => ctx.editMessageText(ctx.t("links-nothing-merged")));
});
