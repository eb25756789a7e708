/**
 * /export: the shop's Excel workbook (owner only), or the selected customer's statement.
 * `/export 2026-11` or `/export 2026-11-01..2026-11-15` limits the period.
 *
 * The workbook writer (shared/export/workbook.ts) is imported only here, only when a
 * file is built: other commands never load it, so it costs nothing on a cold start.
 * A shop too large for one file within the edge function's limits gets per-month
 * buttons instead.
 */
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { LedgerError } from "../../db/errors.ts";
import type { ExportData, ExportTooLarge } from "../../db/ledger/export.ts";
import {
  monthName,
  monthPeriod,
  parsePeriod,
  type Period,
  periodExamples,
  periodText,
} from "../../domain/periods.ts";
import { balanceText } from "../../text/format.ts";
import { bold, escapeHtml } from "../../text/html.ts";
import type { PayContext } from "../context.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, type Reply, say, withLoader } from "../replies.ts";

/**
 * Rows (customers + transactions + log entries + expenses) one file may have. Measured
 * (README, "Export"): 106,516 rows take about 0.54 s of CPU and a 181 MB process peak,
 * 159,774 rows 0.77 s and 204 MB, 213,031 rows 1.1 s and 249 MB; an edge function has 2 s
 * and 256 MB, and memory runs out first. 150,000 leaves room for the rest of the function
 * and for slower machines. (Tests lower it.)
 */
export const EXPORT_LIMITS = { maxRows: 150_000 };

/** Months offered as buttons when a shop is too large for one file. */
const MONTH_BUTTONS = 12;

/** What to export: the whole shop or one customer's statement, for a period. */
interface ExportRequest {
  period: Period;
  customerId?: number;
}

/** An open end of a period in callback data. */
const OPEN = "_";

function callbackFor(request: ExportRequest): string {
  const { from, to } = request.period;
  return request.customerId
    ? CALLBACKS.exportStatement.build(request.customerId, from, to)
    : CALLBACKS.exportShop.build(from, to);
}

function periodFrom(from: string, to: string): Period {
  return { from: from === OPEN ? null : from, to: to === OPEN ? null : to };
}

/** Why a clerk cannot export, naming the role that can. */
const OWNER_ONLY =
  "🔒 Exporting the ledger is for the shop <b>owner</b> only; you are a clerk here. " +
  "Ask the owner to send you the file.";

export const exporting = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const exportCommands = defineCommands({
  export: {
    area: "export",
    role: "owner",
    menu: "Excel file of the shop, or the customer's statement (owner)",
    summary: "An Excel file (owner only): the whole shop, or the selected customer's statement.",
    examples: ["/export", "/export 2026-11", "/export 2026-11-01..2026-11-15", "/export shop"],
    details:
      "The shop file has Summary, Customers, Transactions, Spending and Action history sheets; " +
      "amounts are real numbers in the shop currency, dates are real dates (UTC). With a customer " +
      "selected you can pick their statement instead: their purchases and payments with a running " +
      "balance, to show them. A period limits it to a month or a range of days. A shop too large " +
      "for one file is offered month by month.",
  },
});

exporting.command(exportCommands.export.names, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const words = /^(shop|all|statement)\b\s*(.*)$/is.exec(ctx.match.trim());
  const scope: "ask" | "shop" | "statement" = !words
    ? "ask"
    : words[1].toLowerCase() === "statement"
    ? "statement"
    : "shop";
  const parsed = parsePeriod(words ? words[2] : ctx.match, "export");
  if (!parsed.ok) {
    await say(ctx, escapeHtml(parsed.error));
    return;
  }
  if (member.role !== "owner") {
    await say(ctx, OWNER_ONLY);
    return;
  }
  const period = parsed.period;
  const selected = ctx.session.selected;
  if (scope === "statement" && !selected) {
    await say(
      ctx,
      "Pick the customer first with /search, then send /export statement (or tap Statement).",
    );
    return;
  }
  if (selected && scope !== "shop") {
    const statement: ExportRequest = { period, customerId: selected.id };
    if (scope === "statement") {
      await runExport(ctx, statement);
      return;
    }
    await say(
      ctx,
      `📊 Export ${escapeHtml(periodText(period))} as Excel: ${
        bold(selected.name)
      }'s statement (their purchases and payments with a running balance, to show them), ` +
        "or the whole shop?",
      new InlineKeyboard()
        .text(`📄 Statement: ${shorten(selected.name, 40)}`, callbackFor(statement)).row()
        .text("🏪 Whole shop", callbackFor({ period })),
    );
    return;
  }
  await runExport(ctx, { period });
});

exporting.callbackQuery(CALLBACKS.exportShop.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
  await runExport(ctx, { period: periodFrom(ctx.match[1], ctx.match[2]) });
});

exporting.callbackQuery(
  CALLBACKS.exportStatement.pattern,
  async (ctx) => {
    await cosmetic(() => ctx.answerCallbackQuery());
    if (!(await requireMember(ctx))) return;
    await cosmetic(() => ctx.editMessageReplyMarkup({ reply_markup: undefined }));
    await runExport(ctx, {
      customerId: Number(ctx.match[1]),
      period: periodFrom(ctx.match[2], ctx.match[3]),
    });
  },
);

/** Builds the file behind a loader, sends it, and turns the loader into a short receipt. */
async function runExport(ctx: PayContext, request: ExportRequest): Promise<void> {
  await withLoader(
    ctx,
    request.customerId ? "Building the statement…" : "Building your Excel file…",
    async (): Promise<Reply> => {
      let data: ExportData;
      try {
        data = await ctx.services.ledger.export.workbook(ctx.from!.id, {
          from: request.period.from,
          to: request.period.to,
          customerId: request.customerId ?? null,
          maxRows: EXPORT_LIMITS.maxRows,
        });
      } catch (error) {
        if (error instanceof LedgerError && error.code === "owner_only") {
          return { text: OWNER_ONLY };
        }
        throw error;
      }
      if (data.too_large) return tooLarge(data, request);
      await cosmetic(() => ctx.replyWithChatAction("upload_document"));
      // Loaded here, on /export only: the writer is not part of any other command's work.
      const { buildWorkbook } = await import("../../export/workbook.ts");
      const built = buildWorkbook(data);
      const shop = data.head.shop;
      const when = escapeHtml(periodText(data.head.period));
      const caption = data.kind === "statement"
        ? `📄 Statement for ${bold(data.customer.full_name)} · ${when}\n` +
          `Balance: ${bold(balanceText(data.closing_balance, shop))}`
        : `📊 ${bold(shop.name)} · ${when}\n` +
          `${count(data.customers.length, "customer")} · ${
            count(data.transactions.length, "purchase or payment", "purchases and payments")
          } · ${count(data.expenses.length, "expense")}`;
      await ctx.replyWithDocument(new InputFile(built.bytes, built.fileName), {
        caption,
        parse_mode: "HTML",
      });
      return {
        text: `✅ Sent ${escapeHtml(built.fileName)} (${formatSize(built.bytes.length)}; ${
          built.sheets.join(", ")
        }).`,
      };
    },
  );
}

/** The too-large answer: what would not fit, and a button per month that does. */
function tooLarge(data: ExportTooLarge, request: ExportRequest): Reply {
  const perFile = data.head.max_rows;
  const always = request.customerId ? 0 : data.counts?.customers ?? 0;
  const keyboard = new InlineKeyboard();
  const tooBig: string[] = [];
  let shown = 0;
  for (const [month, rows] of data.months.slice(0, MONTH_BUTTONS)) {
    const period = monthPeriod(month);
    if (rows + always > perFile) {
      tooBig.push(month);
      const middle = `${month}-15`;
      keyboard.text(
        `${monthName(month, { short: true })} 1–15`,
        callbackFor({ ...request, period: { from: period.from, to: middle } }),
      ).text(
        `${monthName(month, { short: true })} 16–end`,
        callbackFor({ ...request, period: { from: `${month}-16`, to: period.to } }),
      ).row();
      shown = 0;
      continue;
    }
    keyboard.text(monthName(month, { short: true }), callbackFor({ ...request, period }));
    if (++shown % 3 === 0) keyboard.row();
  }
  const what = request.customerId && data.customer
    ? `${bold(data.customer.full_name)}'s statement`
    : "your shop";
  const lines = [
    `📦 ${what} has ${data.rows.toLocaleString("en-US")} rows for ${
      escapeHtml(periodText(data.head.period))
    }: too many for one file. One file holds up to ${
      perFile.toLocaleString("en-US")
    } rows, so that it is built within the bot's limits (2 s of work, 256 MB).`,
    data.months.length ? "Export it a month at a time: tap a month." : "Try a shorter period.",
    `Or choose your own period: ${escapeHtml(periodExamples("export"))}.`,
  ];
  if (tooBig.length) lines.push("Busy months are split into halves.");
  return { text: lines.join("\n"), keyboard: data.months.length ? keyboard : undefined };
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function formatSize(bytes: number): string {
  return bytes < 1_000_000
    ? `${Math.max(1, Math.round(bytes / 1000))} KB`
    : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}
