/**
 * grammY session storage over the ledger (table bot_sessions). Errors propagate: a
 * failed read must never look like an empty session. Writes are skipped when the
 * session did not change, saving a round trip on most updates.
 */
import type { StorageAdapter } from "grammy";
import type { Ledger } from "../db/ledger.ts";

/** A StorageAdapter that keeps sessions in Postgres through the ledger's RPCs. */
export class LedgerSessionStorage<T extends object> implements StorageAdapter<T> {
  /** The JSON last read per key, to skip unchanged writes. */
  readonly #seen = new Map<string, string>();
  constructor(private readonly ledger: Ledger) {}

  async read(key: string): Promise<T | undefined> {
    const value = await this.ledger.sessionRead(key) as T | undefined;
    this.#seen.set(key, JSON.stringify(value ?? null));
    return value;
  }

  async write(key: string, value: T): Promise<void> {
    const json = JSON.stringify(value);
    const seen = this.#seen.get(key);
    this.#seen.delete(key);
    // Unchanged, or a fresh empty session nobody wrote to: nothing to store.
    if (seen === json || (seen === "null" && json === "{}")) return;
    await this.ledger.sessionWrite(key, value as Record<string, unknown>);
  }

  async delete(key: string): Promise<void> {
    this.#seen.delete(key);
    await this.ledger.sessionDelete(key);
  }
}
