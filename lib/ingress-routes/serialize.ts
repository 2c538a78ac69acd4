import type { RouteRow } from "./store";

/** The API's route object (snake_case, as in the note's requests). */
export function toRouteJson(r: RouteRow) {
  return {
    id: r.id,
    hostname: r.hostname,
    cluster_uuid: r.clusterUuid,
    namespace: r.namespace,
    service_name: r.serviceName,
    service_port: r.servicePort,
    ingress_name: r.ingressName,
    path: r.path,
    path_type: r.pathType,
    tls: r.tls,
    annotations: r.annotations,
    public_endpoint: r.publicEndpoint,
    routing_mode: r.routingMode,
    gateway_id: r.gatewayId,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}
export type RouteJson = ReturnType<typeof toRouteJson>;
