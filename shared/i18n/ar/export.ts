/** Arabic catalog, export area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-export-menu = ملف Excel للمتجر، أو كشف حساب الزبون (للمالك)
cmd-export-summary = ملف Excel (للمالك فقط): المتجر كله، أو كشف حساب الزبون المختار.
cmd-export-details = في ملف المتجر أوراق: الملخص والزبائن والحركات والمصاريف وسجل العمليات؛ المبالغ أرقام حقيقية بعملة المتجر، والتواريخ تواريخ حقيقية بتوقيت المتجر، والملف بلغة المتجر. إذا كان هناك زبون مختار يمكنك اختيار كشف حسابه بدلًا من ذلك: مشترياته ودفعاته مع الرصيد بعد كل منها، لتعرضه عليه. الفترة (أيام بتوقيت المتجر) تحصر الملف في شهر (2026-11 أو تشرين الثاني 2026 أو نوفمبر 2026) أو في مجموعة أيام. المتجر الأكبر من أن يتسع له ملف واحد يُعرض شهرًا شهرًا. يمكنك أيضًا كتابة /export كشف أو /export المتجر.
cmd-export-examples =
    /export
    /export 2026-11
    /export تشرين الثاني 2026
    /export 2026-11-01..2026-11-15
    /export المتجر

## Periods typed in commands (domain/periods.ts: /export, /transactions)

period-examples = { $month } أو { $range }
period-unreadable = لم أفهم «{ $text }» كفترة. جرّب { $examples }.
period-no-such-day = لم أفهم «{ $text }» كفترة: لا يوجد يوم { $day }. جرّب { $examples }.
period-no-such-month = لم أفهم «{ $text }» كفترة: لا يوجد شهر { $month }. جرّب { $examples }.
period-reversed = هذه الفترة تنتهي قبل أن تبدأ.
period-all-time = كل الفترات
period-range = { $from } – { $to }
period-from = من { $day }
period-until = حتى { $day }

## /export in the chat (the member's language)

export-owner-only = 🔒 تصدير الدفتر لـ<b>مالك</b> المتجر فقط؛ أنت موظف هنا. اطلب من المالك أن يرسل لك الملف.
export-pick-customer = اختر الزبون أولًا بالأمر /search، ثم أرسل /export statement (أو اضغط «كشف حساب»).
export-choose = 📊 تصدير { $period } كملف Excel: كشف حساب { $name } (مشترياته ودفعاته مع الرصيد بعد كل منها، لتعرضه عليه)، أم المتجر كله؟
export-button-statement = 📄 كشف حساب: { $name }
export-button-shop = 🏪 المتجر كله
export-building-statement = أُعدّ كشف الحساب…
export-building-shop = أُعدّ ملف Excel…
export-caption-statement = 📄 كشف حساب { $name } · { $period }
    الرصيد: { $balance }
export-caption-shop = 📊 { $shop } · { $period }
    { $counts }
export-count-customers = { $count ->
    [zero] لا زبائن
    [one] زبون واحد
    [two] زبونان
    [few] { $n } زبائن
    [many] { $n } زبونًا
   *[other] { $n } زبون
  }
export-count-archived = { $n } مؤرشف أو مدموج
export-count-transactions = { $count ->
    [zero] لا مشتريات ولا دفعات
    [one] حركة واحدة (شراء أو دفعة)
    [two] حركتان (شراء أو دفعة)
    [few] { $n } حركات (مشتريات ودفعات)
    [many] { $n } حركة (مشتريات ودفعات)
   *[other] { $n } حركة (مشتريات ودفعات)
  }
export-count-expenses = { $count ->
    [zero] لا مصاريف
    [one] مصروف واحد
    [two] مصروفان
    [few] { $n } مصاريف
    [many] { $n } مصروفًا
   *[other] { $n } مصروف
  }
export-sent = ✅ أُرسل { $file } ({ $size }؛ { $sheets }).
export-size = { $size } كيلوبايت
export-too-large-shop = 📦 في متجرك { $rows } صفًّا في { $period }: أكثر مما يتسع له ملف واحد. الملف الواحد يحمل حتى { $max } صف، حتى يُبنى ضمن حدود البوت (ثانيتان من العمل و256 ميغابايت).
export-too-large-statement = 📦 في كشف حساب { $name } { $rows } صفًّا في { $period }: أكثر مما يتسع له ملف واحد. الملف الواحد يحمل حتى { $max } صف، حتى يُبنى ضمن حدود البوت (ثانيتان من العمل و256 ميغابايت).
export-too-large-months = صدّره شهرًا شهرًا: اضغط على شهر.
export-too-large-shorter = جرّب فترة أقصر.
export-too-large-own = أو اختر فترتك بنفسك: { $examples }.
export-too-large-halves = الأشهر المزدحمة مقسومة إلى نصفين.
export-button-first-half = { $month } 1–15
export-button-second-half = { $month } 16–آخره

## The file's name (the shop's language; letters and dashes only)

export-file-statement = كشف-حساب
export-file-start = البداية
export-file-today = اليوم

## The workbook (the shop's language)

export-sheet-summary = الملخص
export-sheet-customers = الزبائن
export-sheet-transactions = الحركات
export-sheet-spending = المصاريف
export-sheet-history = سجل العمليات
export-sheet-statement = كشف الحساب
export-book-title-shop = { $shop } — دفتر PayTrack
export-book-title-statement = { $name } — كشف حساب من { $shop }
export-user = المستخدم { $id }

export-summary-title = { $shop } — ملخص PayTrack
export-summary-exported = تاريخ التصدير
export-summary-period = الفترة
export-summary-currency = العملة
export-summary-customers = الزبائن
export-summary-archived = زبائن مؤرشفون أو مدموجون
export-summary-in-debt = زبائن عليهم دين
export-summary-owed = مجموع الديون للمتجر
export-summary-advances = رصيد مقدَّم دفعه الزبائن
export-summary-net = صافي الرصيد
export-summary-this-month = هذا الشهر ({ $month })
export-summary-last-month = الشهر الماضي ({ $month })
export-summary-in-period = الفترة ({ $period })
export-summary-sold = مبيعات بالدَّين
export-summary-collected = المُحصَّل (دفعات)
export-summary-spent = المصروف (مصاريف المتجر نفسه)
export-summary-top = أكبر المدينين
export-summary-owes = عليه
export-summary-nobody = لا أحد مدين للمتجر بشيء.

export-col-name = الاسم
export-col-phone = الهاتف
export-col-tags = الوسوم
export-col-nicknames = الألقاب (مخفية)
export-col-balance = الرصيد
export-col-status = الحالة
export-col-bought-period = المشتريات (الفترة)
export-col-bought-all = المشتريات (كل الفترات)
export-col-paid-period = المدفوع (الفترة)
export-col-paid-all = المدفوع (كل الفترات)
export-col-last-purchase = آخر شراء ({ $zone })
export-col-last-payment = آخر دفعة ({ $zone })
export-col-last-payment-plain = آخر دفعة
export-col-linked = مرتبط مع
export-col-archived = أُرشف ({ $zone })
export-col-merged = دُمج في
export-col-due = المستحق
export-col-overdue = المتأخر
export-col-oldest-overdue = أقدم تأخر
export-col-due-date = تاريخ الاستحقاق
export-col-date = التاريخ ({ $zone })
export-col-customer = الزبون
export-col-type = النوع
export-col-amount = المبلغ
export-col-effect = الأثر على الرصيد
export-col-description = الوصف
export-col-recorded-by = سجّلها
export-col-balance-after = الرصيد بعدها
export-col-voided = أُلغيت ({ $zone })
export-col-number = الرقم
export-col-item = البند
export-col-price = السعر
export-col-vendor = المورّد
export-col-category = الفئة
export-col-who = مَن
export-col-action = العملية
export-col-details = التفاصيل
export-col-undone = تُراجع عنها ({ $zone })
export-col-purchase = شراء
export-col-payment = دفعة

export-status-owes = عليه دين
export-status-advance = له رصيد مقدَّم
export-status-settled = لا دين عليه
export-kind-purchase = شراء
export-kind-payment = دفعة
export-no-transactions = لا مشتريات ولا دفعات في هذه الفترة.
export-no-spending = لا مصاريف مسجّلة في هذه الفترة.
export-no-actions = لم يحدث شيء في هذه الفترة.

export-statement-title = كشف حساب — { $name }
export-statement-shop = المتجر
export-statement-opening = الرصيد الافتتاحي
export-statement-purchases = المشتريات
export-statement-payments = الدفعات
export-statement-closing = الرصيد الختامي
export-statement-printed = طُبع في
export-statement-printed-note = { $zone }؛ الحركات التي تُراجع عنها غير مذكورة
export-balance-owes = عليه للمتجر
export-balance-advance = دفع مقدَّمًا
export-balance-settled = لا دين عليه

## The printed page (header and footer of every sheet; the shop's language)

export-print-header-shop = { $shop } · { $period }
export-print-header-statement = { $shop } · كشف حساب: { $name } · { $period }
export-print-footer = صفحة { $page } من { $pages }

## The Action history sheet: what each action is, and what it did

export-action-shop-opened = فتح المتجر
export-action-customer-added = إضافة زبون
export-action-purchase-recorded = تسجيل شراء
export-action-payment-recorded = تسجيل دفعة
export-action-expense-recorded = تسجيل مصروف
export-action-action-undone = تراجع عن عملية
export-action-customer-archived = أرشفة زبون
export-action-customer-restored = استعادة زبون
export-action-customer-renamed = تغيير اسم زبون
export-action-nickname-added = إضافة لقب
export-action-customer-tagged = إضافة وسم
export-action-customer-untagged = إزالة وسم
export-action-customers-linked = ربط زبائن
export-action-customer-unlinked = فك ربط زبون
export-action-customers-merged = دمج زبائن
export-action-setting-changed = تغيير إعداد
export-action-pin-set = تعيين الرمز السري
export-action-pin-reset-requested = طلب إزالة الرمز السري
export-action-pin-reset-cancelled = إلغاء إزالة الرمز السري
export-action-pin-reset-applied = إزالة الرمز السري
export-action-member-invited = إنشاء رابط دعوة
export-action-invite-revoked = سحب رابط دعوة
export-action-member-joined = انضمام عضو
export-action-member-role-changed = تغيير دور
export-action-member-removed = إزالة عضو
export-action-member-left = مغادرة عضو
export-action-other = عملية أخرى

export-detail-shop-opened = فتح المتجر في PayTrack
export-detail-customer-added = أضاف { $name }
export-detail-customer-added-phone = أضاف { $name } ({ $phone })
export-detail-expense = صرف { $amount } على { $item }
export-detail-expense-more = صرف { $amount } على { $item } ({ $more })
export-detail-undone = تراجع عن العملية رقم { $id } ({ $what })
export-detail-customer-archived = حذف (أرشف) { $name }
export-detail-customer-restored = أعاد { $name } من الأرشيف
export-detail-customer-renamed = غيّر الاسم من { $old } إلى { $new }
export-detail-nickname-added = أضاف لقبًا مخفيًّا إلى { $name }
export-detail-customer-tagged = وسم { $name } بـ { $tags }
export-detail-customer-untagged = أزال { $tags } عن { $name }
export-detail-customers-linked = ربط { $name } مع { $other }
export-detail-customer-unlinked = فك ربط { $name } عن عائلته
export-detail-customers-merged = دمج { $duplicate } في { $name }
export-detail-archiving = { $on ->
    [yes] شغّل أرشفة الزبائن الذين سدّدوا
   *[no] أوقف أرشفة الزبائن الذين سدّدوا
  }
export-detail-setting = غيّر { $setting } من { $old } إلى { $new }
export-setting-name = اسم المتجر
export-setting-timezone = المنطقة الزمنية
export-setting-language = اللغة
export-setting-digits = شكل الأرقام
export-setting-currency = العملة
export-setting-other = إعدادًا
export-detail-pin-set = عيّن الرمز السري للمتجر
export-detail-pin-changed = غيّر الرمز السري للمتجر
export-detail-pin-reset-requested = طلب إزالة الرمز السري المنسي (يُزال بعد 24 ساعة ما لم يُلغِه مالك)
export-detail-pin-reset-cancelled = ألغى إزالة الرمز السري للمتجر
export-detail-pin-reset-applied = أُزيل الرمز السري المنسي كما طُلب قبل 24 ساعة
export-detail-member-invited = أنشأ رابط دعوة { $role ->
    [owner] لمالك شريك
   *[other] لموظف
  }
export-detail-invite-revoked = سحب رابط دعوة غير مستخدم { $role ->
    [owner] لمالك شريك
   *[other] لموظف
  }
export-detail-member-joined = انضم إلى المتجر { $role ->
    [owner] مالكًا شريكًا
   *[other] موظفًا
  }
export-detail-member-joined-by = انضم إلى المتجر { $role ->
    [owner] مالكًا شريكًا
   *[other] موظفًا
  } بدعوة من { $by }
export-detail-member-role-changed = جعل { $member } { $role ->
    [owner] مالكًا
   *[other] موظفًا
  }
export-detail-member-removed = أزال { $member } من المتجر
export-detail-member-left = غادر المتجر
`;
