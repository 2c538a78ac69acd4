import { group } from "../operation";
import { otlpReceiver } from "../otlp";

const otlp = (signal: "metrics" | "logs") =>
  otlpReceiver({
    path: `/api/v1/otlp/v1/${signal}`,
    summary: `Export a gateway's own ${signal} (OTLP/HTTP)`,
    description:
      "Body: an OTLP Export" +
      (signal === "metrics" ? "Metrics" : "Logs") +
      "ServiceRequest, protobuf or JSON, optionally gzip. " +
      "Errors are a google.rpc.Status in the request's encoding, not `{detail}`.",
  });

export const telemetry = group(
  "Gateway telemetry",
  "Where a gateway's collector sends its own metrics and logs, authenticated by its OpAMP token.",
  [otlp("metrics"), otlp("logs")],
);
