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

## Disputes: what ❗ Not mine answers the customer

receipts-dispute-opened = Thank you. The shop's owners were asked to check this entry; you will get a message with what they decide.
receipts-dispute-already-open = You already said this entry is wrong: the shop is checking it.
receipts-dispute-already-undone = This entry was already cancelled.
receipts-dispute-already-upheld = The shop already checked this entry and says it is correct.

## A dispute's notice to each owner (shared/outbox/sender.ts), in the owner's language

receipts-dispute-notice = ❗ <b>{ $customer }</b> says this { $kind ->
        [payment] payment
       *[purchase] purchase
    } is not theirs or is wrong:
receipts-dispute-entry = { $amount } · { $when }
receipts-dispute-question = Undo it, or tell them it is correct?
receipts-dispute-button-undo = ↩️ Undo it
receipts-dispute-button-correct = ✅ It is correct

## The owner's buttons

receipts-dispute-not-found = This dispute is not one of your shop's.
receipts-dispute-was-undone = This dispute is resolved already: the entry was undone.
receipts-dispute-was-upheld = This dispute is resolved already: the entry was confirmed correct.
receipts-dispute-undo-what = undo the disputed { $amount } for { $customer }
receipts-dispute-noun = the answer to a dispute
receipts-dispute-note-question = What should { $customer } be told? Send a short note for them (at most 200 characters).
receipts-dispute-note-too-long = That note is { $count } characters long; at most 200, please.
receipts-dispute-upheld = ✅ Resolved: { $customer } is told the entry is correct.

## The outcome, to the customer

receipts-outcome-undone = ↩️ <b>{ $shop }</b>: you said the { $kind ->
        [payment] payment
       *[purchase] purchase
    } of <b>{ $amount }</b> ({ $when }) on your account ({ $customer }) was wrong. The shop cancelled it.
receipts-outcome-upheld = ✅ <b>{ $shop }</b>: you said the { $kind ->
        [payment] payment
       *[purchase] purchase
    } of <b>{ $amount }</b> ({ $when }) on your account ({ $customer }) was wrong. The shop checked it and says it is correct.
receipts-outcome-note = The shop's note: { $note }

## The mark on a disputed entry (/transactions, /transaction, /summary)

receipts-line-disputed = ❗ disputed
receipts-line-dispute-undone = (dispute: undone)
receipts-line-dispute-upheld = (dispute: confirmed correct)

## The export's Transactions sheet (shared/export/workbook.ts)

receipts-export-col-dispute = Dispute
receipts-export-dispute-open = Open
receipts-export-dispute-undone = Undone
receipts-export-dispute-upheld = Confirmed correct
`;
