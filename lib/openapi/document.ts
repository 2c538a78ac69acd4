import { z } from "zod";
import { operationGroups } from "./paths";
import type { ErrorStatus, Operation, OperationAuth, OperationGroup, ResponseSpec } from "./registry";
import { errorBody } from "./responses/common";

type JsonSchema = Record<string, unknown>;

/** Request schemas describe what a client may send (defaults optional), responses what the server sends. */
const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  return rest;
};

const SECURITY_SCHEMES = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The web app's session (sign in at /sign-in); `__Secure-authjs.session-token` over HTTPS.",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "fgk_…",
    description: "An org API key (Settings → API keys): `Authorization: Bearer fgk_…`.",
  },
  opampToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A gateway's OpAMP token, issued at registration.",
  },
  registrationToken: {
    type: "http",
    scheme: "bearer",
    description: "A registration token (Onboarding), exchanged by a gateway for its OpAMP token.",
  },
} as const;

const SECURITY: Record<OperationAuth, Record<string, string[]>[]> = {
  member: [{ session: [] }, { apiKey: [] }],
  routes: [{ opampToken: [] }, { session: [] }, { apiKey: [] }],
  gateway: [{ opampToken: [] }],
  opamp: [{ opampToken: [] }],
  registration: [{ registrationToken: [] }],
  public: [],
};

const ERROR_DESCRIPTIONS: Record<ErrorStatus | 401, string> = {
  400: "Invalid input (malformed JSON, a schema violation, a bad query parameter or `org_id`)",
  401: "Missing or invalid credentials",
  403: "Not allowed: not a member of the organization, or the role is too low",
  404: "Not found (or another organization's)",
  409: "Conflicts with the current state",
  413: "Request body too large",
  415: "Unsupported media type or Content-Encoding",
  429: "Too many requests; retry after `Retry-After`",
  503: "Unavailable now; retry after `Retry-After`",
};

/** Member calls may pick the organization; without it, the caller's first. */
const orgIdParam = {
  name: "org_id",
  in: "query",
  required: false,
  schema: { type: "string", format: "uuid" },
  description: "The organization to act in (default: the caller's first).",
};

function errorStatuses(op: Operation, pathParams: string[]): (ErrorStatus | 401)[] {
  const out = new Set<ErrorStatus | 401>(op.errors ?? []);
  const memberLike = op.auth === "member" || op.auth === "routes";
  if (op.auth !== "public") out.add(401);
  // Per-credential REST limits (lib/rate-limit/rest.ts); the OpAMP transport is not limited this way.
  if (op.auth !== "public" && op.auth !== "opamp") out.add(429);
  if (memberLike) out.add(400).add(403);
  if (op.body || op.query) out.add(400);
  if (op.body || op.bodyMediaTypes) out.add(413).add(415);
  if (pathParams.length > 0) out.add(404);
  for (const s of op.never ?? []) out.delete(s);
  return [...out].sort();
}

function parameters(op: Operation, pathParams: string[]) {
  const params: JsonSchema[] = pathParams.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  if (op.query) {
    const shape = jsonSchema(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({
        name,
        in: "query",
        required: shape.required?.includes(name) ?? false,
        schema: rest,
        ...(description ? { description } : {}),
      });
    }
  }
  if (op.auth === "member" || op.auth === "routes") {
    if (!params.some((p) => p.name === "org_id")) params.push(orgIdParam);
  }
  return params;
}

function response(spec: ResponseSpec) {
  if (spec.schema)
    return {
      description: spec.description,
      content: { "application/json": { schema: jsonSchema(spec.schema, "output") } },
    };
  if (spec.mediaTypes)
    return { description: spec.description, content: Object.fromEntries(spec.mediaTypes.map((m) => [m, {}])) };
  return { description: spec.description };
}

function operationObject(op: Operation, tag: string) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(op.responses)) responses[status] = response(spec);
  for (const status of errorStatuses(op, pathParams)) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  const body = op.body
    ? { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } }
    : op.bodyMediaTypes
      ? { required: true, content: Object.fromEntries(op.bodyMediaTypes.map((m) => [m, {}])) }
      : undefined;
  return {
    operationId: `${op.method}${op.path
      .replace(/^\/api\/v1/, "")
      .replace(/[{}]/g, "")
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [tag],
    security: SECURITY[op.auth],
    parameters: parameters(op, pathParams),
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of /api/v1, built from the operation registry (lib/openapi/paths). */
export function buildOpenApiDocument(groups: OperationGroup[] = operationGroups) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const group of groups) {
    for (const op of group.operations) {
      const item = (paths[op.path] ??= {});
      if (item[op.method]) throw new Error(`OpenAPI: ${op.method.toUpperCase()} ${op.path} is registered twice`);
      item[op.method] = operationObject(op, group.tag);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "FlowGate API",
      version: "1",
      description:
        'The REST API of the FlowGate control plane. Errors are JSON `{"detail": "…"}`, sometimes with more fields ' +
        "(`errors` for schema violations, `validation` for an invalid config, `conflicts`, `status`). " +
        "Lists answer `{items, total, page, limit}`.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: "/" }],
    tags: groups.map((g) => ({ name: g.tag, description: g.description })),
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: jsonSchema(errorBody, "output") } },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
