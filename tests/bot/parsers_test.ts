/**
 * The bot's parsers as pure functions, no database and no Telegram: amounts in the shop's
 * minor unit, names and hidden nicknames, notes, tags, phones, the shop PIN, transaction
 * numbers, and the one-line splitters (splitPipes and each flow's `split`). Flows are looked
 * up by command (flowNamed), so most of these tests do not depend on which feature file
 * holds them.
 */
import { said } from "../../shared/bot/flow_types.ts";
import { translator } from "../../shared/i18n/i18n.ts";
import assert from "node:assert/strict";
import "../../shared/bot/create_bot.ts"; // registers every flow
import { amountStep } from "../../shared/bot/amount_input.ts";
import { parseNameAndNicknames } from "../../shared/bot/customer_name.ts";
import { parseTransactionFilter } from "../../shared/bot/features/transactions.ts";
import { flowNamed, type Member, type Parsed, splitPipes, stepOf } from "../../shared/bot/flows.ts";
import { looksLikePin, parsePin } from "../../shared/bot/pin_gate.ts";
import { LIMITS } from "../../shared/domain/limits.ts";

const USD = { minorUnit: 2, currency: "USD" };
const JOD = { minorUnit: 3, currency: "JOD" };
const JPY = { minorUnit: 0, currency: "JPY" };

/** The one-line split of `/command args`. */
function split(command: string, args: string): Record<string, string> {
  const flow = flowNamed(command);
  assert.ok(flow, `a flow for /${command}`);
  return flow.split(args);
}

/** Parses `text` as the answer to the step `key` of `/command` (pure steps only). */
async function answer(
  command: string,
  key: string,
  text: string,
  shop: { minorUnit: number; currency: string } = USD,
): Promise<Parsed> {
  const step = stepOf(flowNamed(command), key);
  assert.ok(step, `/${command} has a step ${key}`);
  return await step.parse(text, undefined as never, shop as unknown as Member, {});
}

function ok(value: unknown): Parsed {
  return { ok: true, value } as Parsed;
}

function refused(parsed: Parsed, pattern: RegExp, input: string): void {
  assert.equal(parsed.ok, false, `${JSON.stringify(input)} was accepted`);
  if (!parsed.ok) assert.match(said(parsed.error, translator("en")), pattern, input);
}

// ---------------------------------------------------------------------------------------
// Amounts (recording, spending): minor units of the shop's currency
// ---------------------------------------------------------------------------------------

Deno.test("amountStep reads amounts in the shop's minor unit, Arabic-Indic digits and signs included", () => {
  const cases: [string, number][] = [
    ["50", 5000],
    ["12.50", 1250],
    ["12.5", 1250],
    [" 7 ", 700],
    [".5", 50],
    ["5.", 500],
    ["+5", 500],
    ["$5", 500],
    ["5$", 500],
    ["12,50", 1250],
    ["1,234.50", 123450],
    ["١٢٫٥٠", 1250],
    ["۱۲.۵", 1250],
  ];
  for (const [input, minor] of cases) assert.deepEqual(amountStep(input, USD), ok(minor), input);
  assert.deepEqual(amountStep("12.500", JOD), ok(12500));
  assert.deepEqual(amountStep("12.5", JOD), ok(12500));
  assert.deepEqual(amountStep("1200", JPY), ok(1200));
});

Deno.test("amountStep refuses what is not a positive amount, each with its own sentence", () => {
  const cases: [string, RegExp][] = [
    ["", /Please send an amount/],
    ["abc", /isn't an amount I understand/],
    ["😀", /isn't an amount I understand/],
    ["1e20", /isn't an amount I understand/],
    ["all", /isn't an amount I understand/],
    ["0", /more than zero/],
    ["0.00", /more than zero/],
    ["-5", /more than zero/],
    ["99999999999999999999", /too large/],
    ["12.345", /^USD allows at most 2 decimals\.$/],
  ];
  for (const [input, error] of cases) refused(amountStep(input, USD), error, input);
  refused(amountStep("1.2345", JOD), /^JOD allows at most 3 decimals\.$/, "1.2345");
  refused(amountStep("12.5", JPY), /^JPY has no decimals: send a whole amount\.$/, "12.5");
});

Deno.test("amountStep takes “all” (settle) only where it is allowed, in English or Arabic", () => {
  for (const input of ["all", " ALL ", "everything", "settle", "الكل", "كل"]) {
    assert.deepEqual(amountStep(input, USD, true), ok("all"), input);
  }
  refused(amountStep("all", USD), /isn't an amount/, "all");
  assert.deepEqual(amountStep("30", USD, true), ok(3000));
});

Deno.test("the amount steps of /addtransaction, /pay and /spend use the shop's decimals", async () => {
  assert.deepEqual(await answer("addtransaction", "amount", "12.5", JOD), ok(12500));
  refused(await answer("addtransaction", "amount", "12.5", JPY), /no decimals/, "12.5");
  assert.deepEqual(await answer("pay", "amount", "all"), ok("all"));
  refused(await answer("addtransaction", "amount", "all"), /isn't an amount/, "all");
  assert.deepEqual(await answer("spend", "price", "12.50"), ok(1250));
  refused(await answer("spend", "price", "0"), /zero or negative/, "0");
  refused(await answer("spend", "price", "abc"), /numeric value/, "abc");
});

// ---------------------------------------------------------------------------------------
// Names and hidden nicknames (customers)
// ---------------------------------------------------------------------------------------

Deno.test("parseNameAndNicknames: “Name ~ nickname ~ nickname”, spaces squeezed, a list [name, ...nicknames]", () => {
  assert.deepEqual(parseNameAndNicknames("John Smith"), ok(["John Smith"]));
  assert.deepEqual(parseNameAndNicknames("  John   Smith "), ok(["John Smith"]));
  assert.deepEqual(
    parseNameAndNicknames("John Smith ~ Abu Ali ~ Al Hajj"),
    ok(["John Smith", "Abu Ali", "Al Hajj"]),
  );
  assert.deepEqual(parseNameAndNicknames("John ~ "), ok(["John"]), "an empty nickname is dropped");
  assert.deepEqual(parseNameAndNicknames("مُحمّد أحمد"), ok(["مُحمّد أحمد"]));
  refused(parseNameAndNicknames(""), /can't be empty/, "");
  refused(parseNameAndNicknames("~ nobody"), /can't be empty/, "~ nobody");
  refused(parseNameAndNicknames("123"), /at least one letter/, "123");
  const long = "x".repeat(LIMITS.customerName + 1);
  refused(parseNameAndNicknames(long), /name is too long \(120 characters at most\)/, long);
  assert.equal(parseNameAndNicknames("x".repeat(LIMITS.customerName)).ok, true);
  const nickname = `John ~ ${"y".repeat(LIMITS.nickname + 1)}`;
  refused(parseNameAndNicknames(nickname), /nickname is too long \(60/, nickname);
});

Deno.test("/rename takes a name without “~”; /nickname takes one nickname with a letter or digit", async () => {
  assert.deepEqual(await answer("rename", "name", "John A. Smith"), ok("John A. Smith"));
  refused(await answer("rename", "name", "John ~ Abu"), /can't contain ~/, "John ~ Abu");
  refused(await answer("rename", "name", ""), /can't be empty/, "");
  refused(await answer("rename", "name", "123"), /at least one letter/, "123");

  assert.deepEqual(await answer("nickname", "nickname", "Al Hajj"), ok("Al Hajj"));
  assert.deepEqual(await answer("nickname", "nickname", "  al   hajj "), ok("al hajj"));
  assert.deepEqual(await answer("nickname", "nickname", "7"), ok("7"));
  refused(await answer("nickname", "nickname", ""), /can't be empty/, "");
  refused(await answer("nickname", "nickname", "--"), /letter or digit/, "--");
  const long = "x".repeat(LIMITS.nickname + 1);
  refused(await answer("nickname", "nickname", long), /too long \(60/, long);
});

// ---------------------------------------------------------------------------------------
// Phones (customers)
// ---------------------------------------------------------------------------------------

Deno.test("phones: 3 to 20 digits in any script, with +, spaces, dashes, dots and brackets", async () => {
  for (
    const phone of [
      "0590000000",
      "+970 59-000-0000",
      "(059) 000.0000",
      "٠٥٩٠٠٠٠٠٠٠",
      "123",
      "1".repeat(LIMITS.phoneDigitsMax),
    ]
  ) assert.deepEqual(await answer("addcustomer", "phone", phone), ok(phone), phone);
  for (const phone of ["12", "call me", "1".repeat(LIMITS.phoneDigitsMax + 1), "059#000"]) {
    refused(await answer("addcustomer", "phone", phone), /doesn't look like a phone number/, phone);
  }
});

// ---------------------------------------------------------------------------------------
// Notes and tags (recording, tags)
// ---------------------------------------------------------------------------------------

Deno.test("notes: spaces squeezed, #tags kept, empty allowed, at most LIMITS.note characters", async () => {
  for (const command of ["addtransaction", "pay"]) {
    assert.deepEqual(
      await answer(command, "note", "  groceries   and  milk "),
      ok("groceries and milk"),
    );
    assert.deepEqual(await answer(command, "note", "#weekly bread"), ok("#weekly bread"));
    assert.deepEqual(await answer(command, "note", ""), ok(""));
    assert.equal((await answer(command, "note", "x".repeat(LIMITS.note))).ok, true);
    const long = "x".repeat(LIMITS.note + 1);
    refused(await answer(command, "note", long), /too long \(500/, long.slice(0, 10));
  }
});

Deno.test("tags: # optional, lower-cased, duplicates dropped, commas or spaces, at most 20", async () => {
  for (const command of ["tag", "untag"]) {
    assert.deepEqual(await answer(command, "tags", "#vip #Neighbor"), ok("vip neighbor"));
    assert.deepEqual(await answer(command, "tags", "vip, neighbor"), ok("vip neighbor"));
    assert.deepEqual(await answer(command, "tags", "#vip #VIP"), ok("vip"));
    refused(await answer(command, "tags", ""), /at least one tag/, "");
    refused(await answer(command, "tags", "#a&b"), /“#a&amp;b” isn't a tag/, "#a&b");
    refused(await answer(command, "tags", "#"), /isn't a tag/, "#");
    const many = Array.from({ length: LIMITS.tagsPerCustomer + 1 }, (_, i) => `t${i}`).join(" ");
    refused(await answer(command, "tags", many), /At most 20 tags/, many);
  }
});

// ---------------------------------------------------------------------------------------
// The shop PIN (pin)
// ---------------------------------------------------------------------------------------

Deno.test("parsePin: 4 to 8 digits (Arabic-Indic and Persian digits read as Western), nothing else", () => {
  const accepted: [string, string][] = [
    ["1234", "1234"],
    ["12345678", "12345678"],
    [" 1234 ", "1234"],
    ["١٢٣٤", "1234"],
    ["۱۲۳۴", "1234"],
  ];
  for (const [input, pin] of accepted) {
    assert.deepEqual(parsePin(input), { ok: true, value: pin }, input);
    assert.equal(looksLikePin(input), true, input);
  }
  for (const input of ["", "123", "123456789", "12a4", "12 34", "-1234"]) {
    const refused = parsePin(input);
    assert.ok(!refused.ok, input);
    assert.equal(said(refused.error, translator("en")), "A PIN is 4 to 8 digits, nothing else.");
    assert.equal(looksLikePin(input), false, input);
  }
});

// ---------------------------------------------------------------------------------------
// Transaction numbers (transactions)
// ---------------------------------------------------------------------------------------

Deno.test("/transaction takes a positive whole number, with or without #, in any digits", async () => {
  for (const [input, id] of [["12", 12], ["#12", 12], ["١٢", 12]] as const) {
    assert.deepEqual(await answer("transaction", "id", input), ok(id), input);
  }
  for (const input of ["0", "abc", "1.5", "1".repeat(16)]) {
    refused(await answer("transaction", "id", input), /whole number, like 12/, input);
  }
});

Deno.test("/transactions filters: one #tag (lower-cased) and a period in UTC, labelled", () => {
  const filter = (text: string) => {
    const parsed = parseTransactionFilter(text);
    assert.ok(parsed.ok, `${text}: ${!parsed.ok && parsed.error}`);
    return { ...parsed.filter };
  };
  const november = { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" };
  assert.deepEqual(filter(""), { tag: null, from: null, to: null, label: "" });
  assert.deepEqual(filter("#weekly"), { tag: "weekly", from: null, to: null, label: "#weekly" });
  assert.deepEqual(filter("#Weekly 2026-11"), {
    tag: "weekly",
    ...november,
    label: "#weekly, November 2026",
  });
  for (const month of ["2026-11", "Nov 2026", "٢٠٢٦-١١"]) {
    assert.deepEqual(filter(month), { tag: null, ...november, label: "November 2026" }, month);
  }
  assert.deepEqual(filter("2026-11-05"), {
    tag: null,
    from: "2026-11-05T00:00:00.000Z",
    to: "2026-11-06T00:00:00.000Z",
    label: "5 Nov 2026",
  });
  assert.deepEqual(filter("2026-11-01..2026-11-15"), {
    tag: null,
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-11-16T00:00:00.000Z",
    label: "1 Nov 2026 – 15 Nov 2026",
  });
  const refusals: [string, RegExp][] = [
    ["#a #b", /One #tag at a time/],
    ["#a&b", /“#a&amp;b” isn't a filter/],
    ["2026-13", /there is no month 2026-13/],
    ["2026-11-15..2026-11-01", /ends before it starts/],
    ["last week", /“last week” isn't a filter/],
  ];
  for (const [text, error] of refusals) {
    const parsed = parseTransactionFilter(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.error, error, text);
  }
});

Deno.test("/link and /merge ask for the other customer: a non-empty query, spaces squeezed, 200 at most", async () => {
  for (const command of ["link", "merge"]) {
    assert.deepEqual(await answer(command, "other", "  jon   smyth "), ok("jon smyth"));
    refused(await answer(command, "other", ""), /name, phone or #tag/, "");
    assert.deepEqual(await answer(command, "other", "x".repeat(250)), ok("x".repeat(200)));
  }
});

// ---------------------------------------------------------------------------------------
// One-line forms: splitPipes and each flow's split
// ---------------------------------------------------------------------------------------

Deno.test("splitPipes trims each part and keeps what is past `max` in the last one", () => {
  assert.deepEqual(splitPipes("a | b | c | d", 2), ["a", "b | c | d"]);
  assert.deepEqual(splitPipes(" a|b ", 3), ["a", "b"]);
  assert.deepEqual(splitPipes("a", 2), ["a"]);
  assert.deepEqual(splitPipes("a ||", 3), ["a", "", ""]);
});

Deno.test("each flow splits its one-line form into its steps' answers", () => {
  const cases: [string, string, Record<string, string>][] = [
    ["addcustomer", "John Smith ~ Abu Ali | 0590000000", {
      name: "John Smith ~ Abu Ali",
      phone: "0590000000",
    }],
    ["addcustomer", "John", { name: "John", phone: undefined as unknown as string }],
    ["addcustomer", "a | b | c", { name: "a", phone: "b | c" }],
    ["addtransaction", "50 | groceries #weekly", { amount: "50", note: "groceries #weekly" }],
    ["addtransaction", "50 groceries and milk", { amount: "50", note: "groceries and milk" }],
    ["addtransaction", "50", { amount: "50", note: "" }],
    ["pay", "all", { amount: "all", note: "" }],
    ["pay", "30|cash|extra", { amount: "30", note: "cash|extra" }],
    ["spend", "12.50 | milk crates | Dairy Co | supplies", {
      price: "12.50",
      item: "milk crates",
      vendor: "Dairy Co",
      category: "supplies",
    }],
    ["spend", "milk crates | 12.50", {
      item: "milk crates",
      price: "12.50",
      vendor: "",
      category: "",
    }],
    ["spend", "milk | bread", { price: "milk", item: "bread", vendor: "", category: "" }],
    ["setpin", "1234 1234", { pin: "1234", confirm: "1234" }],
    ["setpin", "1234|1234", { pin: "1234", confirm: "1234" }],
    ["setpin", "1234", { pin: "1234", confirm: "" }],
    ["rename", "John A. Smith", { name: "John A. Smith" }],
    ["nickname", "Al Hajj", { nickname: "Al Hajj" }],
    ["tag", "#vip #neighbor", { tags: "#vip #neighbor" }],
    ["untag", "#vip", { tags: "#vip" }],
    ["link", "0592222222", { other: "0592222222" }],
    ["merge", "jon smyth", { other: "jon smyth" }],
    ["transaction", "#12", { id: "#12" }],
    ["unlink", "x", {}],
    ["transactions", "#weekly", {}],
    ["deletecustomer", "x", {}],
    ["undo", "x", {}],
  ];
  for (const [command, args, expected] of cases) {
    assert.deepEqual({ ...split(command, args) }, expected, `/${command} ${args}`);
  }
});
