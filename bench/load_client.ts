/**
 * A load generator in its own process: POSTs Telegram updates to a webhook URL with a
 * fixed concurrency and prints one JSON line {sent, ok, non2xx, errors, seconds, rate}.
 * Usage: deno run --allow-net bench/load_client.ts <url> <secret> <count> <concurrency> <firstUpdateId> <members…>
 * Each member sends "/addtransaction 1" updates in turn; every update_id is new.
 */
const [url, secret, countText, concurrencyText, firstText, ...memberTexts] = Deno.args;
const count = Number(countText);
const concurrency = Number(concurrencyText);
const first = Number(firstText);
const members = memberTexts.map(Number);

function body(updateId: number): string {
  const userId = members[updateId % members.length];
  const user = { id: userId, is_bot: false, first_name: `Member ${userId}` };
  const text = "/addtransaction 1";
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      from: user,
      chat: { id: userId, type: "private", first_name: user.first_name },
      text,
      entities: [{ type: "bot_command", offset: 0, length: 15 }],
    },
  });
}

let next = 0;
let ok = 0;
let non2xx = 0;
let errors = 0;
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < count) {
    const updateId = first + next++;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: body(updateId),
      });
      await response.body?.cancel();
      if (response.ok) ok++;
      else non2xx++;
    } catch {
      errors++;
    }
  }
}));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ sent: count, ok, non2xx, errors, seconds, rate: count / seconds }));
