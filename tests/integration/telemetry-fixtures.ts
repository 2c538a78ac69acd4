import path from "node:path";
import protobuf from "protobufjs";
import type { TestServer } from "../helpers/server";

/** Shared set-up for the telemetry and supervisor tests: real REST calls, and OTLP bytes from the .proto files. */

export type Gateway = { id: string; instance_id: string; opamp_token: string; org_id: string };

export async function api(server: TestServer, key: string, method: string, url: string, body?: unknown) {
  const res = await fetch(server.url + url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Registers `count` gateways in the key's org through a multi-use registration token. */
export async function registerGateways(
  server: TestServer,
  key: string,
  orgId: string,
  count: number,
  prefix = "gw",
): Promise<Gateway[]> {
  const token = await api(server, key, "POST", `/api/v1/registration-tokens?org_id=${orgId}`, {
    name: `${prefix}-token`,
    max_uses: count,
  });
  if (token.status !== 201) throw new Error(`registration token: ${token.status} ${JSON.stringify(token.body)}`);
  const out: Gateway[] = [];
  for (let i = 0; i < count; i++) {
    const res = await api(server, token.body.token, "POST", "/api/v1/gateways", {
      instance_id: `${prefix}-${Date.now()}-${i}`,
      name: `${prefix} ${i}`,
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(res.body);
  }
  return out;
}

/** An org besides `default`, with an owner key, through the real CLI. */
export async function otherOrg(server: TestServer, name: string) {
  const org = await server.cli(["org", "create", name, "--json"]);
  if (org.code !== 0) throw new Error(org.stderr);
  const key = await server.cli(["api-key", "create", "--org", name, "--role", "owner", "--name", "other", "--json"]);
  if (key.code !== 0) throw new Error(key.stderr);
  return { org_id: JSON.parse(org.stdout).id as string, key: JSON.parse(key.stdout).key as string };
}

export async function apiKeyWithRole(
  server: TestServer,
  ownerKey: string,
  orgId: string,
  role: string,
): Promise<string> {
  const res = await api(server, ownerKey, "POST", `/api/v1/api-keys?org_id=${orgId}`, {
    name: `${role}-${Date.now()}`,
    role,
  });
  if (res.status !== 201) throw new Error(`api key: ${res.status}`);
  return res.body.key;
}

let root: protobuf.Root | undefined;
function otlpRoot(): protobuf.Root {
  if (root) return root;
  const dir = path.resolve(import.meta.dirname, "../../proto");
  root = new protobuf.Root();
  root.resolvePath = (_o, target) => path.join(dir, target);
  root.loadSync([
    "opentelemetry/proto/collector/metrics/v1/metrics_service.proto",
    "opentelemetry/proto/collector/logs/v1/logs_service.proto",
  ]);
  return root;
}

export const otlpType = (name: string) => otlpRoot().lookupType(name);
export const METRICS_REQUEST = "opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest";
export const LOGS_REQUEST = "opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest";

export function encodeOtlp(typeName: string, object: Record<string, unknown>): Buffer {
  const type = otlpType(typeName);
  return Buffer.from(type.encode(type.fromObject(object)).finish());
}

const CUMULATIVE = 2;
const nowNanos = () => String(BigInt(Date.now()) * 1_000_000n);

/** The collector's own metrics as its OTLP exporter sends them (cumulative sums and a duration histogram). */
export function collectorMetrics(v: {
  accepted: number;
  refused: number;
  sendFailed: number;
  names?: "otlp" | "prometheus";
}) {
  const suffix = v.names === "prometheus" ? "_total" : "";
  const sum = (name: string, value: number, attrs: Record<string, string>) => ({
    name: name + suffix,
    sum: {
      aggregationTemporality: CUMULATIVE,
      isMonotonic: true,
      dataPoints: [
        {
          asInt: String(value),
          timeUnixNano: nowNanos(),
          attributes: Object.entries(attrs).map(([key, s]) => ({ key, value: { stringValue: s } })),
        },
      ],
    },
  });
  const grpc = Math.round(v.accepted * 0.75);
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "otelcol-contrib" } }] },
        scopeMetrics: [
          {
            scope: { name: "go.opentelemetry.io/collector/receiver/receiverhelper" },
            metrics: [
              sum("otelcol_receiver_accepted_log_records", grpc, { receiver: "otlp", transport: "grpc" }),
              sum("otelcol_receiver_accepted_log_records", v.accepted - grpc, { receiver: "otlp", transport: "http" }),
              sum("otelcol_receiver_refused_log_records", v.refused, { receiver: "otlp", transport: "grpc" }),
              sum("otelcol_exporter_send_failed_log_records", v.sendFailed, { exporter: "otlphttp" }),
              sum("otelcol_exporter_sent_log_records", v.accepted * 10, { exporter: "otlphttp" }),
              {
                name: "http.server.request.duration",
                unit: "s",
                histogram: {
                  aggregationTemporality: CUMULATIVE,
                  dataPoints: [{ count: "4", sum: 0.1, timeUnixNano: nowNanos() }],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Log records as the collector's OTLP log exporter sends them. */
export function collectorLogs(lines: string[], extra: Record<string, unknown> = {}) {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "otelcol-contrib" } }] },
        scopeLogs: [
          {
            scope: { name: "go.opentelemetry.io/collector/service" },
            logRecords: lines.map((body, i) => ({
              timeUnixNano: String(BigInt(Date.now() + i) * 1_000_000n),
              severityNumber: 9,
              severityText: "info",
              body: { stringValue: body },
              attributes: [
                { key: "otelcol.component.id", value: { stringValue: "otlp" } },
                { key: "line", value: { intValue: String(i) } },
              ],
              ...extra,
            })),
          },
        ],
      },
    ],
  };
}

export function postOtlp(
  server: Pick<TestServer, "url">,
  signal: "metrics" | "logs",
  body: Uint8Array | string,
  headers: Record<string, string>,
) {
  return fetch(`${server.url}/api/v1/otlp/v1/${signal}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}
