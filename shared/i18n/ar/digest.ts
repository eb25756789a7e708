/** Arabic catalog, digest area: the owners' daily digest (Fluent syntax; every argument is HTML-safe text). */
export default `
## The owners' daily digest (shared/outbox/digest_messages.ts), in the owner's language

digest-title = 📊 <b>{ $shop }</b>: ملخص يوم { $day }
digest-sales = المبيعات بالدَّين: <b>{ $amount }</b> ({ $count ->
    [zero] لا عمليات شراء
    [one] عملية شراء واحدة
    [two] عمليتا شراء
    [few] { $count } عمليات شراء
   *[other] { $count } عملية شراء
    })
digest-collections = المُحصَّل: <b>{ $amount }</b> ({ $count ->
    [zero] لا دفعات
    [one] دفعة واحدة
    [two] دفعتان
    [few] { $count } دفعات
   *[other] { $count } دفعة
    })
digest-new-overdue = صار متأخرًا اليوم: <b>{ $amount }</b> ({ $count ->
    [zero] لا زبائن
    [one] زبون واحد
    [two] زبونان
    [few] { $count } زبائن
   *[other] { $count } زبونًا
    })؛ انظر /overdue
digest-disputes = ❗ اعتراضات مفتوحة: { $count }
digest-quiet = يوم هادئ: لا مبيعات بالدَّين، ولا تحصيلات، ولا متأخرات جديدة.
digest-footer = يصلك هذا الملخص كل صباح؛ يمكنك إيقافه من /settings.
`;
