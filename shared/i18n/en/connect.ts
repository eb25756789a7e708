/** English catalog, connect area: linking a customer's Telegram and their self-service (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-connect-menu = Link the selected customer's Telegram (a link and QR code)
cmd-connect-summary = A one-time link and QR code that links the selected customer's Telegram.
cmd-connect-details = The link works once, for 7 days. The customer sees which shop and name it is for and must confirm. Owners unlink from the customer's /summary card.
cmd-connect-examples =
    /connect
cmd-balance-summary = Linked customers: your balance in each shop.
cmd-balance-examples =
    /balance
cmd-statement-summary = Linked customers: your statement in one shop.
cmd-statement-examples =
    /statement
cmd-disconnect-summary = Linked customers: unlink your Telegram.
cmd-disconnect-examples =
    /disconnect

## The member's side

connect-none-selected = Select a customer first (/search), then send /connect.
connect-link-for = 🔗 A link for { $name } to connect their Telegram. Show them the QR code or send them the link:
connect-link-until = It works once, until { $when } ({ $zone }).
connect-link-gone = That link was already used or has expired. Send /connect for a new one.
connect-card-connect = 🔗 Connect Telegram
connect-card-unlink = Unlink Telegram
connect-unlinked = Unlinked: { $name }'s Telegram no longer sees this account.
connect-owner-linked = 🔗 { $name } linked their Telegram to their account.
connect-owner-unlinked = { $name } unlinked their Telegram from their account.

## The customer's side

connect-ask = { $shop } says this account is yours: { $name }. Is it?
connect-yes = Yes
connect-no = No
connect-linked = ✅ Linked: you are { $name } at { $shop }. Send /balance to see your account.
connect-declined = Nothing was linked.
connect-not-linked = Your Telegram is not linked to any shop's account.
connect-balance-title = 📒 Your accounts
connect-balance-shop = { $shop }: { $name }
connect-balance-latest = Latest:
connect-balance-no-entries = No entries yet.
connect-balance-overdue = ⏳ Overdue: { $amount } since { $date }
connect-balance-due-now = 📌 Due today: { $amount }
connect-balance-next-due = 📅 Next due: { $amount } on { $date }
connect-balance-reminders-on = 🔔 Reminders: on — /reminders off to stop
connect-balance-reminders-off = 🔕 Reminders: off — /reminders on to get them
connect-balance-hint = /statement shows more; /disconnect unlinks.
connect-entry-purchase = • { $when } · Purchase { $amount }{ $note }
connect-entry-payment = • { $when } · Payment { $amount }{ $note }
connect-statement-title = 📄 Your statement
connect-statement-which = Which shop?
connect-disconnect-which = Unlink from which shop?
connect-disconnected = Unlinked from { $shop }. Ask the shop for a new link to connect again.
connect-customer-only = You are a customer of { $shops }: /balance shows your account.

## Refusals

connect-error-link-invalid = That link does not work. Ask the shop for a new one.
connect-error-link-used = That link was already used: each link works once. Ask the shop for a new one.
connect-error-link-expired = That link has expired. Ask the shop for a new one.
connect-error-already-linked = This customer's account is already linked to a Telegram account. An owner can unlink it on the customer's /summary card.
connect-error-account-not-found = That linked account was not found.
`;
