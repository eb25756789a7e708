/** English catalog, core area: words every area uses (Fluent syntax; every argument is HTML-safe text). */
export default `
## Balances (text/format.ts)

balance-owes = owes { $amount }
balance-advance = advance { $amount }
balance-settled = settled

## The step engine (shared/bot/flows.ts)

flow-who = Who is it for?
flow-who-find = { $who } Send a name, phone or #tag to find the customer (or /cancel).
flow-skip-or-cancel = /skip to leave it out, /cancel to stop.
flow-cancel = /cancel to stop.
flow-cancelled-selected = ✖️ The { $what } for { $customer } was cancelled because you selected { $selected }. Nothing was changed.
flow-cancelled-none = ✖️ The { $what } for { $customer } was cancelled because no customer is selected now. Nothing was changed.
flow-expired = That step has expired. Please start the command again.
flow-nothing-to-skip = There is nothing to skip right now.
flow-cannot-skip = This one can't be skipped.
flow-example = Example: { $usage }
flow-dropped = ✖️ The { $what } for { $customer } you were entering was dropped.
flow-dropped-plain = ✖️ The { $what } you were entering was dropped.

## Replies (shared/bot/replies.ts)

reply-ledger-unreachable = ⚠️ The ledger is not reachable right now; trying again shortly.
reply-polling-unreachable = ⚠️ The ledger is not reachable right now and nothing was saved. Please try again in a moment.
reply-polling-not-through = ⚠️ My reply to that did not get through. Check /history before sending it again: it may have been saved.
reply-polling-failed = ⚠️ Something went wrong on my side. Check /history before trying again: it may have been saved.

## Refusals (shared/bot/friendly_errors.ts): one per ledger error code

error-not-a-member = This bot is private to a shop: only its members can use it. Ask an owner for an invite link.
error-owner-only = 🔒 That needs the owner role: only a shop owner can do it. A clerk can ask an owner.
error-update-id-required = Something went wrong with that message. Please send it again.
error-update-already-used = That message was already handled.
error-unknown-currency = That currency is not supported.
error-name-required = The name can't be empty.
error-name-too-long = That name is too long ({ $max } characters at most).
error-phone-invalid = That doesn't look like a phone number ({ $min } to { $max } digits).
error-nickname-too-long = That nickname is too long ({ $max } characters at most).
error-customer-not-found = That customer isn't in your shop (maybe an old button). Use /search to pick one.
error-customer-archived = That customer is archived. Use /search to pick another.
error-customer-has-transactions = That customer already has purchases or payments; undo those first.
error-nothing-to-settle = This customer owes nothing, so there is nothing to settle.
error-amount-not-positive = The amount must be more than zero.
error-amount-too-large = That amount is too large.
error-description-too-long = That note is too long ({ $max } characters at most).
error-balance-out-of-range = That would make the balance larger than PayTrack can hold.
error-nothing-to-undo = There is nothing left to undo.
error-action-not-found = That action isn't in your shop's history (maybe an old button).
error-already-undone = That was already undone.
error-not-undoable = That can't be undone.
error-name-mixed-scripts = That name mixes letters of different alphabets in one word (like a Cyrillic “о” in “John”), so it could pass for another name. Please type it in one alphabet.
error-nickname-mixed-scripts = That nickname mixes letters of different alphabets in one word (like a Cyrillic “о” in “John”). Please type it in one alphabet.
error-role-invalid = A role is either owner or clerk.
error-invite-invalid = That invite link isn't valid. Ask the shop owner for a new one.
error-invite-used = That invite link was already used: each link works once. Ask the shop owner for a new one.
error-invite-expired = That invite link has expired (links work for 24 hours). Ask the shop owner for a new one.
error-already-in-a-shop = You are already a member of another shop, and a Telegram account can be in one shop at a time. Send /leave there first, then open the link again.
error-member-not-found = That person isn't a member of your shop any more (maybe an old button). See /members.
error-role-unchanged = They already have that role.
error-last-owner = A shop needs at least one owner: make someone else an owner first (/members), then try again.
error-cannot-remove-self = You can't remove yourself; use /leave to leave the shop.
error-item-required = Please say what was bought.
error-item-too-long = That item is too long ({ $max } characters at most).
error-vendor-too-long = That vendor is too long ({ $max } characters at most).
error-category-too-long = That category is too long ({ $max } characters at most).
error-pin-required = 🔒 That needs the shop PIN, and the last one you gave has expired. Send the command again.
error-pin-locked = 🔒 Too many wrong PINs: PIN actions are locked for you for 15 minutes.
error-pin-invalid = A PIN is { $min } to { $max } digits, nothing else.
error-pin-not-set = This shop has no PIN yet. The owner can set one with /setpin.
error-transaction-not-found = There is no transaction with that number in your shop.
error-same-customer = That is the same customer twice: pick another one.
error-already-linked = These two are already linked.
error-not-linked = This customer isn't linked to anyone.
error-name-unchanged = That is already their name.
error-nickname-required = The nickname can't be empty.
error-nickname-exists = They already have that name or nickname.
error-too-many-nicknames = A customer can have at most { $max } nicknames.
error-tags-required = Name at least one #tag (letters or digits, up to { $max } characters).
error-tags-unchanged = Nothing to change: check the tags with /summary.
error-too-many-tags = A customer can have at most { $max } tags.
error-customer-merged = That customer was merged into another; undo the merge first.
error-changed-since = That was changed again since; undo the later change first.
error-period-invalid = That period ends before it starts.
error-unknown-time-zone = That is not a time zone PayTrack knows. Write it like Asia/Hebron, Asia/Amman or UTC.
error-shop-has-transactions = The currency can't change any more: the shop already has transactions in its current currency.
error-invite-withdrawn = That invite link was withdrawn by the shop's owner. Ask them for a new one.
error-rejected = That input was not accepted. Please check it and try again.
error-not-a-tag = “{ $word }” isn't a tag: use letters, digits, _ or - (up to { $max }), like #vip.

## Strangers (friendly_errors.ts), groups (private_chats.ts), unsupported updates

stranger-notice =
    🔒 PayTrack is private: it keeps a shop's credit ledger, and only the shop's members can use it.
    If you work at this shop, ask an owner for an invite link (they make one with /invite).
    Your Telegram id is <code>{ $id }</code>.
private-only = PayTrack works only in a private chat.
private-open = PayTrack keeps a shop's ledger private, so it works only in a private chat: open { $bot } and press Start.

## Whatever no feature handled (features/unhandled.ts)

unhandled-edited = ✏️ Editing a message doesn't change the ledger. Send a new message, or /undo the last action.
unhandled-unknown-command = I don't know { $command }. /help lists what I can do.
unhandled-unknown-command-near = I don't know { $command }. Did you mean { $nearest }? /help lists what I can do.
unhandled-not-sure = I'm not sure what to do with that. Try /search <i>name</i> to find a customer, or /help.
unhandled-offer-search = 🔎 Looking for a customer called { $name }? Press the button, or send /help to see what I can do.
unhandled-search-button = 🔎 Search { $name }
unhandled-text-only = Sorry, I only understand text here.
unhandled-find-customer = Send a name, phone or #tag to find the customer, or /cancel.
unhandled-stale-button = This button is no longer valid. Please start again.

## The terminal chat (shared/dev/terminal_chat.ts, start.ts): deno task start without a token

terminal-intro = PayTrack: terminal chat (TELEGRAM_BOT_TOKEN is not set, so nothing goes to Telegram)
terminal-database = Database: { $where }
terminal-supabase-warning = ⚠ That is your Supabase project: what you do here changes its real data.
terminal-you-are = You are "{ $name }", the shop owner (Telegram id { $id }). Try /start, then /help.
terminal-how = Type a button's number to press it (\\1 sends the text "1"). /quit or Ctrl-D leaves.
terminal-you = you
terminal-ledger-unreachable = ⚠ The database is not reachable ({ $reason }). On Telegram this update would be redelivered; here, send it again.
terminal-bot-failed = ⚠ The bot failed on that: { $reason }
terminal-button-opens = (that button opens { $url })
terminal-not-simulated = ({ $method } is not simulated in the terminal chat)
terminal-refused = ⚠ Telegram would refuse { $method }: { $reason }
terminal-buttons-changed = (buttons changed)
terminal-message-deleted = (a message was deleted)
terminal-a-file = 📎 a file
terminal-file = 📎 { $name } ({ $size })
terminal-file-saved = 📎 { $name } ({ $size }), saved to { $path }
terminal-polling-starting = Starting long polling (this removes a webhook if one is set; \`deno task webhook:set <url>\` restores it).
terminal-polling-running = @{ $bot } is running. Ctrl-C stops it.
`;
