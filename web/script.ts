/**
 * The page's script, made from the TypeScript of web/app/: each function
 * there is written, type-checked and linted with the rest of the program,
 * and its source as the runtime holds it (types stripped, the same in a
 * `deno compile` binary) is sent to the browser. No bundler, no build step,
 * no file outside the module graph.
 *
 * The rule that makes it work: web/app/ files hold only function
 * declarations, imports and types. The functions call one another by name;
 * in the browser they all sit in one scope, so a name imported in
 * TypeScript is the same function there. Their only other free names are
 * the browser's globals. web/script_test.ts checks the rule.
 *
 * @module
 */
import {
  countdown,
  h,
  rankingList,
  seconds,
  svg,
  translate,
} from "./app/kit.ts";
import { chatLine, endPanel, lobbyPanel, playersList } from "./app/lobby.ts";
import { qcmPanel } from "./app/qcm.ts";
import { morpionPanel } from "./app/morpion.ts";
import { justePrixPanel } from "./app/justeprix.ts";
import { bombardesPanel } from "./app/bombardes.ts";
import { makePanel } from "./app/panels.ts";
import { screenAside } from "./app/screen.ts";
import {
  loadSeat,
  pageLang,
  saveSeat,
  seatFragment,
  seatFromFragment,
  startApp,
} from "./app/main.ts";

/**
 * Every function the page runs, by its name in the browser.
 *
 * @example
 * ```ts
 * import { PAGE_FUNCTIONS } from "./script.ts";
 * PAGE_FUNCTIONS.some((f) => f.name === "startApp"); // true
 * ```
 */
// deno-lint-ignore ban-types
export const PAGE_FUNCTIONS: readonly Function[] = [
  h,
  svg,
  translate,
  seconds,
  countdown,
  rankingList,
  lobbyPanel,
  playersList,
  chatLine,
  endPanel,
  qcmPanel,
  morpionPanel,
  justePrixPanel,
  bombardesPanel,
  makePanel,
  screenAside,
  loadSeat,
  saveSeat,
  seatFromFragment,
  seatFragment,
  pageLang,
  startApp,
];

/**
 * The script: the functions in one closed scope, then `startApp` with the
 * boot data the page carries (`<script id="boot">`).
 *
 * @example
 * ```ts
 * import { appScript } from "./script.ts";
 * const js = appScript();
 * js.startsWith('"use strict";'); // true
 * js.includes("startApp(JSON.parse("); // true
 * ```
 */
export function appScript(): string {
  return [
    '"use strict";',
    "(() => {",
    ...PAGE_FUNCTIONS.map((f) => f.toString()),
    'startApp(JSON.parse(document.getElementById("boot").textContent));',
    "})();",
    "",
  ].join("\n");
}
