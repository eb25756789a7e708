/** English catalog, customers area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-addcustomer-menu = Add a customer: Name | phone
cmd-addcustomer-summary = Add a customer and select them.
cmd-addcustomer-details = The phone is optional. Text after ~ is a hidden nickname: search finds it, lists never show it. Without parameters I ask for the name, then the phone (/skip to leave it out).
cmd-addcustomer-examples =
    /addcustomer John Smith | 0590000000
    /addcustomer John Smith ~ Abu Ali | 059…
    /addcustomer
cmd-summary-menu = The selected customer's balance and latest entries
cmd-summary-summary = The selected customer: phone, tags, balance, totals and latest entries.
cmd-summary-examples =
    /summary
cmd-deletecustomer-menu = Delete (archive) the selected customer
cmd-deletecustomer-summary = Delete (archive) the selected customer, after a Yes/No question.
cmd-deletecustomer-details = They leave lists and search but stay in the history and the export; /undo brings them back. A customer who still owes (or is owed) can only be deleted by the owner, with the shop PIN. /settings can archive customers automatically when a payment settles them.
cmd-deletecustomer-examples =
    /deletecustomer
cmd-rename-menu = Rename the selected customer (PIN)
cmd-rename-summary = Change the selected customer's name (asks for the shop PIN).
cmd-rename-details = /undo puts the old name back.
cmd-rename-examples =
    /rename John A. Smith
    /rename
cmd-nickname-summary = Add a hidden nickname to the selected customer.
cmd-nickname-details = Search finds customers by their nicknames, but lists and search results never show them: only /summary and the export do. You can also add one when adding a customer: /addcustomer John Smith ~ Abu Ali. /undo removes it.
cmd-nickname-examples =
    /nickname Abu Ali
cmd-phone-summary = Add, change or remove the selected customer's phone.
cmd-phone-details = /phone 059… sets the main phone (or changes it), /phone remove removes it. A customer may have more: /phone add 059…, /phone remove 059…, /phone main 059… makes one the main phone. /undo puts the old phones back.
cmd-phone-examples =
    /phone 0590000000
    /phone remove
    /phone

## /addcustomer

customers-step-name = 👤 What's the customer's name? (add a hidden nickname after ~)
customers-step-phone = 📞 Their phone number?
customers-add-loader = Adding the customer…
customers-added = ✅ Added { $name } and selected them.
customers-added-with-phone = ✅ Added { $name } ({ $phone }) and selected them.
customers-added-nickname = Hidden nickname: { $nicknames }
customers-added-same-phone = ⚠️ This phone also belongs to { $name }. Check that it isn't the same person.
customers-added-next = Next: /addtransaction <i>amount | note</i>
customers-look-alike = ⚠️ Looks the same as an existing customer: { $name } ({ $balance }). Check that it isn't the same person.
customers-name-empty = The name can't be empty. Please send the customer's name.
customers-name-no-letter = A name needs at least one letter.
customers-name-no-tilde = A name can't contain ~ (add a hidden nickname with /nickname).

## /addcustomer: the same person already there (active or archived)?

customers-dup-same-name = ⚠️ There is already a customer named { $name } ({ $balance }).
customers-dup-same-name-archived = ⚠️ { $name } is a deleted (archived) customer ({ $balance }).
customers-dup-same-phone = ⚠️ The phone { $phone } also belongs to { $name } ({ $balance }).
customers-dup-same-phone-archived = ⚠️ The phone { $phone } also belongs to { $name }, a deleted (archived) customer ({ $balance }).
customers-dup-ask = Nothing was added yet. If it is the same person, tap their name; otherwise add { $name } anyway.
customers-dup-select = 👤 Select { $name }
customers-dup-restore = ♻️ Restore { $name }
customers-dup-add-anyway = ➕ Add anyway
customers-dup-expired = That question has expired: nothing to add. Send /addcustomer again.

## /deletecustomer

customers-the-customer = the customer
customers-with-balance = { $name } ({ $balance })
customers-delete-noun = deletion
customers-delete-action = delete { $customer }
customers-delete-loader = Deleting the customer…
customers-deleted = 🗄 Deleted { $name }: gone from lists and search, kept in the history and the export.
customers-deleted-balance = Their balance stays on record ({ $balance }).
customers-deleted-undo = <i>/undo brings them back.</i>
customers-delete-already = { $name } is already deleted (archived).
customers-delete-owes = They still owe { $amount }.
customers-delete-advance = They have an advance of { $amount } (the shop owes them).
customers-delete-settled = Their balance is settled.
customers-delete-owner-only = ⚠️ { $owed } Only the shop owner can delete a customer whose balance isn't zero (with the shop PIN). Settle it first (/pay all), or ask the owner.
customers-delete-ask = 🗑 Delete { $name }? { $owed }
customers-delete-ask-details = They leave lists and search but stay in the history and the export; /undo brings them back.
customers-delete-ask-pin = Deleting a customer who owes or is owed needs the shop PIN.
customers-delete-yes = 🗑 Yes, delete
customers-delete-no = ✖️ No
customers-delete-kept = Kept.
customers-delete-nothing = Nothing was deleted.

## /rename

customers-rename-question = ✏️ What's their new name?
customers-rename-ask = ✏️ What's the new name for { $name }?
customers-rename-noun = rename
customers-rename-action = rename { $name } to { $new }
customers-rename-loader = Renaming…
customers-renamed = ✏️ Renamed { $old } to { $new }.
customers-renamed-undo = <i>/undo puts the old name back.</i>

## /nickname

customers-nickname-question = 🕶 What hidden nickname? (search finds it; lists never show it)
customers-nickname-ask = 🕶 What hidden nickname for { $name }? (search finds it; lists never show it)
customers-nickname-noun = nickname
customers-nickname-loader = Adding the nickname…
customers-nickname-added = 🕶 { $name } can now be found as “{ $nickname }”. It stays hidden: only /summary and the export show it.
customers-nickname-undo = <i>/undo removes it.</i>
customers-nickname-empty = The nickname can't be empty.
customers-nickname-no-letter = A nickname needs at least one letter or digit.

## /phone

customers-phone-who = Whose phone?
customers-phone-question = 📞 What's the new phone number? (send “remove” to remove it)
customers-phone-ask = 📞 What's the new phone number for { $name }? (send “remove” to remove it)
customers-phone-noun = phone change
customers-phone-loader = Saving the phone…
customers-phone-set = 📞 { $name }'s phone is now { $phone }.
customers-phone-changed = 📞 { $name }'s phone is now { $phone } (was { $old }).
customers-phone-removed = 📞 Removed { $name }'s phone ({ $old }).
customers-phone-undo = <i>/undo puts the old one back.</i>
customers-phone-missing = This customer has no phone to remove.
customers-phone-unchanged = That is already the customer's phone.
customers-phone-not-theirs = That phone is not one of the customer's phones (see /summary).
customers-phones-add = 📞 Added the phone { $phone } to { $name }.
customers-phones-remove = 📞 Removed the phone { $phone } from { $name }.
customers-phones-main = 📞 { $name }'s main phone is now { $phone }.
customers-phones-now = Phones: { $phones }
customers-phones-undo = <i>/undo puts the phones back as they were.</i>

## /summary and the customer card

customers-summary-none-selected = No customer is selected. Find one first: /search <i>name, phone or #tag</i>
customers-summary-totals = Bought on credit: { $purchases } · Paid: { $payments } · { $count ->
    [one] { $count } entry
   *[other] { $count } entries
  }
customers-summary-last-payment = Last payment: { $when }
customers-summary-merged = Merged into { $name }.
customers-summary-latest = <b>Latest</b>
customers-summary-no-entries = No purchases or payments yet.
customers-household-title = 👪 <b>Linked accounts</b>
customers-household-together = Together: { $total }
customers-household-more = …and { $count } more
customers-card-aka = aka { $nicknames } <i>(hidden)</i>
customers-card-balance = Balance: { $balance }
customers-card-no-purchases = no purchases yet
customers-card-archived = archived
customers-card-overdue = ⏳ Overdue: { $amount } since { $date } ({ $days ->
    [one] 1 day
   *[other] { $days } days
    })
customers-card-due-now = 📌 Due today: { $amount }
customers-card-next-due = 📅 Next due: { $amount } on { $date }
customers-card-terms = Credit terms: { $days ->
    [0] due the same day
    [one] 1 day
   *[other] { $days } days
    } ({ $from ->
    [customer] this customer's own
   *[shop] the shop's
    })
customers-card-limit = Credit limit: { $limit } ({ $from ->
    [customer] this customer's own
   *[shop] the shop's
    }){ $over ->
    [yes] {" "}⚠️ past the limit
   *[no] {""}
    }
`;
