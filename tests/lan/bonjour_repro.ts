/**
 * Reproduces the known problem "bonjour-service under Deno is browsable but
 * Avahi cannot resolve it" on a namespace LAN, for docs/discovery.md. Not a
 * test: run it by hand as root and read what it prints.
 *
 *   deno run -A tests/lan/bonjour_repro.ts [--with-local]
 *
 * `--with-local` passes `host: "<hostname>.local"` to publish(): then Avahi
 * resolves it (the configuration fix), the other limits remain.
 *
 * It publishes `_lanplay._tcp` with bonjour-service 1.4.4 (as the first
 * version of lanplay did) in one namespace, runs a stock Avahi in another,
 * prints `avahi-browse -r` and a packet capture of the answer.
 *
 * @module
 */
import { createLan } from "./lan_harness.ts";
import { startAvahi } from "./lan_avahi.ts";

const PUBLISH = `
import { Bonjour } from "bonjour-service";
const b = new Bonjour();
const host = Deno.args.includes("--with-local") ? Deno.hostname() + ".local" : undefined;
b.publish({ name: "Salle 1", type: "lanplay", port: 50026, txt: { id: "h1" }, host });
console.log("published");
Deno.addSignalListener("SIGTERM", () => b.unpublishAll(() => { b.destroy(); Deno.exit(0); }));
`;

const dir = await Deno.makeTempDir({ prefix: "lanplay-bonjour-" });
const script = `${dir}/publish.ts`;
await Deno.writeTextFile(script, PUBLISH);
const cached = await new Deno.Command("deno", {
  args: ["cache", "--no-lock", script],
}).output();
if (!cached.success) throw new Error(new TextDecoder().decode(cached.stderr));

const lan = await createLan([{ name: "h1" }, { name: "av" }]);
try {
  const avahi = await startAvahi(lan.node("av"));
  const dump = lan.node("av").spawn([
    "tcpdump",
    "-l",
    "-n",
    "-vv",
    "-i",
    "eth0",
    "udp",
    "port",
    "5353",
  ]);
  await dump.stderr.waitFor((l) => l.includes("listening on"), 5000);
  const pub = lan.node("h1").spawn([
    "deno",
    "run",
    "-A",
    "--no-lock",
    "--cached-only",
    script,
    ...Deno.args,
  ]);
  await pub.stdout.waitFor((l) => l.includes("published"), 20000);
  const r = await avahi.client([
    "timeout",
    "10",
    "avahi-browse",
    "-r",
    "-t",
    "-p",
    "_lanplay._tcp",
  ]);
  console.log("--- avahi-browse -r -t -p _lanplay._tcp");
  console.log(r.stdout + r.stderr);
  console.log("--- Avahi log (wide-area lines)");
  console.log(
    avahi.log().filter((l) => /wide-area|resolv/i.test(l)).slice(0, 5).join(
      "\n",
    ),
  );
  pub.kill("SIGTERM");
  await pub.done();
  dump.kill("SIGTERM");
  await dump.done();
  console.log("--- capture on the browsing side");
  console.log(dump.stdout.lines.join("\n"));
  await avahi.stop();
} finally {
  await lan.close();
  await Deno.remove(dir, { recursive: true });
}
