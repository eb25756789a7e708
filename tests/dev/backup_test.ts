/**
 * `deno task backup` and `deno task restore` as a person runs them: a shop in an embedded data
 * folder is backed up to a file and restored into an empty folder with everything in it; a
 * restore over a folder that holds a database, a missing file, and a backup of a folder in use
 * are refused with one line, and change nothing.
 */
import assert from "node:assert/strict";
import { openEmbedded } from "../../shared/db/embedded.ts";
import { migrate, readMigrations } from "../../shared/db/migrate.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import { SqlTransport } from "../../shared/db/sql_transport.ts";

const ROOT = new URL("../../", import.meta.url);

async function task(
  script: "backup" | "restore",
  cwd: string,
  dataDir: string,
  args: string[],
): Promise<{ code: number; out: string }> {
  const env: Record<string, string> = { NO_COLOR: "1", PAYTRACK_DATA_DIR: dataDir };
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-sys",
      "--config",
      new URL("deno.json", ROOT).pathname,
      new URL(`shared/dev/${script}.ts`, ROOT).pathname,
      ...args,
    ],
    cwd,
    clearEnv: true,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code, out: decode(stdout) + decode(stderr) };
}

async function shopIn(dataDir: string): Promise<void> {
  const client = await openEmbedded(dataDir);
  try {
    await migrate(client, await readMigrations());
    const ledger = new Ledger(new SqlTransport(client));
    await ledger.startUser({ actor: 1, updateId: 1, displayName: "Owner", mayOpenShop: true });
    const c = await ledger.addCustomer({ actor: 1, updateId: 2, fullName: "Layla Nasser" });
    await ledger.recordPurchase({ actor: 1, updateId: 3, customerId: c.customer.id, amount: 1250 });
  } finally {
    await client.close();
  }
}

async function balances(dataDir: string): Promise<unknown[]> {
  const client = await openEmbedded(dataDir);
  try {
    return await client.query("select full_name, balance::int from public.customers order by id");
  } finally {
    await client.close();
  }
}

Deno.test({
  name: "backup then restore into an empty folder brings the whole shop back",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "paytrack-backup-" });
    try {
      await shopIn(`${dir}/data`);
      const backup = await task("backup", dir, `${dir}/data`, ["shop.tar.gz"]);
      assert.equal(backup.code, 0, backup.out);
      assert.match(backup.out, /Backed up .* to shop\.tar\.gz/);
      assert.ok((await Deno.stat(`${dir}/shop.tar.gz`)).size > 1000);

      const again = await task("backup", dir, `${dir}/data`, ["shop.tar.gz"]);
      assert.equal(again.code, 1);
      assert.match(again.out, /shop\.tar\.gz exists already/);

      const restored = await task("restore", dir, `${dir}/copy`, ["shop.tar.gz"]);
      assert.equal(restored.code, 0, restored.out);
      assert.deepEqual(await balances(`${dir}/copy`), [{
        full_name: "Layla Nasser",
        balance: 1250,
      }]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a restore never overwrites a database, and a missing backup file says so",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "paytrack-backup-" });
    try {
      await shopIn(`${dir}/data`);
      assert.equal((await task("backup", dir, `${dir}/data`, ["b.tar.gz"])).code, 0);
      const over = await task("restore", dir, `${dir}/data`, ["b.tar.gz"]);
      assert.equal(over.code, 1);
      assert.match(over.out, /already holds a database; restore into an empty folder/);
      assert.doesNotMatch(over.out, /at file:|Error:/, "one line, no stack");
      assert.deepEqual(await balances(`${dir}/data`), [{
        full_name: "Layla Nasser",
        balance: 1250,
      }]);

      const none = await task("restore", dir, `${dir}/other`, []);
      assert.equal(none.code, 1);
      assert.match(none.out, /Say which backup to restore/);

      const empty = await task("backup", dir, `${dir}/nothing`, ["x.tar.gz"]);
      assert.equal(empty.code, 1);
      assert.match(empty.out, /no embedded database in/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a backup of a folder the bot is using is refused (stop it first)",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "paytrack-backup-" });
    try {
      await shopIn(`${dir}/data`);
      const running = await openEmbedded(`${dir}/data`);
      try {
        const busy = await task("backup", dir, `${dir}/data`, ["b.tar.gz"]);
        assert.equal(busy.code, 1);
        assert.match(busy.out, /in use by another PayTrack process/);
      } finally {
        await running.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
