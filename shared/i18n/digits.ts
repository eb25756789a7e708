/**
 * Arabic-Indic digits for members who chose them (/language): every number the bot writes
 * (amounts, counts, dates, phones) is converted as the message leaves, in one place (an API
 * transformer installed per update in create_bot.ts). Commands and examples in <code>/<pre>
 * keep Latin digits (they are meant to be typed), and so do HTML tags, their attributes and
 * character references. Input accepts both digit sets anyway (shared/domain/money.ts).
 */
import type { Transformer } from "grammy";
import type { Digits } from "../domain/language.ts";

const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";

/** Latin digits → Arabic-Indic in plain text. */
export function arabicIndic(text: string): string {
  return text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]);
}

/** Latin digits → Arabic-Indic in Telegram HTML, outside tags, entities, <code> and <pre>. */
export function arabicIndicHtml(html: string): string {
  let out = "";
  let verbatim = 0;
  for (const part of html.split(/(<[^>]*>|&[#\w]+;)/)) {
    if (part.startsWith("<")) {
      const tag = /^<(\/?)(code|pre)\b/i.exec(part);
      if (tag) verbatim += tag[1] ? -1 : 1;
      out += part;
    } else if (part.startsWith("&") || verbatim > 0) out += part;
    else out += arabicIndic(part);
  }
  return out;
}

/** Methods whose text (and buttons) a person reads. */
const TEXT_METHODS = new Set(["sendMessage", "editMessageText", "sendDocument", "sendPhoto"]);

/**
 * The transformer that writes `digits()`'s style into every text the bot sends to the member's
 * own chat (`chatId`). A notice to someone else (another owner, a customer) is written in that
 * person's digits by whoever builds it, so it is left as it is.
 */
export function digitsTransformer(digits: () => Digits, chatId?: number): Transformer {
  return (prev, method, payload, signal) => {
    // deno-lint-ignore no-explicit-any
    const target = (payload as any)?.chat_id;
    const elsewhere = chatId !== undefined && target !== undefined && target !== chatId;
    if (elsewhere || digits() !== "arab" || !TEXT_METHODS.has(method)) {
      return prev(method, payload, signal);
    }
    // deno-lint-ignore no-explicit-any
    const p = { ...(payload as any) };
    const html = p.parse_mode === "HTML";
    if (typeof p.text === "string") p.text = html ? arabicIndicHtml(p.text) : arabicIndic(p.text);
    if (typeof p.caption === "string") {
      p.caption = html ? arabicIndicHtml(p.caption) : arabicIndic(p.caption);
    }
    const rows = p.reply_markup?.inline_keyboard;
    if (Array.isArray(rows)) {
      p.reply_markup = {
        ...p.reply_markup,
        inline_keyboard: rows.map((row: { text: string }[]) =>
          row.map((button) => ({ ...button, text: arabicIndic(button.text) }))
        ),
      };
    }
    return prev(method, p, signal);
  };
}
