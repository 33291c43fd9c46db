/**
 * Turns raw terminal bytes into key events. Pure.
 *
 * @module
 */

/** One key press. */
export type Key =
  | { kind: "char"; text: string }
  | {
    kind:
      | "enter"
      | "backspace"
      | "up"
      | "down"
      | "left"
      | "right"
      | "tab"
      | "escape"
      | "interrupt"
      | "eof"
      | "clear";
  };

/**
 * Parses a chunk of terminal input (raw mode) into keys. Escape sequences for
 * arrows (`ESC [ A`…, `ESC O A`…) are understood; other sequences are dropped.
 *
 * @example
 * ```ts
 * import { parseKeys } from "./keys.ts";
 * parseKeys("a\x1b[A\r"); // [{kind:"char",text:"a"},{kind:"up"},{kind:"enter"}]
 * ```
 */
export function parseKeys(input: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    const code = c.charCodeAt(0);
    if (c === "\x1b") {
      const next = input[i + 1];
      if (next === "[" || next === "O") {
        let j = i + 2;
        while (j < input.length && !/[A-Za-z~]/.test(input[j])) j++;
        const final = input[j];
        const map: Record<string, Key["kind"]> = {
          A: "up",
          B: "down",
          C: "right",
          D: "left",
        };
        if (final && map[final]) keys.push({ kind: map[final] } as Key);
        i = j;
      } else {
        keys.push({ kind: "escape" });
      }
    } else if (c === "\r" || c === "\n") {
      if (c === "\n" && input[i - 1] === "\r") continue;
      keys.push({ kind: "enter" });
    } else if (code === 0x7f || code === 0x08) keys.push({ kind: "backspace" });
    else if (code === 0x03) keys.push({ kind: "interrupt" });
    else if (code === 0x04) keys.push({ kind: "eof" });
    else if (code === 0x09) keys.push({ kind: "tab" });
    else if (code === 0x0c) keys.push({ kind: "clear" });
    else if (code >= 0x20) {
      // Keep surrogate pairs together.
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < input.length) {
        keys.push({ kind: "char", text: c + input[++i] });
      } else keys.push({ kind: "char", text: c });
    }
  }
  return keys;
}
