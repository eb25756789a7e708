/** Arabic catalog, connect area: linking a customer's Telegram and their self-service (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-connect-menu = ربط تيليجرام الزبون المحدد (رابط ورمز QR)
cmd-connect-summary = رابط لمرة واحدة ورمز QR يربط تيليجرام الزبون المحدد.
cmd-connect-details = يعمل الرابط مرة واحدة لمدة 7 أيام. يرى الزبون اسم المتجر واسمه ويجب أن يؤكد. يفك المالك الربط من بطاقة الزبون في /summary.
cmd-connect-examples =
    /connect
cmd-balance-summary = للزبائن المرتبطين: رصيدك في كل متجر.
cmd-balance-examples =
    /balance
cmd-statement-summary = للزبائن المرتبطين: كشف حسابك في متجر.
cmd-statement-examples =
    /statement
cmd-disconnect-summary = للزبائن المرتبطين: فك ربط تيليجرام.
cmd-disconnect-examples =
    /disconnect

## The member's side

connect-none-selected = اختر زبونًا أولًا (/search)، ثم أرسل /connect.
connect-link-for = 🔗 رابط لـ { $name } لربط حسابه في تيليجرام. أره رمز QR أو أرسل له الرابط:
connect-link-until = يعمل مرة واحدة حتى { $when } ({ $zone }).
connect-link-gone = هذا الرابط استُخدم أو انتهت صلاحيته. أرسل /connect لرابط جديد.
connect-card-connect = 🔗 ربط تيليجرام
connect-card-unlink = فك ربط تيليجرام
connect-unlinked = فُكّ الربط: لم يعد تيليجرام { $name } يرى هذا الحساب.
connect-owner-linked = 🔗 ربط { $name } حسابه في تيليجرام بحسابه في المتجر.
connect-owner-unlinked = فكّ { $name } ربط تيليجرام عن حسابه في المتجر.

## The customer's side

connect-ask = يقول { $shop } إن هذا الحساب لك: { $name }. هل هذا صحيح؟
connect-yes = نعم
connect-no = لا
connect-linked = ✅ تم الربط: أنت { $name } لدى { $shop }. أرسل /balance لترى حسابك.
connect-declined = لم يُربط شيء.
connect-not-linked = حسابك في تيليجرام غير مرتبط بحساب أي متجر.
connect-balance-title = 📒 حساباتك
connect-balance-shop = { $shop }: { $name }
connect-balance-latest = آخر القيود:
connect-balance-no-entries = لا قيود بعد.
connect-balance-overdue = ⏳ متأخر: { $amount } منذ { $date }
connect-balance-due-now = 📌 مستحق اليوم: { $amount }
connect-balance-next-due = 📅 الاستحقاق التالي: { $amount } في { $date }
connect-balance-reminders-on = 🔔 التذكيرات: مفعّلة — أرسل /reminders off لإيقافها
connect-balance-reminders-off = 🔕 التذكيرات: متوقفة — أرسل /reminders on لتفعيلها
connect-balance-hint = /statement يعرض المزيد؛ /disconnect يفك الربط.
connect-entry-purchase = • { $when } · شراء { $amount }{ $note }
connect-entry-payment = • { $when } · دفعة { $amount }{ $note }
connect-statement-title = 📄 كشف حسابك
connect-statement-which = أي متجر؟
connect-disconnect-which = فك الربط عن أي متجر؟
connect-disconnected = فُكّ الربط عن { $shop }. اطلب من المتجر رابطًا جديدًا لتربط مرة أخرى.
connect-customer-only = أنت زبون لدى { $shops }: /balance يعرض حسابك.

## Refusals

connect-error-link-invalid = هذا الرابط لا يعمل. اطلب من المتجر رابطًا جديدًا.
connect-error-link-used = هذا الرابط استُخدم من قبل: كل رابط يعمل مرة واحدة. اطلب من المتجر رابطًا جديدًا.
connect-error-link-expired = انتهت صلاحية هذا الرابط. اطلب من المتجر رابطًا جديدًا.
connect-error-already-linked = حساب هذا الزبون مرتبط بحساب تيليجرام من قبل. يستطيع المالك فك الربط من بطاقة الزبون في /summary.
connect-error-account-not-found = لم يُعثر على هذا الحساب المرتبط.
`;
