/**
 * QR codes of the room's web address: the module matrix (npm `qrcode`'s
 * encoder, error correction M), drawn as terminal lines (two modules per
 * character with half blocks) for the host's screen and log, and as an SVG
 * for the projector page. Pure: no I/O.
 *
 * @module
 */
import QR from "qrcode/lib/core/qrcode.js";

/** A QR code's modules: `size` × `size`, true for dark. */
export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** True when the module at column `x`, row `y` is dark. */
  dark(x: number, y: number): boolean;
}

/** What npm `qrcode`'s `create` returns (the part used here). */
interface QrCore {
  modules: { size: number; data: ArrayLike<number | boolean> };
}

/** Light modules kept around the code (the standard asks for 4). */
export const QR_QUIET = 4;

/**
 * The QR code of `text` (byte mode, error correction level M: a quarter of
 * a projected code may be hidden or blurred and it still scans).
 *
 * @example
 * ```ts
 * import { qrMatrix } from "./qr.ts";
 * const m = qrMatrix("http://198.18.0.1:50028/");
 * m.size; // 25
 * m.dark(0, 0); // true: a finder pattern's corner
 * ```
 *
 * @param text what the code says (a URL)
 */
export function qrMatrix(text: string): QrMatrix {
  const code = (QR as { create(t: string, o: object): QrCore }).create(text, {
    errorCorrectionLevel: "M",
  });
  const { size, data } = code.modules;
  return {
    size,
    dark: (x, y) =>
      x >= 0 && y >= 0 && x < size && y < size && !!data[y * size + x],
  };
}

/**
 * The code as terminal lines, two rows of modules per line (`▀`, `▄`, `█`,
 * space), with a quiet zone of `quiet` modules. Light modules are drawn
 * (blocks), dark ones left blank: on a dark terminal, the usual case, it
 * reads as dark on light. `lightTerminal` draws the dark modules instead.
 *
 * @example
 * ```ts
 * import { qrLines } from "./qr.ts";
 * const lines = qrLines("http://198.18.0.1:50028/");
 * lines.length; // 17: (25 + 2 × 4) / 2 rounded up
 * lines[0]; // "█".repeat(33): the quiet zone
 * ```
 *
 * @param text what the code says
 * @param options quiet zone (default {@linkcode QR_QUIET}) and terminal background
 */
export function qrLines(
  text: string,
  options: { quiet?: number; lightTerminal?: boolean } = {},
): string[] {
  const m = qrMatrix(text);
  const quiet = options.quiet ?? QR_QUIET;
  const drawn = (x: number, y: number) =>
    m.dark(x - quiet, y - quiet) === !!options.lightTerminal;
  const side = m.size + 2 * quiet;
  const lines: string[] = [];
  for (let y = 0; y < side; y += 2) {
    let line = "";
    for (let x = 0; x < side; x++) {
      const top = drawn(x, y);
      const bottom = y + 1 < side ? drawn(x, y + 1) : !!options.lightTerminal;
      line += top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ");
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The code as an SVG document: one path of unit squares on a white square
 * with the quiet zone, scaled by its viewer (`width` and `height` 100%).
 *
 * @example
 * ```ts
 * import { qrSvg } from "./qr.ts";
 * const svg = qrSvg("http://198.18.0.1:50028/");
 * svg.startsWith("<svg "); // true
 * svg.includes('viewBox="0 0 33 33"'); // true
 * ```
 *
 * @param text what the code says
 * @param label accessible name of the image (plain text, escaped here)
 */
export function qrSvg(text: string, label = text): string {
  const m = qrMatrix(text);
  const side = m.size + 2 * QR_QUIET;
  let d = "";
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (m.dark(x, y)) d += `M${x + QR_QUIET} ${y + QR_QUIET}h1v1h-1z`;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"` +
    ` role="img" aria-label="${
      escapeXml(label)
    }" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path d="${d}" fill="#000"/></svg>`;
}

/**
 * Text made safe inside XML or HTML text and attribute values.
 *
 * @example
 * ```ts
 * import { escapeXml } from "./qr.ts";
 * escapeXml(`<a href="x">&</a>`); // "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
 * ```
 *
 * @param text any text
 */
export function escapeXml(text: string): string {
  const entities: Record<string, string> = {
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    '"': "&quot;",
    "'": "&#39;",
  };
  return text.replace(/[<>&"']/g, (c) => entities[c]);
}
