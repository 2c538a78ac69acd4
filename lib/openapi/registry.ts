import type { z } from "zod";

/**
 * Who may call an operation (mirrors `route(auth, …)` in lib/http/route.ts, with `bearer` split by which token the
 * verb checks): each maps to the security requirements in document.ts.
 */
export type OperationAuth = "member" | "routes" | "gateway" | "registration" | "opamp" | "public";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** An error status an operation can answer besides those the registry adds itself (see document.ts). */
export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

export type ResponseSpec = {
  description: string;
  /** The JSON body; absent for 204 and for non-JSON bodies. */
  schema?: z.ZodType;
  /** Non-JSON bodies (e.g. OTLP protobuf): the media types, documented without a schema. */
  mediaTypes?: string[];
};

export type Operation = {
  method: Method;
  /** The OpenAPI path: the app/api/v1 folder path with `[param]` written `{param}`. */
  path: string;
  summary: string;
  description?: string;
  auth: OperationAuth;
  /** The zod schema the handler parses the JSON body with (input side: defaults are optional). */
  body?: z.ZodType;
  /** Non-JSON request bodies (OTLP): media types, documented without a schema. */
  bodyMediaTypes?: string[];
  /** The zod object the handler parses the query string with; each key becomes a query parameter. */
  query?: z.ZodObject;
  /** Success responses by status. */
  responses: Partial<Record<200 | 201 | 202 | 204, ResponseSpec>>;
  /** Error statuses beyond the automatic ones (401 when authenticated, 400 with a body or query, 404 with path params). */
  errors?: ErrorStatus[];
  /** Statuses the automatic rules would add that this operation never answers. */
  never?: ErrorStatus[];
};

/** One domain's operations, tagged with the domain's name in the reference. */
export type OperationGroup = { tag: string; description: string; operations: Operation[] };
