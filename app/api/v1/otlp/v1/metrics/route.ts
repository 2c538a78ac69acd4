import { route } from "@/lib/http/route";
import { receiveOtlpExport, toOtlpErrorResponse } from "@/lib/telemetry/otlp-http";

/** OTLP/HTTP metrics export: a gateway's own metrics, authenticated by its OpAMP token. */
export const POST = route("gateway", (ctx, req) => receiveOtlpExport(ctx, req, "metrics"), toOtlpErrorResponse);
