/**
 * Groups and supergroups: the ledger is private, so a command in a group gets a pointer
 * to the private chat and a button press there gets a notice; neither touches the ledger.
 */
import assert from "node:assert/strict";
import type { Chat, Message } from "grammy/types";
import { callbackQueryUpdate } from "../../shared/dev/terminal_chat.ts";
import { type ChatHarness, GROUP, openChat } from "../support/chat.ts";
import { engines } from "../support/databases.ts";
import { TEST_BOT_INFO } from "../support/fake_telegram.ts";

const PLAIN_GROUP: Chat.GroupChat = { id: -4_001_234_567, type: "group", title: "Shop family" };

/** Row counts of the ledger's tables. */
async function ledgerRows(h: ChatHarness): Promise<Record<string, number>> {
  const rows = await h.sql<{ shops: number; customers: number; active: number; actions: number }>(
    `select (select count(*)::int from public.shops) as shops,
            (select count(*)::int from public.customers) as customers,
            (select count(*)::int from public.customers where archived_at is null) as active,
            (select count(*)::int from public.actions) as actions`,
  );
  return { ...rows[0] };
}

for (const engine of await engines()) {
  for (const group of [GROUP, PLAIN_GROUP]) {
    Deno.test(`[${engine}] a command in a ${group.type} points to the private chat and changes nothing`, async () => {
      await using h = await openChat({ engine });
      const inGroup = h.owner.inGroup(group);
      const replies = await inGroup.says("/start");
      assert.equal(replies.length, 1);
      assert.equal(replies[0].chatId, group.id);
      assert.match(replies[0].text, /works only in a private chat/);
      assert.match(replies[0].text, /@paytrack_test_bot/);
      await inGroup.says("/addcustomer Mona | 0591111111");
      assert.match(inGroup.lastReply(), /works only in a private chat/);
      assert.deepEqual(await ledgerRows(h), { shops: 0, customers: 0, active: 0, actions: 0 });
      // Plain talk in the group is ignored: no reply at all.
      assert.deepEqual(await inGroup.says("see you tomorrow"), []);
    });

    Deno.test(`[${engine}] a button press in a ${group.type} is answered "private chat only" and changes nothing`, async () => {
      await using h = await openChat({ engine });
      await h.owner.says("/start");
      await h.owner.says("/addcustomer Mona | 0591111111");
      await h.owner.says("/undo");
      const question = h.owner.lastReplyFull();
      const yes = question.keyboard.flat().find((b) => /Yes/.test(b.text));
      assert.ok(yes?.data, `no Yes button: ${JSON.stringify(question.keyboard)}`);
      const before = await ledgerRows(h);
      assert.deepEqual(before, { shops: 1, customers: 1, active: 1, actions: 2 });

      // The same question, shown in the group (e.g. forwarded there), and pressed there.
      const inGroup: Message = {
        message_id: 77,
        date: h.telegram.api.now(),
        chat: group,
        from: TEST_BOT_INFO,
        text: question.text,
        reply_markup: question.message.reply_markup,
      } as Message;
      const id = h.nextUpdateId();
      h.telegram.clear();
      const replies = await h.deliver(callbackQueryUpdate(id, {
        id: `cq${id}`,
        from: h.owner.user,
        message: inGroup,
        data: yes.data,
      }));
      assert.deepEqual(replies, [], "nothing is sent or edited");
      const answers = h.telegram.callsTo("answerCallbackQuery");
      assert.equal(answers.length, 1);
      assert.equal(answers[0].payload.callback_query_id, `cq${id}`);
      assert.match(String(answers[0].payload.text), /works only in a private chat/);
      assert.deepEqual(h.telegram.calls.map((c) => c.method), ["answerCallbackQuery"]);
      assert.deepEqual(await ledgerRows(h), before, "the undo did not happen");

      // The same press in the private chat still works: the guard is about the chat only.
      await h.owner.presses(/Yes/);
      assert.deepEqual(await ledgerRows(h), { ...before, active: 0, actions: 3 });
    });
  }
}
