/** Arabic catalog, search area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-search-menu = البحث عن زبون (بالاسم أو الهاتف أو #وسم)
cmd-search-summary = عرض الزبائن (الأكثر دينًا أولًا) أو البحث عن زبون بالاسم أو الاسم المستعار أو الهاتف أو #وسم.
cmd-search-details = الأخطاء الإملائية والتشكيل واختلاف كتابة الأسماء العربية مقبولة. إذا وُجد زبون واحد يُحدَّد فورًا؛ وإلا فاضغط على الاسم. الزبائن المؤرشفون المطابقون يُذكرون أيضًا مع زر للاسترجاع، والنتيجة التي وُجدت عبر اسم مستعار مخفي يُشار إليها بذلك.
cmd-search-examples =
    /search
    /search ليلا نصر
    /search 0599
    /search #مميز
cmd-archived-summary = الزبائن المؤرشفون (المحذوفون، أو المؤرشفون بعد السداد)، مع أزرار الاسترجاع.
cmd-archived-details = الأمر /archived <i>الاسم</i> يبحث بينهم. الاسترجاع يعيد الزبون إلى القوائم والبحث، والأمر /undo يؤرشفه من جديد.
cmd-archived-examples =
    /archived
    /archived ليلى

## Choosing a customer (selection.ts)

search-selected = ✅ تم تحديد { $customer } — { $balance }.{ $note }
    التالي: /addtransaction <i>المبلغ | ملاحظة</i>، /pay <i>المبلغ</i>، /summary
search-selected-short = ✅ تم تحديد { $customer } ({ $balance }).{ $note }
search-matched-nickname = <i>(طابق اسمًا مستعارًا)</i>
search-match-count = { $capped ->
        [yes] أكثر من { $total } نتيجة
       *[no] { $count ->
            [one] نتيجة واحدة
            [two] نتيجتان
            [few] { $total } نتائج
           *[other] { $total } نتيجة
        }
    }
search-heading-all = 👥 الزبائن { $from }–{ $to } من { $total }، الأكثر دينًا أولًا:
search-heading-query = 🔎 { $matches } لـ «{ $query }» ({ $from }–{ $to })، الأقرب أولًا:
search-tap-a-name = اضغط على اسم لتحديده.
search-button-previous = ◀ السابق
search-button-next = التالي ▶
search-none-yet = لا يوجد زبائن بعد. أضف زبونًا بالأمر /addcustomer <i>الاسم | الهاتف</i>.
search-no-match = لا يوجد زبون يطابق { $query }. جرّب كتابة أخرى أو رقم هاتف أو #وسم، أو /addcustomer.
search-no-match-other = لا يوجد زبون يطابق { $query }. جرّب كتابة أخرى أو رقم هاتف أو #وسم.
search-no-active-match = لا يوجد زبون نشط يطابق { $query }.
search-quoted = «{ $query }»
search-those-digits = هذه الأرقام
search-still-selected = <i>ما زال محددًا: { $customer }.</i>
search-none-selected = <i>لا يوجد زبون محدد الآن (كان { $customer }): اضغط على اسم لتحديده.</i>
search-page-empty = هذه الصفحة فارغة الآن. أرسل /search من جديد.
search-customer-archived = هذا الزبون مؤرشف. استعمل /search لاختيار غيره، أو استرجعه:

## Archived customers (search.ts)

search-archived-match = { $count ->
        [one] 🗄 زبون مؤرشف واحد يطابق: { $names }
        [two] 🗄 زبونان مؤرشفان يطابقان: { $names }
        [few] 🗄 { $count } زبائن مؤرشفين يطابقون: { $names }
       *[other] 🗄 { $count } زبونًا مؤرشفًا يطابقون: { $names }
    }
search-archived-more = {" "}و{ $more ->
        [one] واحد آخر
        [two] اثنان آخران
        [few] { $more } آخرون
       *[other] { $more } آخرين
    } (/archived)
search-button-restore = ♻️ استرجاع { $customer }
search-archived-none = لا يوجد زبون مؤرشف.
search-archived-none-match = لا يوجد زبون مؤرشف يطابق { $query }.
search-archived-heading = 🗄 <b>الزبائن المؤرشفون</b> ({ $from }–{ $to } من { $total })، الأحدث أولًا:
search-archived-line = { $n }. { $customer } — { $balance } · أُرشف { $when }
search-archived-tap = اضغط «استرجاع» لإعادة زبون إلى القوائم والبحث.
search-restore-loader = جارٍ الاسترجاع…
search-restored = ♻️ عاد { $customer } إلى القوائم والبحث — { $balance }.
    <i>الأمر /undo يؤرشفه من جديد.</i>
search-restore-not-archived = { $customer } ليس مؤرشفًا: هو موجود في القوائم والبحث.

## Badges in lists (text/customers.ts)

search-badge-top-debtor = 🏆 الأكثر دينًا
search-badge-no-payment = ⏰ بلا دفعة منذ 60 يومًا
search-badge-new = 🆕 جديد هذا الأسبوع
search-badge-overdue = ⏳ متأخر
search-badge-overdue-amount = ⏳ متأخر { $amount }
`;
