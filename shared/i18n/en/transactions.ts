/** English catalog, transactions area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-transactions-menu = The selected customer's transactions: #tag, 2026-11
cmd-transactions-summary = Every purchase and payment of the selected customer with its details, page by page.
cmd-transactions-details = Newest first: number, date and time, purchase or payment, amount, note, tags, who recorded it, the balance after it, and whether it was undone. Filter by a #tag in the note, a month, a day or a date range (in the shop's time zone; both ends included), or both. Tap a number for the details.
cmd-transactions-examples =
    /transactions
    /transactions #weekly
    /transactions 2026-11
    /transactions 2026-11-01..2026-11-15
cmd-transaction-summary = One transaction in full, with Undo when you may undo it.
cmd-transaction-examples =
    /transaction 12

## /transactions

transactions-who = Whose transactions?
transactions-not-a-filter = “{ $text }” isn't a filter. I understand a #tag, a month like 2026-11 or Nov 2026, a day like 2026-11-05, or dates like 2026-11-01..2026-11-15.
transactions-one-tag = One #tag at a time, please.
transactions-usage = /transactions #weekly 2026-11
transactions-none-filtered = No transactions of { $who } ({ $filter }). /transactions shows them all.
transactions-none = { $who } has no purchases or payments yet.
transactions-page-empty = That page is empty now. Send /transactions again.
transactions-archived = (archived)
transactions-range = Transactions { $from }–{ $to } of { $total }, newest first:
transactions-range-filtered = Transactions { $from }–{ $to } of { $total } ({ $filter }), newest first:
transactions-tap = Tap a number for the details.
transactions-previous = ◀ Previous
transactions-next = Next ▶
transactions-expired = That list has expired. Send /transactions again.
transactions-purchase = 🛒 Purchase
transactions-payment = 💵 Payment
transactions-by = by { $name }
transactions-voided = voided
transactions-voided-by = voided by { $name }

## /transaction

transactions-step-id = 🧾 Which transaction number? (/transactions lists them)
transactions-id-invalid = A transaction number is a whole number, like 12 (/transactions).
transactions-detail-title = 🧾 <b>Transaction { $id }</b>
transactions-detail-customer = Customer: { $name }
transactions-detail-kind-purchase = Kind: 🛒 purchase on credit
transactions-detail-kind-payment = Kind: 💵 payment
transactions-detail-amount = Amount: { $amount }
transactions-detail-when = Date and time: { $when } ({ $zone })
transactions-detail-note = Note: { $note }
transactions-detail-tags = Tags: { $tags }
transactions-none-value = none
transactions-detail-by = Recorded by: { $name }
transactions-detail-balance = Balance after: { $balance }
transactions-detail-voided = Status: ↩️ voided (undone) by { $name }, { $when }
transactions-detail-counts = Status: ✅ counts in the balance
transactions-undo-this = ↩️ Undo this
`;
