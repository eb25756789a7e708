/** Arabic catalog, team area (Fluent syntax; every argument is HTML-safe text). */
export default `
## Commands (the menu, /help)

cmd-members-menu = فريق المتجر: الأدوار، وإزالة عضو (للمالكين)
cmd-members-summary = من يعمل في المتجر وما دور كل واحد. يضغط المالك على اسم شخص ليغيّر دوره أو يزيله.
cmd-members-details = المالك يستطيع كل شيء؛ والموظف يضيف الزبائن ويسجّل المشتريات والدفعات والمصروفات ويبحث ويطّلع. الحذف والدمج والتصدير والإعدادات والفريق للمالكين. ويرى المالكون أيضًا روابط الدعوة التي لم تُستعمل بعد، ويستطيعون سحب أيٍّ منها.
cmd-members-examples =
    /members
cmd-invite-menu = رابط لمرة واحدة لموظف جديد (أو: /invite owner)
cmd-invite-summary = للمالكين: رابط لمرة واحدة يجعل من يفتحه موظفًا (أو شريكًا في الملكية).
cmd-invite-details = يعمل الرابط مرة واحدة خلال 24 ساعة. أرسله فقط للشخص الذي تريد إضافته. و/members يعرض الروابط التي لم تُستعمل بعد ويسحب أيًّا منها.
cmd-invite-examples =
    /invite
    /invite مالك
cmd-leave-menu = مغادرة هذا المتجر
cmd-leave-summary = مغادرة المتجر (يسأل نعم/لا أولًا). على آخر مالك أن يجعل شخصًا آخر مالكًا قبل ذلك.
cmd-leave-examples =
    /leave

## Roles

team-rights-owner = المالك يستطيع كل شيء، بما في ذلك الحذف والدمج والتصدير والإعدادات والفريق.
team-rights-clerk = الموظف يستطيع إضافة الزبائن وتسجيل المشتريات والدفعات والمصروفات والبحث والاطّلاع؛ أما الحذف والدمج والتصدير والإعدادات والفريق فللمالكين.
team-a-owner = مالكًا
team-a-clerk = موظفًا
team-role-owner = مالك
team-role-clerk = موظف
team-user = المستخدم {$id}
team-owners-only = 🔒 تغيير الفريق يحتاج دور المالك. اطلب ذلك من أحد مالكي المتجر.

## /start <code>

team-checking-invite = جارٍ التحقق من الدعوة…
team-already-member = 👋 {$name}، انضممت سابقًا إلى {$shop} {$role}. يبقى هذا الرابط غير مستعمل للشخص الذي أُرسل إليه.
team-welcome = 👋 أهلًا بك يا {$name}! انضممت إلى {$shop} {$role}.
team-welcome-next = ابحث عن زبون بـ /search، أو اطّلع على /help.

## /invite

team-invite-usage = أرسل /invite لرابط موظف، أو <code>/invite owner</code> لرابط شريك في الملكية.
team-invite-making = جارٍ إنشاء رابط دعوة…
team-invite-gone = هذه الدعوة استُعملت أو انتهت صلاحيتها. أرسل /invite لرابط جديد.
team-invite-share-button = 📤 أرسل الرابط إلى شخص
team-invite-share-text = انضم إلى {$shop} على PayTrack
team-invite-for-clerk = 🔗 رابط دعوة لموظف جديد في {$shop}:
team-invite-for-owner = 🔗 رابط دعوة لشريك جديد في ملكية {$shop}:
team-invite-until = يعمل مرة واحدة، حتى {$when} بتوقيت {$zone} (24 ساعة). أرسله فقط للشخص الذي تريد إضافته: أول من يفتحه ينضم.
team-invite-owner-warning = ⚠️ {$rights} والشريك في الملكية يستطيع أن يزيلك أيضًا.

## /members

team-member-line = {$icon} {$name}{$you} — {$role} · منذ {$since}
team-you = {" "}(أنت)
team-members-title = 👥 {$shop} — {$count ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] {$count} أعضاء
   *[other] {$count} عضوًا
}
team-former = <i>أعضاء سابقون: {$names}</i>
team-members-clerk-note = المالكون وحدهم يدعون الناس أو يغيّرون الفريق.
team-open-invites = 🔗 {$count ->
    [one] رابط دعوة واحد لم يُستعمل بعد.
    [two] رابطا دعوة لم يُستعملا بعد.
    [few] {$count} روابط دعوة لم تُستعمل بعد.
   *[other] {$count} رابط دعوة لم تُستعمل بعد.
}
team-members-hint = اضغط على شخص لتغيير دوره أو إزالته. /invite يضيف شخصًا؛ و<code>/history الاسم</code> يعرض ما فعله شخص.
team-member-button = ⚙️ {$name}
team-invites-button = 🔗 روابط دعوة لم تُستعمل ({$count})

## A member's card

team-member-card = {$line}
    معرّف Telegram <code>{$id}</code>
    <code>/history {$id}</code> يعرض ما فعله.
team-make-button = {$icon} اجعله {$kind ->
    [owner] مالكًا
   *[other] موظفًا
}
team-remove-button = 🚫 إزالة من المتجر
team-close-button = ✖️ إغلاق
team-thats-you = هذا أنت. لمغادرة المتجر أرسل /leave.
team-make-ask = هل تجعل {$name} {$role}؟
team-yes-button = ✅ نعم
team-no-button = ✖️ لا
team-remove-ask = هل تزيل {$name} من {$shop}؟
    سيفقد الوصول فورًا؛ ويبقى ما فعله في السجل.
team-remove-yes-button = ✅ نعم، أزله
team-nothing-changed = لم يتغيّر شيء.
team-changing-role = جارٍ تغيير الدور…
team-role-notice = دورك في {$shop} الآن: {$role}. {$rights}
team-role-done = ✅ أصبح {$name} {$role}.
team-removing = جارٍ الإزالة…
team-removed-notice = أُزلت من {$shop} ولم يعد بإمكانك استعمال دفتره.
team-removed-done = ✅ أُزيل {$name}. لم يعد بإمكانه استعمال الدفتر.

## Invite links not used yet

team-invites-title = 🔗 روابط دعوة {$shop} التي لم تُستعمل بعد:
team-invites-none = 🔗 لا يوجد رابط دعوة بانتظار الاستعمال: كل الروابط استُعملت أو سُحبت أو انتهت صلاحيتها. /invite ينشئ رابطًا جديدًا.
team-invite-line = {$n}. {$kind ->
    [owner] رابط شريك في الملكية
   *[other] رابط موظف
}، أنشأه {$by} في {$made}؛ يعمل حتى {$until}.
team-invites-hint = اسحب رابطًا أرسلته إلى الشخص الخطأ: من يفتحه بعد ذلك يُقال له إنه سُحب.
team-invites-more = …{$count ->
    [one] ورابط واحد آخر
    [two] ورابطان آخران
    [few] و{$count} روابط أخرى
   *[other] و{$count} رابطًا آخر
} (اسحب بعض الروابط أعلاه لتراها)
team-invite-revoke-button = 🚫 سحب الرابط {$n} ({$role})
team-invite-revoking = جارٍ سحب الرابط…
team-invite-revoked = ✅ سُحب رابط دعوة {$kind ->
    [owner] الشريك في الملكية
   *[other] الموظف
}: من يفتحه يُقال له ذلك. {$count ->
    [0] لا يوجد رابط آخر بانتظار الاستعمال.
    [one] ما زال رابط آخر واحد بانتظار الاستعمال.
    [two] ما زال رابطان آخران بانتظار الاستعمال.
    [few] ما زالت {$count} روابط أخرى بانتظار الاستعمال.
   *[other] ما زال {$count} رابطًا آخر بانتظار الاستعمال.
}

## /leave

team-leave-last-owner = ⚠️ أنت المالك الوحيد لهذا المتجر، فلا يمكنك مغادرته الآن: اجعل شخصًا آخر مالكًا أولًا (/members، أو /invite owner لشريك جديد)، ثم /leave.
team-leave-ask = هل تغادر {$shop}؟ ستفقد الوصول إلى دفتره فورًا؛ ويبقى ما فعلته في سجله، ويستطيع المالك دعوتك مجددًا.
team-leave-yes-button = ✅ نعم، أغادر
team-leave-no-button = ✖️ لا، أبقى
team-leave-stay = ستبقى.
team-leave-stayed = ما زلت عضوًا. لم يتغيّر شيء.
team-leaving = جارٍ مغادرة المتجر…
team-left = 👋 غادرت {$shop}. للعودة، اطلب من أحد مالكيه رابط دعوة جديدًا.
`;
