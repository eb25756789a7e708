/**
 * The command registry's shape and what is derived from it. Each feature module declares the
 * commands it owns with {@link defineCommands} next to its Composer, and registers its handlers
 * under `names` (the command and its aliases); create_bot.ts gathers them, in the order of its
 * feature list, into one {@link CommandRegistry}. /help (the guide, `/help pay`, the step help),
 * "I don't know /x. Did you mean /y?" (unhandled.ts), the command menu that `webhook:set`
 * registers (setMyCommands) and the README's command table (tests/structure) all come from it.
 *
 * This module imports no feature, so every feature may import it without a cycle.
 *
 * Why not `@grammyjs/commands` (its CommandGroup has the same fields): on the npm build it
 * requires grammY's Node build (node-fetch, whatwg-url, a second copy of grammY) next to the
 * `grammy/web` PayTrack uses, prints a `punycode` deprecation warning at load, and doubles the
 * time to import grammY (README: "Adding a command").
 */

import { type Locale, LOCALES } from "../domain/language.ts";
import { hasMessage, type Translate, translator } from "../i18n/i18n.ts";
import { visibleLength } from "../text/fit.ts";

/** How long one /help guide message may be (Telegram allows 4,096 visible characters). */
const GUIDE_PAGE = 4000;

/** Where a command is listed in /help, in this order: everyday commands first (titles: `area-<area>`). */
export const AREAS = [
  "search",
  "customers",
  "recording",
  "credit",
  "overdue",
  "reminders",
  "history",
  "transactions",
  "tags",
  "links",
  "spending",
  "team",
  "export",
  "settings",
  "pin",
  "receipts",
  "help",
] as const;

/** A command's area (see {@link AREAS}). */
export type Area = typeof AREAS[number];

/** Who may use a command: anyone (also strangers), any member of the shop, or its owners. */
export type Role = "anyone" | "member" | "owner";

/**
 * One command as a feature declares it. Its words live in the catalogs of its area
 * (shared/i18n/<locale>/<area>.ts): `cmd-<command>-summary` (the one line in /help),
 * `cmd-<command>-examples` (typical uses, one a line; the first one is shown in the guide),
 * `cmd-<command>-menu` (the Telegram menu, when `menu` is set) and `cmd-<command>-details`
 * (more for `/help <command>`, when the catalog has it).
 */
export interface CommandDeclaration {
  /** Other names that run the same handler (they are matched, listed in /help x, never in the menu). */
  aliases?: string[];
  area: Area;
  role: Role;
  /** In the Telegram command menu (its description: `cmd-<command>-menu`, 3–256 characters). */
  menu?: boolean;
}

/** One command in the registry. */
export interface CommandSpec extends CommandDeclaration {
  /** The name, without the slash, lower case. */
  command: string;
  aliases: string[];
  /** The command and its aliases: what the feature registers its handler under. */
  names: string[];
}

/** Declares a feature's commands: `{ pay: {...} }` → `{ pay: CommandSpec }`. */
export function defineCommands<K extends string>(
  declarations: Record<K, CommandDeclaration>,
): Record<K, CommandSpec> {
  const specs = {} as Record<K, CommandSpec>;
  for (const command of Object.keys(declarations) as K[]) {
    const declaration = declarations[command];
    const aliases = declaration.aliases ?? [];
    specs[command] = { ...declaration, command, aliases, names: [command, ...aliases] };
  }
  return specs;
}

/** Every command in a fixed order, with the look-ups /help and unhandled need. */
export class CommandRegistry {
  /** In declaration order (create_bot.ts's feature order). */
  readonly commands: readonly CommandSpec[];
  readonly #byName = new Map<string, CommandSpec>();

  constructor(sets: readonly Record<string, CommandSpec>[]) {
    this.commands = sets.flatMap((set) => Object.values(set));
    for (const spec of this.commands) {
      if (!/^[a-z0-9_]{1,32}$/.test(spec.command)) {
        throw new Error(`/${spec.command}: a command is 1–32 of a-z, 0-9 and _`);
      }
      for (const name of spec.names) {
        if (this.#byName.has(name)) throw new Error(`/${name} is declared twice`);
        this.#byName.set(name, spec);
      }
    }
  }

  /** The command called `name` (or with that alias); a leading slash and case are ignored. */
  find(name: string): CommandSpec | undefined {
    return this.#byName.get(name.replace(/^\//, "").toLowerCase());
  }

  /** Commands in /help order: by area, then in declaration order. */
  inHelpOrder(): CommandSpec[] {
    return AREAS.flatMap((area) => this.commands.filter((c) => c.area === area));
  }

  /**
   * The whole /help guide, grouped by area, in the language of `t`: one message, or as many as
   * it takes to keep each under Telegram's limit, split between areas (the intro opens the first,
   * the closing line ends the last).
   */
  guide(t: Translate): string[] {
    const sections = AREAS.map((area) => {
      const lines = this.commands.filter((c) => c.area === area)
        .map((c) =>
          t("help-guide-line", {
            command: `/${c.command}`,
            summary: t(`cmd-${c.command}-summary`),
            example: `<code>${examplesOf(c, t)[0]}</code>`,
          })
        );
      return lines.length ? `<b>${t(`area-${area}`)}</b>\n${lines.join("\n")}` : "";
    }).filter(Boolean);
    const pages: string[][] = [[t("help-guide-intro")]];
    for (const part of [...sections, t("help-guide-outro")]) {
      const page = pages[pages.length - 1];
      if (visibleLength([...page, part].join("\n\n")) > GUIDE_PAGE) pages.push([part]);
      else page.push(part);
    }
    return pages.map((page) => page.join("\n\n"));
  }

  /** `/help <name>`: one command in detail, or undefined when unknown. */
  help(name: string, t: Translate, locale: Locale): string | undefined {
    const c = this.find(name);
    if (!c) return undefined;
    const examples = examplesOf(c, t).map((e) => `<code>${e}</code>`).join("\n");
    const aliases = c.aliases.length
      ? t("help-also", { aliases: c.aliases.map((a) => `/${a}`).join(", ") })
      : "";
    const details = hasMessage(locale, `cmd-${c.command}-details`)
      ? t(`cmd-${c.command}-details`)
      : "";
    return [
      `/${c.command} — ${t(`cmd-${c.command}-summary`)}`,
      details,
      aliases,
      t("help-examples", { examples }),
    ].filter(Boolean).join("\n\n");
  }

  /**
   * The known command closest to a mistyped one ("pya" → "pay", "addcust" → "addcustomer"),
   * or undefined when none is close: one edit (a swap counts as one) in names up to 4
   * letters, two in longer ones, or the start of exactly one command.
   */
  nearest(typed: string): CommandSpec | undefined {
    const word = typed.replace(/^\//, "").toLowerCase().slice(0, 32);
    if (!word) return undefined;
    let best: { spec: CommandSpec; distance: number } | undefined;
    for (const [name, spec] of this.#byName) {
      const distance = editDistance(word, name);
      if (distance <= (name.length <= 4 ? 1 : 2) && (!best || distance < best.distance)) {
        best = { spec, distance };
      }
    }
    if (best) return best.spec;
    if (word.length < 3) return undefined;
    const starts = new Set([...this.#byName].filter(([n]) => n.startsWith(word)).map(([, s]) => s));
    return starts.size === 1 ? [...starts][0] : undefined;
  }

  /**
   * What `webhook:set` sends to setMyCommands, one call per language: the default scope
   * (every chat) gets the menu in English, in /help order; each other language gets the
   * same commands described in its words (Telegram picks by the user's app language).
   */
  menuCalls(): { language_code?: Exclude<Locale, "en">; commands: MenuCommand[] }[] {
    return LOCALES.map((locale) =>
      locale === "en"
        ? { commands: this.menu(locale) }
        : { language_code: locale, commands: this.menu(locale) }
    );
  }

  /** The menu commands in /help order, described in `locale`. */
  menu(locale: Locale): MenuCommand[] {
    const t = translator(locale);
    return this.inHelpOrder().filter((c) => c.menu)
      .map((c) => ({ command: c.command, description: t(`cmd-${c.command}-menu`) }));
  }
}

/**
 * A command's typical uses in the language of `t` (`cmd-<command>-examples`, one a line,
 * HTML-safe): Arabic ones with Arabic names and notes.
 */
export function examplesOf(c: CommandSpec, t: Translate): string[] {
  return t(`cmd-${c.command}-examples`).split("\n").map((e) => e.trim()).filter(Boolean);
}

/** A command as setMyCommands takes it. */
export interface MenuCommand {
  command: string;
  description: string;
}

/** Damerau–Levenshtein (optimal string alignment) distance between two short words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from(
    { length: a.length + 1 },
    (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
