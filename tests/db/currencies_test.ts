import assert from "node:assert/strict";
import { formatMoney, parseAmount, toDecimalString } from "../../shared/domain/money.ts";
import { freshPglite } from "../support/databases.ts";

Deno.test("every currency in the table parses and formats with its own ISO 4217 decimals", async () => {
  const db = await freshPglite();
  try {
    const rows = await db.client.query<{ code: string; minor_unit: number }>(
      "select code, minor_unit from public.currencies order by code",
    );
    assert.ok(rows.length >= 40);
    const wrong = rows.filter(({ code, minor_unit }) => {
      const one = parseAmount("1", minor_unit);
      const oneAndOneMinor = 10 ** minor_unit + 1; // "1.01", "1.001", or "2" without decimals
      const shown = formatMoney(oneAndOneMinor, code, minor_unit);
      return !one.ok || one.minor !== 10 ** minor_unit ||
        !shown.includes(toDecimalString(oneAndOneMinor, minor_unit));
    }).map((r) => r.code);
    assert.deepEqual(wrong, []);
    const iqd = rows.find((r) => r.code === "IQD");
    assert.equal(iqd?.minor_unit, 3, "ISO 4217 gives the Iraqi dinar 3 decimals");
  } finally {
    await db.close();
  }
});
