/**
 * Every string of a message from the network made printable, once, where
 * it enters (the host in host/inbound.ts, the client in client/session.ts):
 * values and keys, at any depth, through the one sanitiser (`sanitize.ts`).
 * A message nested deeper than a sane bound is refused rather than walked.
 *
 * @module
 */
import { sanitize } from "./sanitize.ts";

/** Deepest nesting of arrays and objects a host message may have. */
export const MAX_MESSAGE_DEPTH = 32;

/**
 * `value` (parsed JSON) with every string, keys included, passed through
 * {@linkcode sanitize}; `undefined` when it nests deeper than `maxDepth`.
 * Objects come back as plain objects (a `__proto__` key stays an own key).
 *
 * @example
 * ```ts
 * import { deepSanitize } from "./sanitize_deep.ts";
 * deepSanitize({ type: "chat", from: "eve\x1b]0;pwned\x07", text: "a\u202eb" });
 * // { type: "chat", from: "eve␛]0;pwned␇", text: "a�b" }
 * deepSanitize([[[1]]], 2); // undefined: too deep
 * ```
 *
 * @param value a parsed JSON value
 * @param maxDepth deepest nesting kept
 */
export function deepSanitize(
  value: unknown,
  maxDepth: number = MAX_MESSAGE_DEPTH,
): unknown {
  try {
    return walk(value, maxDepth);
  } catch (e) {
    if (e === TOO_DEEP) return undefined;
    throw e;
  }
}

const TOO_DEEP = Symbol("too deep");

function walk(value: unknown, depth: number): unknown {
  if (typeof value === "string") return sanitize(value);
  if (value === null || typeof value !== "object") return value;
  if (depth <= 0) throw TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => walk(v, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty: a key named "__proto__" stays a plain own key.
    Object.defineProperty(out, sanitize(k), {
      value: walk(v, depth - 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
