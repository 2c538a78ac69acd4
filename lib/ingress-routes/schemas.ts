import { z } from "zod";
import { hostnameProblem, k8sNameProblem, pathProblem, portProblem, publicEndpointProblem } from "./validate";
import { pageQuery } from "../http/pagination";

export const ROUTING_MODES = ["direct", "tunnel"] as const;
export const PATH_TYPES = ["Prefix", "Exact", "ImplementationSpecific"] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** Payload limits: an agent's request is refused whole (400/413) rather than half-applied. */
export const LIMITS = {
  annotationsBytes: 16 * 1024,
  syncIngresses: 1000,
  rulesPerIngress: 100,
  pathsPerRule: 100,
  syncRoutes: 5000,
  registerBodyBytes: 64 * 1024,
  syncBodyBytes: 4 * 1024 * 1024,
  unregisterBodyBytes: 4 * 1024,
} as const;

const required = (what: string) => (iss: { input: unknown }) =>
  iss.input === undefined ? "is required" : `must be ${what}`;

/** A zod check that reports a validate.ts rule's reason as the issue message. */
function checked<T extends z.ZodType>(schema: T, problem: (v: z.output<T>) => string | null): T {
  return schema.superRefine((v, ctx) => {
    const p = problem(v);
    if (p) ctx.addIssue({ code: "custom", message: p });
  }) as unknown as T;
}

const str = (max = 2048) => z.string({ error: required("a string") }).max(max, `must be at most ${max} characters`);

// Host names are case-insensitive (RFC 4343): stored lowercase so conflicts compare equal.
export const hostnameSchema = checked(z.string({ error: required("a string") }).toLowerCase(), hostnameProblem);
export const clusterUuidSchema = z
  .string({ error: required("a string") })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
    "must be 1–128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit",
  );
const portSchema = checked(z.number({ error: required("a number") }), portProblem);
const namespaceSchema = checked(str(), (v) => k8sNameProblem(v, "label"));
const serviceNameSchema = checked(str(), (v) => k8sNameProblem(v, "label"));
const ingressNameSchema = checked(str(), (v) => k8sNameProblem(v, "subdomain"));
// Kubernetes allows an empty path for ImplementationSpecific; it matches everything, like "/".
const pathSchema = checked(str(), (v) => (v === "" ? null : pathProblem(v)))
  .optional()
  .transform((v) => v || "/");
const pathTypeSchema = z
  .enum(PATH_TYPES, { error: "must be one of Prefix, Exact, ImplementationSpecific" })
  .default("Prefix");
const tlsSchema = z
  .boolean({ error: "must be true or false" })
  .nullish()
  .transform((v) => v ?? false);
const annotationsSchema = checked(
  z.record(z.string(), z.string({ error: "values must be strings" }), { error: "must be an object of string values" }),
  (v) => {
    const bytes = Buffer.byteLength(JSON.stringify(v));
    return bytes > LIMITS.annotationsBytes
      ? `must be at most ${LIMITS.annotationsBytes} bytes as JSON (got ${bytes})`
      : null;
  },
)
  .nullish()
  .transform((v) => v ?? {});
const routingModeSchema = z.enum(ROUTING_MODES, {
  error: (iss) => (iss.input === undefined ? 'is required ("direct" or "tunnel")' : 'must be "direct" or "tunnel"'),
});
// Agents send "" for "no endpoint" (tunnel mode); it is stored as null.
const publicEndpointSchema = checked(str(255), (v) => (v === "" ? null : publicEndpointProblem(v)))
  .nullish()
  .transform((v) => v || null);

/** direct routes go to the cluster's LoadBalancer, so they need its address; tunnel routes must not carry one. */
function checkRoutingMode(v: { routing_mode: RoutingMode; public_endpoint: string | null }, ctx: z.RefinementCtx) {
  if (v.routing_mode === "direct" && !v.public_endpoint) {
    ctx.addIssue({
      code: "custom",
      path: ["public_endpoint"],
      message: 'is required when routing_mode is "direct" (the LoadBalancer address, like "203.0.113.45:80")',
    });
  }
  if (v.routing_mode === "tunnel" && v.public_endpoint) {
    ctx.addIssue({
      code: "custom",
      path: ["public_endpoint"],
      message: 'must be empty when routing_mode is "tunnel" (tunnel routes go through the agent)',
    });
  }
}

/** The note's RegisterRouteRequest. */
export const registerRouteInput = z
  .object({
    hostname: hostnameSchema,
    cluster_uuid: clusterUuidSchema,
    namespace: namespaceSchema,
    service_name: serviceNameSchema,
    service_port: portSchema,
    ingress_name: ingressNameSchema,
    path: pathSchema,
    path_type: pathTypeSchema,
    tls: tlsSchema,
    annotations: annotationsSchema,
    public_endpoint: publicEndpointSchema,
    routing_mode: routingModeSchema,
  })
  .superRefine(checkRoutingMode);
export type RegisterRouteInput = z.input<typeof registerRouteInput>;
export type RegisterRouteData = z.output<typeof registerRouteInput>;

const syncPath = z.object({
  path: pathSchema,
  path_type: pathTypeSchema,
  service_name: serviceNameSchema,
  service_port: portSchema,
});
const syncRule = z.object({
  host: hostnameSchema,
  tls: tlsSchema,
  paths: z
    .array(syncPath)
    .min(1, "must list at least one path")
    .max(LIMITS.pathsPerRule, `must list at most ${LIMITS.pathsPerRule} paths`),
});
const syncIngress = z.object({
  namespace: namespaceSchema,
  ingress_name: ingressNameSchema,
  annotations: annotationsSchema,
  rules: z
    .array(syncRule)
    .max(LIMITS.rulesPerIngress, `must list at most ${LIMITS.rulesPerIngress} rules`)
    .nullish()
    .transform((v) => v ?? []),
});

/** The note's SyncIngressesRequest: the cluster's full set of ingresses. */
export const syncIngressesInput = z
  .object({
    cluster_uuid: clusterUuidSchema,
    public_endpoint: publicEndpointSchema,
    routing_mode: routingModeSchema,
    // Missing is an error (a typo must not wipe a cluster); null is Go's empty slice.
    ingresses: z
      .array(syncIngress, {
        error: (iss) =>
          iss.input === undefined ? "is required (send [] to remove every route of the cluster)" : "must be an array",
      })
      .max(LIMITS.syncIngresses, `must list at most ${LIMITS.syncIngresses} ingresses per sync`)
      .nullable()
      .transform((v) => v ?? []),
  })
  .superRefine(checkRoutingMode)
  .superRefine(checkSyncRoutes);
export type SyncIngressesInput = z.input<typeof syncIngressesInput>;
export type SyncIngressesData = z.output<typeof syncIngressesInput>;

/** One host+path may come from one place only, and the expanded set has a ceiling. */
function checkSyncRoutes(v: { ingresses: z.output<typeof syncIngress>[] }, ctx: z.RefinementCtx) {
  const seen = new Map<string, string>();
  let total = 0;
  v.ingresses.forEach((ing, i) =>
    ing.rules.forEach((rule, j) =>
      rule.paths.forEach((p, k) => {
        total++;
        const key = `${rule.host} ${p.path}`;
        const where = `${ing.namespace}/${ing.ingress_name}`;
        const first = seen.get(key);
        if (first) {
          ctx.addIssue({
            code: "custom",
            path: ["ingresses", i, "rules", j, "paths", k],
            message: `host "${rule.host}" path "${p.path}" is listed twice (${first} and ${where})`,
          });
        } else seen.set(key, where);
      }),
    ),
  );
  if (total > LIMITS.syncRoutes) {
    ctx.addIssue({
      code: "custom",
      path: ["ingresses"],
      message: `expand to ${total} routes; at most ${LIMITS.syncRoutes} per sync`,
    });
  }
}

export const unregisterRouteInput = z.object({ hostname: hostnameSchema, cluster_uuid: clusterUuidSchema.optional() });
export type UnregisterRouteInput = z.input<typeof unregisterRouteInput>;

// An empty query parameter (an unset filter in a form) means "no filter".
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const listRoutesQuery = pageQuery({ maxLimit: 200, defaultLimit: 50 }).extend({
  q: blank(z.string().trim().max(200, "must be at most 200 characters")),
  cluster_uuid: blank(clusterUuidSchema),
  routing_mode: blank(routingModeSchema),
});
export type ListRoutesQuery = z.input<typeof listRoutesQuery>;
