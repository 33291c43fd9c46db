/**
 * Hostile discovery packets, for tests: what a student on the LAN can send
 * knowing a real room's id, name and public key (all public: they are in its
 * ads) but not its private key. Pure builders; forge_main.ts sends them.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import dnsPacket from "dns-packet";
import {
  adSignedBytes,
  byeSignedBytes,
  mdnsAd,
  type Signed,
} from "../../discovery/ad_signature.ts";
import { encodeAd, encodeBye } from "../../discovery/packet.ts";
import { goodbye, roomRecords } from "../../discovery/mdns_records.ts";
import type { RoomAd } from "../../discovery/room_ad.ts";
import { createRoomKey, type RoomKey } from "../../discovery/room_key.ts";

/** What the forger knows of the room it attacks. */
export interface Target {
  /** The room's id. */
  hostId: string;
  /** Its name. */
  name: string;
  /** Its public key (base64url), as its ads carry it. */
  publicKey: string;
}

/** A forged ad claiming the target's id and name, on another port. */
function claim(target: Target, extra: Partial<RoomAd> = {}): RoomAd {
  return {
    hostId: target.hostId,
    name: target.name,
    port: 6666,
    game: "qcm",
    players: 0,
    capacity: 32,
    state: "lobby",
    locked: false,
    protocol: 1,
    epoch: 0,
    ...extra,
  };
}

/** A syntactically valid signature that is nobody's. */
const junkSig = "A".repeat(86);

/**
 * Beacon packets (ads and byes) a forger can make against `target`, each
 * one of which a browser must refuse.
 */
export async function forgedBeacons(
  target: Target,
  forger: RoomKey,
): Promise<Uint8Array[]> {
  const ad = claim(target);
  const bytes = adSignedBytes(ad, 1500);
  const own: Signed = { key: forger.publicKey, sig: await forger.sign(bytes) };
  const bye = byeSignedBytes(target.hostId, 0);
  return [
    // The forger's own valid signature, under the room's id.
    encodeAd(ad, 1500, own),
    // The room's public key, a signature that is not the room's.
    encodeAd(ad, 1500, { key: target.publicKey, sig: junkSig }),
    encodeAd(ad, 1500, { key: target.publicKey, sig: own.sig }),
    // Goodbyes for the room.
    encodeBye(target.hostId, 0, {
      key: forger.publicKey,
      sig: await forger.sign(bye),
    }),
    encodeBye(target.hostId, 0, { key: target.publicKey, sig: junkSig }),
  ];
}

/** The forged ad packets only (no goodbyes), for the spoofing checks. */
export async function forgedAds(
  target: Target,
  forger: RoomKey,
): Promise<Uint8Array[]> {
  return (await forgedBeacons(target, forger)).slice(0, 3);
}

/** The forged goodbyes only. */
export async function forgedByes(
  target: Target,
  forger: RoomKey,
): Promise<Uint8Array[]> {
  return (await forgedBeacons(target, forger)).slice(3);
}

/**
 * mDNS responses claiming the target's id and name (an answer with a TXT
 * signed by the forger), a TTL of 2^31-1 s, and goodbyes for it.
 */
export async function forgedMdns(
  target: Target,
  forger: RoomKey,
  address: string,
): Promise<{ answers: Uint8Array[]; byes: Uint8Array[] }> {
  const ad = claim(target, { name: target.name });
  const sig = await forger.sign(adSignedBytes(mdnsAd(ad), 0));
  const records = roomRecords(
    ad,
    "forger",
    address,
    { key: forger.publicKey, sig },
    2 ** 31 - 1,
  );
  const answer = {
    type: "response" as const,
    id: 0,
    flags: 1 << 10,
    questions: [],
    answers: [records.ptr, records.srv, records.txt, records.a],
    additionals: [],
  };
  const withRealKey = roomRecords(
    ad,
    "forger",
    address,
    { key: target.publicKey, sig: junkSig },
  );
  const enc = (r: unknown) => new Uint8Array(dnsPacket.encode(r as never));
  const sigBye = await forger.sign(byeSignedBytes(target.hostId, 0));
  return {
    answers: [
      enc(answer),
      enc({
        ...answer,
        answers: [
          withRealKey.ptr,
          withRealKey.srv,
          withRealKey.txt,
          withRealKey.a,
        ],
      }),
    ],
    byes: [
      enc(goodbye(records, sigBye)),
      enc(goodbye(withRealKey, junkSig)),
    ],
  };
}

/**
 * `rooms` fresh keys, each with a validly signed ad named like a room
 * (`Salle <n>`): a flood a browser must cap, not refuse.
 */
export async function floodAds(
  rooms: number,
  every = 60000,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < rooms; i++) {
    const key = await createRoomKey();
    const ad = claim(
      { hostId: key.id, name: `Salle ${i}`, publicKey: key.publicKey },
      { port: 1 + (i % 65535) },
    );
    const sig = await key.sign(adSignedBytes(ad, every));
    out.push(encodeAd(ad, every, { key: key.publicKey, sig }));
  }
  return out;
}

/** A packet as a Node Buffer, for dgram. */
export function buf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes);
}
