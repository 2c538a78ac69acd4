import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import {
  api,
  collectorLogs,
  collectorMetrics,
  encodeOtlp,
  LOGS_REQUEST,
  METRICS_REQUEST,
  otherOrg,
  otlpType,
  postOtlp,
  registerGateways,
  type Gateway,
} from "./telemetry-fixtures";

const LOG_LIMIT = 50;
const MAX_BYTES = 64 * 1024;
const PB = "application/x-protobuf";
const JSON_TYPE = "application/json";

let server: TestServer;
let key: string;
let orgId: string;
let gw: Gateway[];

beforeAll(async () => {
  server = await startServer({
    env: { FLOWGATE_GATEWAY_LOG_LIMIT: String(LOG_LIMIT), FLOWGATE_OTLP_MAX_BYTES: String(MAX_BYTES) },
  });
  ({ key, org_id: orgId } = await server.adminKey());
  gw = await registerGateways(server, key, orgId, 4, "otlp");
});
afterAll(async () => {
  await server?.stop();
});

const auth = (g: Gateway, type = PB, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${g.opamp_token}`,
  "content-type": type,
  ...extra,
});
const status = (g: Gateway) => api(server, key, "GET", `/api/v1/gateways/${g.id}/status?org_id=${orgId}`);
const logs = (g: Gateway, query = "") =>
  api(server, key, "GET", `/api/v1/gateways/${g.id}/logs?org_id=${orgId}${query}`);
const decodeStatus = async (res: Response) => {
  const bytes = new Uint8Array(await res.arrayBuffer());
  // google.rpc.Status: field 1 code (varint), field 2 message (string); read with a throwaway reflection type.
  const { Type, Field } = await import("protobufjs");
  const t = new Type("Status").add(new Field("code", 1, "int32")).add(new Field("message", 2, "string"));
  return t.toObject(t.decode(bytes)) as { code: number; message: string };
};

describe("OTLP/HTTP metrics", () => {
  it("accepts protobuf with the gateway's token and rolls the collector's own metrics into the status API", async () => {
    const res = await postOtlp(
      server,
      "metrics",
      encodeOtlp(METRICS_REQUEST, collectorMetrics({ accepted: 400, refused: 3, sendFailed: 2 })),
      auth(gw[0]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(PB);
    const response = otlpType("opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse");
    expect(response.toObject(response.decode(new Uint8Array(await res.arrayBuffer())))).toEqual({});
    const { body } = await status(gw[0]);
    expect(body.metrics).toMatchObject({ logs_processed: 400, errors: 5, latency_ms: 25 });
    expect(Date.now() - Date.parse(body.metrics.last_updated)).toBeLessThan(10_000);
    expect(Date.now() - Date.parse(body.health.last_seen)).toBeLessThan(10_000);
  });

  it("accepts gzip OTLP/JSON with Prometheus-style _total names and computes throughput from the growth between reports", async () => {
    const send = (accepted: number) =>
      postOtlp(
        server,
        "metrics",
        gzipSync(JSON.stringify(collectorMetrics({ accepted, refused: 1, sendFailed: 0, names: "prometheus" }))),
        auth(gw[1], JSON_TYPE, { "content-encoding": "gzip" }),
      );
    const first = await send(1000);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe(JSON_TYPE);
    expect(await first.json()).toEqual({});
    await new Promise((r) => setTimeout(r, 1100));
    expect((await send(3000)).status).toBe(200);
    const { body } = await api(server, key, "GET", `/api/v1/gateways/${gw[1].id}?org_id=${orgId}`);
    expect(body.metrics).toMatchObject({ logs_processed: 3000, errors: 1, latency_ms: 25 });
    // 2,000 more accepted records in a little over a second.
    expect(body.metrics.throughput_per_sec).toBeGreaterThan(2000 / 3);
    expect(body.metrics.throughput_per_sec).toBeLessThan(2000);
  });
});

describe("OTLP/HTTP logs", () => {
  it("stores protobuf, JSON (hex trace ids) and gzip log records, readable through the logs endpoint in order", async () => {
    const pb = await postOtlp(
      server,
      "logs",
      encodeOtlp(LOGS_REQUEST, collectorLogs(["Starting otelcol-contrib", "Everything is ready"])),
      auth(gw[2]),
    );
    expect(pb.status).toBe(200);
    const json = collectorLogs(["Exporting failed. Will retry"], {
      severityText: "",
      severityNumber: 17,
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
    });
    const js = await postOtlp(server, "logs", JSON.stringify(json), auth(gw[2], JSON_TYPE));
    expect(js.status).toBe(200);
    const gz = await postOtlp(
      server,
      "logs",
      gzipSync(encodeOtlp(LOGS_REQUEST, collectorLogs(["Config reloaded"]))),
      auth(gw[2], PB, { "content-encoding": "gzip" }),
    );
    expect(gz.status).toBe(200);

    const all = await logs(gw[2]);
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { body: string }) => i.body)).toEqual([
      "Starting otelcol-contrib",
      "Everything is ready",
      "Exporting failed. Will retry",
      "Config reloaded",
    ]);
    expect(all.body.items[0]).toMatchObject({
      severity: "info",
      attributes: { "otelcol.component.id": "otlp", line: 0 },
    });
    expect(all.body.items[2].severity).toBe("ERROR");
    expect(all.body.next_after_id).toBe(all.body.items[3].id);

    // Follow mode: nothing new, then exactly the new line.
    const idle = await logs(gw[2], `&after_id=${all.body.next_after_id}`);
    expect(idle.body).toEqual({ items: [], next_after_id: all.body.next_after_id });
    await postOtlp(server, "logs", encodeOtlp(LOGS_REQUEST, collectorLogs(["A new line"])), auth(gw[2]));
    const next = await logs(gw[2], `&after_id=${all.body.next_after_id}`);
    expect(next.body.items.map((i: { body: string }) => i.body)).toEqual(["A new line"]);
    const tail = await logs(gw[2], "&limit=2");
    expect(tail.body.items.map((i: { body: string }) => i.body)).toEqual(["Config reloaded", "A new line"]);
  });

  it(`keeps only the newest ${LOG_LIMIT} lines per gateway`, async () => {
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `line ${from + i}`);
    for (const from of [0, 30, 60]) {
      expect(
        (await postOtlp(server, "logs", encodeOtlp(LOGS_REQUEST, collectorLogs(lines(from, 30))), auth(gw[3]))).status,
      ).toBe(200);
    }
    const kept = await logs(gw[3], "&limit=1000");
    expect(kept.body.items).toHaveLength(LOG_LIMIT);
    expect(kept.body.items[0].body).toBe("line 40");
    expect(kept.body.items[LOG_LIMIT - 1].body).toBe("line 89");
    // One request larger than the bound keeps its own newest lines.
    await postOtlp(server, "logs", encodeOtlp(LOGS_REQUEST, collectorLogs(lines(100, 80))), auth(gw[3]));
    const after = await logs(gw[3], "&limit=1000");
    expect(after.body.items).toHaveLength(LOG_LIMIT);
    expect(after.body.items[0].body).toBe("line 130");
    // Other gateways' lines are untouched by the trim.
    expect((await logs(gw[2], "&limit=1000")).body.items).toHaveLength(5);
  });

  it("scopes the logs endpoint to the caller's org and validates its query", async () => {
    const other = await otherOrg(server, `telemetry-other-${Date.now()}`);
    const [foreign] = await registerGateways(server, other.key, other.org_id, 1, "foreign");
    const res = await api(server, key, "GET", `/api/v1/gateways/${foreign.id}/logs?org_id=${orgId}`);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe("Gateway not found");
    expect((await api(server, other.key, "GET", `/api/v1/gateways/${gw[2].id}/logs?org_id=${orgId}`)).status).toBe(403);
    expect((await logs(gw[2], "&limit=0")).status).toBe(400);
    expect((await logs(gw[2], "&after_id=abc")).status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/gateways/${gw[2].id}/logs`)).status).toBe(401);
  });
});

describe("OTLP/HTTP errors", () => {
  const body = () => encodeOtlp(LOGS_REQUEST, collectorLogs(["x"]));

  it("answers 401 with a Status without a token, with a wrong one, and with an API key", async () => {
    const none = await postOtlp(server, "logs", body(), { "content-type": PB });
    expect(none.status).toBe(401);
    expect(await decodeStatus(none)).toEqual({ code: 16, message: "Invalid OpAMP token" });
    const wrong = await postOtlp(server, "metrics", "{}", {
      "content-type": JSON_TYPE,
      authorization: `Bearer ${gw[0].opamp_token}x`,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ code: 16, message: "Invalid OpAMP token" });
    expect(
      (await postOtlp(server, "logs", body(), { "content-type": PB, authorization: `Bearer ${key}` })).status,
    ).toBe(401);
  });

  it("answers 415 to other content types and encodings", async () => {
    const text = await postOtlp(server, "logs", "hello", auth(gw[0], "text/plain"));
    expect(text.status).toBe(415);
    expect((await text.json()).message).toMatch(/application\/x-protobuf or application\/json/);
    expect((await postOtlp(server, "logs", body(), auth(gw[0], PB, { "content-encoding": "br" }))).status).toBe(415);
  });

  it("answers 413 to bodies over the limit, as sent or after gunzip", async () => {
    const big = encodeOtlp(LOGS_REQUEST, collectorLogs(["y".repeat(MAX_BYTES)]));
    const raw = await postOtlp(server, "logs", big, auth(gw[0]));
    expect(raw.status).toBe(413);
    expect((await decodeStatus(raw)).code).toBe(8);
    const bomb = gzipSync(Buffer.alloc(MAX_BYTES * 20));
    expect(bomb.length).toBeLessThan(MAX_BYTES);
    expect((await postOtlp(server, "logs", bomb, auth(gw[0], PB, { "content-encoding": "gzip" }))).status).toBe(413);
  });

  it("answers 400 with a Status to undecodable bodies and stores nothing", async () => {
    const before = (await logs(gw[0])).body.items.length;
    const garbage = await postOtlp(server, "logs", Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), auth(gw[0]));
    expect(garbage.status).toBe(400);
    expect((await decodeStatus(garbage)).code).toBe(3);
    const badJson = await postOtlp(server, "metrics", "{not json", auth(gw[0], JSON_TYPE));
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).code).toBe(3);
    const badShape = await postOtlp(server, "logs", JSON.stringify({ resourceLogs: "nope" }), auth(gw[0], JSON_TYPE));
    expect(badShape.status).toBe(400);
    const badHex = await postOtlp(
      server,
      "logs",
      JSON.stringify(collectorLogs(["z"], { traceId: "not-hex" })),
      auth(gw[0], JSON_TYPE),
    );
    expect(badHex.status).toBe(400);
    expect(
      (await postOtlp(server, "logs", Buffer.from("not gzip"), auth(gw[0], PB, { "content-encoding": "gzip" }))).status,
    ).toBe(400);
    expect((await logs(gw[0])).body.items.length).toBe(before);
  });
});
