/**
 * The mDNS face of a room ad, pure: the DNS-SD TXT record (never the PIN,
 * only whether one is needed), its reading back through a zod schema that
 * ends in {@linkcode roomAdSchema}, and the instance label made from the
 * room name.
 *
 * @module
 */
import { z } from "zod";
import {
  assertRoomAd,
  epochSchema,
  type RoomAd,
  roomAdSchema,
} from "./room_ad.ts";
import type { Signed } from "./ad_signature.ts";

/**
 * Largest TXT record of the mDNS announcement, in bytes: the ad (at most
 * 184 with every field at its limit, epoch included) plus the public key
 * (`key=`, 47) and the signature (`sig=`, 90).
 */
export const TXT_MAX_BYTES = 330;

/** Version of the TXT record format (the `txtvers` key). */
export const TXT_VERSION = 1;

/** TXT record of the mDNS announcement: key → value, keys ≤ 9 characters. */
export type TxtRecord = Record<string, string>;

/**
 * The TXT record announcing an ad over mDNS, with the room's public key and
 * its signature of the mDNS ad (ad_signature.ts). The epoch is `ep` (always
 * written; a TXT without it, an older host's, reads as epoch 0). Always ≤
 * {@linkcode TXT_MAX_BYTES} on the wire.
 *
 * @example
 * ```ts
 * import { adToTxt } from "./mdns_txt.ts";
 * adToTxt({ hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby", locked: true, protocol: 1,
 *   epoch: 1 }, { key: "K", sig: "S" });
 * // { txtvers: "1", proto: "1", id: "h1", game: "qcm", players: "3",
 * //   cap: "32", state: "lobby", pin: "yes", ep: "1", key: "K", sig: "S" }
 * ```
 */
export function adToTxt(ad: RoomAd, signed: Signed): TxtRecord {
  assertRoomAd(ad);
  return {
    txtvers: String(TXT_VERSION),
    proto: String(ad.protocol),
    id: ad.hostId,
    game: ad.game,
    players: String(ad.players),
    cap: String(ad.capacity),
    state: ad.state,
    pin: ad.locked ? "yes" : "no",
    ep: String(ad.epoch),
    key: signed.key,
    sig: signed.sig,
  };
}

/**
 * Size of a TXT record on the wire (one length byte + `key=value` each).
 *
 * @example
 * ```ts
 * import { txtWireBytes } from "./mdns_txt.ts";
 * txtWireBytes({ a: "b" }); // 4
 * ```
 */
export function txtWireBytes(txt: TxtRecord): number {
  const enc = new TextEncoder();
  let n = 0;
  for (const [k, v] of Object.entries(txt)) {
    n += 1 + enc.encode(`${k}=${v}`).length;
  }
  return n;
}

/** A TXT number: 1 to 6 decimal digits (no sign, exponent or spaces). */
const digits = z.string().regex(/^\d{1,6}$/).transform(Number);

/** The `ep` key: 1 to 7 digits; absent (an older host's TXT) is epoch 0. */
const epochText = z.string().regex(/^\d{1,7}$/).transform(Number).optional()
  .transform((n) => n ?? 0);

/**
 * The epoch a TXT record states (`ep`, absent → 0), or `null` when `ep` is
 * not 1 to 7 digits of an epoch; the goodbye's TXT is read with it.
 *
 * @example
 * ```ts
 * import { txtEpoch } from "./mdns_txt.ts";
 * txtEpoch({ ep: "2" }); // 2
 * txtEpoch({}); // 0
 * txtEpoch({ ep: "-1" }); // null
 * ```
 */
export function txtEpoch(txt: TxtRecord): number | null {
  const ep = epochText.safeParse(txt.ep);
  return ep.success && epochSchema.safeParse(ep.data).success ? ep.data : null;
}

// The keys lanplay reads; the ad's limits are roomAdSchema's.
const txtSchema = z.object({
  id: z.string(),
  game: z.string().default(""),
  players: digits,
  cap: digits,
  state: z.string(),
  pin: z.enum(["yes", "no"]),
  proto: digits,
  ep: epochText,
  key: z.string().max(128).regex(/^[A-Za-z0-9_-]+$/),
  sig: z.string().max(128).regex(/^[A-Za-z0-9_-]+$/),
});

/**
 * Rebuilds an ad and its key and signature from an mDNS instance name, SRV
 * port and TXT record; `null` when the TXT is not a valid lanplay TXT
 * (unsigned ones included). The signature is not checked here.
 *
 * @example
 * ```ts
 * import { adToTxt, txtToAd } from "./mdns_txt.ts";
 * const ad = { hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby" as const, locked: false,
 *   protocol: 1, epoch: 0 };
 * const signed = { key: "K", sig: "S" };
 * txtToAd("Salle 12", 50026, adToTxt(ad, signed)); // { ad, signed }
 * txtToAd("Salle 12", 50026, { ...adToTxt(ad, signed), pin: "maybe" }); // null
 * ```
 */
export function txtToAd(
  name: string,
  port: number,
  txt: TxtRecord,
): { ad: RoomAd; signed: Signed } | null {
  const t = txtSchema.safeParse(txt);
  if (!t.success) return null;
  const ad = roomAdSchema.safeParse({
    hostId: t.data.id,
    name,
    port,
    game: t.data.game,
    players: t.data.players,
    capacity: t.data.cap,
    state: t.data.state,
    locked: t.data.pin === "yes",
    protocol: t.data.proto,
    epoch: t.data.ep,
  });
  return ad.success
    ? { ad: ad.data, signed: { key: t.data.key, sig: t.data.sig } }
    : null;
}
