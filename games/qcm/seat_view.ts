/**
 * What one seat sees of the QCM (its `view`). The parts every seat shares
 * (the question, the leaderboard, the reveal, the commitment) are built
 * once per state part and shared by all views, so a view costs O(1) however
 * many players there are; only `me` is the seat's own.
 *
 * Shared parts are read-only: the same objects go into every seat's view,
 * frozen by {@linkcode shared} so that the host serializes each once.
 *
 * @module
 */
import { shared } from "../shared.ts";
import { playerOf, type QcmState, sealOf } from "./phases.ts";
import { boardOf } from "./ranking.ts";
import { type Round, shown } from "./round.ts";
import type {
  QcmView,
  ResultLine,
  RevealMessage,
  ShownQuestion,
} from "./wire.ts";

const questions = new WeakMap<Round, ShownQuestion>();
const seals = new WeakMap<readonly string[], Map<number, string>>();
const reveals = new WeakMap<RevealMessage, NonNullable<QcmView["reveal"]>>();
const resultTables = new WeakMap<
  readonly ResultLine[],
  { byId: Map<string, ResultLine>; answered: number }
>();

function shownOf(round: Round): ShownQuestion {
  let q = questions.get(round);
  if (!q) questions.set(round, q = shared(shown(round)));
  return q;
}

/** The commitment of the current round (hashed once per round). */
function sealNow(s: QcmState): string {
  let table = seals.get(s.salts);
  if (!table) seals.set(s.salts, table = new Map());
  let seal = table.get(s.index);
  if (seal === undefined) table.set(s.index, seal = sealOf(s, s.index));
  return seal;
}

function revealOf(m: RevealMessage): NonNullable<QcmView["reveal"]> {
  let r = reveals.get(m);
  if (!r) {
    reveals.set(
      m,
      r = shared({
        correct: [...m.correct],
        counts: [...m.counts],
        results: m.results,
        salt: m.salt,
      }),
    );
  }
  return r;
}

function resultsOf(results: readonly ResultLine[]) {
  let t = resultTables.get(results);
  if (!t) {
    t = {
      byId: new Map(results.map((r) => [r.id, r])),
      answered: results.filter((r) => r.choices.length > 0).length,
    };
    resultTables.set(results, t);
  }
  return t;
}

/**
 * The view of `seat` (a spectator when not seated) at time `now`.
 *
 * @example
 * ```ts
 * import { seatView } from "./seat_view.ts";
 * import { qcmRules } from "./rules.ts";
 * const { state } = qcmRules.start(
 *   [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   qcmRules.optionsSchema.parse({ count: 1 }),
 *   { now: 0, random: Math.random },
 * );
 * const ana = seatView(state, "a", 1_000);
 * const bob = seatView(state, "b", 1_000);
 * ana.question === bob.question; // true: one shared question
 * ana.me?.nickname; // "Ana"
 * ```
 */
export function seatView(state: QcmState, seat: string, now: number): QcmView {
  const round = state.rounds[state.index] as Round | undefined;
  const board = boardOf(state.players);
  const me = playerOf(state, seat);
  const revealed = state.phase !== "question" && state.reveal !== null &&
    state.reveal.index === state.index + 1;
  const answer = state.phase === "question"
    ? state.answers.get(seat)
    : undefined;
  const table = revealed ? resultsOf(state.results) : undefined;
  const myResult = table?.byId.get(seat);
  // Before question 1 (« Préparez-vous ») no question is shown: index 0.
  const ready = state.phase === "ready";
  const open = round !== undefined && state.phase !== "over" && !ready;
  return {
    game: "qcm",
    phase: state.phase,
    index: ready ? 0 : state.index + 1,
    total: state.rounds.length,
    question: open ? shownOf(round) : null,
    commitment: open ? sealNow(state) : null,
    remainingMs: Math.max(0, state.phaseEnd - now),
    answeredCount: state.phase === "question"
      ? state.toldCount
      : (table?.answered ?? 0),
    playerCount: state.presentCount,
    me: me
      ? {
        nickname: me.nickname,
        score: me.score,
        streak: me.streak,
        rank: board.rankOf.get(seat) ?? 0,
        choices: answer
          ? answer.choices.map((c) => c + 1)
          : myResult && myResult.choices.length > 0
          ? [...myResult.choices]
          : null,
        result: myResult
          ? { correct: myResult.correct, points: myResult.points }
          : null,
      }
      : null,
    reveal: revealed ? revealOf(state.reveal!) : null,
    leaderboard: shared(board.leaderboard),
    ranking: state.phase === "over" ? shared(board.top) : null,
  };
}
