/** Periods as the owner types them after /export. */
import assert from "node:assert/strict";
import { monthLabel, monthPeriod, parsePeriod, periodText } from "../../shared/export/period.ts";

function period(text: string) {
  const result = parsePeriod(text);
  assert.ok(result.ok, `${text}: ${result.ok ? "" : result.error}`);
  return result.period;
}

Deno.test("a month, a day, and ranges of days or months", () => {
  assert.deepEqual(period(""), { from: null, to: null });
  assert.deepEqual(period("2026-11"), { from: "2026-11-01", to: "2026-11-30" });
  assert.deepEqual(period("2028-2"), { from: "2028-02-01", to: "2028-02-29" });
  assert.deepEqual(period("2026-11-05"), { from: "2026-11-05", to: "2026-11-05" });
  assert.deepEqual(period("2026-11-01..2026-11-15"), { from: "2026-11-01", to: "2026-11-15" });
  assert.deepEqual(period("2026-11-01 to 2026-11-15"), { from: "2026-11-01", to: "2026-11-15" });
  assert.deepEqual(period("2026-11-01 - 2026-11-15"), { from: "2026-11-01", to: "2026-11-15" });
  assert.deepEqual(period("2026-10 – 2026-12"), { from: "2026-10-01", to: "2026-12-31" });
  assert.deepEqual(period("2026-11-01.."), { from: "2026-11-01", to: null });
  assert.deepEqual(period("..2026-11"), { from: null, to: "2026-11-30" });
  assert.deepEqual(period("٢٠٢٦-١١"), { from: "2026-11-01", to: "2026-11-30" }, "Arabic digits");
});

Deno.test("impossible dates and backwards ranges are refused with examples", () => {
  for (
    const text of ["2026-13", "2026-02-30", "yesterday", "2026-11-01..2026-11-02..2026-11-03", ".."]
  ) {
    const result = parsePeriod(text);
    assert.equal(result.ok, false, text);
    if (!result.ok) assert.match(result.error, /\/export 2026-11/);
  }
  const backwards = parsePeriod("2026-11-20..2026-11-01");
  assert.deepEqual(backwards, { ok: false, error: "That period ends before it starts." });
});

Deno.test("periods in words", () => {
  assert.equal(periodText({ from: null, to: null }), "all time");
  assert.equal(periodText(monthPeriod("2026-02")), "Feb 2026");
  assert.equal(periodText({ from: "2026-11-01", to: "2026-11-15" }), "2026-11-01 to 2026-11-15");
  assert.equal(periodText({ from: "2026-11-01", to: null }), "from 2026-11-01");
  assert.equal(periodText({ from: null, to: "2026-11-30" }), "until 2026-11-30");
  assert.equal(monthLabel("2026-09"), "Sep 2026");
});
