/** English catalog, settings area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-settings-menu = Shop settings; /setpin sets the shop PIN
cmd-settings-summary = The shop's settings, e.g. archive customers when their balance reaches zero.
cmd-settings-details = The owner switches a setting with its button; /undo switches it back. Also: <code>/settings name New name</code>, <code>/settings zone Asia/Hebron</code>, <code>/settings currency ILS</code> (only while the shop has no transactions).
cmd-settings-examples =
    /settings
    /settings zone Asia/Hebron
    /settings name Layla's grocery
cmd-language-menu = Your language and digits (English / العربية)
cmd-language-summary = The language PayTrack speaks to you, and how it writes numbers (0-9 or ٠-٩).
cmd-language-details = Tap a button, or send <code>/language ar</code> or <code>/language en</code>. Only your own chat changes; the owner sets the shop's default in /settings.
cmd-language-examples =
    /language
    /language ar

## /settings

settings-title = ⚙️ <b>Settings of {$shop}</b>
settings-name = 🏷 Name: {$name}
settings-zone = 🕒 Time zone: {$zone} (now {$now} there)
settings-language = 🗣 Default language: {$language}
settings-digits = 🔢 Digits: {$digits}
settings-currency = 💱 Currency: {$currency}
settings-currency-open = <i>The currency can change until the first transaction.</i>
settings-currency-locked = <i>Fixed: the shop already has transactions.</i>
settings-archive = 🗄 Archive customers when their balance reaches zero: {$state}
settings-archive-on = on
settings-archive-off = off
settings-archive-note = <i>When on, a payment that settles a customer archives them (it says so; /undo brings them back).</i>
settings-credit = 💳 Credit terms: {$terms}; credit limit: {$limit}
settings-button-credit = 💳 Credit terms and limit
settings-reminders = ⏰ Automatic reminders: {$state}
settings-reminders-on = on
settings-reminders-off = off
settings-button-reminders = ⏰ Reminders
settings-backup = 💾 Automatic backup to the owners: {$state}
settings-backup-off = off
settings-backup-daily = daily (yesterday's entries)
settings-backup-weekly = weekly on Mondays (the past 7 days)
settings-button-backup-weekly = 💾 Back up weekly
settings-button-backup-daily = 💾 Back up daily
settings-button-backup-off = 💾 Turn the backup off
settings-backup-done = 💾 Automatic backup: {$state}.
settings-backup-caption-daily = 💾 Daily backup of {$shop}: {$period}
settings-backup-caption-weekly = 💾 Weekly backup of {$shop}: {$period}
settings-pin = 🔐 Shop PIN: {$state}{$hint}
settings-pin-set = set
settings-pin-set-at = set ({$when})
settings-pin-not-set = not set
settings-pin-hint-change = {" "}— /setpin to change it
settings-pin-hint-set = {" "}— /setpin to set it
settings-pin-reset = ⏳ A PIN reset is pending: the PIN will be removed on {$when} ({$zone}).{$hint}
settings-pin-reset-hint = {" "}/resetpin cancel stops it.
settings-owner-only = <i>Only the shop owner can change settings.</i>
settings-owner-how = <i>Tap a button, or send <code>/settings name New name</code>, <code>/settings zone Asia/Hebron</code>.</i>
settings-digits-latn = Latin 0-9
settings-digits-arab = Arabic-Indic ٠-٩
settings-language-en = English
settings-language-ar = Arabic (العربية)

settings-button-archive-on = 🗄 Turn auto-archive on
settings-button-archive-off = 🗄 Turn auto-archive off
settings-button-rename = ✏️ Rename the shop
settings-button-zone-other = 🕒 Another time zone
settings-button-zone = 🕒 {$zone}
settings-button-language = 🗣 Default language: {$language}
settings-button-digits = 🔢 Digits: {$digits}
settings-button-currency = 💱 Change the currency

settings-saving = Saving the setting…
settings-archive-done = ✅ Archiving settled customers is now {$state}.
settings-undo-hint = <i>/undo switches it back.</i>
settings-name-done = ✅ The shop is now called {$name}.
settings-zone-done = ✅ The shop's time zone is now {$zone} (now {$now} there). Every time is shown in it.
settings-language-done = ✅ The shop's default language is now {$language}.
settings-digits-done = ✅ The shop's digits are now {$digits}.
settings-currency-done = ✅ The shop's currency is now {$currency}.
settings-unchanged = Nothing changed: it already was {$value}.
settings-ask-name = Send the new name like this: <code>/settings name Layla's grocery</code>
settings-ask-zone = Send the time zone's IANA name like this: <code>/settings zone Asia/Hebron</code> (others: Asia/Gaza, Asia/Amman, Asia/Jerusalem, UTC).
settings-ask-currency = Send the currency's code like this: <code>/settings currency ILS</code>. It can change only while the shop has no transactions.
settings-zone-unknown = {$zone} is not a time zone I know. Write it like Asia/Hebron, Asia/Amman or UTC.
settings-unknown = I can change the shop's <code>name</code>, <code>zone</code>, <code>language</code> (en or ar), <code>digits</code> (latn or arab) and <code>currency</code>, e.g. <code>/settings zone Asia/Hebron</code>.

## /language

language-view = 🗣 PayTrack speaks {$language} to you and writes numbers as {$digits}.
language-choose = Choose your language and digits:
language-saving = Saving…
language-done = ✅ From now on PayTrack speaks English to you.
language-digits-done = ✅ Numbers are now written as {$digits}.
language-unknown = Send <code>/language en</code> for English or <code>/language ar</code> for Arabic, or tap a button.
`;
