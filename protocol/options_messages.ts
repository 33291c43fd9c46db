/**
 * What the host answers when the leader shapes the next game from the room
 * (`options`, `set`, `quiz`): the `options` message (a game's options, their
 * values and ranges), the `quizzes` message (the quiz files next to the
 * host), and the quiz a `lobby` names. Documented in docs/PROTOCOL.md (3.5).
 *
 * @module
 */

/** A single option value as it travels. */
export type OptionValue = string | number | boolean;

/**
 * One option of a game, as `/options` shows it.
 *
 * @example
 * ```ts
 * import type { OptionLine } from "./options_messages.ts";
 * const line: OptionLine = { key: "count", kind: "integer", min: 1, max: 500, value: 5 };
 * line.kind; // "integer"
 * ```
 */
export interface OptionLine {
  /** The option's name, as `set` takes it (`count`, `timeSec`…). */
  key: string;
  /** What values it takes. */
  kind: "integer" | "number" | "boolean" | "choice" | "text";
  /** The value the next game will use; absent when the game decides. */
  value?: OptionValue;
  /** The value when nobody sets it; absent when the game decides. */
  default?: OptionValue;
  /** Smallest allowed value (numbers), when bounded. */
  min?: number;
  /** Largest allowed value (numbers), when bounded. */
  max?: number;
  /** The allowed values (`choice`). */
  choices?: (string | number)[];
}

/**
 * A custom quiz, as the lobby and `options` name it.
 *
 * @example
 * ```ts
 * import type { QuizInfo } from "./options_messages.ts";
 * const quiz: QuizInfo = { title: "Réseaux", count: 12, file: "reseaux.json" };
 * quiz.count; // 12
 * ```
 */
export interface QuizInfo {
  /** The quiz's title (its file name when the file has none); may be "". */
  title: string;
  /** How many questions the quiz holds. */
  count: number;
  /** The file it came from, when it came from one. */
  file?: string;
}

/**
 * `options` (to you): a game's options for the next game, after `options`
 * or a `set` (then `changed` names what changed) or a loaded `quiz`.
 *
 * @example
 * ```ts
 * import type { OptionsMessage } from "./options_messages.ts";
 * const m: OptionsMessage = {
 *   type: "options",
 *   game: "justeprix",
 *   options: [{ key: "max", kind: "integer", min: 2, max: 1000000, value: 100, default: 100 }],
 * };
 * m.options.length; // 1
 * ```
 */
export type OptionsMessage = {
  /** Always `options`. */
  type: "options";
  /** The game these options are for. */
  game: string;
  /** Its options, in the game's order. */
  options: OptionLine[];
  /**
   * QCM only: the custom quiz the next game asks, or null for the shipped
   * questions.
   */
  quiz?: QuizInfo | null;
  /** After a `set`: the key that changed; after a `quiz`: `questions`. */
  changed?: string;
};

/**
 * `quizzes` (to you): the quiz files next to the host, by name.
 *
 * @example
 * ```ts
 * import type { QuizzesMessage } from "./options_messages.ts";
 * const m: QuizzesMessage = { type: "quizzes", files: [{ name: "reseaux.json", bytes: 2048 }], more: 0 };
 * m.files[0].name; // "reseaux.json"
 * ```
 */
export type QuizzesMessage = {
  /** Always `quizzes`. */
  type: "quizzes";
  /** The files (`.json`, `.csv`), sorted by name. */
  files: { name: string; bytes: number }[];
  /** How many more files there are than listed. */
  more: number;
};
