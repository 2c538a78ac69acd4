import { startCaptureInput } from "../../capture/start";
import { createSampleInput, listSamplesQuery } from "../../samples/schemas";
import type { Operation, OperationGroup } from "../registry";
import * as r from "../responses/samples";

const OTLP = ["application/x-protobuf", "application/json"];

const captureReceiver = (signal: "logs" | "metrics" | "traces"): Operation => ({
  method: "post",
  path: `/api/v1/otlp/capture/{captureId}/v1/${signal}`,
  summary: `Receive captured ${signal} (OTLP/HTTP)`,
  description:
    "Where a capture pipeline pushed to a gateway exports its records. Authenticated by the short-lived capture token " +
    "in that pipeline's exporter headers (Bearer), not by the gateway's OpAMP token. Errors are a google.rpc.Status.",
  auth: "gateway",
  bodyMediaTypes: OTLP,
  errors: [413, 415],
  responses: { 200: { description: "An empty Export*ServiceResponse in the request's encoding", mediaTypes: OTLP } },
});

export const samples: OperationGroup = {
  tag: "Samples and capture",
  description:
    "Telemetry samples for the transform preview: pasted, uploaded (OTLP/JSON) or captured live from a gateway; PII masked before storage.",
  operations: [
    {
      method: "get",
      path: "/api/v1/samples",
      summary: "List samples",
      auth: "member",
      query: listSamplesQuery,
      responses: { 200: { description: "A page of samples (without their records)", schema: r.sampleList } },
    },
    {
      method: "post",
      path: "/api/v1/samples",
      summary: "Store a sample",
      auth: "member",
      body: createSampleInput,
      errors: [413],
      responses: { 201: { description: "Stored (masked)", schema: r.sample } },
    },
    {
      method: "get",
      path: "/api/v1/samples/{sampleId}",
      summary: "Get a sample with its records",
      auth: "member",
      responses: { 200: { description: "The sample and its OTLP/JSON payload", schema: r.sampleWithPayload } },
    },
    {
      method: "delete",
      path: "/api/v1/samples/{sampleId}",
      summary: "Delete a sample",
      auth: "member",
      responses: { 204: { description: "Deleted" } },
    },
    {
      method: "post",
      path: "/api/v1/gateways/{gatewayId}/capture",
      summary: "Capture a sample from a live gateway",
      auth: "member",
      body: startCaptureInput,
      errors: [409],
      description: "409 when the gateway is offline, lacks AcceptsRemoteConfig, or already has a capture running.",
      responses: { 202: { description: "The capture pipeline is being pushed", schema: r.capture } },
    },
    {
      method: "get",
      path: "/api/v1/captures/{captureId}",
      summary: "Get a capture's status",
      auth: "member",
      responses: { 200: { description: "Status, records so far and the stored sample once done", schema: r.capture } },
    },
    captureReceiver("logs"),
    captureReceiver("metrics"),
    captureReceiver("traces"),
  ],
};
