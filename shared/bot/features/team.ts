/**
 * The shop's team: /invite (a one-time deep link), /start <code> (joining with it),
 * /members (roles; owners change a role or remove someone, with confirmation) and
 * /leave (with Yes/No; the last owner must hand over first). The ledger enforces every
 * rule; this feature asks, confirms and explains.
 */
import { Composer, InlineKeyboard } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import type { MemberRole } from "../../db/ledger.ts";
import type { TeamList, TeamMember } from "../../db/ledger/team.ts";
import { dateTime } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { changeBy } from "../change.ts";
import { friendlyError } from "../friendly_errors.ts";
import { rememberMember, requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, withLoader } from "../replies.ts";

export const team = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const teamCommands = defineCommands({
  members: {
    area: "team",
    role: "member",
    menu: "The team: roles, remove someone (owners)",
    summary:
      "Who works in the shop, and their roles. Owners tap someone to change their role or remove them.",
    examples: ["/members"],
    details:
      "An owner can do everything; a clerk adds customers, records purchases, payments and spending, " +
      "searches and views. Deleting, merging, exporting, settings and the team are for owners.",
  },
  invite: {
    area: "team",
    role: "owner",
    menu: "A one-time link for a new clerk (or: /invite owner)",
    summary: "Owners: a one-time link that makes whoever opens it a clerk (or a co-owner).",
    examples: ["/invite", "/invite owner"],
    details: "The link works once, for 24 hours. Send it only to the person you want to add.",
  },
  leave: {
    area: "team",
    role: "member",
    menu: "Leave this shop",
    summary:
      "Leave the shop (asks Yes/No first). The last owner must make someone else an owner first.",
    examples: ["/leave"],
  },
});

/** What each role may do, in one sentence. */
export const ROLE_RIGHTS: Record<MemberRole, string> = {
  owner:
    "An owner can do everything, including deleting, merging, exporting, settings and the team.",
  clerk:
    "A clerk can add customers, record purchases, payments and spending, search and view; deleting, merging, exporting, settings and the team are for owners.",
};

const ROLE_ICON: Record<MemberRole, string> = { owner: "👑", clerk: "🧾" };

/** "an owner" / "a clerk". */
function aRole(role: MemberRole): string {
  return role === "owner" ? "an owner" : "a clerk";
}

function displayName(ctx: PayContext): string {
  const from = ctx.from!;
  return [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username ||
    `user ${from.id}`;
}

/** The refusal for a team change asked by a clerk (the ledger refuses it too). */
const OWNERS_ONLY = "🔒 Changing the team needs the owner role. Ask an owner of the shop.";

// ----------------------------------------------------------------------------
// /start <code>: joining with an invite link
// ----------------------------------------------------------------------------

team.command("start", async (ctx, next) => {
  const code = ctx.match.trim();
  if (!code) return next();
  await withLoader(ctx, "Checking the invite…", async () => {
    // A wrong, used or expired code is refused by the ledger (a friendly sentence).
    const result = await ctx.services.ledger.team.redeemInvite({
      ...changeBy(ctx),
      code: code.slice(0, 100),
      displayName: displayName(ctx),
    });
    rememberMember(ctx, result);
    const shop = `${bold(result.shop.name)} (${escapeHtml(result.shop.currency)})`;
    const name = escapeHtml(ctx.from!.first_name);
    if (result.status === "already_member") {
      return {
        text: `👋 ${name}, you are already ${aRole(result.member.role)} of ${shop}. ` +
          "This link stays unused for the person it was meant for.",
      };
    }
    ctx.session.selected = undefined;
    ctx.session.pending = undefined;
    return {
      text: [
        `👋 Welcome, ${name}! You joined ${shop} as ${aRole(result.member.role)}.`,
        ROLE_RIGHTS[result.member.role],
        "Find a customer with /search, or see /help.",
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
  if (["owner", "co-owner", "coowner", "partner"].includes(word)) return "owner";
  return undefined;
}

team.command(teamCommands.invite.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const role = inviteRole(ctx.match);
  if (!role) {
    await say(
      ctx,
      "Send /invite for a clerk's link, or <code>/invite owner</code> for a co-owner's.",
    );
    return;
  }
  await withLoader(ctx, "Making an invite link…", async () => {
    const result = await ctx.services.ledger.team.createInvite({
      ...changeBy(ctx),
      role,
    });
    if (!result.code) {
      return { text: "That invite was already used or has expired. Send /invite for a new one." };
    }
    const link = `https://t.me/${ctx.me.username}?start=${result.code}`;
    const share = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${
      encodeURIComponent(`Join ${result.shop.name} on PayTrack`)
    }`;
    return {
      keyboard: new InlineKeyboard().url("📤 Send the link to someone", share),
      text: [
        `🔗 An invite link for a new ${role === "owner" ? "co-owner" : "clerk"} of ${
          bold(result.shop.name)
        }:`,
        `<code>${escapeHtml(link)}</code>`,
        `It works once, until ${dateTime(result.invite.expires_at)} UTC (24 hours). ` +
        "Send it only to the person you want to add: whoever opens it first joins.",
        role === "owner"
          ? `⚠️ ${ROLE_RIGHTS.owner} A co-owner can also remove you.`
          : ROLE_RIGHTS.clerk,
      ].join("\n"),
    };
  });
});

// ----------------------------------------------------------------------------
// /members
// ----------------------------------------------------------------------------

function memberLine(m: TeamMember, you: number): string {
  const me = m.user_id === you ? " (you)" : "";
  return `${ROLE_ICON[m.role]} ${bold(m.display_name || `user ${m.user_id}`)}${me} — ${m.role}` +
    ` · since ${dateTime(m.joined_at).replace(/,.*$/, "")}`;
}

function membersView(list: TeamList): { text: string; keyboard?: InlineKeyboard } {
  const you = list.you.user_id;
  const lines = [
    `👥 ${bold(list.shop.name)} — ${list.members.length} member${
      list.members.length === 1 ? "" : "s"
    }`,
    ...list.members.map((m) => memberLine(m, you)),
  ];
  if (list.former.length) {
    const former = list.former.slice(0, 5).map((m) => escapeHtml(m.display_name)).join(", ");
    lines.push(`<i>Former: ${former}${list.former.length > 5 ? ", …" : ""}</i>`);
  }
  if (list.you.role !== "owner") {
    lines.push("", "Only owners can invite people or change the team.");
    return { text: lines.join("\n") };
  }
  if (list.open_invites) {
    lines.push(
      `🔗 ${list.open_invites} invite link${list.open_invites === 1 ? "" : "s"} not used yet.`,
    );
  }
  lines.push(
    "",
    "Tap someone to change their role or remove them. /invite adds someone; " +
      "<code>/history name</code> shows what someone did.",
  );
  const keyboard = new InlineKeyboard();
  for (const m of list.members.filter((m) => m.user_id !== you)) {
    keyboard.text(`⚙️ ${m.display_name}`.slice(0, 40), CALLBACKS.member.build(m.user_id)).row();
  }
  return { text: lines.join("\n"), keyboard };
}

team.command(teamCommands.members.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  const list = await readOrExplain(ctx, () => ctx.services.ledger.team.listMembers(ctx.from!.id));
  if (!list) return;
  rememberMember(ctx, { member: list.you, shop: list.shop });
  const view = membersView(list);
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
    await say(ctx, OWNERS_ONLY);
    return undefined;
  }
  const member = list.members.find((m) => m.user_id === userId);
  if (!member) {
    await say(ctx, `⚠️ ${friendlyError("member_not_found")}`);
    return undefined;
  }
  if (member.user_id === list.you.user_id) {
    await say(ctx, "That's you. To leave the shop, send /leave.");
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
    `${memberLine(member, 0)}\nTelegram id <code>${member.user_id}</code>\n` +
      `<code>/history ${member.user_id}</code> shows what they did.`,
    new InlineKeyboard()
      .text(`${ROLE_ICON[other]} Make ${other}`, CALLBACKS.memberRole.build(member.user_id, other))
      .row()
      .text("🚫 Remove from the shop", CALLBACKS.memberRemove.build(member.user_id)).row()
      .text("✖️ Close", CALLBACKS.memberClose.build()),
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
    `Make ${name} ${aRole(role)}?\n${ROLE_RIGHTS[role]}`,
    new InlineKeyboard()
      .text("✅ Yes", CALLBACKS.memberRoleYes.build(found.member.user_id, role))
      .text("✖️ No", CALLBACKS.memberClose.build()),
  );
});

team.callbackQuery(CALLBACKS.memberRemove.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  const found = await ownerAndMember(ctx, Number(ctx.match[1]));
  if (!found) return;
  await say(
    ctx,
    `Remove ${bold(found.member.display_name)} from ${bold(found.list.shop.name)}?\n` +
      "They lose access at once; what they did stays in the history.",
    new InlineKeyboard()
      .text("✅ Yes, remove", CALLBACKS.memberRemoveYes.build(found.member.user_id))
      .text("✖️ No", CALLBACKS.memberClose.build()),
  );
});

team.callbackQuery(CALLBACKS.memberClose.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: "Nothing was changed." }));
  await cosmetic(() => ctx.editMessageText("Nothing was changed."));
});

/** Tells a member about a change to their membership (cosmetic: they may have blocked the bot). */
async function notify(ctx: PayContext, userId: number, text: string): Promise<void> {
  await cosmetic(() => ctx.api.sendMessage(userId, text, { parse_mode: "HTML" }));
}

team.callbackQuery(CALLBACKS.memberRoleYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  const role = ctx.match[2] as MemberRole;
  let changed: { id: number; text: string } | undefined;
  await withLoader(ctx, "Changing the role…", async () => {
    const result = await ctx.services.ledger.team.changeRole({
      ...changeBy(ctx),
      member: Number(ctx.match[1]),
      role,
    });
    changed = {
      id: result.member.user_id,
      text: `Your role in ${bold(result.shop.name)} is now ${role}. ${ROLE_RIGHTS[role]}`,
    };
    return { text: `✅ ${bold(result.member.display_name)} is now ${aRole(role)}.` };
  });
  if (changed) await notify(ctx, changed.id, changed.text);
});

team.callbackQuery(CALLBACKS.memberRemoveYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  let removed: { id: number; text: string } | undefined;
  await withLoader(ctx, "Removing…", async () => {
    const result = await ctx.services.ledger.team.removeMember({
      ...changeBy(ctx),
      member: Number(ctx.match[1]),
    });
    removed = {
      id: result.member.user_id,
      text: `You were removed from ${bold(result.shop.name)} and can no longer use its ledger.`,
    };
    return {
      text: `✅ Removed ${bold(result.member.display_name)}. They can no longer use the ledger.`,
    };
  });
  if (removed) await notify(ctx, removed.id, removed.text);
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
    await say(
      ctx,
      "⚠️ You are the only owner of this shop, so you can't leave it yet: " +
        "make someone else an owner first (/members, or /invite owner for a new co-owner), then /leave.",
    );
    return;
  }
  await say(
    ctx,
    `Leave ${bold(list.shop.name)}? You lose access to its ledger at once; ` +
      "what you did stays in its history, and an owner can invite you again.",
    new InlineKeyboard().text("✅ Yes, leave", CALLBACKS.leaveYes.build())
      .text("✖️ No, stay", CALLBACKS.leaveNo.build()),
  );
});

team.callbackQuery(CALLBACKS.leaveNo.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery({ text: "You stay." }));
  await cosmetic(() => ctx.editMessageText("You are still a member. Nothing was changed."));
});

team.callbackQuery(CALLBACKS.leaveYes.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await withLoader(ctx, "Leaving the shop…", async () => {
    const result = await ctx.services.ledger.team.leave({
      ...changeBy(ctx),
    });
    ctx.session.member = undefined;
    ctx.session.selected = undefined;
    ctx.session.pending = undefined;
    ctx.session.lastQuery = undefined;
    return {
      text: `👋 You left ${bold(result.shop.name)}. ` +
        "To come back, ask one of its owners for a new invite link.",
    };
  });
});
