import client from "prom-client";
import { processSingleton } from "../singleton";
import { TallyHistogram } from "./tally-histogram";

type Transport = "websocket" | "http";
export type MessageResult = "ok" | "error" | "malformed";

/**
 * The process's Prometheus metrics. One registry per process (server.ts and the Next bundles load this module
 * twice), and no gateway or org ids in labels so cardinality stays bounded at any fleet size.
 */
function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sources: { connections?: () => Record<Transport, number>; fleet?: () => Promise<void> } = {};
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new client.Counter({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []) =>
    new client.Histogram({ name, help, labelNames, buckets, registers });

  const opampConnections = new client.Gauge({
    name: "flowgate_opamp_connections",
    help: "OpAMP agents connected to this process (WebSocket sockets; HTTP agents polling here)",
    labelNames: ["transport"],
    registers,
    collect() {
      const counts = sources.connections?.();
      for (const t of ["websocket", "http"] as const) this.set({ transport: t }, counts?.[t] ?? 0);
    },
  });
  // Counted per message in plain numbers and added to the counter at each scrape: a labelled inc() per message
  // costs a label check and hash each time.
  const opampCounts: Record<Transport, Record<MessageResult, number>> = {
    websocket: { ok: 0, error: 0, malformed: 0 },
    http: { ok: 0, error: 0, malformed: 0 },
  };
  const opampMessages = new client.Counter({
    name: "flowgate_opamp_messages_total",
    help: "AgentToServer messages handled, by transport and result",
    labelNames: ["transport", "result"],
    registers,
    collect() {
      for (const [transport, counts] of Object.entries(opampCounts))
        for (const [result, n] of Object.entries(counts)) if (n > 0) this.inc({ transport, result }, n);
      for (const counts of Object.values(opampCounts)) Object.assign(counts, { ok: 0, error: 0, malformed: 0 });
    },
  });
  const countOpampMessage = (transport: Transport, result: MessageResult) => opampCounts[transport][result]++;
  const opampDuration = new TallyHistogram(
    "flowgate_opamp_message_duration_seconds",
    "Time to handle one AgentToServer message, reply built",
    "transport",
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registry,
  );
  const stateBatchSize = histogram(
    "flowgate_state_write_batch_size",
    "Agents' reported states written per batched UPDATE",
    [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
  );
  const stateBatchSeconds = histogram(
    "flowgate_state_write_batch_duration_seconds",
    "Time to write one batch of reported states",
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  const notifyEvents = counter(
    "flowgate_notify_events_total",
    "Cross-process agent events over LISTEN/NOTIFY, by direction (sent, received) and type",
    ["direction", "type"],
  );
  const gateways = new client.Gauge({
    name: "flowgate_gateways",
    help: "Gateways of all organizations by status and health (refreshed at most every 15 s)",
    labelNames: ["status", "health"],
    registers,
    async collect() {
      await sources.fleet?.();
    },
  });
  const deployments = new client.Gauge({
    name: "flowgate_deployments",
    help: "Deployments of all organizations by status (refreshed at most every 15 s)",
    labelNames: ["status"],
    registers,
  });
  const httpDuration = histogram(
    "flowgate_http_request_duration_seconds",
    "HTTP requests by route template, method and status",
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ["route", "method", "status"],
  );
  const routeRegistrations = counter(
    "gateway_route_registrations_total",
    "Ingress route registrations reported by cluster agents, by outcome",
    ["status"],
  );
  return {
    registry,
    sources,
    opampConnections,
    opampMessages,
    countOpampMessage,
    opampDuration,
    stateBatchSize,
    stateBatchSeconds,
    notifyEvents,
    gateways,
    deployments,
    httpDuration,
    routeRegistrations,
  };
}

export const metrics = () => processSingleton("metrics", create);

/** Counts one handled OpAMP message and its duration (ms from performance.now()). */
export function observeOpampMessage(transport: Transport, result: MessageResult, startedMs: number): void {
  const m = metrics();
  m.countOpampMessage(transport, result);
  if (result !== "malformed") m.opampDuration.observe(transport, (performance.now() - startedMs) / 1000);
}
