/**
 * Asking the player for a locked room's PIN on the full screen, masked:
 * each typed character shows as `•`.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { cut, styler } from "../text/layout.ts";
import { sanitize } from "../text/sanitize.ts";
import { dropLastGrapheme } from "./app.ts";
import { ct } from "./texts.ts";
import type { Terminal } from "./terminal.ts";

/** Longest PIN accepted (the host takes 32 characters at most). */
export const PIN_MAX = 32;

/** What the prompt says. */
export interface PinPrompt {
  /** The room's name (from discovery or the welcome: sanitised here). */
  room: string;
  /** Why it asks again: the host's sentence (wrong PIN, wait…). */
  message?: string;
}

/**
 * The prompt's lines for `typed` characters so far (pure).
 *
 * @example
 * ```ts
 * import { pinScreen } from "./pin_prompt.ts";
 * pinScreen("en", { room: "Salle 12" }, 4, 80, false).at(-1);
 * // ' PIN of the room "Salle 12": ••••'
 * ```
 *
 * @param lang the player's language
 * @param prompt the room and the host's last sentence
 * @param typed how many characters are typed
 * @param columns terminal width
 * @param color ANSI styles allowed
 */
export function pinScreen(
  lang: Lang,
  prompt: PinPrompt,
  typed: number,
  columns: number,
  color: boolean,
): string[] {
  const st = styler(color);
  const room = sanitize(prompt.room);
  return [
    st(cut(` ${ct(lang, "pin_title")} `, columns), "inverse", "bold"),
    "",
    ...(prompt.message
      ? [" " + st(cut(sanitize(prompt.message), columns - 1), "red")]
      : []),
    cut(" " + ct(lang, "ask_pin", { room }) + "•".repeat(typed), columns),
  ];
}

/**
 * Shows the PIN prompt and reads keys until Enter (the PIN) or Ctrl-C,
 * Escape, end of input (null). The typed PIN never reaches the screen.
 *
 * @example
 * ```ts ignore
 * const pin = await askPin(systemTerminal(), "fr", { room: "Salle 12" });
 * ```
 *
 * @param term the terminal (full screen)
 * @param lang the player's language
 * @param prompt the room and the host's last sentence
 */
export async function askPin(
  term: Terminal,
  lang: Lang,
  prompt: PinPrompt,
): Promise<string | null> {
  let pin = "";
  const draw = () => {
    const lines = pinScreen(
      lang,
      prompt,
      [...pin].length,
      term.size().columns,
      term.color,
    );
    term.write(
      "\x1b[H\x1b[?25h" + lines.map((l) => l + "\x1b[K").join("\r\n") +
        "\x1b[J",
    );
  };
  term.enter();
  try {
    draw();
    for await (const key of term.input()) {
      if (
        key.kind === "interrupt" || key.kind === "eof" || key.kind === "escape"
      ) return null;
      if (key.kind === "enter") {
        if (pin !== "") return pin;
      } else if (key.kind === "backspace") pin = dropLastGrapheme(pin);
      else if (key.kind === "char") pin = (pin + key.text).slice(0, PIN_MAX);
      draw();
    }
    return null;
  } finally {
    term.leave();
  }
}
