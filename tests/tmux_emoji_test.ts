/**
 * End-to-end: emoji and CJK in a room name, a nickname and chat lines keep
 * the full-screen client aligned, at 80 and at 100 columns. The real `host`
 * and `join` programs run in tmux panes on loopback (see `tmux_room.ts`);
 * the screen is read back from tmux and measured with tmux's OWN widths
 * (each character asked to tmux, {@linkcode Tmux.columnsOf}), not with
 * lanplay's, so a wrong width table in lanplay shows as a shifted or cut
 * screen.
 *
 * The limit, honestly: tmux 3.3a does not draw every emoji sequence as
 * current terminals do (a skin tone, 👍🏽, takes 4 columns there, ❤️ one),
 * so the test strings are ones tmux and lanplay agree on, and the test
 * checks that agreement first. Skin tones are covered by the unit tests
 * of `text/layout.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { visibleWidth } from "../text/layout.ts";
import { type Tmux, type TmuxPane, tmuxSkipReason } from "./tmux.ts";
import { joinCommand, openRoom } from "./tmux_room.ts";

const skip = await tmuxSkipReason();
if (skip) console.warn(`SKIP tmux emoji tests: ${skip}`);

const ROOM = "🎮 Salle ✅ des champions ⭐";
const JOINER = "太郎";
const SHORT = "bravo ⭐ la famille 👨‍👩‍👧 est là ✅";
const LONG = "⭐ une longue phrase avec des emoji ✅ et du chinois 漢字 pour " +
  "voir si le retour à la ligne garde l'alignement 🎮 jusqu'au bout 👨‍👩‍👧 fin";
const ROWS = 30;

const segmenter = new Intl.Segmenter();

/** Widths tmux gives the non-ASCII characters of `screens`. */
async function tmuxWidths(
  tmux: Tmux,
  screens: string[],
): Promise<Map<string, number>> {
  const widths = new Map<string, number>();
  for (const screen of screens) {
    for (const { segment } of segmenter.segment(screen)) {
      if (!/^[\x20-\x7e\n]$/.test(segment) && !widths.has(segment)) {
        widths.set(segment, await tmux.columnsOf(segment));
      }
    }
  }
  return widths;
}

/** Columns a row of the screen takes in tmux. */
function columns(row: string, widths: Map<string, number>): number {
  let n = 0;
  for (const { segment } of segmenter.segment(row)) {
    n += widths.get(segment) ?? 1;
  }
  return n;
}

/**
 * Checks a whole client screen at `width` columns: the title bar holds the
 * room name on the left and ends with the player's name at the last column,
 * the chat rule spans the width, the score column of the lobby lines up,
 * the footer stays at the bottom, the chat lines are whole.
 */
function checkScreen(
  screen: string,
  me: string,
  width: number,
  widths: Map<string, number>,
): void {
  const rows = screen.replace(/\n$/, "").split("\n");
  const framed = `\n${screen}`;
  assert.equal(rows.length, ROWS, framed);
  for (const row of rows) {
    assert.ok(columns(row, widths) <= width, `too wide: ${row}${framed}`);
  }
  // The title bar: the room on the left, the state and the player on the
  // right up to the last column (a status such as the round trip may
  // follow, cut with "…" when too long; tmux trims the final space).
  const title = rows[0];
  assert.ok(title.startsWith(` lanplay · ${ROOM} `), framed);
  assert.ok(title.includes(` · ${me}`), `title: ${title}${framed}`);
  assert.equal(
    columns(title, widths),
    title.endsWith("…") ? width : width - 1,
    `title does not end at the last column: ${title}${framed}`,
  );
  const rule = rows.findIndex((r) => /^─ \S+ ─+$/.test(r));
  assert.ok(rule > 0, `no chat rule${framed}`);
  assert.equal(columns(rows[rule], widths), width, rows[rule]);
  // The score column: " pts" at the same column on every player's line.
  const pts = rows.filter((r) =>
    / pts\b/.test(r) && /[★ ] \S+ +\d+ pts/.test(r)
  )
    .map((r) => columns(r.slice(0, r.indexOf(" pts")), widths));
  assert.equal(pts.length, 2, `two players' lines${framed}`);
  assert.equal(new Set(pts).size, 1, `score columns ${pts}${framed}`);
  // The footer: the input line, then the help, at the bottom.
  assert.ok(rows[ROWS - 2].startsWith(">"), `input row${framed}`);
  // The chat lines, under the rule: the short one on one row, the long one
  // wrapped without a lost word.
  const chat = rows.slice(rule + 1, ROWS - 2);
  assert.ok(chat.some((r) => r.endsWith(SHORT)), `short chat line${framed}`);
  const words = chat.join(" ").split(/\s+/);
  const at = words.indexOf(LONG.split(" ")[0], words.indexOf(`[ana]`));
  assert.deepEqual(
    words.slice(at, at + LONG.split(" ").length),
    LONG.split(" "),
    `long chat line${framed}`,
  );
}

for (const width of [80, 100]) {
  Deno.test({
    name:
      `tmux: emoji in the room name and the chat stay aligned at ${width} columns`,
    ignore: skip !== null,
  }, async () => {
    const { tmux, host, port } = await openRoom([
      "--name",
      ROOM,
      "--nickname",
      "ana",
      "--lang",
      "fr",
    ], { columns: width, rows: ROWS });
    try {
      // The premise: tmux and lanplay agree on the test strings.
      for (const text of [ROOM, JOINER, SHORT, ...LONG.split(" ")]) {
        assert.equal(
          await tmux.columnsOf(text),
          visibleWidth(text),
          `tmux and lanplay count ${JSON.stringify(text)} differently`,
        );
      }
      await host.waitForText(["Vous menez la salle"]);
      const joiner: TmuxPane = await tmux.open(
        "joiner",
        joinCommand(port, ["--name", JOINER, "--lang", "en"]),
      );
      await joiner.waitForText(["Players (2)"], 20_000);
      await host.waitForText(["Joueurs (2)"]);
      await joiner.line(SHORT);
      await host.waitForText([`[${JOINER}] ${SHORT}`]);
      await host.line(LONG);
      const fin = /fin$/m;
      const hostScreen = await host.waitForText([fin]);
      const joinerScreen = await joiner.waitForText([fin]);
      const widths = await tmuxWidths(tmux, [hostScreen, joinerScreen]);
      checkScreen(hostScreen, "ana", width, widths);
      checkScreen(joinerScreen, JOINER, width, widths);
      await joiner.line("/quit");
      assert.equal(await joiner.waitForExit(15_000), 0, joiner.last);
      await host.line("/quit");
      assert.equal(await host.waitForExit(15_000), 0, host.last);
    } finally {
      await tmux.close();
    }
  });
}
