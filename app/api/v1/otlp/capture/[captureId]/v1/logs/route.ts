import { captureOtlpHandler } from "@/lib/capture/otlp-route";

/** OTLP/HTTP logs export of a live capture's pipeline (lib/capture). */
export const POST = captureOtlpHandler("logs");
