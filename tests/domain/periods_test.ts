/** The one grammar for days, months and periods, and the one way to print them. */
import assert from "node:assert/strict";
import {
  dayName,
  dayOf,
  monthName,
  monthOf,
  monthPeriod,
  parseDay,
  parseMonth,
  parsePeriod,
  periodBounds,
  periodText,
  startOfDay,
  wholeMonth,
  zoneOffsets,
} from "../../shared/domain/periods.ts";
import { translator } from "../../shared/i18n/i18n.ts";

function period(text: string) {
  const result = parsePeriod(text);
  assert.ok(result.ok, `${text}: ${result.ok ? "" : result.error}`);
  return result.period;
}

function problem(text: string) {
  const result = parsePeriod(text);
  return result.ok ? "ok" : result.problem;
}

const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

Deno.test("a month, written every way the grammar allows", () => {
  for (
    const text of [
      "2026-11",
      "2026/11",
      "2026.11",
      "11/2026",
      "Nov 2026",
      "nov. 2026",
      "NOVEMBER 2026",
      "  November   2026 ",
      "٢٠٢٦-١١",
      "۲۰۲۶/۱۱",
    ]
  ) {
    assert.deepEqual(period(text), NOVEMBER, text);
    assert.equal(parseMonth(text), "2026-11", text);
  }
  assert.equal(parseMonth("2026-2"), "2026-02");
  assert.equal(parseMonth("sept 2026"), "2026-09");
  assert.equal(parseMonth(""), null);
  assert.equal(parseMonth("2026-11-05"), undefined, "a day is not a month");
});

Deno.test("a day, numeric or as the bot prints it", () => {
  for (const text of ["2026-11-05", "2026/11/05", "2026.11.5", "5 Nov 2026", "05 november 2026"]) {
    assert.deepEqual(period(text), { from: "2026-11-05", to: "2026-11-05" }, text);
    assert.equal(parseDay(text), "2026-11-05", text);
  }
  assert.equal(parseDay(dayName("2026-03-09")), "2026-03-09", "reads its own output");
  assert.equal(parseDay("2026-11"), undefined, "a month is not a day");
});

Deno.test("ranges of days or months, open at either end", () => {
  const half = { from: "2026-11-01", to: "2026-11-15" };
  for (
    const text of [
      "2026-11-01..2026-11-15",
      "2026-11-01 .. 2026-11-15",
      "2026-11-01 to 2026-11-15",
      "2026-11-01 - 2026-11-15",
      "2026-11-01–2026-11-15",
      "2026-11-01 — 2026-11-15",
      "2026-11-01…2026-11-15",
      "1 Nov 2026 – 15 Nov 2026",
    ]
  ) assert.deepEqual(period(text), half, text);
  assert.deepEqual(period("2026-10..2026-12"), { from: "2026-10-01", to: "2026-12-31" });
  assert.deepEqual(period("Oct 2026 to Dec 2026"), { from: "2026-10-01", to: "2026-12-31" });
  assert.deepEqual(period("2026.10..2026.12"), { from: "2026-10-01", to: "2026-12-31" });
  assert.deepEqual(period("2026-11-01.."), { from: "2026-11-01", to: null });
  assert.deepEqual(period("..2026-11"), { from: null, to: "2026-11-30" });
  assert.deepEqual(period(""), { from: null, to: null }, "nothing is all time");
  assert.deepEqual(period("2026-11-05..2026-11-05"), { from: "2026-11-05", to: "2026-11-05" });
});

Deno.test("boundaries: month lengths, leap days, year range", () => {
  assert.deepEqual(period("2028-02"), { from: "2028-02-01", to: "2028-02-29" }, "leap year");
  assert.deepEqual(period("2026-02"), { from: "2026-02-01", to: "2026-02-28" });
  assert.deepEqual(period("2100-02"), { from: "2100-02-01", to: "2100-02-28" }, "2100 is not leap");
  assert.deepEqual(period("2000-02-29"), { from: "2000-02-29", to: "2000-02-29" }, "2000 is");
  assert.equal(problem("2028-02-29"), "ok");
  assert.equal(problem("2026-02-29"), "no_such_date");
  assert.equal(problem("2026-02-30"), "no_such_date");
  assert.equal(problem("2026-04-31"), "no_such_date");
  assert.equal(problem("2026-12-31"), "ok");
  assert.equal(problem("2026-13"), "no_such_date");
  assert.equal(problem("2026-00"), "no_such_date");
  assert.equal(problem("2026-11-00"), "no_such_date");
  assert.equal(problem("13/2026"), "no_such_date");
  assert.equal(problem("1999-12"), "no_such_date");
  assert.equal(problem("2101-01"), "no_such_date");
  assert.equal(problem("2000-01"), "ok");
  assert.equal(problem("2100-12-31"), "ok");
});

Deno.test("what is refused, and why", () => {
  for (
    const text of [
      "yesterday",
      "november",
      "2026",
      "05/11/2026",
      "26-11",
      "2026-11-05-2026-11-06",
      "2026/11-05",
      "2026-11-01..2026-11-02..2026-11-03",
      "..",
      "Foo 2026",
      "#weekly",
    ]
  ) assert.equal(problem(text), "unreadable", text);
  const reversed = parsePeriod("2026-11-20..2026-11-01");
  assert.deepEqual(reversed, {
    ok: false,
    problem: "reversed",
    error: "That period ends before it starts.",
  });
  assert.equal(problem("2026-12..2026-11"), "reversed");
  const month = parsePeriod("2026-13");
  assert.ok(!month.ok);
  assert.equal(
    month.error,
    "I can't read “2026-13” as a period: there is no month 2026-13. Try 2026-11 or 2026-11-01..2026-11-15.",
  );
  const day = parsePeriod("2026-11-01..2026-02-30");
  assert.ok(!day.ok);
  assert.match(day.error, /there is no day 2026-02-30/);
  const named = parsePeriod("2026-13", "export");
  assert.ok(!named.ok);
  assert.match(named.error, /Try \/export 2026-11 or \/export 2026-11-01\.\.2026-11-15\.$/);
  const junk = parsePeriod("last week");
  assert.ok(!junk.ok);
  assert.equal(
    junk.error,
    "I can't read “last week” as a period. Try 2026-11 or 2026-11-01..2026-11-15.",
  );
});

Deno.test("one way to print a month, a day and a period", () => {
  assert.equal(monthName(2026, 11), "November 2026");
  assert.equal(monthName("2026-09"), "September 2026");
  assert.equal(monthName(2026, 9, { short: true }), "Sep 2026");
  assert.equal(monthName("2026-12", { short: true }), "Dec 2026");
  assert.equal(dayName("2026-11-05"), "5 Nov 2026");
  assert.equal(periodText({ from: null, to: null }), "all time");
  assert.equal(periodText(monthPeriod("2026-02")), "February 2026");
  assert.equal(periodText({ from: "2026-11-05", to: "2026-11-05" }), "5 Nov 2026");
  assert.equal(periodText({ from: "2026-11-01", to: "2026-11-15" }), "1 Nov 2026 – 15 Nov 2026");
  assert.equal(periodText(period("2026-10..2026-12")), "October 2026 – December 2026");
  assert.equal(periodText({ from: "2026-11-01", to: null }), "from 1 Nov 2026");
  assert.equal(periodText({ from: null, to: "2026-11-30" }), "until 30 Nov 2026");
  assert.equal(periodText(NOVEMBER, { asDays: true }), "1 Nov 2026 – 30 Nov 2026");
  assert.equal(periodText(NOVEMBER, { short: true }), "Nov 2026", "spreadsheet cells");
  assert.equal(periodText(period("2026-10..2026-12"), { short: true }), "Oct 2026 – Dec 2026");
  const label = (text: string) => {
    const result = parsePeriod(text);
    return result.ok ? result.label : result.error;
  };
  assert.equal(label("2026-11"), "November 2026", "a month typed is a month printed");
  assert.equal(label("2026-11-01..2026-11-30"), "1 Nov 2026 – 30 Nov 2026", "days typed, days");
  assert.equal(label("2026-10..2026-11"), "October 2026 – November 2026");
  assert.equal(label(""), "all time");
  assert.equal(wholeMonth(NOVEMBER), "2026-11");
  assert.equal(wholeMonth({ from: "2026-11-01", to: "2026-11-29" }), null);
  // Every printed period reads back as itself.
  for (const text of ["2026-11", "2026-11-05", "2026-11-01..2026-11-15", "2026-10..2026-12"]) {
    assert.deepEqual(period(periodText(period(text))), period(text), text);
  }
});

Deno.test("the instants a period spans: UTC today, ready for a shop's time zone", () => {
  assert.deepEqual(periodBounds(NOVEMBER), {
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-12-01T00:00:00.000Z",
  });
  assert.deepEqual(periodBounds({ from: "2026-12-31", to: "2026-12-31" }), {
    from: "2026-12-31T00:00:00.000Z",
    to: "2027-01-01T00:00:00.000Z",
  });
  assert.deepEqual(periodBounds({ from: null, to: "2028-02-29" }), {
    from: null,
    to: "2028-03-01T00:00:00.000Z",
  });
  // Hebron is UTC+2 in November and UTC+3 in summer.
  assert.equal(startOfDay("2026-11-05", "Asia/Hebron").toISOString(), "2026-11-04T22:00:00.000Z");
  assert.equal(startOfDay("2026-07-05", "Asia/Hebron").toISOString(), "2026-07-04T21:00:00.000Z");
  assert.equal(
    startOfDay("2026-11-05", "America/New_York").toISOString(),
    "2026-11-05T05:00:00.000Z",
  );
  assert.equal(dayOf("2026-11-30T23:30:00Z"), "2026-11-30");
  assert.equal(dayOf("2026-11-30T23:30:00Z", "Asia/Hebron"), "2026-12-01");
  assert.equal(monthOf("2026-11-30T23:30:00Z"), "2026-11");
  assert.equal(monthOf("2026-01-15T00:00:00Z", "UTC", 1), "2025-12");
});

Deno.test("/transactions, /spending and /export read the same grammar", async () => {
  const { parseTransactionFilter } = await import(
    "../../shared/bot/features/transactions.ts"
  );
  const filter = parseTransactionFilter("#Weekly Nov 2026");
  assert.ok(filter.ok);
  assert.deepEqual(filter.filter, {
    tag: "weekly",
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-12-01T00:00:00.000Z",
    label: "#weekly, November 2026",
  });
  const range = parseTransactionFilter("2026-11-01 to 2026-11-15 #x");
  assert.ok(range.ok);
  assert.equal(range.filter.to, "2026-11-16T00:00:00.000Z");
  assert.equal(range.filter.label, "#x, 1 Nov 2026 – 15 Nov 2026");
  const open = parseTransactionFilter("2026-11-01..");
  assert.ok(open.ok);
  assert.equal(open.filter.to, null);
  const bad = parseTransactionFilter("2026-02-30");
  assert.ok(!bad.ok);
  assert.match(bad.error, /no day 2026-02-30/);
  const junk = parseTransactionFilter("<b>");
  assert.ok(!junk.ok);
  assert.match(junk.error, /“&lt;b&gt;” isn't a filter/);
  assert.equal(parseMonth("Nov 2026"), period("Nov 2026").from!.slice(0, 7));
  // In a shop's zone, November starts at midnight there (the member's session zone).
  const hebron = parseTransactionFilter("2026-11", "Asia/Hebron");
  assert.ok(hebron.ok);
  assert.equal(hebron.filter.from, "2026-10-31T22:00:00.000Z");
  assert.equal(hebron.filter.to, "2026-11-30T22:00:00.000Z");
});

Deno.test("across Palestine's DST changes of 2026 (from Intl): days start at local midnight", () => {
  // Intl's tz data: clocks go forward on 28 Mar 2026 at 00:00 UTC and back on 24 Oct at 23:00 UTC
  // the evening before (02:00 local → 01:00).
  const offset = zoneOffsets("Asia/Hebron");
  const at = (iso: string) => offset(Date.parse(iso) / 1000) / 3600;
  assert.equal(at("2026-03-27T23:59:00Z"), 2);
  assert.equal(at("2026-03-28T00:00:00Z"), 3);
  assert.equal(at("2026-10-23T22:59:59Z"), 3);
  assert.equal(at("2026-10-23T23:00:00Z"), 2);
  assert.equal(at("2026-07-01T12:00:00Z"), 3);
  assert.equal(zoneOffsets("UTC")(1_800_000_000), 0);
  // The DST-change days and the days around them.
  assert.deepEqual(periodBounds({ from: "2026-10-24", to: "2026-10-24" }, "Asia/Hebron"), {
    from: "2026-10-23T21:00:00.000Z",
    to: "2026-10-24T22:00:00.000Z",
  });
  assert.deepEqual(periodBounds({ from: "2026-03-28", to: "2026-03-28" }, "Asia/Hebron"), {
    from: "2026-03-27T22:00:00.000Z",
    to: "2026-03-28T21:00:00.000Z",
  });
  assert.equal(dayOf("2026-10-23T21:05:00Z", "Asia/Hebron"), "2026-10-24");
  assert.equal(dayOf("2026-10-23T20:55:00Z", "Asia/Hebron"), "2026-10-23");
  assert.equal(dayOf("2026-10-31T22:30:00Z", "Asia/Hebron"), "2026-11-01");
  assert.equal(monthOf("2026-10-31T22:30:00Z", "Asia/Hebron"), "2026-11");
});

Deno.test("periods in Arabic: refusals, labels and month names from the catalogs", () => {
  const t = translator("ar");
  const plain = (text: string) => text.replace(/[\u2068\u2069]/g, "");
  const bad = parsePeriod("2026-13", "export", { t, locale: "ar" });
  assert.ok(!bad.ok);
  assert.equal(
    plain(bad.error),
    "لم أفهم «2026-13» كفترة: لا يوجد شهر 2026-13. جرّب /export 2026-11 أو /export 2026-11-01..2026-11-15.",
  );
  const reversed = parsePeriod("2026-11-15..2026-11-01", undefined, { t });
  assert.ok(!reversed.ok);
  assert.equal(reversed.error, "هذه الفترة تنتهي قبل أن تبدأ.");
  const november = parsePeriod("2026-11", "export", { t, locale: "ar" });
  assert.ok(november.ok);
  assert.equal(november.label, "نوفمبر 2026");
  const all = parsePeriod("", "export", { t, locale: "ar" });
  assert.ok(all.ok);
  assert.equal(all.label, "كل الفترات");
  assert.equal(
    plain(periodText({ from: "2026-11-01", to: null }, { locale: "ar", t })),
    "من 01‏/11‏/2026",
  );
  // English stays as it was, with or without the English catalog.
  const en = translator("en");
  assert.equal(periodText({ from: "2026-11-01", to: null }, { t: en }), "from 1 Nov 2026");
  assert.equal(
    periodText({ from: "2026-11-01", to: "2026-11-15" }, { t: en }),
    "1 Nov 2026 – 15 Nov 2026",
  );
  const enBad = parsePeriod("2026-02-30", "export", { t: en });
  assert.ok(!enBad.ok);
  assert.equal(
    enBad.error,
    parsePeriod("2026-02-30", "export").ok
      ? ""
      : (parsePeriod("2026-02-30", "export") as { error: string }).error,
  );
  assert.equal(monthName("2026-11", { short: true, locale: "ar" }), "نوفمبر 2026");
  assert.equal(dayName("2026-11-05"), "5 Nov 2026");
});

Deno.test("Arabic month names: Egyptian/MSA and Levantine, with either digits", () => {
  const names: [number, string[]][] = [
    [1, ["يناير", "كانون الثاني", "كانون ثاني"]],
    [2, ["فبراير", "شباط"]],
    [3, ["مارس", "آذار", "اذار"]],
    [4, ["أبريل", "إبريل", "ابريل", "نيسان"]],
    [5, ["مايو", "أيار", "ايار"]],
    [6, ["يونيو", "يونيه", "حزيران"]],
    [7, ["يوليو", "يوليه", "تموز"]],
    [8, ["أغسطس", "اغسطس", "آب", "اب"]],
    [9, ["سبتمبر", "أيلول", "ايلول"]],
    [10, ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "تشرين أول", "تشرين اول"]],
    [11, ["نوفمبر", "تشرين الثاني", "تشرين ثاني"]],
    [12, ["ديسمبر", "كانون الأول", "كانون الاول", "كانون أول"]],
  ];
  for (const [number, words] of names) {
    const month = `2026-${String(number).padStart(2, "0")}`;
    for (const word of words) {
      assert.equal(parseMonth(`${word} 2026`), month, word);
      assert.equal(parseMonth(`${word} ٢٠٢٦`), month, `${word} with Arabic-Indic digits`);
      assert.deepEqual(period(`  ${word}   2026 `), monthPeriod(month), word);
    }
  }
  // A day, a range (also with إلى), diacritics, tatweel and presentation forms.
  assert.equal(parseDay("5 تشرين الثاني 2026"), "2026-11-05");
  assert.equal(parseDay("٥ نوفمبر ٢٠٢٦"), "2026-11-05");
  assert.deepEqual(period("تشرين الأول 2026..كانون الأول 2026"), {
    from: "2026-10-01",
    to: "2026-12-31",
  });
  assert.deepEqual(period("أيلول 2026 إلى تشرين الثاني 2026"), {
    from: "2026-09-01",
    to: "2026-11-30",
  });
  assert.equal(parseMonth("نُوفَمْبَر 2026"), "2026-11");
  assert.equal(parseMonth("نوفمـــبر 2026"), "2026-11");
  // Not month names: another word, a name inside a longer word, a month without a year.
  for (const text of ["الأسبوع 2026", "كانون 2026", "تشرين 2026", "شباطي 2026", "نوفمبر"]) {
    assert.equal(problem(text), "unreadable", text);
  }
  // The refusal quotes the text as typed; the label is the bot's own month name.
  const t = translator("ar");
  const bad = parsePeriod("31 شباط 2026", "export", { t, locale: "ar" });
  assert.ok(!bad.ok && bad.problem === "no_such_date");
  assert.match(bad.error.replace(/[\u2068\u2069]/g, ""), /«31 شباط 2026»/);
  const ok = parsePeriod("تشرين الثاني ٢٠٢٦", "export", { t, locale: "ar" });
  assert.ok(ok.ok);
  assert.equal(ok.label, "نوفمبر 2026");
});

Deno.test("a day whose midnight is skipped or repeated starts at its first moment", () => {
  // Chile: clocks go forward at 00:00 on 6 Sep 2026 (24:00 → 01:00): the day starts at 01:00 local.
  const gap = startOfDay("2026-09-06", "America/Santiago");
  assert.equal(dayOf(gap, "America/Santiago"), "2026-09-06");
  assert.equal(dayOf(gap.getTime() - 1000, "America/Santiago"), "2026-09-05");
  // Every day of 2026 in a few zones: the start is that day locally, a second before is the day before.
  for (const zone of ["Asia/Hebron", "America/Santiago", "America/New_York", "Asia/Tehran"]) {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const start = startOfDay(day, zone);
      assert.equal(dayOf(start, zone), day, `${zone} ${day}`);
      assert.notEqual(dayOf(start.getTime() - 1000, zone), day, `${zone} ${day} starts earlier`);
    }
  }
});
