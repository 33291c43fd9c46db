/**
 * Bombardes on the page: the landscape drawn in SVG (ground, cannons, the
 * shell's path as it flies, the last impact), whose turn it is, and for
 * the shooter an angle and a charge to set and a fire button.
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { BombardesView } from "../../games/bombardes/wire.ts";
import type { WebElement } from "./dom.ts";
import type { App, Panel } from "./types.ts";
import { h, rankingList, seconds, svg } from "./kit.ts";

/**
 * Bombardes' panel.
 *
 * @param app the page
 * @param screen true on the projector
 */
export function bombardesPanel(app: App, screen: boolean): Panel {
  const top = 30; // sky above the highest ground (map height 24)
  const head = h("h2", { class: "b-head" });
  const status = h("p", {
    class: "b-status",
    attrs: { "aria-live": "polite" },
  });
  const field = svg("svg", {
    class: "field",
    viewBox: `0 0 80 ${top}`,
    preserveAspectRatio: "none",
  });
  const ground = svg("polygon", { class: "ground", points: "" });
  const trail = svg("polyline", { class: "trail", points: "" });
  const impact = svg("circle", { class: "impact", r: 1.2, cx: -10, cy: -10 });
  const cannons = svg("g", {});
  field.append(ground, cannons, trail, impact);
  const angle = slider(0, 180, 45);
  const charge = slider(1, 100, 60);
  const fire = h("button", {
    class: "primary",
    attrs: { type: "button", id: "fire" },
    onclick: () =>
      app.send({
        type: "fire",
        angle: Number(angle.input.value),
        charge: Number(charge.input.value),
      }),
  });
  const angleLabel = h("span");
  const chargeLabel = h("span");
  const controls = h(
    "div",
    { class: "aim" },
    h("label", {}, angleLabel, angle.input, angle.out),
    h("label", {}, chargeLabel, charge.input, charge.out),
    fire,
  );
  const table = h("div", { class: "standings" });
  const root = h(
    "div",
    { class: screen ? "bombardes big" : "bombardes" },
    head,
    status,
    field,
    controls,
    table,
  );

  function slider(
    min: number,
    max: number,
    value: number,
  ): { input: WebElement; out: WebElement } {
    const input = h("input", {
      attrs: {
        type: "range",
        min: String(min),
        max: String(max),
        value: String(value),
      },
    });
    const out = h("output", { text: String(value) });
    input.addEventListener("input", () => out.textContent = input.value);
    return { input, out };
  }

  function view(): BombardesView | null {
    const v = app.view as BombardesView | null;
    return v && Array.isArray(v.terrain) ? v : null;
  }

  function wind(v: BombardesView): string {
    if (v.wind === 0) return app.tr("bombardes.wind.calm");
    const n = Math.abs(v.wind);
    return app.tr(v.wind < 0 ? "bombardes.wind.left" : "bombardes.wind.right", {
      n,
    });
  }

  function update(): void {
    const v = view();
    angleLabel.textContent = app.tr("bombardes.angle");
    chargeLabel.textContent = app.tr("bombardes.charge");
    fire.textContent = app.tr("bombardes.fire");
    if (!v) {
      head.textContent = app.title("bombardes");
      status.textContent = app.tr("bombardes.screen.waiting");
      controls.hidden = true;
      return;
    }
    head.textContent = app.tr("bombardes.screen.header", {
      round: v.round,
      rounds: v.rounds,
      wind: wind(v),
    });
    field.setAttribute("viewBox", `0 0 ${v.width} ${top}`);
    const pts = v.terrain.map((y, x) => `${x},${(top - y).toFixed(1)}`);
    ground.setAttribute(
      "points",
      `0,${top} ${pts.join(" ")} ${v.width - 1},${top}`,
    );
    cannons.replaceChildren(
      ...v.cannons.map((c) =>
        svg("circle", {
          class: `cannon${c.alive ? "" : " dead"}${
            c.id === v.shooter ? " shooter" : ""
          }${c.id === v.me ? " mine" : ""}`,
          cx: c.x,
          cy: top - c.y - 0.8,
          r: 1.1,
        })
      ),
    );
    impact.setAttribute("cx", String(v.lastImpact?.x ?? -10));
    impact.setAttribute(
      "cy",
      String(v.lastImpact ? top - v.lastImpact.y : -10),
    );
    controls.hidden = screen || !v.me || v.cannons.every((c) => c.id !== v.me);
    table.replaceChildren(
      rankingList(
        app,
        [...v.cannons].sort((a, b) => b.points - a.points).map((c, i) => ({
          rank: i + 1,
          nickname: c.nickname,
          points: c.points,
        })),
      ),
    );
    tick();
  }

  function tick(): void {
    const v = view();
    if (!v) return;
    const sec = seconds(app.remaining());
    const shooter = v.cannons.find((c) => c.id === v.shooter);
    const mine = !!v.me && v.shooter === v.me;
    fire.disabled = !(mine && v.phase === "aim");
    if (v.phase === "aim") {
      status.textContent = mine && !screen
        ? app.tr("bombardes.your_turn", { sec })
        : app.tr("bombardes.screen.turn", {
          nickname: shooter?.nickname ?? "?",
          sec,
        });
    } else if (v.phase === "flight") {
      status.textContent = app.tr("bombardes.screen.flight", {
        nickname: shooter?.nickname ?? "?",
      });
    } else if (v.phase === "pause") {
      status.textContent = app.tr("bombardes.screen.pause", { sec });
    } else status.textContent = app.tr("bombardes.screen.over");
    // The shell's path so far: one point every stepMs since the shot.
    const f = v.flight;
    if (f && v.phase === "flight") {
      const left = app.remaining() ?? 0;
      const shown = Math.max(
        1,
        Math.ceil((f.flightMs - left) / Math.max(1, f.stepMs)),
      );
      trail.setAttribute(
        "points",
        f.path.slice(0, shown).map(([x, y]) =>
          `${x.toFixed(1)},${(top - y).toFixed(1)}`
        ).join(" "),
      );
    } else trail.setAttribute("points", "");
  }

  update();
  return { root, update, tick };
}
