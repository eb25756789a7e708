/**
 * /overdue: what customers owe by due date, in ageing buckets (not yet due, 1-30, 31-60,
 * 61-90, 90+ days) in the shop's time zone, with a tap through to each customer.
 *
 * The figures come from overdue_report (one round trip, from the FIFO in SQL). A bucket's
 * button lists its customers (each under their oldest unpaid amount), paged in place; a
 * customer's button is the search list's select button. "🔔 Remind all overdue" is answered
 * by reminders.ts.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { PayContext } from "../context.ts";
import { defineCommands } from "../commands.ts";
import { CALLBACKS } from "../callbacks.ts";
import { langOf } from "../lang.ts";
import { requireMember } from "../membership.ts";
import { cosmetic, readOrExplain, say, showPage } from "../replies.ts";
import {
  OVERDUE_BUCKETS,
  type OverdueBucket,
  type OverdueCustomer,
  type OverdueReport,
} from "../../db/ledger/overdue.ts";
import { dayText, money, type Speech } from "../../text/format.ts";
import { bold } from "../../text/html.ts";
import { clip, fitLines, LIST_BUDGET, visibleLength } from "../../text/fit.ts";

export const overdue = new Composer<PayContext>();

/** The commands this feature owns (the registry: /help, the menu, README). */
export const overdueCommands = defineCommands({
  overdue: {
    area: "overdue",
    role: "member",
    menu: true,
  },
});

/** Each bucket's label (catalog keys). */
const BUCKET_LABELS: Record<OverdueBucket, string> = {
  "90_plus": "overdue-bucket-90-plus",
  "61_90": "overdue-bucket-61-90",
  "31_60": "overdue-bucket-31-60",
  "1_30": "overdue-bucket-1-30",
  not_due: "overdue-bucket-not-due",
  undated: "overdue-bucket-undated",
};

/** Customers per page of a bucket's list. */
export const OVERDUE_PAGE = 8;

/** One customer's line in a bucket's list. */
function customerLine(c: OverdueCustomer, n: number, r: OverdueReport, speech: Speech): string {
  const customer = bold(clip(c.full_name, 60));
  if (c.overdue > 0 && c.oldest_overdue_on) {
    return speech.t("overdue-line-overdue", {
      n: String(n),
      customer,
      amount: money(c.overdue, r.shop, speech),
      date: dayText(c.oldest_overdue_on, speech),
      days: c.days_overdue ?? 0,
    });
  }
  if (c.next_due_on) {
    return speech.t("overdue-line-next", {
      n: String(n),
      customer,
      amount: money(c.balance, r.shop, speech),
      date: dayText(c.next_due_on, speech),
    });
  }
  return speech.t("overdue-line-undated", {
    n: String(n),
    customer,
    amount: money(c.balance, r.shop, speech),
  });
}

/** The report as a message: the buckets, then the chosen bucket's customers (a page). */
export function overdueView(
  r: OverdueReport,
  speech: Speech,
): { text: string; keyboard?: InlineKeyboard } {
  const t = speech.t;
  if (r.owed === 0) return { text: t("overdue-nobody-owes") };
  const dated = r.buckets.filter((b) => b.bucket !== "undated").reduce((s, b) => s + b.total, 0);
  if (dated === 0) {
    return {
      text: `${t("overdue-no-due-dates", { amount: bold(money(r.owed, r.shop, speech)) })}\n\n${
        t("overdue-terms-hint")
      }`,
    };
  }
  const head = [
    t("overdue-title", { today: dayText(r.today, speech) }),
    r.overdue > 0
      ? t("overdue-total", {
        amount: money(r.overdue, r.shop, speech),
        count: r.overdue_customers,
      })
      : t("overdue-none-overdue"),
    "",
  ];
  for (const b of r.buckets) {
    if (b.total === 0) continue;
    head.push(t("overdue-bucket-line", {
      label: t(BUCKET_LABELS[b.bucket]),
      amount: money(b.total, r.shop, speech),
      count: b.customers,
    }));
  }
  const keyboard = new InlineKeyboard();
  // A button per bucket that lists anyone, two to a row.
  const listed = r.buckets.filter((b) => b.listed > 0);
  listed.forEach((b, i) => {
    keyboard.text(
      t("overdue-button-bucket", {
        label: t(BUCKET_LABELS[b.bucket]),
        count: String(b.listed),
      }),
      CALLBACKS.overduePage.build(OVERDUE_BUCKETS.indexOf(b.bucket), 0),
    );
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row();
  const footer = `\n\n${t("overdue-tap")}`;
  let body: string[] = [];
  if (r.bucket && r.customers.length) {
    const bucket = r.bucket;
    const heading = (to: number) =>
      t("overdue-list-heading", {
        label: t(BUCKET_LABELS[bucket]),
        from: String(r.offset + 1),
        to: String(to),
        total: String(r.total),
      });
    const fitted = fitLines(
      r.customers.map((c, i) => customerLine(c, r.offset + i + 1, r, speech)),
      LIST_BUDGET -
        visibleLength(head.join("\n") + heading(r.offset + r.customers.length) + footer) -
        4,
    );
    const shown = r.customers.slice(0, Math.max(1, fitted.lines.length));
    const to = r.offset + shown.length;
    body = ["", heading(to), ...fitted.lines];
    for (const c of shown) {
      const amount = c.overdue > 0 ? c.overdue : c.balance;
      keyboard.text(
        clip(`${c.full_name} · ${money(amount, r.shop, speech)}`, 60),
        CALLBACKS.select.build(c.id),
      )
        .row();
    }
    const index = OVERDUE_BUCKETS.indexOf(bucket);
    if (r.offset > 0) {
      keyboard.text(
        t("overdue-button-previous"),
        CALLBACKS.overduePage.build(index, Math.max(0, r.offset - OVERDUE_PAGE)),
      );
    }
    if (to < r.total) {
      keyboard.text(t("overdue-button-next"), CALLBACKS.overduePage.build(index, to));
    }
    keyboard.row();
  }
  if (r.overdue > 0) keyboard.text(t("overdue-button-remind-all"), CALLBACKS.remindAll.build());
  return { text: [...head, ...body].join("\n") + footer, keyboard };
}

async function showOverdue(
  ctx: PayContext,
  bucket: OverdueBucket | null,
  offset: number,
  edit: boolean,
): Promise<void> {
  const report = await readOrExplain(
    ctx,
    () => ctx.services.ledger.overdue.report(ctx.from!.id, { bucket, limit: OVERDUE_PAGE, offset }),
  );
  if (!report) return;
  if (offset > 0 && report.customers.length === 0) {
    await say(ctx, ctx.t("overdue-page-empty"));
    return;
  }
  const view = overdueView(report, langOf(ctx));
  await showPage(ctx, view.text, view.keyboard, edit);
}

overdue.command(overdueCommands.overdue.names, async (ctx) => {
  if (!(await requireMember(ctx))) return;
  await cosmetic(() => ctx.replyWithChatAction("typing"));
  await showOverdue(ctx, null, 0, false);
});

/** A bucket's button, or Previous / Next under its list: the page, in place. */
overdue.callbackQuery(CALLBACKS.overduePage.pattern, async (ctx) => {
  await cosmetic(() => ctx.answerCallbackQuery());
  if (!(await requireMember(ctx))) return;
  const bucket = OVERDUE_BUCKETS[Number(ctx.match[1])] ?? null;
  await showOverdue(ctx, bucket, Number(ctx.match[2]), true);
});
