/**
 * Where players can reach this machine: its IPv4 addresses, and the
 * sentence the host shows when its room opens.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { t } from "./texts.ts";

/**
 * IPv4 addresses players can use to reach this machine (not loopback).
 *
 * @example
 * ```ts
 * import { localAddresses } from "./local_addresses.ts";
 * localAddresses().every((a) => !a.startsWith("127.")); // true
 * ```
 */
export function localAddresses(): string[] {
  try {
    return Deno.networkInterfaces()
      .filter((i) => i.family === "IPv4" && !i.address.startsWith("127."))
      .map((i) => i.address);
  } catch {
    return [];
  }
}

/**
 * The lines the host prints when its room opens: where it listens, and how
 * to join.
 *
 * @example
 * ```ts
 * import { openingLines } from "./local_addresses.ts";
 * openingLines("en", "Quiz night", ["198.18.0.1"], 50026);
 * // ["“Quiz night” is open on 198.18.0.1:50026.",
 * //  "To join: deno task join (the room announces itself), or nc ADDRESS 50026"]
 * ```
 */
export function openingLines(
  lang: Lang,
  name: string,
  addresses: string[],
  port: number,
): string[] {
  const where = addresses.length
    ? addresses.map((a) => `${a}:${port}`).join(", ")
    : t(lang, "host.open_port", { port });
  return [
    t(lang, "host.open", { name, where }),
    t(lang, "host.how_to_join", { port }),
  ];
}
