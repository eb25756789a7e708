/** English catalog, links area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-link-menu = Link the selected customer with a family member
cmd-link-summary = Link the selected customer with another (a household or a family).
cmd-link-details = /summary then shows each linked account and the group's total. /unlink takes the selected customer out again; /undo reverses either.
cmd-link-examples =
    /link Jane Smith
cmd-unlink-summary = Take the selected customer out of their household.
cmd-unlink-examples =
    /unlink
cmd-merge-menu = Merge a duplicate into the selected customer (owner, PIN)
cmd-merge-summary = Merge a duplicate into the selected customer (owner, with the shop PIN).
cmd-merge-details = The duplicate's purchases, payments, balance, phones, nicknames and tags move to the selected customer, and the duplicate is archived, pointing to them. Asks Yes/No first. /undo splits them back exactly. The selected customer is never offered as their own duplicate.
cmd-merge-examples =
    /merge Jon Smyth

## Finding the other customer (pick_other.ts)

links-query-empty = Send a name, phone or #tag to find the customer.
links-only-self = Only the selected customer matches { $query }: send the other customer's name, phone or #tag.
links-showing-best = { $matches }; showing the best { $shown }. Send a closer spelling to narrow it.

## /link and /unlink

links-household = 👪 <b>Linked accounts</b>
links-household-line = • { $customer } — { $balance }
links-household-total = Together: { $total }
links-linked = 🔗 Linked { $customer } with { $other }.
links-linked-undo = <i>/undo unlinks them.</i>
links-step-other = 🔗 Link them with whom? Send a name, phone or #tag (a family member, say).
links-step-other-for = 🔗 Link { $customer } with whom? Send a name, phone or #tag (a family member, say).
links-pick-link = 🔗 Link with which one? Tap a name:
links-noun-link = link
links-noun-unlink = unlink
links-noun-merge = merge
links-linking = Linking…
links-unlinking = Unlinking…
links-unlinked = ✂️ { $customer } is no longer linked with { $names }.
    <i>/undo links them again.</i>

## /merge

links-step-duplicate = 🧬 Which customer is the duplicate to merge into the selected one? Send a name, phone or #tag.
links-step-duplicate-for = 🧬 Which customer is the duplicate to merge into { $customer }? Send a name, phone or #tag.
links-pick-duplicate = 🧬 Which one is the duplicate? Tap a name:
links-merge-action = merge { $duplicate } into { $customer }
links-the-duplicate = the duplicate
links-the-selected = the selected customer
links-merge-owner-only = 🔒 Only the shop owner can merge customers (with the shop PIN).
links-merging = Merging…
links-transactions = { $count ->
        [one] { $n } transaction
       *[other] { $n } transactions
    }
links-merged = 🧬 Merged { $duplicate } into { $customer }: { $moved } ({ $amount }), phones, nicknames and tags moved. { $duplicate } is archived and points here.
    New balance: { $balance }
    <i>/undo splits them back exactly.</i>
links-merge-self = ⚠️ That is the selected customer itself: a customer can't be merged into itself. Send /merge with the duplicate's name.
links-merge-ask = 🧬 Merge { $duplicate } ({ $duplicateBalance }) into { $customer } ({ $customerBalance })?
    Their { $moved }, balance, phones, nicknames and tags move to { $customer }; { $duplicate } is archived. Together they would owe { $together }.
    <i>Needs the shop PIN. /undo splits them back exactly.</i>
links-merge-yes = 🧬 Yes, merge
links-merge-no = ✖️ No
links-kept-apart = Kept apart.
links-nothing-merged = Nothing was merged.
`;
