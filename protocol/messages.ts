/**
 * The messages of protocol v1. Client→host messages have a schema (zod):
 * every inbound line is parsed and validated before any rule sees it.
 * Host→client messages are typed here and documented in docs/PROTOCOL.md.
 * Game moves (`guess`, `answer`, `play`) are validated by the game's own schema.
 *
 * @module
 */
import { z } from "zod";
import { CHAT_MAX, type Lang, LANGS, NICKNAME_MAX } from "./constants.ts";
import type { QuizInfo } from "./options_messages.ts";

/** One problem a {@linkcode Schema} found in a value. */
export interface SchemaIssue {
  /** Where in the value, e.g. `["options", "max"]`; empty for the value itself. */
  readonly path: readonly PropertyKey[];
  /** What is wrong, in English. */
  readonly message: string;
}

/** Why a {@linkcode Schema} refused a value (zod's `ZodError` is one). */
export interface SchemaError {
  /** The problems found, the first one the most useful. */
  readonly issues: readonly SchemaIssue[];
}

/** Outcome of {@linkcode Schema.safeParse}: the valid value, or why not. */
export type SafeParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: SchemaError };

/**
 * Validates untrusted input into a `T`. Every zod schema whose output is `T`
 * is one: the API names only the part it uses, not zod's internal types.
 */
export interface Schema<T> {
  /** The validated (possibly trimmed or defaulted) value; throws when invalid. */
  parse(value: unknown): T;
  /** Like {@linkcode Schema.parse}, but returns the outcome instead of throwing. */
  safeParse(value: unknown): SafeParseResult<T>;
}

/**
 * Nickname pattern: letters, digits, `_`, `-`, `.`; no spaces.
 *
 * @example
 * ```ts
 * import { NICKNAME_PATTERN } from "./messages.ts";
 * NICKNAME_PATTERN.test("Zoé_2"); // true
 * NICKNAME_PATTERN.test("a b"); // false
 * ```
 */
export const NICKNAME_PATTERN = /^[\p{L}\p{N}_.\-]+$/u;

/**
 * Schema of a nickname (trimmed, 1–16 characters from {@linkcode NICKNAME_PATTERN}).
 *
 * @example
 * ```ts
 * import { nicknameSchema } from "./messages.ts";
 * nicknameSchema.safeParse("Zoé").success; // true
 * nicknameSchema.safeParse("a b").success; // false
 * ```
 */
export const nicknameSchema: Schema<string> = z.string().trim()
  .normalize("NFC").min(1).max(NICKNAME_MAX).regex(NICKNAME_PATTERN);

const lang = z.enum(LANGS);

/** A validated `hello`: the first JSON line of a client. */
export interface Hello {
  /** Always `hello`. */
  type: "hello";
  /** Nickname as typed (checked against {@linkcode nicknameSchema} on join). */
  nickname: string;
  /** Protocol version the client speaks (this version: 1). */
  protocol: number;
  /** Interface language the player wants; the host's default when absent. */
  lang?: Lang;
  /** Session token from an earlier `welcome`, to take a seat back. */
  token?: string;
  /** Room PIN when the room is locked. */
  pin?: string;
  /**
   * A fresh random string (8–64 characters of base64url): the host signs it
   * with its room key and returns the proof in `welcome.room.proof`.
   */
  nonce?: string;
  /** Secret the host gives its own player's client: that seat leads the room. */
  hostKey?: string;
  /** Free text naming the client program. */
  client?: string;
  /**
   * Optional features the client supports (free names, at most 32; unknown
   * ones are ignored): `"heartbeat"` (pings answered, a line every
   * interval), {@linkcode VIEW_PATCH} (views built from game messages).
   */
  capabilities?: string[];
  /**
   * A client able to take the room over if its host goes (a `join`
   * client, TUI or bot): its X25519 public key (raw, base64url, 43
   * characters). The host may then make it a deputy (`deputy`) and send
   * it sealed replicas of the room (`replica`); docs/host-migration.md.
   */
  deputy?: string;
}

/**
 * The `hello.capabilities` name of a client that applies the patches of
 * docs/PROTOCOL.md §5.2 (each game's `GameView.patch`, starting phases
 * included): the host may then leave out a view that a game message makes
 * (`Step.patchable`: every QCM question). The lanplay client,
 * its bots and the web page say it; clients that do not get every view.
 *
 * @example
 * ```ts
 * import { VIEW_PATCH } from "./messages.ts";
 * const hello = { type: "hello", nickname: "ana", protocol: 1, capabilities: ["heartbeat", VIEW_PATCH] };
 * console.log(hello.capabilities); // ["heartbeat", "view-patch"]
 * ```
 */
export const VIEW_PATCH = "view-patch";

const helloObject = z.object({
  type: z.literal("hello"),
  nickname: z.string().max(200),
  protocol: z.number().int().min(0).max(1000),
  lang: lang.optional(),
  token: z.string().max(200).optional(),
  pin: z.string().max(32).optional(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  hostKey: z.string().max(200).optional(),
  client: z.string().max(100).optional(),
  capabilities: z.array(z.string().max(40)).max(32).optional(),
  deputy: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional(),
});

/**
 * Schema of the first JSON line of a client: who it is and what it speaks.
 *
 * @example
 * ```ts
 * import { helloSchema } from "./messages.ts";
 * helloSchema.parse({ type: "hello", nickname: "ana", protocol: 1 });
 * ```
 */
export const helloSchema: Schema<Hello> = helloObject;

/** Most options one `start` or `choose` may name. */
export const OPTIONS_MAX = 32;

/**
 * Game options as sent: a plain JSON object of at most {@linkcode OPTIONS_MAX}
 * entries, no `__proto__` key. (Not `z.record`: zod 4.1's plain-object test
 * reads `value.constructor.prototype` and throws on `{"constructor": null}`.)
 * The game's own schema checks the names and values when the game starts.
 */
const gameOptions = z.custom<Record<string, unknown>>(
  (v) =>
    typeof v === "object" && v !== null && !Array.isArray(v) &&
    Object.getPrototypeOf(v) === Object.prototype &&
    !Object.hasOwn(v, "__proto__") &&
    Object.keys(v).length <= OPTIONS_MAX,
  { message: `expected an object of at most ${OPTIONS_MAX} options` },
);

/**
 * Schemas of the lobby messages a client may send after `hello`, by type.
 *
 * @example
 * ```ts
 * import { lobbySchemas } from "./messages.ts";
 * lobbySchemas.chat.parse({ type: "chat", text: "salut" });
 * ```
 */
export const lobbySchemas = {
  chat: z.object({
    type: z.literal("chat"),
    text: z.string().trim().min(1).max(CHAT_MAX),
  }),
  start: z.object({
    type: z.literal("start"),
    game: z.string().max(40).optional(),
    options: gameOptions.optional(),
  }),
  choose: z.object({
    type: z.literal("choose"),
    game: z.string().max(40),
    options: gameOptions.optional(),
  }),
  stop: z.object({ type: z.literal("stop") }),
  lang: z.object({ type: z.literal("lang"), lang }),
  ping: z.object({
    type: z.literal("ping"),
    id: z.union([z.string().max(64), z.number()]).optional(),
  }),
  ready: z.object({ type: z.literal("ready"), ready: z.boolean().optional() }),
  quit: z.object({ type: z.literal("quit") }),
  kick: z.object({ type: z.literal("kick"), id: z.string().max(64) }),
  pong: z.object({
    type: z.literal("pong"),
    id: z.union([z.string().max(64), z.number()]).optional(),
  }),
  options: z.object({
    type: z.literal("options"),
    game: z.string().max(40).optional(),
  }),
  set: z.object({
    type: z.literal("set"),
    game: z.string().max(40).optional(),
    key: z.string().min(1).max(40),
    value: z.union([z.string().max(200), z.number(), z.boolean()]),
  }),
  quiz: z.object({
    type: z.literal("quiz"),
    name: z.string().max(200).optional(),
  }),
  handover: z.object({ type: z.literal("handover") }),
} as const;

/** A validated lobby message (one of {@linkcode lobbySchemas}). */
export type LobbyMessage =
  | { type: "chat"; text: string }
  | { type: "start"; game?: string; options?: Record<string, unknown> }
  | { type: "choose"; game: string; options?: Record<string, unknown> }
  | { type: "stop" }
  | { type: "lang"; lang: Lang }
  | { type: "ping"; id?: string | number }
  | { type: "ready"; ready?: boolean }
  | { type: "quit" }
  | { type: "kick"; id: string }
  | { type: "pong"; id?: string | number }
  | { type: "options"; game?: string }
  | {
    type: "set";
    game?: string;
    key: string;
    value: string | number | boolean;
  }
  | { type: "quiz"; name?: string }
  | { type: "handover" };

// The hand-written types above must stay identical to what the schemas accept.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;
type Assert<T extends true> = T;
type _HelloMatchesSchema = Assert<Equal<Hello, z.output<typeof helloObject>>>;
type _LobbyMessageMatchesSchemas = Assert<
  Equal<
    LobbyMessage,
    {
      [K in keyof typeof lobbySchemas]: z.output<typeof lobbySchemas[K]>;
    }[keyof typeof lobbySchemas]
  >
>;

/** One player as the lobby shows it. */
export interface PlayerInfo {
  /** Stable id for this session. */
  id: string;
  /** Nickname shown to everyone (unique in the room, case-insensitively). */
  nickname: string;
  /** Cumulative points over the games of this session. */
  score: number;
  /** True for the seat that leads the room (starts games). */
  leader: boolean;
  /** `json` (the lanplay client, bots, scripts) or `text` (nc, telnet). */
  mode: "json" | "text";
  /** True while the player's connection is open. */
  connected: boolean;
  /** The player said they are ready for the next game (`ready`). */
  ready: boolean;
}

/** Where a room can be reached: a TCP address and port (and its web port). */
export interface RoomAddress {
  /** IPv4 address of the host. */
  address: string;
  /** Its TCP game port. */
  port: number;
  /** Its web port, when it serves the page. */
  webPort?: number;
}

/** Room state as announced and shown in the lobby. */
export type RoomState = "lobby" | "playing";

/** A player named in a host message: their id, and the nickname to show. */
export interface PlayerRef {
  /** The player's id in this room (`p3`). */
  id: string;
  /** Their nickname. */
  nickname: string;
}

/** One line of the session standings sent with the room's goodbye. */
export interface SessionStanding extends PlayerRef {
  /** Points over the session's games. */
  score: number;
  /** 1 for the best; ties share a rank. */
  rank: number;
}

/** Messages the host sends. Game messages have their own types (see games/). */
export type HostMessage =
  | {
    type: "welcome";
    protocol: number;
    /** Send it back as `hello.token` to take this seat back after a drop. */
    token: string;
    /** The same for text mode: type `nickname CODE` at the prompt. */
    rejoin?: string;
    /** True when this welcome gave a held seat back (same id and score). */
    rejoined?: boolean;
    /** Heartbeat timing, for clients that said `heartbeat` in hello. */
    heartbeat?: { intervalMs: number; timeoutMs: number };
    /** How long the host holds a lost player's seat (ms). */
    graceMs?: number;
    you: { id: string; nickname: string; leader: boolean };
    room: {
      name: string;
      /** The room id (derived from the room key when the host has one). */
      hostId: string;
      capacity: number;
      /** The room's public key (Ed25519, base64url), when it has one. */
      key?: string;
      /** The key's signature of the `hello.nonce` (base64url), when asked. */
      proof?: string;
      /**
       * The room's epoch: 0 for the first host, +1 at each migration to a
       * deputy. A room seen with a higher epoch (discovery) is the live one.
       */
      epoch?: number;
    };
    capabilities: string[];
  }
  | {
    type: "lobby";
    state: RoomState;
    game: string;
    games: string[];
    /** The first players in joining order (at most 32; `count` says how many are in). */
    players: PlayerInfo[];
    /** How many players are in, when `players` does not list them all (else `players.length`). */
    count?: number;
    autostart: number | null;
    /** The custom quiz of the chosen (or running) QCM, when it has one. */
    quiz?: QuizInfo;
  }
  | { type: "chat"; id?: string; from: string; text: string; at: number }
  | { type: "joined"; id?: string; nickname: string }
  | { type: "left"; id?: string; nickname: string; reason: string }
  | { type: "away"; id: string; nickname: string; graceMs: number }
  | { type: "back"; id: string; nickname: string }
  | { type: "leader"; id: string; nickname: string }
  | {
    type: "game_start";
    game: string;
    /** The players seated (the first 32 in a bigger room: `count` says how many). */
    players: PlayerRef[];
    /** How many players are seated, when `players` does not list them all. */
    count?: number;
  }
  | {
    type: "view";
    game: string;
    view: unknown;
    /** True for a member who has no seat in the running game (watching it). */
    watching?: boolean;
  }
  | {
    type: "game_end";
    game: string;
    /** The game's ranking (the best 32 in a bigger room). */
    ranking: { id?: string; nickname: string; rank: number; points: number }[];
    /** Session scores, best first (the best 32 in a bigger room). */
    scores: { id?: string; nickname: string; score: number }[];
    /** How many players the game had, when `ranking` does not list them all. */
    count?: number;
  }
  | { type: "error"; code: string; message: string }
  | {
    type: "bye";
    reason: string;
    message: string;
    /** With `host_closed`: the session's final standings. */
    standings?: SessionStanding[];
    /** With `moved`: where the room went (its new host). */
    to?: RoomAddress;
  }
  | {
    /** Where the room goes if this host goes (its first deputy), or none (`to` absent). */
    type: "fallback";
    to?: RoomAddress;
    /** The first deputy's nickname (text mode names it), with `to`. */
    nickname?: string;
  }
  | {
    /**
     * To a deputy: its rank (1 takes over first, 2 after it; 0: no longer
     * a deputy) and the host's X25519 public key (raw, base64url) that
     * seals the replicas.
     */
    type: "deputy";
    rank: number;
    key: string;
  }
  | {
    /**
     * To a deputy: the room's state, sealed for it (AES-GCM, key from
     * X25519 between `hello.deputy` and `deputy.key`), at most every
     * 100 ms when it changed; without `data`, nothing changed since `seq`
     * (a keepalive every 250 ms).
     */
    type: "replica";
    epoch: number;
    seq: number;
    /** AES-GCM nonce, base64url (with `data`). */
    iv?: string;
    /** The sealed snapshot, base64url. */
    data?: string;
  }
  | {
    /**
     * To the first deputy: the host is leaving now (its player's
     * `handover`); the replica `seq` is final: take the room over.
     */
    type: "handover";
    epoch: number;
    seq: number;
  }
  | { type: "pong"; id?: string | number; at: number }
  | { type: "ping"; id: number; at: number };

/** A message a game sends; `type` names it on the wire. JSON-safe values only. */
export interface GameMessage {
  /** Message name on the wire, e.g. `round`, `result`. */
  type: string;
  /** Game-specific fields (JSON-safe). */
  [key: string]: unknown;
}

/** A move a client sends; its `type` is one of the game's move types. */
export interface GameMove {
  /** Move name on the wire, one of the game's `moveTypes`. */
  type: string;
  /** Move-specific fields, checked by the game's `moveSchema`. */
  [key: string]: unknown;
}
