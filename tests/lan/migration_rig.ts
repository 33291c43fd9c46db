/**
 * What the host migration LAN test and bench share: start the real `host`
 * (headless, announcing on its namespace's `eth0`) and real `join --bot
 * --json` clients (finding the room by name, each with its own seats
 * file), read their JSON events, and time what each client sees after the
 * host is killed.
 *
 * Everything runs inside network namespaces (./lan_harness.ts): nothing
 * leaves them.
 *
 * @module
 */
import { type LanNode, type LanProcess, run } from "./lan_harness.ts";

/** Absolute path of the program (mod.ts). */
export const MOD = new URL("../../mod.ts", import.meta.url).pathname;
/** The repository's root (tmux windows start there). */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** One JSON event of `join --json`. */
export type Msg = { type: string; [k: string]: unknown };

/** A JSON event from one line, or null. */
export function parse(line: string): Msg | null {
  try {
    const v = JSON.parse(line);
    return v && typeof v === "object" && typeof v.type === "string" ? v : null;
  } catch {
    return null;
  }
}

/** Every JSON event a process printed so far (from line `from` on). */
export function events(p: LanProcess, from = 0): Msg[] {
  return p.stdout.lines.slice(from).map(parse).filter((m): m is Msg =>
    m !== null
  );
}

/** Caches the program's dependencies (namespaces have no registry). */
export async function cacheProgram(): Promise<void> {
  const r = await run(["deno", "cache", MOD]);
  if (r.code !== 0) throw new Error(`deno cache failed: ${r.stderr}`);
}

/**
 * Starts `host --headless` in `node`, announcing on its `eth0`; resolves
 * once it is open (the host's stderr in the error otherwise).
 */
export async function startHost(
  node: LanNode,
  name: string,
  args: string[],
  timeoutMs = 20_000,
): Promise<LanProcess> {
  const host = node.spawn([
    "deno",
    "run",
    "-A",
    "--cached-only",
    MOD,
    "host",
    "--headless",
    "--lang",
    "en",
    "--interface",
    "eth0",
    "--name",
    name,
    ...args,
  ]);
  try {
    await host.stdout.waitFor((l) => l.includes("open on"), timeoutMs);
  } catch (e) {
    host.kill("SIGKILL");
    await host.done();
    throw new Error(
      `the host did not start: ${(e as Error).message}\n${
        host.stderr.lines.join("\n")
      }`,
    );
  }
  return host;
}

/**
 * Starts `join --room ROOM --bot --json` in `node` as `nickname`, its
 * seats file under `state/nickname`.
 */
export function startBot(
  node: LanNode,
  room: string,
  nickname: string,
  state: string,
  extra: string[] = [],
): LanProcess {
  return node.spawn([
    "env",
    `XDG_STATE_HOME=${state}/${nickname}`,
    "deno",
    "run",
    "-A",
    "--cached-only",
    MOD,
    "join",
    "--room",
    room,
    "--name",
    nickname,
    "--bot",
    "--json",
    "--lang",
    "en",
    "--interface",
    "eth0",
    ...extra,
  ]);
}

/** The command of a TUI `join` in `node`'s namespace (for tmux). */
export function tuiCommand(
  node: LanNode,
  room: string,
  nickname: string,
): string[] {
  return [
    "ip",
    "netns",
    "exec",
    node.ns,
    "deno",
    "run",
    "-A",
    "--cached-only",
    MOD,
    "join",
    "--room",
    room,
    "--name",
    nickname,
    "--lang",
    "en",
    "--interface",
    "eth0",
  ];
}

/**
 * Waits for the first event from line `from` on that satisfies `match`;
 * returns it and its line index.
 */
export async function waitEvent(
  p: LanProcess,
  match: (m: Msg) => boolean,
  timeoutMs: number,
  from = 0,
): Promise<{ msg: Msg; index: number }> {
  const { line, index } = await p.stdout.waitFor(
    (l) => {
      const m = parse(l);
      return m !== null && match(m);
    },
    timeoutMs,
    from,
  );
  return { msg: parse(line)!, index };
}

/** A client's `welcome` (waits for it). */
export async function welcomeOf(p: LanProcess, timeoutMs = 30_000) {
  return (await waitEvent(p, (m) => m.type === "welcome", timeoutMs)).msg as {
    type: "welcome";
    you: { id: string; nickname: string };
    room: { hostId: string; epoch: number };
  };
}

/** The nickname of deputy 1 as the `fallback` events name it (the last one). */
export function deputyName(p: LanProcess): string | null {
  const f = events(p).filter((m) => m.type === "fallback").at(-1);
  return typeof f?.nickname === "string" ? f.nickname : null;
}

/**
 * Milliseconds from `t0` (performance.now()) until `p` prints an event
 * matching `match` after line `from`; rejects after `timeoutMs`.
 */
export async function msUntil(
  p: LanProcess,
  match: (m: Msg) => boolean,
  t0: number,
  from: number,
  timeoutMs: number,
): Promise<number> {
  await waitEvent(p, match, timeoutMs, from);
  return performance.now() - t0;
}

/** The game's ranking of the last `game_end` as `id → points`. */
export function finalPoints(p: LanProcess): Map<string, number> {
  const end = events(p).filter((m) => m.type === "game_end").at(-1) as
    | { ranking: { id?: string; nickname: string; points: number }[] }
    | undefined;
  if (!end) throw new Error("no game_end");
  return new Map(end.ranking.map((r) => [r.id ?? r.nickname, r.points]));
}

/** `nickname points` of the last `game_end` ranking, in its order. */
export function finalRanking(p: LanProcess): string[] {
  const end = events(p).filter((m) => m.type === "game_end").at(-1) as
    | { ranking: { nickname: string; points: number }[] }
    | undefined;
  if (!end) throw new Error("no game_end");
  return end.ranking.map((r) => `${r.nickname} ${r.points}`);
}

/**
 * QCM: points per player id summed over the reveals seen, one per
 * question index (a question revealed again by the new host counts once:
 * the last reveal of each index), and the indexes seen.
 */
export function qcmRevealPoints(
  msgs: Msg[],
): { points: Map<string, number>; indexes: number[] } {
  const byIndex = new Map<number, { id: string; points: number }[]>();
  for (const m of msgs) {
    if (m.type !== "reveal") continue;
    byIndex.set(
      m.index as number,
      m.results as { id: string; points: number }[],
    );
  }
  const points = new Map<string, number>();
  for (const results of byIndex.values()) {
    for (const r of results) {
      points.set(r.id, (points.get(r.id) ?? 0) + r.points);
    }
  }
  return { points, indexes: [...byIndex.keys()].sort((a, b) => a - b) };
}

/**
 * Juste prix: points per player id summed over the `round_end` rankings,
 * one per round (the last of each round), and the rounds seen.
 */
export function justePrixRoundPoints(
  msgs: Msg[],
): { points: Map<string, number>; rounds: number[] } {
  const byRound = new Map<number, { id: string; points: number }[]>();
  for (const m of msgs) {
    if (m.type !== "round_end") continue;
    byRound.set(
      m.round as number,
      m.ranking as { id: string; points: number }[],
    );
  }
  const points = new Map<string, number>();
  for (const ranking of byRound.values()) {
    for (const r of ranking) {
      points.set(r.id, (points.get(r.id) ?? 0) + r.points);
    }
  }
  return { points, rounds: [...byRound.keys()].sort((a, b) => a - b) };
}

/**
 * Morpion: points per player id from the `match_end` events (3 a win, 1 a
 * draw, games/morpion/standings.ts), one per match, and the matches seen.
 */
export function morpionMatchPoints(
  msgs: Msg[],
  ids: string[],
): { points: Map<string, number>; matches: number[] } {
  const byMatch = new Map<number, Msg>();
  for (const m of msgs) {
    if (m.type === "match_end") byMatch.set(m.match as number, m);
  }
  const points = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const m of byMatch.values()) {
    if (m.draw) {
      for (const id of ids) points.set(id, points.get(id)! + 1);
    } else if (typeof m.winnerId === "string") {
      points.set(m.winnerId, (points.get(m.winnerId) ?? 0) + 3);
    }
  }
  return { points, matches: [...byMatch.keys()].sort((a, b) => a - b) };
}

/**
 * QCM: answers a bot had acknowledged (`answer_ack`: question index →
 * choices) that the final reveals do not show as its answer — lost in the
 * migration. `acks` are the acks to count (e.g. those from the old host).
 */
export function lostAnswers(
  acks: Msg[],
  msgs: Msg[],
  id: string,
): { index: number; choices: number[] }[] {
  const last = new Map<number, { id: string; choices: number[] }[]>();
  for (const m of msgs) {
    if (m.type === "reveal") {
      last.set(
        m.index as number,
        m.results as { id: string; choices: number[] }[],
      );
    }
  }
  const lost: { index: number; choices: number[] }[] = [];
  for (const a of acks) {
    if (a.type !== "answer_ack") continue;
    const index = a.index as number;
    const choices = a.choices as number[];
    const mine = last.get(index)?.find((r) => r.id === id);
    if (!mine || JSON.stringify(mine.choices) !== JSON.stringify(choices)) {
      lost.push({ index, choices });
    }
  }
  return lost;
}

/** Percentile `p` (0–100) of `values` (nearest rank), NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
