/** Telegram HTML helpers: every user-supplied string goes through `escapeHtml`. */

/** Escapes &, < and > for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Bold, escaped. */
export function bold(text: string): string {
  return `<b>${escapeHtml(text)}</b>`;
}

/** Italic, escaped. */
export function italic(text: string): string {
  return `<i>${escapeHtml(text)}</i>`;
}
