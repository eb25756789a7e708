/** English catalog, spending area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-spend-menu = Record a shop expense: price | item | vendor | category
cmd-spend-summary = Record something the shop bought: price, item, vendor, category.
cmd-spend-details = Without details I ask for the price, the item, the vendor and the category, one at a time, in the order of the one-line form, offering recent vendors and categories as buttons (/skip leaves the vendor or category out). /cancel in the middle asks before dropping the entry. /undo removes a wrong expense.
cmd-spend-examples =
    /spend 12.50 | milk crates | Dairy Co | supplies
    /spend milk crates
    /spend
cmd-spending-menu = Latest expenses and this month's totals
cmd-spending-summary = The latest ten expenses and this month's totals per category and vendor.
cmd-spending-details = Give a month as YYYY-MM to see that month's expenses and totals.
cmd-spending-examples =
    /spending
    /spending 2026-11

## /spend, step by step (price → item → vendor → category, as in the one-line form)

spending-price-question = 💵 How much did it cost?
spending-item-question = 🧾 What did the shop buy? (e.g. milk crates)
spending-vendor-question = 🏪 Who did you buy it from? Type a name or tap a recent one.
spending-category-question = 🗂 Which category? (e.g. supplies, rent) Type one or tap a recent one.
spending-price-not-numeric = Please enter a numeric value for the price, like 12.50.
spending-price-not-positive = The price can not be zero or negative. Please enter a price greater than zero.
spending-item-missing = Please send the item.
spending-vendor-missing = Please send the vendor.
spending-category-missing = Please send the category.
spending-item-too-long = That item is too long ({ $max } characters at most).
spending-vendor-too-long = That vendor is too long ({ $max } characters at most).
spending-category-too-long = That category is too long ({ $max } characters at most).
spending-skip-button = ⏭ Skip
spending-example = Example: <code>{ $usage }</code>
spending-usage = /spend 12.50 | milk crates | Dairy Co | supplies

## The result

spending-loader = Recording the expense…
spending-done = ✅ Spent { $amount } on { $item }.
spending-done-where = ✅ Spent { $amount } on { $item } — { $where }.
spending-month-so-far = Spent in { $month } so far: { $total }
spending-done-hint = <i>/undo if that was a mistake · /spending for the month</i>

## /spending

spending-nothing-in-month = Nothing was spent in { $month }.
spending-none-yet = No spending recorded yet. Record the shop's first expense with /spend.
spending-title = 💸 <b>Spending</b> — latest { $count }
spending-title-month = 💸 <b>Spending</b> — latest { $count } in { $month }
spending-nothing-yet-in-month = Nothing spent in { $month } yet.
spending-month-total = <b>{ $month }</b>: { $total } in { $count ->
        [one] { $count } expense
       *[other] { $count } expenses
    }
spending-by-category = By category:
spending-by-vendor = By vendor:
spending-total-line = • { $name } — { $total } ({ $count })
spending-uncategorised = <i>uncategorised</i>
spending-no-vendor = <i>no vendor</i>
spending-and-more = …and { $count } more
spending-more-lines = …and { $count } more lines
spending-month-format = Send a month as YYYY-MM, e.g. <code>/spending 2026-11</code> or <code>/spending Nov 2026</code>.

## Mid-entry: /cancel asks, /help explains the step, buttons

spending-cancel-ask = Cancel this entry? Nothing of it will be recorded.
spending-cancel-yes-button = ✅ Yes, cancel it
spending-cancel-no-button = ✖️ No, continue
spending-cancel-nothing = There is no entry to cancel.
spending-cancelled = The entry was cancelled. Nothing was recorded. /spend to start again.
spending-carrying-on = Carrying on.
spending-no-entry = There is no entry in progress.
spending-carry-on = OK, let's carry on.
spending-stale-button = This button is no longer valid. Please start again.
spending-help-step = 🧾 You are entering an expense — step { $step } of { $steps }: the { $what }.
spending-step-price = price
spending-step-item = item
spending-step-vendor = vendor
spending-step-category = category
spending-help-what-now = <b>What you can do now</b>
spending-help-optional = Reply, tap a recent one, or /skip to leave it out.
spending-help-required = Reply with it.
spending-help-cancel = /cancel — drop this entry (I ask first)
spending-help-help = /help — this message
`;
