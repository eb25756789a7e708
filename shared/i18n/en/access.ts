/** English catalog, access area (Fluent syntax; every argument is HTML-safe text). */
export default `
## /start (features/access.ts)

access-shop-name = { $name }'s shop
access-opened =
    👋 Welcome, { $name }! Your shop { $shop } is ready and you are its owner.
    Add your first customer with /addcustomer <i>Name | phone</i>, or see /help.
access-claimed =
    👋 Welcome, { $name }! You are the first to start this bot, so you now own it and its shop { $shop }.
    Nobody else can open a shop here (OWNER_TELEGRAM_IDS is not set, so the first /start claims the bot).
    Add your first customer with /addcustomer <i>Name | phone</i>, or see /help.
access-welcome-owner =
    👋 Welcome back, { $name }. You are an owner of { $shop }.
    Find a customer with /search, or see /help.
access-welcome-clerk =
    👋 Welcome back, { $name }. You are a clerk of { $shop }.
    Find a customer with /search, or see /help.

## Commands (the menu, /help)

cmd-start-summary = Open your shop, or join one with an invite link.
cmd-start-details = A Telegram user listed as an owner (or, when none is listed, the first person to /start) gets their own shop. An invite link from /invite opens /start with its code and adds you to that shop. Everyone else is told the bot is private, with their Telegram id to give the owner.
cmd-start-examples =
    /start
`;
