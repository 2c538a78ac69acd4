import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, optionalRef, parentRef, updatedAt } from "./common";
import { orgEntity, orgIdColumn } from "./orgs";
import { gateways } from "./gateways";

export const routingModeEnum = pgEnum("routing_mode", ["direct", "tunnel"]);
export const pathTypeEnum = pgEnum("path_type", ["Prefix", "Exact", "ImplementationSpecific"]);

/** The cluster a route was reported from: the UUID its agent gives (routes and bindings are kept per cluster). */
const clusterUuid = () => text("cluster_uuid").notNull();

/** Ingress routes reported by cluster agents (API and rules in docs/api/routes.md). */
export const gatewayRoutes = pgTable(
  "gateway_routes",
  {
    ...orgEntity(),
    /** The gateway (agent) that reported the route, when it authenticated as one. */
    gatewayId: optionalRef("gateway_id", () => gateways.id),
    clusterUuid: clusterUuid(),
    hostname: text("hostname").notNull(),
    namespace: text("namespace").notNull(),
    serviceName: text("service_name").notNull(),
    servicePort: integer("service_port").notNull(),
    ingressName: text("ingress_name").notNull(),
    path: text("path").notNull().default("/"),
    pathType: pathTypeEnum("path_type").notNull().default("Prefix"),
    tls: boolean("tls").notNull().default(false),
    annotations: jsonb("annotations").$type<Record<string, string>>().notNull().default({}),
    publicEndpoint: text("public_endpoint"),
    routingMode: routingModeEnum("routing_mode").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("gateway_routes_org_host_path_idx").on(t.orgId, t.hostname, t.path),
    index("gateway_routes_org_cluster_idx").on(t.orgId, t.clusterUuid),
  ],
);

/** The gateway that may write a cluster's routes (lib/ingress-routes/binding.ts): its first reporter, until released. */
export const clusterBindings = pgTable(
  "route_cluster_bindings",
  {
    orgId: orgIdColumn(),
    clusterUuid: clusterUuid(),
    gatewayId: parentRef("gateway_id", () => gateways.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clusterUuid] }),
    index("route_cluster_bindings_gateway_id_idx").on(t.gatewayId),
  ],
);
