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
} from "../../shared/domain/periods.ts";

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
});
