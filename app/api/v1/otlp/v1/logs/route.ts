import { handleOtlpExport } from "@/lib/telemetry/otlp-http";

/** OTLP/HTTP logs export: a gateway's own log lines, authenticated by its OpAMP token. */
export function POST(req: Request) {
  return handleOtlpExport(req, "logs");
}
