/** English catalog, search area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-search-menu = Find a customer (name, phone or #tag)
cmd-search-summary = List customers (largest debt first) or find one by name, nickname, phone or #tag.
cmd-search-details = Typos, accents, Arabic spelling variants and tashkeel are forgiven. A single match is selected at once; otherwise tap a name. Archived customers who match are named too, with a Restore button; a match found only through a hidden nickname says so.
cmd-search-examples =
    /search
    /search jon smth
    /search 0590
    /search #vip
cmd-archived-summary = Archived customers (deleted, or archived when settled), with Restore buttons.
cmd-archived-details = /archived <i>name</i> finds one among them. Restoring brings them back into lists and search; /undo archives them again.
cmd-archived-examples =
    /archived
    /archived layla

## Choosing a customer (selection.ts)

search-selected = ✅ Selected { $customer } — { $balance }.{ $note }
    Next: /addtransaction <i>amount | note</i>, /pay <i>amount</i>, /summary
search-selected-short = ✅ Selected { $customer } ({ $balance }).{ $note }
search-matched-nickname = <i>(matched a nickname)</i>
search-match-count = { $capped ->
        [yes] { $total }+ matches
       *[no] { $count ->
            [one] { $total } match
           *[other] { $total } matches
        }
    }
search-heading-all = 👥 Customers { $from }–{ $to } of { $total }, largest debt first:
search-heading-query = 🔎 { $matches } for “{ $query }” ({ $from }–{ $to }), best first:
search-tap-a-name = Tap a name to select it.
search-button-previous = ◀ Previous
search-button-next = Next ▶
search-none-yet = No customers yet. Add one with /addcustomer <i>Name | phone</i>.
search-no-match = No customer matches { $query }. Try another spelling, a phone number or a #tag, or /addcustomer.
search-no-match-other = No customer matches { $query }. Try another spelling, a phone number or a #tag.
search-no-active-match = No active customer matches { $query }.
search-quoted = “{ $query }”
search-those-digits = those digits
search-still-selected = <i>Still selected: { $customer }.</i>
search-none-selected = <i>No customer is selected now (it was { $customer }): tap a name to select one.</i>
search-page-empty = That page is empty now. Send /search again.
search-customer-archived = That customer is archived. Use /search to pick another, or restore them:

## Archived customers (search.ts)

search-archived-match = { $count ->
        [one] 🗄 1 archived customer matches: { $names }
       *[other] 🗄 { $count } archived customers match: { $names }
    }
search-archived-more = {" "}and { $more ->
        [one] 1 more
       *[other] { $more } more
    } (/archived)
search-button-restore = ♻️ Restore { $customer }
search-archived-none = No customer is archived.
search-archived-none-match = No archived customer matches { $query }.
search-archived-heading = 🗄 <b>Archived customers</b> ({ $from }–{ $to } of { $total }), latest first:
search-archived-line = { $n }. { $customer } — { $balance } · archived { $when }
search-archived-tap = Tap Restore to bring one back into lists and search.
search-restore-loader = Restoring…
search-restored = ♻️ { $customer } is back in lists and search — { $balance }.
    <i>/undo archives them again.</i>
search-restore-not-archived = { $customer } is not archived: they are in lists and search already.

## Badges in lists (text/customers.ts)

search-badge-top-debtor = 🏆 top debtor
search-badge-no-payment = ⏰ no payment in 60 days
search-badge-new = 🆕 new this week
search-badge-overdue = ⏳ overdue
search-badge-overdue-amount = ⏳ overdue { $amount }
`;
