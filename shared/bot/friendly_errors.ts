/**
 * The sentences a member reads when the ledger refuses something: one per refusal code
 * ({@link friendlyError}), and the private-bot notice a non-member gets
 * ({@link strangerNotice}). replies.ts `explainRefusal` is the one place that picks
 * between them.
 */
import type { LedgerErrorCode } from "../db/errors.ts";
import { LIMITS, PHONE_INVALID, PIN_INVALID, tooLongMessage } from "../domain/limits.ts";

const MESSAGES: Record<LedgerErrorCode, string> = {
  not_a_member:
    "This bot is private to a shop: only its members can use it. Ask an owner for an invite link.",
  owner_only:
    "🔒 That needs the owner role: only a shop owner can do it. A clerk can ask an owner.",
  update_id_required: "Something went wrong with that message. Please send it again.",
  update_already_used: "That message was already handled.",
  unknown_currency: "That currency is not supported.",
  name_required: "The name can't be empty.",
  name_too_long: tooLongMessage("name", LIMITS.customerName),
  phone_invalid: PHONE_INVALID,
  nickname_too_long: tooLongMessage("nickname", LIMITS.nickname),
  customer_not_found:
    "That customer isn't in your shop (maybe an old button). Use /search to pick one.",
  customer_archived: "That customer is archived. Use /search to pick another.",
  customer_has_transactions: "That customer already has purchases or payments; undo those first.",
  nothing_to_settle: "This customer owes nothing, so there is nothing to settle.",
  amount_not_positive: "The amount must be more than zero.",
  amount_too_large: "That amount is too large.",
  description_too_long: tooLongMessage("note", LIMITS.note),
  balance_out_of_range: "That would make the balance larger than PayTrack can hold.",
  nothing_to_undo: "There is nothing left to undo.",
  action_not_found: "That action isn't in your shop's history (maybe an old button).",
  already_undone: "That was already undone.",
  not_undoable: "That can't be undone.",
  name_mixed_scripts:
    "That name mixes letters of different alphabets in one word (like a Cyrillic “о” in “John”), so it could pass for another name. Please type it in one alphabet.",
  nickname_mixed_scripts:
    "That nickname mixes letters of different alphabets in one word (like a Cyrillic “о” in “John”). Please type it in one alphabet.",
  role_invalid: "A role is either owner or clerk.",
  invite_invalid: "That invite link isn't valid. Ask the shop owner for a new one.",
  invite_used:
    "That invite link was already used: each link works once. Ask the shop owner for a new one.",
  invite_expired:
    "That invite link has expired (links work for 24 hours). Ask the shop owner for a new one.",
  already_in_a_shop:
    "You are already a member of another shop, and a Telegram account can be in one shop at a time. Send /leave there first, then open the link again.",
  member_not_found:
    "That person isn't a member of your shop any more (maybe an old button). See /members.",
  role_unchanged: "They already have that role.",
  last_owner:
    "A shop needs at least one owner: make someone else an owner first (/members), then try again.",
  cannot_remove_self: "You can't remove yourself; use /leave to leave the shop.",
  item_required: "Please say what was bought.",
  item_too_long: tooLongMessage("item", LIMITS.item),
  vendor_too_long: tooLongMessage("vendor", LIMITS.vendor),
  category_too_long: tooLongMessage("category", LIMITS.category),
  pin_required:
    "🔒 That needs the shop PIN, and the last one you gave has expired. Send the command again.",
  pin_locked: "🔒 Too many wrong PINs: PIN actions are locked for you for 15 minutes.",
  pin_invalid: PIN_INVALID,
  pin_not_set: "This shop has no PIN yet. The owner can set one with /setpin.",
  transaction_not_found: "There is no transaction with that number in your shop.",
  same_customer: "That is the same customer twice: pick another one.",
  already_linked: "These two are already linked.",
  not_linked: "This customer isn't linked to anyone.",
  name_unchanged: "That is already their name.",
  nickname_required: "The nickname can't be empty.",
  nickname_exists: "They already have that name or nickname.",
  too_many_nicknames: `A customer can have at most ${LIMITS.nicknamesPerCustomer} nicknames.`,
  tags_required: `Name at least one #tag (letters or digits, up to ${LIMITS.tag} characters).`,
  tags_unchanged: "Nothing to change: check the tags with /summary.",
  too_many_tags: `A customer can have at most ${LIMITS.tagsPerCustomer} tags.`,
  customer_merged: "That customer was merged into another; undo the merge first.",
  changed_since: "That was changed again since; undo the later change first.",
  period_invalid: "That period ends before it starts.",
  rejected: "That input was not accepted. Please check it and try again.",
};

/** A friendly sentence for a ledger refusal code. */
export function friendlyError(code: LedgerErrorCode): string {
  return MESSAGES[code] ?? MESSAGES.rejected;
}

/** The private-bot notice a non-member gets (with their id, so an owner can add them). */
export function strangerNotice(userId: number): string {
  return [
    "🔒 PayTrack is private: it keeps a shop's credit ledger, and only the shop's members can use it.",
    "If you work at this shop, ask an owner for an invite link (they make one with /invite).",
    `Your Telegram id is <code>${userId}</code>.`,
  ].join("\n");
}
