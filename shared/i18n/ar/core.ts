/** Arabic catalog, core area: words every area uses (Fluent syntax; every argument is HTML-safe text). */
export default `
## Balances (text/format.ts)

balance-owes = عليه { $amount }
balance-advance = له رصيد مقدَّم { $amount }
balance-settled = لا دين عليه

## The step engine (shared/bot/flows.ts)

flow-who = لمن هذا؟
flow-who-find = { $who } أرسل اسمًا أو رقم هاتف أو #وسمًا لأجد الزبون (أو /cancel).
flow-skip-or-cancel = /skip لتجاوزها، /cancel للإيقاف.
flow-cancel = /cancel للإيقاف.
flow-cancelled-selected = ✖️ أُلغيت { $what } لـ { $customer } لأنك اخترت { $selected }. لم يتغير شيء.
flow-cancelled-none = ✖️ أُلغيت { $what } لـ { $customer } لأنه لا يوجد زبون مختار الآن. لم يتغير شيء.
flow-expired = انتهت صلاحية هذه الخطوة. ابدأ الأمر من جديد من فضلك.
flow-nothing-to-skip = لا يوجد ما يمكن تجاوزه الآن.
flow-cannot-skip = لا يمكن تجاوز هذه الخطوة.
flow-example = مثال: { $usage }
flow-dropped = ✖️ توقّف إدخال { $what } لـ { $customer } الذي كنت تكتبه، ولم يُحفظ منه شيء.
flow-dropped-plain = ✖️ توقّف إدخال { $what } الذي كنت تكتبه، ولم يُحفظ منه شيء.

## Replies (shared/bot/replies.ts)

reply-ledger-unreachable = ⚠️ لا يمكن الوصول إلى الدفتر الآن؛ سأحاول مجددًا بعد قليل.
reply-polling-unreachable = ⚠️ لا يمكن الوصول إلى الدفتر الآن ولم يُحفظ شيء. حاول مجددًا بعد لحظة من فضلك.
reply-polling-not-through = ⚠️ لم يصل ردّي على ذلك. راجع /history قبل أن ترسله مرة أخرى: ربما حُفظ.
reply-polling-failed = ⚠️ حدث خطأ من جهتي. راجع /history قبل أن تحاول مجددًا: ربما حُفظ.

## Refusals (shared/bot/friendly_errors.ts): one per ledger error code

error-not-a-member = هذا البوت خاص بمتجر: لا يستخدمه إلا أعضاؤه. اطلب من المالك رابط دعوة.
error-owner-only = 🔒 هذا يحتاج صلاحية المالك: لا يفعله إلا مالك المتجر. يمكن للموظف أن يطلبه من المالك.
error-update-id-required = حدث خطأ في هذه الرسالة. أرسلها مرة أخرى من فضلك.
error-update-already-used = هذه الرسالة عولجت من قبل.
error-unknown-currency = هذه العملة غير مدعومة.
error-name-required = لا يمكن أن يكون الاسم فارغًا.
error-name-too-long = هذا الاسم طويل جدًا ({ $max } حرفًا على الأكثر).
error-phone-invalid = هذا لا يبدو رقم هاتف (من { $min } إلى { $max } رقمًا).
error-nickname-too-long = هذا اللقب طويل جدًا ({ $max } حرفًا على الأكثر).
error-customer-not-found = هذا الزبون ليس في متجرك (ربما زر قديم). استخدم /search لتختار زبونًا.
error-customer-archived = هذا الزبون مؤرشف. استخدم /search لتختار غيره.
error-customer-has-transactions = لهذا الزبون مشتريات أو دفعات مسجلة؛ تراجع عنها أولًا.
error-nothing-to-settle = هذا الزبون لا دين عليه، فلا شيء يُسدَّد.
error-amount-not-positive = يجب أن يكون المبلغ أكبر من صفر.
error-amount-too-large = هذا المبلغ كبير جدًا.
error-description-too-long = هذه الملاحظة طويلة جدًا ({ $max } حرفًا على الأكثر).
error-balance-out-of-range = سيصبح الرصيد بذلك أكبر مما يستطيع PayTrack حفظه.
error-nothing-to-undo = لم يبقَ شيء للتراجع عنه.
error-action-not-found = هذه العملية ليست في سجل متجرك (ربما زر قديم).
error-already-undone = تم التراجع عن هذا من قبل.
error-not-undoable = لا يمكن التراجع عن هذا.
error-name-mixed-scripts = هذا الاسم يخلط حروفًا من أبجديات مختلفة في كلمة واحدة (مثل حرف «о» السيريلي في «John»)، فقد يُظن اسمًا آخر. اكتبه بأبجدية واحدة من فضلك.
error-nickname-mixed-scripts = هذا اللقب يخلط حروفًا من أبجديات مختلفة في كلمة واحدة (مثل حرف «о» السيريلي في «John»). اكتبه بأبجدية واحدة من فضلك.
error-role-invalid = الدور إما مالك أو موظف.
error-invite-invalid = رابط الدعوة هذا غير صالح. اطلب رابطًا جديدًا من مالك المتجر.
error-invite-used = رابط الدعوة هذا استُخدم من قبل: كل رابط يعمل مرة واحدة. اطلب رابطًا جديدًا من مالك المتجر.
error-invite-expired = انتهت صلاحية رابط الدعوة هذا (الروابط تعمل 24 ساعة). اطلب رابطًا جديدًا من مالك المتجر.
error-already-in-a-shop = أنت عضو في متجر آخر، وحساب Telegram يكون في متجر واحد فقط في الوقت نفسه. أرسل /leave هناك أولًا، ثم افتح الرابط من جديد.
error-member-not-found = هذا الشخص لم يعد عضوًا في متجرك (ربما زر قديم). انظر /members.
error-role-unchanged = لديه هذا الدور أصلًا.
error-last-owner = يحتاج المتجر إلى مالك واحد على الأقل: اجعل شخصًا آخر مالكًا أولًا (/members)، ثم حاول مجددًا.
error-cannot-remove-self = لا يمكنك إزالة نفسك؛ استخدم /leave لتغادر المتجر.
error-item-required = اذكر ما الذي اشتُري من فضلك.
error-item-too-long = اسم الصنف طويل جدًا ({ $max } حرفًا على الأكثر).
error-vendor-too-long = اسم المورد طويل جدًا ({ $max } حرفًا على الأكثر).
error-category-too-long = اسم الفئة طويل جدًا ({ $max } حرفًا على الأكثر).
error-pin-required = 🔒 هذا يحتاج الرمز السري للمتجر، وآخر رمز أدخلته انتهت صلاحيته. أرسل الأمر مرة أخرى.
error-pin-locked = 🔒 محاولات خاطئة كثيرة للرمز السري: أُقفلت العمليات المحمية بالرمز عليك لمدة 15 دقيقة.
error-pin-invalid = الرمز السري من { $min } إلى { $max } أرقام، لا غير.
error-pin-not-set = ليس لهذا المتجر رمز سري بعد. يستطيع المالك تعيينه بـ /setpin.
error-transaction-not-found = لا توجد معاملة بهذا الرقم في متجرك.
error-same-customer = هذا هو الزبون نفسه مرتين: اختر زبونًا آخر.
error-already-linked = هذان الزبونان مربوطان من قبل.
error-not-linked = هذا الزبون غير مربوط بأحد.
error-name-unchanged = هذا هو اسمه الحالي.
error-nickname-required = لا يمكن أن يكون اللقب فارغًا.
error-nickname-exists = لديه هذا الاسم أو اللقب من قبل.
error-too-many-nicknames = يمكن أن يكون للزبون { $max } لقبًا على الأكثر.
error-tags-required = اذكر #وسمًا واحدًا على الأقل (حروف أو أرقام، حتى { $max } حرفًا).
error-tags-unchanged = لا شيء يتغير: راجع الوسوم بـ /summary.
error-too-many-tags = يمكن أن يكون للزبون { $max } وسمًا على الأكثر.
error-customer-merged = دُمج هذا الزبون في زبون آخر؛ تراجع عن الدمج أولًا.
error-changed-since = تغيّر هذا مرة أخرى بعد ذلك؛ تراجع عن التغيير اللاحق أولًا.
error-period-invalid = هذه الفترة تنتهي قبل أن تبدأ.
error-unknown-time-zone = هذه ليست منطقة زمنية يعرفها PayTrack. اكتبها هكذا: Asia/Hebron أو Asia/Amman أو UTC.
error-shop-has-transactions = لم يعد ممكنًا تغيير العملة: في المتجر معاملات بعملته الحالية.
error-invite-withdrawn = سحب مالك المتجر رابط الدعوة هذا. اطلب منه رابطًا جديدًا.
error-rejected = لم يُقبل هذا الإدخال. راجعه وحاول مجددًا من فضلك.
error-not-a-tag = «{ $word }» ليس وسمًا: استخدم حروفًا أو أرقامًا أو _ أو - (حتى { $max })، مثل #vip.

## Strangers (friendly_errors.ts), groups (private_chats.ts), unsupported updates

stranger-notice =
    🔒 PayTrack خاص: يحفظ دفتر ديون متجر، ولا يستخدمه إلا أعضاء المتجر.
    إن كنت تعمل في هذا المتجر، فاطلب من المالك رابط دعوة (يصنعه بـ /invite).
    رقمك في Telegram هو <code>{ $id }</code>.
private-only = يعمل PayTrack في المحادثة الخاصة فقط.
private-open = يحفظ PayTrack دفتر المتجر بشكل خاص، لذلك يعمل في المحادثة الخاصة فقط: افتح { $bot } واضغط Start.

## Whatever no feature handled (features/unhandled.ts)

unhandled-edited = ✏️ تعديل الرسالة لا يغيّر الدفتر. أرسل رسالة جديدة، أو /undo للتراجع عن آخر عملية.
unhandled-unknown-command = لا أعرف الأمر { $command }. يعرض /help ما أستطيع فعله.
unhandled-unknown-command-near = لا أعرف الأمر { $command }. هل تقصد { $nearest }؟ يعرض /help ما أستطيع فعله.
unhandled-not-sure = لست متأكدًا مما أفعله بهذا. جرّب /search <i>الاسم</i> لتجد زبونًا، أو /help.
unhandled-offer-search = 🔎 هل تبحث عن زبون اسمه { $name }؟ اضغط الزر، أو أرسل /help لترى ما أستطيع فعله.
unhandled-search-button = 🔎 ابحث عن { $name }
unhandled-text-only = عذرًا، لا أفهم هنا إلا النصوص.
unhandled-find-customer = أرسل اسمًا أو رقم هاتف أو #وسمًا لأجد الزبون، أو /cancel.
unhandled-stale-button = هذا الزر لم يعد صالحًا. ابدأ من جديد من فضلك.

## The terminal chat (shared/dev/terminal_chat.ts, start.ts): deno task start without a token

terminal-intro = PayTrack: محادثة في الطرفية (لم يُضبط TELEGRAM_BOT_TOKEN، فلا يُرسَل شيء إلى Telegram)
terminal-database = قاعدة البيانات: { $where }
terminal-supabase-warning = ⚠ هذا مشروعك على Supabase: ما تفعله هنا يغيّر بياناته الحقيقية.
terminal-you-are = أنت «{ $name }»، مالك المتجر (معرّف Telegram { $id }). جرّب /start ثم /help.
terminal-how = اكتب رقم الزر لتضغطه (\\1 يرسل النص «1»). /quit أو Ctrl-D للخروج.
terminal-you = أنت
terminal-ledger-unreachable = ⚠ قاعدة البيانات غير متاحة ({ $reason }). في Telegram كان هذا التحديث سيُعاد إرساله؛ هنا أرسله مرة أخرى.
terminal-bot-failed = ⚠ تعطّل البوت عند هذا: { $reason }
terminal-button-opens = (هذا الزر يفتح { $url })
terminal-not-simulated = ({ $method } غير مُحاكى في محادثة الطرفية)
terminal-refused = ⚠ كان Telegram سيرفض { $method }: { $reason }
terminal-buttons-changed = (تغيّرت الأزرار)
terminal-message-deleted = (حُذفت رسالة)
terminal-a-file = 📎 ملف
terminal-file = 📎 { $name } ({ $size })
terminal-file-saved = 📎 { $name } ({ $size })، حُفظ في { $path }
terminal-polling-starting = بدء الاستطلاع الطويل (يزيل هذا الـ webhook إن كان مضبوطًا؛ \`deno task webhook:set <url>\` يعيده).
terminal-polling-running = البوت @{ $bot } يعمل. Ctrl-C يوقفه.
`;
