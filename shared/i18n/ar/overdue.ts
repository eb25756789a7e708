/** Arabic catalog, overdue area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-overdue = المستحق والمتأخر
cmd-overdue-menu = من تأخر عن موعد الدفع (أعمار الديون)
cmd-overdue-summary = ما على الزبائن حسب موعد الاستحقاق: لم يستحق بعد، ومتأخر 1–30 و31–60 و61–90 وأكثر من 90 يومًا، وبلا موعد، مع المجاميع والزبائن.
cmd-overdue-details = تُحسب الأيام بتوقيت المتجر، والدفعات تسدد أقدم المشتريات أولًا. اضغط فئة لترى زبائنها (كل زبون تحت أقدم مبلغ غير مدفوع عليه)، واضغط زبونًا لتحديده. تُضبط مدة الائتمان من /settings ← الائتمان، أو لزبون واحد بالأمر /terms.
cmd-overdue-examples =
    /overdue

## /overdue

overdue-title = ⏳ <b>المستحق والمتأخر</b> · اليوم { $today }
overdue-total = المتأخر: <b>{ $amount }</b> · { $count ->
    [zero] لا زبائن
    [one] زبون واحد
    [two] زبونان
    [few] { $count } زبائن
   *[other] { $count } زبونًا
    }
overdue-none-overdue = ✅ لا أحد متأخر عن الدفع.
overdue-bucket-line = { $label }: { $amount } · { $count ->
    [zero] لا زبائن
    [one] زبون واحد
    [two] زبونان
    [few] { $count } زبائن
   *[other] { $count } زبونًا
    }
overdue-bucket-90-plus = 🔴 متأخر أكثر من 90 يومًا
overdue-bucket-61-90 = 🟠 متأخر 61–90 يومًا
overdue-bucket-31-60 = 🟡 متأخر 31–60 يومًا
overdue-bucket-1-30 = 🔵 متأخر 1–30 يومًا
overdue-bucket-not-due = 🟢 لم يستحق بعد
overdue-bucket-undated = ⚪ بلا موعد استحقاق
overdue-list-heading = <b>{ $label }</b> ({ $from }–{ $to } من { $total }):
overdue-line-overdue = { $n }. { $customer } — متأخر { $amount } منذ { $date } ({ $days ->
    [zero] 0 يوم
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
   *[other] { $days } يومًا
    })
overdue-line-next = { $n }. { $customer } — عليه { $amount }، الاستحقاق التالي { $date }
overdue-line-undated = { $n }. { $customer } — عليه { $amount }، بلا موعد استحقاق
overdue-tap = اضغط فئة لترى زبائنها، وزبونًا لتحديده.
overdue-nobody-owes = ✅ لا أحد مدين للمتجر بشيء.
overdue-no-due-dates = على الزبائن { $amount }، لكن لا شيء منها له موعد استحقاق، فلا شيء متأخر.
overdue-terms-hint = تُضبط مدة الائتمان من /settings ← الائتمان (للمتجر كله) أو بالأمر /terms (لزبون واحد)، ويمكن أن يكون لكل شراء موعد استحقاق خاص به.
overdue-page-empty = هذه الصفحة فارغة الآن. أرسل /overdue من جديد.
overdue-button-bucket = { $label } ({ $count })
overdue-button-remind-all = 🔔 ذكّر كل المتأخرين
overdue-button-previous = ⬅️ السابق
overdue-button-next = التالي ➡️
`;
