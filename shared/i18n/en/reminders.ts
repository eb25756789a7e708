/** English catalog, reminders area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-reminders = Reminders
cmd-remind-summary = Remind the selected customer of what they owe: a linked customer gets it from the bot, for anyone else you get a text to forward. /remind all reminds every overdue customer (owners).
cmd-remind-examples =
    /remind
    /remind all
cmd-reminders-summary = For a customer linked to a shop: /reminders off stops payment reminders, /reminders on starts them again.
cmd-reminders-examples =
    /reminders off
    /reminders on

## /remind and the card's button (to the member)

reminders-card-button = 🔔 Remind
reminders-noun-remind = reminder
reminders-nothing-owed = { $customer } owes nothing: no reminder needed.
reminders-queued = 🔔 A reminder goes out to { $customer } on Telegram:
reminders-already = { $customer } was already reminded today ({ $when }): nothing new is sent. At most one reminder per customer per day.
reminders-why-not-linked = { $customer } has not linked their Telegram (/connect), so the bot cannot remind them.
reminders-why-link-ended = { $customer }'s Telegram link has ended, so the bot cannot remind them.
reminders-why-reminders-off = { $customer } turned reminders off, so the bot sends them none.
reminders-why-unreachable = { $customer } has blocked the bot, so it cannot reach them.
reminders-forward-intro = Forward this text yourself:
reminders-button-share-telegram = ✈️ Share on Telegram
reminders-button-share-whatsapp = 💬 Send on WhatsApp

## What a reminder names (the member's reply, and the text to forward)

reminders-owed-overdue = { $amount } overdue since { $date }
reminders-owed-due-today = { $amount } due today
reminders-owed-due-on = { $amount } due on { $date }
reminders-owed-balance = Balance: { $amount }
reminders-forward-hello = Hello { $customer }, a friendly reminder from { $shop } about your account:
reminders-forward-thanks = Thank you!

## Remind all overdue (owners)

reminders-all-owner-only = Reminding every overdue customer at once is for the shop's owners. /remind reminds the selected customer.
reminders-all-none = No customer is overdue: nobody to remind.
reminders-all-counts = { $count ->
    [one] 1 overdue customer
   *[other] { $count } overdue customers
  }: { $parts }.
reminders-all-reachable = { $count ->
    [one] 1 will get a reminder
   *[other] { $count } will get a reminder
  }
reminders-all-not-linked = { $count ->
    [one] 1 is not linked (forward texts: /overdue)
   *[other] { $count } are not linked (forward texts: /overdue)
  }
reminders-all-off = { $count ->
    [one] 1 turned reminders off
   *[other] { $count } turned reminders off
  }
reminders-all-unreachable = { $count ->
    [one] 1 blocked the bot
   *[other] { $count } blocked the bot
  }
reminders-all-already = { $count ->
    [one] 1 already reminded today
   *[other] { $count } already reminded today
  }
reminders-all-separator = {", "}
reminders-all-ask = Send?
reminders-all-nobody = The bot can reach none of them today.
reminders-button-send = 🔔 Send
reminders-button-cancel = Cancel
reminders-all-cancelled = Cancelled: no reminder sent.
reminders-all-sending = Queuing reminders…
reminders-all-sent = { $count ->
    [one] 🔔 1 reminder is on its way.
   *[other] 🔔 { $count } reminders are on their way.
  }

## The reminder itself (shared/outbox/reminder_messages.ts), in the customer's language

reminders-message-title = 🔔 <b>{ $shop }</b>: a friendly payment reminder for { $customer }.
reminders-message-overdue = <b>{ $amount }</b> is overdue since { $date }.
reminders-message-due-today = <b>{ $amount }</b> is due today.
reminders-message-due-on = <b>{ $amount }</b> falls due on { $date }.
reminders-message-balance = Your balance: you owe <b>{ $amount }</b>.
reminders-message-thanks = Thank you!
reminders-message-hint = /balance shows your account. /reminders off stops these reminders.

## The reminder settings page (/settings, owners)

reminders-settings-title = ⏰ <b>Reminders</b>
reminders-settings-on = on
reminders-settings-off = off
reminders-settings-auto = Automatic reminders: { $state }
reminders-settings-before = { $days ->
    [0] Before the due date: none
    [one] Before the due date: 1 day
   *[other] Before the due date: { $days } days
  }
reminders-settings-every = { $days ->
    [one] While overdue: every day
   *[other] While overdue: every { $days } days
  }
reminders-settings-quiet = Quiet hours (never then): { $hours }
reminders-settings-quiet-none = Quiet hours: none
reminders-settings-digest = Daily digest to the owners: { $state }
reminders-settings-how = Tap to change. At most one reminder per customer per day; never to a customer who turned them off.
reminders-settings-owner-only = Only an owner can change the reminder settings.
reminders-button-auto-on = Turn automatic reminders on
reminders-button-auto-off = Turn automatic reminders off
reminders-button-before = { $chosen }{ $days ->
    [0] none before
   *[other] { $days }d before
  }
reminders-button-every = { $chosen }every { $days }d
reminders-button-quiet-none = no quiet hours
reminders-button-quiet-other = Other quiet hours…
reminders-button-digest-on = Turn the daily digest on
reminders-button-digest-off = Turn the daily digest off
reminders-settings-saving = Saving…
reminders-settings-done = ✅ Saved.
reminders-settings-undo-hint = /undo puts it back.
reminders-ask-quiet = Quiet hours, in the shop's time: for example <code>21:00-09:00</code>, or <code>none</code>.
reminders-quiet-bad = That is not a time span like 21:00-09:00 (or none).
reminders-noun-quiet = quiet hours

## A linked customer's /reminders on|off

reminders-customer-turned-off = Reminders are off: you will get no payment reminders any more. /reminders on turns them back on.
reminders-customer-turned-on = Reminders are on: you get a message when a payment falls due.
reminders-customer-usage-on = Reminders are on. Send /reminders off to stop them.
reminders-customer-usage-off = Reminders are off. Send /reminders on to get them again.
reminders-customer-not-linked = No shop account is linked to your Telegram. A shop can give you a link to connect it.
`;
