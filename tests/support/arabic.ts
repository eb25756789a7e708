/**
 * Checks for Arabic chats: a reply meant for an Arabic reader holds no English sentence.
 * Commands (/pay), names the test chose, currency codes, numbers, emoji and HTML are allowed.
 */
import assert from "node:assert/strict";

/** Fails when `text` has two English words in a row once commands and `allowed` are removed. */
export function assertNoEnglish(text: string, allowed: readonly string[] = []): void {
  let rest = text.replace(/<[^>]+>/g, " ").replace(/&[#\w]+;/g, " ");
  for (const a of [...allowed].sort((x, y) => y.length - x.length)) rest = rest.split(a).join(" ");
  rest = rest
    .replace(/\/[a-z_]+(@\w+)?/gi, " ") // commands
    .replace(/#[\p{L}\p{N}_-]+/gu, " ") // tags
    .replace(
      /\b(PayTrack|PIN|USD|ILS|JOD|EUR|JPY|SAR|AED|EGP|IQD|KWD|BHD|OMR|QAR|GBP|Excel|xlsx|Telegram)\b/g,
      " ",
    );
  const english = rest.match(/\b[A-Za-z]{2,}(?:[\s,.'’-]+[A-Za-z]{2,})+/);
  assert.equal(english, null, `an English phrase in an Arabic reply: "${english?.[0]}"\n${text}`);
}

/** True when `text` has Arabic letters. */
export function hasArabic(text: string): boolean {
  return /[\u0600-\u06FF]/.test(text);
}
