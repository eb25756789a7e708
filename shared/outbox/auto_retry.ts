/**
 * `@grammyjs/auto-retry` (2.0.2), behind a module of its own so the sender can load it only
 * when a drain has something to send: its npm build requires grammY's Node build (node-fetch,
 * whatwg-url, a second grammY) and `debug`, prints a `punycode` deprecation warning, and took
 * 56–109 ms and 14 MB more to import after `grammy/web` here (5 fresh processes). The edge
 * deploy test wants every lazy import relative and literal: this is that import.
 */
export { autoRetry } from "@grammyjs/auto-retry";
