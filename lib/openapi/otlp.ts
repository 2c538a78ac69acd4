import type { Operation } from "./registry";

const OTLP = ["application/x-protobuf", "application/json"];

/**
 * An OTLP/HTTP export endpoint a gateway's collector posts to: protobuf or JSON in, an empty Export*ServiceResponse
 * out, errors as google.rpc.Status (so 413 and 415 besides the usual ones).
 */
export const otlpReceiver = (op: Pick<Operation, "path" | "summary" | "description">): Operation => ({
  method: "post",
  ...op,
  auth: "gateway",
  bodyMediaTypes: OTLP,
  errors: [413, 415],
  responses: { 200: { description: "An empty Export*ServiceResponse in the request's encoding", mediaTypes: OTLP } },
});
