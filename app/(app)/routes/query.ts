import { tableUrlState } from "@/lib/ui/query-state";

/** The Routes table's URL state, read from the ingress routes list route. */
export const routesQuery = tableUrlState("/api/v1/gateway/routes", {
  limit: 25,
  filters: ["q", "cluster_uuid", "routing_mode"],
});
