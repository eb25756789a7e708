/**
 * Every reply fits Telegram's limits with ordinary (if large) data: the fake Bot API
 * refuses a text over 4,096 visible characters, bad HTML, callback data over 64 bytes
 * and more than 100 buttons, exactly as Telegram does, so an oversize list makes the
 * update fail. Each list must answer, stay within the limits, and still reach every
 * entry through its Next button (or say how many were left out).
 */
import assert from "node:assert/strict";
import { parseTelegramHtml } from "../../shared/dev/telegram_html.ts";
import {
  clip,
  fitLines,
  MESSAGE_LIMIT,
  truncateHtml,
  visibleLength,
} from "../../shared/text/fit.ts";
import { say, withLoader } from "../../shared/bot/replies.ts";
import { resultsPage } from "../../shared/bot/selection.ts";
import { tagsPage } from "../../shared/bot/features/tags.ts";
import type { CustomerList } from "../../shared/db/ledger.ts";
import type { TagList } from "../../shared/db/ledger/tags.ts";
import type { PayContext } from "../../shared/bot/context.ts";
import { type BotReply, type ChatHarness, openChat, OWNER } from "../support/chat.ts";

let updateId = 9_000_000;
const change = () => ({ actor: OWNER.id, updateId: ++updateId });

/** A shop whose owner has started the bot. */
async function shop(): Promise<ChatHarness> {
  const h = await openChat();
  await h.owner.says("/start");
  return h;
}

/** A name of `length` characters that search finds by its first word. */
const longName = (first: string, i: number, length = 120) =>
  `${first} ${String(i).padStart(3, "0")} ${"Abdelrahman-Alqudsi ".repeat(10)}`.slice(0, length)
    .trim();

/** Every reply the bot made fits, and its buttons are within Telegram's limits. */
function assertAllFit(h: ChatHarness): void {
  for (const reply of h.replies) assertFits(reply);
}

function assertFits(reply: BotReply): void {
  assert.ok(reply.text.length <= MESSAGE_LIMIT, `a reply of ${reply.text.length} characters`);
  // The lists fit by themselves: the guard in say() (which cuts at 4,096) never had to act.
  assert.ok(reply.text.length < 4000, `a reply of ${reply.text.length} characters was cut`);
  const buttons = reply.keyboard.flat();
  assert.ok(buttons.length <= 100, `${buttons.length} buttons`);
  for (const b of buttons) {
    if (b.data !== undefined) assert.ok(new TextEncoder().encode(b.data).length <= 64, b.data);
  }
}

/** Presses "Next ▶" until there is none, returning every page's text. */
async function allPages(h: ChatHarness, first: BotReply): Promise<string[]> {
  const pages = [first.text];
  let page = first;
  for (let i = 0; i < 100 && page.buttons.flat().includes("Next ▶"); i++) {
    await h.owner.presses("Next ▶", page);
    page = h.owner.lastReplyFull();
    assertFits(page);
    pages.push(page.text);
  }
  return pages;
}

Deno.test("/transactions with 60 long notes full of #tags answers, page by page, and reaches all 60", async () => {
  await using h = await shop();
  const { customer } = await h.ledger.addCustomer({ ...change(), fullName: longName("Karim", 1) });
  const ids: number[] = [];
  for (let i = 0; i < 60; i++) {
    const tags = Array.from({ length: 12 }, (_, t) => `#tag${t}x${i}`).join(" ");
    const note = `${i} ${tags} ${"a long note about the order ".repeat(20)}`.slice(0, 500);
    const r = await h.ledger.recordPurchase({
      ...change(),
      customerId: customer.id,
      amount: 100 + i,
      description: note,
    });
    ids.push(r.transaction.id);
  }
  await h.owner.says("/search karim");
  await h.owner.says("/transactions");
  const first = h.owner.lastReplyFull();
  assert.match(first.text, /Transactions 1–\d+ of 60, newest first/);
  assert.match(first.text, /…/, "a long note is cut with …");
  const pages = await allPages(h, first);
  const seen = new Set(pages.join("\n").match(/#\d+(?= ·)/g)!.map((x) => Number(x.slice(1))));
  assert.deepEqual([...seen].sort((a, b) => a - b), ids, "Next reaches every transaction");
  await h.owner.says("/summary");
  assert.match(h.owner.lastReply(), /Latest/);
  assertAllFit(h);
});

Deno.test("/search of customers with 40 tags and long names answers and Next reaches them all", async () => {
  await using h = await shop();
  const tags = Array.from({ length: 40 }, (_, t) => `${"category".repeat(3)}${t}`.slice(0, 32));
  for (let i = 0; i < 12; i++) {
    await h.ledger.addCustomer({
      ...change(),
      fullName: longName("Haddad", i),
      phone: `05900000${String(i).padStart(2, "0")}`,
      tags,
      nicknames: Array.from({ length: 15 }, (_, n) => `Nick ${n} ${"x".repeat(50)}`),
    });
  }
  await h.owner.says("/search haddad");
  const first = h.owner.lastReplyFull();
  assert.match(first.text, /12 matches for “haddad”/);
  const pages = await allPages(h, first);
  for (let i = 0; i < 12; i++) {
    assert.ok(
      pages.some((p) => p.includes(`Haddad ${String(i).padStart(3, "0")}`)),
      `customer ${i} reachable`,
    );
  }
  await h.owner.says("/search");
  const all = h.owner.lastReplyFull();
  assert.match(all.text, /Customers 1–/);
  await allPages(h, all);
  // The whole card of one of them: 40 tags, 15 nicknames, a long name.
  await h.owner.says(`/search #${tags[0]}`);
  assert.match(h.owner.lastReply(), /12 matches/);
  await h.owner.presses(/Haddad 003/);
  await h.owner.says("/summary");
  // Never bought: "no purchases yet", not "settled" (issue 13).
  assert.match(h.owner.lastReply(), /Balance: no purchases yet/);
  assertAllFit(h);
});

Deno.test("/summary of a linked household of 30 long-named customers answers with the group total", async () => {
  await using h = await shop();
  const { customer: head } = await h.ledger.addCustomer({
    ...change(),
    fullName: longName("Headman", 0),
  });
  for (let i = 1; i < 30; i++) {
    const { customer } = await h.ledger.addCustomer({
      ...change(),
      fullName: longName("Family", i),
    });
    await h.ledger.recordPurchase({ ...change(), customerId: customer.id, amount: 1000 });
    await h.ledger.links.link({ ...change(), customerId: head.id, otherId: customer.id });
  }
  for (let i = 0; i < 5; i++) {
    await h.ledger.recordPurchase({
      ...change(),
      customerId: head.id,
      amount: 500,
      description: `${"note ".repeat(100)}`.trim(),
    });
  }
  await h.owner.says("/search headman");
  await h.owner.says("/summary");
  const text = h.owner.lastReply();
  assert.match(text, /Linked accounts/);
  assert.match(text, /Together: owes \$315\.00/);
  assert.match(text, /…and \d+ more\nTogether/);
  assert.match(text, /Latest\n🛒 \$5\.00 note note/);
  assertAllFit(h);
});

Deno.test("/spending with 150 long expenses answers, with the month's totals cut to a count", async () => {
  await using h = await shop();
  for (let i = 0; i < 150; i++) {
    await h.ledger.spending.record({
      ...change(),
      item: `${i} ${"very long item name ".repeat(10)}`.slice(0, 200),
      price: 100 + i,
      vendor: `Vendor ${i} ${"Trading Company ".repeat(6)}`.slice(0, 100),
      category: `Category ${i} ${"supplies ".repeat(6)}`.slice(0, 60),
    });
  }
  await h.owner.says("/spending");
  const text = h.owner.lastReply();
  assert.match(text, /Spending/);
  assert.match(text, /150 expenses/);
  assert.match(text, /…and \d+ more/);
  assertAllFit(h);
});

Deno.test("/tags with 200 tags answers page by page (at most 100 buttons) and reaches every tag", async () => {
  await using h = await shop();
  const all: string[] = [];
  for (let c = 0; c < 10; c++) {
    const tags = Array.from({ length: 20 }, (_, t) => `t${c * 20 + t}${"z".repeat(28)}`);
    all.push(...tags);
    await h.ledger.addCustomer({ ...change(), fullName: `Tagged ${c}`, tags });
  }
  // Tags of 32 Arabic letters: 64 bytes of UTF-8, too long for a button's data.
  await h.ledger.addCustomer({
    ...change(),
    fullName: "Arabic Tags",
    tags: ["ب".repeat(32), "ت".repeat(32)],
  });
  all.push("ب".repeat(32), "ت".repeat(32));
  await h.owner.says("/tags");
  const first = h.owner.lastReplyFull();
  assert.match(first.text, /Tags/);
  const pages = await allPages(h, first);
  assert.ok(pages.length > 1, "the tags are paged");
  const shown = pages.join("\n");
  for (const tag of all) assert.ok(shown.includes(`#${tag}`), `#${tag} reachable`);
  // A tag button still works.
  await h.owner.says("/tags");
  await h.owner.presses(`#${all[0]}`);
  assert.match(h.owner.lastReply(), /Selected Tagged 0/);
  assertAllFit(h);
});

Deno.test("fit helpers: lines by visible length, clip, and HTML truncation that Telegram accepts", () => {
  assert.equal(visibleLength("<b>Tom &amp; Jerry</b> &lt;3 &#1605;"), 16);
  assert.equal(clip("groceries for the week", 10), "groceries…");
  assert.equal(clip("🙂🙂🙂", 4), "🙂…", "never half an emoji");
  const lines = Array.from({ length: 100 }, (_, i) => `<b>${i}</b> ${"&amp;".repeat(98)}`);
  const fitted = fitLines(lines, 1000);
  assert.equal(fitted.lines.length, 9); // 9 × 100 + 8 newlines ≤ 1000 < 10 × 100 + 9
  assert.equal(fitted.omitted, 91);
  for (
    const html of [
      `<b>${"x".repeat(5000)}</b>`,
      `<i>a</i> ${"&lt;b&gt; ".repeat(2000)}`,
      `${"🙂".repeat(3000)}`,
      `<s><b>${"y".repeat(4094)}</b></s> <i>more</i>`,
      `<a href="https://example.com/?a=1&amp;b=2">${"z".repeat(4100)}</a>`,
    ]
  ) {
    const cut = truncateHtml(html);
    const parsed = parseTelegramHtml(cut);
    assert.ok(parsed.ok, `${cut.slice(-40)}: ${!parsed.ok && parsed.error}`);
    if (parsed.ok) {
      assert.ok(parsed.text.length <= MESSAGE_LIMIT, `${parsed.text.length}`);
      assert.ok(parsed.text.endsWith("…"));
    }
  }
  assert.equal(truncateHtml("<b>short</b>"), "<b>short</b>");
});

Deno.test("say and withLoader never send a text over the limit (the last line of defence)", async () => {
  const sent: { method: string; text: string }[] = [];
  const ctx = {
    chat: { id: 1 },
    session: {},
    reply: (text: string) => {
      sent.push({ method: "reply", text });
      return Promise.resolve({ message_id: 7 });
    },
    api: {
      editMessageText: (_chat: number, _id: number, text: string) => {
        sent.push({ method: "edit", text });
        return Promise.resolve(true);
      },
    },
  } as unknown as PayContext;
  const huge = `<b>${"&amp;".repeat(5000)}</b>`;
  await say(ctx, huge);
  await withLoader(ctx, "Working…", () => Promise.resolve({ text: huge }));
  assert.deepEqual(sent.map((s) => s.method), ["reply", "reply", "edit"]);
  for (const { text } of [sent[0], sent[2]]) {
    const parsed = parseTelegramHtml(text);
    assert.ok(parsed.ok && parsed.text.length <= MESSAGE_LIMIT && parsed.text.endsWith("…"));
  }
});

Deno.test("callback data the lists build stays within 64 bytes, at the largest ids and offsets", () => {
  const shop = { id: 1, name: "S", currency: "USD", minor_unit: 2 } as TagList["shop"];
  const bytes = (markup: { inline_keyboard: object[][] }) =>
    markup.inline_keyboard.flat().map((b) =>
      new TextEncoder().encode((b as { callback_data?: string }).callback_data ?? "").length
    );
  const customers = Array.from({ length: 8 }, (_, i) => ({
    id: 999_999_999_999_990 + i,
    full_name: "ي".repeat(120),
    phone: null,
    tags: ["ب".repeat(32)],
    balance: 1,
  }));
  const list = {
    customers,
    total: 99_999_999,
    mode: "search",
    query: "ي".repeat(300),
    shop,
  } as unknown as CustomerList;
  const page = resultsPage(list, 9_999_990);
  assert.ok(Math.max(...bytes(page.keyboard)) <= 64);
  assert.ok(page.keyboard.inline_keyboard.flat().some((b) => b.text === "Next ▶"));
  const tags = {
    tags: Array.from({ length: 100 }, (_, i) => ({
      tag: `${"ب".repeat(30)}${i}`.slice(0, 32),
      customers: 1,
      owed: 1,
    })),
    note_tags: [],
    shop,
  } as TagList;
  const tagPage = tagsPage(tags, 60);
  assert.ok(Math.max(...bytes(tagPage.keyboard)) <= 64);
  assert.ok(tagPage.keyboard.inline_keyboard.flat().length <= 100);
});

// ---------------------------------------------------------------------------------------
// The replies issue 13 added, at their largest, in an Arabic chat.

/** The text without bidi isolation marks. */
const plainDigits = (text: string) => text.replace(/[\u2066-\u2069]/g, "");

/** An Arabic shop whose owner has started the bot. */
async function arabicShop(): Promise<ChatHarness> {
  const h = await openChat({
    language: "ar",
    defaultCurrency: "ILS",
    defaultTimeZone: "Asia/Hebron",
  });
  await h.owner.says("/start");
  return h;
}

/** A 64-character Arabic name (Telegram-long, 128 bytes in UTF-8) that starts with `first`. */
const arabicName = (first: string, i: number) =>
  `${first} ${String(i).padStart(3, "0")} ${"عبد الرحمن القدسي ".repeat(6)}`.slice(0, 64).trim();

Deno.test("Arabic /archived with 200 archived customers with 64-character names fits, and Next reaches them all", async () => {
  await using h = await arabicShop();
  for (let i = 0; i < 200; i++) {
    const { customer } = await h.ledger.addCustomer({
      ...change(),
      fullName: arabicName("يوسف", i),
    });
    await h.ledger.customers.archive({ ...change(), customerId: customer.id });
  }
  await h.owner.says("/archived");
  let page = h.owner.lastReplyFull();
  assertFits(page);
  assert.match(page.text, /200/);
  const seen = new Set<string>();
  for (let i = 0; i < 100; i++) {
    for (const m of page.text.matchAll(/يوسف (\d{3})/g)) seen.add(m[1]);
    const next = page.buttons.flat().find((b) => /التالي/.test(b));
    if (!next) break;
    await h.owner.presses(next, page);
    page = h.owner.lastReplyFull();
    assertFits(page);
  }
  assert.equal(seen.size, 200, "Next reaches every archived customer");
  await h.owner.presses(/استرجاع/, page);
  assertAllFit(h);
});

Deno.test("the invite-links list with 60 open invites fits (text, at most 100 buttons, callbacks within 64 bytes)", async () => {
  await using h = await arabicShop();
  for (let i = 0; i < 60; i++) {
    await h.ledger.team.createInvite({ ...change(), role: i % 3 ? "clerk" : "owner" });
  }
  await h.owner.says("/members");
  assertFits(h.owner.lastReplyFull());
  await h.owner.presses(/روابط دعوة/);
  const list = h.owner.lastReplyFull();
  assertFits(list);
  const shown = list.buttons.flat().filter((b) => /سحب الرابط/.test(b)).length;
  const more = Number(plainDigits(list.text).match(/و(\d+) رابطًا آخر/)?.[1] ?? 0);
  assert.ok(shown >= 20, `${shown} links shown`);
  assert.equal(shown + more, 60, "the links left out are counted");
  await h.owner.presses(/سحب الرابط/, list);
  assertAllFit(h);
});

Deno.test("/addcustomer when 40 customers share the name: the warning and its buttons fit", async () => {
  await using h = await arabicShop();
  const name = arabicName("محمد", 1);
  for (let i = 0; i < 40; i++) {
    await h.ledger.addCustomer({
      ...change(),
      fullName: name,
      phone: `0599${String(i).padStart(6, "0")}`,
    });
  }
  await h.owner.says(`/addcustomer ${name} 0599000007`);
  const warning = h.owner.lastReplyFull();
  assertFits(warning);
  assert.match(warning.text, /⚠️/);
  assert.ok(warning.buttons.flat().length >= 2, "select and add-anyway buttons");
  await h.owner.presses(/أضِف على أي حال/, warning);
  assert.equal(
    Number((await h.sql<{ n: number }>("select count(*)::int as n from public.customers"))[0].n),
    41,
  );
  assertAllFit(h);
});

Deno.test("/history 'Only <customer>' with 60 long notes fits, and Older pages on", async () => {
  await using h = await arabicShop();
  const name = arabicName("ليلى", 1);
  const { customer } = await h.ledger.addCustomer({ ...change(), fullName: name });
  for (let i = 0; i < 60; i++) {
    await h.ledger.recordPurchase({
      ...change(),
      customerId: customer.id,
      amount: 100 + i,
      description: `${i} ${"ملاحظة طويلة عن الطلب #بقالة ".repeat(20)}`.slice(0, 500),
    });
  }
  await h.owner.says(`/search ${name}`);
  await h.owner.says("/history");
  assertFits(h.owner.lastReplyFull());
  await h.owner.presses(/فقط/);
  let page = h.owner.lastReplyFull();
  assertFits(page);
  for (let i = 0; i < 10 && page.buttons.flat().some((b) => /الأقدم/.test(b)); i++) {
    await h.owner.presses(/الأقدم/, page);
    page = h.owner.lastReplyFull();
    assertFits(page);
  }
  assertAllFit(h);
});

Deno.test("Arabic /settings fits, with a 64-character shop name", async () => {
  await using h = await arabicShop();
  await h.owner.says(`/settings name ${arabicName("متجر", 1)}`);
  await h.owner.says("/settings");
  const settings = h.owner.lastReplyFull();
  assertFits(settings);
  assert.ok(settings.buttons.flat().length > 3);
  assertAllFit(h);
});

Deno.test("a bare 64-character Arabic name offers a search button whose callback fits in 64 bytes", async () => {
  await using h = await arabicShop();
  // Four words (a bare name is one to four words, letters only), 64 characters, 118 bytes.
  const name = "خالد عبدالرحمنالعبدالله أبوالخيرالقدسيالخليلي الأنصاريالتميميالحسيني"
    .slice(0, 64);
  assert.equal(name.length, 64);
  await h.ledger.addCustomer({ ...change(), fullName: name });
  await h.owner.says(name);
  const offer = h.owner.lastReplyFull();
  assertFits(offer);
  const button = offer.keyboard.flat().find((b) => b.data !== undefined);
  assert.ok(button, "a search button");
  await h.owner.presses(button.text, offer);
  assert.match(
    h.owner.lastReply(),
    /خالد عبدالرحمنالعبدالله/,
    "the button still finds the customer",
  );
  assertAllFit(h);
});
