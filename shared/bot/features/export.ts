/**
 * /export: the shop's Excel workbook (owner only), or the selected customer's statement.
 * `/export 2026-11` or `/export 2026-11-01..2026-11-15` limits the period: days in the shop's
 * time zone. The replies speak the member's language; the file is the shop's (its language
 * and zone: shared/export/workbook.ts).
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
import type { ExportData, ExportTooLarge, ShopExport } from "../../db/ledger/export.ts";
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
import { langOf } from "../lang.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, forgetStale, type Reply, say, withLoader } from "../replies.ts";

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

/** A period in words, in the member's language. */
function periodWords(ctx: PayContext, period: Period): string {
  return escapeHtml(periodText(period, { locale: langOf(ctx).locale, t: ctx.t }));
}

export const exporting = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const exportCommands = defineCommands({
  export: {
    area: "export",
    role: "owner",
    menu: true,
  },
});

exporting.command(exportCommands.export.names, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  // The scope word, in English or Arabic: shop/all (المتجر, الكل), statement (كشف, كشف حساب).
  const words = /^(shop|all|statement|كشف حساب|كشف|المتجر|الكل)(?=\s|$)\s*(.*)$/is.exec(
    ctx.match.trim(),
  );
  const scope: "ask" | "shop" | "statement" = !words
    ? "ask"
    : /^(statement|كشف)/i.test(words[1])
    ? "statement"
    : "shop";
  const parsed = parsePeriod(words ? words[2] : ctx.match, "export", {
    t: ctx.t,
    locale: langOf(ctx).locale,
  });
  if (!parsed.ok) {
    await say(ctx, escapeHtml(parsed.error));
    return;
  }
  if (member.role !== "owner") {
    // Why a clerk cannot export, naming the role that can.
    await say(ctx, ctx.t("export-owner-only"));
    return;
  }
  const period = parsed.period;
  const selected = ctx.session.selected;
  if (scope === "statement" && !selected) {
    await say(ctx, ctx.t("export-pick-customer"));
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
      ctx.t("export-choose", { period: periodWords(ctx, period), name: bold(selected.name) }),
      new InlineKeyboard()
        .text(
          ctx.t("export-button-statement", { name: shorten(selected.name, 40) }),
          callbackFor(statement),
        ).row()
        .text(ctx.t("export-button-shop"), callbackFor({ period })),
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
  /** Why a clerk cannot export, naming the role that can. */
  const OWNER_ONLY = ctx.t("export-owner-only");
  await withLoader(
    ctx,
    ctx.t(request.customerId ? "export-building-statement" : "export-building-shop"),
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
          // The refusal path's own step (replies.ts forgetStale, as explainRefusal does)
          // drops the stale cached role; the text stays export's, which says what to do.
          forgetStale(ctx, error);
          return { text: OWNER_ONLY };
        }
        throw error;
      }
      if (data.too_large) return tooLarge(ctx, data, request);
      await cosmetic(() => ctx.replyWithChatAction("upload_document"));
      // Loaded here, on /export only: the writer is not part of any other command's work.
      const { buildWorkbook } = await import("../../export/workbook.ts");
      const built = buildWorkbook(data);
      const shop = data.head.shop;
      const lang = langOf(ctx);
      const when = periodWords(ctx, data.head.period);
      const caption = data.kind === "statement"
        ? ctx.t("export-caption-statement", {
          name: bold(data.customer.full_name),
          period: when,
          balance: bold(balanceText(data.closing_balance, shop, lang)),
        })
        : ctx.t("export-caption-shop", {
          shop: bold(shop.name),
          period: when,
          counts: shopCounts(ctx, data),
        });
      await ctx.replyWithDocument(new InputFile(built.bytes, built.fileName), {
        caption,
        parse_mode: "HTML",
      });
      return {
        text: ctx.t("export-sent", {
          file: escapeHtml(built.fileName),
          size: ctx.t("export-size", { size: kilobytes(built.bytes.length) }),
          sheets: escapeHtml(built.sheets.join(lang.locale === "ar" ? "، " : ", ")),
        }),
      };
    },
  );
}

/** The too-large answer: what would not fit, and a button per month that does. */
function tooLarge(ctx: PayContext, data: ExportTooLarge, request: ExportRequest): Reply {
  const locale = langOf(ctx).locale;
  const short = (month: string) => monthName(month, { short: true, locale });
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
        ctx.t("export-button-first-half", { month: short(month) }),
        callbackFor({ ...request, period: { from: period.from, to: middle } }),
      ).text(
        ctx.t("export-button-second-half", { month: short(month) }),
        callbackFor({ ...request, period: { from: `${month}-16`, to: period.to } }),
      ).row();
      shown = 0;
      continue;
    }
    keyboard.text(short(month), callbackFor({ ...request, period }));
    if (++shown % 3 === 0) keyboard.row();
  }
  const size = {
    rows: data.rows.toLocaleString("en-US"),
    period: periodWords(ctx, data.head.period),
    max: perFile.toLocaleString("en-US"),
  };
  const lines = [
    request.customerId && data.customer
      ? ctx.t("export-too-large-statement", { ...size, name: bold(data.customer.full_name) })
      : ctx.t("export-too-large-shop", size),
    ctx.t(data.months.length ? "export-too-large-months" : "export-too-large-shorter"),
    ctx.t("export-too-large-own", { examples: escapeHtml(periodExamples("export", ctx.t)) }),
  ];
  if (tooBig.length) lines.push(ctx.t("export-too-large-halves"));
  return { text: lines.join("\n"), keyboard: data.months.length ? keyboard : undefined };
}

/**
 * What the file holds, counted as its sheets count it: the Summary's customers and
 * archived-or-merged ones (the Customers sheet lists both), the rows of Transactions and
 * Spending (undone ones included, marked there).
 */
function shopCounts(ctx: PayContext, data: ShopExport): string {
  const count = (key: string, n: number) => ctx.t(key, { count: n, n: n.toLocaleString("en-US") });
  const { active, archived } = data.totals;
  const customers = count("export-count-customers", active) +
    (archived > 0 ? ` + ${count("export-count-archived", archived)}` : "");
  return [
    customers,
    count("export-count-transactions", data.transactions.length),
    count("export-count-expenses", data.expenses.length),
  ].join(" · ");
}

/** A file size, always in kB (1,024 bytes, one decimal), as the terminal chat shows files. */
export function kilobytes(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}
