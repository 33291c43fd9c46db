/**
 * A room's snapshot for host migration: what a deputy needs to open the
 * same room on its own machine (`Room.restore`). It travels sealed
 * (protocol/sealed.ts) in `replica` messages and is parsed on the deputy
 * from decrypted bytes, so its schema bounds every size.
 *
 * Secrets: members carry SHA-256 hashes of their session tokens and
 * rejoin codes, never the secrets; the room's private key and the PIN are
 * in it, which is why it is only ever sent sealed (docs/security.md).
 *
 * @module
 */
import { z } from "zod";
import {
  CHAT_MAX,
  type Lang,
  LANGS,
  NICKNAME_MAX,
} from "../protocol/constants.ts";
import type { Schema } from "../protocol/messages.ts";
import type { ChatLine } from "./chat.ts";
import type { SavedMatch } from "./match.ts";

/**
 * Most bytes of a snapshot's JSON. A bigger one is not replicated (the
 * deputy keeps the last one that fit). A room reaches it only with a quiz
 * near `MAX_QUIZ_BYTES` (1 MiB) and a big running QCM.
 */
export const SNAPSHOT_MAX_BYTES = 4 * 1024 * 1024;

/** Chat lines a snapshot keeps (the tail a newcomer is shown). */
export const SNAPSHOT_CHAT_MAX = 20;

/** Most banned addresses, and most banned nickname skeletons, a snapshot keeps. */
export const SNAPSHOT_BANS_MAX = 1024;

/** Most seats a snapshot holds. */
export const SNAPSHOT_MEMBERS_MAX = 10_000;

/** One seat as a snapshot keeps it (watchers are not kept: they reconnect as new). */
export interface SavedMember {
  /** Room-local id (`p3`). */
  id: string;
  /** Nickname. */
  nickname: string;
  /** Language of its messages. */
  lang: Lang;
  /** `json` or `text`. */
  mode: "json" | "text";
  /** SHA-256 (hex) of its session token. */
  tokenHash: string;
  /** SHA-256 (hex) of its text-mode rejoin code. */
  rejoinHash: string;
  /** Session score. */
  score: number;
  /** Said `ready`. */
  ready: boolean;
  /** Its IP address as the host saw it, when known. */
  address?: string;
  /** A bot. */
  bot: boolean;
  /** Held the old host's host key (its hosting player). */
  isHost: boolean;
  /** Order of arrival. */
  joinedSeq: number;
  /** Connected when the snapshot was taken (a restored game waits for these). */
  connected: boolean;
}

/** The room's own state in a snapshot (host/room.ts makes and reads it). */
export interface SavedRoom {
  /** Seats in joining order. */
  members: SavedMember[];
  /** The last arrival number given (ids are never given twice). */
  seq: number;
  /** The host key's holder had come in (who leads depends on it). */
  hostSeen: boolean;
  /** Who led when the snapshot was taken. */
  leaderId?: string;
  /** The chat's last lines. */
  chat: ChatLine[];
  /** Banned addresses and nickname skeletons. */
  bans: { addresses: string[]; skeletons: string[] };
  /** The game side. */
  match: SavedMatch;
}

/** A snapshot of a room (`Room.snapshot`), what a deputy restores. */
export interface RoomSnapshot {
  /** Format version. */
  v: 1;
  /** Epoch of the host that took it. */
  epoch: number;
  /** Increasing per host. */
  seq: number;
  /** Host clock (ms) when taken. */
  at: number;
  /** The running game's clock when taken, if a game runs. */
  gameNow?: number;
  /** The room's settings the new host opens it with. */
  room: {
    name: string;
    capacity: number;
    graceMs: number;
    pin?: string;
    port: number;
    webPort?: number;
    lang: Lang;
    game: string;
  };
  /** The room's Ed25519 key: PKCS#8 private half and raw public half, base64url. */
  key: { privateKey: string; publicKey: string };
  /** Members (token hashes), chat tail, bans, match and the game's save. */
  state: SavedRoom;
}

/** What `Room.snapshot` needs from its caller: what the room itself does not know. */
export interface SnapshotExtra {
  /** The replica's sequence number. */
  seq: number;
  /** Ports and default language of the host. */
  room: { port: number; webPort?: number; lang: Lang };
  /** The room's key (discovery/room_key.ts `exportPrivate()` and `publicKey`). */
  key: { privateKey: string; publicKey: string };
}

/** A plain JSON object of at most `max` entries (not `z.record`: see protocol/messages.ts). */
function plainObject(max: number) {
  return z.custom<Record<string, unknown>>(
    (v) =>
      typeof v === "object" && v !== null && !Array.isArray(v) &&
      Object.getPrototypeOf(v) === Object.prototype &&
      !Object.hasOwn(v, "__proto__") && Object.keys(v).length <= max,
    { message: `expected an object of at most ${max} entries` },
  );
}

const id = z.string().regex(/^[pw][0-9]{1,9}$/);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const nickname = z.string().min(1).max(NICKNAME_MAX * 4);
const gameId = z.string().min(1).max(40);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const time = z.number().finite();

const member = z.object({
  id,
  nickname,
  lang: z.enum(LANGS),
  mode: z.enum(["json", "text"]),
  tokenHash: hash,
  rejoinHash: hash,
  score: z.number().finite(),
  ready: z.boolean(),
  address: z.string().max(64).optional(),
  bot: z.boolean(),
  isHost: z.boolean(),
  joinedSeq: count,
  connected: z.boolean(),
});

const chatLine = z.object({
  id: z.string().max(16).optional(),
  from: z.string().max(64),
  text: z.string().max(CHAT_MAX * 4),
  at: time,
});

const seat = z.object({ id, nickname });

const match = z.object({
  game: gameId,
  options: plainObject(64).refine(
    (o) => Object.values(o).every((v) => plainObject(64).safeParse(v).success),
    { message: "expected objects of options" },
  ) as z.ZodType<Record<string, Record<string, unknown>>>,
  quiz: z.object({ file: z.string().max(200), title: z.string().max(200) })
    .nullable(),
  autostart: count.nullable(),
  running: z.object({
    id: gameId,
    seats: z.array(seat).max(SNAPSHOT_MEMBERS_MAX),
    saved: z.unknown(),
    gameNow: time,
    quiz: z.object({ title: z.string().max(200), count }).nullable(),
  }).nullable(),
});

const savedRoom = z.object({
  members: z.array(member).max(SNAPSHOT_MEMBERS_MAX),
  seq: count,
  hostSeen: z.boolean(),
  leaderId: id.optional(),
  chat: z.array(chatLine).max(SNAPSHOT_CHAT_MAX),
  bans: z.object({
    addresses: z.array(z.string().max(64)).max(SNAPSHOT_BANS_MAX),
    skeletons: z.array(z.string().max(NICKNAME_MAX * 8))
      .max(SNAPSHOT_BANS_MAX),
  }),
  match,
});

const snapshotObject = z.object({
  v: z.literal(1),
  epoch: count,
  seq: count,
  at: time,
  gameNow: time.optional(),
  room: z.object({
    name: z.string().min(1).max(200),
    capacity: z.number().int().min(1).max(SNAPSHOT_MEMBERS_MAX),
    graceMs: count,
    pin: z.string().max(32).optional(),
    port: z.number().int().min(0).max(65535),
    webPort: z.number().int().min(0).max(65535).optional(),
    lang: z.enum(LANGS),
    game: gameId,
  }),
  key: z.object({
    privateKey: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  }),
  state: savedRoom,
});

/**
 * Schema of a {@linkcode RoomSnapshot}: every list and string bounded (it
 * is parsed on the deputy from decrypted bytes; check the bytes against
 * {@linkcode SNAPSHOT_MAX_BYTES} first, or use {@linkcode parseSnapshot}).
 * A game's saved state is checked by its own `rules.load` on restore.
 *
 * @example
 * ```ts
 * import { roomSnapshotSchema } from "./snapshot.ts";
 * roomSnapshotSchema.safeParse({ v: 1 }).success; // false
 * ```
 */
export const roomSnapshotSchema: Schema<RoomSnapshot> =
  snapshotObject as Schema<RoomSnapshot>;

// What the schema accepts must be a RoomSnapshot (`saved` is `unknown`
// either way; zod only makes it optional).
type _SnapshotFitsType = z.output<typeof snapshotObject> extends
  Omit<RoomSnapshot, "state"> ? true : never;
const _fits: _SnapshotFitsType = true;

/**
 * A snapshot from JSON text (an unsealed replica), or null when it is too
 * big, not JSON or not a snapshot.
 *
 * @example
 * ```ts
 * import { parseSnapshot } from "./snapshot.ts";
 * parseSnapshot("{}"); // null
 * ```
 *
 * @param json the text
 */
export function parseSnapshot(json: string): RoomSnapshot | null {
  // A UTF-16 length over the bound is over it in bytes too.
  if (json.length > SNAPSHOT_MAX_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const r = roomSnapshotSchema.safeParse(value);
  return r.success ? r.data : null;
}
