/**
 * The host's JSON lines: one line per message object, serialized and UTF-8
 * encoded once however many members get it (and its text serialized once
 * for the WebSockets of the web page, which take text); and in a `view`, which is
 * built for one seat, the parts the game shares between seats (frozen by
 * games/shared.ts: a question, a leaderboard, a reveal) serialized once
 * and their JSON reused in every seat's line.
 *
 * @module
 */
import { utf8 } from "../protocol/framing.ts";
import { isShared } from "../games/shared.ts";
import type { HostMessage } from "../protocol/messages.ts";
import type { GameMessage } from "../games/types.ts";

/** What the host sends. */
type Message = HostMessage | GameMessage;

/** The encoded line of each message object sent. */
const lines = new WeakMap<object, Uint8Array>();
/** The JSON text of each message object sent. */
const texts = new WeakMap<object, string>();
/** The JSON of each shared part met in a view (games/shared.ts). */
const parts = new WeakMap<object, string>();

/** Levels of a view message walked for shared parts: message, view, fields. */
const VIEW_DEPTH = 2;

/**
 * The JSON of `value`, as `JSON.stringify` writes it, reusing the JSON of
 * shared parts (games/shared.ts); objects are walked `depth` levels down for them.
 */
function json(value: unknown, depth: number): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value) ?? "null";
  }
  if (isShared(value)) {
    let text = parts.get(value);
    if (text === undefined) parts.set(value, text = JSON.stringify(value));
    return text;
  }
  if (depth === 0 || Array.isArray(value) || "toJSON" in value) {
    return JSON.stringify(value);
  }
  let out = "";
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") {
      continue;
    }
    out += (out ? "," : "{") + JSON.stringify(key) + ":" + json(v, depth - 1);
  }
  return out ? out + "}" : "{}";
}

/**
 * The JSON text of a message (no newline): the same text as
 * `JSON.stringify`, built from the shared parts' JSON for a `view`.
 *
 * @example
 * ```ts
 * import { messageJson } from "./json_line.ts";
 * import { shared } from "../games/shared.ts";
 * const board = shared([{ rank: 1, nickname: "Ana" }]);
 * messageJson({ type: "view", view: { board, me: "Bob" } });
 * // '{"type":"view","view":{"board":[{"rank":1,"nickname":"Ana"}],"me":"Bob"}}'
 * ```
 *
 * @param msg a message of the host
 * @returns its JSON
 */
export function messageJson(msg: Message): string {
  return msg.type === "view" ? json(msg, VIEW_DEPTH) : JSON.stringify(msg);
}

/**
 * The JSON text of a message object (no newline), serialized once however
 * many members get it: what a WebSocket of the web page sends.
 *
 * @example
 * ```ts
 * import { messageText } from "./json_line.ts";
 * const msg = { type: "chat", from: "Ana", text: "salut" };
 * messageText(msg); // '{"type":"chat","from":"Ana","text":"salut"}'
 * messageText(msg) === messageText(msg); // true: serialized once
 * ```
 *
 * @param msg a message of the host
 * @returns its JSON
 */
export function messageText(msg: Message): string {
  // A view is built for one seat and sent once: not worth keeping.
  if (msg.type === "view") return messageJson(msg);
  let text = texts.get(msg);
  if (text === undefined) {
    text = messageJson(msg);
    texts.set(msg, text);
  }
  return text;
}

/**
 * One JSON line (newline-terminated, UTF-8) per message object, encoded
 * once however many members get it (the outbound queues share the bytes).
 *
 * @example
 * ```ts
 * import { messageLine } from "./json_line.ts";
 * const msg = { type: "chat", from: "Ana", text: "salut" };
 * messageLine(msg) === messageLine(msg); // true: encoded once
 * ```
 *
 * @param msg a message of the host
 * @returns its line's bytes
 */
export function messageLine(msg: Message): Uint8Array {
  let bytes = lines.get(msg);
  if (bytes === undefined) {
    bytes = utf8(messageText(msg) + "\n");
    lines.set(msg, bytes);
  }
  return bytes;
}
