/** Arabic catalog, customers area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-addcustomer-menu = إضافة زبون: الاسم | الهاتف
cmd-addcustomer-summary = إضافة زبون وتحديده.
cmd-addcustomer-details = الهاتف اختياري. ما يأتي بعد ~ اسم مستعار مخفي: يجده البحث ولا يظهر في القوائم. بلا معطيات أسألك عن الاسم ثم الهاتف (/skip لتركه).
cmd-addcustomer-examples =
    /addcustomer ليلى ناصر | 0599123456
    /addcustomer ليلى ناصر ~ أم سامي | 059…
    /addcustomer
cmd-summary-menu = رصيد الزبون المختار وآخر قيوده
cmd-summary-summary = الزبون المختار: الهاتف والوسوم والرصيد والمجاميع وآخر القيود.
cmd-summary-examples =
    /summary
cmd-deletecustomer-menu = حذف (أرشفة) الزبون المختار
cmd-deletecustomer-summary = حذف (أرشفة) الزبون المختار بعد سؤال نعم/لا.
cmd-deletecustomer-details = يخرج من القوائم والبحث ويبقى في السجل وفي ملف التصدير؛ /undo يعيده. الزبون الذي عليه دين (أو له رصيد) لا يحذفه إلا المالك، بالرقم السري للمتجر. يمكن من /settings أرشفة الزبائن تلقائيًا عندما تسدّد دفعةٌ حسابهم.
cmd-deletecustomer-examples =
    /deletecustomer
cmd-rename-menu = تغيير اسم الزبون المختار (بالرقم السري)
cmd-rename-summary = تغيير اسم الزبون المختار (يطلب الرقم السري للمتجر).
cmd-rename-details = /undo يعيد الاسم القديم.
cmd-rename-examples =
    /rename ليلى أحمد ناصر
    /rename
cmd-nickname-summary = إضافة اسم مستعار مخفي للزبون المختار.
cmd-nickname-details = يجد البحث الزبائن بأسمائهم المستعارة، لكن القوائم ونتائج البحث لا تعرضها أبدًا: لا يعرضها إلا /summary وملف التصدير. يمكنك أيضًا إضافته عند إضافة الزبون: /addcustomer محمد أحمد ~ أبو علي. /undo يزيله.
cmd-nickname-examples =
    /nickname أم سامي
cmd-phone-summary = إضافة هاتف الزبون المختار أو تغييره أو إزالته.
cmd-phone-details = /phone 059… يضبط الرقم الرئيسي (أو يغيّره)، و /phone remove (أو /phone حذف) يزيله. وللزبون أرقام أخرى: /phone add 059… (أو أضف)، /phone remove 059…، /phone main 059… (أو رئيسي) يجعل أحدها الرئيسي. /undo يعيد الأرقام السابقة.
cmd-phone-examples =
    /phone 0599123456
    /phone حذف
    /phone

## /addcustomer

customers-step-name = 👤 ما اسم الزبون؟ (أضف اسمًا مستعارًا مخفيًا بعد ~)
customers-step-phone = 📞 ما رقم هاتفه؟
customers-add-loader = جارٍ إضافة الزبون…
customers-added = ✅ أُضيف { $name } وتم تحديده.
customers-added-with-phone = ✅ أُضيف { $name } ({ $phone }) وتم تحديده.
customers-added-nickname = الاسم المستعار المخفي: { $nicknames }
customers-added-same-phone = ⚠️ هذا الهاتف مسجّل أيضًا لـ { $name }. تأكد أنه ليس الشخص نفسه.
customers-added-next = التالي: /addtransaction <i>المبلغ | ملاحظة</i>
customers-look-alike = ⚠️ الاسم يشبه اسم زبون موجود: { $name } ({ $balance }). تأكد أنه ليس الشخص نفسه.
customers-name-empty = لا يمكن أن يكون الاسم فارغًا. أرسل اسم الزبون من فضلك.
customers-name-no-letter = يجب أن يحتوي الاسم على حرف واحد على الأقل.
customers-name-no-tilde = لا يمكن أن يحتوي الاسم على ~ (أضف اسمًا مستعارًا مخفيًا بالأمر /nickname).

## /addcustomer: the same person already there (active or archived)?

customers-dup-same-name = ⚠️ يوجد زبون بالاسم { $name } ({ $balance }).
customers-dup-same-name-archived = ⚠️ { $name } زبون محذوف (مؤرشف) ({ $balance }).
customers-dup-same-phone = ⚠️ الهاتف { $phone } مسجّل أيضًا لـ { $name } ({ $balance }).
customers-dup-same-phone-archived = ⚠️ الهاتف { $phone } مسجّل أيضًا لـ { $name }، وهو زبون محذوف (مؤرشف) ({ $balance }).
customers-dup-ask = لم يُضَف شيء بعد. إن كان الشخص نفسه فاضغط على اسمه؛ وإلا فأضف { $name } على أي حال.
customers-dup-select = 👤 تحديد { $name }
customers-dup-restore = ♻️ استرجاع { $name }
customers-dup-add-anyway = ➕ أضِف على أي حال
customers-dup-expired = انتهت صلاحية هذا السؤال: لا يوجد ما يُضاف. أرسل /addcustomer من جديد.

## /deletecustomer

customers-the-customer = الزبون
customers-with-balance = { $name } ({ $balance })
customers-delete-noun = عملية الحذف
customers-delete-action = حذف { $customer }
customers-delete-loader = جارٍ حذف الزبون…
customers-deleted = 🗄 حُذف { $name }: خرج من القوائم والبحث، وبقي في السجل وفي ملف التصدير.
customers-deleted-balance = يبقى رصيده مسجّلًا ({ $balance }).
customers-deleted-undo = <i>/undo يعيده.</i>
customers-delete-already = { $name } محذوف (مؤرشف) من قبل.
customers-delete-owes = ما زال عليه { $amount }.
customers-delete-advance = له رصيد مقدَّم قدره { $amount } (المتجر مدين له).
customers-delete-settled = حسابه مسدَّد.
customers-delete-owner-only = ⚠️ { $owed } لا يحذف الزبونَ الذي رصيده غير صفر إلا مالكُ المتجر (بالرقم السري). سدِّد الحساب أولًا (/pay all)، أو اطلب ذلك من المالك.
customers-delete-ask = 🗑 حذف { $name }؟ { $owed }
customers-delete-ask-details = يخرج من القوائم والبحث ويبقى في السجل وفي ملف التصدير؛ /undo يعيده.
customers-delete-ask-pin = حذف زبون عليه دين أو له رصيد يحتاج إلى الرقم السري للمتجر.
customers-delete-yes = 🗑 نعم، احذف
customers-delete-no = ✖️ لا
customers-delete-kept = أُبقي عليه.
customers-delete-nothing = لم يُحذف شيء.

## /rename

customers-rename-question = ✏️ ما الاسم الجديد؟
customers-rename-ask = ✏️ ما الاسم الجديد لـ { $name }؟
customers-rename-noun = تغيير الاسم
customers-rename-action = تغيير اسم { $name } إلى { $new }
customers-rename-loader = جارٍ تغيير الاسم…
customers-renamed = ✏️ تغيّر الاسم من { $old } إلى { $new }.
customers-renamed-undo = <i>/undo يعيد الاسم القديم.</i>

## /nickname

customers-nickname-question = 🕶 ما الاسم المستعار المخفي؟ (يجده البحث ولا يظهر في القوائم)
customers-nickname-ask = 🕶 ما الاسم المستعار المخفي لـ { $name }؟ (يجده البحث ولا يظهر في القوائم)
customers-nickname-noun = الاسم المستعار
customers-nickname-loader = جارٍ إضافة الاسم المستعار…
customers-nickname-added = 🕶 صار من الممكن إيجاد { $name } باسم «{ $nickname }». يبقى مخفيًا: لا يعرضه إلا /summary وملف التصدير.
customers-nickname-undo = <i>/undo يزيله.</i>
customers-nickname-empty = لا يمكن أن يكون الاسم المستعار فارغًا.
customers-nickname-no-letter = يجب أن يحتوي الاسم المستعار على حرف أو رقم واحد على الأقل.

## /phone

customers-phone-who = هاتف من؟
customers-phone-question = 📞 ما رقم الهاتف الجديد؟ (أرسل «حذف» لإزالته)
customers-phone-ask = 📞 ما رقم الهاتف الجديد لـ { $name }؟ (أرسل «حذف» لإزالته)
customers-phone-noun = تغيير الهاتف
customers-phone-loader = جارٍ حفظ الهاتف…
customers-phone-set = 📞 صار هاتف { $name }: { $phone }.
customers-phone-changed = 📞 صار هاتف { $name }: { $phone } (كان { $old }).
customers-phone-removed = 📞 أُزيل هاتف { $name } ({ $old }).
customers-phone-undo = <i>/undo يعيد الرقم السابق.</i>
customers-phone-missing = لا يوجد لهذا الزبون هاتف لإزالته.
customers-phone-unchanged = هذا هو هاتف الزبون أصلًا.
customers-phone-not-theirs = هذا الرقم ليس من أرقام هواتف هذا الزبون (انظر /summary).
customers-phones-add = 📞 أُضيف الهاتف { $phone } إلى { $name }.
customers-phones-remove = 📞 أُزيل الهاتف { $phone } من { $name }.
customers-phones-main = 📞 صار الهاتف الرئيسي لـ { $name }: { $phone }.
customers-phones-now = الهواتف: { $phones }
customers-phones-undo = <i>/undo يعيد الهواتف كما كانت.</i>

## /summary and the customer card

customers-summary-none-selected = لا يوجد زبون مختار. ابحث عنه أولًا: /search <i>الاسم أو الهاتف أو #وسم</i>
customers-summary-totals = اشترى بالدَّين: { $purchases } · دفع: { $payments } · { $count ->
    [zero] لا قيود
    [one] قيد واحد
    [two] قيدان
    [few] { $count } قيود
   *[other] { $count } قيدًا
  }
customers-summary-last-payment = آخر دفعة: { $when }
customers-summary-merged = دُمج في { $name }.
customers-summary-latest = <b>آخر القيود</b>
customers-summary-no-entries = لا مشتريات ولا دفعات بعد.
customers-household-title = 👪 <b>الحسابات المرتبطة</b>
customers-household-together = المجموع: { $total }
customers-household-more = …و{ $count } غيرهم
customers-card-aka = يُعرف أيضًا بـ { $nicknames } <i>(مخفي)</i>
customers-card-balance = الرصيد: { $balance }
customers-card-no-purchases = لا مشتريات بعد
customers-card-archived = مؤرشف
customers-card-overdue = ⏳ متأخر: { $amount } منذ { $date } ({ $days ->
    [zero] 0 يوم
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
   *[other] { $days } يومًا
    })
customers-card-due-now = 📌 مستحق اليوم: { $amount }
customers-card-next-due = 📅 الاستحقاق التالي: { $amount } في { $date }
customers-card-terms = مدة الائتمان: { $days ->
    [0] الدفع في اليوم نفسه
    [zero] الدفع في اليوم نفسه
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
   *[other] { $days } يومًا
    } ({ $from ->
    [customer] خاصة بهذا الزبون
   *[shop] مدة المتجر
    })
customers-card-limit = حد الائتمان: { $limit } ({ $from ->
    [customer] خاص بهذا الزبون
   *[shop] حد المتجر
    }){ $over ->
    [yes] {" "}⚠️ تجاوز الحد
   *[no] {""}
    }
`;
