/**
 * IPv4 interfaces and subnet math, pure: which interfaces to announce or
 * listen on, each one's subnet broadcast address (beacons and probes go
 * there), and whether an address lies in a subnet.
 *
 * @module
 */
import { DiscoveryPacketError } from "./errors.ts";

/** An interface as `Deno.networkInterfaces()` describes it (subset). */
export interface InterfaceInfo {
  /** Interface name, e.g. `eth0`. */
  name: string;
  /** Address family. */
  family: "IPv4" | "IPv6";
  /** The address. */
  address: string;
  /** Its netmask. */
  netmask: string;
}

/** A usable IPv4 interface with its subnet broadcast address. */
export interface Ipv4Interface {
  /** Interface name, e.g. `eth0`. */
  name: string;
  /** IPv4 address. */
  address: string;
  /** Netmask. */
  netmask: string;
  /** Subnet broadcast address (beacons go there). */
  broadcast: string;
}

function ipToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>>
    0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/**
 * The subnet broadcast address of an IPv4 address and netmask.
 *
 * @example
 * ```ts
 * import { broadcastAddress } from "./ipv4.ts";
 * broadcastAddress("198.18.0.7", "255.255.255.0"); // "198.18.0.255"
 * ```
 */
export function broadcastAddress(address: string, netmask: string): string {
  const a = ipToInt(address);
  const m = ipToInt(netmask);
  if (a === null || m === null) {
    throw new DiscoveryPacketError(
      "bad_address",
      `"${address}/${netmask}" is not an IPv4 address and netmask: give an address such as 198.18.0.7 and a netmask such as 255.255.255.0.`,
      { address, netmask },
    );
  }
  if (m === 0xffffffff) return "255.255.255.255"; // point-to-point /32
  return intToIp((a | ~m) >>> 0);
}

/**
 * True when `ip` lies in the subnet of `address`/`netmask`.
 *
 * @example
 * ```ts
 * import { sameSubnet } from "./ipv4.ts";
 * sameSubnet("198.18.0.9", "198.18.0.1", "255.255.255.0"); // true
 * ```
 */
export function sameSubnet(
  ip: string,
  address: string,
  netmask: string,
): boolean {
  const a = ipToInt(address), m = ipToInt(netmask), x = ipToInt(ip);
  if (a === null || m === null || x === null) return false;
  return ((a & m) >>> 0) === ((x & m) >>> 0);
}

/**
 * Picks the IPv4 interfaces to announce or listen on: by default every
 * non-loopback one; with `wanted`, those whose name or address is listed.
 * One entry per address.
 *
 * @example
 * ```ts
 * import { selectInterfaces } from "./ipv4.ts";
 * selectInterfaces([
 *   { name: "lo", family: "IPv4", address: "127.0.0.1", netmask: "255.0.0.0" },
 *   { name: "eth0", family: "IPv4", address: "198.18.0.2", netmask: "255.255.255.0" },
 * ]);
 * // [{ name: "eth0", address: "198.18.0.2", netmask: "255.255.255.0",
 * //    broadcast: "198.18.0.255" }]
 * ```
 */
export function selectInterfaces(
  all: InterfaceInfo[],
  wanted?: string[],
): Ipv4Interface[] {
  const out: Ipv4Interface[] = [];
  for (const i of all) {
    if (i.family !== "IPv4" || ipToInt(i.address) === null) continue;
    if (ipToInt(i.netmask) === null) continue;
    const loopback = i.address.startsWith("127.");
    if (wanted && wanted.length > 0) {
      if (!wanted.includes(i.name) && !wanted.includes(i.address)) continue;
    } else if (loopback) {
      continue;
    }
    if (out.some((o) => o.address === i.address)) continue;
    out.push({
      name: i.name,
      address: i.address,
      netmask: i.netmask,
      broadcast: broadcastAddress(i.address, i.netmask),
    });
  }
  return out;
}
