import assert from "node:assert/strict";
import { DataFolderLocked, openEmbedded } from "../../shared/db/embedded.ts";
import { migrate } from "../../shared/db/migrate.ts";

Deno.test("an embedded data folder opens once at a time, keeps its data, and reopens after close", async () => {
  const dir = await Deno.makeTempDir({ prefix: "paytrack-data-" });
  try {
    const first = await openEmbedded(dir);
    await migrate(first);
    await first.query("select public.start_user(1, 1, 'Owner', true)");
    await assert.rejects(openEmbedded(dir), (error) => {
      assert.ok(error instanceof DataFolderLocked);
      assert.match((error as Error).message, /in use by another PayTrack process/);
      return true;
    });
    await first.close();

    const again = await openEmbedded(dir);
    try {
      assert.deepEqual(await migrate(again), [], "migrations are remembered in the folder");
      const [row] = await again.query<{ n: number }>("select count(*)::int as n from public.shops");
      assert.equal(row.n, 1, "the shop survived the restart");
    } finally {
      await again.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
