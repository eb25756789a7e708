/** Arabic-Indic digits are written into what the member reads, and only into that. */
import assert from "node:assert/strict";
import { arabicIndicHtml, digitsTransformer } from "../../shared/i18n/digits.ts";

/** Runs a transformer over one call and returns the payload it passed on. */
async function passedOn(
  transformer: ReturnType<typeof digitsTransformer>,
  method: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> = {};
  const prev = (_method: unknown, p: unknown) => {
    seen = p as Record<string, unknown>;
    return Promise.resolve({ ok: true, result: true });
  };
  await transformer(prev as never, method as never, payload as never);
  return seen;
}

Deno.test("digits outside tags, entities, <code> and <pre> become Arabic-Indic", () => {
  assert.equal(
    arabicIndicHtml('<b>12</b> &#33; <code>/pay 30</code> <a href="https://x/1">2</a>'),
    '<b>١٢</b> &#33; <code>/pay 30</code> <a href="https://x/1">٢</a>',
  );
});

Deno.test("the member's digits go into their own chat only, not into a notice to someone else", async () => {
  const transformer = digitsTransformer(() => "arab", 1001);
  const own = await passedOn(transformer, "sendMessage", { chat_id: 1001, text: "50.00 ₪" });
  assert.equal(own.text, "٥٠.٠٠ ₪");
  const other = await passedOn(transformer, "sendMessage", { chat_id: 1002, text: "50.00 ₪" });
  assert.equal(other.text, "50.00 ₪", "the recipient's notice keeps the digits it was written in");
  const latin = await passedOn(digitsTransformer(() => "latn", 1001), "sendMessage", {
    chat_id: 1001,
    text: "50.00",
  });
  assert.equal(latin.text, "50.00");
});
