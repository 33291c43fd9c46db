/**
 * The landscape drawn as text: ground, cannons (their seat number, `x` once
 * destroyed), the shell and its trail, the last impact. Each text row holds
 * two units of height (half blocks `▄`/`█`, or `_`/`#` in plain ASCII for
 * text mode), each column one unit of width (scaled when narrower).
 *
 * @module
 */
import { type Style, styler } from "../../text/layout.ts";

/**
 * Text rows of a drawn landscape.
 *
 * @example
 * ```ts
 * import { ROWS } from "./landscape.ts";
 * ROWS; // 12
 * ```
 */
export const ROWS = 12;

/** What to draw. */
export interface Scene {
  /** Ground heights, one per unit of width. */
  terrain: readonly number[];
  /** Cannons, in seat order (numbered from 1). */
  cannons: readonly { x: number; y: number; alive: boolean; id?: string }[];
  /** Seat id of the cannon to highlight (who fires). */
  shooter?: string | null;
  /** Where the shell is now. */
  shell?: readonly [number, number] | null;
  /** Points the shell went through. */
  trail?: readonly (readonly [number, number])[];
  /** Where the last shell came down. */
  impact?: { x: number; y: number } | null;
}

interface Glyphs {
  full: string;
  half: string;
  shell: string;
  trail: string;
  above: string;
}

const BLOCKS: Glyphs = {
  full: "█",
  half: "▄",
  shell: "●",
  trail: "·",
  above: "^",
};
const ASCII: Glyphs = {
  full: "#",
  half: "_",
  shell: "o",
  trail: ".",
  above: "^",
};

/**
 * Draws `scene` on `cols` columns and {@linkcode ROWS} rows: blocks (and
 * colour when `color`), or plain ASCII when `ascii` (text mode).
 *
 * @example
 * ```ts
 * import { drawLandscape } from "./landscape.ts";
 * const rows = drawLandscape({
 *   terrain: [3, 3, 3, 3, 3, 3, 3, 3],
 *   cannons: [{ x: 1, y: 3, alive: true }, { x: 6, y: 3, alive: false }],
 *   shell: [4, 6],
 * }, 8, { ascii: true });
 * rows.slice(-4); // ["    o   ", " 1    x ", "________", "########"]
 * ```
 */
export function drawLandscape(
  scene: Scene,
  cols: number,
  opts: { ascii?: boolean; color?: boolean } = {},
): string[] {
  const g = opts.ascii ? ASCII : BLOCKS;
  const st = styler(!opts.ascii && !!opts.color);
  const width = scene.terrain.length;
  const n = Math.max(1, Math.floor(cols));
  const scale = width / n;
  const colOf = (x: number) => Math.floor(x / scale);
  const rowOf = (y: number) => ROWS - 1 - Math.floor(y / 2);
  const cells: { ch: string; style: Style[] }[][] = [];
  for (let r = 0; r < ROWS; r++) {
    const bottom = (ROWS - 1 - r) * 2;
    cells.push(Array.from({ length: n }, (_, c) => {
      const h =
        scene.terrain[Math.min(width - 1, Math.floor((c + 0.5) * scale))] ??
          0;
      const ch = h >= bottom + 2 ? g.full : h >= bottom + 1 ? g.half : " ";
      return { ch, style: ch === " " ? [] : ["green"] };
    }));
  }
  const put = (x: number, y: number, ch: string, style: Style[]) => {
    const c = colOf(x);
    if (!Number.isFinite(x) || !Number.isFinite(y) || c < 0 || c >= n) return;
    const r = rowOf(y);
    if (r < 0) cells[0][c] = { ch: g.above, style };
    else if (r < ROWS) cells[r][c] = { ch, style };
  };
  for (const [x, y] of scene.trail ?? []) put(x, y, g.trail, ["dim"]);
  if (scene.impact) {
    put(scene.impact.x, scene.impact.y + 1, "*", ["red", "bold"]);
  }
  scene.cannons.forEach((c, i) => {
    const mark = c.alive ? String(i + 1) : "x";
    const style: Style[] = !c.alive
      ? ["dim"]
      : c.id !== undefined && c.id === scene.shooter
      ? ["bold", "yellow"]
      : ["bold", "cyan"];
    put(c.x, c.y + 1, mark, style);
  });
  if (scene.shell) {
    put(scene.shell[0], scene.shell[1], g.shell, ["bold", "red"]);
  }
  return cells.map((row) =>
    row.map((cell) => st(cell.ch, ...cell.style)).join("")
  );
}
