/** English catalog, receipts area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-receipts = Receipts (for customers)
cmd-receipts-summary = For a customer linked to a shop: /receipts off stops the message you get for each purchase or payment, /receipts on starts it again.
cmd-receipts-examples =
    /receipts off
    /receipts on

## A receipt (shared/outbox/sender.ts), in the customer's language

receipts-purchase = 🧾 <b>{ $shop }</b>: a purchase of <b>{ $amount }</b> was recorded on your account ({ $customer }).
receipts-payment = 🧾 <b>{ $shop }</b>: a payment of <b>{ $amount }</b> was recorded on your account ({ $customer }).
receipts-purchase-undone = ↩️ <b>{ $shop }</b>: the purchase of <b>{ $amount }</b> on your account ({ $customer }) was cancelled.
receipts-payment-undone = ↩️ <b>{ $shop }</b>: the payment of <b>{ $amount }</b> on your account ({ $customer }) was cancelled.
receipts-merged = 🔗 <b>{ $shop }</b>: the account { $duplicate } was merged into { $kept }.
receipts-unmerged = 🔗 <b>{ $shop }</b>: the accounts { $kept } and { $duplicate } were separated again.
receipts-note = Note: { $note }
receipts-by = Recorded by { $who }, { $when }
receipts-balance-owes = Your balance: you owe <b>{ $amount }</b>
receipts-balance-advance = Your balance: <b>{ $amount }</b> paid in advance
receipts-balance-settled = Your balance: nothing owed
receipts-button-ok = ✅ OK
receipts-button-wrong = ❗ Not mine / wrong

## The receipt's buttons

receipts-ok-thanks = Thank you!
receipts-wrong-noted = Thank you. The shop will be told.
receipts-not-yours = This receipt is not yours.

## /receipts on|off

receipts-turned-off = Receipts are off: you will get no message for each entry any more. /receipts on turns them back on.
receipts-turned-on = Receipts are on: you get a message for each purchase or payment on your account.
receipts-usage = Send /receipts on or /receipts off.
receipts-not-linked = No shop account is linked to your Telegram. A shop can give you a link to connect it.
`;
