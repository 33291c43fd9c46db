/**
 * The answers to the open question: an append-only log that the states of
 * one round share, so that recording an answer costs O(1) however many
 * players there are, while every state still sees exactly the answers it
 * had (the rules stay pure: an older state never sees a newer answer).
 *
 * Each answer is stored with its arrival number; a state's log sees the
 * answers numbered below its `size`. Appending to the newest log extends
 * the shared table; appending to an older one (a branch, as tests do) first
 * copies what that log sees.
 *
 * @module
 */

/** An answer to the open question. */
export interface QcmAnswer {
  /** 0-based indices, sorted, unique. */
  choices: number[];
  /** When it arrived (host clock, ms). */
  at: number;
  /**
   * Time credited to the player for the trip of the question and of the
   * answer (ms, host-measured, bounded: ./timing.ts); 0 when unknown.
   */
  creditMs: number;
}

interface Entry {
  answer: QcmAnswer;
  seq: number;
}

/**
 * An immutable view of the answers given so far.
 *
 * @example
 * ```ts
 * import { Answers } from "./answers.ts";
 * const none = Answers.empty();
 * const one = none.with("a", { choices: [1], at: 5, creditMs: 0 });
 * const two = one.with("b", { choices: [0], at: 7, creditMs: 0 });
 * [none.size, one.size, two.size]; // [0, 1, 2]
 * one.get("b"); // undefined: that state came before Bob's answer
 * two.get("b")?.at; // 7
 * ```
 */
export class Answers {
  readonly #table: Map<string, Entry>;
  /** How many answers this log sees. */
  readonly size: number;

  private constructor(table: Map<string, Entry>, size: number) {
    this.#table = table;
    this.size = size;
  }

  /** No answer yet. */
  static empty(): Answers {
    return new Answers(new Map(), 0);
  }

  /**
   * The answer of a seat, if it answered (in this log).
   * @param id the seat
   */
  get(id: string): QcmAnswer | undefined {
    const e = this.#table.get(id);
    return e !== undefined && e.seq < this.size ? e.answer : undefined;
  }

  /**
   * This log with one more answer.
   * @param id the seat (one that has not answered in this log)
   * @param answer its answer
   */
  with(id: string, answer: QcmAnswer): Answers {
    let table = this.#table;
    if (table.size !== this.size || table.has(id)) {
      // A newer log shares the table: copy what this one sees.
      table = new Map();
      for (const [k, e] of this.#table) if (e.seq < this.size) table.set(k, e);
    }
    table.set(id, { answer, seq: this.size });
    return new Answers(table, this.size + 1);
  }

  /** The seats that answered, in arrival order, with their answers. */
  *entries(): IterableIterator<[string, QcmAnswer]> {
    const seen: [string, Entry][] = [];
    for (const [k, e] of this.#table) if (e.seq < this.size) seen.push([k, e]);
    seen.sort((a, b) => a[1].seq - b[1].seq);
    for (const [k, e] of seen) yield [k, e.answer];
  }
}
