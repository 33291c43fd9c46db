/**
 * Morpion on the page: who plays whom, whose turn, the 3×3 board (tap an
 * empty cell on your turn), the move timer, the result and the series
 * table.
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { MorpionView } from "../../games/morpion/wire.ts";
import type { WebElement } from "./dom.ts";
import type { App, Panel } from "./types.ts";
import { countdown, h, rankingList, seconds } from "./kit.ts";

/**
 * Morpion's panel.
 *
 * @param app the page
 * @param screen true on the projector
 */
export function morpionPanel(app: App, screen: boolean): Panel {
  const head = h("h2", { class: "m-head" });
  const status = h("p", {
    class: "m-status",
    attrs: { "aria-live": "polite" },
  });
  const clock = countdown();
  const cells: WebElement[] = [];
  const board = h("div", { class: "board", attrs: { role: "grid" } });
  for (let i = 1; i <= 9; i++) {
    const cell = h("button", {
      class: "cell",
      attrs: {
        type: "button",
        "data-cell": String(i),
        "aria-label": String(i),
      },
      onclick: () => app.send({ type: "play", cell: i }),
    });
    cells.push(cell);
    board.append(cell);
  }
  const table = h("div", { class: "standings" });
  const root = h(
    "div",
    { class: screen ? "morpion big" : "morpion" },
    head,
    status,
    clock.root,
    board,
    table,
  );

  function view(): MorpionView | null {
    const v = app.view as MorpionView | null;
    return v && Array.isArray(v.cells) ? v : null;
  }

  function update(): void {
    const v = view();
    if (!v) {
      head.textContent = app.title("morpion");
      status.textContent = app.tr("morpion.no_view");
      return;
    }
    head.textContent = v.match > 0
      ? app.tr("morpion.match_start", {
        match: v.match,
        matches: v.matches,
        x: v.x.nickname,
        o: v.o.nickname,
      })
      : app.title("morpion");
    v.cells.forEach((c, i) => {
      const cell = cells[i];
      cell.textContent = c;
      cell.className = `cell ${c === "X" ? "x" : c === "O" ? "o" : ""}` +
        (v.last === i + 1 ? " last" : "") +
        (v.line?.includes(i + 1) ? " line" : "");
      cell.disabled = screen || !v.yourTurn || c !== "" ||
        v.phase !== "playing";
    });
    board.classList.toggle("my-turn", v.yourTurn && !screen);
    table.replaceChildren(
      h("h3", { text: app.tr("morpion.standings") }),
      rankingList(app, v.standings),
    );
    tick();
  }

  function statusText(v: MorpionView): string {
    const sec = seconds(app.remaining());
    if (v.phase === "over") return app.tr("morpion.series_over");
    if (v.phase === "pause") {
      const result = v.result
        ? v.result.draw
          ? app.tr("morpion.draw")
          : app.tr("morpion.wins", { name: v.result.winner ?? "?" })
        : "";
      const next = v.next
        ? app.tr("morpion.next_match", { sec, x: v.next.x, o: v.next.o })
        : app.tr("morpion.final_soon", { sec });
      return `${result} ${next}`.trim();
    }
    const mark = v.turn ?? "X";
    const name = mark === "X" ? v.x.nickname : v.o.nickname;
    if (v.yourTurn && !screen) return app.tr("morpion.tap", { mark });
    const mine = v.you ? app.tr("morpion.you_play", { mark: v.you }) + " " : "";
    return mine + app.tr("morpion.their_turn", { name, mark });
  }

  function tick(): void {
    const v = view();
    if (!v) return;
    status.textContent = statusText(v);
    clock.set(
      v.phase === "playing" && v.moveTimeMs ? app.remaining() : null,
      v.moveTimeMs,
    );
  }

  update();
  return { root, update, tick };
}
