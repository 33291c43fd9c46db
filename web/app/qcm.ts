/**
 * The QCM on the page: the question, four big answer buttons (A–D, a tap
 * answers; several answers are toggled then sent), the countdown bar, how
 * many answered, then the reveal — the right answers marked and a bar per
 * answer with how many chose it — the leaderboard, and the final ranking.
 * On the projector the same panel shows, without buttons to press. My
 * answer comes with `answer_ack`, the count of answers with `answered` and
 * `answer_count`, between views (`patch`). Before question 1, « Préparez-
 * vous ! » (the view's phase `ready`): when question 1 comes, its countdown,
 * how to answer.
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { QcmView } from "../../games/qcm/wire.ts";
import type { WebElement } from "./dom.ts";
import type { App, Panel } from "./types.ts";
import { countdown, h, rankingList, seconds } from "./kit.ts";

/**
 * The QCM's panel.
 *
 * @param app the page
 * @param screen true on the projector
 */
export function qcmPanel(app: App, screen: boolean): Panel {
  const letters = ["A", "B", "C", "D"];
  /** games/qcm/phases.ts READY_MS: the ready phase's length, for its bar. */
  const readyMs = 3000;
  const head = h("h2", { class: "q-head" });
  const clock = countdown();
  const question = h("p", { class: "question" });
  const tag = h("p", { class: "tag-line" });
  const buttons: {
    button: WebElement;
    text: WebElement;
    bar: WebElement;
    count: WebElement;
  }[] = [];
  const grid = h("div", { class: "answers" });
  let chosen: number[] = [];
  let chosenFor = 0;
  for (let i = 0; i < 4; i++) {
    const text = h("span", { class: "a-text" });
    const bar = h("span", { class: "a-bar" });
    const count = h("span", { class: "a-count" });
    const button = h(
      "button",
      {
        class: `answer a${i}`,
        attrs: { type: "button", "data-answer": String(i + 1) },
        onclick: () => pick(i + 1),
      },
      h("span", { class: "a-letter", text: letters[i] }),
      text,
      count,
      bar,
    );
    // Nothing to answer until a view says a question is open.
    button.disabled = true;
    buttons.push({ button, text, bar, count });
    grid.append(button);
  }
  grid.hidden = true;
  const send = h("button", {
    class: "primary send-choices",
    attrs: { type: "button" },
    onclick: () => {
      if (chosen.length) {
        app.send({ type: "answer", choices: [...chosen].sort() });
      }
    },
  });
  const status = h("p", {
    class: "q-status",
    attrs: { "aria-live": "polite" },
  });
  const board = h("div", { class: "leaderboard" });
  const root = h(
    "div",
    { class: screen ? "qcm big" : "qcm" },
    head,
    clock.root,
    question,
    tag,
    grid,
    send,
    status,
    board,
  );

  function view(): QcmView | null {
    const v = app.view as QcmView | null;
    return v && v.game === "qcm" ? v : null;
  }

  function pick(n: number): void {
    const v = view();
    if (screen || !v || v.phase !== "question" || !v.me || v.me.choices) return;
    if (!v.question?.multiple) {
      chosen = [n];
      app.send({ type: "answer", choices: [n] });
    } else {
      chosen = chosen.includes(n)
        ? chosen.filter((c) => c !== n)
        : [...chosen, n];
    }
    update();
  }

  function update(): void {
    const v = view();
    if (!v) {
      head.textContent = app.title("qcm");
      return;
    }
    if (chosenFor !== v.index) {
      chosen = [];
      chosenFor = v.index;
    }
    const ready = v.phase === "ready";
    head.textContent = ready
      ? app.tr("qcm.ready_title")
      : app.tr("qcm.question_header", {
        index: v.index,
        total: v.total,
      });
    root.classList.toggle("ready", ready);
    const over = v.phase === "over" || !v.question;
    grid.hidden = over;
    question.hidden = over && !ready;
    const q = v.question;
    question.textContent = q ? q.text[app.lang] : "";
    tag.textContent = ready
      ? app.tr("qcm.ready_how")
      : q?.multiple
      ? app.tr("qcm.multiple_tag")
      : "";
    tag.hidden = ready ? screen : !q?.multiple;
    const mine = v.me?.choices ?? (v.phase === "question" ? chosen : []);
    const reveal = v.reveal;
    const most = reveal ? Math.max(1, ...reveal.counts) : 1;
    buttons.forEach((b, i) => {
      const answer = q?.answers[app.lang][i];
      b.button.hidden = answer === undefined;
      b.text.textContent = answer ?? "";
      const n = i + 1;
      b.button.classList.toggle("chosen", mine.includes(n));
      b.button.classList.toggle("right", !!reveal?.correct.includes(n));
      b.button.classList.toggle(
        "wrong",
        !!reveal && !reveal.correct.includes(n),
      );
      b.button.disabled = screen || v.phase !== "question" || !v.me ||
        !!v.me.choices;
      const count = reveal?.counts[i] ?? 0;
      b.count.textContent = reveal ? String(count) : "";
      b.bar.style.setProperty(
        "width",
        reveal ? `${(100 * count / most).toFixed(0)}%` : "0%",
      );
    });
    send.textContent = app.tr("qcm.send");
    send.hidden = screen || !q?.multiple || v.phase !== "question" || !v.me ||
      !!v.me.choices;
    send.disabled = chosen.length === 0;
    status.textContent = statusLine(v);
    board.replaceChildren();
    if (v.phase === "reveal" && v.leaderboard.length) {
      board.append(
        h("h3", { text: app.tr("qcm.leaderboard") }),
        rankingList(app, v.leaderboard.map((l) => ({ ...l, points: l.score }))),
      );
    }
    if (over && !ready && v.ranking) {
      board.append(
        h("h3", { text: app.tr("qcm.final_ranking") }),
        rankingList(app, v.ranking.map((l) => ({ ...l, points: l.score }))),
      );
    }
    tick();
  }

  function statusLine(v: QcmView): string {
    if (v.phase === "ready") {
      return app.tr("qcm.players_here", { count: v.playerCount });
    }
    const answered = app.tr("qcm.answered_count", {
      count: v.answeredCount,
      of: v.playerCount,
    });
    if (v.phase === "question") {
      if (!v.me) {
        return screen ? answered : `${app.tr("qcm.watching")} · ${answered}`;
      }
      if (v.me.choices) {
        return `${
          app.tr("qcm.my_answer", {
            choices: v.me.choices.map((c) => letters[c - 1]).join(" "),
          })
        } · ${answered}`;
      }
      return answered;
    }
    if (v.phase === "reveal") {
      const r = v.me?.result;
      if (!v.me) return answered;
      if (!r) return app.tr("qcm.you_none");
      if (!r.correct) {
        return v.me.choices ? app.tr("qcm.you_wrong") : app.tr("qcm.you_none");
      }
      return v.me.streak > 1
        ? app.tr("qcm.you_right_streak", { n: r.points, streak: v.me.streak })
        : app.tr("qcm.you_right", { n: r.points });
    }
    return app.tr("qcm.quiz_over");
  }

  function tick(): void {
    const v = view();
    status.setAttribute("data-next", "");
    if (!v || v.phase === "over") return clock.set(null, null);
    if (v.phase === "question") {
      return clock.set(app.remaining(), v.question?.timeLimitMs ?? null);
    }
    if (v.phase === "ready") {
      const left = app.remaining();
      question.textContent = app.tr("qcm.ready_in", {
        total: v.total,
        seconds: seconds(left),
      });
      return clock.set(left, Math.max(readyMs, v.remainingMs));
    }
    clock.set(null, null);
    const s = seconds(app.remaining());
    if (v.phase === "reveal") {
      const next = v.index >= v.total ? "qcm.podium_in" : "qcm.next_in";
      status.setAttribute("data-next", app.tr(next, { seconds: s }));
    }
  }

  /**
   * A game message that changes the view the page holds (the host sends no
   * view for these, see games/qcm/patch.ts, which the terminal client
   * uses): `answer_ack` sets my answer (`me.choices`) while its question is
   * open; `answered` (while a question is open) and `answer_count` (while a
   * question is open or revealed, or before question 1: someone away, back
   * or gone) set how many answered and how many players are here;
   * `question` (the host sends the page no view with it, the page said
   * `view-patch`) makes the new question's view from the reveal's, or
   * question 1's from the « Préparez-vous » view, as games/qcm/patch.ts
   * does. The new view, or null when the message
   * changes nothing.
   */
  function patch(
    held: unknown,
    m: { type: string; [key: string]: unknown },
  ): QcmView | null {
    const v = held as QcmView | null;
    if (!v || v.game !== "qcm") return null;
    if (m.type === "question") return opened(v, m);
    if (m.type === "answer_ack") {
      const choices = m.choices;
      if (v.phase !== "question" || m.index !== v.index || !v.me) return null;
      if (!Array.isArray(choices) || choices.length === 0) return null;
      if (!choices.every((c) => Number.isInteger(c) && c >= 1)) return null;
      if (v.me.choices?.join(",") === choices.join(",")) return null;
      return { ...v, me: { ...v.me, choices: [...choices] as number[] } };
    }
    if (m.type !== "answered" && m.type !== "answer_count") return null;
    if (
      v.phase !== "question" &&
      !(m.type === "answer_count" &&
        (v.phase === "reveal" || v.phase === "ready"))
    ) {
      return null;
    }
    const count = m.count, of = m.of;
    if (typeof count !== "number" || typeof of !== "number") return null;
    if (!Number.isInteger(count) || !Number.isInteger(of)) return null;
    if (count < 0 || of < 0) return null;
    if (v.answeredCount === count && v.playerCount === of) return null;
    return { ...v, answeredCount: count, playerCount: of };
  }

  /**
   * The view of question `m.index` as it opens, from the reveal of the
   * question before (same game), or question 1's from the ready view
   * (index 0); null otherwise. The page counts a view's
   * time from when the held view came (`app.viewAt`), so the new question's
   * `remainingMs` is `endsIn` plus the time since then.
   */
  function opened(
    v: QcmView,
    m: { type: string; [key: string]: unknown },
  ): QcmView | null {
    const { index, total, endsIn, of, commitment, text, answers, multiple } =
      m as Record<string, unknown> & {
        text?: { fr?: unknown; en?: unknown };
        answers?: { fr?: unknown; en?: unknown };
      };
    const count = (n: unknown): n is number =>
      typeof n === "number" && Number.isInteger(n) && n >= 0;
    const texts = (l: unknown): l is string[] =>
      Array.isArray(l) && l.length > 0 && l.every((x) => typeof x === "string");
    if (
      (v.phase !== "reveal" && !(v.phase === "ready" && index === 1)) ||
      !count(index) || v.index !== index - 1 ||
      v.total !== total || !count(endsIn) || !count(of) ||
      typeof commitment !== "string" || !text || typeof text !== "object" ||
      typeof text.fr !== "string" || typeof text.en !== "string" ||
      !answers || typeof answers !== "object" || !texts(answers.fr) ||
      !texts(answers.en) || answers.fr.length !== answers.en.length ||
      typeof multiple !== "boolean" || !count(m.timeLimitMs)
    ) {
      return null;
    }
    return {
      ...v,
      phase: "question",
      index,
      question: {
        text: { fr: text.fr, en: text.en },
        answers: { fr: [...answers.fr], en: [...answers.en] },
        multiple,
        timeLimitMs: m.timeLimitMs as number,
      },
      commitment,
      remainingMs: endsIn + Math.max(0, performance.now() - app.viewAt),
      answeredCount: 0,
      playerCount: of,
      me: v.me ? { ...v.me, choices: null, result: null } : null,
      reveal: null,
      ranking: null,
    };
  }

  update();
  // `patch` waits for the page to pass game messages (web/app/main.ts).
  const panel: Panel & { patch: typeof patch } = { root, update, tick, patch };
  return panel;
}
