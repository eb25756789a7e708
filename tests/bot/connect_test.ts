/**
 * /connect end to end through the real bot: the link and its QR photo, the customer's consent,
 * refusals (wrong, used, forged), /balance, /statement, /disconnect and the owner's Unlink.
 */
import assert from "node:assert/strict";
import { type ChatHarness, type ChatUser, openChat, OWNER } from "../support/chat.ts";
import { callbackQueryUpdate } from "../../shared/dev/terminal_chat.ts";
import { engines } from "../support/databases.ts";

const options = { sanitizeOps: false, sanitizeResources: false };

/** The width and height a PNG's IHDR says. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...bytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

for (const engine of await engines()) {
  Deno.test(
    `a customer links their Telegram with consent and reads their own account [${engine}]`,
    options,
    async () => {
      await using h = await openChat({ engine });
      await h.owner.says("/start");
      await h.owner.says("/addcustomer Layla Nasser");
      await h.owner.says("/addtransaction 50 rice");
      await h.owner.says("/connect");
      const photo = h.telegram.callsTo("sendPhoto").at(-1)!;
      assert.ok(photo, "a QR photo was sent");
      const caption = String(photo.payload.caption);
      assert.ok(caption.length <= 1024);
      const code = caption.match(/start=c_([A-Za-z0-9_-]+)/)![1];
      assert.ok(code.length >= 22, "at least 128 bits");
      const file = photo.payload.photo as { bytes?: Uint8Array; data?: Uint8Array };
      const bytes = (file.bytes ?? file.data)!;
      const size = pngSize(bytes);
      assert.ok(size.width >= 100 && size.width === size.height);
      // Only the hash is stored.
      const stored = await h.sql<{ n: number }>(
        "select count(*)::int as n from public.customer_link_codes where code_hash = sha256(convert_to($1, 'UTF8'))",
        [code],
      );
      assert.equal(stored[0].n, 1);

      const layla = h.user({ id: 5001, is_bot: false, first_name: "Layla", language_code: "en" });
      await layla.says(`/start c_${code}`);
      assert.match(layla.lastReply(), /says this account is yours: Layla Nasser\. Is it\?/);
      // No: nothing is linked and the code stays unused.
      await layla.presses("No");
      assert.match(layla.lastReply(), /Nothing was linked/);
      assert.equal(
        (await h.sql("select 1 from public.customer_link_codes where used_at is null")).length,
        1,
      );
      await layla.says(`/start c_${code}`);
      // Someone else sending Yes for this link (its id in forged callback data) is refused.
      const forger = h.user({ id: 5002, is_bot: false, first_name: "Eve" });
      const linkId = layla.lastReplyFull().keyboard.flat()[0].data!.split(":")[2];
      await forger.says("/balance");
      await forge(h, forger, `cl:yes:${linkId}`);
      assert.match(forger.lastReply(), /does not work/);
      assert.doesNotMatch(forger.lastReply(), /Layla|Owner/);
      assert.equal((await h.sql("select * from public.customer_accounts")).length, 0);
      await layla.presses("Yes");
      assert.match(layla.lastReply(), /Linked/);
      assert.equal(
        (await h.sql("select * from public.customer_accounts where ended_at is null")).length,
        1,
      );
      // Used now.
      await forger.says(`/start c_${code}`);
      assert.match(forger.lastReply(), /already used/);
      assert.doesNotMatch(forger.lastReply(), /Layla|Owner/);
      await forger.says("/start c_nonsense");
      assert.match(forger.lastReply(), /does not work/);

      await layla.says("/balance");
      assert.match(layla.lastReply(), /Layla Nasser/);
      assert.match(layla.lastReply(), /Purchase/);
      await layla.says("/statement");
      assert.match(layla.lastReply(), /statement/i);
      await layla.says("/summary");
      assert.match(layla.lastReply(), /You are a customer of/);

      // The owner's card offers Unlink now.
      await h.owner.says("/summary");
      await h.owner.presses("Unlink Telegram");
      assert.match(h.owner.lastReply(), /Unlinked/);
      await layla.says("/balance");
      assert.match(layla.lastReply(), /not linked/);
    },
  );

  Deno.test(
    `a customer of two shops: /start shows both, /statement and /disconnect ask which, forged ids refused [${engine}]`,
    options,
    async () => {
      const second = { id: 2001, is_bot: false, first_name: "Salma", language_code: "en" };
      await using h = await openChat({ engine, ownerIds: [OWNER.id, second.id] });
      const salma = h.user(second);
      await h.owner.says("/start");
      await salma.says("/start");
      const layla = h.user({ id: 5001, is_bot: false, first_name: "Layla", language_code: "en" });
      const other = h.user({ id: 5003, is_bot: false, first_name: "Other", language_code: "en" });
      // Shop one: through the /summary card's button; shop two: /connect.
      await h.owner.says("/addcustomer Layla Nasser");
      await h.owner.says("/addtransaction 50 rice");
      await h.owner.says("/summary");
      await h.owner.presses("🔗 Connect Telegram");
      await linkThrough(h, layla);
      assert.ok(
        h.telegram.callsTo("sendMessage").some((c) =>
          c.payload.chat_id === OWNER.id &&
          /Layla Nasser<\/b> linked their Telegram/.test(String(c.payload.text))
        ),
        "the owner is told",
      );
      await salma.says("/addcustomer Layla N.");
      await salma.says("/addtransaction 7 bread");
      await salma.says("/connect");
      await linkThrough(h, layla);
      await salma.says("/addcustomer Secret Person");
      await salma.says("/addtransaction 999 secret");
      await salma.says("/connect");
      await linkThrough(h, other);

      await layla.says("/start");
      const home = layla.lastReply();
      assert.match(home, /Layla Nasser/);
      assert.match(home, /Layla N\./);
      assert.doesNotMatch(home, /Secret|secret|999/);
      await layla.says("/statement");
      assert.deepEqual(layla.buttons().flat().length, 2);
      await layla.presses(/Salma/);
      assert.match(layla.lastReply(), /bread/);
      // Someone else's account id in forged callback data.
      const theirs = (await h.sql<{ id: number }>(
        "select id from public.customer_accounts where telegram_user_id = 5003",
      ))[0].id;
      await forge(h, layla, `cs:${theirs}`);
      assert.match(layla.lastReply(), /not found/);
      await forge(h, layla, `cd:${theirs}`);
      assert.match(layla.lastReply(), /not found/);
      assert.equal(
        (await h.sql("select 1 from public.customer_accounts where ended_at is null")).length,
        3,
      );

      await layla.says("/disconnect");
      await layla.presses(/Owner/);
      assert.match(layla.lastReply(), /Unlinked from/);
      await layla.says("/balance");
      assert.doesNotMatch(layla.lastReply(), /Layla Nasser/);
      assert.match(layla.lastReply(), /Layla N\./);
      const [ended] = await h.sql<{ action: string; by: boolean }>(
        "select action, (action_info->>'by_customer')::boolean as by from public.actions where action = 'customer_link_ended'",
      );
      assert.deepEqual(ended, { action: "customer_link_ended", by: true });
    },
  );

  Deno.test(
    `a member of one shop who is a customer of another sees only their own account [${engine}]`,
    options,
    async () => {
      const second = { id: 2001, is_bot: false, first_name: "Salma", language_code: "en" };
      await using h = await openChat({ engine, ownerIds: [OWNER.id, second.id] });
      const salma = h.user(second);
      await h.owner.says("/start");
      await salma.says("/start");
      await salma.says("/addcustomer Owner Elsewhere");
      await salma.says("/addtransaction 12 tea");
      await salma.says("/addcustomer Another Customer");
      await salma.says("/addtransaction 34 coffee");
      await salma.says("/search Owner Elsewhere");
      await salma.says("/connect");
      await linkThrough(h, h.owner);
      await h.owner.says("/balance");
      assert.match(h.owner.lastReply(), /Owner Elsewhere/);
      assert.doesNotMatch(h.owner.lastReply(), /Another|coffee/);
      // Still a member of their own shop: /start greets them as its owner, /search is theirs.
      await h.owner.says("/start");
      assert.doesNotMatch(h.owner.lastReply(), /Your accounts/);
      await h.owner.says("/search");
      assert.doesNotMatch(h.owner.lastReply(), /Owner Elsewhere|Another Customer/);
    },
  );
}

/** The customer opens the latest link the bot sent and says Yes. */
async function linkThrough(h: ChatHarness, customer: ChatUser): Promise<void> {
  const photo = h.telegram.callsTo("sendPhoto").at(-1)!;
  const code = String(photo.payload.caption).match(/start=c_([A-Za-z0-9_-]+)/)![1];
  await customer.says(`/start c_${code}`);
  await customer.presses("Yes");
  assert.match(customer.lastReply(), /Linked/);
}

/** Presses a button that was never sent: callback data made up by the user. */
async function forge(h: ChatHarness, user: ChatUser, data: string): Promise<void> {
  const message = user.lastReplyFull().message;
  const updateId = h.nextUpdateId();
  await h.deliver(
    callbackQueryUpdate(updateId, { id: `cq${updateId}`, from: user.user, message, data }),
  );
}
