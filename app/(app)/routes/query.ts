import { readTableQuery, writeTableQuery, type TableQuery } from "@/lib/ui/query-state";

/** The Routes table's URL state; its filter names are the list route's query parameters. */
export const ROUTES_QUERY = { limit: 25, filters: ["q", "cluster_uuid", "routing_mode"] as const };

export const readRoutesQuery = (params: URLSearchParams) => readTableQuery(params, ROUTES_QUERY);
export const writeRoutesQuery = (q: TableQuery) => writeTableQuery(q, ROUTES_QUERY);

/** The REST URL for a state: page and limit always explicit, so one state is one SWR key. */
export function routesApiUrl(q: TableQuery): string {
  const p = new URLSearchParams(writeRoutesQuery(q));
  p.set("page", String(q.page));
  p.set("limit", String(q.limit));
  return `/api/v1/gateway/routes?${p}`;
}
