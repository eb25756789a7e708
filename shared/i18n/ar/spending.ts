/** Arabic catalog, spending area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-spend-menu = تسجيل مصروف للمتجر: السعر | الصنف | المورِّد | الفئة
cmd-spend-summary = تسجيل ما اشتراه المتجر: السعر، الصنف، المورِّد، الفئة.
cmd-spend-details = بلا تفاصيل أسألك عن السعر ثم الصنف ثم المورِّد ثم الفئة، واحدًا تلو الآخر بترتيب الصيغة في سطر واحد، مع أزرار لآخر المورِّدين والفئات (/skip يتجاوز المورِّد أو الفئة). /cancel في المنتصف يسألك قبل إلغاء الإدخال. /undo يحذف مصروفًا خاطئًا.
cmd-spend-examples =
    /spend 12.50 | صناديق حليب | شركة الألبان | مستلزمات
    /spend صناديق حليب
    /spend
cmd-spending-menu = آخر المصاريف ومجاميع هذا الشهر
cmd-spending-summary = آخر عشرة مصاريف ومجاميع هذا الشهر حسب الفئة والمورِّد.
cmd-spending-details = اكتب شهرًا بالأرقام، السنة ثم الشهر (مثل 2026-11)، أو باسمه (تشرين الثاني 2026 أو نوفمبر 2026)، لترى مصاريف ذلك الشهر ومجاميعه.
cmd-spending-examples =
    /spending
    /spending 2026-11
    /spending تشرين الثاني 2026

## /spend, step by step (price → item → vendor → category, as in the one-line form)

spending-price-question = 💵 كم كان السعر؟
spending-item-question = 🧾 ماذا اشترى المتجر؟ (مثلًا: صناديق حليب)
spending-vendor-question = 🏪 ممن اشتريته؟ اكتب اسمًا أو اضغط على أحد المورِّدين الأخيرين.
spending-category-question = 🗂 أي فئة؟ (مثلًا: لوازم، إيجار) اكتب فئة أو اضغط على إحدى الفئات الأخيرة.
spending-price-not-numeric = أدخل السعر رقمًا، مثل 12.50.
spending-price-not-positive = لا يمكن أن يكون السعر صفرًا أو سالبًا. أدخل سعرًا أكبر من صفر.
spending-item-missing = أرسل الصنف.
spending-vendor-missing = أرسل اسم المورِّد.
spending-category-missing = أرسل الفئة.
spending-item-too-long = اسم الصنف طويل جدًا ({ $max } حرفًا على الأكثر).
spending-vendor-too-long = اسم المورِّد طويل جدًا ({ $max } حرفًا على الأكثر).
spending-category-too-long = اسم الفئة طويل جدًا ({ $max } حرفًا على الأكثر).
spending-skip-button = ⏭ تخطٍّ
spending-example = مثال: <code>{ $usage }</code>
spending-usage = /spend 12.50 | صناديق حليب | ألبان الخليل | لوازم

## The result

spending-loader = جارٍ تسجيل المصروف…
spending-done = ✅ صُرف { $amount } على { $item }.
spending-done-where = ✅ صُرف { $amount } على { $item } — { $where }.
spending-month-so-far = المصروف في { $month } حتى الآن: { $total }
spending-done-hint = <i>/undo إن كان ذلك خطأً · /spending لمصاريف الشهر</i>

## /spending

spending-nothing-in-month = لم يُصرف شيء في { $month }.
spending-none-yet = لم تُسجَّل مصاريف بعد. سجّل أول مصروف للمتجر بالأمر /spend.
spending-title = 💸 <b>المصاريف</b> — آخر { $count }
spending-title-month = 💸 <b>المصاريف</b> — آخر { $count } في { $month }
spending-nothing-yet-in-month = لم يُصرف شيء في { $month } بعد.
spending-month-total = <b>{ $month }</b>: { $total } في { $count ->
        [zero] لا مصاريف
        [one] مصروف واحد
        [two] مصروفَين
        [few] { $count } مصاريف
        [many] { $count } مصروفًا
       *[other] { $count } مصروف
    }
spending-by-category = حسب الفئة:
spending-by-vendor = حسب المورِّد:
spending-total-line = • { $name } — { $total } ({ $count })
spending-uncategorised = <i>بلا فئة</i>
spending-no-vendor = <i>بلا مورِّد</i>
spending-and-more = …و{ $count } غيرها
spending-more-lines = …و{ $count } سطرًا آخر
spending-month-format = اكتب الشهر بالأرقام، السنة ثم الشهر، مثل <code>/spending 2026-11</code>.

## Mid-entry: /cancel asks, /help explains the step, buttons

spending-cancel-ask = إلغاء هذا الإدخال؟ لن يُسجَّل منه شيء.
spending-cancel-yes-button = ✅ نعم، ألغِه
spending-cancel-no-button = ✖️ لا، أكمل
spending-cancel-nothing = لا يوجد إدخال لإلغائه.
spending-cancelled = أُلغي الإدخال. لم يُسجَّل شيء. /spend للبدء من جديد.
spending-carrying-on = نكمل.
spending-no-entry = لا يوجد إدخال جارٍ.
spending-carry-on = حسنًا، لنكمل.
spending-stale-button = هذا الزر لم يعد صالحًا. ابدأ من جديد.
spending-help-step = 🧾 أنت تُدخل مصروفًا — الخطوة { $step } من { $steps }: { $what }.
spending-step-price = السعر
spending-step-item = الصنف
spending-step-vendor = المورِّد
spending-step-category = الفئة
spending-help-what-now = <b>ما يمكنك فعله الآن</b>
spending-help-optional = أجب، أو اضغط على أحد الخيارات الأخيرة، أو /skip لتجاوزه.
spending-help-required = أجب عنه.
spending-help-cancel = /cancel — إلغاء هذا الإدخال (أسألك أولًا)
spending-help-help = /help — هذه الرسالة
`;
