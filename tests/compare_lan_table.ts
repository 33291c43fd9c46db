/**
 * Measures `compare` on a namespaced LAN at several loss rates and prints
 * the Markdown tables of docs/udp-vs-tcp.md (French and English), with the
 * exact commands. Root only. Usage:
 *
 *   deno run -A tests/compare_lan_table.ts [--count N] [--only game|stream] [--charts DIR]
 *
 * The namespaces are removed at the end, even on failure.
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  createLan,
  lanUnavailable,
  peerArgs,
  runPeer,
  sh,
  startReflector,
} from "./compare_lan_netns.ts";
import { renderMarkdown } from "../compare/table.ts";
import { verdict } from "../compare/verdict.ts";
import { renderChart } from "../compare/chart.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    count: { type: "string", default: "1000" },
    only: { type: "string" },
    charts: { type: "string" },
  },
});

const reason = await lanUnavailable();
if (reason) {
  console.error(`cannot measure: ${reason}`);
  Deno.exit(1);
}
await sh(Deno.execPath(), [
  "cache",
  new URL("../compare/cli.ts", import.meta.url).pathname,
]);

type Scenario = { profile: "game" | "stream"; loss: number };
const scenarios: Scenario[] = ([
  { profile: "game", loss: 0 },
  { profile: "game", loss: 0.01 },
  { profile: "game", loss: 0.05 },
  { profile: "game", loss: 0.10 },
  { profile: "stream", loss: 0 },
  { profile: "stream", loss: 0.05 },
] as Scenario[]).filter((s) => !values.only || s.profile === values.only);

const PORT = 50028;
// deno-lint-ignore no-explicit-any
const measured: { scenario: Scenario; report: any }[] = [];
const details: string[] = [];
const say = (line = "") => details.push(line);
const lan = await createLan();
try {
  for (const scenario of scenarios) {
    const { profile, loss } = scenario;
    await lan.setLoss(loss);
    const reflector = await startReflector(lan, PORT);
    try {
      const extra = ["--profile", profile, "--count", values.count];
      const report = await runPeer(lan, PORT, extra);
      measured.push({ scenario, report });
      const pct = `${loss * 100}`;
      say(`### ${profile}, ${pct} % loss\n`);
      say("```sh");
      say(
        loss > 0
          ? `ip netns exec ${lan.serve} iptables -A INPUT -m statistic --mode random --probability ${loss} -j DROP`
          : `# no loss rule`,
      );
      say(
        `ip netns exec ${lan.serve} deno run -A compare/cli.ts --serve --bind 198.18.0.1 --port ${PORT}`,
      );
      say(
        `ip ${
          peerArgs(lan, PORT, extra).join(" ").replace(Deno.execPath(), "deno")
            .replace(/\S*compare\/cli\.ts/, "compare/cli.ts")
        }`,
      );
      say("```\n");
      for (const lang of ["en", "fr"] as const) {
        say(renderMarkdown(report, lang));
        say(`\n> ${verdict(report, lang).join(" ")}\n`);
      }
      if (values.charts) {
        await Deno.writeTextFile(
          `${values.charts}/compare-${profile}-${pct}.svg`,
          renderChart(report, "en"),
        );
      }
    } finally {
      await reflector.stop();
    }
  }
} finally {
  await lan.close();
}

console.log(
  `<!-- measured ${
    new Date().toISOString()
  } with deno ${Deno.version.deno}, kernel ${
    (await sh("uname", ["-r"])).trim()
  }, ${values.count} messages of 64 bytes per transport -->\n`,
);
for (const lang of ["fr", "en"] as const) {
  console.log(summary(lang));
  console.log();
}
console.log(details.join("\n"));

/** One line per scenario: the numbers that tell the story. */
function summary(lang: "fr" | "en"): string {
  const h = {
    fr: [
      "profil, perte",
      "débit",
      "perdus UDP / TCP",
      "retrans. TCP",
      "aller-retour p50 UDP / TCP",
      "p99 UDP / TCP",
      "max UDP / TCP",
      "TCP > 200 ms",
      "octets/msg UDP / TCP",
      "âge p99 UDP / TCP",
    ],
    en: [
      "profile, loss",
      "rate",
      "lost UDP / TCP",
      "TCP retrans.",
      "round trip p50 UDP / TCP",
      "p99 UDP / TCP",
      "max UDP / TCP",
      "TCP > 200 ms",
      "bytes/msg UDP / TCP",
      "age p99 UDP / TCP",
    ],
  }[lang];
  const num = (v: number, d = 0) =>
    new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-US", {
      maximumFractionDigits: d,
    }).format(v);
  const ms = (v: number | undefined) =>
    v === undefined ? "—" : num(v, v < 1 ? 2 : v < 10 ? 1 : 0);
  const lines = [
    `| ${h.join(" | ")} |`,
    `|${h.map((_, i) => (i === 0 ? "---" : "--:")).join("|")}|`,
  ];
  for (const { scenario, report: r } of measured) {
    const name = lang === "fr"
      ? { game: "jeu", stream: "flux" }[scenario.profile]
      : scenario.profile;
    lines.push(
      `| ${name}, ${num(scenario.loss * 100)} % | ${
        num(r.workload.rate)
      }/s | ${r.udp.lost} / ${r.tcp.lost} | ${r.tcp.retransSegs ?? "?"} | ${
        ms(r.udp.rttMs?.p50)
      } / ${ms(r.tcp.rttMs?.p50)} ms | ${ms(r.udp.rttMs?.p99)} / ${
        ms(r.tcp.rttMs?.p99)
      } ms | ${ms(r.udp.rttMs?.max)} / ${
        ms(r.tcp.rttMs?.max)
      } ms | ${r.tcp.late} | ${num(r.udp.wire.perMessage)} / ${
        num(r.tcp.wire.perMessage)
      } | ${
        scenario.profile === "stream"
          ? `${ms(r.udp.stalenessMs?.p99)} / ${ms(r.tcp.stalenessMs?.p99)} ms`
          : "—"
      } |`,
    );
  }
  return lines.join("\n");
}
