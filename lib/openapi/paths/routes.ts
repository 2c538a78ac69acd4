import {
  listRoutesQuery,
  registerRouteInput,
  syncIngressesInput,
  unregisterRouteInput,
} from "../../ingress-routes/schemas";
import { del, get, group, post } from "../operation";
import * as r from "../responses/routes";

const R = "/api/v1/gateway/routes";
export const gatewayRoutes = group(
  "Gateway routes",
  "The ingress route registry: agents in Kubernetes clusters register the hostnames they serve (gateway OpAMP token), members read and manage them.",
  [
    get(R, "List routes", [200, "A page of routes", r.routeList], { auth: "routes", query: listRoutesQuery }),
    post(`${R}/register`, "Register a route", [200, "The route and its cluster", r.registeredRoute], {
      auth: "routes",
      body: registerRouteInput,
      errors: [409],
      description:
        "200 whether created, updated or unchanged; 409 (with `conflicts`) when another cluster of the org owns the hostname.",
    }),
    post(`${R}/sync`, "Sync a cluster's full set of ingresses", [200, "What changed", r.syncResult], {
      auth: "routes",
      body: syncIngressesInput,
      errors: [409],
      description: "Routes of the cluster not in the set are removed; send `ingresses: []` to remove them all.",
    }),
    post(`${R}/unregister`, "Unregister a hostname", [200, "How many routes were removed", r.unregistered], {
      auth: "routes",
      body: unregisterRouteInput,
      errors: [404],
    }),
    get(`${R}/cluster/{clusterUuid}`, "List one cluster's routes", [200, "The cluster's routes", r.clusterRoutes], {
      auth: "routes",
      never: [404],
      description: "Empty when the cluster has none (never 404).",
    }),
    del(
      `${R}/cluster/{clusterUuid}/binding`,
      "Release a cluster from its gateway",
      [200, "The released binding", r.clusterRelease],
      {
        auth: "routes",
        description:
          "A gateway may register and sync only the clusters bound to it (the first gateway to report a cluster gets it); another gateway's writes are 403 until an operator (not a gateway) releases the cluster here. Audited.",
      },
    ),
  ],
);
