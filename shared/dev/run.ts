/** Small helpers the local entry points share: readable start-up failures and clean exits. */
import { ConfigError } from "../config/config.ts";
import { DataFolderLocked, DataFolderUnusable } from "../db/embedded.ts";

/**
 * Runs a local entry point: a configuration problem or a locked data folder prints its
 * message (which names the variable or the folder) and exits with status 1.
 */
/** A task's own refusal: printed as one line, exit 1. */
export class TaskError extends Error {
  override name = "TaskError";
}

export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (
      error instanceof ConfigError || error instanceof DataFolderLocked ||
      error instanceof DataFolderUnusable || error instanceof TaskError
    ) {
      console.error(error.message);
      Deno.exit(1);
    }
    throw error;
  }
}

/** Calls `cleanup` once on Ctrl-C or SIGTERM, then exits. */
export function onShutdown(cleanup: () => Promise<void>): void {
  let done = false;
  const handler = async () => {
    if (done) return;
    done = true;
    try {
      await cleanup();
    } finally {
      Deno.exit(0);
    }
  };
  Deno.addSignalListener("SIGINT", handler);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", handler);
}
