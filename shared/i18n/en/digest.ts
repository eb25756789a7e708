/** English catalog, digest area: the owners' daily digest (Fluent syntax; every argument is HTML-safe text). */
export default `
## The owners' daily digest (shared/outbox/digest_messages.ts), in the owner's language

digest-title = 📊 <b>{ $shop }</b>: your day, { $day }
digest-sales = Credit sales: <b>{ $amount }</b> ({ $count ->
    [one] 1 purchase
   *[other] { $count } purchases
    })
digest-collections = Collected: <b>{ $amount }</b> ({ $count ->
    [one] 1 payment
   *[other] { $count } payments
    })
digest-new-overdue = Fell overdue today: <b>{ $amount }</b> ({ $count ->
    [one] 1 customer
   *[other] { $count } customers
    }); see /overdue
digest-disputes = ❗ Open disputes: { $count }
digest-quiet = A quiet day: no credit sales, no collections, nothing new overdue.
digest-footer = You get this every morning; /settings turns it off.
`;
