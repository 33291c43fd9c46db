/**
 * Following one room through host migration: {@linkcode findRoom} waits
 * until a discovery lists a room id at a given epoch or higher (a client
 * whose host went looks for the room's next host), {@linkcode watchRoom}
 * calls back each time the room shows up with a higher epoch (a client
 * wakes its reconnect loop; a host's split-brain guard hears every epoch
 * with {@linkcode listenRoomAds} instead). Both follow the discovery's `change` events (browser.ts,
 * coalesced to one per `CHANGE_EVERY_MS`) and set no timer of their own.
 * {@linkcode listenRoomAds} hears every signed ad of one room at any epoch
 * (a discovery lists only the highest): a host's split-brain guard.
 *
 * @module
 */
import { BEACON_PORT } from "../protocol/constants.ts";
import {
  type Discovery,
  type FoundHost,
  localInterfaces,
  SOURCE_LIMITS,
} from "./browser.ts";
import { FindRoomError } from "./errors.ts";
import {
  adSignedBytes,
  AdVerifier,
  byeSignedBytes,
  type Signed,
} from "./ad_signature.ts";
import { ProbeRateLimiter } from "./rate_limit.ts";
import type { RoomAd } from "./room_ad.ts";
import { type BroadcastListener, listenBroadcast } from "./beacon_listener.ts";
import { browseMdns, type MdnsBrowser } from "./mdns_browser.ts";

export { FindRoomError } from "./errors.ts";

/** What {@linkcode findRoom} and {@linkcode watchRoom} use of a discovery. */
export type RoomList = Pick<
  Discovery,
  "hosts" | "closed" | "addEventListener" | "removeEventListener"
>;

/**
 * The room `roomId` as `discovery` lists it at epoch `minEpoch` or higher:
 * at once when it is listed already, else at the first `change` event that
 * lists it. Rejects with a {@linkcode FindRoomError}: `aborted` when
 * `signal` aborts (or was aborted already), `closed` when the discovery is
 * or gets closed. Its listeners are removed either way.
 *
 * @example
 * ```ts
 * import { findRoom, type RoomList } from "./find_room.ts";
 * // A stand-in for discover(): a room listed at epoch 0, then at epoch 1.
 * const events = new EventTarget();
 * let list = [{ hostId: "ab12", epoch: 0, address: "198.18.0.1" }];
 * const rooms = Object.assign(events, { hosts: () => list, closed: false });
 * const next = findRoom(rooms as unknown as RoomList, "ab12", 1);
 * list = [{ hostId: "ab12", epoch: 1, address: "198.18.0.3" }];
 * events.dispatchEvent(new Event("change"));
 * (await next).address; // "198.18.0.3"
 * ```
 */
export function findRoom(
  discovery: RoomList,
  roomId: string,
  minEpoch: number,
  signal?: AbortSignal,
): Promise<FoundHost> {
  return new Promise<FoundHost>((resolve, reject) => {
    if (signal?.aborted) {
      return reject(
        new FindRoomError("aborted", roomId, minEpoch, signal.reason),
      );
    }
    const match = () =>
      discovery.hosts().find((h) => h.hostId === roomId && h.epoch >= minEpoch);
    const found = match();
    if (found) return resolve(found);
    if (discovery.closed) {
      return reject(new FindRoomError("closed", roomId, minEpoch));
    }
    const stop = () => {
      discovery.removeEventListener("change", onChange);
      discovery.removeEventListener("close", onClose);
      signal?.removeEventListener("abort", onAbort);
    };
    const onChange = () => {
      const host = match();
      if (!host) return;
      stop();
      resolve(host);
    };
    const onClose = () => {
      stop();
      reject(new FindRoomError("closed", roomId, minEpoch));
    };
    const onAbort = () => {
      stop();
      reject(new FindRoomError("aborted", roomId, minEpoch, signal?.reason));
    };
    discovery.addEventListener("change", onChange);
    discovery.addEventListener("close", onClose);
    signal?.addEventListener("abort", onAbort);
  });
}

/**
 * Calls `onHigher(found)` each time `discovery` lists room `roomId` with an
 * epoch higher than every one before, starting above `above` (default -1:
 * the first sighting calls back). Pass the epoch you know — a host its own,
 * a client the one of its `welcome` — so that only a newer host of the room
 * calls back. The list as it is now is checked in a microtask (so
 * `onHigher` may call the returned function), then at every `change`.
 * Returns the function that stops watching (also done when the discovery
 * closes).
 *
 * @example
 * ```ts
 * import { type RoomList, watchRoom } from "./find_room.ts";
 * // A stand-in for discover(): the room at epoch 0, then at epoch 1.
 * const events = new EventTarget();
 * let list = [{ hostId: "ab12", epoch: 0 }];
 * const rooms = Object.assign(events, { hosts: () => list, closed: false });
 * const seen: number[] = [];
 * const stop = watchRoom(rooms as unknown as RoomList, "ab12",
 *   (found) => seen.push(found.epoch), 0);
 * list = [{ hostId: "ab12", epoch: 1 }];
 * events.dispatchEvent(new Event("change"));
 * stop();
 * seen; // [1]
 * ```
 */
export function watchRoom(
  discovery: RoomList,
  roomId: string,
  onHigher: (found: FoundHost) => void,
  above: number = -1,
): () => void {
  let best = above;
  let stopped = false;
  const check = () => {
    if (stopped) return;
    const host = discovery.hosts().find((h) => h.hostId === roomId);
    if (!host || host.epoch <= best) return;
    best = host.epoch;
    onHigher(host);
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    discovery.removeEventListener("change", check);
    discovery.removeEventListener("close", stop);
  };
  discovery.addEventListener("change", check);
  discovery.addEventListener("close", stop);
  queueMicrotask(check);
  return stop;
}

/** One signed ad or goodbye of a room, whatever its epoch. */
export type RoomAdEvent =
  | {
    type: "ad";
    /** What the host announced (its `players` are the players there now). */
    ad: RoomAd;
    /** Address the packet came from: where that host answers. */
    source: string;
    /** When it was heard (ms, the listener's clock). */
    at: number;
  }
  | {
    type: "bye";
    /** The epoch of the host that said goodbye. */
    epoch: number;
    /** Address the packet came from. */
    source: string;
    /** When it was heard (ms, the listener's clock). */
    at: number;
  };

/** Options of {@linkcode listenRoomAds}. */
export interface ListenRoomAdsOptions {
  /** Interfaces (names or IPv4 addresses); default every non-loopback one. */
  interfaces?: string[];
  /** UDP port of beacons (default {@linkcode BEACON_PORT}). */
  beaconPort?: number;
  /** Browse mDNS too (default true). */
  mdns?: boolean;
  /** mDNS UDP port (default 5353; tests only). */
  mdnsPort?: number;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
}

/** A running {@linkcode listenRoomAds}. */
export interface RoomAdListener {
  /** Resolves once the sockets are open (or failed to open). */
  readonly ready: Promise<void>;
  /** Closes its sockets; no event after. */
  close(): Promise<void>;
}

/**
 * Every signed ad and goodbye of room `roomId`, **whatever its epoch**
 * (beacons and mDNS, signature checked, rate-limited per source like
 * {@linkcode discover}). A discovery's list keeps one host a room, the
 * highest epoch; a host of the room needs them all: its own ads, a newer
 * host's and an older one's, to decide who keeps the room when a cut
 * cable made two hosts of it (cli/split_brain.ts). Ads of other rooms are
 * dropped before any signature check.
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { listenRoomAds } from "./find_room.ts";
 * const ads = listenRoomAds(roomId, (e) => console.log(e.type, e.source), {
 *   interfaces: ["lo"], beaconPort: 40127, mdns: false });
 * await ads.ready;
 * await ads.close();
 * ```
 *
 * @param roomId the room id (`hostId`)
 * @param onEvent called with each ad and goodbye whose signature holds
 * @param options interfaces and ports
 */
export function listenRoomAds(
  roomId: string,
  onEvent: (e: RoomAdEvent) => void,
  options: ListenRoomAdsOptions = {},
): RoomAdListener {
  const now = options.now ?? (() => performance.now());
  const limiter = new ProbeRateLimiter(SOURCE_LIMITS);
  const verifier = new AdVerifier();
  let closed = false;
  let broadcast: BroadcastListener | null = null;
  let mdns: MdnsBrowser | null = null;
  const trusted = async (
    source: string,
    bytes: Uint8Array<ArrayBuffer>,
    signed: Signed,
  ) =>
    limiter.allow(source, now()) &&
    await verifier.verify(roomId, bytes, signed, now()) === "valid" &&
    !closed;
  const ad = async (ad: RoomAd, every: number, source: string, s: Signed) => {
    if (closed || ad.hostId !== roomId) return;
    if (await trusted(source, adSignedBytes(ad, every), s)) {
      onEvent({ type: "ad", ad, source, at: now() });
    }
  };
  const bye = async (
    hostId: string,
    epoch: number,
    source: string,
    s: Signed,
  ) => {
    if (closed || hostId !== roomId) return;
    if (await trusted(source, byeSignedBytes(hostId, epoch), s)) {
      onEvent({ type: "bye", epoch, source, at: now() });
    }
  };
  const interfaces = localInterfaces(options.interfaces);
  const ready = (async () => {
    if (interfaces.length === 0) return;
    broadcast = await listenBroadcast(
      interfaces,
      options.beaconPort ?? BEACON_PORT,
      (e) =>
        void (e.type === "ad"
          ? ad(e.ad, e.every, e.source, e.signed)
          : bye(e.hostId, e.epoch, e.source, e.signed)),
    );
    if (closed) return void await broadcast.close();
    if (options.mdns === false) return;
    mdns = await browseMdns(interfaces, {
      port: options.mdnsPort,
      onEvent: (e) =>
        void (e.type === "found"
          ? ad(e.ad, 0, e.source, e.signed)
          : bye(e.hostId, e.epoch, e.source, e.signed)),
    });
    if (closed) await mdns.close();
  })();
  return {
    ready,
    async close() {
      if (closed) return;
      closed = true;
      await ready.catch(() => {});
      await Promise.all([broadcast?.close(), mdns?.close()]);
    },
  };
}
