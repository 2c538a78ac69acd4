import { group } from "../operation";
import type { Operation } from "../registry";

const OTLP = ["application/x-protobuf", "application/json"];

const otlp = (signal: "metrics" | "logs"): Operation => ({
  method: "post",
  path: `/api/v1/otlp/v1/${signal}`,
  summary: `Export a gateway's own ${signal} (OTLP/HTTP)`,
  description:
    "Body: an OTLP Export" +
    (signal === "metrics" ? "Metrics" : "Logs") +
    "ServiceRequest, protobuf or JSON, optionally gzip. " +
    "Errors are a google.rpc.Status in the request's encoding, not `{detail}`.",
  auth: "gateway",
  bodyMediaTypes: OTLP,
  errors: [413, 415],
  responses: { 200: { description: "An empty Export*ServiceResponse in the request's encoding", mediaTypes: OTLP } },
});

export const telemetry = group(
  "Gateway telemetry",
  "Where a gateway's collector sends its own metrics and logs, authenticated by its OpAMP token.",
  [otlp("metrics"), otlp("logs")],
);
