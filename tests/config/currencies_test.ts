/** The TypeScript currency list (start-up's check) is exactly the ledger's currencies table. */
import assert from "node:assert/strict";
import { CURRENCIES, CURRENCY_CODES } from "../../shared/domain/currencies.ts";
import { engines, freshDatabase } from "../support/databases.ts";

for (const engine of await engines()) {
  Deno.test(`[${engine}] shared/domain/currencies.ts lists exactly public.currencies, decimals and names`, async () => {
    const db = await freshDatabase(engine);
    try {
      const rows = await db.client.query<{ code: string; minor_unit: number; name: string }>(
        "select code, minor_unit::int as minor_unit, name from public.currencies order by code",
      );
      assert.deepEqual([...CURRENCY_CODES], rows.map((r) => r.code));
      assert.deepEqual(
        Object.fromEntries(rows.map((r) => [r.code, { minorUnit: r.minor_unit, name: r.name }])),
        CURRENCIES,
      );
    } finally {
      await db.close();
    }
  });
}
