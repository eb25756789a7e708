/**
 * The shop's settings in the ledger. One method per SQL function
 * (supabase/schemas/35_settings.sql).
 */
import type { Change, Shop } from "./types.ts";
import type { RpcArgs } from "../rpc.ts";

export interface ShopSettings {
  archive_when_settled: boolean;
  pin_set: boolean;
  pin_set_at: string | null;
  /** When a pending /resetpin removes the PIN. */
  pin_reset_due_at?: string | null;
  member: { user_id: number; role: "owner" | "clerk"; display_name: string };
  shop: Shop;
}

export interface SettingResult {
  archive_when_settled: boolean;
  changed: boolean;
  shop: Shop;
}

/** Shop settings operations, reached as `ledger.settings`. */
export class SettingsOps {
  constructor(private readonly call: <T>(fn: string, args: RpcArgs) => Promise<T>) {}

  /** The shop's settings. */
  get(actor: number): Promise<ShopSettings> {
    return this.call("shop_settings", { p_actor: actor });
  }

  /** Owner: archive customers when a payment brings their balance to zero (on/off). */
  setArchiveWhenSettled(input: Change & { enabled: boolean }): Promise<SettingResult> {
    return this.call("set_archive_when_settled", {
      p_actor: input.actor,
      p_update_id: input.updateId,
      p_enabled: input.enabled,
    });
  }
}
