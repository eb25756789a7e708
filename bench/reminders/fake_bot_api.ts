/**
 * A minimal fake Bot API for the reminders benchmark, in its own process so the drain's CPU
 * time is the drain's: answers every sendMessage with ok, counts them per second and per chat,
 * and serves `GET /stats`. Prints its port on the first line of stdout.
 */
const at: number[] = [];
const perChat = new Map<number, number[]>();
let chars = 0;
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
  const url = new URL(req.url);
  if (url.pathname === "/stats") {
    // The most messages in any sliding second, and the closest two to one chat.
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < at.length; i++) {
      while (at[i] - at[j] >= 1000) j++;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    let minChatGapMs = Infinity;
    for (const times of perChat.values()) {
      for (let i = 1; i < times.length; i++) {
        minChatGapMs = Math.min(minChatGapMs, times[i] - times[i - 1]);
      }
    }
    return Response.json({
      messages: at.length,
      first: at[0],
      last: at.at(-1),
      maxPerSecond,
      minChatGapMs: Number.isFinite(minChatGapMs) ? minChatGapMs : null,
      chats: perChat.size,
      chars,
    });
  }
  const body = await req.json().catch(() => ({}));
  const now = performance.now() + performance.timeOrigin;
  if (url.pathname.endsWith("/sendMessage")) {
    at.push(now);
    const chat = Number(body.chat_id);
    perChat.set(chat, [...(perChat.get(chat) ?? []), now]);
    chars += String(body.text ?? "").length;
    return Response.json({
      ok: true,
      result: {
        message_id: at.length,
        date: Math.floor(now / 1000),
        chat: { id: chat, type: "private", first_name: "Customer" },
        text: body.text,
      },
    });
  }
  return Response.json({ ok: true, result: true });
});
console.log(server.addr.port);
