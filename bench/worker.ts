import WebSocket from "ws";
import { BenchAgent, type AgentSpec, type ConnectError } from "./agent";

/**
 * A child process holding a slice of the simulated agents (one process cannot hold more sockets than its open-file
 * limit). It obeys the orchestrator's commands over IPC and answers with one event per command.
 */
export type WorkerCommand =
  | { cmd: "connect"; urls: string[]; agents: AgentSpec[]; localAddress?: string; concurrency: number }
  | { cmd: "heartbeats"; durationMs: number }
  | { cmd: "paced"; durationMs: number; intervalMs: number; drainMs: number }
  | { cmd: "config-times"; since: number }
  | {
      cmd: "storm";
      urls: string[];
      agents: AgentSpec[];
      localAddress?: string;
      handshakeTimeoutMs: number;
      deadlineMs: number;
      settleMs: number;
    }
  | { cmd: "stop" };

let agents: BenchAgent[] = [];
const reply = (event: Record<string, unknown>) => process.send!(event);

async function connectAll(c: Extract<WorkerCommand, { cmd: "connect" }>) {
  agents = c.agents.map((s) => new BenchAgent(s));
  let next = 0,
    ok = 0,
    failed = 0;
  let firstError: string | null = null;
  const upgradeMs: number[] = [];
  const firstReplyMs: number[] = [];
  const lane = async () => {
    while (next < agents.length) {
      const agent = agents[next++];
      try {
        const t = await agent.connect(c.urls[agent.spec.index % c.urls.length], c.localAddress);
        upgradeMs.push(Math.round(t.upgradeMs * 10) / 10);
        firstReplyMs.push(Math.round(t.firstReplyMs * 10) / 10);
        ok += 1;
      } catch (err) {
        failed += 1;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(c.concurrency, agents.length) }, lane));
  reply({ event: "connected", ok, failed, firstError, upgradeMs, firstReplyMs });
}

/** opamp-go's reconnect back-off (cenkalti/backoff defaults): 0.5 s, ×1.5 per failure, ±50% jitter, at most 60 s. */
const BACKOFF = { initialMs: 500, multiplier: 1.5, jitter: 0.5, maxMs: 60_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A connect storm: every agent dials at once and retries like opamp-go, waiting out a 503's Retry-After or its
 * back-off after a timeout or error, until connected or the deadline. Then, after `settleMs`, reports how the
 * server closed connections it had already answered (4002 would be a live connection replaced by a stale socket).
 */
async function storm(c: Extract<WorkerCommand, { cmd: "storm" }>) {
  agents = c.agents.map((s) => new BenchAgent(s));
  const started = performance.now();
  const counts = { attempts: 0, refused: 0, timedOut: 0, otherErrors: 0, failed: 0 };
  let firstError: string | null = null;
  const connectedMs: number[] = [];
  await Promise.all(
    agents.map(async (agent) => {
      let backoffMs = BACKOFF.initialMs;
      for (;;) {
        counts.attempts += 1;
        try {
          await agent.connect(c.urls[agent.spec.index % c.urls.length], c.localAddress, c.handshakeTimeoutMs);
          connectedMs.push(Math.round(performance.now() - started));
          return;
        } catch (err) {
          const e = err as ConnectError;
          let waitMs: number;
          if (e.status === 503 && e.retryAfterSeconds !== undefined) {
            counts.refused += 1;
            waitMs = e.retryAfterSeconds * 1000;
          } else {
            if (e.timedOut) counts.timedOut += 1;
            else counts.otherErrors += 1;
            firstError ??= e.message;
            waitMs = backoffMs * (1 - BACKOFF.jitter + 2 * BACKOFF.jitter * Math.random());
            backoffMs = Math.min(backoffMs * BACKOFF.multiplier, BACKOFF.maxMs);
          }
          if (performance.now() - started + waitMs > c.deadlineMs) {
            counts.failed += 1;
            return;
          }
          await sleep(waitMs);
        }
      }
    }),
  );
  await sleep(c.settleMs);
  reply({
    event: "stormed",
    ...counts,
    firstError,
    connectedMs,
    closedByServer: agents.flatMap((a) => a.closedByServer),
  });
}

/** Closed loop: each agent sends its next heartbeat as soon as the server answered the previous one. */
async function heartbeats(durationMs: number) {
  let running = true;
  let replies = 0;
  const start = Date.now();
  for (const a of agents) {
    a.setOnReply(() => {
      if (!running) return;
      replies += 1;
      a.heartbeat();
    });
    a.heartbeat();
  }
  await new Promise((r) => setTimeout(r, durationMs));
  running = false;
  const elapsedMs = Date.now() - start;
  await new Promise((r) => setTimeout(r, 1500)); // let the last in-flight replies land before reading sequence numbers
  for (const a of agents) a.setOnReply(undefined);
  reply({
    event: "heartbeats",
    replies,
    elapsedMs,
    lastSeq: agents.map((a) => [a.spec.instanceId, a.seq]),
    errors: agents.reduce((n, a) => n + a.errors, 0),
  });
}

/**
 * Open loop: each agent sends a heartbeat every `intervalMs` (own phase, spread over the interval) whether or not
 * the last one was answered, so a stalled server shows as long round trips rather than fewer samples.
 */
async function paced(c: Extract<WorkerCommand, { cmd: "paced" }>) {
  const timers: NodeJS.Timeout[] = [];
  for (const a of agents) {
    a.startTiming();
    const beat = () => a.ws?.readyState === WebSocket.OPEN && a.heartbeat();
    const first = () => {
      beat();
      timers.push(setInterval(beat, c.intervalMs));
    };
    timers.push(setTimeout(first, Math.random() * c.intervalMs));
  }
  await new Promise((r) => setTimeout(r, c.durationMs));
  timers.forEach((t) => clearTimeout(t)); // clears intervals too
  await new Promise((r) => setTimeout(r, c.drainMs)); // replies still on their way belong to the phase
  const each = agents.map((a) => a.stopTiming());
  reply({
    event: "paced",
    roundTrips: each.flatMap((e) => e.roundTrips.map((ms) => Math.round(ms * 10) / 10)),
    unanswered: each.flatMap((e) => e.unanswered.map((ms) => Math.round(ms))),
  });
}

function configTimes(since: number) {
  reply({ event: "config-times", times: agents.map((a) => a.configTimes.find((t) => t >= since) ?? -1) });
}

process.on("message", (c: WorkerCommand) => {
  if (c.cmd === "connect") void connectAll(c);
  else if (c.cmd === "heartbeats") void heartbeats(c.durationMs);
  else if (c.cmd === "paced") void paced(c);
  else if (c.cmd === "config-times") configTimes(c.since);
  else if (c.cmd === "storm") void storm(c);
  else if (c.cmd === "stop") {
    for (const a of agents) a.disconnect();
    setTimeout(() => process.exit(0), 1000);
  }
});
process.on("disconnect", () => process.exit(0));
