/**
 * Juste prix on the page: the round and its countdown, the range, a number
 * field and its button, my guesses with their hints, everyone's attempts,
 * then the number and the round's ranking.
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { JustePrixView } from "../../games/justeprix/wire.ts";
import type { App, Panel } from "./types.ts";
import { countdown, h, rankingList, seconds } from "./kit.ts";

/**
 * Juste prix's panel.
 *
 * @param app the page
 * @param screen true on the projector
 */
export function justePrixPanel(app: App, screen: boolean): Panel {
  const head = h("h2", { class: "j-head" });
  const clock = countdown();
  const range = h("p", { class: "range" });
  const input = h("input", {
    attrs: {
      id: "guess",
      type: "number",
      inputmode: "numeric",
      enterkeyhint: "send",
    },
  });
  const button = h("button", { class: "primary", attrs: { type: "submit" } });
  const form = h("form", { class: "guess-form" }, input, button);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = Number(input.value);
    if (input.value.trim() === "" || !Number.isInteger(value)) return;
    app.send({ type: "guess", value });
    input.value = "";
    input.focus();
  });
  const mine = h("ol", { class: "guesses" });
  const result = h("div", { class: "j-result" });
  const table = h("div", { class: "progress" });
  const root = h(
    "div",
    { class: screen ? "justeprix big" : "justeprix" },
    head,
    clock.root,
    range,
    form,
    mine,
    result,
    table,
  );

  function view(): JustePrixView | null {
    const v = app.view as JustePrixView | null;
    return v && v.game === "justeprix" ? v : null;
  }

  function update(): void {
    const v = view();
    button.textContent = app.tr("justeprix.guess");
    if (!v) {
      head.textContent = app.title("justeprix");
      range.textContent = app.tr("justeprix.screen.waiting");
      form.hidden = true;
      return;
    }
    head.textContent = app.tr("justeprix.screen.round", {
      round: v.round,
      rounds: v.rounds,
    });
    const me = v.me;
    range.textContent = me && !me.found && v.phase === "playing"
      ? app.tr("justeprix.screen.interval", { low: me.low, high: me.high })
      : app.tr("justeprix.screen.range", { min: v.min, max: v.max });
    form.hidden = screen || !me || me.found || v.phase !== "playing";
    input.setAttribute("min", String(me?.low ?? v.min));
    input.setAttribute("max", String(me?.high ?? v.max));
    mine.replaceChildren(
      ...(me?.guesses ?? []).slice().reverse().map((g) =>
        h("li", {
          class: `hint-${g.hint}`,
          text: `${g.value} → ${app.tr(`justeprix.hint.${g.hint}`)}`,
        })
      ),
    );
    result.replaceChildren();
    if (v.result && v.phase !== "playing") {
      result.append(
        h("p", {
          class: "secret",
          text: app.tr("justeprix.screen.secret", { secret: v.result.secret }),
        }),
        rankingList(app, v.result.ranking),
      );
    }
    if (v.phase === "playing") {
      table.replaceChildren(
        h(
          "ul",
          { class: "attempts" },
          ...v.players.map((p) =>
            h(
              "li",
              { class: p.found ? "found" : p.left ? "away" : "" },
              h("span", { class: "name", text: p.nickname }),
              h("span", {
                class: "pts",
                text: (p.found ? "✓ " : "") +
                  app.tr("justeprix.attempts", { n: p.attempts }),
              }),
            )
          ),
        ),
      );
    } else {
      table.replaceChildren(
        h("h3", { text: app.tr("justeprix.screen.totals") }),
        rankingList(app, v.totals),
      );
    }
    tick();
  }

  function tick(): void {
    const v = view();
    if (!v) return;
    if (v.phase === "playing") clock.set(app.remaining(), v.durationMs);
    else {
      clock.set(null, null);
      head.setAttribute(
        "data-next",
        v.phase === "pause"
          ? app.tr("justeprix.screen.next_in", {
            sec: seconds(app.remaining()),
          })
          : "",
      );
    }
  }

  update();
  return { root, update, tick };
}
