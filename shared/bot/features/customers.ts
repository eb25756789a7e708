/**
 * The customers area: /addcustomer Name ~ nickname | phone (creates the customer and selects
 * them; a customer with the same-looking name or the same phone, active or archived, is
 * pointed out first and nothing is added until the member answers), /summary (the selected
 * customer's card, totals and latest transactions), /deletecustomer (archive after Yes/No; a
 * balance other than zero needs the owner and the PIN), /rename (PIN-protected), /nickname
 * (a hidden nickname) and /phone (add, change or remove the phone) for the selected customer.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LedgerError } from "../../db/errors.ts";
import type { Links } from "../../db/ledger/types.ts";
import type { PhoneOp, PossibleDuplicate } from "../../db/ledger/customers.ts";
import { westernDigits } from "../../domain/money.ts";
import { LIMITS, PHONE_INVALID, tooLong, tooLongMessage } from "../../domain/limits.ts";
import { type Translate, translator } from "../../i18n/i18n.ts";
import { balanceText, dateTime, type Money, money, type Speech } from "../../text/format.ts";
import { customerCard, duesLines } from "../../text/customers.ts";
import { todayIn } from "../../domain/due_dates.ts";
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
  listParam,
  type Member,
  type Params,
  type Parsed,
  splitPipes,
} from "../flows.ts";
import { langOf, localeOf, memberSpeech } from "../lang.ts";
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

/** How many digits a trailing number needs to be taken for a phone ("Flat 12" stays a name). */
export const TRAILING_PHONE_DIGITS = 7;

const DIGIT = "[0-9\\u0660-\\u0669\\u06f0-\\u06f9]";
const TRAILING_PHONE = new RegExp(
  `^(.*?\\S)\\s+(\\+?${DIGIT}(?:${DIGIT}|[\\s-](?=${DIGIT}))*)$`,
  "u",
);

/**
 * "Omar Saleh 0598888888" → name "Omar Saleh", phone "0598888888": a trailing run of at
 * least {@link TRAILING_PHONE_DIGITS} digits (spaces, dashes and a leading + allowed,
 * Arabic-Indic digits too) after a name with a letter. Null when there is none.
 */
export function splitTrailingPhone(text: string): { name: string; phone: string } | null {
  const m = text.trim().match(TRAILING_PHONE);
  if (!m) return null;
  const [, name, phone] = m;
  const digits = westernDigits(phone).replace(/\D/g, "").length;
  if (digits < TRAILING_PHONE_DIGITS || !/\p{L}/u.test(name)) return null;
  return { name: name.trim(), phone: phone.trim() };
}

/**
 * The name step's answer: a name (with ~ nicknames), and — as in the one-line form — a
 * trailing phone ("Omar Saleh 0598888888") split off into the phone step's answer, which
 * is then not asked. The one-line form splits before (its phone step has its own part).
 */
function parseNameAndTrailingPhone(
  text: string,
  _ctx: PayContext,
  _member: Member,
  params: Params,
): Parsed {
  const trailing = "phone" in params ? null : splitTrailingPhone(text);
  if (!trailing) return parseNameAndNicknames(text);
  const phone = parsePhone(trailing.phone);
  if (!phone.ok) return phone;
  const name = parseNameAndNicknames(trailing.name);
  if (name.ok) params.phone = phone.value; // kept with the name: the phone step is answered
  return name;
}

const englishT = translator("en");

export const addCustomerFlow = defineFlow({
  command: "addcustomer",
  usage: "/addcustomer John Smith ~ Abu Ali | 0590000000",
  steps: [
    {
      key: "name",
      question: (t) => t("customers-step-name"),
      parse: parseNameAndTrailingPhone,
    },
    {
      key: "phone",
      question: (t) => t("customers-step-phone"),
      optional: true,
      numeric: true,
      parse: parsePhone,
    },
  ],
  split(args) {
    const [name, phone] = splitPipes(args, 2);
    // No "|": a trailing run of digits is the phone (as /addtransaction 50 groceries splits).
    const trailing = phone === undefined ? splitTrailingPhone(name) : null;
    return trailing ?? { name, phone };
  },
  async run(ctx, params) {
    // The name step gives [full name, ...nicknames]; a session saved before steps could
    // give lists holds them as one string, a line each.
    const [fullName, ...nicknames] = typeof params.name === "string"
      ? params.name.split("\n")
      : listParam(params.name);
    const held = {
      fullName,
      nicknames,
      phone: params.phone === null || params.phone === undefined ? null : String(params.phone),
    };
    // Someone with the same-looking name or the same phone (active or archived)? Ask first.
    const found = await readOrExplain(
      ctx,
      () => ctx.services.ledger.customers.duplicates(ctx.from!.id, held.fullName, held.phone),
    );
    if (!found) return;
    if (found.customers.length) {
      ctx.session.heldCustomer = held;
      await say(
        ctx,
        duplicateWarning(found.customers, held, found.shop, langOf(ctx)),
        duplicateButtons(found.customers, ctx.t),
      );
      return;
    }
    await addNow(ctx, held, false);
  },
});

type Held = NonNullable<PayContext["session"]["heldCustomer"]>;

/** "⚠️ There is already a customer named …" for each duplicate, and what the buttons do. */
export function duplicateWarning(
  found: readonly PossibleDuplicate[],
  held: Held,
  shop: Money,
  lang: Speech,
): string {
  const t = lang.t;
  const lines = found.map((c) => {
    const args = { name: bold(c.full_name), balance: balanceText(c.balance, shop, lang) };
    if (c.same_name) {
      return c.archived_at
        ? t("customers-dup-same-name-archived", args)
        : t("customers-dup-same-name", args);
    }
    const phone = escapeHtml(held.phone ?? "");
    return c.archived_at
      ? t("customers-dup-same-phone-archived", { ...args, phone })
      : t("customers-dup-same-phone", { ...args, phone });
  });
  lines.push(t("customers-dup-ask", { name: bold(held.fullName) }));
  return lines.join("\n");
}

/** Select (active) or Restore (archived) each duplicate, then "Add anyway". */
function duplicateButtons(found: readonly PossibleDuplicate[], t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const c of found) {
    const name = clip(c.full_name, 40);
    if (c.archived_at) {
      keyboard.text(t("customers-dup-restore", { name }), CALLBACKS.restore.build(c.id)).row();
    } else {
      keyboard.text(t("customers-dup-select", { name }), CALLBACKS.select.build(c.id)).row();
    }
  }
  return keyboard.text(t("customers-dup-add-anyway"), CALLBACKS.addAnyway.build());
}

/** Adds the customer and selects them (`anyway`: after the member saw the duplicates). */
async function addNow(ctx: PayContext, held: Held, anyway: boolean): Promise<void> {
  const lang = langOf(ctx);
  await withLoader(ctx, ctx.t("customers-add-loader"), async () => {
    const result = await ctx.services.ledger.addCustomer({
      ...changeBy(ctx),
      fullName: held.fullName,
      phone: held.phone,
      nicknames: held.nicknames,
    });
    const c = result.customer;
    ctx.session.heldCustomer = undefined;
    ctx.session.selected = { id: c.id, name: c.full_name };
    const lines = [
      c.phone
        ? ctx.t("customers-added-with-phone", {
          name: bold(c.full_name),
          phone: escapeHtml(c.phone),
        })
        : ctx.t("customers-added", { name: bold(c.full_name) }),
    ];
    if (c.nicknames?.length) {
      lines.push(
        ctx.t("customers-added-nickname", { nicknames: escapeHtml(c.nicknames.join(", ")) }),
      );
    }
    // The warning already said so when the member chose "Add anyway".
    if (!anyway && result.look_alike) {
      lines.push(lookAlikeWarning(result.look_alike, result.shop, lang));
    }
    if (!anyway && result.same_phone) {
      lines.push(ctx.t("customers-added-same-phone", { name: bold(result.same_phone.full_name) }));
    }
    lines.push(ctx.t("customers-added-next"));
    return { text: lines.join("\n") };
  });
}

/** A new name: like a customer's name, without "~ nicknames". */
export function parseNewName(text: string): Parsed {
  const parsed = parseNameAndNicknames(text);
  if (!parsed.ok) return parsed;
  const [name, ...nicknames] = listParam(parsed.value);
  if (nicknames.length) return { ok: false, error: (t) => t("customers-name-no-tilde") };
  return { ok: true, value: name };
}

/** A hidden nickname: up to {@link LIMITS.nickname} characters with a letter or digit. */
export function parseNickname(text: string): Parsed {
  const nickname = text.replace(/\s+/g, " ").trim();
  if (!nickname) return { ok: false, error: (t) => t("customers-nickname-empty") };
  if (tooLong(nickname, LIMITS.nickname)) {
    return { ok: false, error: tooLongMessage("nickname", LIMITS.nickname) };
  }
  if (!/[\p{L}\p{N}]/u.test(nickname)) {
    return { ok: false, error: (t) => t("customers-nickname-no-letter") };
  }
  return { ok: true, value: nickname };
}

/** Words that remove the phone in /phone: English and Arabic. */
const REMOVE_WORDS = new Set([
  "remove",
  "delete",
  "none",
  "-",
  "حذف",
  "احذف",
  "إزالة",
  "ازالة",
  "امسح",
  "بدون",
]);

/** Words that add another phone, and that make one the main phone, in /phone. */
const ADD_WORDS = new Set(["add", "another", "أضف", "اضف", "إضافة", "اضافة"]);
const MAIN_WORDS = new Set(["main", "primary", "رئيسي", "الرئيسي", "أساسي", "اساسي"]);

/**
 * A /phone answer: a phone (the main one, set or changed), "remove" (the empty string: no
 * main phone), or [op, phone] for the customer's other phones: "add 059…" (another phone),
 * "remove 059…" (that one), "main 059…" (that one becomes the main phone).
 */
export function parsePhoneChange(text: string): Parsed {
  const answer = text.trim().replace(/\s+/g, " ");
  if (REMOVE_WORDS.has(answer.toLowerCase())) return { ok: true, value: "" };
  const [word, ...rest] = answer.split(" ");
  const op = ADD_WORDS.has(word.toLowerCase())
    ? "add"
    : REMOVE_WORDS.has(word.toLowerCase())
    ? "remove"
    : MAIN_WORDS.has(word.toLowerCase())
    ? "main"
    : null;
  if (!op || !rest.length) return parsePhone(text);
  const phone = parsePhone(rest.join(" "));
  return phone.ok ? { ok: true, value: [op, String(phone.value)] } : phone;
}

/** The customer the command is bound to (the one it started for, or a button named). */
function customerOf(params: Params, customer: BoundCustomer | undefined): number {
  return Number(customer?.id ?? params.customerId);
}

/** "John Smith (owes $50.00)" for a PIN prompt, from what the confirmation showed. */
function withBalance(name: string, params: Params, member: Member, t: Translate): string {
  if (typeof params.balance !== "number" || params.balance === 0) return bold(name);
  return t("customers-with-balance", {
    name: bold(name),
    balance: balanceText(
      params.balance,
      { currency: member.currency, minor_unit: member.minorUnit },
      memberSpeech(member, t),
    ),
  });
}

export const deleteCustomerFlow: Flow = defineFlow({
  command: "deletecustomer",
  usage: "/deletecustomer",
  needsCustomer: true,
  steps: [],
  split: () => ({}),
  // Only deleting someone whose balance is not zero needs the PIN, and only once confirmed.
  pin: (params) => params.confirmed === true && params.owes === true,
  noun: (t) => t("customers-delete-noun"),
  action: (params, c, member, t) =>
    t("customers-delete-action", {
      customer: withBalance(c?.name ?? t("customers-the-customer"), params, member, t),
    }),
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    const lang = langOf(ctx);
    if (params.confirmed === true) {
      await withLoader(ctx, ctx.t("customers-delete-loader"), async () => {
        const r = await ctx.services.ledger.customers.archive({
          ...changeBy(ctx),
          customerId,
        });
        if (ctx.session.selected?.id === customerId) ctx.session.selected = undefined;
        const kept = r.customer.balance !== 0
          ? ` ${
            ctx.t("customers-deleted-balance", {
              balance: balanceText(r.customer.balance, r.shop, lang),
            })
          }`
          : "";
        return {
          text: `${ctx.t("customers-deleted", { name: bold(r.customer.full_name) })}${kept}\n${
            ctx.t("customers-deleted-undo")
          }`,
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
      await say(ctx, ctx.t("customers-delete-already", { name: bold(c.full_name) }));
      return;
    }
    const owed = c.balance > 0
      ? ctx.t("customers-delete-owes", { amount: bold(money(c.balance, s.shop, lang)) })
      : c.balance < 0
      ? ctx.t("customers-delete-advance", { amount: bold(money(-c.balance, s.shop, lang)) })
      : ctx.t("customers-delete-settled");
    if (c.balance !== 0 && ctx.session.member?.role !== "owner") {
      await say(ctx, ctx.t("customers-delete-owner-only", { owed }));
      return;
    }
    await say(
      ctx,
      `${ctx.t("customers-delete-ask", { name: bold(c.full_name), owed })}\n${
        ctx.t("customers-delete-ask-details")
      }${c.balance !== 0 ? `\n${ctx.t("customers-delete-ask-pin")}` : ""}`,
      new InlineKeyboard()
        .text(
          ctx.t("customers-delete-yes"),
          CALLBACKS.deleteYes.build(c.id, c.balance !== 0 ? 1 : 0),
        )
        .text(ctx.t("customers-delete-no"), CALLBACKS.deleteNo.build()),
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
    question: (t) => t("customers-rename-question"),
    ask: (c, _params, t) => t("customers-rename-ask", { name: bold(c.name) }),
    parse: parseNewName,
  }],
  split: (args) => ({ name: args }),
  noun: (t) => t("customers-rename-noun"),
  action: (params, c, _member, t) =>
    t("customers-rename-action", {
      name: bold(c?.name ?? t("customers-the-customer")),
      new: bold(String(params.name ?? "")),
    }),
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    const lang = langOf(ctx);
    await withLoader(ctx, ctx.t("customers-rename-loader"), async () => {
      const r = await ctx.services.ledger.customers.rename({
        ...changeBy(ctx),
        customerId,
        fullName: String(params.name),
      });
      if (ctx.session.selected?.id === customerId) {
        ctx.session.selected = { id: customerId, name: r.customer.full_name };
      }
      return {
        text: `${
          ctx.t("customers-renamed", { old: bold(r.old_name), new: bold(r.customer.full_name) })
        }\n${ctx.t("customers-renamed-undo")}${
          r.look_alike ? `\n${lookAlikeWarning(r.look_alike, r.shop, lang)}` : ""
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
    question: (t) => t("customers-nickname-question"),
    ask: (c, _params, t) => t("customers-nickname-ask", { name: bold(c.name) }),
    parse: parseNickname,
  }],
  split: (args) => ({ nickname: args }),
  noun: (t) => t("customers-nickname-noun"),
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    await withLoader(ctx, ctx.t("customers-nickname-loader"), async () => {
      const r = await ctx.services.ledger.customers.addNickname({
        ...changeBy(ctx),
        customerId,
        nickname: String(params.nickname),
      });
      return {
        text: `${
          ctx.t("customers-nickname-added", {
            name: bold(r.customer.full_name),
            nickname: escapeHtml(r.nickname),
          })
        }\n${ctx.t("customers-nickname-undo")}`,
      };
    });
  },
});

export const phoneFlow: Flow = defineFlow({
  command: "phone",
  usage: "/phone 0590000000",
  needsCustomer: true,
  whoQuestion: (t) => t("customers-phone-who"),
  steps: [{
    key: "phone",
    question: (t) => t("customers-phone-question"),
    ask: (c, _params, t) => t("customers-phone-ask", { name: bold(c.name) }),
    numeric: true,
    parse: parsePhoneChange,
  }],
  split: (args) => ({ phone: args }),
  noun: (t) => t("customers-phone-noun"),
  async run(ctx, params, customer) {
    const customerId = customerOf(params, customer);
    if (Array.isArray(params.phone)) return await editPhones(ctx, customerId, params.phone);
    await withLoader(ctx, ctx.t("customers-phone-loader"), async () => {
      const r = await ctx.services.ledger.customers.setPhone({
        ...changeBy(ctx),
        customerId,
        phone: String(params.phone ?? "") || null,
      });
      const name = bold(r.customer.full_name);
      const phone = escapeHtml(r.customer.phone ?? "");
      const old = escapeHtml(r.old_phone ?? "");
      const lines = [
        !r.customer.phone
          ? ctx.t("customers-phone-removed", { name, old })
          : r.old_phone
          ? ctx.t("customers-phone-changed", { name, phone, old })
          : ctx.t("customers-phone-set", { name, phone }),
      ];
      if (r.same_phone) {
        lines.push(ctx.t("customers-added-same-phone", { name: bold(r.same_phone.full_name) }));
      }
      lines.push(ctx.t("customers-phone-undo"));
      return { text: lines.join("\n") };
    });
  },
});

const PHONES_DONE: Record<PhoneOp, string> = {
  add: "customers-phones-add",
  remove: "customers-phones-remove",
  main: "customers-phones-main",
};

/** /phone add 059…, /phone remove 059…, /phone main 059…: the customer's other phones. */
async function editPhones(ctx: PayContext, customerId: number, [op, phone]: string[]) {
  await withLoader(ctx, ctx.t("customers-phone-loader"), async () => {
    const r = await ctx.services.ledger.customers.editPhones({
      ...changeBy(ctx),
      customerId,
      op: op as PhoneOp,
      phone,
    });
    const name = bold(r.customer.full_name);
    const all = [r.customer.phone, ...r.customer.other_phones].filter(Boolean).join(
      localeOf(ctx) === "ar" ? "، " : ", ",
    );
    const lines = [
      ctx.t(PHONES_DONE[r.op], {
        name,
        phone: escapeHtml(r.phone),
      }),
      ctx.t("customers-phones-now", { phones: escapeHtml(all || "—") }),
    ];
    if (r.same_phone) {
      lines.push(ctx.t("customers-added-same-phone", { name: bold(r.same_phone.full_name) }));
    }
    lines.push(ctx.t("customers-phones-undo"));
    return { text: lines.join("\n") };
  });
}

/**
 * The household block of /summary within `budget` visible characters: each linked
 * account while they fit, "…and N more", and always the group's total.
 */
export function householdLines(
  self: { full_name: string; balance: number },
  links: Links,
  shop: Money,
  budget: number,
  lang?: Speech,
): string[] {
  const t = lang?.t ?? englishT;
  const member = (c: { full_name: string; balance: number }) =>
    `• ${bold(clip(c.full_name, 80))} — ${balanceText(c.balance, shop, lang)}`;
  const title = t("customers-household-title");
  const total = t("customers-household-together", {
    total: bold(balanceText(links.total, shop, lang)),
  });
  const everyone = [member(self), ...links.customers.map(member)];
  const more = t("customers-household-more", { count: everyone.length });
  const fitted = fitLines(everyone, budget - visibleLength(`${title}\n${more}\n${total}`) - 2);
  const lines = [title, ...fitted.lines];
  if (fitted.omitted) lines.push(t("customers-household-more", { count: fitted.omitted }));
  return [...lines, total];
}

/** How many entries /summary shows as "Latest", and how many undone ones after them. */
const LATEST = 5;
const LATEST_UNDONE = 3;

export const customers = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const customersCommands = defineCommands({
  addcustomer: {
    area: "customers",
    role: "member",
    menu: true,
  },
  summary: {
    area: "customers",
    role: "member",
    menu: true,
  },
  deletecustomer: {
    area: "customers",
    role: "member",
    menu: true,
  },
  rename: {
    area: "customers",
    role: "member",
    menu: true,
  },
  nickname: {
    area: "customers",
    role: "member",
  },
  phone: {
    area: "customers",
    role: "member",
  },
});
customers.command(customersCommands.addcustomer.names, (ctx) => beginFlow(ctx, addCustomerFlow));

customers.command(customersCommands.summary.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const selected = ctx.session.selected;
  if (!selected) {
    await say(ctx, ctx.t("customers-summary-none-selected"));
    return;
  }
  const lang = langOf(ctx);
  await cosmetic(() => ctx.replyWithChatAction("typing"));
  const s = await readOrExplain(ctx, async () => {
    try {
      return await ctx.services.ledger.customerSummary(ctx.from!.id, selected.id, 30);
    } catch (error) {
      if (error instanceof LedgerError && error.code === "customer_not_found") {
        ctx.session.selected = undefined;
      }
      throw error;
    }
  });
  if (!s) return;
  const lines = [
    customerCard(s.customer, s.shop, lang, { neverBought: s.totals.count === 0 }),
    // Due and overdue, the terms and the limit (overdue area: only the lines that say something).
    ...duesLines(s.customer.balance, s.dues, s.credit, todayIn(s.shop.timezone), s.shop, lang),
    "",
    ctx.t("customers-summary-totals", {
      purchases: money(s.totals.purchases, s.shop, lang),
      payments: money(s.totals.payments, s.shop, lang),
      count: s.totals.count,
    }),
  ];
  if (s.totals.last_payment_at) {
    lines.push(
      ctx.t("customers-summary-last-payment", { when: dateTime(s.totals.last_payment_at, lang) }),
    );
  }
  if (s.merged_into) {
    lines.push(ctx.t("customers-summary-merged", { name: bold(s.merged_into.full_name) }));
  }
  // Real entries first; undone ones after them, marked, so they never crowd the rest out.
  const real = s.recent.filter((t) => !t.voided_at).slice(0, LATEST);
  const undone = s.recent.filter((t) => t.voided_at).slice(0, LATEST_UNDONE);
  const latest = [
    real.length || undone.length
      ? ctx.t("customers-summary-latest")
      : ctx.t("customers-summary-no-entries"),
  ];
  for (const t of [...real, ...undone]) latest.push(transactionLine(t, s.shop, lang));
  if (s.links?.customers.length) {
    const used = visibleLength([...lines, ...latest].join("\n")) + 4;
    lines.push("", ...householdLines(s.customer, s.links, s.shop, LIST_BUDGET - used, lang));
  }
  lines.push("", ...latest);
  const keyboard = new InlineKeyboard();
  // "🔗 Connect Telegram", or for an owner "Unlink Telegram" once linked (connect.ts).
  if (!s.telegram_linked) {
    keyboard.text(ctx.t("connect-card-connect"), CALLBACKS.connectCustomer.build(s.customer.id));
  } else if (s.member?.role === "owner") {
    keyboard.text(ctx.t("connect-card-unlink"), CALLBACKS.unlinkCustomer.build(s.customer.id));
  }
  // The reminder buttons (reminders.ts).
  if (s.customer.balance > 0) {
    keyboard.row().text(
      ctx.t("reminders-card-button"),
      CALLBACKS.remindCustomer.build(s.customer.id),
    );
  }
  await say(
    ctx,
    lines.join("\n"),
    keyboard.inline_keyboard.flat().length ? keyboard : undefined,
  );
});
customers.command(
  customersCommands.deletecustomer.names,
  (ctx) => beginFlow(ctx, deleteCustomerFlow),
);
customers.command(customersCommands.rename.names, (ctx) => beginFlow(ctx, renameFlow));
customers.command(customersCommands.nickname.names, (ctx) => beginFlow(ctx, nicknameFlow));
customers.command(customersCommands.phone.names, (ctx) => beginFlow(ctx, phoneFlow));

/** "Add anyway" under a duplicate warning: adds the customer held back. */
customers.callbackQuery(CALLBACKS.addAnyway.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const held = ctx.session.heldCustomer;
  if (!held) {
    await say(ctx, ctx.t("customers-dup-expired"));
    return;
  }
  await addNow(ctx, held, true);
});

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
  await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("customers-delete-kept") }));
  await cosmetic(() => ctx.editMessageText(ctx.t("customers-delete-nothing")));
});
