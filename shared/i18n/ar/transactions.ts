/** Arabic catalog, transactions area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-transactions-menu = معاملات الزبون المختار: #وسم، 2026-11
cmd-transactions-summary = كل مشتريات الزبون المختار ودفعاته مع تفاصيلها، صفحةً صفحة.
cmd-transactions-details = الأحدث أولًا: الرقم والتاريخ والوقت، شراء أو دفعة، المبلغ، الملاحظة، الوسوم، من سجّلها، الرصيد بعدها، وهل أُلغيت. التصفية بوسم # في الملاحظة أو بشهر (بالأرقام أو باسمه: تشرين الثاني 2026 أو نوفمبر 2026) أو يوم أو فترة تواريخ (بتوقيت المتجر، والطرفان مشمولان)، أو بكليهما. اضغط على رقم لترى التفاصيل.
cmd-transactions-examples =
    /transactions
    /transactions #أسبوعي
    /transactions 2026-11
    /transactions نوفمبر 2026
    /transactions 2026-11-01..2026-11-15
cmd-transaction-summary = معاملة واحدة كاملة، مع زر التراجع إن كان لك أن تتراجع عنها.
cmd-transaction-examples =
    /transaction 12

## /transactions

transactions-who = معاملات من؟
transactions-not-a-filter = «{ $text }» ليس تصفية. أفهم #وسمًا، أو شهرًا مثل 2026-11 أو تشرين الثاني 2026 أو نوفمبر 2026، أو يومًا مثل 2026-11-05، أو فترة مثل 2026-11-01..2026-11-15.
transactions-one-tag = وسم # واحد في كل مرة من فضلك.
transactions-usage = /transactions #أسبوعي 2026-11
transactions-none-filtered = لا معاملات لـ { $who } ({ $filter }). /transactions يعرضها كلها.
transactions-none = لا مشتريات ولا دفعات لـ { $who } بعد.
transactions-page-empty = هذه الصفحة فارغة الآن. أرسل /transactions من جديد.
transactions-archived = (مؤرشف)
transactions-range = المعاملات { $from }–{ $to } من { $total }، الأحدث أولًا:
transactions-range-filtered = المعاملات { $from }–{ $to } من { $total } ({ $filter })، الأحدث أولًا:
transactions-tap = اضغط على رقم لترى التفاصيل.
transactions-previous = ◀ السابق
transactions-next = التالي ▶
transactions-expired = انتهت صلاحية هذه القائمة. أرسل /transactions من جديد.
transactions-purchase = 🛒 شراء
transactions-payment = 💵 دفعة
transactions-by = سجّلها { $name }
transactions-voided = ملغاة
transactions-voided-by = ألغاها { $name }

## /transaction

transactions-step-id = 🧾 ما رقم المعاملة؟ (/transactions يعرضها)
transactions-id-invalid = رقم المعاملة عدد صحيح، مثل 12 (/transactions).
transactions-detail-title = 🧾 <b>المعاملة { $id }</b>
transactions-detail-customer = الزبون: { $name }
transactions-detail-kind-purchase = النوع: 🛒 شراء بالدَّين
transactions-detail-kind-payment = النوع: 💵 دفعة
transactions-detail-amount = المبلغ: { $amount }
transactions-detail-when = التاريخ والوقت: { $when } ({ $zone })
transactions-detail-note = الملاحظة: { $note }
transactions-detail-tags = الوسوم: { $tags }
transactions-none-value = لا يوجد
transactions-detail-by = سجّلها: { $name }
transactions-detail-balance = الرصيد بعدها: { $balance }
transactions-detail-voided = الحالة: ↩️ ملغاة (تراجع) ألغاها { $name }، { $when }
transactions-detail-counts = الحالة: ✅ محسوبة في الرصيد
transactions-undo-this = ↩️ تراجع عن هذه
`;
