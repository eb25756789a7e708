/** English catalog, pin area (Fluent syntax; every argument is HTML-safe text). */
export default `
pin-looks-like-pin = 🔒 That looks like a PIN ({ $min } to { $max } digits alone), so I didn't use it here.

## The PIN gate (shared/bot/pin_gate.ts)

pin-question = 🔒 This needs the shop PIN. Send it now (I'll delete your message).
pin-question-action =
    🔒 PIN to { $action }.
    This needs the shop PIN: send it now (I'll delete your message).
pin-reminder = 🔐 Tip: protect payments, renames, merges and deleting customers who owe with a shop PIN: /setpin. (I'll remind you only this once.)
pin-locked-until = 🔒 Too many wrong PINs: PIN actions are locked for you until { $until } ({ $zone }). Nothing was changed.
pin-reset-pending-note = ⚠️ A PIN reset is pending: the shop PIN will be removed on { $due } ({ $zone }). Until then the current PIN is needed. An owner can stop it: /resetpin cancel.
pin-wrong = ❌ Wrong PIN. { $left } { $left ->
        [one] try
       *[other] tries
    } left before PIN actions lock for 15 minutes.

## /setpin and /resetpin (features/pin.ts)

pin-new-question = 🔐 Send the new shop PIN: { $min } to { $max } digits. I'll delete your message.
pin-again-question = 🔐 Send the same PIN again, to be sure. I'll delete this one too.
pin-noun = new PIN
pin-differ = ❌ The two PINs differ; nothing changed.
pin-saving = Saving the PIN…
pin-saved-set = 🔐 The shop PIN is set.
pin-saved-changed = 🔐 The shop PIN is changed.
pin-saved-details =
    /pay, /rename, /merge and deleting a customer who owes now ask for it; a right PIN stays valid for 5 minutes, and 5 wrong tries lock PIN actions for 15 minutes.
    <i>Only a hash of it is stored. Share it only with staff who take payments. Forgot it? /resetpin.</i>
pin-set-owner-only = 🔒 Only the shop owner can set the PIN.
pin-reset-button = ❌ Cancel the PIN reset
pin-reset-no-pin = This shop has no PIN to reset. Set one with /setpin.
pin-an-owner = an owner
pin-an-owner-subject = An owner
pin-reset-already = ⏳ A PIN reset is already pending (asked by { $name }): the PIN will be removed on { $due } ({ $zone }). /resetpin cancel stops it.
pin-reset-notice =
    ⚠️ { $name } asked to remove the shop PIN of { $shop }. It will be removed on { $due } ({ $zone }), 24 hours after the request; until then the current PIN is still needed.
    If this wasn't agreed, cancel it now.
pin-reset-only-owner = You are the only owner.
pin-reset-told = I told the other { $others ->
        [one] owner
       *[other] owners
    }.
pin-reset-told-unreachable = I told the other { $others ->
        [one] owner
       *[other] owners
    } ({ $unreachable } { $unreachable ->
        [one] owner
       *[other] owners
    } couldn't be reached: they never started the bot).
pin-reset-requested =
    ⏳ The shop PIN will be removed on { $due } ({ $zone }) (in 24 hours). Until then the current PIN is still needed; afterwards /setpin sets a new one without it. { $told }
    <i>Any owner can stop it: /resetpin cancel.</i>
pin-reset-none = No PIN reset is pending: the shop PIN stays as it is.
pin-reset-cancelled-by = ✅ { $name } cancelled the PIN reset: the shop PIN stays.
pin-reset-cancelled = ✅ The PIN reset is cancelled: the shop PIN stays as it is.
pin-reset-owner-only = 🔒 Only a shop owner can reset the PIN. Ask an owner.
pin-reset-usage = Send /resetpin to reset a forgotten PIN, or /resetpin cancel to stop a reset.
pin-reset-cancel-owner-only = 🔒 Only a shop owner can cancel a PIN reset.

## Commands (the menu, /help)

cmd-setpin-summary = Owner: set or change the shop PIN (4 to 8 digits).
cmd-setpin-details = With a PIN, /pay, /rename, /merge and deleting a customer who owes ask for it. The bot deletes the message with the PIN; only a hash is stored. A right PIN stays valid for 5 minutes; 5 wrong tries lock PIN actions for that person for 15 minutes. The new PIN is asked twice (or /setpin 2468 2468). Changing the PIN asks for the current one first. Forgot it? /resetpin.
cmd-setpin-examples =
    /setpin
cmd-resetpin-menu = Forgot the PIN? Remove it in 24 hours (owners)
cmd-resetpin-summary = Owner: forgot the PIN? Remove it 24 hours from now (or /resetpin cancel).
cmd-resetpin-details = Every owner is told at once and can cancel it (a button, or /resetpin cancel). Until the 24 hours pass the current PIN is still needed; then the shop has no PIN and /setpin sets a new one without the old. Requests, cancellations and the reset are in /history.
cmd-resetpin-examples =
    /resetpin
    /resetpin cancel
`;
