/**
 * The input limits: every parser takes exactly the limit and refuses one more, and its
 * message quotes the constant. (tests/db/limits_test.ts checks that the database agrees.)
 */
import { said } from "../../shared/bot/flow_types.ts";
import { translator } from "../../shared/i18n/i18n.ts";
const en = translator("en");
import assert from "node:assert/strict";
import {
  charCount,
  LIMITS,
  PIN_INVALID,
  TAG_PATTERN,
  tooLong,
  tooLongMessage,
} from "../../shared/domain/limits.ts";
import { parseNameAndNicknames } from "../../shared/bot/customer_name.ts";
import { parseNickname, parsePhone } from "../../shared/bot/features/customers.ts";
import { spendFlow } from "../../shared/bot/features/spending.ts";
import { parseTags } from "../../shared/bot/features/tags.ts";
import { purchaseFlow } from "../../shared/bot/features/recording.ts";
import { parseTransactionFilter } from "../../shared/bot/features/transactions.ts";
import { looksLikePin, parsePin } from "../../shared/bot/pin_gate.ts";
import { friendlyError } from "../../shared/bot/friendly_errors.ts";
import type { Flow, Parsed } from "../../shared/bot/flow_types.ts";

/** A step's parser, for steps that read text alone (no context needed). */
function stepParser(flow: Flow, key: string): (text: string) => Parsed {
  const step = flow.steps.find((s) => s.key === key)!;
  return (text) => step.parse(text, {} as never, {} as never, {}) as Parsed;
}

/** `parse` accepts `max` characters and refuses `max + 1` with the limit's message. */
function boundary(
  what: Parameters<typeof tooLongMessage>[0],
  parse: (text: string) => Parsed,
  max: number,
  message = tooLongMessage(what, max),
  letter = "ب",
) {
  const at = parse(letter.repeat(max));
  assert.ok(at.ok, `${what}: ${max} characters are fine (${at.ok ? "" : at.error})`);
  const over = parse(letter.repeat(max + 1));
  assert.ok(!over.ok, `${what}: ${max + 1} characters are refused`);
  assert.equal(said(over.error, en), said(message, en), what);
  assert.match(
    said(over.error, en),
    new RegExp(`\\b${max}\\b`),
    `${what}: the message says ${max}`,
  );
}

Deno.test("characters are code points, as Postgres counts them", () => {
  assert.equal(charCount("🙂🙂"), 2, "not 4 UTF-16 units");
  assert.equal(charCount("أحمد"), 4);
  assert.ok(tooLong("ab", 1) && !tooLong("🙂", 1));
  assert.equal(
    said(tooLongMessage("note", 500), en),
    "That note is too long (500 characters at most).",
  );
});

Deno.test("names, nicknames, notes and expense texts stop exactly at their limit", () => {
  boundary("name", parseNameAndNicknames, LIMITS.customerName);
  boundary("nickname", (t) => parseNameAndNicknames(`Ali ~ ${t}`), LIMITS.nickname);
  boundary("nickname", parseNickname, LIMITS.nickname);
  boundary("note", stepParser(purchaseFlow, "note"), LIMITS.note, undefined, "🙂");
  boundary("item", stepParser(spendFlow, "item"), LIMITS.item);
  boundary("vendor", stepParser(spendFlow, "vendor"), LIMITS.vendor);
  boundary("category", stepParser(spendFlow, "category"), LIMITS.category);
});

Deno.test("phones, PINs and tags follow the limits", () => {
  const digits = (n: number) => "5".repeat(n);
  assert.ok(parsePhone(digits(LIMITS.phoneDigitsMin)).ok);
  assert.ok(!parsePhone(digits(LIMITS.phoneDigitsMin - 1)).ok);
  assert.ok(parsePhone(digits(LIMITS.phoneDigitsMax)).ok);
  const long = parsePhone(digits(LIMITS.phoneDigitsMax + 1));
  assert.ok(!long.ok);
  assert.match(
    said(long.error, en),
    new RegExp(`${LIMITS.phoneDigitsMin} to ${LIMITS.phoneDigitsMax}`),
  );
  const spaced = Array(LIMITS.phoneDigitsMax).fill("5").join(" - ");
  assert.ok(spaced.length > LIMITS.phone);
  assert.ok(!parsePhone(spaced).ok, `over ${LIMITS.phone} characters typed`);

  for (let n = LIMITS.pinMin - 1; n <= LIMITS.pinMax + 1; n++) {
    const inside = n >= LIMITS.pinMin && n <= LIMITS.pinMax;
    assert.equal(parsePin(digits(n)).ok, inside, `PIN of ${n}`);
    assert.equal(looksLikePin(digits(n)), inside, `looks like a PIN: ${n}`);
  }
  const pin = parsePin("12");
  assert.ok(!pin.ok);
  assert.equal(said(pin.error, en), said(PIN_INVALID, en));
  assert.equal(
    said(PIN_INVALID, en),
    `A PIN is ${LIMITS.pinMin} to ${LIMITS.pinMax} digits, nothing else.`,
  );

  const tag = "ت".repeat(LIMITS.tag);
  assert.ok(TAG_PATTERN.test(`#${tag}`));
  assert.ok(parseTags(`#${tag}`).ok);
  const over = parseTags(`#${tag}x`);
  assert.ok(!over.ok);
  assert.match(said(over.error, en), new RegExp(`up to ${LIMITS.tag}`));
  assert.ok(parseTransactionFilter(`#${tag}`).ok);
  assert.ok(!parseTransactionFilter(`#${tag}x`).ok);
  const many = Array.from({ length: LIMITS.tagsPerCustomer + 1 }, (_, i) => `#t${i}`).join(" ");
  assert.ok(!parseTags(many).ok);
  assert.ok(parseTags(many.replace(/ #t20$/, "")).ok);
});

Deno.test("the database's refusals quote the same limits", () => {
  assert.equal(
    friendlyError("name_too_long"),
    said(tooLongMessage("name", LIMITS.customerName), en),
  );
  assert.equal(
    friendlyError("nickname_too_long"),
    said(tooLongMessage("nickname", LIMITS.nickname), en),
  );
  assert.equal(
    friendlyError("description_too_long"),
    said(tooLongMessage("note", LIMITS.note), en),
  );
  assert.equal(friendlyError("item_too_long"), said(tooLongMessage("item", LIMITS.item), en));
  assert.equal(friendlyError("vendor_too_long"), said(tooLongMessage("vendor", LIMITS.vendor), en));
  assert.equal(
    friendlyError("category_too_long"),
    said(tooLongMessage("category", LIMITS.category), en),
  );
  assert.equal(friendlyError("pin_invalid"), said(PIN_INVALID, en));
  assert.match(friendlyError("too_many_tags"), new RegExp(`at most ${LIMITS.tagsPerCustomer} `));
  assert.match(friendlyError("tags_required"), new RegExp(`up to ${LIMITS.tag} `));
});
