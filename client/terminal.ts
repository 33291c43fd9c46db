/**
 * The one place that owns the terminal: raw keys or plain lines in, text
 * out, the alternate screen, size changes.
 *
 * @module
 */
import { readChunks } from "../protocol/read_loop.ts";
import { type Key, parseKeys } from "./keys.ts";

/** The terminal as the client uses it. */
export interface Terminal {
  /** True when stdin and stdout are both terminals (full-screen mode). */
  readonly tty: boolean;
  /** ANSI styles allowed (a terminal and no NO_COLOR). */
  readonly color: boolean;
  /** Columns and rows. */
  size(): { columns: number; rows: number };
  /** Writes text now. */
  write(text: string): void;
  /** Key presses (terminal) — or one `char` per line then `enter` (pipes). */
  input(): AsyncGenerator<Key>;
  /** Full-screen mode on (alternate screen, raw input). */
  enter(): void;
  /** Back to normal; safe to call twice. */
  leave(): void;
  /** Calls `fn` when the window is resized. Returns an unsubscribe function. */
  onResize(fn: () => void): () => void;
}

const encoder = new TextEncoder();

/**
 * The real terminal on stdin/stdout.
 *
 * @example
 * ```ts ignore
 * const term = systemTerminal();
 * term.write("hello\n");
 * ```
 */
export function systemTerminal(): Terminal {
  const tty = Deno.stdin.isTerminal() && Deno.stdout.isTerminal();
  const color = tty && !Deno.env.get("NO_COLOR");
  let entered = false;
  return {
    tty,
    color,
    size() {
      try {
        return Deno.consoleSize();
      } catch {
        return { columns: 80, rows: 24 };
      }
    },
    write(text: string) {
      let bytes = encoder.encode(text);
      while (bytes.length) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
    },
    async *input() {
      const decoder = new TextDecoder();
      let pending = "";
      // The one read loop: a failed read (stdin closed under us) ends it.
      for await (const chunk of readChunks(Deno.stdin)) {
        const text = decoder.decode(chunk, { stream: true });
        if (tty) {
          for (const k of parseKeys(text)) yield k;
        } else {
          pending += text;
          let nl: number;
          while ((nl = pending.indexOf("\n")) !== -1) {
            const line = pending.slice(0, nl).replace(/\r$/, "");
            pending = pending.slice(nl + 1);
            if (line) yield { kind: "char", text: line };
            yield { kind: "enter" };
          }
        }
      }
      if (pending) {
        yield { kind: "char", text: pending };
        yield { kind: "enter" };
      }
      yield { kind: "eof" };
    },
    enter() {
      if (!tty || entered) return;
      entered = true;
      Deno.stdin.setRaw(true, { cbreak: false });
      this.write("\x1b[?1049h\x1b[H\x1b[2J");
    },
    leave() {
      if (!entered) return;
      entered = false;
      try {
        Deno.stdin.setRaw(false);
      } catch { /* not a tty anymore */ }
      this.write("\x1b[?25h\x1b[?1049l");
    },
    onResize(fn) {
      if (!tty || Deno.build.os === "windows") return () => {};
      Deno.addSignalListener("SIGWINCH", fn);
      return () => Deno.removeSignalListener("SIGWINCH", fn);
    },
  };
}
