/**
 * Quiz files on the host's disk: reading one (`host --questions FILE`, with
 * a size limit) and the shelf of quiz files next to the host (`--quiz-dir`,
 * the host's working directory by default) that the leader lists and loads
 * from the room (`/quiz`, `/quiz NAME`).
 *
 * A name typed in the room is untrusted: only files directly in the shelf's
 * folder, listed by the folder itself, ending in `.json` or `.csv`, regular
 * files (no symbolic link, no device), at most {@linkcode MAX_QUIZ_BYTES}.
 * A name with a folder in it (`../x.json`, `a/b.csv`) is refused before
 * anything is opened.
 *
 * @module
 */
import { join } from "node:path";
import type { Lang } from "../protocol/constants.ts";
import { CodedError } from "../protocol/errors.ts";
import type { QuizInfo } from "../protocol/options_messages.ts";
import { isClean, sanitize } from "../text/sanitize.ts";
import {
  checkQuizFile,
  type QcmQuestion,
  QuizFileError,
} from "../games/qcm/mod.ts";

/** Largest quiz file read (bytes): 500 long questions fit in it. */
export const MAX_QUIZ_BYTES = 1 << 20;
/** Most files a `quizzes` message lists. */
export const MAX_LISTED = 50;
/** Most directory entries looked at when listing or finding a file. */
export const MAX_SCANNED = 10_000;
/** Longest quiz file name taken from the room. */
export const MAX_NAME = 100;

const QUIZ_EXTENSION = /\.(json|csv)$/i;

/** A quiz read from a file. */
export interface LoadedQuiz {
  /** The file's name (as given for `--questions`, the bare name on the shelf). */
  file: string;
  /** The quiz's title: its JSON `title`, else the file's name without extension. */
  title: string;
  /** The questions. */
  questions: QcmQuestion[];
}

/**
 * The quiz as the lobby and `options` name it.
 *
 * @example
 * ```ts
 * import { quizInfo } from "./quiz_shelf.ts";
 * quizInfo({ file: "reseaux.json", title: "Réseaux", questions: [] });
 * // { title: "Réseaux", count: 0, file: "reseaux.json" }
 * ```
 */
export function quizInfo(quiz: LoadedQuiz): QuizInfo {
  return { title: quiz.title, count: quiz.questions.length, file: quiz.file };
}

/**
 * A quiz file could not be loaded. `code`: `quiz_missing`,
 * `quiz_unreadable`, `quiz_too_big`, `quiz_invalid` (then `invalid` holds
 * every problem with its line), or, on the shelf, `quiz_bad_name`,
 * `quiz_not_found`, `quiz_no_dir`.
 *
 * @example
 * ```ts
 * import { QuizLoadError, readQuiz } from "./quiz_shelf.ts";
 * try {
 *   readQuiz("no/such/quiz.csv");
 * } catch (e) {
 *   (e as QuizLoadError).code; // "quiz_missing"
 * }
 * ```
 */
export class QuizLoadError extends CodedError {
  /** The problems of a file that was read but is not a valid quiz. */
  readonly invalid: QuizFileError | null;
  /**
   * @param code what went wrong
   * @param params values of its sentence (`name`, `reason`, `kib`, `max`)
   * @param message the English sentence
   * @param invalid the quiz file's problems, for `quiz_invalid`
   */
  constructor(
    code: string,
    params: Record<string, string | number>,
    message: string,
    invalid: QuizFileError | null = null,
  ) {
    super(code, message, params);
    this.invalid = invalid;
  }
}

/** The last part of a path, for a title. */
function baseName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

/**
 * Reads and checks a quiz file: at most {@linkcode MAX_QUIZ_BYTES}, every
 * problem reported with its line (`quiz_invalid`). `name` is how the file
 * is named in reports (the path by default).
 *
 * @example
 * ```ts
 * import { readQuiz } from "./quiz_shelf.ts";
 * const quiz = readQuiz(new URL("../docs/quiz-template.json", import.meta.url).pathname, "quiz-template.json");
 * quiz.questions.length > 0; // true
 * ```
 */
export function readQuiz(path: string, name: string = path): LoadedQuiz {
  const shown = sanitize(name.slice(0, 200));
  let bytes: Uint8Array;
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) {
      throw new QuizLoadError(
        "quiz_unreadable",
        { name: shown, reason: "not a regular file" },
        `Cannot read the quiz "${shown}" (not a regular file).`,
      );
    }
    if (info.size > MAX_QUIZ_BYTES) throw tooBig(shown, info.size);
    bytes = readAtMost(path, MAX_QUIZ_BYTES + 1);
  } catch (e) {
    if (e instanceof QuizLoadError) throw e;
    if (e instanceof Deno.errors.NotFound) {
      throw new QuizLoadError(
        "quiz_missing",
        { name: shown },
        `Cannot read the quiz "${shown}" (no such file).`,
      );
    }
    const reason = sanitize(String((e as Error)?.message ?? e).slice(0, 200));
    throw new QuizLoadError(
      "quiz_unreadable",
      { name: shown, reason },
      `Cannot read the quiz "${shown}" (${reason}).`,
    );
  }
  if (bytes.length > MAX_QUIZ_BYTES) throw tooBig(shown, bytes.length);
  const text = new TextDecoder().decode(bytes);
  const check = checkQuizFile(text, shown);
  if (!check.ok) {
    const invalid = new QuizFileError(shown, check.problems);
    throw new QuizLoadError(
      "quiz_invalid",
      { name: shown, n: check.problems.length },
      invalid.message,
      invalid,
    );
  }
  return {
    file: shown,
    title: check.title ?? baseName(shown).replace(QUIZ_EXTENSION, ""),
    questions: check.questions,
  };
}

function tooBig(name: string, size: number): QuizLoadError {
  const kib = Math.ceil(size / 1024);
  const max = MAX_QUIZ_BYTES / 1024;
  return new QuizLoadError(
    "quiz_too_big",
    { name, kib, max },
    `The quiz "${name}" is ${kib} KiB: the limit is ${max} KiB. Split it into smaller quizzes.`,
  );
}

/** Reads at most `limit` bytes of a file (it may grow while being read). */
function readAtMost(path: string, limit: number): Uint8Array {
  const file = Deno.openSync(path, { read: true });
  try {
    const buf = new Uint8Array(limit);
    let n = 0;
    while (n < limit) {
      const got = file.readSync(buf.subarray(n));
      if (got === null) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    file.close();
  }
}

/**
 * The quiz files next to the host: a folder's own `.json` and `.csv`
 * files, listed and loaded by name.
 *
 * @example
 * ```ts
 * import { QuizShelf } from "./quiz_shelf.ts";
 * const shelf = new QuizShelf(new URL("../docs", import.meta.url).pathname);
 * shelf.list().files.map((f) => f.name); // ["quiz-template.csv", "quiz-template.json"]
 * shelf.load("quiz-template").file; // "quiz-template.json"
 * ```
 */
export class QuizShelf {
  /** The folder. */
  readonly dir: string;
  readonly #scanned: number;

  /**
   * A shelf over a folder (nothing is read until asked).
   *
   * @param dir the folder holding the quiz files
   * @param limits `scanned`: most entries looked at (default {@linkcode MAX_SCANNED})
   */
  constructor(dir: string, limits: { scanned?: number } = {}) {
    this.dir = dir;
    this.#scanned = limits.scanned ?? MAX_SCANNED;
  }

  /** The quiz files' names, sorted (a bounded number of entries looked at). */
  #names(): string[] {
    const names: string[] = [];
    let seen = 0;
    try {
      for (const e of Deno.readDirSync(this.dir)) {
        if (++seen > this.#scanned) break;
        if (e.isFile && !e.isSymlink && acceptable(e.name)) names.push(e.name);
      }
    } catch (e) {
      const reason = sanitize(String((e as Error)?.message ?? e).slice(0, 200));
      throw new QuizLoadError(
        "quiz_no_dir",
        { reason },
        `Cannot list the quiz folder (${reason}).`,
      );
    }
    return names.sort((a, b) => a.localeCompare(b));
  }

  /**
   * The quiz files, by name, with their sizes: at most
   * {@linkcode MAX_LISTED}, `more` says how many others there are.
   */
  list(): { files: { name: string; bytes: number }[]; more: number } {
    const names = this.#names();
    const files = names.slice(0, MAX_LISTED).map((name) => {
      let bytes = 0;
      try {
        bytes = Deno.lstatSync(join(this.dir, name)).size;
      } catch { /* gone since listed: size unknown */ }
      return { name, bytes };
    });
    return { files, more: names.length - files.length };
  }

  /**
   * Loads a quiz file by name: the exact name, or without its extension,
   * or in another case when only one file fits.
   * @param name as typed in the room (untrusted)
   */
  load(name: string): LoadedQuiz {
    const wanted = name.trim();
    const shown = sanitize(wanted.slice(0, MAX_NAME));
    if (
      wanted === "" || wanted.length > MAX_NAME || !isClean(wanted) ||
      /[/\\]/.test(wanted) || wanted.startsWith(".")
    ) {
      throw new QuizLoadError(
        "quiz_bad_name",
        { name: shown },
        `"${shown}" is not the name of a quiz file: give a name that /quiz lists, without a folder.`,
      );
    }
    const found = pick(this.#names(), wanted);
    if (found === null) {
      throw new QuizLoadError(
        "quiz_not_found",
        { name: shown },
        `No quiz file "${shown}" next to the host: /quiz lists them.`,
      );
    }
    const path = join(this.dir, found);
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(path);
    } catch {
      info = { isFile: false } as Deno.FileInfo;
    }
    if (!info.isFile || info.isSymlink) {
      throw new QuizLoadError(
        "quiz_not_found",
        { name: shown },
        `No quiz file "${shown}" next to the host: /quiz lists them.`,
      );
    }
    return readQuiz(path, found);
  }
}

/** A file name the shelf shows: clean, not hidden, `.json` or `.csv`, not too long. */
function acceptable(name: string): boolean {
  return QUIZ_EXTENSION.test(name) && !name.startsWith(".") &&
    name.length <= MAX_NAME && isClean(name);
}

/** The listed name that `wanted` names, or null. */
function pick(names: string[], wanted: string): string | null {
  const forms = QUIZ_EXTENSION.test(wanted)
    ? [wanted]
    : [`${wanted}.json`, `${wanted}.csv`];
  for (const form of forms) if (names.includes(form)) return form;
  for (const form of forms) {
    const lower = form.toLowerCase();
    const same = names.filter((n) => n.toLowerCase() === lower);
    if (same.length === 1) return same[0];
  }
  return null;
}

/**
 * The lines that say why a quiz was not loaded, in a language: the
 * quiz file's report (its summary and up to `max` problems, then how many
 * more) for `quiz_invalid`.
 *
 * @example
 * ```ts
 * import { QuizLoadError, readQuiz, invalidLines } from "./quiz_shelf.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/q.json`, "[]");
 * try {
 *   readQuiz(`${dir}/q.json`, "q.json");
 * } catch (e) {
 *   invalidLines(e as QuizLoadError, "en", "room", 5);
 *   // ["q.json: 1 problem, the quiz was not loaded. Fix the file and load it again with /quiz.", "  q.json: the file holds no question: add at least one"]
 * }
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function invalidLines(
  e: QuizLoadError,
  lang: Lang,
  when: "start" | "room",
  max: number,
): string[] {
  if (!e.invalid) return [];
  const lines = e.invalid.report(lang, when);
  const hidden = lines.length - 1 - max;
  return hidden > 0 ? [...lines.slice(0, 1 + max), `  … (+${hidden})`] : lines;
}
