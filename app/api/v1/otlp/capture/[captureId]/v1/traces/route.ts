import { captureOtlpHandler } from "@/lib/capture/otlp-route";

/** OTLP/HTTP traces export of a live capture's pipeline (lib/capture). */
export const POST = captureOtlpHandler("traces");
