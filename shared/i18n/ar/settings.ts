/** Arabic catalog, settings area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-settings-menu = إعدادات المتجر؛ /setpin لتعيين رمز PIN للمتجر
cmd-settings-summary = إعدادات المتجر، مثل أرشفة الزبون عندما يصبح رصيده صفرًا.
cmd-settings-details = يغيّر المالك الإعداد بزرّه، و/undo يعيده كما كان. وأيضًا: <code>/settings name الاسم الجديد</code>، <code>/settings zone Asia/Hebron</code>، <code>/settings currency ILS</code> (فقط ما دام المتجر بلا معاملات).
cmd-settings-examples =
    /settings
    /settings zone Asia/Hebron
    /settings name بقالة ليلى
cmd-language-menu = لغتك وأرقامك (English / العربية)
cmd-language-summary = اللغة التي يخاطبك بها PayTrack، وطريقة كتابة الأرقام (0-9 أو ٠-٩).
cmd-language-details = اضغط زرًّا، أو أرسل <code>/language ar</code> أو <code>/language en</code>. يتغيّر حديثك أنت فقط؛ أما لغة المتجر الافتراضية فيحددها المالك في /settings.
cmd-language-examples =
    /language
    /language الإنجليزية

## /settings

settings-title = ⚙️ <b>إعدادات {$shop}</b>
settings-name = 🏷 الاسم: {$name}
settings-zone = 🕒 المنطقة الزمنية: {$zone} (الساعة الآن هناك {$now})
settings-language = 🗣 اللغة الافتراضية: {$language}
settings-digits = 🔢 الأرقام: {$digits}
settings-currency = 💱 العملة: {$currency}
settings-currency-open = <i>يمكن تغيير العملة حتى أول معاملة.</i>
settings-currency-locked = <i>ثابتة: في المتجر معاملات مسجّلة.</i>
settings-archive = 🗄 أرشفة الزبون عندما يصبح رصيده صفرًا: {$state}
settings-archive-on = مفعّلة
settings-archive-off = متوقفة
settings-archive-note = <i>عند تفعيلها، الدفعة التي تسدّد حساب زبون تؤرشفه (ويُذكر ذلك؛ و/undo يعيده).</i>
settings-credit = 💳 مدة السداد: {$terms}؛ حد الدين: {$limit}
settings-button-credit = 💳 مدة السداد وحد الدين
settings-reminders = ⏰ التذكيرات التلقائية: {$state}
settings-reminders-on = مفعّلة
settings-reminders-off = متوقفة
settings-button-reminders = ⏰ التذكيرات
settings-backup = 💾 النسخة الاحتياطية التلقائية للمالكين: {$state}
settings-backup-off = متوقفة
settings-backup-daily = يومية (حركات الأمس)
settings-backup-weekly = أسبوعية كل يوم اثنين (آخر 7 أيام)
settings-button-backup-weekly = 💾 نسخة احتياطية أسبوعية
settings-button-backup-daily = 💾 نسخة احتياطية يومية
settings-button-backup-off = 💾 إيقاف النسخة الاحتياطية
settings-backup-done = 💾 النسخة الاحتياطية التلقائية: {$state}.
settings-backup-caption-daily = 💾 النسخة الاحتياطية اليومية لمتجر {$shop}: {$period}
settings-backup-caption-weekly = 💾 النسخة الاحتياطية الأسبوعية لمتجر {$shop}: {$period}
settings-pin = 🔐 رمز PIN للمتجر: {$state}{$hint}
settings-pin-set = معيَّن
settings-pin-set-at = معيَّن ({$when})
settings-pin-not-set = غير معيَّن
settings-pin-hint-change = {" "}— /setpin لتغييره
settings-pin-hint-set = {" "}— /setpin لتعيينه
settings-pin-reset = ⏳ هناك طلب لإلغاء رمز PIN: سيُزال الرمز في {$when} ({$zone}).{$hint}
settings-pin-reset-hint = {" "}/resetpin cancel يوقف ذلك.
settings-owner-only = <i>مالك المتجر وحده يستطيع تغيير الإعدادات.</i>
settings-owner-how = <i>اضغط زرًّا، أو أرسل <code>/settings name الاسم الجديد</code> أو <code>/settings zone Asia/Hebron</code>.</i>
settings-digits-latn = لاتينية (إنجليزية)
settings-digits-arab = عربية ٠-٩
settings-language-en = الإنجليزية (English)
settings-language-ar = العربية

settings-button-archive-on = 🗄 تفعيل الأرشفة التلقائية
settings-button-archive-off = 🗄 إيقاف الأرشفة التلقائية
settings-button-rename = ✏️ تغيير اسم المتجر
settings-button-zone-other = 🕒 منطقة زمنية أخرى
settings-button-zone = 🕒 {$zone}
settings-button-language = 🗣 اللغة الافتراضية: {$language}
settings-button-digits = 🔢 الأرقام: {$digits}
settings-button-currency = 💱 تغيير العملة

settings-saving = جارٍ حفظ الإعداد…
settings-archive-done = ✅ أرشفة الزبائن المسدَّدين الآن {$state}.
settings-undo-hint = <i>/undo يعيده كما كان.</i>
settings-name-done = ✅ اسم المتجر الآن {$name}.
settings-zone-done = ✅ المنطقة الزمنية للمتجر الآن {$zone} (الساعة الآن هناك {$now}). كل الأوقات تُعرض بها.
settings-language-done = ✅ اللغة الافتراضية للمتجر الآن {$language}.
settings-digits-done = ✅ أرقام المتجر الآن {$digits}.
settings-currency-done = ✅ عملة المتجر الآن {$currency}.
settings-unchanged = لم يتغيّر شيء: القيمة هي {$value} أصلًا.
settings-ask-name = أرسل الاسم الجديد هكذا: <code>/settings name بقالة ليلى</code>
settings-ask-zone = أرسل اسم المنطقة الزمنية (IANA) هكذا: <code>/settings zone Asia/Hebron</code> (وغيرها: Asia/Gaza، Asia/Amman، Asia/Jerusalem، UTC).
settings-ask-currency = أرسل رمز العملة هكذا: <code>/settings currency ILS</code>. لا تتغيّر العملة إلا ما دام المتجر بلا معاملات.
settings-zone-unknown = {$zone} ليست منطقة زمنية أعرفها. اكتبها مثل Asia/Hebron أو Asia/Amman أو UTC.
settings-unknown = أستطيع تغيير <code>name</code> (الاسم) و<code>zone</code> (المنطقة الزمنية) و<code>language</code> (اللغة: en أو ar) و<code>digits</code> (الأرقام: latn أو arab) و<code>currency</code> (العملة)، مثلًا <code>/settings zone Asia/Hebron</code>.

## /language

language-view = 🗣 يخاطبك PayTrack بـ{$language} ويكتب الأرقام {$digits}.
language-choose = اختر لغتك وطريقة كتابة الأرقام:
language-saving = جارٍ الحفظ…
language-done = ✅ من الآن يخاطبك PayTrack بالعربية.
language-digits-done = ✅ الأرقام تُكتب الآن {$digits}.
language-unknown = أرسل <code>/language ar</code> للعربية أو <code>/language en</code> للإنجليزية، أو اضغط زرًّا.
`;
