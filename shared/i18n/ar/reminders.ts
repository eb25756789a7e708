/** Arabic catalog, reminders area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-reminders = التذكيرات
cmd-remind-summary = ذكّر الزبون المحدد بما عليه: الزبون المرتبط يصله التذكير من البوت، ولغيره تحصل على نص لتعيد إرساله. /remind الكل يذكّر كل الزبائن المتأخرين (للمالكين).
cmd-remind-examples =
    /remind
    /remind الكل
cmd-reminders-summary = للزبون المرتبط بمحل: /reminders إيقاف يوقف تذكيرات الدفع، و /reminders تشغيل يعيدها.
cmd-reminders-examples =
    /reminders إيقاف
    /reminders تشغيل

## /remind and the card's button (to the member)

reminders-card-button = 🔔 تذكير
reminders-noun-remind = التذكير
reminders-nothing-owed = لا شيء على { $customer }: لا حاجة إلى تذكير.
reminders-queued = 🔔 سيصل تذكير إلى { $customer } على تيليجرام:
reminders-already = سبق تذكير { $customer } اليوم ({ $when }): لن يُرسل شيء جديد. تذكير واحد على الأكثر لكل زبون في اليوم.
reminders-why-not-linked = لم يربط { $customer } حسابه على تيليجرام (/connect)، فلا يستطيع البوت تذكيره.
reminders-why-link-ended = انتهى ربط { $customer } بتيليجرام، فلا يستطيع البوت تذكيره.
reminders-why-reminders-off = أوقف { $customer } التذكيرات، فلا يرسل له البوت شيئًا.
reminders-why-unreachable = حظر { $customer } البوت، فلا يستطيع الوصول إليه.
reminders-forward-intro = أعد إرسال هذا النص بنفسك:
reminders-button-share-telegram = ✈️ مشاركة عبر تيليجرام
reminders-button-share-whatsapp = 💬 إرسال عبر واتساب

## What a reminder names (the member's reply, and the text to forward)

reminders-owed-overdue = { $amount } متأخر منذ { $date }
reminders-owed-due-today = { $amount } مستحق اليوم
reminders-owed-due-on = { $amount } يستحق في { $date }
reminders-owed-balance = الرصيد: { $amount }
reminders-forward-hello = مرحبًا { $customer }، تذكير ودّي من { $shop } بخصوص حسابك:
reminders-forward-thanks = شكرًا لك!

## Remind all overdue (owners)

reminders-all-owner-only = تذكير كل الزبائن المتأخرين دفعة واحدة خاص بمالكي المحل. /remind يذكّر الزبون المحدد.
reminders-all-none = لا يوجد زبون متأخر: لا أحد لتذكيره.
reminders-all-counts = { $count ->
    [zero] لا زبائن متأخرون
    [one] زبون متأخر واحد
    [two] زبونان متأخران
    [few] { $count } زبائن متأخرين
   *[other] { $count } زبونًا متأخرًا
  }: { $parts }.
reminders-all-reachable = { $count ->
    [zero] لن يصل تذكير لأحد
    [one] واحد سيصله تذكير
    [two] اثنان سيصلهما تذكير
   *[other] { $count } سيصلهم تذكير
  }
reminders-all-not-linked = { $count ->
    [one] واحد غير مرتبط (نصوص لإعادة الإرسال: /overdue)
    [two] اثنان غير مرتبطين (نصوص لإعادة الإرسال: /overdue)
   *[other] { $count } غير مرتبطين (نصوص لإعادة الإرسال: /overdue)
  }
reminders-all-off = { $count ->
    [one] واحد أوقف التذكيرات
    [two] اثنان أوقفا التذكيرات
   *[other] { $count } أوقفوا التذكيرات
  }
reminders-all-unreachable = { $count ->
    [one] واحد حظر البوت
    [two] اثنان حظرا البوت
   *[other] { $count } حظروا البوت
  }
reminders-all-already = { $count ->
    [one] واحد سبق تذكيره اليوم
    [two] اثنان سبق تذكيرهما اليوم
   *[other] { $count } سبق تذكيرهم اليوم
  }
reminders-all-separator = {"، "}
reminders-all-ask = هل نرسل؟
reminders-all-nobody = لا يستطيع البوت الوصول إلى أيّ منهم اليوم.
reminders-button-send = 🔔 إرسال
reminders-button-cancel = إلغاء
reminders-all-cancelled = أُلغي: لم يُرسل أي تذكير.
reminders-all-sending = جارٍ تجهيز التذكيرات…
reminders-all-sent = { $count ->
    [zero] 🔔 لم يُجهّز أي تذكير.
    [one] 🔔 تذكير واحد في الطريق.
    [two] 🔔 تذكيران في الطريق.
    [few] 🔔 { $count } تذكيرات في الطريق.
   *[other] 🔔 { $count } تذكيرًا في الطريق.
  }

## The reminder itself (shared/outbox/reminder_messages.ts), in the customer's language

reminders-message-title = 🔔 <b>{ $shop }</b>: تذكير ودّي بالدفع إلى { $customer }.
reminders-message-overdue = <b>{ $amount }</b> متأخر منذ { $date }.
reminders-message-due-today = <b>{ $amount }</b> مستحق اليوم.
reminders-message-due-on = <b>{ $amount }</b> يستحق في { $date }.
reminders-message-balance = رصيدك: عليك <b>{ $amount }</b>.
reminders-message-thanks = شكرًا لك!
reminders-message-hint = /balance يعرض حسابك. /reminders إيقاف يوقف هذه التذكيرات.

## The reminder settings page (/settings, owners)

reminders-settings-title = ⏰ <b>التذكيرات</b>
reminders-settings-on = مفعّلة
reminders-settings-off = متوقفة
reminders-settings-auto = التذكيرات التلقائية: { $state }
reminders-settings-before = { $days ->
    [0] قبل تاريخ الاستحقاق: لا شيء
    [one] قبل تاريخ الاستحقاق: يوم واحد
    [two] قبل تاريخ الاستحقاق: يومان
   *[other] قبل تاريخ الاستحقاق: { $days } أيام
  }
reminders-settings-every = { $days ->
    [one] أثناء التأخر: كل يوم
   *[other] أثناء التأخر: كل { $days } أيام
  }
reminders-settings-quiet = ساعات الهدوء (لا تذكير خلالها): { $hours }
reminders-settings-quiet-none = ساعات الهدوء: لا توجد
reminders-settings-digest = الملخص اليومي للمالكين: { $state }
reminders-settings-how = اضغط للتغيير. تذكير واحد على الأكثر لكل زبون في اليوم، ولا تذكير لزبون أوقفها.
reminders-settings-owner-only = فقط المالك يستطيع تغيير إعدادات التذكيرات.
reminders-button-auto-on = تفعيل التذكيرات التلقائية
reminders-button-auto-off = إيقاف التذكيرات التلقائية
reminders-button-before = { $chosen }{ $days ->
    [0] لا شيء قبل
   *[other] قبل { $days } يوم
  }
reminders-button-every = { $chosen }كل { $days } يوم
reminders-button-quiet-none = بلا ساعات هدوء
reminders-button-quiet-other = ساعات هدوء أخرى…
reminders-button-digest-on = تفعيل الملخص اليومي
reminders-button-digest-off = إيقاف الملخص اليومي
reminders-settings-saving = جارٍ الحفظ…
reminders-settings-done = ✅ تم الحفظ.
reminders-settings-undo-hint = /undo يعيده كما كان.
reminders-ask-quiet = ساعات الهدوء بتوقيت المحل: مثلًا <code>21:00-09:00</code>، أو <code>بلا</code>.
reminders-quiet-bad = هذه ليست فترة زمنية مثل 21:00-09:00 (أو بلا).
reminders-noun-quiet = ساعات الهدوء

## A linked customer's /reminders on|off

reminders-customer-turned-off = التذكيرات متوقفة: لن تصلك تذكيرات بالدفع بعد الآن. /reminders تشغيل يعيدها.
reminders-customer-turned-on = التذكيرات مفعّلة: تصلك رسالة عندما يحين موعد دفعة.
reminders-customer-usage-on = التذكيرات مفعّلة. أرسل /reminders إيقاف لإيقافها.
reminders-customer-usage-off = التذكيرات متوقفة. أرسل /reminders تشغيل لإعادتها.
reminders-customer-not-linked = لا يوجد حساب محل مرتبط بتيليجرام الخاص بك. يستطيع المحل أن يعطيك رابطًا لربطه.
`;
