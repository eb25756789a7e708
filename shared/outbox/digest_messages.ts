/**
 * The owners' daily digest as the outbox sender writes it (kind `digest`), in the owner's
 * language.
 */
import type { Writer } from "./writer.ts";

/** The writers of the digest kinds, by kind (shared/outbox/sender.ts merges them). */
export const DIGEST_WRITERS: Record<string, Writer> = {};
