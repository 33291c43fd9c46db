/**
 * A deputy's takeover in the `join` process (MIGRATION.md § 5): the room
 * opens on this machine with the same room key, a higher epoch and its
 * state restored from the last replica (`Room.restore`), on the port it
 * had (any free one when that is taken), announced on `--interface`.
 *
 * @module
 */
import type { RoomAddress } from "../protocol/messages.ts";
import {
  DEFAULT_CAPACITY,
  DEFAULT_GRACE_MS,
  defaultMaxConnections,
  HANDSHAKE_TIMEOUT_MS,
  type Lang,
  LANGS,
  MAX_PER_ADDRESS,
} from "../protocol/constants.ts";
import { Room, type RoomOptions } from "../host/room.ts";
import { roomSnapshotSchema } from "../host/snapshot.ts";
import { importRoomKey } from "../discovery/mod.ts";
import type { TakeOver, TakeoverSnapshot } from "../client/takeover.ts";
import { openRoom, type OwnRoomAds, type RoomService } from "./room_service.ts";

/** Makes a room from its options and a snapshot (`Room.restore`). */
export type RestoreRoom = (options: RoomOptions, snapshot: unknown) => Room;

/**
 * `Room.restore` after the whole snapshot passed its schema (the client
 * only checked the fields it reads); a snapshot that does not is refused
 * with a TypeError naming the first wrong field.
 */
export function roomRestorer(): RestoreRoom {
  return (options, snapshot) => {
    const r = roomSnapshotSchema.safeParse(snapshot);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new TypeError(
        `the last replica is not a room snapshot (${
          issue?.path.join(".") || "root"
        }: ${issue?.message ?? "invalid"})`,
      );
    }
    return Room.restore(options, r.data);
  };
}

/** How a `join` process takes a room over. */
export interface TakeoverRoomOptions {
  /** Language of the room's lines. */
  lang: Lang;
  /** `--interface`: announce there only. */
  interfaces: string[] | undefined;
  /** Announce the room (default true). */
  announce?: boolean;
  /** Where a room comes from a snapshot (default {@linkcode roomRestorer}). */
  restore?: RestoreRoom | null;
  /** The room opened (to stop it when the program ends). */
  opened: (service: RoomService) => void;
  /** The room was given back to its old host (this machine was cut off). */
  gaveBack?: () => void;
  /**
   * The split-brain guard's ears (default: the room's announced
   * interfaces; null: none).
   */
  ownRoomAds?: OwnRoomAds | null;
}

/**
 * The takeover a `join` process hands its failover.
 *
 * @example
 * ```ts ignore
 * let service: RoomService | null = null;
 * const takeOver = roomTakeover({ lang: "fr", interfaces: ["lo"], opened: (s) => service = s });
 * ```
 *
 * @param o the language, the interfaces, what to do with the room
 */
export function roomTakeover(o: TakeoverRoomOptions): TakeOver {
  return async (snapshot: TakeoverSnapshot, epoch: number) => {
    const restore = o.restore === undefined ? roomRestorer() : o.restore;
    if (!restore) throw new Error("this lanplay cannot restore a room");
    const key = await importRoomKey(
      snapshot.key.privateKey,
      snapshot.key.publicKey,
    );
    const room = snapshot.room as TakeoverSnapshot["room"] & {
      capacity?: unknown;
      graceMs?: unknown;
      pin?: unknown;
      lang?: unknown;
      game?: unknown;
    };
    const capacity = intIn(room.capacity, 1, 100_000, DEFAULT_CAPACITY);
    const hostKey = crypto.randomUUID();
    let steppedDown!: (to: RoomAddress) => void;
    const down = new Promise<RoomAddress>((resolve) => steppedDown = resolve);
    const service = await openRoom({
      name: room.name,
      game: typeof room.game === "string" ? room.game : "justeprix",
      gameOptions: {},
      capacity,
      graceSec: intIn(room.graceMs, 0, 86_400_000, DEFAULT_GRACE_MS) / 1000,
      players: null,
      quizDir: ".",
      quiz: null,
      pin: typeof room.pin === "string" ? room.pin : null,
      port: room.port,
      bind: "0.0.0.0",
      webPort: room.webPort ?? null,
      lang: LANGS.includes(room.lang as Lang) ? room.lang as Lang : o.lang,
      announce: o.announce ?? true,
      interfaces: o.interfaces,
      handshakeSec: HANDSHAKE_TIMEOUT_MS / 1000,
      maxConnections: defaultMaxConnections(capacity),
      maxPerAddress: MAX_PER_ADDRESS,
      key,
      epoch,
      hostKey,
      makeRoom: (options) => restore(options, snapshot),
      anyPortIfTaken: true,
      // Its split-brain guard found the room with more players elsewhere
      // (the old host, this machine was the one cut off): given back.
      onSteppedDown: (to) => {
        o.gaveBack?.();
        steppedDown(to);
      },
      ...(o.ownRoomAds !== undefined ? { ownRoomAds: o.ownRoomAds } : {}),
    });
    o.opened(service);
    // Who should come back: the seats connected in the snapshot but this
    // client and the old host's own player (gone with its host).
    const state = (snapshot as { state?: { members?: unknown } }).state;
    const members = Array.isArray(state?.members) ? state.members : [];
    const expected =
      members.filter((m) => m?.connected === true && m?.isHost !== true)
        .length - 1;
    return {
      port: service.port,
      hostKey,
      name: room.name,
      steppedDown: down,
      ...(expected >= 1
        ? {
          isolated: () => service.room.connectedPlayers() <= 1,
          giveBack: (to: RoomAddress) => {
            service.room.stepDown(to);
            o.gaveBack?.();
            void service.stop();
          },
        }
        : {}),
    };
  };
}

function intIn(v: unknown, min: number, max: number, fallback: number) {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max
    ? v
    : fallback;
}
