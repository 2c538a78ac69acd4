import type { gatewayRoutes } from "../db/schema";
import type { RegisterRouteData, SyncIngressesData } from "./schemas";
import { sameFields } from "../same-fields";

/** One route as stored: the unit of register, sync and the table (unique per org + hostname + path). */
export type RouteSpec = Omit<
  typeof gatewayRoutes.$inferSelect,
  "id" | "orgId" | "gatewayId" | "createdAt" | "updatedAt"
>;

export const routeKey = (r: { hostname: string; path: string }) => `${r.hostname} ${r.path}`;

export function specFromRegister(d: RegisterRouteData): RouteSpec {
  return {
    clusterUuid: d.cluster_uuid,
    hostname: d.hostname,
    path: d.path,
    pathType: d.path_type,
    tls: d.tls,
    namespace: d.namespace,
    serviceName: d.service_name,
    servicePort: d.service_port,
    ingressName: d.ingress_name,
    annotations: d.annotations,
    publicEndpoint: d.public_endpoint,
    routingMode: d.routing_mode,
  };
}

/** Flattens ingresses → rules → paths into routes; the cluster's endpoint and mode apply to each. */
export function expandSync(d: SyncIngressesData): RouteSpec[] {
  return d.ingresses.flatMap((ing) =>
    ing.rules.flatMap((rule) =>
      rule.paths.map((p) => ({
        clusterUuid: d.cluster_uuid,
        hostname: rule.host,
        path: p.path,
        pathType: p.path_type,
        tls: rule.tls,
        namespace: ing.namespace,
        serviceName: p.service_name,
        servicePort: p.service_port,
        ingressName: ing.ingress_name,
        annotations: ing.annotations,
        publicEndpoint: d.public_endpoint,
        routingMode: d.routing_mode,
      })),
    ),
  );
}

/** Key-order-independent JSON, so equal annotation maps compare equal whatever order the agent sent. */
function stableJson(v: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(v)
      .sort()
      .map((k) => [k, v[k]]),
  );
}

const ROUTE_FIELDS = [
  "clusterUuid",
  "pathType",
  "tls",
  "namespace",
  "serviceName",
  "servicePort",
  "ingressName",
  "publicEndpoint",
  "routingMode",
] as const;

/** True when storing `next` over `row` would change nothing (the reporting gateway counts as a field). */
export function sameRoute(
  row: RouteSpec & { gatewayId: string | null },
  next: RouteSpec,
  gatewayId: string | null,
): boolean {
  return (
    sameFields<RouteSpec>(row, next, ROUTE_FIELDS) &&
    row.gatewayId === gatewayId &&
    stableJson(row.annotations) === stableJson(next.annotations)
  );
}
