import assert from "node:assert/strict";
import { CodedError } from "../protocol/errors.ts";
import {
  AnnouncerError,
  BeaconError,
  DiscoveryPacketError,
  MdnsError,
} from "./errors.ts";

Deno.test("every discovery error is a CodedError with a stable code", () => {
  const cause = new Error("EADDRINUSE");
  const errors = [
    [new DiscoveryPacketError("bad_ad", "m"), "DiscoveryPacketError", "bad_ad"],
    [new AnnouncerError("no_interface", "m"), "AnnouncerError", "no_interface"],
    [new BeaconError("m", 50027, { cause }), "BeaconError", "beacon_port"],
    [new MdnsError("m", 5353, { cause }), "MdnsError", "mdns_port"],
  ] as const;
  for (const [e, name, code] of errors) {
    assert.ok(e instanceof CodedError, name);
    assert.equal(e.name, name);
    assert.equal(e.code, code);
    assert.equal(e.message, "m");
  }
  assert.equal(errors[2][0].cause, cause);
  assert.equal(errors[2][0].params.port, 50027);
  assert.equal(errors[3][0].cause, cause);
  assert.equal(new MdnsError("m", 5353).cause, undefined);
});
