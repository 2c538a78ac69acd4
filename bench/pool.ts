import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { AgentSpec } from "./agent";
import type { WorkerCommand } from "./worker";

type Event = Record<string, unknown> & { event: string };

/** The orchestrator's handle on the agent worker processes; each command goes to all and waits for every answer. */
export class AgentPool {
  private workers: ChildProcess[] = [];

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      this.workers.push(
        fork(path.join(import.meta.dirname, "worker.ts"), [], {
          execArgv: ["--import", "tsx"],
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        }),
      );
    }
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid!).filter(Boolean);
  }

  private ask(worker: ChildProcess, command: WorkerCommand, expect: string): Promise<Event> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: Event) => {
        if (m.event !== expect) return;
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        resolve(m);
      };
      const onExit = (code: number | null) => reject(new Error(`agent worker exited (${code}) during ${command.cmd}`));
      worker.on("message", onMessage);
      worker.once("exit", onExit);
      worker.send(command);
    });
  }

  /**
   * Spreads the agents over the workers (each on its own 127.0.0.x source address, so no single address runs out
   * of ephemeral ports) and over the server processes, and connects them all.
   */
  async connect(urls: string[], agents: AgentSpec[], concurrency: number) {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((w, i) =>
        this.ask(
          w,
          {
            cmd: "connect",
            urls,
            agents: agents.filter((_, j) => j % n === i),
            localAddress: `127.0.0.${2 + i}`,
            concurrency,
          },
          "connected",
        ),
      ),
    );
    return {
      ok: results.reduce((s, r) => s + (r.ok as number), 0),
      failed: results.reduce((s, r) => s + (r.failed as number), 0),
      firstError: results.map((r) => r.firstError).find(Boolean) as string | undefined,
      upgradeMs: results.flatMap((r) => r.upgradeMs as number[]),
      firstReplyMs: results.flatMap((r) => r.firstReplyMs as number[]),
    };
  }

  /** A connect storm (bench/worker.ts `storm`): every agent at once, retrying like opamp-go. */
  async storm(
    urls: string[],
    agents: AgentSpec[],
    o: { handshakeTimeoutMs: number; deadlineMs: number; settleMs: number },
  ) {
    const n = this.workers.length;
    const results = await Promise.all(
      this.workers.map((w, i) =>
        this.ask(
          w,
          { cmd: "storm", urls, agents: agents.filter((_, j) => j % n === i), localAddress: `127.0.0.${2 + i}`, ...o },
          "stormed",
        ),
      ),
    );
    const sum = (k: string) => results.reduce((s, r) => s + (r[k] as number), 0);
    return {
      attempts: sum("attempts"),
      refused: sum("refused"),
      timedOut: sum("timedOut"),
      otherErrors: sum("otherErrors"),
      failed: sum("failed"),
      firstError: results.map((r) => r.firstError).find(Boolean) as string | undefined,
      connectedMs: results.flatMap((r) => r.connectedMs as number[]),
      closedByServer: results.flatMap((r) => r.closedByServer as number[]),
    };
  }

  async heartbeats(durationMs: number) {
    const results = await Promise.all(
      this.workers.map((w) => this.ask(w, { cmd: "heartbeats", durationMs }, "heartbeats")),
    );
    return {
      replies: results.reduce((s, r) => s + (r.replies as number), 0),
      elapsedMs: Math.max(...results.map((r) => r.elapsedMs as number)),
      errors: results.reduce((s, r) => s + (r.errors as number), 0),
      lastSeq: new Map(results.flatMap((r) => r.lastSeq as [string, number][])),
    };
  }

  /** Open-loop heartbeats (bench/worker.ts `paced`): every worker's round trips and still-unanswered ages, in ms. */
  async paced(durationMs: number, intervalMs: number, drainMs: number) {
    const results = await Promise.all(
      this.workers.map((w) => this.ask(w, { cmd: "paced", durationMs, intervalMs, drainMs }, "paced")),
    );
    return {
      roundTrips: results.flatMap((r) => r.roundTrips as number[]),
      unanswered: results.flatMap((r) => r.unanswered as number[]),
    };
  }

  async configTimes(since: number): Promise<number[]> {
    const results = await Promise.all(
      this.workers.map((w) => this.ask(w, { cmd: "config-times", since }, "config-times")),
    );
    return results.flatMap((r) => r.times as number[]);
  }

  async stop() {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exitCode !== null) return resolve();
            w.once("exit", () => resolve());
            w.send({ cmd: "stop" } satisfies WorkerCommand);
            setTimeout(() => w.kill("SIGKILL"), 5000).unref();
          }),
      ),
    );
  }
}
