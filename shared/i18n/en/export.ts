/** English catalog, export area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-export-menu = Excel file of the shop, or the customer's statement (owner)
cmd-export-summary = An Excel file (owner only): the whole shop, or the selected customer's statement.
cmd-export-details = The shop file has Summary, Customers, Transactions, Spending and Action history sheets; amounts are real numbers in the shop currency, dates are real dates in the shop's time zone, and the file is in the shop's language. With a customer selected you can pick their statement instead: their purchases and payments with a running balance, to show them. A period (days in the shop's time zone) limits it to a month or a range of days. A shop too large for one file is offered month by month.
cmd-export-examples =
    /export
    /export 2026-11
    /export 2026-11-01..2026-11-15
    /export shop

## Periods typed in commands (domain/periods.ts: /export, /transactions)

period-examples = { $month } or { $range }
period-unreadable = I can't read “{ $text }” as a period. Try { $examples }.
period-no-such-day = I can't read “{ $text }” as a period: there is no day { $day }. Try { $examples }.
period-no-such-month = I can't read “{ $text }” as a period: there is no month { $month }. Try { $examples }.
period-reversed = That period ends before it starts.
period-all-time = all time
period-range = { $from } – { $to }
period-from = from { $day }
period-until = until { $day }

## /export in the chat (the member's language)

export-owner-only = 🔒 Exporting the ledger is for the shop <b>owner</b> only; you are a clerk here. Ask the owner to send you the file.
export-pick-customer = Pick the customer first with /search, then send /export statement (or tap Statement).
export-choose = 📊 Export { $period } as Excel: { $name }'s statement (their purchases and payments with a running balance, to show them), or the whole shop?
export-button-statement = 📄 Statement: { $name }
export-button-shop = 🏪 Whole shop
export-building-statement = Building the statement…
export-building-shop = Building your Excel file…
export-caption-statement = 📄 Statement for { $name } · { $period }
    Balance: { $balance }
export-caption-shop = 📊 { $shop } · { $period }
    { $counts }
export-count-customers = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
  }
export-count-archived = { $n } archived or merged
export-count-transactions = { $count ->
    [one] { $n } purchase or payment
   *[other] { $n } purchases and payments
  }
export-count-expenses = { $count ->
    [one] { $n } expense
   *[other] { $n } expenses
  }
export-sent = ✅ Sent { $file } ({ $size }; { $sheets }).
export-size = { $size } kB
export-too-large-shop = 📦 your shop has { $rows } rows for { $period }: too many for one file. One file holds up to { $max } rows, so that it is built within the bot's limits (2 s of work, 256 MB).
export-too-large-statement = 📦 { $name }'s statement has { $rows } rows for { $period }: too many for one file. One file holds up to { $max } rows, so that it is built within the bot's limits (2 s of work, 256 MB).
export-too-large-months = Export it a month at a time: tap a month.
export-too-large-shorter = Try a shorter period.
export-too-large-own = Or choose your own period: { $examples }.
export-too-large-halves = Busy months are split into halves.
export-button-first-half = { $month } 1–15
export-button-second-half = { $month } 16–end

## The file's name (the shop's language; letters and dashes only)

export-file-statement = statement
export-file-start = start
export-file-today = today

## The workbook (the shop's language)

export-sheet-summary = Summary
export-sheet-customers = Customers
export-sheet-transactions = Transactions
export-sheet-spending = Spending
export-sheet-history = Action history
export-sheet-statement = Statement
export-book-title-shop = { $shop } — PayTrack
export-book-title-statement = { $name } — statement from { $shop }
export-user = user { $id }

export-summary-title = { $shop } — PayTrack summary
export-summary-exported = Exported
export-summary-period = Period
export-summary-currency = Currency
export-summary-customers = Customers
export-summary-archived = Archived or merged customers
export-summary-in-debt = Customers who owe
export-summary-owed = Total owed to the shop
export-summary-advances = Advances paid by customers
export-summary-net = Net balance
export-summary-this-month = This month ({ $month })
export-summary-last-month = Last month ({ $month })
export-summary-in-period = Period ({ $period })
export-summary-sold = Sold on credit
export-summary-collected = Collected (payments)
export-summary-spent = Spent (the shop's own spending)
export-summary-top = Top debtors
export-summary-owes = Owes
export-summary-nobody = Nobody owes the shop anything.

export-col-name = Name
export-col-phone = Phone
export-col-tags = Tags
export-col-nicknames = Nicknames (hidden)
export-col-balance = Balance
export-col-status = Status
export-col-bought-period = Bought (period)
export-col-bought-all = Bought (all time)
export-col-paid-period = Paid (period)
export-col-paid-all = Paid (all time)
export-col-last-purchase = Last purchase ({ $zone })
export-col-last-payment = Last payment ({ $zone })
export-col-last-payment-plain = Last payment
export-col-linked = Linked with
export-col-archived = Archived ({ $zone })
export-col-merged = Merged into
export-col-due = Due
export-col-overdue = Overdue
export-col-oldest-overdue = Oldest overdue
export-col-due-date = Due date
export-col-date = Date ({ $zone })
export-col-customer = Customer
export-col-type = Type
export-col-amount = Amount
export-col-effect = Effect on balance
export-col-description = Description
export-col-recorded-by = Recorded by
export-col-balance-after = Balance after
export-col-voided = Voided ({ $zone })
export-col-number = #
export-col-item = Item
export-col-price = Price
export-col-vendor = Vendor
export-col-category = Category
export-col-who = Who
export-col-action = Action
export-col-details = Details
export-col-undone = Undone ({ $zone })
export-col-purchase = Purchase
export-col-payment = Payment

export-status-owes = owes
export-status-advance = advance
export-status-settled = settled
export-kind-purchase = Purchase
export-kind-payment = Payment
export-no-transactions = No purchases or payments in this period.
export-no-spending = No spending recorded in this period.
export-no-actions = Nothing happened in this period.

export-statement-title = Statement — { $name }
export-statement-shop = Shop
export-statement-opening = Opening balance
export-statement-purchases = Purchases
export-statement-payments = Payments
export-statement-closing = Closing balance
export-statement-printed = Printed
export-statement-printed-note = { $zone }; undone entries are left out
export-balance-owes = owes the shop
export-balance-advance = paid in advance
export-balance-settled = settled

## The printed page (header and footer of every sheet; the shop's language)

export-print-header-shop = { $shop } · { $period }
export-print-header-statement = { $shop } · Statement: { $name } · { $period }
export-print-footer = Page { $page } of { $pages }

## The Action history sheet: what each action is, and what it did

export-action-shop-opened = Shop opened
export-action-customer-added = Customer added
export-action-purchase-recorded = Purchase recorded
export-action-payment-recorded = Payment recorded
export-action-expense-recorded = Expense recorded
export-action-action-undone = Action undone
export-action-customer-archived = Customer archived
export-action-customer-restored = Customer restored
export-action-customer-renamed = Customer renamed
export-action-nickname-added = Nickname added
export-action-customer-tagged = Customer tagged
export-action-customer-untagged = Customer untagged
export-action-customers-linked = Customers linked
export-action-customer-unlinked = Customer unlinked
export-action-customers-merged = Customers merged
export-action-setting-changed = Setting changed
export-action-pin-set = PIN set
export-action-pin-reset-requested = PIN removal asked
export-action-pin-reset-cancelled = PIN removal cancelled
export-action-pin-reset-applied = PIN removed
export-action-member-invited = Invite link made
export-action-invite-revoked = Invite link withdrawn
export-action-member-joined = Member joined
export-action-member-role-changed = Role changed
export-action-member-removed = Member removed
export-action-member-left = Member left
export-action-other = Other action

export-detail-shop-opened = Opened the shop in PayTrack
export-detail-customer-added = Added { $name }
export-detail-customer-added-phone = Added { $name } ({ $phone })
export-detail-expense = Spent { $amount } on { $item }
export-detail-expense-more = Spent { $amount } on { $item } ({ $more })
export-detail-undone = Undid action #{ $id } ({ $what })
export-detail-customer-archived = Deleted (archived) { $name }
export-detail-customer-restored = Brought { $name } back from the archive
export-detail-customer-renamed = Renamed { $old } to { $new }
export-detail-nickname-added = Added a hidden nickname to { $name }
export-detail-customer-tagged = Tagged { $name } { $tags }
export-detail-customer-untagged = Removed { $tags } from { $name }
export-detail-customers-linked = Linked { $name } with { $other }
export-detail-customer-unlinked = Unlinked { $name } from their household
export-detail-customers-merged = Merged { $duplicate } into { $name }
export-detail-archiving = { $on ->
    [yes] Turned archiving settled customers on
   *[no] Turned archiving settled customers off
  }
export-detail-setting = Changed { $setting } from { $old } to { $new }
export-setting-name = the shop's name
export-setting-timezone = the time zone
export-setting-language = the language
export-setting-digits = the digit style
export-setting-currency = the currency
export-setting-other = a setting
export-detail-pin-set = Set the shop PIN
export-detail-pin-changed = Changed the shop PIN
export-detail-pin-reset-requested = Asked to remove the forgotten shop PIN (it goes 24 hours later unless an owner cancels)
export-detail-pin-reset-cancelled = Cancelled the removal of the shop PIN
export-detail-pin-reset-applied = The forgotten shop PIN was removed, as asked 24 hours before
export-detail-member-invited = Made an invite link for { $role ->
    [owner] a co-owner
   *[other] a clerk
  }
export-detail-invite-revoked = Withdrew an unused invite link for { $role ->
    [owner] a co-owner
   *[other] a clerk
  }
export-detail-member-joined = Joined the shop as { $role ->
    [owner] a co-owner
   *[other] a clerk
  }
export-detail-member-joined-by = Joined the shop as { $role ->
    [owner] a co-owner
   *[other] a clerk
  }, invited by { $by }
export-detail-member-role-changed = Made { $member } { $role ->
    [owner] an owner
   *[other] a clerk
  }
export-detail-member-removed = Removed { $member } from the shop
export-detail-member-left = Left the shop
`;
