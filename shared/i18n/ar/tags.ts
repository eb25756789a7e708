/** Arabic catalog, tags area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-tag-menu = وسم الزبون المحدد: #مميز #جار
cmd-tag-summary = وسم الزبون المحدد، مثلًا #مميز #جار.
cmd-tag-details = ابحث عن الزبائن الموسومين بالأمر /search #مميز، واعرض كل الوسوم بالأمر /tags. الوسوم المكتوبة في ملاحظة مشترى أو دفعة تبقى على ذلك القيد. ويحصل الزبائن أيضًا على شارات تلقائية: 🏆 الأكثر دينًا، ⏰ بلا دفعة منذ 60 يومًا، 🆕 جديد هذا الأسبوع.
cmd-tag-examples =
    /tag #مميز #جار
cmd-untag-summary = إزالة وسوم عن الزبون المحدد.
cmd-untag-examples =
    /untag #مميز
cmd-tags-summary = وسوم المتجر: كم زبونًا يحمل كل وسم وكم عليهم، والوسوم المكتوبة في الملاحظات.
cmd-tags-examples =
    /tags

## /tag and /untag

tags-none-named = اذكر وسمًا واحدًا على الأقل، مثل #مميز.
tags-not-a-tag = «{ $word }» ليس وسمًا: استعمل حروفًا أو أرقامًا أو _ أو - (حتى { $max })، مثل #مميز.
tags-too-many = { $max } وسمًا على الأكثر في المرة الواحدة.
tags-step-add = 🏷 ما الوسوم؟ مثلًا #مميز #جار
tags-step-remove = 🏷 أي الوسوم تريد إزالتها؟ مثلًا #مميز
tags-step-add-for = 🏷 ما الوسوم للزبون { $customer }؟ مثلًا #مميز #جار
tags-step-remove-for = 🏷 أي الوسوم تريد إزالتها عن { $customer }؟ مثلًا #مميز
tags-noun-tag = الوسم
tags-noun-untag = إزالة الوسم
tags-loader-add = جارٍ الوسم…
tags-loader-remove = جارٍ إزالة الوسوم…
tags-no-tags = لا وسوم
tags-added = 🏷 أُضيف { $tags } إلى { $customer }. الوسوم الآن: { $now }.
    <i>الأمر /undo يزيلها.</i>
tags-removed = 🏷 أُزيل { $tags } عن { $customer }. الوسوم الآن: { $now }.
    <i>الأمر /undo يعيدها.</i>

## /tags

tags-line-customers = #{ $tag } — { $count ->
        [one] زبون واحد
        [two] زبونان
        [few] { $n } زبائن
       *[other] { $n } زبونًا
    }، عليهم { $amount }
tags-line-notes = #{ $tag } — { $count ->
        [one] قيد واحد
        [two] قيدان
        [few] { $n } قيود
       *[other] { $n } قيدًا
    }، { $amount }
tags-heading = 🏷 <b>الوسوم</b>
tags-heading-paged = 🏷 <b>الوسوم</b> ({ $from }–{ $to } من { $total })
tags-footer = اضغط على وسم لعرض زبائنه، أو /search <i>#وسم</i>.
tags-none-on-customers = لا يحمل أي زبون وسمًا بعد (/tag #مميز).
tags-in-notes = <b>في الملاحظات</b>
tags-button-previous = ◀ السابق
tags-button-next = التالي ▶
tags-none-yet = لا وسوم بعد. ضع وسمًا على الزبون المحدد بالأمر /tag <i>#مميز #جار</i>، أو اكتب #وسومًا في ملاحظة.
`;
