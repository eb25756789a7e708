/** Arabic catalog, help area (Fluent syntax; every argument is HTML-safe text). */
export default `
## The /help guide

help-guide-intro = 📒 <b>PayTrack</b> يحفظ دفتر ديون متجرك: من اشترى بالدَّين، ومن دفع، وكم على كلٍّ منهم.
help-guide-line = { $command } — { $summary }
    {"   "}مثال: { $example }
help-guide-outro = أرسل أي أمر بلا تفاصيل وسأسألك عنها واحدةً تلو الأخرى. /help <i>الأمر</i> لمزيد من الشرح.
help-also = أيضًا: { $aliases }
help-examples = أمثلة:
    { $examples }
help-unknown = لا أعرف الأمر /{ $topic }.{ $nearest } /help يعرض كل الأوامر.
help-did-you-mean = {" "}هل تقصد /{ $command }؟
help-waiting-customer = أنتظر أن تختار زبونًا: أرسل اسمًا أو رقم هاتف أو #وسمًا ثم اضغط على الزبون الصحيح.
help-waiting-step = أنتظر إجابة للأمر /{ $command }.
    { $question }
help-leave-step = /cancel يخرجك من هذه الخطوة.
cancel-nothing = لا يوجد ما يُلغى. /help يعرض ما أستطيع فعله.
cancel-done = أُلغي. لم يتغير شيء.

## Areas (the /help sections)

area-search = البحث عن زبون
area-customers = الزبائن
area-recording = المشتريات والدفعات
area-history = السجل والتراجع
area-transactions = الحركات
area-tags = الوسوم
area-links = العائلات والتكرار
area-spending = مصاريف المتجر
area-team = الفريق
area-export = التصدير
area-settings = الإعدادات
area-pin = رمز المتجر السري
area-help = التنقل

## Commands (the menu, /help)

cmd-help-menu = طريقة استخدام PayTrack
cmd-help-summary = هذا الدليل، أو شرح أمر واحد بالتفصيل.
cmd-help-details = أثناء خطوة معلّقة، يشرح /help تلك الخطوة.
cmd-help-examples =
    /help
    /help /pay
cmd-cancel-menu = الخروج من الخطوة الحالية
cmd-cancel-summary = الخروج من الخطوة الحالية.
cmd-cancel-examples =
    /cancel
cmd-skip-summary = تجاوز إجابة اختيارية (هاتف، مورّد، فئة).
cmd-skip-examples =
    /skip
`;
