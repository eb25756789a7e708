/**
 * The README's Commands table and the command registry (shared/bot/create_bot.ts) agree:
 * every registered command (and alias) has a row, and every command in the table exists.
 */
import assert from "node:assert/strict";
import { COMMANDS } from "../../shared/bot/create_bot.ts";

const README = new URL("../../README.md", import.meta.url);

/** The commands named in the first column of the table under "## Commands". */
export function readmeCommands(markdown: string): Set<string> {
  const section = markdown.split(/^## Commands\s*$/m)[1];
  assert.ok(section, 'README.md has a "## Commands" section');
  const rows = section.split(/^## /m)[0].split("\n").filter((line) => line.startsWith("|"));
  assert.ok(rows.length > 2, "the Commands section has a table");
  const names = new Set<string>();
  for (const row of rows.slice(2)) { // after the header and the |---| line
    const first = row.split(/(?<!\\)\|/)[1] ?? "";
    for (const [, name] of first.matchAll(/`\/([a-z0-9_]+)/g)) names.add(name);
  }
  return names;
}

Deno.test("the README's command table lists exactly the registry's commands", async () => {
  const inReadme = readmeCommands(await Deno.readTextFile(README));
  const inRegistry = new Set(COMMANDS.flatMap((c) => c.names));
  const missing = [...inRegistry].filter((name) => !inReadme.has(name));
  const unknown = [...inReadme].filter((name) => !inRegistry.has(name));
  assert.deepEqual(missing, [], `commands missing from README's table: /${missing.join(", /")}`);
  assert.deepEqual(unknown, [], `README's table names unknown commands: /${unknown.join(", /")}`);
});

Deno.test("readmeCommands reads the first column only", () => {
  const names = readmeCommands(
    [
      "## Commands",
      "",
      "| command | what it does |",
      "| --- | --- |",
      "| `/pay 30 \\| cash`, `/pay all` | like `/undo` |",
      "| `/tag #vip`, `/untag #vip` | tags |",
      "",
      "## Next",
      "| `/later` | not in the section |",
    ].join("\n"),
  );
  assert.deepEqual([...names], ["pay", "tag", "untag"]);
});
