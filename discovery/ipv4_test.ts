import assert from "node:assert/strict";
import { broadcastAddress, sameSubnet, selectInterfaces } from "./ipv4.ts";
import { DiscoveryPacketError } from "./errors.ts";

Deno.test("interfaces and broadcast addresses", () => {
  assert.equal(broadcastAddress("198.18.0.7", "255.255.255.0"), "198.18.0.255");
  assert.equal(broadcastAddress("198.18.3.7", "255.254.0.0"), "198.19.255.255");
  assert.equal(
    broadcastAddress("10.0.0.1", "255.255.255.255"),
    "255.255.255.255",
  );
  assert.throws(
    () => broadcastAddress("x", "255.0.0.0"),
    (e) => e instanceof DiscoveryPacketError && e.code === "bad_address",
  );
  assert.throws(() => broadcastAddress("10.0.0.256", "255.0.0.0"));
  assert.throws(() => broadcastAddress("10.0.0.1", "255.0.0"));
  assert.ok(sameSubnet("198.18.0.9", "198.18.0.1", "255.255.255.0"));
  assert.ok(!sameSubnet("198.18.1.9", "198.18.0.1", "255.255.255.0"));
  assert.ok(sameSubnet("198.19.1.9", "198.18.0.1", "255.254.0.0"));
  assert.ok(!sameSubnet("not an ip", "198.18.0.1", "255.255.255.0"));
  const all = [
    {
      name: "lo",
      family: "IPv4" as const,
      address: "127.0.0.1",
      netmask: "255.0.0.0",
    },
    {
      name: "eth0",
      family: "IPv4" as const,
      address: "198.18.0.2",
      netmask: "255.255.255.0",
    },
    {
      name: "eth0",
      family: "IPv6" as const,
      address: "fe80::1",
      netmask: "ffff:ffff:ffff:ffff::",
    },
    {
      name: "eth1",
      family: "IPv4" as const,
      address: "198.18.1.2",
      netmask: "255.255.255.0",
    },
  ];
  assert.deepEqual(selectInterfaces(all).map((i) => i.name), ["eth0", "eth1"]);
  assert.deepEqual(selectInterfaces(all, ["198.18.1.2"]).map((i) => i.name), [
    "eth1",
  ]);
  assert.deepEqual(selectInterfaces(all, ["lo"]).map((i) => i.broadcast), [
    "127.255.255.255",
  ]);
  assert.deepEqual(selectInterfaces(all, ["wlan9"]), []);
});
