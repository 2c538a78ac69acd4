import { startCaptureInput } from "../../capture/start";
import { createSampleInput, listSamplesQuery } from "../../samples/schemas";
import { del, get, group, post } from "../operation";
import { otlpReceiver } from "../otlp";
import * as r from "../responses/samples";

const captureReceiver = (signal: "logs" | "metrics" | "traces") =>
  otlpReceiver({
    path: `/api/v1/otlp/capture/{captureId}/v1/${signal}`,
    summary: `Receive captured ${signal} (OTLP/HTTP)`,
    description:
      "Where a capture pipeline pushed to a gateway exports its records. Authenticated by the short-lived capture token " +
      "in that pipeline's exporter headers (Bearer), not by the gateway's OpAMP token. Errors are a google.rpc.Status.",
  });

export const samples = group(
  "Samples and capture",
  "Telemetry samples for the transform preview: pasted, uploaded (OTLP/JSON) or captured live from a gateway; PII masked before storage.",
  [
    get("/api/v1/samples", "List samples", [200, "A page of samples (without their records)", r.sampleList], {
      query: listSamplesQuery,
    }),
    post("/api/v1/samples", "Store a sample", [201, "Stored (masked)", r.sample], { body: createSampleInput }),
    get("/api/v1/samples/{sampleId}", "Get a sample with its records", [
      200,
      "The sample and its OTLP/JSON payload",
      r.sampleWithPayload,
    ]),
    del("/api/v1/samples/{sampleId}", "Delete a sample", [204, "Deleted"]),
    post(
      "/api/v1/gateways/{gatewayId}/capture",
      "Capture a sample from a live gateway",
      [202, "The capture pipeline is being pushed", r.capture],
      {
        body: startCaptureInput,
        errors: [409],
        description: "409 when the gateway is offline, lacks AcceptsRemoteConfig, or already has a capture running.",
      },
    ),
    get("/api/v1/captures/{captureId}", "Get a capture's status", [
      200,
      "Status, records so far and the stored sample once done",
      r.capture,
    ]),
    captureReceiver("logs"),
    captureReceiver("metrics"),
    captureReceiver("traces"),
  ],
);
