/** English catalog, credit area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-credit = Credit terms and limits
cmd-terms-menu = Credit terms (days to pay) of the selected customer
cmd-terms-summary = The selected customer's credit terms (days to pay after a purchase), where they come from, and the shop's.
cmd-terms-details = Owners change them: <code>/terms 30</code> gives the customer their own terms, <code>/terms default</code> goes back to the shop's; <code>/terms shop 30</code> or <code>/terms shop none</code> sets the shop's. /undo puts the old terms back.
cmd-terms-examples =
    /terms
    /terms 30
    /terms default
    /terms shop 15
cmd-limit-menu = Credit limit of the selected customer
cmd-limit-summary = The selected customer's credit limit, where it comes from, and the shop's.
cmd-limit-details = Owners change it: <code>/limit 500</code> gives the customer their own limit, <code>/limit default</code> goes back to the shop's; <code>/limit shop 1000</code>, <code>/limit shop none</code>, and <code>/limit shop block</code> or <code>/limit shop warn</code> for what happens past it. /undo puts the old one back.
cmd-limit-examples =
    /limit
    /limit 500
    /limit default
    /limit shop block

## Words

credit-none = none
credit-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
credit-mode-warn = warn
credit-mode-block = block
credit-the-shops = the shop's
credit-saving = Saving…
credit-undo-hint = /undo puts it back.
credit-owner-only = 🔒 Changing credit terms and limits is for owners. /terms and /limit show them.
credit-change-owner-only = <i>Only an owner can change it.</i>

## The shop's page (/settings → 💳)

credit-page-title = 💳 <b>Credit terms and limit of { $shop }</b>
credit-page-terms = 📅 Credit terms: { $terms }
credit-page-terms-note = <i>A purchase falls due { $count ->
        [one] { $count } day
       *[other] { $count } days
    } after it is made, unless it has its own due date.</i>
credit-page-terms-none-note = <i>Purchases have no due date unless one is given when recording.</i>
credit-page-limit = 🚧 Credit limit: { $limit }
credit-page-mode = Past the limit: { $mode }
credit-page-mode-warn-note = <i>Warn: a purchase that takes a balance past the limit asks the member to confirm, then is recorded.</i>
credit-page-mode-block-note = <i>Block: past the limit, only an owner (or a clerk with the shop PIN) can record the purchase. Payments are never blocked.</i>
credit-page-customers-note = <i>A customer can have their own: /terms and /limit on the selected customer.</i>
credit-page-owner-only = <i>Only an owner can change these.</i>
credit-button-terms-none = No terms
credit-button-days = { $count } days
credit-button-terms-other = ✏️ Other…
credit-button-limit-set = 🚧 Set limit…
credit-button-limit-none = ✖️ No limit
credit-button-mode-block = ⛔ Block past the limit
credit-button-mode-warn = ⚠️ Only warn past the limit
credit-ask-days = How many days do customers have to pay? (0 to 365, or "none")
credit-days-bad = ❌ Credit terms are a number of days from 0 to 365, or "none".
credit-ask-limit = What credit limit? Send the amount (or "none").
credit-noun-shop-terms = the shop's credit terms
credit-noun-shop-limit = the shop's credit limit
credit-shop-terms-done = ✅ The shop's credit terms: { $value }
credit-shop-limit-done = ✅ The shop's credit limit: { $value }
credit-shop-mode-done = ✅ Past the credit limit: { $value }

## /terms and /limit

credit-terms-who = Whose credit terms?
credit-limit-who = Whose credit limit?
credit-noun-terms = the credit terms
credit-noun-limit = the credit limit
credit-terms-title = 📅 <b>Credit terms of { $name }</b>
credit-terms-own = Their own: { $terms }
credit-terms-shops = The shop's: { $terms }
credit-terms-shop = Shop default: { $terms }
credit-limit-title = 🚧 <b>Credit limit of { $name }</b>
credit-limit-own = Their own: { $limit }
credit-limit-shops = The shop's: { $limit }
credit-limit-shop = Shop default: { $limit }
credit-owes = Owes { $balance }: { $due } due now, { $overdue } overdue.
credit-terms-how = <i>/terms 30 gives them their own; /terms default goes back to the shop's; /terms shop 30 sets the shop's.</i>
credit-limit-how = <i>/limit 500 gives them their own; /limit default goes back to the shop's; /limit shop 1000 sets the shop's.</i>
credit-terms-usage = ❌ Send /terms with a number of days (0 to 365) or "default", e.g. <code>/terms 30</code>; <code>/terms shop 30</code> for the shop's.
credit-limit-usage = Send /limit with an amount or "default", e.g. <code>/limit 500</code>; <code>/limit shop 1000</code>, <code>/limit shop none</code> or <code>/limit shop block</code> for the shop's.
credit-terms-done = ✅ Credit terms of { $name }: { $value }
credit-limit-done = ✅ Credit limit of { $name }: { $value }
`;
