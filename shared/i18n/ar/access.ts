/** Arabic catalog, access area (Fluent syntax; every argument is HTML-safe text). */
export default `
## /start (features/access.ts)

access-shop-name = متجر { $name }
access-opened =
    👋 أهلًا بك يا { $name }! متجرك { $shop } جاهز وأنت مالكه.
    أضف أول زبون بـ /addcustomer <i>الاسم | الهاتف</i>، أو انظر /help.
access-claimed =
    👋 أهلًا بك يا { $name }! أنت أول من بدأ هذا البوت، فصرت مالكه ومالك متجره { $shop }.
    لا يستطيع أحد غيرك فتح متجر هنا (لم يُضبط OWNER_TELEGRAM_IDS، فأول من يرسل /start يملك البوت).
    أضف أول زبون بـ /addcustomer <i>الاسم | الهاتف</i>، أو انظر /help.
access-welcome-owner =
    👋 أهلًا بعودتك يا { $name }. أنت مالك في { $shop }.
    ابحث عن زبون بـ /search، أو انظر /help.
access-welcome-clerk =
    👋 أهلًا بعودتك يا { $name }. أنت موظف في { $shop }.
    ابحث عن زبون بـ /search، أو انظر /help.

## Commands (the menu, /help)

cmd-start-summary = افتح متجرك، أو انضم إلى متجر برابط دعوة.
cmd-start-details = مستخدم Telegram المذكور مالكًا (أو، إن لم يُذكر أحد، أول من يرسل /start) يحصل على متجره الخاص. رابط الدعوة من /invite يفتح /start برمزه ويضيفك إلى ذلك المتجر. أما غيرهم فيُقال لهم إن البوت خاص، مع رقمهم في Telegram ليعطوه للمالك.
cmd-start-examples =
    /start
`;
