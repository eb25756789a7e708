/** Arabic catalog, history area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-history-menu = آخر ما جرى في المتجر، مع التراجع
cmd-history-summary = آخر ما جرى في المتجر: من فعل ماذا ولمن، مع أزرار للتراجع.
cmd-history-details = قيود السجل مرقّمة H1 وH2… (والعمليات T1 وT2…). زر ⬅️ الأقدم يعرض الصفحة السابقة. إذا كان هناك زبون محدد فزر «فقط <i>الاسم</i>» يعرض ما يخصّه وحده. يستطيع المالك رؤية ما فعله عضو واحد: /history مع اسمه أو رقمه في تيليجرام (انظر /members).
cmd-history-examples =
    /history
    /history سارة
cmd-undo-menu = التراجع عن آخر إجراء
cmd-undo-summary = التراجع عن آخر إجراء (مع سؤال نعم/لا أولًا).
cmd-undo-details = الأمر /undo H12 يتراجع عن قيد السجل H12 (وكذلك /undo 12). لا يستطيع الموظف التراجع إلا عن إجراءاته. استعمل /history للتراجع عن إجراء أقدم.
cmd-undo-examples =
    /undo
    /undo H12

## Labels: a history entry is H13, a transaction T13 (shared/text/history.ts)

history-label = H{ $id }

## /history

history-nothing-older = لا يوجد ما هو أقدم.
history-nothing-by = لم يفعل { $who } شيئًا بعد.
history-nothing-for = لا شيء يخص { $customer } بعد.
history-nothing-yet = لم يجرِ شيء في المتجر بعد.
history-by = {" "}من { $who }
history-for = {" "}للزبون { $customer }
history-header-latest = 🕘 <b>آخر الإجراءات</b>{ $filter } ({ $shown } من { $total })
history-header-older = 🕘 <b>إجراءات أقدم</b>{ $filter } ({ $from }–{ $to } من { $total })
history-undone = <i>(تم التراجع عنه)</i>
history-button-undo = ↩️ تراجع عن { $label }
history-button-older = ⬅️ الأقدم
history-button-only = 👤 فقط { $customer }
history-button-all = 🕘 المتجر كله
history-filter-owner-only = 🔒 تصفية السجل حسب العضو للمالك فقط، والأمر /history يعرض كل شيء.
history-member-fallback = العضو { $id }
history-member-none = لا يوجد عضو باسم «{ $query }». الأمر /members يعرض الأعضاء.
history-member-several = أكثر من عضو يطابق: { $names }. أرسل /history مع رقم العضو.

## /undo

undo-pin-note = 🔒 هذا يُنقص ما على الزبون (أو يكرر إجراءً محميًا)، لذلك يحتاج الرمز السري للمتجر.
undo-ask = هل تريد التراجع عن هذا؟
    { $entry }{ $pin }
undo-ask-id = هل تريد التراجع عن قيد السجل { $label }؟
undo-button-yes = ✅ نعم، تراجع
undo-button-no = ✖️ لا
undo-nothing = لم يبقَ شيء يمكنك التراجع عنه.
undo-already = تم التراجع عن هذا من قبل.
undo-not-yours = 🔒 التراجع عن إجراء شخص آخر للمالك فقط: الموظف يتراجع عن إجراءاته وحدها.
undo-not-now = لا يمكنك التراجع عن هذا الآن (قد يستطيع المالك؛ أو يجب التراجع عن تغيير لاحق أولًا).
undo-kept = بقي كما هو.
undo-nothing-undone = لم يتم التراجع عن شيء.
undo-not-a-label = «{ $text }» ليس قيدًا في السجل: أرسل /undo، أو /undo H12 مع رقم من /history.
undo-loader = جارٍ التراجع…
undo-needs-pin = 🔒 التراجع عن هذا يحتاج الرمز السري للمتجر.
undo-done = ↩️ تم التراجع عن { $label }.
undo-done-for = ↩️ تم التراجع عن { $label } للزبون { $customer }. الرصيد الآن: { $balance }
undo-done-added = ↩️ أُزيل { $customer } مرة أخرى (أُرشف).
undo-done-archived = ↩️ عاد { $customer } إلى القوائم والبحث. الرصيد: { $balance }
undo-done-restored = ↩️ أُرشف { $customer } مرة أخرى.
undo-done-merged = ↩️ فُصل { $duplicate } عن { $customer } مرة أخرى. { $customer }: { $balance }
undo-noun = التراجع
undo-action = التراجع عن { $what }

## What each action did, in words (one per action kind; a test checks every kind)

history-someone = المستخدم { $id }
history-action-shop-opened = { $who } فتح المتجر
history-action-customer-added = { $who } أضاف الزبون { $whom }
history-action-purchase-recorded = { $who } سجّل مشترى بقيمة { $amount } على { $whom }
history-action-payment-recorded = { $who } سجّل دفعة بقيمة { $amount } من { $whom }
history-action-action-undone = { $who } تراجع عن { $label } ({ $what })
history-action-action-undone-for = { $who } تراجع عن { $label } ({ $what }) للزبون { $whom }
history-action-expense-recorded = { $who } سجّل مصروفًا: { $item } { $amount }
history-action-member-invited = { $who } أنشأ رابط دعوة ({ $role ->
        [owner] مالك شريك
       *[other] موظف
    })
history-action-member-joined = { $who } انضم إلى المتجر ({ $role ->
        [owner] مالك شريك
       *[other] موظف
    })
history-action-member-role-changed = { $who } جعل { $member } { $role ->
        [owner] مالكًا
       *[other] موظفًا
    }
history-action-member-removed = { $who } أزال { $member } من المتجر
history-action-member-left = { $who } غادر المتجر
history-action-customer-archived = { $who } حذف (أرشف) { $whom }
history-action-customer-restored = { $who } استرجع { $whom } من الأرشيف
history-action-customer-renamed = { $who } غيّر الاسم { $old } إلى { $new }
history-action-nickname-added = { $who } أضاف اسمًا مستعارًا مخفيًا إلى { $whom }
history-action-customer-tagged = { $who } وسم { $whom } بـ { $tags }
history-action-customer-untagged = { $who } أزال { $tags } عن { $whom }
history-action-customers-linked = { $who } ربط { $whom } مع { $other }
history-action-customer-unlinked = { $who } فصل { $whom } عن عائلته
history-action-customers-merged = { $who } دمج { $duplicate } في { $whom }
history-action-setting-changed = { $who } غيّر إعدادًا للمتجر: { $setting }
history-action-setting-changed-to = { $who } غيّر { $setting } من { $old } إلى { $new }
history-action-setting-changed-archive = { $who } { $on ->
        [yes] فعّل
       *[other] أوقف
    } أرشفة الزبائن الذين سدّدوا
history-action-pin-set = { $who } { $replaced ->
        [yes] غيّر
       *[other] عيّن
    } الرمز السري للمتجر
history-action-pin-reset-requested = { $who } طلب إعادة تعيين الرمز السري للمتجر
history-action-pin-reset-cancelled = { $who } ألغى طلب إعادة تعيين الرمز السري للمتجر
history-action-pin-reset-applied = أُعيد تعيين الرمز السري للمتجر (بطلب من { $who })
history-action-invite-revoked = { $who } سحب رابط دعوة غير مستعمل ({ $role ->
        [owner] مالك شريك
       *[other] موظف
    })
history-action-phone-changed = { $who } { $change ->
        [added] أضاف الهاتف { $new } إلى { $whom }
        [removed] أزال الهاتف { $old } عن { $whom }
       *[changed] غيّر هاتف { $whom } من { $old } إلى { $new }
    }
history-action-customer-link-created = { $who } أنشأ رابطًا لـ { $whom } لربط تيليجرام
history-action-customer-linked = { $whom } ربط حسابه في تيليجرام (برابط من { $who })
history-action-customer-link-ended = { $by ->
        [customer] { $whom } فكّ ربط حسابه في تيليجرام
       *[member] { $who } فكّ ربط حساب تيليجرام عن { $whom }
    }
history-action-dispute-opened = { $whom } قال إن { $kind ->
        [payment] الدفعة
       *[purchase] عملية الشراء
    } بمبلغ { $amount } ليست له (❗ اعتراض)
history-action-dispute-resolved = { $status ->
        [undone] { $who } ألغى القيد الذي اعترض عليه { $whom }
       *[upheld] { $who } أكّد صحة القيد الذي اعترض عليه { $whom }
    }
history-action-customer-credit-set = { $own ->
        [yes] { $who } ضبط { $setting ->
            [credit_limit] حد الدين
           *[other] مدة السداد
        } لـ { $whom } على { $value }
       *[no] { $who } أعاد { $setting ->
            [credit_limit] حد الدين
           *[other] مدة السداد
        } لـ { $whom } إلى ما يحدده المتجر
    }
history-action-due-date-set = { $cleared ->
        [yes] { $who } ألغى تاريخ استحقاق شراء بقيمة { $amount } لـ { $whom } (تسري مدة السداد)
       *[no] { $who } جعل تاريخ استحقاق شراء بقيمة { $amount } لـ { $whom } في { $date }
    }
history-action-unknown = { $who } أجرى تغييرًا

## An undone action, as a noun: "undid H5 (a purchase)"

history-what-shop-opened = فتح المتجر
history-what-customer-added = إضافة زبون
history-what-purchase-recorded = مشترى
history-what-payment-recorded = دفعة
history-what-action-undone = تراجع
history-what-expense-recorded = مصروف
history-what-member-invited = رابط دعوة
history-what-member-joined = انضمام عضو
history-what-member-role-changed = تغيير دور
history-what-member-removed = إزالة عضو
history-what-member-left = مغادرة عضو
history-what-customer-archived = حذف زبون
history-what-customer-restored = استرجاع زبون
history-what-customer-renamed = تغيير اسم
history-what-nickname-added = اسم مستعار
history-what-customer-tagged = وسم
history-what-customer-untagged = إزالة وسم
history-what-customers-linked = ربط
history-what-customer-unlinked = فصل
history-what-customers-merged = دمج
history-what-setting-changed = إعداد
history-what-pin-set = الرمز السري للمتجر
history-what-pin-reset-requested = طلب إعادة تعيين الرمز السري
history-what-pin-reset-cancelled = إلغاء إعادة تعيين الرمز السري
history-what-pin-reset-applied = إعادة تعيين الرمز السري
history-what-invite-revoked = سحب رابط دعوة
history-what-phone-changed = تغيير هاتف
history-what-customer-link-created = رابط تيليجرام
history-what-customer-linked = ربط حساب تيليجرام
history-what-customer-link-ended = فك ربط حساب تيليجرام
history-what-dispute-opened = اعتراض
history-what-dispute-resolved = البتّ في اعتراض
history-what-customer-credit-set = مدة سداد أو حد دين
history-what-due-date-set = تاريخ استحقاق
history-what-unknown = تغيير

## Shop settings by name (setting_changed)

history-setting-name = اسم المتجر
history-setting-timezone = المنطقة الزمنية
history-setting-language = اللغة الافتراضية
history-setting-digits = شكل الأرقام
history-setting-currency = العملة
history-setting-unknown = إعداد للمتجر
history-setting-credit-days = مدة السداد
history-setting-credit-limit = حد الدين
history-setting-credit-limit-mode = ما يحدث عند تجاوز حد الدين
history-setting-reminders-auto = التذكيرات التلقائية
history-setting-remind-before-days = موعد التذكير قبل الاستحقاق
history-setting-remind-every-days = تكرار تذكيرات المتأخرين
history-setting-quiet-hours = ساعات الهدوء
history-setting-digest = الملخص اليومي
history-setting-backup = النسخة الاحتياطية التلقائية
history-value-none = بلا
history-value-days = { $count ->
        [zero] { $count } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $count } أيام
       *[other] { $count } يومًا
    }
history-value-warn = تنبيه
history-value-block = منع
history-value-on = مفعّلة
history-value-off = متوقفة
history-value-daily = يومية
history-value-weekly = أسبوعية
`;
