import assert from "node:assert/strict";
import { LedgerSessionStorage } from "../../shared/bot/session_storage.ts";
import { LedgerUnavailable } from "../../shared/db/errors.ts";
import { Ledger } from "../../shared/db/ledger.ts";
import type { RpcArgs, RpcTransport } from "../../shared/db/rpc.ts";

/** A transport that records calls and keeps sessions in a Map, or fails on demand. */
class FakeTransport implements RpcTransport {
  calls = 0;
  log: string[] = [];
  store = new Map<string, unknown>();
  failing = false;
  call(fn: string, args: RpcArgs): Promise<unknown> {
    this.calls++;
    this.log.push(fn);
    if (this.failing) return Promise.reject(new LedgerUnavailable("down"));
    const key = String(args.p_key);
    if (fn === "session_read") return Promise.resolve(this.store.get(key) ?? null);
    if (fn === "session_write") this.store.set(key, args.p_value);
    if (fn === "session_delete") this.store.delete(key);
    return Promise.resolve(null);
  }
  close() {
    return Promise.resolve();
  }
}

Deno.test("an unchanged session is not written back", async () => {
  const transport = new FakeTransport();
  transport.store.set("member:1", { selected: { id: 1, name: "A" } });
  const storage = new LedgerSessionStorage<Record<string, unknown>>(new Ledger(transport));
  const value = await storage.read("member:1");
  await storage.write("member:1", structuredClone(value)!);
  assert.deepEqual(transport.log, ["session_read"]);
});

Deno.test("a changed session is written, and an empty new one is not", async () => {
  const transport = new FakeTransport();
  const storage = new LedgerSessionStorage<Record<string, unknown>>(new Ledger(transport));
  assert.equal(await storage.read("member:2"), undefined);
  await storage.write("member:2", {});
  assert.deepEqual(transport.log, ["session_read"]);
  await storage.read("member:2");
  await storage.write("member:2", { lastQuery: "jo" });
  assert.deepEqual(transport.store.get("member:2"), { lastQuery: "jo" });
});

Deno.test("a failing read propagates instead of looking like an empty session", async () => {
  const transport = new FakeTransport();
  transport.failing = true;
  const storage = new LedgerSessionStorage(new Ledger(transport));
  await assert.rejects(storage.read("member:3"), LedgerUnavailable);
});
