/**
 * Runs a real Avahi daemon inside a LAN node, for interop tests: a private
 * D-Bus system bus (socket in a temp dir) and `avahi-daemon` with its
 * stock settings, its pid file on a private tmpfs. `avahi-browse` talks to
 * it through `DBUS_SYSTEM_BUS_ADDRESS`.
 *
 * Needs the Debian packages `avahi-daemon`, `avahi-utils`, `dbus`.
 *
 * @module
 */
import type { LanNode, LanProcess } from "./lan_harness.ts";
import { missingTool } from "./lan_harness.ts";

/** Why Avahi tests cannot run, or null. */
export async function avahiSkipReason(): Promise<string | null> {
  return (await missingTool("avahi-daemon", "avahi-daemon")) ??
    (await missingTool("avahi-browse", "avahi-utils")) ??
    (await missingTool("dbus-daemon", "dbus"));
}

/** A running Avahi in a node. */
export interface AvahiInNode {
  /** Runs `avahi-browse` (or another Avahi client) against this daemon. */
  client(
    args: string[],
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The daemon's log lines (stderr, with --debug). */
  log(): string[];
  stop(): Promise<void>;
}

const DBUS_CONF = (socket: string) =>
  `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`;

// Stock Debian settings, but publishing nothing of its own.
const AVAHI_CONF = `[server]
use-ipv4=yes
use-ipv6=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=yes
[publish]
publish-hinfo=no
publish-workstation=no
[reflector]
[rlimits]
`;

/**
 * Starts dbus-daemon and avahi-daemon in `node`; resolves once Avahi says
 * "Server startup complete".
 */
export async function startAvahi(node: LanNode): Promise<AvahiInNode> {
  const dir = await Deno.makeTempDir({ prefix: "lanplay-avahi-" });
  const socket = `${dir}/bus`;
  await Deno.writeTextFile(`${dir}/dbus.conf`, DBUS_CONF(socket));
  await Deno.writeTextFile(`${dir}/avahi.conf`, AVAHI_CONF);
  const procs: LanProcess[] = [];
  const cleanup = async () => {
    for (const p of procs.reverse()) {
      p.kill("SIGTERM");
      await p.done();
    }
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    const dbus = node.spawn([
      "dbus-daemon",
      `--config-file=${dir}/dbus.conf`,
      "--nofork",
      "--nopidfile",
      "--print-address",
    ]);
    procs.push(dbus);
    await dbus.stdout.waitFor((l) => l.includes(socket), 10000);
    const avahi = node.spawn([
      "env",
      `DBUS_SYSTEM_BUS_ADDRESS=unix:path=${socket}`,
      "sh",
      "-c",
      // ip netns exec gave us a private mount namespace: a tmpfs here hides
      // the pid file from every other Avahi.
      "mkdir -p /run/avahi-daemon && mount -t tmpfs none /run/avahi-daemon && " +
      `exec avahi-daemon -f ${dir}/avahi.conf --no-drop-root --no-chroot --no-rlimits --debug`,
    ]);
    procs.push(avahi);
    await avahi.stderr.waitFor(
      (l) => l.includes("Server startup complete"),
      10000,
    );
    return {
      client: (args) =>
        node.exec([
          "env",
          `DBUS_SYSTEM_BUS_ADDRESS=unix:path=${socket}`,
          ...args,
        ]),
      log: () => avahi.stderr.lines,
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
