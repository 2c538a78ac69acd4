import { route } from "@/lib/http/route";
import { receiveOtlpExport, toOtlpErrorResponse } from "@/lib/telemetry/otlp-http";

/** OTLP/HTTP logs export: a gateway's own log lines, authenticated by its OpAMP token. */
export const POST = route("gateway", (ctx, req) => receiveOtlpExport(ctx, req, "logs"), toOtlpErrorResponse);
