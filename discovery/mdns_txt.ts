/**
 * The mDNS face of a room ad, pure: the DNS-SD TXT record (never the PIN,
 * only whether one is needed), its reading back through a zod schema that
 * ends in {@linkcode roomAdSchema}, and the instance label made from the
 * room name.
 *
 * @module
 */
import { z } from "zod";
import { assertRoomAd, type RoomAd, roomAdSchema } from "./room_ad.ts";

/** Largest TXT record of the mDNS announcement, in bytes. */
export const TXT_MAX_BYTES = 200;

/** Version of the TXT record format (the `txtvers` key). */
export const TXT_VERSION = 1;

/** TXT record of the mDNS announcement: key → value, keys ≤ 9 characters. */
export type TxtRecord = Record<string, string>;

/**
 * The TXT record announcing an ad over mDNS. Always ≤
 * {@linkcode TXT_MAX_BYTES} on the wire.
 *
 * @example
 * ```ts
 * import { adToTxt } from "./mdns_txt.ts";
 * adToTxt({ hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby", locked: true, protocol: 1 });
 * // { txtvers: "1", proto: "1", id: "h1", game: "qcm", players: "3",
 * //   cap: "32", state: "lobby", pin: "yes" }
 * ```
 */
export function adToTxt(ad: RoomAd): TxtRecord {
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

// The keys lanplay reads; the ad's limits are roomAdSchema's.
const txtSchema = z.object({
  id: z.string(),
  game: z.string().default(""),
  players: digits,
  cap: digits,
  state: z.string(),
  pin: z.enum(["yes", "no"]),
  proto: digits,
});

/**
 * Rebuilds an ad from an mDNS instance name, SRV port and TXT record;
 * `null` when the TXT is not a valid lanplay TXT.
 *
 * @example
 * ```ts
 * import { adToTxt, txtToAd } from "./mdns_txt.ts";
 * const ad = { hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby" as const, locked: false,
 *   protocol: 1 };
 * txtToAd("Salle 12", 50026, adToTxt(ad)); // equal to ad
 * txtToAd("Salle 12", 50026, { ...adToTxt(ad), pin: "maybe" }); // null
 * ```
 */
export function txtToAd(
  name: string,
  port: number,
  txt: TxtRecord,
): RoomAd | null {
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
  });
  return ad.success ? ad.data : null;
}

/**
 * Makes a DNS-SD instance label from a room name: dots become `-` (a dot
 * would split the label), cut to 63 UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { instanceLabel } from "./mdns_txt.ts";
 * instanceLabel("Salle 1.2"); // "Salle 1-2"
 * ```
 */
export function instanceLabel(name: string): string {
  let label = name.replaceAll(".", "-");
  const enc = new TextEncoder();
  while (enc.encode(label).length > 63) {
    label = Array.from(label).slice(0, -1).join("");
  }
  return label;
}
