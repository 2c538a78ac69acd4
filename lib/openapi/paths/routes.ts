import {
  listRoutesQuery,
  registerRouteInput,
  syncIngressesInput,
  unregisterRouteInput,
} from "../../ingress-routes/schemas";
import type { OperationGroup } from "../registry";
import * as r from "../responses/routes";

export const gatewayRoutes: OperationGroup = {
  tag: "Gateway routes",
  description:
    "The ingress route registry: agents in Kubernetes clusters register the hostnames they serve (gateway OpAMP token), members read and manage them.",
  operations: [
    {
      method: "get",
      path: "/api/v1/gateway/routes",
      summary: "List routes",
      auth: "routes",
      query: listRoutesQuery,
      responses: { 200: { description: "A page of routes", schema: r.routeList } },
    },
    {
      method: "post",
      path: "/api/v1/gateway/routes/register",
      summary: "Register a route",
      auth: "routes",
      body: registerRouteInput,
      errors: [409],
      description:
        "200 whether created, updated or unchanged; 409 (with `conflicts`) when another cluster of the org owns the hostname.",
      responses: { 200: { description: "The route and its cluster", schema: r.registeredRoute } },
    },
    {
      method: "post",
      path: "/api/v1/gateway/routes/sync",
      summary: "Sync a cluster's full set of ingresses",
      auth: "routes",
      body: syncIngressesInput,
      errors: [409],
      description: "Routes of the cluster not in the set are removed; send `ingresses: []` to remove them all.",
      responses: { 200: { description: "What changed", schema: r.syncResult } },
    },
    {
      method: "post",
      path: "/api/v1/gateway/routes/unregister",
      summary: "Unregister a hostname",
      auth: "routes",
      body: unregisterRouteInput,
      errors: [404],
      responses: { 200: { description: "How many routes were removed", schema: r.unregistered } },
    },
    {
      method: "get",
      path: "/api/v1/gateway/routes/cluster/{clusterUuid}",
      summary: "List one cluster's routes",
      auth: "routes",
      never: [404],
      description: "Empty when the cluster has none (never 404).",
      responses: { 200: { description: "The cluster's routes", schema: r.clusterRoutes } },
    },
    {
      method: "delete",
      path: "/api/v1/gateway/routes/cluster/{clusterUuid}/binding",
      summary: "Release a cluster from its gateway",
      auth: "routes",
      description:
        "A gateway may register and sync only the clusters bound to it (the first gateway to report a cluster gets it); another gateway's writes are 403 until an operator (not a gateway) releases the cluster here. Audited.",
      responses: { 200: { description: "The released binding", schema: r.clusterRelease } },
    },
  ],
};
