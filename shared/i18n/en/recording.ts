/** English catalog, recording area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-addtransaction-menu = Record a purchase on credit: amount | note
cmd-addtransaction-summary = Record a purchase on credit for the selected customer.
cmd-addtransaction-details = #tags in the note are kept as tags. Amounts may use Arabic digits (٥٠) and 1,250.50. A third part sets the purchase's own due date: due 2026-12-15, due 15/12, due +30.
cmd-addtransaction-examples =
    /addtransaction 50 | groceries
    /addtransaction 12.50 | bread #weekly
    /addtransaction 80 | rice | due +30
    /addtransaction
cmd-pay-menu = Record a payment: amount | note, or: all
cmd-pay-summary = Record a payment from the selected customer.
cmd-pay-details = “all” settles the whole balance. Paying more than is owed leaves an advance.
cmd-pay-examples =
    /pay 30 | cash
    /pay all

## Amounts as typed (amount_input.ts; /spend's price too)

recording-amount-empty = Please send an amount, like 50 or 12.50.
recording-amount-not-a-number = That isn't an amount I understand. Send a number like 50 or 12.50.
recording-amount-not-positive = The amount must be more than zero.
recording-amount-too-large = That amount is too large.
recording-amount-no-decimals = { $currency } has no decimals: send a whole amount.
recording-amount-max-decimals = { $currency } allows at most { $decimals } decimals.
recording-amount-other-currency = This shop counts in { $currency } ({ $sign }); { $mark } is another currency. Nothing was recorded.
recording-amount-ambiguous = Is { $typed } { $thousands } or { $fraction }? Send <code>{ $thousandsTyped }</code> or <code>{ $fractionTyped }</code> (without the comma). Nothing was recorded yet.

## The steps of /addtransaction and /pay

recording-purchase-amount-question = 🛒 How much did they buy on credit?
recording-purchase-amount-ask = 🛒 How much did { $name } buy on credit?
recording-purchase-note-question = 📝 A note? (what was bought; #tags welcome)
recording-purchase-note-ask = 📝 A note for the purchase of { $name }? (what was bought; #tags welcome)
recording-payment-amount-question = 💵 How much did they pay? (or “all” to settle)
recording-payment-amount-ask = 💵 How much did { $name } pay? (or “all” to settle)
recording-payment-note-question = 📝 A note? (e.g. cash, transfer)
recording-payment-note-ask = 📝 A note for the payment of { $name }? (e.g. cash, transfer)
recording-note-too-long = That note is too long ({ $max } characters at most).
recording-purchase-noun = purchase
recording-payment-noun = payment

## What a PIN unlocks ("🔒 PIN to …")

recording-them = them
recording-purchase-action = record a purchase of { $amount } for { $name }
recording-payment-action = record a payment of { $amount } for { $name }
recording-payment-action-all = settle everything { $name } owes
recording-payment-action-all-them = settle everything they owe

## Results

recording-loader-purchase = Recording the purchase…
recording-loader-payment = Recording the payment…
recording-done-purchase = ✅ Purchase of { $amount } for { $name }.
recording-done-purchase-note = ✅ Purchase of { $amount } for { $name } — { $note }.
recording-done-payment = ✅ Payment of { $amount } for { $name }.
recording-done-payment-note = ✅ Payment of { $amount } for { $name } — { $note }.
recording-done-settled = ✅ Settled in full: Payment of { $amount } for { $name }.
recording-done-settled-note = ✅ Settled in full: Payment of { $amount } for { $name } — { $note }.
recording-new-balance = New balance: { $balance }
recording-undo-hint = <i>/undo if that was a mistake.</i>
recording-advance = 💡 They paid more than they owed: { $amount } is kept as an advance.
recording-archived = 🗄 { $name } is settled, so they were archived (shop setting, see /settings). /undo brings them back.

## One transaction in a list (text/transactions.ts)

recording-line-undone = (undone)

## Due dates (a purchase's own: "| due 2026-12-15", and the 📅 Due date button)

recording-due-not-a-date = That isn't a date I understand. Send a day like 2026-12-15, 15/12/2026 or 15/12, or a number of days like +30. Nothing was recorded.
recording-due-past = A due date can't be before today. Nothing was recorded.
recording-due-too-far = A due date can be at most ten years ahead. Nothing was recorded.
recording-due-on = 📅 Due { $date }
recording-due-button = 📅 Due date
recording-due-usage = 2026-12-15, 15/12, +30 or none
recording-due-noun = due date
recording-due-question = 📅 When is it due? Send a day like 2026-12-15 or 15/12, a number of days like +30, or “none” to follow the credit terms.
recording-due-loader = Setting the due date…
recording-due-set = 📅 The purchase of { $amount } is due { $date }.
recording-due-cleared = 📅 The purchase of { $amount } follows the credit terms again.
recording-dues-overdue = ⏰ Overdue: { $amount } (since { $date })
recording-dues-due-today = 📌 Due today: { $amount }
recording-dues-next = 📅 Next due: { $amount } on { $date }
recording-dues-undated = No due date: { $amount }
recording-dues-nothing = Nothing is due.

## Past the credit limit

recording-over-limit-held = ⚠️ Not recorded yet: past the credit limit.
recording-over-limit-question = ⚠️ This takes { $name } to { $balance }, past their credit limit of { $limit }. Record it anyway?
recording-over-limit-question-plain = ⚠️ This takes { $name } past their credit limit. Record it anyway?
recording-over-limit-press = Press “Record anyway” or “Cancel” (or send /cancel).
recording-over-limit-yes = Record anyway
recording-over-limit-no = Cancel
recording-over-limit-cancelled = Cancelled: nothing was recorded.
recording-over-limit-stale = That question is no longer open: nothing more was recorded. Check /transactions, or record it again with /addtransaction.
recording-error-over-credit-limit = ⚠️ This purchase is past the customer's credit limit. Nothing was recorded.
recording-error-credit-limit-owner-only = 🚫 Past the credit limit, only an owner can record this purchase (the shop has no PIN a clerk could give). Nothing was recorded.
`;
