/** Arabic catalog, credit area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

area-credit = شروط الدين وحدوده
cmd-terms-menu = مدة السداد للزبون المختار
cmd-terms-summary = مدة السداد للزبون المختار (الأيام المتاحة للدفع بعد الشراء)، ومن أين تأتي، ومدة المحل.
cmd-terms-details = يغيّرها المالك: <code>/terms 30</code> يعطي الزبون مدته الخاصة، و<code>/terms افتراضي</code> يعيده إلى مدة المحل؛ و<code>/terms shop 30</code> أو <code>/terms shop بلا</code> يضبط مدة المحل. الأمر /undo يعيد المدة السابقة.
cmd-terms-examples =
    /terms
    /terms 30
    /terms افتراضي
    /terms shop 15
cmd-limit-menu = حد الدين للزبون المختار
cmd-limit-summary = حد الدين للزبون المختار، ومن أين يأتي، وحد المحل.
cmd-limit-details = يغيّره المالك: <code>/limit 500</code> يعطي الزبون حده الخاص، و<code>/limit افتراضي</code> يعيده إلى حد المحل؛ و<code>/limit shop 1000</code> و<code>/limit shop بلا</code>، و<code>/limit shop منع</code> أو <code>/limit shop تنبيه</code> لما يحدث بعد تجاوزه. الأمر /undo يعيد الحد السابق.
cmd-limit-examples =
    /limit
    /limit 500
    /limit افتراضي
    /limit shop منع

## Words

credit-none = بلا
credit-days = { $count ->
        [zero] { $count } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $count } أيام
       *[other] { $count } يومًا
    }
credit-mode-warn = تنبيه
credit-mode-block = منع
credit-the-shops = ما يحدده المحل
credit-saving = جارٍ الحفظ…
credit-undo-hint = الأمر /undo يعيده كما كان.
credit-owner-only = 🔒 تغيير مدة السداد وحد الدين للمالك فقط. الأمران /terms و/limit يعرضانهما.
credit-change-owner-only = <i>المالك وحده يستطيع تغييره.</i>

## The shop's page (/settings → 💳)

credit-page-title = 💳 <b>مدة السداد وحد الدين في { $shop }</b>
credit-page-terms = 📅 مدة السداد: { $terms }
credit-page-terms-note = <i>يستحق دفع الشراء بعد { $count ->
        [zero] { $count } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $count } أيام
       *[other] { $count } يومًا
    } من تسجيله، ما لم يكن له تاريخ استحقاق خاص.</i>
credit-page-terms-none-note = <i>لا تاريخ استحقاق للمشتريات إلا إذا حُدد عند التسجيل.</i>
credit-page-limit = 🚧 حد الدين: { $limit }
credit-page-mode = عند تجاوز الحد: { $mode }
credit-page-mode-warn-note = <i>تنبيه: الشراء الذي يتجاوز به الرصيد الحد يطلب تأكيدًا من العضو، ثم يُسجَّل.</i>
credit-page-mode-block-note = <i>منع: بعد تجاوز الحد لا يسجّل الشراء إلا المالك (أو موظف معه رمز المحل). الدفعات لا تُمنع أبدًا.</i>
credit-page-customers-note = <i>يمكن أن تكون للزبون مدة وحد خاصان: الأمران /terms و/limit على الزبون المختار.</i>
credit-page-owner-only = <i>المالك وحده يستطيع تغيير هذه.</i>
credit-button-terms-none = بلا مدة
credit-button-days = { $count ->
        [few] { $count } أيام
       *[other] { $count } يومًا
    }
credit-button-terms-other = ✏️ غير ذلك…
credit-button-limit-set = 🚧 ضبط الحد…
credit-button-limit-none = ✖️ بلا حد
credit-button-mode-block = ⛔ منع بعد تجاوز الحد
credit-button-mode-warn = ⚠️ تنبيه فقط بعد تجاوز الحد
credit-ask-days = كم يومًا لدى الزبائن للدفع؟ (من 0 إلى 365، أو «بلا»)
credit-days-bad = ❌ مدة السداد عدد أيام من 0 إلى 365، أو «بلا».
credit-ask-limit = ما حد الدين؟ أرسل المبلغ (أو «بلا»).
credit-noun-shop-terms = مدة السداد في المحل
credit-noun-shop-limit = حد الدين في المحل
credit-shop-terms-done = ✅ مدة السداد في المحل: { $value }
credit-shop-limit-done = ✅ حد الدين في المحل: { $value }
credit-shop-mode-done = ✅ عند تجاوز حد الدين: { $value }

## /terms and /limit

credit-terms-who = مدة السداد لأي زبون؟
credit-limit-who = حد الدين لأي زبون؟
credit-noun-terms = مدة السداد
credit-noun-limit = حد الدين
credit-terms-title = 📅 <b>مدة السداد لـ { $name }</b>
credit-terms-own = مدته الخاصة: { $terms }
credit-terms-shops = مدة المحل: { $terms }
credit-terms-shop = المدة الافتراضية للمحل: { $terms }
credit-limit-title = 🚧 <b>حد الدين لـ { $name }</b>
credit-limit-own = حده الخاص: { $limit }
credit-limit-shops = حد المحل: { $limit }
credit-limit-shop = الحد الافتراضي للمحل: { $limit }
credit-owes = عليه { $balance }: المستحق الآن { $due }، والمتأخر { $overdue }.
credit-terms-how = <i>/terms 30 يعطيه مدة خاصة؛ و/terms افتراضي يعيده إلى مدة المحل؛ و/terms shop 30 يضبط مدة المحل.</i>
credit-limit-how = <i>/limit 500 يعطيه حدًا خاصًا؛ و/limit افتراضي يعيده إلى حد المحل؛ و/limit shop 1000 يضبط حد المحل.</i>
credit-terms-usage = ❌ أرسل /terms مع عدد أيام (من 0 إلى 365) أو «افتراضي»، مثل <code>/terms 30</code>؛ و<code>/terms shop 30</code> لمدة المحل.
credit-limit-usage = أرسل /limit مع مبلغ أو «افتراضي»، مثل <code>/limit 500</code>؛ و<code>/limit shop 1000</code> أو <code>/limit shop بلا</code> أو <code>/limit shop منع</code> لحد المحل.
credit-terms-done = ✅ مدة السداد لـ { $name }: { $value }
credit-limit-done = ✅ حد الدين لـ { $name }: { $value }
`;
