import { tableUrlState } from "@/lib/ui/query-state";

/** The Agents table's URL state, read from the gateways list route. */
export const agentsQuery = tableUrlState("/api/v1/gateways", {
  limit: 25,
  filters: ["status", "health", "drift", "tag", "q", "template_id", "rollout_state", "os", "arch"],
});
