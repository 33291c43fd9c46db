import assert from "node:assert/strict";
import {
  parseSnmp,
  parseSsInfo,
  readSnmp,
  readSocketCounters,
  snmpDelta,
} from "./kernel_counters.ts";

const SS_SAMPLE = `0      0      127.0.0.1:40408 127.0.0.1:43095
\t bbr wscale:10,10 rto:204 rtt:0.021/0.011 ato:40 mss:32768 pmtu:65535 rcvmss:536 advmss:65483 cwnd:11 bytes_sent:1100 bytes_retrans:64 bytes_acked:1101 bytes_received:1000 segs_out:24 segs_in:23 data_segs_out:11 data_segs_in:10 bbr:(bw:18724562496bps,mrtt:0.014,pacing_gain:2.88672,cwnd_gain:2.88672) send 137313523810bps lastsnd:12 retrans:0/3 lost:0 delivered:2 app_limited rcv_space:65495`;

Deno.test("parseSsInfo reads tcp_info fields", () => {
  assert.deepEqual(parseSsInfo(SS_SAMPLE), {
    segsOut: 24,
    segsIn: 23,
    bytesSent: 1100,
    bytesReceived: 1000,
    bytesRetrans: 64,
    retransSegs: 3,
  });
});

Deno.test("parseSsInfo: absent fields are 0, no socket is null", () => {
  assert.equal(parseSsInfo(""), null);
  assert.deepEqual(parseSsInfo("cubic segs_out:4 segs_in:3"), {
    segsOut: 4,
    segsIn: 3,
    bytesSent: 0,
    bytesReceived: 0,
    bytesRetrans: 0,
    retransSegs: 0,
  });
});

const SNMP_SAMPLE = `Ip: Forwarding DefaultTTL
Ip: 1 64
Tcp: RtoAlgorithm RtoMin InSegs OutSegs RetransSegs
Tcp: 1 200 1841 1258 7
Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors
Udp: 45 0 0 46 2
`;

Deno.test("parseSnmp and snmpDelta", () => {
  const before = parseSnmp(SNMP_SAMPLE);
  assert.equal(before.Tcp.RetransSegs, 7);
  assert.equal(before.Udp.RcvbufErrors, 2);
  assert.equal(before.Ip.DefaultTTL, 64);
  const after = parseSnmp(SNMP_SAMPLE.replace("1258 7", "1300 9"));
  assert.deepEqual(
    snmpDelta(before, after, "Tcp", ["OutSegs", "RetransSegs", "Missing"]),
    { OutSegs: 42, RetransSegs: 2, Missing: 0 },
  );
});

Deno.test("the readers return counters or null, never throw", async () => {
  const snmp = await readSnmp();
  if (snmp !== null) assert.equal(typeof snmp.Udp?.InDatagrams, "number");
  // No established socket uses port 1 → 2: ss answers with nothing.
  assert.equal(await readSocketCounters(1, 2), null);
});
