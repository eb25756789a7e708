/**
 * The shop's team: /invite (a one-time deep link), /start <code> (joining with it),
 * /members (roles; owners change a role or remove someone, with confirmation) and
 * /leave (with Yes/No; the last owner must hand over first). The ledger enforces every
 * rule; this feature asks, confirms and explains.
 */
import { type Digits, localeFromTelegram } from "../../domain/language.ts";
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { MemberRole } from "../../db/ledger.ts";
import type { TeamList, TeamMember } from "../../db/ledger/team.ts";
import type { Translate } from "../../i18n/i18n.ts";
import { dateTime } from "../../text/format.ts";
import { fitLines, LIST_BUDGET, visibleLength } from "../../text/fit.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { friendlyError } from "../friendly_errors.ts";
import { inDigits, langOf, noticeLang } from "../lang.ts";
import { rememberMember, requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";

export const team = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const teamCommands = defineCommands({
  members: {
    area: "team",
    role: "member",
    menu: true,
  },
  invite: {
    area: "team",
    role: "owner",
    menu: true,
  },
  leave: {
    area: "team",
    role: "member",
    menu: true,
  },
});

/** What each role may do, in one sentence. */
export function roleRights(ctx: PayContext | { t: Translate }, role: MemberRole): string {
  return ctx.t(role === "owner" ? "team-rights-owner" : "team-rights-clerk");
}

const ROLE_ICON: Record<MemberRole, string> = { owner: "👑", clerk: "🧾" };

/** "an owner" / "a clerk". */
function aRole(ctx: PayContext, role: MemberRole): string {
  return ctx.t(role === "owner" ? "team-a-owner" : "team-a-clerk");
}

/** "owner" / "clerk". */
function roleName(ctx: PayContext | { t: Translate }, role: MemberRole): string {
  return ctx.t(role === "owner" ? "team-role-owner" : "team-role-clerk");
}

function displayName(ctx: PayContext): string {
  const from = ctx.from!;
  return [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username ||
    `user ${from.id}`;
}

// ----------------------------------------------------------------------------
// /start <code>: joining with an invite link
// ----------------------------------------------------------------------------

team.command("start", async (ctx, next) => {
  const code = ctx.match.trim();
  if (!code) return next();
  await withLoader(ctx, ctx.t("team-checking-invite"), async () => {
    // A wrong, used or expired code is refused by the ledger (a friendly sentence).
    const result = await ctx.services.ledger.team.redeemInvite({
      ...changeBy(ctx),
      code: code.slice(0, 100),
      displayName: displayName(ctx),
      language: localeFromTelegram(ctx.from?.language_code),
    });
    rememberMember(ctx, result);
    const shop = `${bold(result.shop.name)} (${escapeHtml(result.shop.currency)})`;
    const name = escapeHtml(ctx.from!.first_name);
    const role = aRole(ctx, result.member.role);
    if (result.status === "already_member") {
      return { text: ctx.t("team-already-member", { name, role, shop }) };
    }
    ctx.session.selected = undefined;
    ctx.session.pending = undefined;
    return {
      text: [
        ctx.t("team-welcome", { name, shop, role }),
        roleRights(ctx, result.member.role),
        ctx.t("team-welcome-next"),
      ].join("\n"),
    };
  });
});

// ----------------------------------------------------------------------------
// /invite
// ----------------------------------------------------------------------------

/** "", "clerk" → clerk; "owner", "co-owner" → owner; anything else → undefined. */
export function inviteRole(text: string): MemberRole | undefined {
  const word = text.trim().toLowerCase().replace(/^-+/, "");
  if (word === "" || word === "clerk" || word === "staff") return "clerk";
  if (["owner", "co-owner", "coowner", "partner", "مالك", "شريك"].includes(word)) return "owner";
  return undefined;
}

team.command(teamCommands.invite.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const role = inviteRole(ctx.match);
  if (!role) {
    await say(ctx, ctx.t("team-invite-usage"));
    return;
  }
  await withLoader(ctx, ctx.t("team-invite-making"), async () => {
    const result = await ctx.services.ledger.team.createInvite({
      ...changeBy(ctx),
      role,
    });
    if (!result.code) {
      return { text: ctx.t("team-invite-gone") };
    }
    const lang = langOf(ctx);
    const link = `https://t.me/${ctx.me.username}?start=${result.code}`;
    // The share text is plain (no HTML): Fluent isolation marks are fine in it.
    const share = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${
      encodeURIComponent(ctx.t("team-invite-share-text", { shop: result.shop.name }))
    }`;
    return {
      keyboard: new InlineKeyboard().url(ctx.t("team-invite-share-button"), share),
      text: [
        ctx.t(role === "owner" ? "team-invite-for-owner" : "team-invite-for-clerk", {
          shop: bold(result.shop.name),
        }),
        `<code>${escapeHtml(link)}</code>`,
        ctx.t("team-invite-until", {
          when: dateTime(result.invite.expires_at, lang),
          zone: escapeHtml(lang.timeZone),
        }),
        role === "owner"
          ? ctx.t("team-invite-owner-warning", { rights: roleRights(ctx, "owner") })
          : roleRights(ctx, "clerk"),
      ].join("\n"),
    };
  });
});

// ----------------------------------------------------------------------------
// /members
// ----------------------------------------------------------------------------

function memberLine(ctx: PayContext, m: TeamMember, you: number): string {
  const lang = langOf(ctx);
  return ctx.t("team-member-line", {
    icon: ROLE_ICON[m.role],
    name: bold(m.display_name || ctx.t("team-user", { id: String(m.user_id) })),
    you: m.user_id === you ? ctx.t("team-you") : "",
    role: roleName(ctx, m.role),
    since: dateTime(m.joined_at, lang).replace(/[,،].*$/, ""),
  });
}

function membersView(
  ctx: PayContext,
  list: TeamList,
): { text: string; keyboard?: InlineKeyboard } {
  const you = list.you.user_id;
  const lines = [
    ctx.t("team-members-title", { shop: bold(list.shop.name), count: list.members.length }),
    ...list.members.map((m) => memberLine(ctx, m, you)),
  ];
  if (list.former.length) {
    const former = list.former.slice(0, 5).map((m) => escapeHtml(m.display_name)).join(", ");
    lines.push(ctx.t("team-former", { names: `${former}${list.former.length > 5 ? ", …" : ""}` }));
  }
  if (list.you.role !== "owner") {
    lines.push("", ctx.t("team-members-clerk-note"));
    return { text: lines.join("\n") };
  }
  if (list.open_invites) {
    lines.push(ctx.t("team-open-invites", { count: list.open_invites }));
  }
  lines.push("", ctx.t("team-members-hint"));
  const keyboard = new InlineKeyboard();
  for (const m of list.members.filter((m) => m.user_id !== you)) {
    keyboard.text(
      ctx.t("team-member-button", { name: m.display_name }).slice(0, 40),
      CALLBACKS.member.build(m.user_id),
    ).row();
  }
  if (list.open_invites) {
    keyboard.text(
      ctx.t("team-invites-button", { count: list.open_invites }),
      CALLBACKS.inviteList.build(),
    ).row();
  }
  return { text: lines.join("\n"), keyboard };
}

team.command(teamCommands.members.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.team.listMembers(ctx.from!.id));
  if (!list) return;
  rememberMember(ctx, { member: list.you, shop: list.shop });
  const view = membersView(ctx, list);
  await say(ctx, view.text, view.keyboard);
});

/** The team as an owner sees it, and one member of it; answers and resolves undefined otherwise. */
async function ownerAndMember(
  ctx: PayContext,
  userId: number,
): Promise<{ list: TeamList; member: TeamMember } | undefined> {
  if (!(await requireMember(ctx))) return undefined;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.team.listMembers(ctx.from!.id));
  if (!list) return undefined;
  if (list.you.role !== "owner") {
    await say(ctx, ctx.t("team-owners-only"));
    return undefined;
  }
  const member = list.members.find((m) => m.user_id === userId);
  if (!member) {
    await say(ctx, `⚠️ ${friendlyError("member_not_found", ctx.t)}`);
    return undefined;
  }
  if (member.user_id === list.you.user_id) {
    await say(ctx, ctx.t("team-thats-you"));
    return undefined;
  }
  return { list, member };
}

/** A member's card with what an owner can do. */
team.callbackQuery(CALLBACKS.member.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const found = await ownerAndMember(ctx, Number(ctx.match[1]));
  if (!found) return;
  const { member } = found;
  const other: MemberRole = member.role === "owner" ? "clerk" : "owner";
  await say(
    ctx,
    ctx.t("team-member-card", { line: memberLine(ctx, member, 0), id: String(member.user_id) }),
    new InlineKeyboard()
      .text(
        ctx.t("team-make-button", { icon: ROLE_ICON[other], kind: other }),
        CALLBACKS.memberRole.build(member.user_id, other),
      )
      .row()
      .text(ctx.t("team-remove-button"), CALLBACKS.memberRemove.build(member.user_id)).row()
      .text(ctx.t("team-close-button"), CALLBACKS.memberClose.build()),
  );
});

team.callbackQuery(CALLBACKS.memberRole.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const found = await ownerAndMember(ctx, Number(ctx.match[1]));
  if (!found) return;
  const role = ctx.match[2] as MemberRole;
  const name = bold(found.member.display_name);
  await say(
    ctx,
    `${ctx.t("team-make-ask", { name, role: aRole(ctx, role) })}\n${roleRights(ctx, role)}`,
    new InlineKeyboard()
      .text(ctx.t("team-yes-button"), CALLBACKS.memberRoleYes.build(found.member.user_id, role))
      .text(ctx.t("team-no-button"), CALLBACKS.memberClose.build()),
  );
});

team.callbackQuery(CALLBACKS.memberRemove.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const found = await ownerAndMember(ctx, Number(ctx.match[1]));
  if (!found) return;
  await say(
    ctx,
    ctx.t("team-remove-ask", {
      name: bold(found.member.display_name),
      shop: bold(found.list.shop.name),
    }),
    new InlineKeyboard()
      .text(ctx.t("team-remove-yes-button"), CALLBACKS.memberRemoveYes.build(found.member.user_id))
      .text(ctx.t("team-no-button"), CALLBACKS.memberClose.build()),
  );
});

team.callbackQuery(CALLBACKS.memberClose.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("team-nothing-changed") }));
  await cosmetic(() => ctx.editMessageText(ctx.t("team-nothing-changed")));
});

/** Tells a member about a change to their membership (cosmetic: they may have blocked the bot). */
async function notify(
  ctx: PayContext,
  userId: number,
  text: string,
  digits: Digits,
): Promise<void> {
  await cosmetic(() => ctx.api.sendMessage(userId, inDigits(text, digits), { parse_mode: "HTML" }));
}

team.callbackQuery(CALLBACKS.memberRoleYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const role = ctx.match[2] as MemberRole;
  let changed: { id: number; text: string; digits: Digits } | undefined;
  await withLoader(ctx, ctx.t("team-changing-role"), async () => {
    const result = await ctx.services.ledger.team.changeRole({
      ...changeBy(ctx),
      member: Number(ctx.match[1]),
      role,
    });
    // The notice is in the member's language (else the shop's), not the owner's.
    const theirs = noticeLang(result.recipient, result.shop);
    changed = {
      id: result.member.user_id,
      text: theirs.t("team-role-notice", {
        shop: bold(result.shop.name),
        role: roleName(theirs, role),
        rights: roleRights(theirs, role),
      }),
      digits: theirs.digits,
    };
    return {
      text: ctx.t("team-role-done", {
        name: bold(result.member.display_name),
        role: aRole(ctx, role),
      }),
    };
  });
  if (changed) await notify(ctx, changed.id, changed.text, changed.digits);
});

team.callbackQuery(CALLBACKS.memberRemoveYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  let removed: { id: number; text: string; digits: Digits } | undefined;
  await withLoader(ctx, ctx.t("team-removing"), async () => {
    const result = await ctx.services.ledger.team.removeMember({
      ...changeBy(ctx),
      member: Number(ctx.match[1]),
    });
    const theirs = noticeLang(result.recipient, result.shop);
    removed = {
      id: result.member.user_id,
      text: theirs.t("team-removed-notice", { shop: bold(result.shop.name) }),
      digits: theirs.digits,
    };
    return { text: ctx.t("team-removed-done", { name: bold(result.member.display_name) }) };
  });
  if (removed) await notify(ctx, removed.id, removed.text, removed.digits);
});

// ----------------------------------------------------------------------------
// Invite links not used yet: listed from /members, withdrawn with a button
// ----------------------------------------------------------------------------

async function showInvites(ctx: PayContext): Promise<void> {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.team.listInvites(ctx.from!.id));
  if (!list) return;
  if (!list.invites.length) return await say(ctx, ctx.t("team-invites-none"));
  const lang = langOf(ctx);
  const keyboard = new InlineKeyboard();
  const title = ctx.t("team-invites-title", { shop: bold(list.shop.name) });
  const hint = ctx.t("team-invites-hint");
  // As many links as fit in one message (and its 100 buttons); the rest counted.
  const fitted = fitLines(
    list.invites.slice(0, 90).map((invite, i) =>
      ctx.t("team-invite-line", {
        n: i + 1,
        kind: invite.role,
        by: bold(invite.created_by_name),
        made: dateTime(invite.created_at, lang),
        until: dateTime(invite.expires_at, lang),
      })
    ),
    LIST_BUDGET - visibleLength(title) - visibleLength(hint) - 100,
  );
  const lines = [title, ...fitted.lines];
  fitted.lines.forEach((_, i) => {
    const invite = list.invites[i];
    keyboard.text(
      ctx.t("team-invite-revoke-button", { n: i + 1, role: roleName(ctx, invite.role) }),
      CALLBACKS.inviteRevoke.build(invite.id),
    ).row();
  });
  const omitted = list.invites.length - fitted.lines.length;
  if (omitted) lines.push(ctx.t("team-invites-more", { count: omitted }));
  lines.push("", hint);
  await say(ctx, lines.join("\n"), keyboard);
}

team.callbackQuery(CALLBACKS.inviteList.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  await showInvites(ctx);
});

team.callbackQuery(CALLBACKS.inviteRevoke.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await withLoader(ctx, ctx.t("team-invite-revoking"), async () => {
    const result = await ctx.services.ledger.team.revokeInvite({
      ...changeBy(ctx),
      invite: Number(ctx.match[1]),
    });
    return {
      text: ctx.t("team-invite-revoked", {
        kind: result.invite.role,
        count: result.open_invites,
      }),
    };
  });
});

// ----------------------------------------------------------------------------
// /leave
// ----------------------------------------------------------------------------

team.command(teamCommands.leave.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.team.listMembers(ctx.from!.id));
  if (!list) return;
  const owners = list.members.filter((m) => m.role === "owner").length;
  if (list.you.role === "owner" && owners <= 1) {
    await say(ctx, ctx.t("team-leave-last-owner"));
    return;
  }
  await say(
    ctx,
    ctx.t("team-leave-ask", { shop: bold(list.shop.name) }),
    new InlineKeyboard().text(ctx.t("team-leave-yes-button"), CALLBACKS.leaveYes.build())
      .text(ctx.t("team-leave-no-button"), CALLBACKS.leaveNo.build()),
  );
});

team.callbackQuery(CALLBACKS.leaveNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: ctx.t("team-leave-stay") }));
  await cosmetic(() => ctx.editMessageText(ctx.t("team-leave-stayed")));
});

team.callbackQuery(CALLBACKS.leaveYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await withLoader(ctx, ctx.t("team-leaving"), async () => {
    const result = await ctx.services.ledger.team.leave({
      ...changeBy(ctx),
    });
    ctx.session.member = undefined;
    ctx.session.selected = undefined;
    ctx.session.pending = undefined;
    ctx.session.lastQuery = undefined;
    return { text: ctx.t("team-left", { shop: bold(result.shop.name) }) };
  });
});
