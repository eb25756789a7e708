/** English catalog, history area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-history-menu = Latest actions in the shop, with Undo
cmd-history-summary = The latest actions in the shop: who did what, for whom, with Undo buttons.
cmd-history-details = History entries are labelled H1, H2… (transactions are T1, T2…). ⬅️ Older shows the page before. With a customer selected, the button “Only <i>name</i>” shows that customer's actions alone. Owners can see one member's actions: /history with their name or Telegram id (see /members).
cmd-history-examples =
    /history
    /history Sara
cmd-undo-menu = Undo the last action
cmd-undo-summary = Undo the last action (asks Yes/No first).
cmd-undo-details = /undo H12 undoes history entry H12 (also /undo 12). A clerk can undo only their own actions. Use /history to undo an older one.
cmd-undo-examples =
    /undo
    /undo H12

## Labels: a history entry is H13, a transaction T13 (shared/text/history.ts)

history-label = H{ $id }

## /history

history-nothing-older = There is nothing older.
history-nothing-by = Nothing by { $who } yet.
history-nothing-for = Nothing for { $customer } yet.
history-nothing-yet = Nothing has happened in the shop yet.
history-by = {" "}by { $who }
history-for = {" "}for { $customer }
history-header-latest = 🕘 <b>Latest actions</b>{ $filter } ({ $shown } of { $total })
history-header-older = 🕘 <b>Older actions</b>{ $filter } ({ $from }–{ $to } of { $total })
history-undone = <i>(undone)</i>
history-button-undo = ↩️ Undo { $label }
history-button-older = ⬅️ Older
history-button-only = 👤 Only { $customer }
history-button-all = 🕘 Whole shop
history-filter-owner-only = 🔒 Filtering the history by member needs the owner role. /history shows everything.
history-member-fallback = member { $id }
history-member-none = No member called “{ $query }”. /members lists them.
history-member-several = Several members match: { $names }. Send /history with their id.

## /undo

undo-pin-note = 🔒 This lowers what the customer owes (or repeats a PIN action), so it needs the shop PIN.
undo-ask = Undo this?
    { $entry }{ $pin }
undo-ask-id = Undo history entry { $label }?
undo-button-yes = ✅ Yes, undo
undo-button-no = ✖️ No
undo-nothing = There is nothing left for you to undo.
undo-already = That was already undone.
undo-not-yours = 🔒 Undoing someone else's action needs the owner role: a clerk can undo only their own.
undo-not-now = You can't undo that one now (an owner may; or a later change must be undone first).
undo-kept = Kept as it is.
undo-nothing-undone = Nothing was undone.
undo-not-a-label = “{ $text }” is not a history entry: send /undo, or /undo H12 with a label from /history.
undo-loader = Undoing…
undo-needs-pin = 🔒 Undoing this needs the shop PIN.
undo-done = ↩️ Undid { $label }.
undo-done-for = ↩️ Undid { $label } for { $customer }. Balance now: { $balance }
undo-done-added = ↩️ Removed { $customer } again (archived).
undo-done-archived = ↩️ { $customer } is back in lists and search. Balance: { $balance }
undo-done-restored = ↩️ { $customer } is archived again.
undo-done-merged = ↩️ Split { $duplicate } from { $customer } again. { $customer }: { $balance }
undo-noun = undo
undo-action = undo { $what }

## What each action did, in words (one per action kind; a test checks every kind)

history-someone = user { $id }
history-action-shop-opened = { $who } opened the shop
history-action-customer-added = { $who } added customer { $whom }
history-action-purchase-recorded = { $who } recorded a purchase of { $amount } for { $whom }
history-action-payment-recorded = { $who } recorded a payment of { $amount } for { $whom }
history-action-action-undone = { $who } undid { $label } ({ $what })
history-action-action-undone-for = { $who } undid { $label } ({ $what }) for { $whom }
history-action-expense-recorded = { $who } recorded an expense: { $item } { $amount }
history-action-member-invited = { $who } made an invite link ({ $role ->
        [owner] co-owner
       *[other] clerk
    })
history-action-member-joined = { $who } joined the shop ({ $role ->
        [owner] co-owner
       *[other] clerk
    })
history-action-member-role-changed = { $who } made { $member } { $role ->
        [owner] an owner
       *[other] a clerk
    }
history-action-member-removed = { $who } removed { $member } from the shop
history-action-member-left = { $who } left the shop
history-action-customer-archived = { $who } deleted (archived) { $whom }
history-action-customer-restored = { $who } restored { $whom } from the archive
history-action-customer-renamed = { $who } renamed { $old } to { $new }
history-action-nickname-added = { $who } added a hidden nickname to { $whom }
history-action-customer-tagged = { $who } tagged { $whom } { $tags }
history-action-customer-untagged = { $who } removed { $tags } from { $whom }
history-action-customers-linked = { $who } linked { $whom } with { $other }
history-action-customer-unlinked = { $who } unlinked { $whom } from their household
history-action-customers-merged = { $who } merged { $duplicate } into { $whom }
history-action-setting-changed = { $who } changed the shop setting: { $setting }
history-action-setting-changed-to = { $who } changed { $setting } from { $old } to { $new }
history-action-setting-changed-archive = { $who } turned archiving settled customers { $on ->
        [yes] on
       *[other] off
    }
history-action-pin-set = { $who } { $replaced ->
        [yes] changed
       *[other] set
    } the shop PIN
history-action-pin-reset-requested = { $who } asked to reset the shop PIN
history-action-pin-reset-cancelled = { $who } cancelled a request to reset the shop PIN
history-action-pin-reset-applied = The shop PIN was reset (asked by { $who })
history-action-invite-revoked = { $who } withdrew an unused invite link ({ $role ->
        [owner] co-owner
       *[other] clerk
    })
history-action-phone-changed = { $who } { $change ->
        [added] added the phone { $new } to { $whom }
        [removed] removed the phone { $old } from { $whom }
       *[changed] changed the phone of { $whom } from { $old } to { $new }
    }
history-action-customer-link-created = { $who } made a link for { $whom } to connect their Telegram
history-action-customer-linked = { $whom } linked their Telegram account (a link from { $who })
history-action-customer-link-ended = { $by ->
        [customer] { $whom } unlinked their Telegram account
       *[member] { $who } unlinked the Telegram account of { $whom }
    }
history-action-dispute-opened = { $whom } said the { $kind ->
        [payment] payment
       *[purchase] purchase
    } of { $amount } is not theirs (❗ a dispute)
history-action-dispute-resolved = { $status ->
        [undone] { $who } undid the entry { $whom } disputed
       *[upheld] { $who } said the entry { $whom } disputed is correct
    }
history-action-customer-credit-set = { $own ->
        [yes] { $who } set the { $setting ->
            [credit_limit] credit limit
           *[other] credit terms
        } of { $whom } to { $value }
       *[no] { $who } put the { $setting ->
            [credit_limit] credit limit
           *[other] credit terms
        } of { $whom } back to the shop's
    }
history-action-due-date-set = { $cleared ->
        [yes] { $who } removed the due date of the purchase of { $amount } for { $whom } (the credit terms apply)
       *[no] { $who } set the due date of the purchase of { $amount } for { $whom } to { $date }
    }
history-action-unknown = { $who } made a change

## An undone action, as a noun: "undid H5 (a purchase)"

history-what-shop-opened = opening the shop
history-what-customer-added = customer
history-what-purchase-recorded = a purchase
history-what-payment-recorded = a payment
history-what-action-undone = an undo
history-what-expense-recorded = an expense
history-what-member-invited = an invite link
history-what-member-joined = a member joining
history-what-member-role-changed = a role change
history-what-member-removed = removing a member
history-what-member-left = a member leaving
history-what-customer-archived = deleting a customer
history-what-customer-restored = restoring a customer
history-what-customer-renamed = a rename
history-what-nickname-added = a nickname
history-what-customer-tagged = tagging
history-what-customer-untagged = untagging
history-what-customers-linked = a link
history-what-customer-unlinked = an unlink
history-what-customers-merged = a merge
history-what-setting-changed = a setting
history-what-pin-set = the shop PIN
history-what-pin-reset-requested = a PIN reset request
history-what-pin-reset-cancelled = cancelling a PIN reset
history-what-pin-reset-applied = a PIN reset
history-what-invite-revoked = withdrawing an invite link
history-what-phone-changed = a phone change
history-what-customer-link-created = a Telegram link
history-what-customer-linked = linking a Telegram account
history-what-customer-link-ended = unlinking a Telegram account
history-what-dispute-opened = a dispute
history-what-dispute-resolved = resolving a dispute
history-what-customer-credit-set = credit terms or a credit limit
history-what-due-date-set = a due date
history-what-unknown = a change

## Shop settings by name (setting_changed)

history-setting-name = the shop's name
history-setting-timezone = the time zone
history-setting-language = the default language
history-setting-digits = the digit style
history-setting-currency = the currency
history-setting-unknown = a shop setting
history-setting-credit-days = the credit terms
history-setting-credit-limit = the credit limit
history-setting-credit-limit-mode = what happens past the credit limit
history-setting-reminders-auto = automatic reminders
history-setting-remind-before-days = how early reminders go before the due date
history-setting-remind-every-days = how often overdue reminders repeat
history-setting-quiet-hours = the quiet hours
history-setting-digest = the daily digest
history-setting-backup = the automatic backup
history-value-none = none
history-value-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
history-value-warn = warn
history-value-block = block
history-value-on = on
history-value-off = off
history-value-daily = daily
history-value-weekly = weekly
`;
