import assert from "node:assert/strict";
import jsqrModule from "jsqr";
import { escapeXml, qrLines, qrMatrix, qrSvg } from "./qr.ts";

const URL_IP = "http://198.18.0.1:50028/";

type Decoder = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options: { inversionAttempts: "dontInvert" },
) => { data: string } | null;
// A CommonJS module: its function is the default export, or that one's.
const jsQR = ((jsqrModule as unknown as { default?: Decoder }).default ??
  jsqrModule) as unknown as Decoder;

/** Decodes a picture given as rows of light (true) / dark (false) cells. */
function decode(light: boolean[][], scale = 4): string | null {
  const h = light.length * scale;
  const w = light[0].length * scale;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = light[Math.floor(y / scale)][Math.floor(x / scale)] ? 255 : 0;
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  }
  return jsQR(data, w, h, { inversionAttempts: "dontInvert" })?.data ?? null;
}

/** The cells a terminal shows for QR lines (`█▀▄ `), light where drawn. */
function cellsOfLines(lines: string[], drawnIsLight: boolean): boolean[][] {
  const rows: boolean[][] = [];
  for (const line of lines) {
    const chars = [...line];
    const top = chars.map((c) => c === "█" || c === "▀");
    const bottom = chars.map((c) => c === "█" || c === "▄");
    rows.push(
      top.map((d) => d === drawnIsLight),
      bottom.map((d) => d === drawnIsLight),
    );
  }
  return rows;
}

Deno.test("qr: the terminal lines scan back to the URL, dark or light terminal", () => {
  const dark = qrLines(URL_IP);
  assert.equal(decode(cellsOfLines(dark, true)), URL_IP);
  const light = qrLines(URL_IP, { lightTerminal: true });
  assert.equal(decode(cellsOfLines(light, false)), URL_IP);
  // The host's screen draws a quiet zone of 2 to save lines: still read.
  assert.equal(
    decode(cellsOfLines(qrLines(URL_IP, { quiet: 2 }), true)),
    URL_IP,
  );
  // Drawn the wrong way round (inverted), a plain decoder cannot read it:
  // the test would see a broken drawing.
  assert.equal(decode(cellsOfLines(dark, false)), null);
});

Deno.test("qr: every line is as wide as the code and its quiet zone", () => {
  const m = qrMatrix("http://lanplay-host.local:50028/");
  const lines = qrLines("http://lanplay-host.local:50028/", { quiet: 2 });
  for (const l of lines) assert.equal([...l].length, m.size + 4);
  assert.equal(lines.length, Math.ceil((m.size + 4) / 2));
});

Deno.test("qr: the SVG's squares scan back to the URL", () => {
  const svg = qrSvg(URL_IP, `Join <room> & "play"`);
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]);
  const light = Array.from({ length: side }, () => Array(side).fill(true));
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    light[Number(y)][Number(x)] = false;
  }
  assert.equal(decode(light), URL_IP);
  assert.ok(
    svg.includes('aria-label="Join &lt;room&gt; &amp; &quot;play&quot;"'),
  );
});

Deno.test("qr: escapeXml leaves no markup character", () => {
  assert.equal(escapeXml(`<'&">`), "&lt;&#39;&amp;&quot;&gt;");
});
