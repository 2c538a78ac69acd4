import { captureOtlpHandler } from "@/lib/capture/otlp-route";

/** OTLP/HTTP metrics export of a live capture's pipeline (lib/capture). */
export const POST = captureOtlpHandler("metrics");
