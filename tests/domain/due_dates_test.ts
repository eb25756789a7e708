/** Due dates as members type them (shared/domain/due_dates.ts): against the shop's today. */
import assert from "node:assert/strict";
import { addDays, dueDatePart, parseDueDate, todayIn } from "../../shared/domain/due_dates.ts";
import { dayText } from "../../shared/text/format.ts";

const TODAY = "2026-12-02";

Deno.test("ISO days, day/month/year, and the due words in both languages", () => {
  assert.deepEqual(parseDueDate("2026-12-15", TODAY), { ok: true, dueOn: "2026-12-15" });
  assert.deepEqual(parseDueDate("due 2026-12-15", TODAY), { ok: true, dueOn: "2026-12-15" });
  assert.deepEqual(parseDueDate("Due: 15/12/2026", TODAY), { ok: true, dueOn: "2026-12-15" });
  assert.deepEqual(parseDueDate("15.01.2027", TODAY), { ok: true, dueOn: "2027-01-15" });
  assert.deepEqual(parseDueDate("استحقاق ٢٠٢٦-١٢-١٥", TODAY), { ok: true, dueOn: "2026-12-15" });
  assert.deepEqual(parseDueDate("يستحق ١٥/١٢/٢٠٢٦", TODAY), { ok: true, dueOn: "2026-12-15" });
  assert.deepEqual(parseDueDate("2026-12-02", TODAY), { ok: true, dueOn: TODAY }); // today is fine
});

Deno.test("day/month is the next such day: this year's when still ahead, else next year's", () => {
  assert.deepEqual(parseDueDate("due 15/12", TODAY), { ok: true, dueOn: "2026-12-15" });
  assert.deepEqual(parseDueDate("02/12", TODAY), { ok: true, dueOn: "2026-12-02" });
  assert.deepEqual(parseDueDate("1/12", TODAY), { ok: true, dueOn: "2027-12-01" });
  assert.deepEqual(parseDueDate("15/1", TODAY), { ok: true, dueOn: "2027-01-15" });
  // 29 February: the next year that has one.
  assert.deepEqual(parseDueDate("29/2", TODAY), { ok: true, dueOn: "2028-02-29" });
});

Deno.test("days from today: +30, 30d, 30 days, ٣٠ يوم", () => {
  assert.deepEqual(parseDueDate("+30", TODAY), { ok: true, dueOn: "2027-01-01" });
  assert.deepEqual(parseDueDate("due 30d", TODAY), { ok: true, dueOn: "2027-01-01" });
  assert.deepEqual(parseDueDate("30 days", TODAY), { ok: true, dueOn: "2027-01-01" });
  assert.deepEqual(parseDueDate("استحقاق ٣٠ يوم", TODAY), { ok: true, dueOn: "2027-01-01" });
  assert.deepEqual(parseDueDate("+0", TODAY), { ok: true, dueOn: TODAY });
});

Deno.test("bad, past and far dates are refused with their reason; none only where allowed", () => {
  assert.deepEqual(parseDueDate("2026-11-30", TODAY), { ok: false, problem: "past" });
  assert.deepEqual(parseDueDate("30/11/2026", TODAY), { ok: false, problem: "past" });
  assert.deepEqual(parseDueDate("2036-12-31", TODAY), { ok: false, problem: "too_far" });
  assert.deepEqual(parseDueDate("+9999", TODAY), { ok: false, problem: "too_far" });
  assert.deepEqual(parseDueDate("31/02/2027", TODAY), { ok: false, problem: "not_a_date" });
  assert.deepEqual(parseDueDate("2027-13-01", TODAY), { ok: false, problem: "not_a_date" });
  assert.deepEqual(parseDueDate("tomorrow-ish", TODAY), { ok: false, problem: "not_a_date" });
  assert.deepEqual(parseDueDate("due", TODAY), { ok: false, problem: "not_a_date" });
  assert.deepEqual(parseDueDate("none", TODAY), { ok: false, problem: "not_a_date" });
  assert.deepEqual(parseDueDate("none", TODAY, true), { ok: true, dueOn: null });
  assert.deepEqual(parseDueDate("بدون", TODAY, true), { ok: true, dueOn: null });
});

Deno.test("a due part is recognised by its word only; helpers", () => {
  assert.equal(dueDatePart("due 15/12"), "15/12");
  assert.equal(dueDatePart("استحقاق +30"), "+30");
  assert.equal(dueDatePart("rice due tomorrow"), null);
  assert.equal(dueDatePart("dues"), null);
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(dayText("2026-12-15", "en"), "15 Dec 2026");
  assert.match(dayText("2026-12-15", "ar"), /15/);
  // The shop's today follows its zone: 23:30 UTC is already tomorrow in Hebron.
  const late = new Date("2026-12-02T23:30:00Z");
  assert.equal(todayIn("UTC", late), "2026-12-02");
  assert.equal(todayIn("Asia/Hebron", late), "2026-12-03");
});

Deno.test("a note that only starts with a due word is a note, not a bad due date", () => {
  assert.equal(dueDatePart("Due to Ahmad, 2 bags"), null);
  assert.equal(dueDatePart("يستحق الشكر الجزيل"), null);
  assert.equal(dueDatePart("due yesterday"), "yesterday");
  assert.equal(dueDatePart("due 15/12"), "15/12");
  assert.equal(dueDatePart("due +30"), "+30");
  assert.equal(dueDatePart("استحقاق ١٥/١٢"), "١٥/١٢");
  assert.equal(dueDatePart("due: 2027-01-05"), "2027-01-05");
});
