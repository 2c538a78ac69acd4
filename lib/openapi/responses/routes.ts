import { z } from "zod";
import { PATH_TYPES, ROUTING_MODES } from "../../ingress-routes/schemas";
import { id, page, timestamp, timestamps } from "./common";

const routingMode = z.enum(ROUTING_MODES);

/** lib/ingress-routes/serialize.ts toRouteJson. */
export const route = z.object({
  id,
  hostname: z.string(),
  cluster_uuid: z.string(),
  namespace: z.string(),
  service_name: z.string(),
  service_port: z.int(),
  ingress_name: z.string(),
  path: z.string(),
  path_type: z.enum(PATH_TYPES),
  tls: z.boolean(),
  annotations: z.record(z.string(), z.string()),
  public_endpoint: z.string().nullable(),
  routing_mode: routingMode,
  gateway_id: id.nullable(),
  ...timestamps,
});
export const routeList = page(route);

/** lib/ingress-routes/store.ts ClusterState. */
const cluster = z.object({
  cluster_uuid: z.string(),
  route_count: z.int(),
  routing_mode: routingMode.nullable(),
  public_endpoint: z.string().nullable(),
  last_sync_at: timestamp,
});

export const registeredRoute = z.object({ result: z.enum(["created", "updated", "unchanged"]), route, cluster });
export const syncResult = z.object({
  cluster_uuid: z.string(),
  routing_mode: routingMode,
  route_count: z.int(),
  created: z.int(),
  updated: z.int(),
  removed: z.int(),
  unchanged: z.int(),
  cluster,
});
export const unregistered = z.object({ hostname: z.string(), removed: z.int(), cluster_uuids: z.array(z.string()) });
export const clusterRelease = z.object({ cluster_uuid: z.string(), released_gateway_id: z.uuid() });
export const clusterRoutes = z.object({ cluster_uuid: z.string(), route_count: z.int(), routes: z.array(route) });
