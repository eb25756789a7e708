/** The sentence a member reads when the ledger refuses something. */
import type { LedgerErrorCode } from "../db/errors.ts";

const MESSAGES: Record<LedgerErrorCode, string> = {
  not_a_member: "This bot is private to a shop. Ask the shop owner for access.",
  owner_only: "Only the shop owner can do that.",
  update_id_required: "Something went wrong with that message. Please send it again.",
  update_already_used: "That message was already handled.",
  unknown_currency: "That currency is not supported.",
  name_required: "The name can't be empty.",
  name_too_long: "That name is too long (120 characters at most).",
  phone_invalid: "That doesn't look like a phone number (3 to 20 digits).",
  nickname_too_long: "A nickname can have at most 60 characters.",
  customer_not_found:
    "That customer isn't in your shop (maybe an old button). Use /search to pick one.",
  customer_archived: "That customer is archived. Use /search to pick another.",
  customer_has_transactions: "That customer already has purchases or payments; undo those first.",
  nothing_to_settle: "This customer owes nothing, so there is nothing to settle.",
  amount_not_positive: "The amount must be more than zero.",
  amount_too_large: "That amount is too large.",
  description_too_long: "That note is too long (500 characters at most).",
  balance_out_of_range: "That would make the balance larger than PayTrack can hold.",
  nothing_to_undo: "There is nothing left to undo.",
  action_not_found: "That action isn't in your shop's history (maybe an old button).",
  already_undone: "That was already undone.",
  not_undoable: "That can't be undone.",
  rejected: "That input was not accepted. Please check it and try again.",
};

/** A friendly sentence for a ledger refusal code. */
export function friendlyError(code: LedgerErrorCode): string {
  return MESSAGES[code] ?? MESSAGES.rejected;
}
