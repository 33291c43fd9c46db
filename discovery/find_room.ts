/**
 * Following one room through host migration: {@linkcode findRoom} waits
 * until a discovery lists a room id at a given epoch or higher (a client
 * whose host went looks for the room's next host), {@linkcode watchRoom}
 * calls back each time the room shows up with a higher epoch (a host steps
 * down when a newer host of its own room appears; a client wakes its
 * reconnect loop). Both follow the discovery's `change` events (browser.ts,
 * coalesced to one per `CHANGE_EVERY_MS`) and set no timer of their own.
 *
 * @module
 */
import type { Discovery, FoundHost } from "./browser.ts";
import { FindRoomError } from "./errors.ts";

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
