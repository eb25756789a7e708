/**
 * The shop's team: one-time invite links, joining with one, the member list, role
 * changes, removal and leaving. One method per SQL function (supabase/schemas/40_team.sql).
 */
import type { Change, Digits, Locale, Member, MemberRole, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

/**
 * Someone the bot tells about another member's action (a role change, a removal, a PIN
 * reset), with the language and digits to write it in: theirs, else the shop's
 * (private.notice_recipient, 20261202000700_notice_languages.sql).
 */
export interface NoticeRecipient {
  user_id: number;
  language: Locale;
  digits: Digits;
}

/** A member as the team list shows them. */
export interface TeamMember {
  user_id: number;
  role: MemberRole;
  display_name: string;
  joined_at: string;
}

export interface InviteResult {
  invite: { id: number; role: MemberRole; expires_at: string };
  /**
   * The code for `t.me/<bot>?start=<code>`. Only its hash is stored, so a redelivered
   * /invite gets a fresh code for the same invite; absent when that invite was used or
   * has expired meanwhile.
   */
  code?: string;
  shop: Shop;
}

export interface RedeemResult {
  /** joined: now a member; already_member: the link leads to the shop they are in. */
  status: "joined" | "already_member";
  member: Member;
  shop: Shop;
}

export interface TeamList {
  /** The member asking. */
  you: Member;
  /** Current members, owners first. */
  members: TeamMember[];
  /** Members who left or were removed, latest first (their actions stay in the history). */
  former: (TeamMember & { removed_at: string })[];
  /** Invite links made and not yet used or expired. */
  open_invites: number;
  shop: Shop;
}

/** An invite link not used, withdrawn or expired yet. */
export interface OpenInvite {
  id: number;
  role: MemberRole;
  created_at: string;
  expires_at: string;
  created_by: number;
  created_by_name: string;
}

export interface InviteList {
  invites: OpenInvite[];
  shop: Shop;
}

export interface RevokeInviteResult {
  invite: { id: number; role: MemberRole; created_at: string; expires_at: string };
  /** Invite links still open after this one was withdrawn. */
  open_invites: number;
  shop: Shop;
}

export interface RoleChangeResult {
  member: TeamMember;
  from: MemberRole;
  shop: Shop;
  /** The member to tell (absent in an answer stored before 20261202000700). */
  recipient?: NoticeRecipient | null;
}

export interface RemoveResult {
  member: TeamMember;
  shop: Shop;
  /** The removed member to tell (absent in an answer stored before 20261202000700). */
  recipient?: NoticeRecipient | null;
}

export interface LeaveResult {
  member: Member;
  shop: Shop;
}

/** Team operations, reached as `ledger.team`. */
export class TeamOps {
  constructor(private call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** Owner: a one-time invite code making whoever opens it a member with `role` (24 h). */
  createInvite(input: Change & { role?: MemberRole }): Promise<InviteResult> {
    return this.call("create_invite", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_role: input.role ?? "clerk",
    });
  }

  /**
   * `/start <code>`: joins the invite's shop. Refuses invite_invalid, invite_used,
   * invite_expired, and already_in_a_shop for a member of another shop.
   */
  redeemInvite(
    input: Change & { code: string; displayName: string; language?: Locale | null },
  ): Promise<RedeemResult> {
    return this.call("redeem_invite", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_code: input.code,
      p_display_name: input.displayName,
      p_language: input.language ?? null,
    });
  }

  /** The shop's current members and roles. */
  listMembers(actor: number): Promise<TeamList> {
    return this.call("list_members", { p_actor: actor });
  }

  /** Owner: the invite links not used, withdrawn or expired yet. */
  listInvites(actor: number): Promise<InviteList> {
    return this.call("list_invites", { p_actor: actor });
  }

  /**
   * Owner: withdraws an unused invite link (logged); opening it then is refused with
   * invite_withdrawn. Refuses invite_invalid, invite_used, invite_expired, invite_withdrawn.
   */
  revokeInvite(input: Change & { invite: number }): Promise<RevokeInviteResult> {
    return this.call("revoke_invite", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_invite_id: input.invite,
    });
  }

  /** Owner: makes `member` an owner or a clerk (never leaving the shop without an owner). */
  changeRole(input: Change & { member: number; role: MemberRole }): Promise<RoleChangeResult> {
    return this.call("change_member_role", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_member: input.member,
      p_role: input.role,
    });
  }

  /** Owner: removes another member; they lose access at once. */
  removeMember(input: Change & { member: number }): Promise<RemoveResult> {
    return this.call("remove_member", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_member: input.member,
    });
  }

  /** /leave: the actor leaves their shop (the last owner is refused with last_owner). */
  leave(input: Change): Promise<LeaveResult> {
    return this.call("leave_shop", { p_actor: input.actor, p_update_id: input.updateId });
  }
}
