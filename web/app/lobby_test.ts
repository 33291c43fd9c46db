import assert from "node:assert/strict";
import type { Lang } from "../../protocol/constants.ts";
import { pageStrings } from "../page.ts";
import { translate } from "./kit.ts";
import { playersList } from "./lobby.ts";
import type { App, Boot, LobbyMessage } from "./types.ts";

/** Just enough of an element for the page's `h` (text only, no HTML). */
class FakeElement {
  readonly children: (FakeElement | string)[] = [];
  readonly attributes: Record<string, string> = {};
  className = "";
  textContent: string | null = null;
  hidden = false;
  constructor(readonly tagName: string) {}
  setAttribute(k: string, v: string): void {
    this.attributes[k] = v;
  }
  addEventListener(): void {}
  append(...nodes: (FakeElement | string)[]): void {
    this.children.push(...nodes);
  }
  /** Every element under this one with the class `cls`. */
  all(cls: string): FakeElement[] {
    const out: FakeElement[] = [];
    for (const c of this.children) {
      if (typeof c === "string") continue;
      if (c.className.split(" ").includes(cls)) out.push(c);
      out.push(...c.all(cls));
    }
    return out;
  }
  /** The first element under this one named `tag`. */
  first(tag: string): FakeElement | undefined {
    for (const c of this.children) {
      if (typeof c === "string") continue;
      if (c.tagName === tag) return c;
      const found = c.first(tag);
      if (found) return found;
    }
    return undefined;
  }
}

function withDocument<T>(fn: () => T): T {
  const g = globalThis as { document?: unknown };
  const before = g.document;
  g.document = { createElement: (tag: string) => new FakeElement(tag) };
  try {
    return fn();
  } finally {
    g.document = before;
  }
}

function appWith(lobby: Partial<LobbyMessage>, lang: Lang): App {
  const strings = pageStrings();
  return {
    boot: {} as Boot,
    lang,
    me: { id: "p1", nickname: "p1", leader: true },
    lobby: {
      type: "lobby",
      state: "lobby",
      game: "qcm",
      games: ["qcm"],
      players: [],
      autostart: null,
      ...lobby,
    },
    game: null,
    view: null,
    viewAt: 0,
    lastEnd: null,
    send() {},
    tr: (key, params) => translate(strings, lang, key, params),
    remaining: () => null,
    title: (g) => g,
  };
}

const player = (i: number) => ({
  id: `p${i}`,
  nickname: `eleve${i}`,
  leader: i === 1,
  ready: false,
  score: 0,
  mode: "json" as const,
  connected: true,
});

Deno.test("players list: a big room's lobby counts everyone and says how many are not listed, on the phone and the projector", () => {
  for (const big of [false, true]) {
    const app = appWith({
      players: Array.from({ length: 32 }, (_, i) => player(i + 1)),
      count: 40,
    }, "fr");
    const list = withDocument(() =>
      playersList(app, big)
    ) as unknown as FakeElement;
    assert.equal(list.first("h2")?.textContent, "40 joueurs");
    assert.equal(list.first("ul")?.children.length, 32);
    assert.deepEqual(list.all("more").map((e) => e.textContent), [
      "+ 8 autres",
    ]);
  }
  const one = appWith({
    players: Array.from({ length: 32 }, (_, i) => player(i + 1)),
    count: 33,
  }, "fr");
  const list = withDocument(() =>
    playersList(one, false)
  ) as unknown as FakeElement;
  assert.deepEqual(list.all("more").map((e) => e.textContent), ["+ 1 autre"]);
  const en = appWith({ players: [player(1)], count: 34 }, "en");
  const enList = withDocument(() =>
    playersList(en, true)
  ) as unknown as FakeElement;
  assert.equal(enList.first("h2")?.textContent, "34 players");
  assert.equal(enList.all("more")[0].textContent, "+ 33 more");
});

Deno.test("players list: a whole list (no count) counts its lines and adds no line", () => {
  const app = appWith({ players: [player(1), player(2), player(3)] }, "fr");
  const list = withDocument(() =>
    playersList(app, false)
  ) as unknown as FakeElement;
  assert.equal(list.first("h2")?.textContent, "3 joueurs");
  assert.deepEqual(list.all("more"), []);
  const alone = appWith({ players: [player(1)] }, "en");
  const one = withDocument(() =>
    playersList(alone, false)
  ) as unknown as FakeElement;
  assert.equal(one.first("h2")?.textContent, "1 player");
});
