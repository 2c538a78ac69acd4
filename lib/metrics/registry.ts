import client from "prom-client";
import { processSingleton } from "../singleton";

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
  const opampMessages = new client.Counter({
    name: "flowgate_opamp_messages_total",
    help: "AgentToServer messages handled, by transport and result",
    labelNames: ["transport", "result"],
    registers,
  });
  const opampDuration = new client.Histogram({
    name: "flowgate_opamp_message_duration_seconds",
    help: "Time to handle one AgentToServer message, reply built",
    labelNames: ["transport"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const stateBatchSize = new client.Histogram({
    name: "flowgate_state_write_batch_size",
    help: "Agents' reported states written per batched UPDATE",
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    registers,
  });
  const stateBatchSeconds = new client.Histogram({
    name: "flowgate_state_write_batch_duration_seconds",
    help: "Time to write one batch of reported states",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const notifyEvents = new client.Counter({
    name: "flowgate_notify_events_total",
    help: "Cross-process agent events over LISTEN/NOTIFY, by direction (sent, received) and type",
    labelNames: ["direction", "type"],
    registers,
  });
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
  const httpDuration = new client.Histogram({
    name: "flowgate_http_request_duration_seconds",
    help: "HTTP requests by route template, method and status",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const routeRegistrations = new client.Counter({
    name: "gateway_route_registrations_total",
    help: "Ingress route registrations reported by cluster agents, by outcome",
    labelNames: ["status"],
    registers,
  });
  return {
    registry, sources, opampConnections, opampMessages, opampDuration, stateBatchSize, stateBatchSeconds, notifyEvents,
    gateways, deployments, httpDuration, routeRegistrations,
  };
}

export const metrics = () => processSingleton("metrics", create);

/** Counts one handled OpAMP message and its duration (ms from performance.now()). */
export function observeOpampMessage(transport: Transport, result: MessageResult, startedMs: number): void {
  const m = metrics();
  m.opampMessages.inc({ transport, result });
  if (result !== "malformed") m.opampDuration.observe({ transport }, (performance.now() - startedMs) / 1000);
}
