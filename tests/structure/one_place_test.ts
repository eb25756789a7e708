/**
 * Things that are built in one place stay built there (a grep over functions/ and
 * shared/): the `{actor, updateId}` of a ledger change comes from changeBy(ctx), the bot
 * from the configuration from botFromConfig, and BOT_INFO is typed by the zod config.
 */
import assert from "node:assert/strict";
import { ROOT } from "./module_graph.ts";

/** Every .ts file under functions/ and shared/, with its text. */
async function productFiles(): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(new URL(dir, ROOT))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) await walk(`${path}/`);
      else if (path.endsWith(".ts")) {
        out.push({ path, text: await Deno.readTextFile(new URL(path, ROOT)) });
      }
    }
  };
  await walk("functions/");
  await walk("shared/");
  return out;
}

/** The files (other than `allowed`) where `pattern` occurs, with the line. */
async function occurrences(pattern: RegExp, allowed: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const { path, text } of await productFiles()) {
    if (allowed.includes(path)) continue;
    text.split("\n").forEach((line, i) => {
      if (pattern.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

Deno.test("a ledger change's actor and update id come from changeBy(ctx) only", async () => {
  const found = await occurrences(/updateId:\s*ctx\.update\.update_id/, ["shared/bot/change.ts"]);
  assert.deepEqual(found, [], "use ...changeBy(ctx) (shared/bot/change.ts)");
});

Deno.test("the entry points build the bot with botFromConfig, which alone calls createBot", async () => {
  const found = await occurrences(/\bcreateBot\(/, [
    "shared/bot/create_bot.ts",
    "shared/bot/bot_from_config.ts",
  ]);
  assert.deepEqual(found, [], "call botFromConfig(config, ledger) (shared/bot/bot_from_config.ts)");
  for (
    const entry of ["functions/telegram-bot/index.ts", "shared/dev/serve.ts", "shared/dev/start.ts"]
  ) {
    const text = await Deno.readTextFile(new URL(entry, ROOT));
    assert.match(text, /\bbotFromConfig\(config, ledger\b/, entry);
  }
});

Deno.test("BOT_INFO is typed by the config schema: no cast to UserFromGetMe anywhere", async () => {
  const found = await occurrences(/\bas\s+(unknown\s+as\s+)?UserFromGetMe\b|BOT_INFO\s+as\b/, []);
  assert.deepEqual(found, []);
});

/**
 * Features that still end a pending command by clearing it themselves instead of calling
 * endFlow(ctx) (flows.ts). Only clearing is tolerated there, and only until they move.
 */
const STILL_CLEARING_PENDING = [
  "shared/bot/features/help.ts",
  "shared/bot/features/spending.ts",
  "shared/bot/features/team.ts",
];

Deno.test("features start, restart and end flows through the engine: none assigns ctx.session.pending", async () => {
  const features = (await productFiles()).filter((f) => f.path.startsWith("shared/bot/features/"));
  assert.ok(features.length > 5, "the features are found");
  const found: string[] = [];
  for (const { path, text } of features) {
    text.split("\n").forEach((line, i) => {
      const assigned = /\bsession\.pending\s*=(?!=)\s*(.*)$/.exec(line);
      if (!assigned) return;
      const clears = /^undefined\s*;/.test(assigned[1]);
      if (clears && STILL_CLEARING_PENDING.includes(path)) return;
      found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(
    found,
    [],
    "use beginFlow / advance / restartFlow / endFlow (shared/bot/flows.ts) instead",
  );
});
