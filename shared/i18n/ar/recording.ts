/** Arabic catalog, recording area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-addtransaction-menu = تسجيل مشتريات بالدَّين: المبلغ | ملاحظة
cmd-addtransaction-summary = تسجيل مشتريات بالدَّين على الزبون المختار.
cmd-addtransaction-details = الكلمات التي تبدأ بـ # في الملاحظة تُحفظ وسومًا. يمكن كتابة المبلغ بالأرقام العربية (٥٠) وبالفواصل مثل 1,250.50. جزء ثالث يحدّد تاريخ استحقاق المشتريات: استحقاق 2026-12-15 أو استحقاق 15/12 أو استحقاق +30.
cmd-addtransaction-examples =
    /addtransaction 50 | خضار
    /addtransaction 12.50 | خبز #أسبوعي
    /addtransaction 80 | أرز | استحقاق +30
    /addtransaction
cmd-pay-menu = تسجيل دفعة: المبلغ | ملاحظة، أو: الكل
cmd-pay-summary = تسجيل دفعة من الزبون المختار.
cmd-pay-details = «الكل» يسدّد الدين كله. إذا دفع الزبون أكثر مما عليه يبقى الفرق رصيدًا مقدَّمًا له.
cmd-pay-examples =
    /pay 30 | نقدا
    /pay الكل

## Amounts as typed (amount_input.ts; /spend's price too)

recording-amount-empty = أرسل مبلغًا، مثل 50 أو 12.50.
recording-amount-not-a-number = لم أفهم هذا المبلغ. أرسل رقمًا مثل 50 أو 12.50.
recording-amount-not-positive = يجب أن يكون المبلغ أكبر من صفر.
recording-amount-too-large = هذا المبلغ كبير جدًا.
recording-amount-no-decimals = عملة { $currency } بلا كسور: أرسل مبلغًا صحيحًا.
recording-amount-max-decimals = عملة { $currency } تقبل { $decimals } منازل عشرية على الأكثر.
recording-amount-other-currency = حسابات هذا المتجر بعملة { $currency } ({ $sign })، و{ $mark } عملة أخرى. لم يُسجَّل شيء.
recording-amount-ambiguous = هل تقصد بـ{ $typed } مبلغ { $thousands } أم { $fraction }؟ أرسل <code>{ $thousandsTyped }</code> أو <code>{ $fractionTyped }</code> (بلا فاصلة). لم يُسجَّل شيء بعد.

## The steps of /addtransaction and /pay

recording-purchase-amount-question = 🛒 بكم اشترى بالدَّين؟
recording-purchase-amount-ask = 🛒 بكم اشترى { $name } بالدَّين؟
recording-purchase-note-question = 📝 ملاحظة؟ (ماذا اشترى؛ ويمكن إضافة #وسوم)
recording-purchase-note-ask = 📝 ملاحظة على مشتريات { $name }؟ (ماذا اشترى؛ ويمكن إضافة #وسوم)
recording-payment-amount-question = 💵 كم دفع؟ (أو «الكل» لتسديد الدين كله)
recording-payment-amount-ask = 💵 كم دفع { $name }؟ (أو «الكل» لتسديد الدين كله)
recording-payment-note-question = 📝 ملاحظة؟ (مثل: نقدًا، تحويل)
recording-payment-note-ask = 📝 ملاحظة على دفعة { $name }؟ (مثل: نقدًا، تحويل)
recording-note-too-long = الملاحظة طويلة جدًا ({ $max } حرفًا على الأكثر).
recording-purchase-noun = المشتريات
recording-payment-noun = الدفعة

## What a PIN unlocks ("🔒 PIN to …")

recording-them = الزبون
recording-purchase-action = تسجيل مشتريات بقيمة { $amount } على { $name }
recording-payment-action = تسجيل دفعة بقيمة { $amount } من { $name }
recording-payment-action-all = تسديد كل ما على { $name }
recording-payment-action-all-them = تسديد كل ما على الزبون

## Results

recording-loader-purchase = جارٍ تسجيل المشتريات…
recording-loader-payment = جارٍ تسجيل الدفعة…
recording-done-purchase = ✅ مشتريات بقيمة { $amount } على { $name }.
recording-done-purchase-note = ✅ مشتريات بقيمة { $amount } على { $name } — { $note }.
recording-done-payment = ✅ دفعة بقيمة { $amount } من { $name }.
recording-done-payment-note = ✅ دفعة بقيمة { $amount } من { $name } — { $note }.
recording-done-settled = ✅ سُدِّد الدين كله: دفعة بقيمة { $amount } من { $name }.
recording-done-settled-note = ✅ سُدِّد الدين كله: دفعة بقيمة { $amount } من { $name } — { $note }.
recording-new-balance = الرصيد الجديد: { $balance }
recording-undo-hint = <i>/undo إن كان ذلك خطأً.</i>
recording-advance = 💡 دفع أكثر مما عليه: يبقى { $amount } رصيدًا مقدَّمًا له.
recording-archived = 🗄 لم يعد على { $name } دين، فنُقل إلى الأرشيف (حسب إعدادات المتجر، انظر /settings). /undo يعيده.

## One transaction in a list (text/transactions.ts)

recording-line-undone = (أُلغيت)

## Due dates (a purchase's own: "| due 2026-12-15", and the 📅 Due date button)

recording-due-not-a-date = لم أفهم هذا التاريخ. أرسل يومًا مثل 2026-12-15 أو 15/12/2026 أو 15/12، أو عدد أيام مثل +30. لم يُسجَّل شيء.
recording-due-past = لا يمكن أن يكون تاريخ الاستحقاق قبل اليوم. لم يُسجَّل شيء.
recording-due-too-far = تاريخ الاستحقاق لا يتجاوز عشر سنوات من اليوم. لم يُسجَّل شيء.
recording-due-on = 📅 تستحق في { $date }
recording-due-button = 📅 تاريخ الاستحقاق
recording-due-usage = 2026-12-15 أو 15/12 أو +30 أو «بدون»
recording-due-noun = تاريخ الاستحقاق
recording-due-question = 📅 متى تستحق؟ أرسل يومًا مثل 2026-12-15 أو 15/12، أو عدد أيام مثل +30، أو «بدون» لتتبع مدة الدَّين المعتادة.
recording-due-loader = جارٍ تحديد تاريخ الاستحقاق…
recording-due-set = 📅 مشتريات بقيمة { $amount } تستحق في { $date }.
recording-due-cleared = 📅 مشتريات بقيمة { $amount } تتبع مدة الدَّين المعتادة من جديد.
recording-dues-overdue = ⏰ متأخر: { $amount } (منذ { $date })
recording-dues-due-today = 📌 مستحق اليوم: { $amount }
recording-dues-next = 📅 الاستحقاق التالي: { $amount } في { $date }
recording-dues-undated = بلا تاريخ استحقاق: { $amount }
recording-dues-nothing = لا شيء مستحق.

## Past the credit limit

recording-over-limit-held = ⚠️ لم تُسجَّل بعد: تتجاوز حد الدَّين.
recording-over-limit-question = ⚠️ بهذه المشتريات يصبح رصيد { $name } { $balance }، متجاوزًا حد الدَّين { $limit }. هل تسجّلها رغم ذلك؟
recording-over-limit-question-plain = ⚠️ بهذه المشتريات يتجاوز { $name } حد الدَّين. هل تسجّلها رغم ذلك؟
recording-over-limit-press = اضغط «سجّلها رغم ذلك» أو «إلغاء» (أو أرسل /cancel).
recording-over-limit-yes = سجّلها رغم ذلك
recording-over-limit-no = إلغاء
recording-over-limit-cancelled = أُلغي: لم يُسجَّل شيء.
recording-over-limit-stale = هذا السؤال لم يعد مفتوحًا: لم يُسجَّل شيء آخر. راجع /transactions، أو سجّلها من جديد بـ /addtransaction.
recording-error-over-credit-limit = ⚠️ هذه المشتريات تتجاوز حد الدَّين للزبون. لم يُسجَّل شيء.
recording-error-credit-limit-owner-only = 🚫 بعد تجاوز حد الدَّين لا يسجّل هذه المشتريات إلا المالك (ليس للمتجر رمز سري يمكن للموظف إدخاله). لم يُسجَّل شيء.
`;
