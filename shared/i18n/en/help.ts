/** English catalog, help area (Fluent syntax; every argument is HTML-safe text). */
export default `
## The /help guide

help-guide-intro = 📒 <b>PayTrack</b> keeps your shop's credit ledger: who bought on credit, who paid, who owes what.
help-guide-line = { $command } — { $summary }
    {"   "}e.g. { $example }
help-guide-outro = Give any command without details and I will ask for them one at a time. /help <i>command</i> for more.
help-also = Also: { $aliases }
help-examples = Examples:
    { $examples }
help-unknown = I don't know /{ $topic }.{ $nearest } /help lists every command.
help-did-you-mean = {" "}Did you mean /{ $command }?
help-waiting-customer = I'm waiting for you to pick a customer: send a name, phone or #tag and tap the right one.
help-waiting-step = I'm waiting for an answer for /{ $command }.
    { $question }
help-leave-step = /cancel leaves this step.
cancel-nothing = Nothing to cancel. /help shows what I can do.
cancel-done = Cancelled. Nothing was changed.

## Areas (the /help sections)

area-search = Finding a customer
area-customers = Customers
area-recording = Purchases and payments
area-history = History and undo
area-transactions = Transactions
area-tags = Tags
area-links = Households and duplicates
area-spending = Shop spending
area-team = Team
area-export = Export
area-settings = Settings
area-pin = The shop PIN
area-help = Getting around

## Commands (the menu, /help)

cmd-help-menu = How to use PayTrack
cmd-help-summary = This guide, or one command in detail.
cmd-help-details = Inside a pending step, /help explains that step.
cmd-help-examples =
    /help
    /help pay
cmd-cancel-menu = Leave the current step
cmd-cancel-summary = Leave the current step.
cmd-cancel-examples =
    /cancel
cmd-skip-summary = Leave out an optional answer (a phone, a vendor, a category).
cmd-skip-examples =
    /skip
`;
