import os from "node:os";
import WebSocket from "ws";
import { env } from "../lib/env";
import { BenchAgent, type AgentSpec } from "./agent";
import type { Api } from "./api";
import { CAPABILITIES, encodeAgentMessage } from "./opamp-wire";
import { AgentPool } from "./pool";
import { waitForCount, type StateProbe } from "./probe";
import { cpuMeter, usage } from "./proc";
import type { ServerProcess } from "./servers";
import { int, mb, percentile, seconds, type Args } from "./stats";

const MIB = 1024 * 1024;
/** The light agents' heartbeat period, and how long their last replies may take after a phase before it ends. */
const BEAT_MS = 1000;
const DRAIN_MS = 5000;
/** Room left for sequence_num's varint to grow during a run, so the biggest message stays within the limit. */
const SEQ_SLACK = 8;
const REVISION_DIGITS = 10;

/** A collector config of exactly `bytes` bytes: a header carrying the revision, then many distinct receivers. */
function configBody(bytes: number): Buffer {
  const header = `# FlowGate isolation bench, revision ${"0".repeat(REVISION_DIGITS)}\nreceivers:\n`;
  const block = (i: number) =>
    `  filelog/app-${i}:\n    include: [/var/log/app-${i}/*.log]\n    start_at: end\n    operators:\n` +
    `      - type: regex_parser\n        regex: '^(?P<time>\\S+) (?P<sev>\\S+) (?P<msg>.*)$'\n`;
  const body = Buffer.alloc(bytes, " ");
  let at = body.write(header);
  for (let i = 0; at < bytes; i++) at += body.write(block(i), at);
  return body;
}

const effectiveConfig = (body: Buffer) => ({
  capabilities: CAPABILITIES,
  effectiveConfig: { configMap: { configMap: { "": { body, contentType: "text/yaml" } } } },
});

/** The config body that makes a whole WebSocket message (header byte + AgentToServer) `frameBytes` long. */
function bodyForFrame(agent: BenchAgent, frameBytes: number): Buffer {
  const probe = frameBytes - 1024;
  const probeFrame = encodeAgentMessage({
    ...effectiveConfig(Buffer.alloc(probe)),
    instanceUid: agent.uid,
    sequenceNum: agent.seq + 1,
  });
  return configBody(frameBytes - (probeFrame.length - probe) - SEQ_SLACK);
}

/**
 * The agent that never stops talking: an effective config of `frameBytes`, a new revision each time (so nothing can
 * be skipped as unchanged), sent again as soon as the previous one is answered.
 */
class HeavyAgent {
  private running = false;
  private body: Buffer = Buffer.alloc(0);
  private revision = 0;
  private lastAnswer: Promise<void> = Promise.resolve();
  private answered = () => {};

  constructor(readonly agent: BenchAgent) {}

  start(frameBytes: number) {
    this.body = bodyForFrame(this.agent, frameBytes);
    this.running = true;
    this.agent.startTiming();
    this.agent.setOnReply(() => {
      this.answered();
      if (this.running) this.sendNext();
    });
    this.sendNext();
  }

  private sendNext() {
    if (this.agent.ws?.readyState !== WebSocket.OPEN) return;
    this.revision += 1;
    const digits = String(this.revision).padStart(REVISION_DIGITS, "0");
    this.body.write(digits, this.body.indexOf("revision ") + "revision ".length);
    this.lastAnswer = new Promise<void>((r) => (this.answered = r));
    this.agent.send(effectiveConfig(this.body));
  }

  /** Stops sending; resolves once the message in flight is answered (or 60 s passed) with the round trips. */
  async stop() {
    this.running = false;
    await Promise.race([this.lastAnswer, new Promise((r) => setTimeout(r, 60_000))]);
    this.agent.setOnReply(undefined);
    return this.agent.stopTiming();
  }
}

type Phase = { label: string; frameBytes: number };
type PhaseResult = {
  phase: Phase;
  light: number[];
  unanswered: number;
  heavy: { roundTrips: number[]; unanswered: number[] } | null;
  serverCpuPercent: number;
  rssPeakMb: number;
  rssEndMb: number;
};

/** Peak RSS of the server's process tree over a phase, sampled every 200 ms. */
function rssSampler(server: ServerProcess) {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, usage(server.pids()).rssMb));
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

async function runPhase(
  phase: Phase,
  server: ServerProcess,
  pool: AgentPool,
  heavy: HeavyAgent,
  args: Args,
): Promise<PhaseResult> {
  const rss = rssSampler(server);
  const cpu = cpuMeter(server.pids);
  if (phase.frameBytes) heavy.start(phase.frameBytes);
  const stopHeavy = new Promise<Awaited<ReturnType<HeavyAgent["stop"]>> | null>((resolve) =>
    setTimeout(() => resolve(phase.frameBytes ? heavy.stop() : null), args.isolationSeconds * 1000),
  );
  const light = await pool.paced(args.isolationSeconds * 1000, BEAT_MS, DRAIN_MS);
  const heavyResult = await stopHeavy;
  const serverCpuPercent = cpu().cpuPercent;
  // A message still unanswered counts with its age so far: a stall must not vanish from the percentiles.
  const all = [...light.roundTrips, ...light.unanswered].sort((a, b) => a - b);
  return {
    phase,
    light: all,
    unanswered: light.unanswered.length,
    heavy: heavyResult,
    serverCpuPercent,
    rssPeakMb: rss(),
    rssEndMb: usage(server.pids()).rssMb,
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(bytes % MIB ? 2 : 0)} MiB` : `${bytes} B`);

function row(r: PhaseResult, base: PhaseResult, secs: number): string {
  const p99 = percentile(r.light, 99);
  const h = r.heavy;
  const heavyCell = h
    ? `${int(h.roundTrips.length)} (${(h.roundTrips.length / secs).toFixed(1)}/s, ` +
      `${((h.roundTrips.length * r.phase.frameBytes) / MIB / secs).toFixed(1)} MiB/s), round trip p50 ${ms(
        percentile(
          [...h.roundTrips].sort((a, b) => a - b),
          50,
        ),
      )}` +
      (h.unanswered.length ? `, ${h.unanswered.length} unanswered` : "")
    : "–";
  return `| ${[
    r.phase.label,
    `${int(r.light.length)}${r.unanswered ? ` (${int(r.unanswered)} unanswered)` : ""}`,
    ms(percentile(r.light, 50)),
    `**${ms(p99)}**`,
    ms(r.light.at(-1) ?? NaN),
    r === base ? "1.00×" : `${(p99 / percentile(base.light, 99)).toFixed(2)}×`,
    heavyCell,
    `${r.serverCpuPercent.toFixed(0)}%`,
    `${mb(r.rssPeakMb)} / ${mb(r.rssEndMb)}`,
  ].join(" | ")} |`;
}

/**
 * `--isolation`: N light agents heartbeating every second (open loop, round trip of each reply), with one heavy
 * agent off (the same run's baseline), then sending ~1 MiB effective configs back to back, then the biggest message
 * the default limit allows. Issue 14's target: the light agents' p99 stays under 100 ms.
 */
export async function isolationBench(
  server: ServerProcess,
  api: Api,
  agents: AgentSpec[],
  args: Args,
  probe: StateProbe,
  runId: string,
  log: (s: string) => void,
): Promise<string> {
  const limit = env("FLOWGATE_OPAMP_MAX_MESSAGE_BYTES");
  const url = `${server.url.replace("http", "ws")}/v1/opamp`;
  const [heavySpec] = await api.registerGateways(1, `${runId}-heavy`, 1);
  const heavy = new HeavyAgent(new BenchAgent(heavySpec));
  const pool = new AgentPool(args.workers);
  try {
    const t0 = Date.now();
    const r = await pool.connect([url], agents, args.connectConcurrency);
    if (r.failed) log(`${r.failed} agents failed to connect (first error: ${r.firstError})`);
    await heavy.agent.connect(url, undefined);
    const stored = await waitForCount(() => probe.fullStateCount(), agents.length + 1, 120_000, 250);
    log(`${int(r.ok)} light agents + 1 heavy connected, ${int(stored.last)} stored in ${seconds(Date.now() - t0)}`);
    const phases: Phase[] = [
      { label: "heavy agent off (baseline)", frameBytes: 0 },
      { label: `heavy agent sending ${size(MIB)} messages`, frameBytes: MIB },
      { label: `heavy agent sending ${size(limit)} messages (the default limit)`, frameBytes: limit },
    ];
    const results: PhaseResult[] = [];
    for (const phase of phases) {
      results.push(await runPhase(phase, server, pool, heavy, args));
      const last = results.at(-1)!;
      log(`${phase.label}: p50 ${ms(percentile(last.light, 50))}, p99 ${ms(percentile(last.light, 99))}`);
    }
    const load = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
    const closed = heavy.agent.ws?.readyState !== WebSocket.OPEN ? " The heavy agent's socket was closed." : "";
    return [
      `FlowGate isolation: ${int(agents.length)} agents heartbeating every ${BEAT_MS / 1000} s, ${args.isolationSeconds} s per phase, load ${load}`,
      "",
      `| phase | light replies | p50 | p99 | max | p99 / baseline | heavy messages answered | server CPU | server RSS peak / end |`,
      "|---|---|---|---|---|---|---|---|---|",
      ...results.map((x) => row(x, results[0], args.isolationSeconds)),
      "",
      `Target (issue 14): light agents' p99 < 100 ms with the heavy agent on: ${results.slice(1).every((x) => percentile(x.light, 99) < 100) ? "met" : "NOT met"}.${closed}` +
        ` Heavy agent errors: ${heavy.agent.errors}.`,
    ].join("\n");
  } finally {
    heavy.agent.disconnect();
    await pool.stop();
  }
}
