/**
 * Errors that leave the ledger. A {@link LedgerError} is the ledger saying no (a
 * stable `code` the bot turns into a friendly message); a {@link LedgerUnavailable}
 * is the database being unreachable or failing, which the webhook answers with a
 * non-2xx status so Telegram redelivers the update.
 */

/** Every refusal code the ledger's SQL functions raise. */
export const LEDGER_ERROR_CODES = [
  "not_a_member",
  "owner_only",
  "update_id_required",
  "update_already_used",
  "unknown_currency",
  "name_required",
  "name_too_long",
  "phone_invalid",
  "phone_missing",
  "phone_unchanged",
  "phone_not_theirs",
  "nickname_too_long",
  "customer_not_found",
  "customer_archived",
  "customer_has_transactions",
  "nothing_to_settle",
  "amount_not_positive",
  "amount_too_large",
  "description_too_long",
  "balance_out_of_range",
  "nothing_to_undo",
  "action_not_found",
  "already_undone",
  "not_undoable",
  // Names that cannot deceive (20261201000200_trust_names_history_undo.sql)
  "name_mixed_scripts",
  "nickname_mixed_scripts",
  // The team (ledger/team.ts)
  "role_invalid",
  "invite_invalid",
  "invite_used",
  "invite_expired",
  "already_in_a_shop",
  "member_not_found",
  "role_unchanged",
  "last_owner",
  "cannot_remove_self",
  // Spending (ledger/spending.ts)
  "item_required",
  "item_too_long",
  "vendor_too_long",
  "category_too_long",
  // The PIN, transactions, links, customers and tags (ledger/pin.ts, transactions.ts, links.ts,
  // customers.ts, tags.ts)
  "pin_required",
  "pin_locked",
  "pin_invalid",
  "pin_not_set",
  "transaction_not_found",
  "same_customer",
  "already_linked",
  "not_linked",
  "name_unchanged",
  "nickname_required",
  "nickname_exists",
  "too_many_nicknames",
  "tags_required",
  "tags_unchanged",
  "too_many_tags",
  "customer_merged",
  "changed_since",
  // /export (ledger/export.ts)
  "period_invalid",
  // /settings and /members' invite links (ledger/settings.ts, ledger/team.ts)
  "unknown_time_zone",
  "shop_has_transactions",
  "invite_withdrawn",
  // /connect, /disconnect and the customer's side (ledger/connect.ts)
  "customer_link_invalid",
  "customer_link_used",
  "customer_link_expired",
  "customer_already_linked",
  "customer_account_not_found",
  // Due dates and credit limits (ledger.recordPurchase, ledger/dues.ts)
  "due_date_in_past",
  "due_date_too_far",
  "over_credit_limit",
  "credit_limit_owner_only",
] as const;

/** A stable code naming why the ledger refused an operation. */
export type LedgerErrorCode = typeof LEDGER_ERROR_CODES[number] | "rejected";

const KNOWN = new Set<string>(LEDGER_ERROR_CODES);

/** The ledger refused the operation; nothing was changed. */
export class LedgerError extends Error {
  override name = "LedgerError";
  constructor(readonly code: LedgerErrorCode, readonly detail = "") {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** The database could not be reached or failed; retrying later is safe. */
export class LedgerUnavailable extends Error {
  override name = "LedgerUnavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The shape Postgres (and PostgREST) gives an error: SQLSTATE code, message, detail, hint. */
export interface PgErrorFields {
  code?: string;
  message?: string;
  details?: string;
  detail?: string;
  hint?: string;
}

/**
 * Classifies a Postgres error: a PayTrack refusal (P0001 with hint 'paytrack'), a
 * constraint the input broke (class 22/23: a refusal too), or an infrastructure failure.
 */
export function classifyPgError(
  error: PgErrorFields,
  cause?: unknown,
): LedgerError | LedgerUnavailable {
  const sqlstate = error.code ?? "";
  const detail = error.detail ?? error.details ?? "";
  if (sqlstate === "P0001" && error.hint === "paytrack") {
    const code = error.message ?? "";
    return new LedgerError(KNOWN.has(code) ? code as LedgerErrorCode : "rejected", detail);
  }
  // Data exceptions and integrity violations: the request was bad, not the database.
  if (sqlstate.startsWith("22") || sqlstate.startsWith("23")) {
    return new LedgerError("rejected", error.message ?? sqlstate);
  }
  return new LedgerUnavailable(`database error ${sqlstate || "?"}: ${error.message ?? "unknown"}`, {
    cause,
  });
}
