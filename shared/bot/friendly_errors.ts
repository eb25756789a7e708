/**
 * The sentences a member reads when the ledger refuses something: one per refusal code
 * ({@link friendlyError}), and the private-bot notice a non-member gets
 * ({@link strangerNotice}). replies.ts `explainRefusal` is the one place that picks
 * between them.
 */
import type { LedgerErrorCode } from "../db/errors.ts";
import { LIMITS, PHONE_INVALID, PIN_INVALID, tooLongMessage } from "../domain/limits.ts";
import { type Translate, translator } from "../i18n/i18n.ts";
import { said, type Text } from "./flow_types.ts";

const english = translator("en");

const MESSAGES: Record<LedgerErrorCode, Text> = {
  not_a_member: (t) => t("error-not-a-member"),
  owner_only: (t) => t("error-owner-only"),
  update_id_required: (t) => t("error-update-id-required"),
  update_already_used: (t) => t("error-update-already-used"),
  unknown_currency: (t) => t("error-unknown-currency"),
  name_required: (t) => t("error-name-required"),
  name_too_long: tooLongMessage("name", LIMITS.customerName),
  phone_invalid: PHONE_INVALID,
  phone_missing: (t) => t("customers-phone-missing"),
  phone_unchanged: (t) => t("customers-phone-unchanged"),
  phone_not_theirs: (t) => t("customers-phone-not-theirs"),
  nickname_too_long: tooLongMessage("nickname", LIMITS.nickname),
  customer_not_found: (t) => t("error-customer-not-found"),
  customer_archived: (t) => t("error-customer-archived"),
  customer_has_transactions: (t) => t("error-customer-has-transactions"),
  nothing_to_settle: (t) => t("error-nothing-to-settle"),
  amount_not_positive: (t) => t("error-amount-not-positive"),
  amount_too_large: (t) => t("error-amount-too-large"),
  description_too_long: tooLongMessage("note", LIMITS.note),
  balance_out_of_range: (t) => t("error-balance-out-of-range"),
  nothing_to_undo: (t) => t("error-nothing-to-undo"),
  action_not_found: (t) => t("error-action-not-found"),
  already_undone: (t) => t("error-already-undone"),
  not_undoable: (t) => t("error-not-undoable"),
  name_mixed_scripts: (t) => t("error-name-mixed-scripts"),
  nickname_mixed_scripts: (t) => t("error-nickname-mixed-scripts"),
  role_invalid: (t) => t("error-role-invalid"),
  invite_invalid: (t) => t("error-invite-invalid"),
  invite_used: (t) => t("error-invite-used"),
  invite_expired: (t) => t("error-invite-expired"),
  already_in_a_shop: (t) => t("error-already-in-a-shop"),
  member_not_found: (t) => t("error-member-not-found"),
  role_unchanged: (t) => t("error-role-unchanged"),
  last_owner: (t) => t("error-last-owner"),
  cannot_remove_self: (t) => t("error-cannot-remove-self"),
  item_required: (t) => t("error-item-required"),
  item_too_long: tooLongMessage("item", LIMITS.item),
  vendor_too_long: tooLongMessage("vendor", LIMITS.vendor),
  category_too_long: tooLongMessage("category", LIMITS.category),
  pin_required: (t) => t("error-pin-required"),
  pin_locked: (t) => t("error-pin-locked"),
  pin_invalid: PIN_INVALID,
  pin_not_set: (t) => t("error-pin-not-set"),
  transaction_not_found: (t) => t("error-transaction-not-found"),
  same_customer: (t) => t("error-same-customer"),
  already_linked: (t) => t("error-already-linked"),
  not_linked: (t) => t("error-not-linked"),
  name_unchanged: (t) => t("error-name-unchanged"),
  nickname_required: (t) => t("error-nickname-required"),
  nickname_exists: (t) => t("error-nickname-exists"),
  too_many_nicknames: (t) => t("error-too-many-nicknames", { max: LIMITS.nicknamesPerCustomer }),
  tags_required: (t) => t("error-tags-required", { max: LIMITS.tag }),
  tags_unchanged: (t) => t("error-tags-unchanged"),
  too_many_tags: (t) => t("error-too-many-tags", { max: LIMITS.tagsPerCustomer }),
  customer_merged: (t) => t("error-customer-merged"),
  changed_since: (t) => t("error-changed-since"),
  period_invalid: (t) => t("error-period-invalid"),
  unknown_time_zone: (t) => t("error-unknown-time-zone"),
  shop_has_transactions: (t) => t("error-shop-has-transactions"),
  invite_withdrawn: (t) => t("error-invite-withdrawn"),
  customer_link_invalid: (t) => t("connect-error-link-invalid"),
  customer_link_used: (t) => t("connect-error-link-used"),
  customer_link_expired: (t) => t("connect-error-link-expired"),
  customer_already_linked: (t) => t("connect-error-already-linked"),
  customer_account_not_found: (t) => t("connect-error-account-not-found"),
  due_date_in_past: (t) => t("recording-due-past"),
  due_date_too_far: (t) => t("recording-due-too-far"),
  over_credit_limit: (t) => t("recording-error-over-credit-limit"),
  credit_limit_owner_only: (t) => t("recording-error-credit-limit-owner-only"),
  rejected: (t) => t("error-rejected"),
};

/** A friendly sentence for a ledger refusal code, in the language of `t` (English by default). */
export function friendlyError(code: LedgerErrorCode, t: Translate = english): string {
  return said(MESSAGES[code] ?? MESSAGES.rejected, t);
}

/** The private-bot notice a non-member gets (with their id, so an owner can add them). */
export function strangerNotice(userId: number, t: Translate = english): string {
  return t("stranger-notice", { id: String(userId) });
}
