/** English catalog, tags area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-tag-menu = Tag the selected customer: #vip #neighbor
cmd-tag-summary = Tag the selected customer, e.g. #vip #neighbor.
cmd-tag-details = Find tagged customers with /search #vip; see every tag with /tags. #tags written in a purchase or payment note are kept on that entry. Customers also get automatic badges: 🏆 top debtor, ⏰ no payment in 60 days, 🆕 new this week.
cmd-tag-examples =
    /tag #vip #neighbor
cmd-untag-summary = Remove tags from the selected customer.
cmd-untag-examples =
    /untag #vip
cmd-tags-summary = The shop's tags: how many customers have each and what they owe, and #tags in notes.
cmd-tags-examples =
    /tags

## /tag and /untag

tags-none-named = Name at least one tag, like #vip.
tags-not-a-tag = “{ $word }” isn't a tag: use letters, digits, _ or - (up to { $max }), like #vip.
tags-too-many = At most { $max } tags at a time.
tags-step-add = 🏷 Which tags? e.g. #vip #neighbor
tags-step-remove = 🏷 Which tags should go? e.g. #vip
tags-step-add-for = 🏷 Which tags for { $customer }? e.g. #vip #neighbor
tags-step-remove-for = 🏷 Which tags should go from { $customer }? e.g. #vip
tags-noun-tag = tagging
tags-noun-untag = untagging
tags-loader-add = Tagging…
tags-loader-remove = Removing tags…
tags-no-tags = no tags
tags-added = 🏷 Added { $tags } to { $customer }. Tags now: { $now }.
    <i>/undo removes them.</i>
tags-removed = 🏷 Removed { $tags } from { $customer }. Tags now: { $now }.
    <i>/undo puts them back.</i>

## /tags

tags-line-customers = #{ $tag } — { $count ->
        [one] { $n } customer
       *[other] { $n } customers
    }, owe { $amount }
tags-line-notes = #{ $tag } — { $count ->
        [one] { $n } entry
       *[other] { $n } entries
    }, { $amount }
tags-heading = 🏷 <b>Tags</b>
tags-heading-paged = 🏷 <b>Tags</b> ({ $from }–{ $to } of { $total })
tags-footer = Tap a tag to list its customers, or /search <i>#tag</i>.
tags-none-on-customers = No customer has a tag yet (/tag #vip).
tags-in-notes = <b>In notes</b>
tags-button-previous = ◀ Previous
tags-button-next = Next ▶
tags-none-yet = No tags yet. Tag the selected customer with /tag <i>#vip #neighbor</i>, or write #tags in a note.
`;
