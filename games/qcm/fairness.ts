/**
 * The provably fair quiz: with each question the host sends a commitment,
 * the SHA-256 of the answer key and a secret salt; the reveal opens it (the
 * key and the salt). A client that kept the commitment checks that the key
 * revealed is the key the host had sealed before any answer came in.
 *
 * The committed text is `qcm1:<index>:<key>:<salt>`: the question's number
 * (1-based), the numbers of the right answers as shown (1-based, ascending,
 * comma-separated) and the salt (lowercase hex). A student checks it by hand:
 * `printf '%s' 'qcm1:3:2:<salt>' | sha256sum`.
 *
 * The salt must be unguessable: the key of a question with at most four
 * answers has only 15 possible values, so with a guessable salt a client
 * could try them all against the commitment before answering. The host's
 * runner gives {@linkcode Env.secret} (16 random bytes from
 * `crypto.getRandomValues`); without it the salt comes from `env.random`,
 * which is only good enough for tests.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import type { Env } from "../types.ts";

/** Version tag at the start of every committed text. */
export const COMMITMENT_TAG = "qcm1";
/** Hex digits of a salt made from `env.random` (16 bytes' worth). */
export const FALLBACK_SALT_HEX = 32;
/** Longest salt a client accepts to hash (a host salt is 32 hex digits). */
export const MAX_SALT_CHARS = 128;
/** Commitments a client remembers (a quiz has at most 500 questions). */
export const BOOK_SIZE = 512;

/**
 * A fresh secret salt: `env.secret()` when the host gives one, else 32 hex
 * digits from `env.random` (for tests only: `Math.random` is guessable).
 *
 * @example
 * ```ts
 * import { newSalt } from "./fairness.ts";
 * newSalt({ now: 0, random: Math.random, secret: () => "00ff" }); // "00ff"
 * newSalt({ now: 0, random: () => 0.5 }); // "88888888888888888888888888888888"
 * ```
 */
export function newSalt(env: Env): string {
  if (env.secret) return env.secret();
  let hex = "";
  for (let i = 0; i < FALLBACK_SALT_HEX; i++) {
    hex += Math.min(15, Math.floor(env.random() * 16)).toString(16);
  }
  return hex;
}

/**
 * The text a commitment is the SHA-256 of.
 *
 * @example
 * ```ts
 * import { commitmentText } from "./fairness.ts";
 * commitmentText(3, [4, 2], "ab12"); // "qcm1:3:2,4:ab12"
 * ```
 */
export function commitmentText(
  index: number,
  key: readonly number[],
  salt: string,
): string {
  const sorted = [...key].sort((a, b) => a - b);
  return `${COMMITMENT_TAG}:${index}:${sorted.join(",")}:${salt}`;
}

const encoder = new TextEncoder();

/**
 * The commitment to a question's key: lowercase hex SHA-256 of
 * {@linkcode commitmentText}.
 *
 * @example
 * ```ts
 * import { commitment } from "./fairness.ts";
 * // same as: printf '%s' 'qcm1:1:2:00' | sha256sum
 * commitment(1, [2], "00"); // "87c2593046753ba1e79de9ef9bda609056268c0d89e3772223cde3a321c683e7"
 * commitment(1, [2], "00") === commitment(1, [2], "01"); // false
 * ```
 */
export function commitment(
  index: number,
  key: readonly number[],
  salt: string,
): string {
  const digest = sha256(encoder.encode(commitmentText(index, key, salt)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** What a client holds of a reveal to check it. */
export interface Opening {
  /** 1-based number of the question. */
  index: number;
  /** The commitment the host says it sent (echoed in the reveal). */
  commitment?: unknown;
  /** The revealed salt. */
  salt?: unknown;
  /** The revealed key (1-based numbers). */
  correct: readonly number[];
  /** The answers as revealed, per language. */
  answers: { fr: readonly string[]; en: readonly string[] };
  /** Each player's answer and whether the host scored it right. */
  results?: readonly { choices: readonly number[]; correct: boolean }[];
}

/**
 * The verdict on a reveal: `verified` (the key opens the commitment sent
 * with the question, and the scores follow it), `mismatch` (it does not:
 * the key, the salt, the answers or the scoring changed, or the reveal
 * brings a new commitment for a question sealed otherwise), `unseen` (this
 * client never got that question's commitment: joined late, cannot check).
 */
export type Verdict = "verified" | "mismatch" | "unseen";

function sameKey(a: readonly number[], b: readonly number[]): boolean {
  const x = [...new Set(a)].sort((p, q) => p - q);
  const y = [...new Set(b)].sort((p, q) => p - q);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

const answersText = (a: Opening["answers"] | undefined) =>
  JSON.stringify([a?.fr ?? [], a?.en ?? []]);

/**
 * A client's memory of the commitments sent with questions (the last
 * {@linkcode BOOK_SIZE}), and the check of each reveal against it. The
 * check never trusts a commitment echoed by the reveal alone: a host that
 * changed the key would send a new commitment with it, which the book
 * never saw for that question (same number, same answers).
 *
 * @example
 * ```ts
 * import { CommitmentBook, commitment } from "./fairness.ts";
 * const book = new CommitmentBook();
 * const answers = { fr: ["80", "443"], en: ["80", "443"] };
 * const sealed = commitment(1, [2], "5a17");
 * book.saw(sealed, 1, answers);
 * book.check({ index: 1, commitment: sealed, salt: "5a17", correct: [2], answers }); // "verified"
 * book.check({ index: 1, commitment: sealed, salt: "5a17", correct: [1], answers }); // "mismatch"
 * ```
 */
export class CommitmentBook {
  readonly #seen = new Map<string, { index: number; answers: string }>();
  readonly #size: number;

  /** @param size how many commitments to remember */
  constructor(size: number = BOOK_SIZE) {
    this.#size = size;
  }

  /**
   * Remembers the commitment sent with question `index`.
   * @param sealed the commitment (hex)
   * @param index 1-based number of the question
   * @param answers the answers as the question showed them
   */
  saw(
    sealed: unknown,
    index: number,
    answers: Opening["answers"],
  ): void {
    if (typeof sealed !== "string" || this.#seen.has(sealed)) return;
    this.#seen.set(sealed, { index, answers: answersText(answers) });
    if (this.#seen.size > this.#size) {
      this.#seen.delete(this.#seen.keys().next().value!);
    }
  }

  /**
   * Checks a reveal against the commitment its question carried.
   * @param o what the reveal says
   */
  check(o: Opening): Verdict {
    try {
      return this.#check(o);
    } catch {
      return "mismatch"; // a reveal of the wrong shape opens nothing
    }
  }

  #check(o: Opening): Verdict {
    const { salt, commitment: sealed } = o;
    if (
      typeof sealed !== "string" || typeof salt !== "string" ||
      salt.length > MAX_SALT_CHARS || !Array.isArray(o.correct)
    ) return "mismatch";
    if (commitment(o.index, o.correct, salt) !== sealed) return "mismatch";
    const answers = answersText(o.answers);
    const seen = this.#seen.get(sealed);
    if (!seen) {
      // A new commitment for a question this client saw sealed otherwise.
      for (const other of this.#seen.values()) {
        if (other.index === o.index && other.answers === answers) {
          return "mismatch";
        }
      }
      return "unseen";
    }
    if (seen.index !== o.index || seen.answers !== answers) return "mismatch";
    const scoredByKey = (o.results ?? []).every((r) =>
      r.correct === (r.choices.length > 0 && sameKey(r.choices, o.correct))
    );
    return scoredByKey ? "verified" : "mismatch";
  }
}
