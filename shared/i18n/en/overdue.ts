/** English catalog, overdue area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-overdue = Due and overdue
cmd-overdue-menu = Who owes past the due date (ageing)
cmd-overdue-summary = What customers owe by due date: not yet due, 1–30, 31–60, 61–90 and 90+ days overdue, and no due date, with totals and customers.
cmd-overdue-details = Ages are counted in the shop's time zone; payments settle the oldest purchases first. Tap a bucket to list its customers (each under their oldest unpaid amount), tap a customer to select them. Credit terms are set in /settings → Credit, or for one customer with /terms.
cmd-overdue-examples =
    /overdue

## /overdue

overdue-title = ⏳ <b>Due and overdue</b> · today { $today }
overdue-total = Overdue: <b>{ $amount }</b> · { $count ->
    [one] 1 customer
   *[other] { $count } customers
    }
overdue-none-overdue = ✅ Nobody is overdue.
overdue-bucket-line = { $label }: { $amount } · { $count ->
    [one] 1 customer
   *[other] { $count } customers
    }
overdue-bucket-90-plus = 🔴 90+ days overdue
overdue-bucket-61-90 = 🟠 61–90 days overdue
overdue-bucket-31-60 = 🟡 31–60 days overdue
overdue-bucket-1-30 = 🔵 1–30 days overdue
overdue-bucket-not-due = 🟢 Not yet due
overdue-bucket-undated = ⚪ No due date
overdue-list-heading = <b>{ $label }</b> ({ $from }–{ $to } of { $total }):
overdue-line-overdue = { $n }. { $customer } — overdue { $amount } since { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
    })
overdue-line-next = { $n }. { $customer } — owes { $amount }, next due { $date }
overdue-line-undated = { $n }. { $customer } — owes { $amount }, no due date
overdue-tap = Tap a bucket to list its customers, a customer to select them.
overdue-nobody-owes = ✅ Nobody owes the shop anything.
overdue-no-due-dates = Customers owe { $amount }, but nothing has a due date, so nothing is overdue.
overdue-terms-hint = Credit terms are set in /settings → Credit (for the whole shop) or with /terms (for one customer); a purchase can also carry its own due date.
overdue-page-empty = That page is empty now. Send /overdue again.
overdue-button-bucket = { $label } ({ $count })
overdue-button-remind-all = 🔔 Remind all overdue
overdue-button-previous = ⬅️ Previous
overdue-button-next = Next ➡️
`;
