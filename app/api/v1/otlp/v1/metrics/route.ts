import { handleOtlpExport } from "@/lib/telemetry/otlp-http";

/** OTLP/HTTP metrics export: a gateway's own metrics, authenticated by its OpAMP token. */
export function POST(req: Request) {
  return handleOtlpExport(req, "metrics");
}
