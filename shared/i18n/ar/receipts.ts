/** Arabic catalog, receipts area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-receipts = الإيصالات (للزبائن)
cmd-receipts-summary = للزبون المربوط بمتجر: /receipts إيقاف يوقف الرسالة التي تصلك عن كل شراء أو دفعة، و/receipts تشغيل يعيدها.
cmd-receipts-examples =
    /receipts إيقاف
    /receipts تشغيل

## A receipt (shared/outbox/sender.ts), in the customer's language

receipts-purchase = 🧾 <b>{ $shop }</b>: سُجِّلت عملية شراء بمبلغ <b>{ $amount }</b> على حسابك ({ $customer }).
receipts-payment = 🧾 <b>{ $shop }</b>: سُجِّلت دفعة بمبلغ <b>{ $amount }</b> في حسابك ({ $customer }).
receipts-purchase-undone = ↩️ <b>{ $shop }</b>: أُلغيت عملية الشراء بمبلغ <b>{ $amount }</b> من حسابك ({ $customer }).
receipts-payment-undone = ↩️ <b>{ $shop }</b>: أُلغيت الدفعة بمبلغ <b>{ $amount }</b> من حسابك ({ $customer }).
receipts-merged = 🔗 <b>{ $shop }</b>: دُمج الحساب { $duplicate } في الحساب { $kept }.
receipts-unmerged = 🔗 <b>{ $shop }</b>: فُصل الحسابان { $kept } و{ $duplicate } من جديد.
receipts-note = ملاحظة: { $note }
receipts-by = سجّلها { $who }، { $when }
receipts-balance-owes = رصيدك: عليك <b>{ $amount }</b>
receipts-balance-advance = رصيدك: لك <b>{ $amount }</b> مدفوعة مقدَّمًا
receipts-balance-settled = رصيدك: لا دين عليك
receipts-button-ok = ✅ تمام
receipts-button-wrong = ❗ ليست لي / خطأ

## The receipt's buttons

receipts-ok-thanks = شكرًا لك!
receipts-wrong-noted = شكرًا لك. سيُبلَّغ المتجر بذلك.
receipts-not-yours = هذا الإيصال ليس لك.

## /receipts on|off

receipts-turned-off = أُوقفت الإيصالات: لن تصلك رسالة عن كل قيد بعد الآن. /receipts تشغيل يعيدها.
receipts-turned-on = الإيصالات مفعّلة: تصلك رسالة عن كل شراء أو دفعة في حسابك.
receipts-usage = أرسل /receipts تشغيل أو /receipts إيقاف.
receipts-not-linked = لا يوجد حساب متجر مربوط بحسابك في تيليجرام. يمكن للمتجر أن يعطيك رابطًا لربطه.

## Disputes: what ❗ Not mine answers the customer

receipts-dispute-opened = شكرًا لك. طُلب من أصحاب المتجر مراجعة هذا القيد، وستصلك رسالة بما يقررونه.
receipts-dispute-already-open = سبق أن قلت إن هذا القيد خطأ: المتجر يراجعه.
receipts-dispute-already-undone = أُلغي هذا القيد من قبل.
receipts-dispute-already-upheld = راجع المتجر هذا القيد من قبل ويقول إنه صحيح.

## A dispute's notice to each owner (shared/outbox/sender.ts), in the owner's language

receipts-dispute-notice = ❗ يقول <b>{ $customer }</b> إن { $kind ->
        [payment] هذه الدفعة ليست له أو إنها خطأ:
       *[purchase] عملية الشراء هذه ليست له أو إنها خطأ:
    }
receipts-dispute-entry = { $amount } · { $when }
receipts-dispute-question = هل تلغيه، أم تبلغه أنه صحيح؟
receipts-dispute-button-undo = ↩️ ألغِه
receipts-dispute-button-correct = ✅ القيد صحيح

## The owner's buttons

receipts-dispute-not-found = هذا الاعتراض ليس من اعتراضات متجرك.
receipts-dispute-was-undone = بُتّ في هذا الاعتراض من قبل: أُلغي القيد.
receipts-dispute-was-upheld = بُتّ في هذا الاعتراض من قبل: تأكّدت صحة القيد.
receipts-dispute-undo-what = إلغاء القيد المعترض عليه بمبلغ { $amount } لـ { $customer }
receipts-dispute-noun = الرد على اعتراض
receipts-dispute-note-question = ماذا تريد أن تقول لـ { $customer }؟ أرسل ملاحظة قصيرة له (200 حرف على الأكثر).
receipts-dispute-note-too-long = طول هذه الملاحظة { $count } حرفًا؛ الحد الأقصى 200 من فضلك.
receipts-dispute-upheld = ✅ تم البتّ: أُبلغ { $customer } بأن القيد صحيح.

## The outcome, to the customer

receipts-outcome-undone = ↩️ <b>{ $shop }</b>: قلت إن { $kind ->
        [payment] الدفعة
       *[purchase] عملية الشراء
    } بمبلغ <b>{ $amount }</b> ({ $when }) في حسابك ({ $customer }) خطأ. ألغاها المتجر.
receipts-outcome-upheld = ✅ <b>{ $shop }</b>: قلت إن { $kind ->
        [payment] الدفعة
       *[purchase] عملية الشراء
    } بمبلغ <b>{ $amount }</b> ({ $when }) في حسابك ({ $customer }) خطأ. راجعها المتجر ويقول إنها صحيحة.
receipts-outcome-note = ملاحظة المتجر: { $note }

## The mark on a disputed entry (/transactions, /transaction, /summary)

receipts-line-disputed = ❗ عليه اعتراض
receipts-line-dispute-undone = (اعتراض: أُلغي القيد)
receipts-line-dispute-upheld = (اعتراض: تأكّدت صحته)

## The export's Transactions sheet (shared/export/workbook.ts)

receipts-export-col-dispute = الاعتراض
receipts-export-dispute-open = مفتوح
receipts-export-dispute-undone = أُلغي القيد
receipts-export-dispute-upheld = تأكّدت صحته
`;
