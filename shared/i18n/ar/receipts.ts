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
`;
