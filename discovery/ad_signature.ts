/**
 * Signed discovery: the canonical bytes a room signs for an ad and for a
 * goodbye, and {@linkcode AdVerifier}, the browser's check of them — a
 * signature by the public key the packet carries, and a host id that is the
 * room id of that key ({@linkcode roomIdOf}). So a forger can neither list
 * itself under a real room's id nor say goodbye for it.
 *
 * Verification cost is bounded: a verified (key, bytes, signature) is
 * remembered, so a repeated ad is not verified again, and verifications of
 * new bytes draw from one token bucket (the caller rate-limits each source
 * before that, see browser.ts).
 *
 * @module
 */
import { TokenBucket } from "../protocol/token_bucket.ts";
import { instanceLabel, type RoomAd } from "./room_ad.ts";
import { roomIdOf, type RoomKey, verifyRoomSignature } from "./room_key.ts";

/** A public key (base64url) and a signature (base64url) carried by a packet. */
export interface Signed {
  /** The room's raw Ed25519 public key, base64url. */
  key: string;
  /** The signature of the canonical bytes, base64url. */
  sig: string;
}

const encoder = new TextEncoder();

/**
 * The canonical bytes of an ad: a context (so an ad signature is never a
 * goodbye or a handshake proof), then every field in a fixed order, then the
 * beacon interval (`every`, 0 on mDNS where record TTLs say the lifetime),
 * then the epoch when it is not 0. Epoch 0 signs the same bytes as before
 * epochs existed, so older browsers still verify a first host's ads; any
 * other epoch makes the array one longer, so a signature of one epoch never
 * passes for another.
 *
 * @example
 * ```ts
 * import { adSignedBytes } from "./ad_signature.ts";
 * const ad = { hostId: "h1", name: "Salle", port: 50026, game: "qcm",
 *   players: 0, capacity: 32, state: "lobby" as const, locked: false,
 *   protocol: 1, epoch: 0 };
 * new TextDecoder().decode(adSignedBytes(ad, 1500));
 * // 'lanplay/1 ad ["h1","Salle",50026,"qcm",0,32,"lobby",false,1,1500]'
 * new TextDecoder().decode(adSignedBytes({ ...ad, epoch: 2 }, 1500));
 * // 'lanplay/1 ad ["h1","Salle",50026,"qcm",0,32,"lobby",false,1,1500,2]'
 * ```
 */
export function adSignedBytes(
  ad: RoomAd,
  every: number,
): Uint8Array<ArrayBuffer> {
  const fields: unknown[] = [
    ad.hostId,
    ad.name,
    ad.port,
    ad.game,
    ad.players,
    ad.capacity,
    ad.state,
    ad.locked,
    ad.protocol,
    every,
  ];
  if (ad.epoch !== 0) fields.push(ad.epoch);
  return encoder.encode("lanplay/1 ad " + JSON.stringify(fields));
}

/**
 * The canonical bytes of a goodbye of room `hostId` by its host of `epoch`:
 * `lanplay/1 bye <hostId> <epoch>`, and for epoch 0 `lanplay/1 bye <hostId>`
 * as before epochs existed. A host id has no space, so the two forms never
 * meet: a goodbye of an old epoch cannot pass for one of the new host.
 *
 * @example
 * ```ts
 * import { byeSignedBytes } from "./ad_signature.ts";
 * new TextDecoder().decode(byeSignedBytes("h1", 0)); // "lanplay/1 bye h1"
 * new TextDecoder().decode(byeSignedBytes("h1", 3)); // "lanplay/1 bye h1 3"
 * ```
 */
export function byeSignedBytes(
  hostId: string,
  epoch: number,
): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    epoch === 0
      ? `lanplay/1 bye ${hostId}`
      : `lanplay/1 bye ${hostId} ${epoch}`,
  );
}

/** An ad with the signatures its packets carry. */
export interface SignedRoom {
  /** The ad. */
  ad: RoomAd;
  /** Signature of the beacon ad (`adSignedBytes(ad, every)`). */
  beacon: Signed;
  /**
   * Signature of the mDNS ad: the name as the instance label carries it
   * (`instanceLabel(ad.name)`), `every` 0.
   */
  mdns: Signed;
  /** Signature of the goodbye (`byeSignedBytes(ad.hostId, ad.epoch)`). */
  bye: Signed;
}

/**
 * The ad of an mDNS announcement as browsers rebuild it: the name is the
 * instance label.
 *
 * @example
 * ```ts
 * import { mdnsAd } from "./ad_signature.ts";
 * mdnsAd({ hostId: "h1", name: "Salle 1.2", port: 50026, game: "",
 *   players: 0, capacity: 8, state: "lobby", locked: false, protocol: 1,
 *   epoch: 0 }).name;
 * // "Salle 1-2"
 * ```
 */
export function mdnsAd(ad: RoomAd): RoomAd {
  return { ...ad, name: instanceLabel(ad.name) };
}

/**
 * Signs `ad` for both channels and its goodbye with the room's key;
 * `every` is the beacon interval the beacons state.
 *
 * @example
 * ```ts
 * import { signRoom } from "./ad_signature.ts";
 * import { createRoomKey } from "./room_key.ts";
 * const key = await createRoomKey();
 * const room = await signRoom({ hostId: key.id, name: "Salle", port: 50026,
 *   game: "", players: 0, capacity: 8, state: "lobby", locked: false,
 *   protocol: 1, epoch: 0 }, key, 1500);
 * room.beacon.key === key.publicKey; // true
 * ```
 */
export async function signRoom(
  ad: RoomAd,
  key: RoomKey,
  every: number,
): Promise<SignedRoom> {
  const sign = async (bytes: Uint8Array<ArrayBuffer>): Promise<Signed> => ({
    key: key.publicKey,
    sig: await key.sign(bytes),
  });
  const [beacon, mdns, bye] = await Promise.all([
    sign(adSignedBytes(ad, Math.round(every))),
    sign(adSignedBytes(mdnsAd(ad), 0)),
    sign(byeSignedBytes(ad.hostId, ad.epoch)),
  ]);
  return { ad, beacon, mdns, bye };
}

/** Limits of {@linkcode AdVerifier}. */
export interface VerifyLimits {
  /** Verified entries remembered (oldest forgotten first). */
  cacheSize: number;
  /** Signature checks of new bytes allowed in a burst. */
  burst: number;
  /** Signature checks of new bytes per second earned back. */
  rate: number;
}

/**
 * Defaults: 1024 remembered signatures; 200 checks in a burst, then 200/s
 * (a room that changes its ad costs one check per change; a check takes
 * tens of microseconds, so a flood costs the browser a few percent of a
 * core at most).
 */
export const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  cacheSize: 1024,
  burst: 200,
  rate: 200,
};

/** What {@linkcode AdVerifier.verify} concluded. */
export type Verdict = "valid" | "invalid" | "throttled";

/**
 * Checks signed ads and goodbyes, with a cache and a budget.
 *
 * @example
 * ```ts
 * import { AdVerifier, adSignedBytes } from "./ad_signature.ts";
 * import { createRoomKey } from "./room_key.ts";
 * const key = await createRoomKey();
 * const ad = { hostId: key.id, name: "Salle", port: 50026, game: "qcm",
 *   players: 0, capacity: 32, state: "lobby" as const, locked: false,
 *   protocol: 1, epoch: 0 };
 * const bytes = adSignedBytes(ad, 1500);
 * const signed = { key: key.publicKey, sig: await key.sign(bytes) };
 * const verifier = new AdVerifier();
 * await verifier.verify(ad.hostId, bytes, signed, 0); // "valid"
 * await verifier.verify("0".repeat(32), bytes, signed, 0); // "invalid"
 * ```
 */
export class AdVerifier {
  #limits: VerifyLimits;
  #cache = new Map<string, string>();
  #budget: TokenBucket | null = null;
  /** Signature checks actually run (cache misses within budget). */
  checks = 0;

  /**
   * Makes a verifier with an empty cache.
   *
   * @param limits the limits, default {@linkcode DEFAULT_VERIFY_LIMITS}
   */
  constructor(limits: VerifyLimits = DEFAULT_VERIFY_LIMITS) {
    this.#limits = limits;
  }

  /**
   * Whether `signed` is a signature of `bytes` by the key of room `hostId`,
   * at time `now` (ms, for the budget). `throttled` when the budget of new
   * checks is spent: the packet is dropped unverified.
   */
  async verify(
    hostId: string,
    bytes: Uint8Array<ArrayBuffer>,
    signed: Signed,
    now: number,
  ): Promise<Verdict> {
    const text = new TextDecoder().decode(bytes);
    const entry = `${hostId}\n${signed.key}\n${text}`;
    if (this.#cache.get(signed.sig) === entry) return "valid";
    this.#budget ??= new TokenBucket(
      this.#limits.burst,
      this.#limits.rate,
      now,
    );
    if (!this.#budget.take(now)) return "throttled";
    this.checks++;
    if (await roomIdOf(signed.key) !== hostId) return "invalid";
    if (!await verifyRoomSignature(signed.key, bytes, signed.sig)) {
      return "invalid";
    }
    if (this.#cache.size >= this.#limits.cacheSize) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    this.#cache.set(signed.sig, entry);
    return "valid";
  }

  /** Entries in the cache. */
  get cached(): number {
    return this.#cache.size;
  }
}
