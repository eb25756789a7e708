/** English catalog, team area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-members-menu = The team: roles, remove someone (owners)
cmd-members-summary = Who works in the shop, and their roles. Owners tap someone to change their role or remove them.
cmd-members-details = An owner can do everything; a clerk adds customers, records purchases, payments and spending, searches and views. Deleting, merging, exporting, settings and the team are for owners. Owners also see the invite links not used yet, and can withdraw one.
cmd-members-examples =
    /members
cmd-invite-menu = A one-time link for a new clerk (or: /invite owner)
cmd-invite-summary = Owners: a one-time link that makes whoever opens it a clerk (or a co-owner).
cmd-invite-details = The link works once, for 24 hours. Send it only to the person you want to add. /members lists the links not used yet and withdraws one.
cmd-invite-examples =
    /invite
    /invite owner
cmd-leave-menu = Leave this shop
cmd-leave-summary = Leave the shop (asks Yes/No first). The last owner must make someone else an owner first.
cmd-leave-examples =
    /leave

## Roles

team-rights-owner = An owner can do everything, including deleting, merging, exporting, settings and the team.
team-rights-clerk = A clerk can add customers, record purchases, payments and spending, search and view; deleting, merging, exporting, settings and the team are for owners.
team-a-owner = an owner
team-a-clerk = a clerk
team-role-owner = owner
team-role-clerk = clerk
team-user = user {$id}
team-owners-only = 🔒 Changing the team needs the owner role. Ask an owner of the shop.

## /start <code>

team-checking-invite = Checking the invite…
team-already-member = 👋 {$name}, you are already {$role} of {$shop}. This link stays unused for the person it was meant for.
team-welcome = 👋 Welcome, {$name}! You joined {$shop} as {$role}.
team-welcome-next = Find a customer with /search, or see /help.

## /invite

team-invite-usage = Send /invite for a clerk's link, or <code>/invite owner</code> for a co-owner's.
team-invite-making = Making an invite link…
team-invite-gone = That invite was already used or has expired. Send /invite for a new one.
team-invite-share-button = 📤 Send the link to someone
team-invite-share-text = Join {$shop} on PayTrack
team-invite-for-clerk = 🔗 An invite link for a new clerk of {$shop}:
team-invite-for-owner = 🔗 An invite link for a new co-owner of {$shop}:
team-invite-until = It works once, until {$when} {$zone} (24 hours). Send it only to the person you want to add: whoever opens it first joins.
team-invite-owner-warning = ⚠️ {$rights} A co-owner can also remove you.

## /members

team-member-line = {$icon} {$name}{$you} — {$role} · since {$since}
team-you = {" "}(you)
team-members-title = 👥 {$shop} — {$count ->
    [one] {$count} member
   *[other] {$count} members
}
team-former = <i>Former: {$names}</i>
team-members-clerk-note = Only owners can invite people or change the team.
team-open-invites = 🔗 {$count ->
    [one] {$count} invite link
   *[other] {$count} invite links
} not used yet.
team-members-hint = Tap someone to change their role or remove them. /invite adds someone; <code>/history name</code> shows what someone did.
team-member-button = ⚙️ {$name}
team-invites-button = 🔗 Invite links not used yet ({$count})

## A member's card

team-member-card = {$line}
    Telegram id <code>{$id}</code>
    <code>/history {$id}</code> shows what they did.
team-make-button = {$icon} Make {$kind ->
    [owner] owner
   *[other] clerk
}
team-remove-button = 🚫 Remove from the shop
team-close-button = ✖️ Close
team-thats-you = That's you. To leave the shop, send /leave.
team-make-ask = Make {$name} {$role}?
team-yes-button = ✅ Yes
team-no-button = ✖️ No
team-remove-ask = Remove {$name} from {$shop}?
    They lose access at once; what they did stays in the history.
team-remove-yes-button = ✅ Yes, remove
team-nothing-changed = Nothing was changed.
team-changing-role = Changing the role…
team-role-notice = Your role in {$shop} is now {$role}. {$rights}
team-role-done = ✅ {$name} is now {$role}.
team-removing = Removing…
team-removed-notice = You were removed from {$shop} and can no longer use its ledger.
team-removed-done = ✅ Removed {$name}. They can no longer use the ledger.

## Invite links not used yet

team-invites-title = 🔗 Invite links of {$shop} not used yet:
team-invites-none = 🔗 No invite link is waiting: every link was used, withdrawn or has expired. /invite makes a new one.
team-invite-line = {$n}. {$kind ->
    [owner] A co-owner's link
   *[other] A clerk's link
}, made by {$by} on {$made}; works until {$until}.
team-invites-hint = Withdraw a link you sent to the wrong person: opening it then says it was withdrawn.
team-invites-more = …and {$count} more (withdraw some above to see them)
team-invite-revoke-button = 🚫 Withdraw link {$n} ({$role})
team-invite-revoking = Withdrawing the link…
team-invite-revoked = ✅ The {$kind ->
    [owner] co-owner's
   *[other] clerk's
} invite link is withdrawn: whoever opens it is told so. {$count ->
    [0] No other link is waiting.
    [one] {$count} other link is still waiting.
   *[other] {$count} other links are still waiting.
}

## /leave

team-leave-last-owner = ⚠️ You are the only owner of this shop, so you can't leave it yet: make someone else an owner first (/members, or /invite owner for a new co-owner), then /leave.
team-leave-ask = Leave {$shop}? You lose access to its ledger at once; what you did stays in its history, and an owner can invite you again.
team-leave-yes-button = ✅ Yes, leave
team-leave-no-button = ✖️ No, stay
team-leave-stay = You stay.
team-leave-stayed = You are still a member. Nothing was changed.
team-leaving = Leaving the shop…
team-left = 👋 You left {$shop}. To come back, ask one of its owners for a new invite link.
`;
