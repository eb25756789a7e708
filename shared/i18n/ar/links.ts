/** Arabic catalog, links area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-link-menu = ربط الزبون المحدد بفرد من عائلته
cmd-link-summary = ربط الزبون المحدد بزبون آخر (أهل بيت واحد أو عائلة).
cmd-link-details = عندها يعرض /summary كل حساب مرتبط ومجموع العائلة. الأمر /unlink يفصل الزبون المحدد من جديد، والأمر /undo يعكس أيًّا منهما.
cmd-link-examples =
    /link سارة خليل
cmd-unlink-summary = فصل الزبون المحدد عن عائلته.
cmd-unlink-examples =
    /unlink
cmd-merge-menu = دمج حساب مكرر في الزبون المحدد (المالك، الرمز السري)
cmd-merge-summary = دمج حساب مكرر في الزبون المحدد (للمالك، مع الرمز السري للمتجر).
cmd-merge-details = تنتقل مشتريات الحساب المكرر ودفعاته ورصيده وهواتفه وأسماؤه المستعارة ووسومه إلى الزبون المحدد، ويُؤرشف المكرر مشيرًا إليه. يُسأل نعم/لا أولًا، والأمر /undo يفصلهما تمامًا كما كانا. لا يُعرض الزبون المحدد أبدًا كنسخة مكررة من نفسه.
cmd-merge-examples =
    /merge ليلا ناصر

## Finding the other customer (pick_other.ts)

links-query-empty = أرسل اسمًا أو هاتفًا أو #وسمًا للعثور على الزبون.
links-only-self = الزبون المحدد وحده يطابق { $query }: أرسل اسم الزبون الآخر أو هاتفه أو #وسمه.
links-showing-best = { $matches }؛ تُعرض أقرب { $shown }. أرسل كتابة أدق لتضييق البحث.

## /link and /unlink

links-household = 👪 <b>الحسابات المرتبطة</b>
links-household-line = • { $customer } — { $balance }
links-household-total = المجموع: { $total }
links-linked = 🔗 تم ربط { $customer } مع { $other }.
links-linked-undo = <i>الأمر /undo يفصلهما.</i>
links-step-other = 🔗 بمن تريد ربطه؟ أرسل اسمًا أو هاتفًا أو #وسمًا (فرد من العائلة مثلًا).
links-step-other-for = 🔗 بمن تريد ربط { $customer }؟ أرسل اسمًا أو هاتفًا أو #وسمًا (فرد من العائلة مثلًا).
links-pick-link = 🔗 بأيّهم تريد الربط؟ اضغط على اسم:
links-noun-link = الربط
links-noun-unlink = الفصل
links-noun-merge = الدمج
links-linking = جارٍ الربط…
links-unlinking = جارٍ الفصل…
links-unlinked = ✂️ لم يعد { $customer } مرتبطًا مع { $names }.
    <i>الأمر /undo يربطهم من جديد.</i>

## /merge

links-step-duplicate = 🧬 أي زبون هو المكرر الذي تريد دمجه في الزبون المحدد؟ أرسل اسمًا أو هاتفًا أو #وسمًا.
links-step-duplicate-for = 🧬 أي زبون هو المكرر الذي تريد دمجه في { $customer }؟ أرسل اسمًا أو هاتفًا أو #وسمًا.
links-pick-duplicate = 🧬 أيّهم المكرر؟ اضغط على اسم:
links-merge-action = دمج { $duplicate } في { $customer }
links-the-duplicate = الحساب المكرر
links-the-selected = الزبون المحدد
links-merge-owner-only = 🔒 دمج الزبائن لمالك المتجر فقط (مع الرمز السري للمتجر).
links-merging = جارٍ الدمج…
links-transactions = { $count ->
        [zero] لا عمليات
        [one] عملية واحدة
        [two] عمليتان
        [few] { $n } عمليات
       *[other] { $n } عملية
    }
links-merged = 🧬 تم دمج { $duplicate } في { $customer }: انتقلت { $moved } ({ $amount }) والهواتف والأسماء المستعارة والوسوم. أصبح { $duplicate } مؤرشفًا ويشير إلى هنا.
    الرصيد الجديد: { $balance }
    <i>الأمر /undo يفصلهما تمامًا كما كانا.</i>
links-merge-self = ⚠️ هذا هو الزبون المحدد نفسه: لا يمكن دمج زبون في نفسه. أرسل /merge مع اسم الحساب المكرر.
links-merge-ask = 🧬 هل تريد دمج { $duplicate } ({ $duplicateBalance }) في { $customer } ({ $customerBalance })؟
    تنتقل { $moved } ورصيده وهواتفه وأسماؤه المستعارة ووسومه إلى { $customer }، ويُؤرشف { $duplicate }. سيكون عليهما معًا { $together }.
    <i>يحتاج الرمز السري للمتجر. الأمر /undo يفصلهما تمامًا كما كانا.</i>
links-merge-yes = 🧬 نعم، ادمج
links-merge-no = ✖️ لا
links-kept-apart = بقيا منفصلين.
links-nothing-merged = لم يُدمج شيء.
`;
